"""Two costs paid on every screen change that do nothing for the person (issue 20, measured
with py-spy/cProfile in the web process, bench/web_nav_cpu.py):

- `flet_web`'s `send_message` writes `transport_log.debug(f"send_message: {message}")`: the
  f-string turns the whole patch (every control of the new screen) into text even when
  debug logging is off — ~6–10 % of the web process's CPU per navigation. `Message.__str__`
  here is short unless that logger is on at DEBUG, when it is the full dataclass repr again.
- httpcore asks `import sniffio` before every lock and event of every request; sniffio is
  not installed (anyio 4 no longer needs it), so each ask searched sys.path and failed —
  ~3–5 % of the web process's CPU. Marking it absent in `sys.modules` makes the failure
  immediate (the import system's documented "None in sys.modules" rule); installed, it is
  left alone.

Nothing else changes: the same bytes go on the wire, the same requests to the API."""

from __future__ import annotations

import importlib.util
import logging
import sys

_done = False


def install() -> None:
    global _done
    if _done:
        return
    _done = True
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]
    try:
        from flet.messaging.protocol import Message
    except ImportError:  # pragma: no cover - flet is a dependency of the client
        return
    transport_log = logging.getLogger("flet_transport")

    def short(self: Message) -> str:
        if transport_log.isEnabledFor(logging.DEBUG):
            return repr(self)
        return f"Message({getattr(self.action, 'name', self.action)})"

    Message.__str__ = short  # type: ignore[method-assign,assignment]
