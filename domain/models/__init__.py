"""Wire schemas shared by client and server (pydantic only), one module per feature."""

from domain.models.accounts import (
    AccountPublic,
    AuditRecord,
    LinkCreate,
    LinkPublic,
    LinkRole,
    LinkStatus,
    MeterType,
)
from domain.models.auth import (
    ConsentPurpose,
    LoginRequest,
    LogoutRequest,
    OtpLoginRequest,
    OtpPurpose,
    OtpRequest,
    PasswordReset,
    RefreshRequest,
    RegisterRequest,
    SessionPublic,
    Tokens,
    UserPublic,
    UserUpdate,
)
from domain.models.common import Page, Problem, ProblemField
from domain.models.notices import (
    NotificationPage,
    NotificationPublic,
    ReadAllResult,
    UnreadCount,
)
from domain.models.public import Article, ArticleKind, Company, Office

__all__ = [
    "AccountPublic",
    "Article",
    "ArticleKind",
    "AuditRecord",
    "Company",
    "ConsentPurpose",
    "LinkCreate",
    "LinkPublic",
    "LinkRole",
    "LinkStatus",
    "LoginRequest",
    "LogoutRequest",
    "MeterType",
    "NotificationPage",
    "NotificationPublic",
    "Office",
    "OtpLoginRequest",
    "OtpPurpose",
    "OtpRequest",
    "Page",
    "PasswordReset",
    "Problem",
    "ProblemField",
    "ReadAllResult",
    "RefreshRequest",
    "RegisterRequest",
    "SessionPublic",
    "Tokens",
    "UnreadCount",
    "UserPublic",
    "UserUpdate",
]
