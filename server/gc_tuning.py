"""Garbage collector settings for a serving process (`python -m server serve` turns them on).

After start-up the process holds a few hundred thousand long-lived objects (FastAPI,
SQLAlchemy, pydantic, our statements built once). CPython's full collections walk all of
them, and with the default thresholds a request-heavy worker runs one every second or so:
a pause of tens of milliseconds that every request in flight waits out. Measured with
bench/http_load.py, one worker, 64 connections: /accounts p99 158 -> 30 ms and 2,449 ->
3,896 req/s; usage/monthly p99 163 -> 50 ms (bench/RESULTS.md).

- gc.freeze() moves everything alive after start-up into the permanent generation, which
  collections no longer scan (it is never garbage: modules, routes, pools).
- A larger first threshold collects the young generation every 20,000 net allocations
  instead of 700: a request allocates a few hundred objects, nearly all freed by reference
  counting, so the collector had little to find. Cyclic garbage waits a little longer.

Off in tests and library use (create_app() in-process): frozen objects of many short-lived
apps would never be collected."""

from __future__ import annotations

import gc

YOUNG, MIDDLE, OLD = 20_000, 50, 100


def tune_gc() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG, MIDDLE, OLD)
