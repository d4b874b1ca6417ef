"""Notice kinds the billing side writes with server.notify.inbox.notify(), and their params.

The inbox stores `kind` + `params`; the notices side renders the text in the reader's language
(vi first, en). Every params dict is JSON: money int VND, kWh a decimal string, dates
"YYYY-MM-DD", timestamps ISO 8601 UTC (show them in Asia/Ho_Chi_Minh), months "YYYY-MM".
Every billing notice also has `customer_code` set on the row, and `ref` as noted.

bill_issued              ref ("bill", id)
    code, bill_id, month, kwh, total, due_date
    vi: "Hóa đơn tiền điện tháng {month} của {code}: {kwh} kWh, {total} đ, hạn {due_date}."
payment_due              ref ("bill", id) — two days before the due date, bill unpaid
    code, bill_id, month, total, due_date
payment_overdue          ref ("bill", id) — the day after the due date, bill unpaid
    code, bill_id, month, total, due_date, days_late
disconnection_warning    ref ("bill", id) — ten days after the due date, bill still unpaid
    code, bill_id, month, total, due_date, disconnect_from (date supply may be suspended)
payment_received         ref ("bill", id) — once per bill, when the gateway confirms
    code, bill_id, month, amount, paid_at, channel, transaction_id
outage_planned           ref ("outage", id)
    code, outage_id, area, starts_at, ends_at, reason
outage_changed           ref ("outage", id) — new times or reason, or cancelled
    code, outage_id, area, starts_at, ends_at, reason, status ("changed"|"cancelled"), version
reading_date             ref ("reading", "YYYY-MM") — the day before the meter is read
    code, month, read_on
abnormal_use             ref ("day", "YYYY-MM-DD") — a day above the person's threshold
    code, date, kwh, threshold_kwh
forecast_over_threshold  ref ("forecast", "YYYY-MM") — at most once per period
    code, month, projected_kwh, projected_total, threshold_vnd, period_end
announcement             ref ("announcement", id) — staff message; customer_code is None
    title, body, area (None = everyone)
"""

from __future__ import annotations

BILL_ISSUED = "bill_issued"
PAYMENT_DUE = "payment_due"
PAYMENT_OVERDUE = "payment_overdue"
DISCONNECTION_WARNING = "disconnection_warning"
PAYMENT_RECEIVED = "payment_received"
OUTAGE_PLANNED = "outage_planned"
OUTAGE_CHANGED = "outage_changed"
READING_DATE = "reading_date"
ABNORMAL_USE = "abnormal_use"
FORECAST_OVER_THRESHOLD = "forecast_over_threshold"
ANNOUNCEMENT = "announcement"

BILLING_KINDS = (
    BILL_ISSUED,
    PAYMENT_DUE,
    PAYMENT_OVERDUE,
    DISCONNECTION_WARNING,
    PAYMENT_RECEIVED,
    OUTAGE_PLANNED,
    OUTAGE_CHANGED,
    READING_DATE,
    ABNORMAL_USE,
    FORECAST_OVER_THRESHOLD,
    ANNOUNCEMENT,
)
