"""Which read routes a personal token's scopes open. Everything else — every write, the
profile, links, audit, tokens themselves, staff routes — is `insufficient_scope`."""

from __future__ import annotations

import re

# (path under /api/v1, scope needed); None: any read scope (the code's own card)
RULES: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"/accounts/(?P<code>[^/]+)/usage/[^/]+"), "read:usage"),
    (re.compile(r"/accounts/(?P<code>[^/]+)/(forecast|reading-schedule)"), "read:usage"),
    (re.compile(r"/accounts/(?P<code>[^/]+)/bills(/[^/]+(/[^/]+)?)?"), "read:bills"),
    (re.compile(r"/accounts/(?P<code>[^/]+)/outages"), "read:outages"),
    (re.compile(r"/accounts/(?P<code>[^/]+)"), None),
)
READ_METHODS = frozenset({"GET", "HEAD"})


def needed(method: str, path: str) -> tuple[bool, str | None, str | None]:
    """(allowed at all, scope needed or None for any, customer code in the path)."""
    if method not in READ_METHODS:
        return False, None, None
    for pattern, scope in RULES:
        m = pattern.fullmatch(path)
        if m:
            return True, scope, m.group("code")
    return False, None, None
