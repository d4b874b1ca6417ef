"""HTTP gateway adapter shared by SMS and Zalo: token auth, idempotency key, error classes."""

from __future__ import annotations

import httpx

from server.notify.sending import OutgoingMessage, PermanentSendError, SendError

# Worth another try later: timeouts, throttling, and the gateway's own troubles.
_TRANSIENT = {408, 425, 429}


class HttpGateway:
    """POSTs JSON to the gateway with `Authorization: Bearer <token>` and `Idempotency-Key`.

    The key is the same on every attempt of one outbox row, so when we crash after the
    gateway accepted a message but before we recorded it, the repeat is dropped there.
    A 409 answer means the gateway already holds that key: counted as delivered."""

    channel = "gateway"

    def __init__(
        self,
        url: str,
        token: str | None,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.url = url
        self._client = httpx.AsyncClient(timeout=timeout, headers=headers, transport=transport)

    def payload(self, msg: OutgoingMessage) -> dict:
        raise NotImplementedError

    async def send(self, msg: OutgoingMessage) -> str:
        key = msg.idempotency_key
        try:
            r = await self._client.post(
                self.url, json=self.payload(msg), headers={"Idempotency-Key": key}
            )
        except httpx.HTTPError as exc:  # refused, reset, timed out: the gateway is away
            raise SendError(f"{self.channel} gateway unreachable: {type(exc).__name__}") from exc
        if r.status_code == 409:
            return f"duplicate of {key}"
        if r.status_code in _TRANSIENT or r.status_code >= 500:
            raise SendError(f"{self.channel} gateway answered {r.status_code}")
        if r.status_code >= 400:
            raise PermanentSendError(
                f"{self.channel} gateway refused with {r.status_code}: {r.text[:120]}"
            )
        return _receipt(r) or f"accepted {r.status_code}"

    async def aclose(self) -> None:
        await self._client.aclose()


def _receipt(r: httpx.Response) -> str | None:
    try:
        data = r.json()
    except ValueError:
        return None
    if isinstance(data, dict):
        for name in ("id", "message_id", "msg_id"):
            if data.get(name) is not None:
                return str(data[name])
    return None
