"""Old address, kept only for server/services/payments.py: that file changes on another
branch while the services move into packages (issue 15). Delete this file once payments.py
imports `split_bill_number` from `server.services.billing.invoices`
(tests/server/test_layering.py allows no other importer)."""

from server.services.billing.invoices import split_bill_number as split_bill_number
