"""app/hot_paths.py: Flet's message text is short unless its transport log is on at DEBUG
(then the whole message again), and an absent sniffio fails its import at once."""

from __future__ import annotations

import importlib
import logging

import pytest
from flet.messaging.protocol import Message, MessageAction

from app import hot_paths


def test_message_text_is_short_unless_the_transport_log_debugs():
    hot_paths.install()
    hot_paths.install()  # once is enough; twice changes nothing
    message = Message(action=MessageAction.PATCH_CONTROL, body={"big": "x" * 10_000})
    assert len(str(message)) < 100 and "PATCH_CONTROL" in str(message)
    log = logging.getLogger("flet_transport")
    level = log.level
    log.setLevel(logging.DEBUG)
    try:
        assert "x" * 10_000 in str(message)  # debugging shows everything, as before
    finally:
        log.setLevel(level)


def test_an_absent_sniffio_fails_at_once_and_anyio_still_runs():
    hot_paths.install()
    if importlib.util.find_spec("sniffio") is not None:
        pytest.skip("sniffio is installed here: hot_paths leaves it alone")
    with pytest.raises(ImportError):
        importlib.import_module("sniffio")
    import anyio

    async def one() -> int:
        return 1

    assert anyio.run(one) == 1
