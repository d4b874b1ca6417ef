"""Printing a bill at a kiosk counter: the e-invoice PDF goes to a folder of this session only
and on to the system's printer; the folder is deleted when the session ends (nothing of one
person stays on the machine for the next). In the browser the PDF is downloaded instead and
printed from the browser's viewer."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


def system_print(path: Path) -> None:
    """Hand a file to the default printer (Windows' print verb, CUPS `lp` elsewhere)."""
    if sys.platform == "win32":
        os.startfile(str(path), "print")  # type: ignore[attr-defined]  # noqa: S606
        return
    lp = shutil.which("lp")
    if lp is None:
        raise OSError("no printing system (CUPS `lp`) on this machine")
    subprocess.run([lp, str(path)], check=True, timeout=30, capture_output=True)  # noqa: S603


class KioskPrinter:
    def __init__(self, send: Callable[[Path], None] = system_print) -> None:
        self._send = send
        self._folder: Path | None = None

    @property
    def folder(self) -> Path | None:
        return self._folder

    def print_pdf(self, data: bytes, file_name: str) -> None:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="diennha-kiosk-"))  # mode 0700
        path = self._folder / Path(file_name).name
        path.write_bytes(data)
        path.chmod(0o600)
        self._send(path)

    def wipe(self) -> None:
        folder, self._folder = self._folder, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
