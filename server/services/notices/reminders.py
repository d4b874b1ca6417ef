"""The daily sweep of scheduled notices: payment due / overdue / disconnection warning,
tomorrow's meter reading, and the alerts people set (a day above their kWh threshold, a
forecast bill above their VND threshold). Each notice is claimed by a sent_notices key in
its own transaction, so running the sweep twice a day sends nothing twice. Only approved
links are told."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import AlertSetting, Bill, Contract, DailyReading, Link, Meter, SentNotice
from server.models.accounts import household_link
from server.notify import kinds
from server.notify.inbox import notify
from server.reads import SessionReads
from server.services.billing.credits import amount_due, credit_column
from server.services.billing.kwh import kwh_text
from server.services.billing.periods import load_schedule, month_label, month_start, read_day
from server.services.usage.forecast import compute_forecast

DUE_SOON = timedelta(days=2)
WARN_AFTER = timedelta(days=10)
SUSPEND_AFTER = timedelta(days=15)


class Sweep:
    def __init__(self, session: AsyncSession, today: date) -> None:
        self.session, self.today = session, today
        self.counts: dict[str, int] = defaultdict(int)

    async def _claim(self, keys: list[str]) -> set[str]:
        """The keys not sent before; marks them sent in this transaction."""
        if not keys:
            return set()
        done = set(
            (await self.session.execute(select(SentNotice.key).where(SentNotice.key.in_(keys))))
            .scalars()
            .all()
        )
        new = set(keys) - done
        self.session.add_all(SentNotice(key=k) for k in new)
        return new

    async def _approved(self, codes: set[str]) -> dict[str, list[int]]:
        rows = await self.session.execute(
            select(Link.customer_code, Link.user_id).where(
                Link.customer_code.in_(codes), household_link()
            )
        )
        users: dict[str, list[int]] = defaultdict(list)
        for code, user_id in rows.all():
            users[code].append(user_id)
        return users

    def _send(self, user_id: int, kind: str, code: str, params: dict, ref: tuple[str, str]):
        notify(self.session, user_id, kind, {"code": code, **params}, customer_code=code, ref=ref)
        self.counts[kind] += 1

    async def bills(self) -> None:
        t = self.today
        windows = (
            (kinds.PAYMENT_DUE, t, t + DUE_SOON),
            (kinds.PAYMENT_OVERDUE, t - WARN_AFTER + timedelta(days=1), t - timedelta(days=1)),
            (kinds.DISCONNECTION_WARNING, t - timedelta(days=60), t - WARN_AFTER),
        )
        for kind, first, last in windows:
            found = (
                await self.session.execute(
                    select(Bill, credit_column()).where(
                        Bill.status == "unpaid", Bill.due_date.between(first, last)
                    )
                )
            ).all()
            # what the person pays: a credit from an adjustment bill lowers it (issue 18)
            due = {b.id: amount_due(b.total, credit) for b, credit in found}
            rows = [b for b, _ in found]
            fresh = await self._claim([f"{kind}:{b.id}" for b in rows])
            users = await self._approved({b.customer_code for b in rows})
            for b in rows:
                if f"{kind}:{b.id}" not in fresh:
                    continue
                params = {
                    "bill_id": b.id,
                    "month": month_label(b.period_month),
                    "total": due[b.id],
                    "due_date": b.due_date.isoformat(),
                }
                if kind == kinds.PAYMENT_OVERDUE:
                    params["days_late"] = (t - b.due_date).days
                if kind == kinds.DISCONNECTION_WARNING:
                    params["disconnect_from"] = (b.due_date + SUSPEND_AFTER).isoformat()
                for user_id in users.get(b.customer_code, []):
                    self._send(user_id, kind, b.customer_code, params, ("bill", str(b.id)))

    async def reading_dates(self) -> None:
        tomorrow = self.today + timedelta(days=1)
        month = month_start(tomorrow)
        schedule = await load_schedule(self.session, month, month)
        contracts = (
            await self.session.execute(select(Contract.customer_code, Contract.area_code))
        ).all()
        due = [code for code, area in contracts if read_day(schedule, area, month) == tomorrow]
        fresh = await self._claim([f"reading_date:{c}:{month_label(month)}" for c in due])
        users = await self._approved(set(due))
        for code in due:
            if f"reading_date:{code}:{month_label(month)}" in fresh:
                params = {"month": month_label(month), "read_on": tomorrow.isoformat()}
                for user_id in users.get(code, []):
                    self._send(
                        user_id, kinds.READING_DATE, code, params, ("reading", params["month"])
                    )

    async def alerts(self) -> None:
        rows = (
            await self.session.execute(
                select(AlertSetting, Contract)
                .join(Contract, Contract.customer_code == AlertSetting.customer_code)
                .join(
                    Link,
                    (Link.user_id == AlertSetting.user_id)
                    & (Link.customer_code == AlertSetting.customer_code),
                )
                .where(household_link())
            )
        ).all()
        yesterday = self.today - timedelta(days=1)
        used = dict(
            (
                await self.session.execute(
                    select(Meter.customer_code, DailyReading.wh)
                    .join(DailyReading, DailyReading.meter_id == Meter.id)
                    .where(
                        Meter.customer_code.in_({c.customer_code for _, c in rows}),
                        DailyReading.day == yesterday,
                    )
                )
            ).all()
        )
        forecasts: dict[str, object] = {}
        for alert, contract in rows:
            code, user = contract.customer_code, alert.user_id
            wh = used.get(code)
            if alert.daily_wh is not None and wh is not None and wh > alert.daily_wh:
                key = f"abnormal_use:{code}:{yesterday}:{user}"
                if await self._claim([key]):
                    params = {
                        "date": yesterday.isoformat(),
                        "kwh": kwh_text(wh),
                        "threshold_kwh": kwh_text(alert.daily_wh),
                    }
                    self._send(user, kinds.ABNORMAL_USE, code, params, ("day", str(yesterday)))
            if alert.forecast_vnd is not None:
                await self._forecast_alert(forecasts, alert, contract)

    async def _forecast_alert(self, forecasts: dict, alert: AlertSetting, contract) -> None:
        code = contract.customer_code
        if code not in forecasts:
            try:
                reads = SessionReads(self.session)
                forecasts[code] = await compute_forecast(reads, contract, self.today)
            except Exception:  # no history yet: nothing to warn about
                forecasts[code] = None
        f = forecasts[code]
        if f is None or f.projected_total <= alert.forecast_vnd:
            return
        month = month_label(month_start(f.period_end))
        if await self._claim([f"forecast:{code}:{month}:{alert.user_id}"]):
            params = {
                "month": month,
                "projected_kwh": str(f.projected_kwh),
                "projected_total": f.projected_total,
                "threshold_vnd": alert.forecast_vnd,
                "period_end": f.period_end.isoformat(),
            }
            ref = ("forecast", month)
            self._send(alert.user_id, kinds.FORECAST_OVER_THRESHOLD, code, params, ref)


async def run_daily_sweep(session: AsyncSession, today: date) -> dict[str, int]:
    """All of the above in the caller's transaction; the caller commits and announces."""
    sweep = Sweep(session, today)
    await sweep.bills()
    await sweep.reading_dates()
    await sweep.alerts()
    return dict(sweep.counts)
