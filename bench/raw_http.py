"""A cheap open-loop HTTP/1.1 load generator for the benchmarks (127.0.0.1 only): requests
pre-encoded as bytes, `connections` keep-alive sockets, request i sent at its scheduled moment
(or as soon as a connection is free after it), latency counted from that moment (no
coordinated omission). The httpx client cost 7.7 ms of CPU per request in bench/outage_storm.py,
more than the server under test on the same 2 cores; this one reads only the status line and
Content-Length."""

from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import urlsplit


def post_json(url: str, body: dict) -> bytes:
    parts = urlsplit(url)
    data = json.dumps(body, ensure_ascii=False).encode()
    head = (
        f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
    )
    return head.encode() + data


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> int:
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    if length:
        await reader.readexactly(length)
    return status


async def open_loop(
    url: str, requests: list[bytes], seconds: float, connections: int
) -> tuple[list[float], dict[int, int], float]:
    """(latencies in ms from schedule, answers by status (-1: transport errors, resent), took)."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    step = seconds / max(1, len(requests))
    following = iter(range(len(requests)))
    t0 = time.perf_counter()

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        for i in following:
            due = t0 + i * step
            if (wait := due - time.perf_counter()) > 0:
                await asyncio.sleep(wait)
            for _attempt in range(3):
                try:
                    status = await _exchange(reader, writer, requests[i])
                    break
                except (ConnectionError, asyncio.IncompleteReadError):
                    statuses[-1] = statuses.get(-1, 0) + 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
            else:
                status = 0
            latencies.append((time.perf_counter() - due) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
        writer.close()

    await asyncio.gather(*(connection() for _ in range(connections)))
    return latencies, statuses, time.perf_counter() - t0
