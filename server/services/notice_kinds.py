"""Old address, kept only for server/services/payments.py: that file changes on another
branch while the services move into packages (issue 15). Delete this file once payments.py
imports `PAYMENT_RECEIVED` from `server.notify.kinds`
(tests/server/test_layering.py allows no other importer)."""

from server.notify.kinds import PAYMENT_RECEIVED as PAYMENT_RECEIVED
