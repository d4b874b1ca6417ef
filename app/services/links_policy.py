"""Which addresses the app may open outside itself: https on the official hosts of flet.toml
(`[app] link_hosts`, subdomains included) and nothing else.

Fake utility sites and "pay here" links are a common scam; a link that reaches the app in a
notice, an article or a server answer is opened only when it passes `allowed()`."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

log = logging.getLogger(__name__)


class LinkRefused(ValueError):
    """The address is not https on an official host."""


class LinksPolicy:
    def __init__(self, hosts: Iterable[str]) -> None:
        self._hosts = tuple(h.lower().rstrip(".") for h in hosts)

    def allowed(self, url: str) -> bool:
        try:
            parts = urlsplit(url.strip())
            host = (parts.hostname or "").rstrip(".")
            port = parts.port
        except ValueError:
            return False
        if parts.scheme != "https" or not host or parts.username or parts.password:
            return False
        if port not in (None, 443) or _is_address(host):
            return False
        return any(host == h or host.endswith("." + h) for h in self._hosts)

    def check(self, url: str) -> str:
        if not self.allowed(url):
            raise LinkRefused(url)
        return url


async def open_link(
    policy: LinksPolicy, url: str, launch: Callable[[str], Awaitable[object]]
) -> bool:
    """The only way the app opens an address (`launch` is UrlLauncher().launch_url); False if refused."""
    if not policy.allowed(url):
        log.warning("refused to open a link outside the allow-list (host %s)", _host_of(url))
        return False
    await launch(url)
    return True


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _host_of(url: str) -> str:
    try:
        return urlsplit(url).hostname or "?"
    except ValueError:
        return "?"
