"""Access-token claims kept per token for the token's remaining lifetime (PyJWT costs ~7 % of
an authenticated request). Safe to keep: the signature, audience and issuer checks give the
same answer every time for the same string, and `exp` is checked again on every use. Whether
the sign-in is still live is never kept here: the database is asked on every request."""

from __future__ import annotations

import base64
import json
import time

from server.security import AccessClaims, TokenIssuer

CACHE_SIZE = 4096


class ClaimsCache:
    """Verified tokens of one issuer (one secret): token -> (claims, exp)."""

    def __init__(self, issuer: TokenIssuer, size: int = CACHE_SIZE) -> None:
        self.issuer, self.size = issuer, size
        self._known: dict[str, tuple[AccessClaims, float]] = {}

    def verify(self, token: str) -> AccessClaims | None:
        hit = self._known.get(token)
        if hit is not None:
            if time.time() < hit[1]:  # PyJWT's rule: expired once now >= exp (no leeway)
                return hit[0]
            del self._known[token]
            return None
        claims = self.issuer.verify(token)
        if claims is None:
            return None  # refusals are not kept: a wrong token costs a verification each time
        if len(self._known) >= self.size:
            del self._known[next(iter(self._known))]  # the oldest; tokens live minutes
        self._known[token] = (claims, _expiry(token))
        return claims


def _expiry(token: str) -> float:
    """`exp` of a token whose signature was just verified (PyJWT required it)."""
    payload = token.split(".")[1]
    return float(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["exp"])


def verified_claims(ctx, token: str) -> AccessClaims | None:
    """The context's cache (ServerContext.claims), rebuilt if the context's issuer was replaced."""
    cache = ctx.claims
    if cache is None or cache.issuer is not ctx.tokens:
        cache = ctx.claims = ClaimsCache(ctx.tokens)
    return cache.verify(token)
