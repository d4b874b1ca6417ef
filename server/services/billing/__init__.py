"""Bills: the monthly bill run (bill_run*: lock, sources, compose, rows, batch, the PostgreSQL
COPY path, parallel workers, notices in bulk), billing periods, e-invoice numbers and PDF, and
a code's bills as its linked people see them (bills)."""
