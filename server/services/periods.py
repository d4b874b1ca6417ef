"""Old address, kept only for server/services/payments.py: that file changes on another
branch while the services move into packages (issue 15). Delete this file once payments.py
imports `month_label` from `server.services.billing.periods`
(tests/server/test_layering.py allows no other importer)."""

from server.services.billing.periods import month_label as month_label
