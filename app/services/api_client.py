"""HTTP to the backend: base URL, bearer token, one shared refresh on 401, errors as AppError."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import httpx

from app.services.credentials import Credentials
from app.services.errors import AppError, AuthError, OfflineError, ServerError, error_for_status
from domain.digits import ascii_int
from domain.models import Tokens

if TYPE_CHECKING:
    from app.offline.cache import OfflineCache

log = logging.getLogger(__name__)

# Refreshing with these answers means the refresh token itself is dead: sign in again.
# ok; offline = this device has no network; unavailable = our service does not answer.
Connection = Literal["ok", "offline", "unavailable"]
_DEAD_REFRESH = {400, 401, 403, 404, 422}
_GATEWAY_DOWN = {502, 503, 504}
_UNREACHABLE = {"offline", "unavailable", "timeout"}


class ApiClient:
    def __init__(
        self,
        base_url: str,
        credentials: Credentials,
        *,
        timeout_s: float = 15.0,
        transport: httpx.AsyncBaseTransport | None = None,
        on_session_lost: Callable[[], None] | None = None,
        on_connectivity: Callable[[Connection], None] | None = None,
        forwarded_for: str | None = None,
        server_side: bool = False,
        cache: OfflineCache | None = None,
        on_cached: Callable[[datetime], None] | None = None,
    ) -> None:
        self.credentials = credentials
        # Phones and desktop: the last answers, served when the backend cannot be reached.
        self.cache = cache
        self.on_cached = on_cached
        self.cache_hits = 0
        self.on_session_lost = on_session_lost
        self.on_connectivity = on_connectivity
        # Web mode: the browser reached this process, so an API that does not answer is
        # our service being down, never the person's network.
        self._down: Connection = "unavailable" if server_side else "offline"
        self.forwarding_headers = forwarding_headers(forwarded_for)
        self._refresh_lock = asyncio.Lock()
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + "/",
            timeout=httpx.Timeout(timeout_s, connect=min(5.0, timeout_s)),
            transport=transport,
            headers={"Accept": "application/json, application/problem+json"}
            | self.forwarding_headers,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def resume_session(self) -> bool:
        """At start-up: trade a stored refresh token for an access token, if there is one."""
        return await self._refresh(failed_token=None)

    async def get(self, path: str, params: dict[str, Any] | None = None, auth: bool = True) -> Any:
        try:
            body = _body(await self.send("GET", path, params=params, auth=auth))
        except (OfflineError, ServerError) as e:
            if self.cache is None or e.code not in _UNREACHABLE:
                raise
            hit = await self.cache.lookup(path, params)
            if hit is None:
                raise
            self.cache_hits += 1
            if self.on_cached:
                self.on_cached(hit.saved_at)
            return hit.body
        if self.cache is not None and auth:
            await self.cache.store(path, params, body)
        return body

    async def post(self, path: str, json: Any = None, auth: bool = True) -> Any:
        return _body(await self.send("POST", path, json=json, auth=auth))

    async def patch(self, path: str, json: Any = None) -> Any:
        return _body(await self.send("PATCH", path, json=json))

    async def put(self, path: str, json: Any = None) -> Any:
        return _body(await self.send("PUT", path, json=json))

    async def delete(self, path: str) -> Any:
        return _body(await self.send("DELETE", path))

    async def send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> httpx.Response:
        """One call; with `auth`, a 401 triggers one refresh (shared by all callers) and a retry."""
        if auth and self.credentials.access_token is None:
            if not await self._refresh(failed_token=None):
                self._session_lost()
                raise AuthError(code="session_expired", status=401)
        used = self.credentials.access_token if auth else None
        response = await self._raw(method, path, json, params, used, files)
        if auth and response.status_code == 401:
            if not await self._refresh(failed_token=used):
                self._session_lost()
                raise AuthError(code="session_expired", status=401)
            response = await self._raw(
                method, path, json, params, self.credentials.access_token, files
            )
            if response.status_code == 401:
                await self.credentials.forget()
                self._session_lost()
                raise AuthError(code="session_expired", status=401)
        if response.status_code >= 400:
            raise _problem(response)
        return response

    async def _raw(
        self,
        method: str,
        path: str,
        json: Any,
        params: Any,
        token: str | None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else None
        try:
            response = await self._http.request(
                method, path.lstrip("/"), json=json, params=params, headers=headers, files=files
            )
        except httpx.TimeoutException as e:
            self._connectivity(self._down)
            raise OfflineError(code="timeout") from e
        except httpx.TransportError as e:
            self._connectivity(self._down)
            raise OfflineError(code=self._down) from e
        if response.status_code in _GATEWAY_DOWN:  # a proxy answering for a dead API
            self._connectivity("unavailable")
            raise ServerError(code="unavailable", status=response.status_code)
        self._connectivity("ok")
        log.debug("%s %s -> %s", method, path, response.status_code)
        return response

    async def _refresh(self, failed_token: str | None) -> bool:
        """True when a usable access token exists afterwards. Concurrent callers wait here
        and reuse the token the first one obtained: refresh tokens are single-use."""
        async with self._refresh_lock:
            current = self.credentials.access_token
            if current is not None and current != failed_token:
                return True
            refresh_token = await self.credentials.refresh_token()
            if not refresh_token:
                return False
            response = await self._raw(
                "POST", "auth/refresh", {"refresh_token": refresh_token}, None, None
            )
            if response.status_code in _DEAD_REFRESH:
                await self.credentials.forget()
                return False
            if response.status_code >= 400:
                raise _problem(response)
            await self.credentials.accept(Tokens.model_validate(response.json()))
            return True

    def _session_lost(self) -> None:
        if self.on_session_lost:
            self.on_session_lost()

    def _connectivity(self, connection: Connection) -> None:
        if self.on_connectivity:
            self.on_connectivity(connection)


def forwarding_headers(client_ip: str | None) -> dict[str, str]:
    """Web mode: every browser's calls leave from this server, so the API would count them
    all as one address. Name the browser's address (the API believes it only from a trusted
    proxy, see `--forwarded-allow-ips`) so per-address limits apply to each person."""
    if not client_ip:
        return {}
    try:
        address = ipaddress.ip_address(client_ip.strip())
    except ValueError:
        return {}
    return {"X-Forwarded-For": str(address)}


def _body(response: httpx.Response) -> Any:
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError as e:
        raise ServerError(code="bad_response", status=response.status_code) from e


def _problem(response: httpx.Response) -> AppError:
    """RFC 9457 body -> AppError; a body that is not a problem still gets a status-based code."""
    code = detail = None
    fields: dict[str, str] = {}
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        code = body.get("code") if isinstance(body.get("code"), str) else None
        detail = body.get("detail") if isinstance(body.get("detail"), str) else None
        for item in body.get("errors") or []:
            if isinstance(item, dict) and "field" in item:
                fields[str(item["field"])] = str(item.get("message", ""))
    retry_after = response.headers.get("Retry-After")
    return error_for_status(
        response.status_code,
        code,
        detail,
        fields,
        ascii_int(retry_after, max_digits=9),
    )
