"""Password hashing (argon2id), access JWTs, opaque refresh tokens and OTP codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

AUDIENCE = "diennha-app"
ISSUER = "diennha"
_hasher = PasswordHasher()  # argon2id with the library's RFC 9106 low-memory profile
# Verified when the phone is unknown so both answers take the same time.
_DUMMY_HASH = _hasher.hash("not-a-real-password-0000")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    session_id: int
    staff: bool
    issued_at: int = 0  # Unix seconds (`iat`)
    expires_at: int = 0  # Unix seconds (`exp`); long-lived streams end then


class TokenIssuer:
    """Signs and checks access tokens with the server secret (HS256 only: no `alg` games)."""

    def __init__(self, secret: str, minutes: int) -> None:
        self._secret, self.lifetime = secret, timedelta(minutes=minutes)

    def issue(self, user_id: int, session_id: int, staff: bool = False) -> str:
        now = datetime.now(UTC)
        claims = {
            "sub": str(user_id),
            "sid": session_id,
            "iat": now,
            "exp": now + self.lifetime,
            "aud": AUDIENCE,
            "iss": ISSUER,
            "typ": "access",
        }
        if staff:
            claims["staff"] = True
        return jwt.encode(claims, self._secret, algorithm="HS256")

    def verify(self, token: str) -> AccessClaims | None:
        try:
            c = jwt.decode(
                token,
                self._secret,
                algorithms=["HS256"],
                audience=AUDIENCE,
                issuer=ISSUER,
                options={"require": ["exp", "iat", "sub", "aud", "iss"]},
            )
            if c.get("typ") != "access":
                return None
            staff = bool(c.get("staff", False))
            return AccessClaims(int(c["sub"]), int(c["sid"]), staff, int(c["iat"]), int(c["exp"]))
        except (jwt.PyJWTError, KeyError, ValueError, TypeError):
            return None


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_otp() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def otp_digest(secret: str, phone: str, purpose: str, code: str) -> str:
    """Keyed so a leaked table cannot be brute-forced offline over the million codes."""
    msg = f"{phone}|{purpose}|{code}".encode()
    return hmac.new(secret.encode(), msg, hashlib.sha256).hexdigest()


def same_digest(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)
