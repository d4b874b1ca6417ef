"""ORM tables; importing this package registers every table on Base.metadata."""

from server.models import adjustments as _adjustments  # noqa: F401  (issue 18)
from server.models import incidents as _incidents  # noqa: F401  (registers the incident tables)
from server.models import payment_batches as _payment_batches  # noqa: F401  (issue 21)
from server.models import rooms as _rooms  # noqa: F401  (issue 18, tenants)
from server.models import services as _services  # noqa: F401  (registers the service tables)
from server.models.accounts import AuditRecord, Contract, Link
from server.models.base import Base, utcnow
from server.models.billing import Bill, InvoiceCounter, PaymentEvent
from server.models.intervals import ApiToken, IntervalDay, SolarInstallation
from server.models.notices import Delivery, Notification, OutboxMessage
from server.models.outages import AlertSetting, Announcement, Area, Outage, SentNotice
from server.models.public import Article, Office
from server.models.readings import DailyReading, IndexReading, Meter, ReadingSchedule
from server.models.users import Consent, Device, OtpCode, RefreshToken, SignInSession, User

__all__ = [
    "AlertSetting",
    "Announcement",
    "ApiToken",
    "Area",
    "Article",
    "AuditRecord",
    "Base",
    "Bill",
    "Consent",
    "Contract",
    "DailyReading",
    "Delivery",
    "Device",
    "IndexReading",
    "IntervalDay",
    "InvoiceCounter",
    "Link",
    "Meter",
    "Notification",
    "Office",
    "OtpCode",
    "Outage",
    "OutboxMessage",
    "PaymentEvent",
    "ReadingSchedule",
    "RefreshToken",
    "SentNotice",
    "SignInSession",
    "SolarInstallation",
    "User",
    "utcnow",
]
