"""ORM tables; importing this package registers every table on Base.metadata."""

from server.models.accounts import AuditRecord, Contract, Link
from server.models.base import Base, utcnow
from server.models.notices import Delivery, Notification, OutboxMessage
from server.models.public import Article, Office
from server.models.users import Consent, Device, OtpCode, RefreshToken, SignInSession, User

__all__ = [
    "Article",
    "AuditRecord",
    "Base",
    "Consent",
    "Contract",
    "Delivery",
    "Device",
    "Link",
    "Notification",
    "Office",
    "OtpCode",
    "OutboxMessage",
    "RefreshToken",
    "SignInSession",
    "User",
    "utcnow",
]
