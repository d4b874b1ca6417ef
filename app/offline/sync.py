"""Fill the offline cache while the backend answers: the accounts, then for each approved code
the latest bills, 24 months of usage and the outages of the coming weeks. The calls go through
the ordinary repositories, so the cache keeps exactly what the screens would ask for."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.services.accounts_repository import AccountsRepository
from app.services.api_client import ApiClient
from app.services.bill_repository import BillRepository
from app.services.errors import AppError
from app.services.outage_repository import OutageRepository
from app.services.usage_repository import UsageRepository
from app.views.months import add_months
from domain import clock

log = logging.getLogger(__name__)

MONTHS = 24
OUTAGE_DAYS = 30
EVERY = timedelta(minutes=15)  # at most one full refresh per quarter hour


@dataclass
class OfflineSync:
    api: ApiClient
    accounts: AccountsRepository
    bills: BillRepository
    usage: UsageRepository
    outages: OutageRepository
    last: datetime | None = field(default=None)

    async def refresh(self, force: bool = False) -> bool:
        """True when everything was fetched (and so kept); False when the backend went away."""
        now = clock.now()
        if not force and self.last is not None and now - self.last < EVERY:
            return True
        hits = self.api.cache_hits
        try:
            listed = await self.accounts.list_accounts()
            today = clock.today()
            first = add_months(today.replace(day=1), -(MONTHS - 1))
            for account in listed:
                if account.status != "approved":
                    continue
                code = account.customer_code
                await self.bills.bills(code, today.year)
                if today.month <= 2:  # the latest bills may close last year
                    await self.bills.bills(code, today.year - 1)
                await self.usage.monthly(code, first, today)
                await self.outages.outages(code, today, today + timedelta(days=OUTAGE_DAYS))
        except AppError as e:
            log.info("offline data not refreshed: %s", e.code)
            return False
        if self.api.cache_hits != hits:  # answered from the cache: nothing new was fetched
            return False
        self.last = now
        return True
