"""Query parameters of date and month windows, checked with 422 problems that name the field."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.exceptions import RequestValidationError

from server.services.billing.periods import add_months, months_between, parse_month


def invalid(field: str, message: str) -> RequestValidationError:
    return RequestValidationError(
        [{"loc": ("query", field), "msg": message, "type": "value_error"}]
    )


# Any window the API serves lies in these years: outside them the date arithmetic around a
# window (a year earlier, a month later) overflowed Python's dates into 500s (year 1, 9999).
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def _in_years(field: str, day: date | None) -> None:
    if day is not None and not EARLIEST <= day <= LATEST:
        raise invalid(field, f"must be between {EARLIEST.year} and {LATEST.year}")


def day_window(
    first: date | None, last: date | None, today: date, default_days: int, max_days: int
) -> tuple[date, date]:
    """from/to as local days; defaults end today (or `default_days` after `from`)."""
    _in_years("from", first)
    _in_years("to", last)
    if last is None:
        last = today if first is None else first + timedelta(days=default_days - 1)
    if first is None:
        first = last - timedelta(days=default_days - 1)
    if first > last:
        raise invalid("from", "from must not be after to")
    if (last - first).days + 1 > max_days:
        raise invalid("to", f"the window is at most {max_days} days")
    return first, last


def month_window(
    first: str | None, last: str | None, current: date, default_months: int, max_months: int
) -> tuple[date, date]:
    """from/to as YYYY-MM; defaults end with the current month."""
    try:
        end = parse_month(last) if last else None
    except ValueError as exc:
        raise invalid("to", str(exc)) from None
    try:
        start = parse_month(first) if first else None
    except ValueError as exc:
        raise invalid("from", str(exc)) from None
    _in_years("to", end)
    _in_years("from", start)
    if end is None:
        end = current if start is None else add_months(start, default_months - 1)
    if start is None:
        start = add_months(end, -(default_months - 1))
    if start > end:
        raise invalid("from", "from must not be after to")
    if months_between(start, end) > max_months:
        raise invalid("to", f"the window is at most {max_months} months")
    return start, end


def ahead_window(
    first: date | None, last: date | None, today: date, default_days: int, max_days: int
) -> tuple[date, date]:
    """Like day_window, for things planned ahead: the default starts today."""
    _in_years("from", first)
    _in_years("to", last)
    if first is None:
        first = today if last is None or last >= today else last - timedelta(days=default_days - 1)
    if last is None:
        last = first + timedelta(days=default_days - 1)
    return day_window(first, last, today, default_days, max_days)
