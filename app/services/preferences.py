"""Language and theme choices kept between launches (never anything secret)."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preferences:
    locale: str | None = None
    theme: str | None = None  # "light" | "dark" | None = follow the system
    large_text: bool = False  # one step up across the board (as on the kiosk)


class PreferencesStore(Protocol):
    def load(self) -> Preferences: ...
    def save(self, prefs: Preferences) -> None: ...


def app_data_dir() -> Path:
    """Flet sets FLET_APP_STORAGE_DATA in packaged apps; desktop Python uses the XDG place."""
    packaged = os.environ.get("FLET_APP_STORAGE_DATA")
    if packaged:
        return Path(packaged)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "diennha"


class FilePreferences:
    """preferences.json in the app's data directory."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "preferences.json"

    def load(self) -> Preferences:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return Preferences(
                locale=raw.get("locale"),
                theme=raw.get("theme"),
                large_text=raw.get("large_text") is True,
            )
        except FileNotFoundError:
            return Preferences()
        except (ValueError, AttributeError, OSError) as e:
            log.warning("ignoring unreadable %s: %s", self.path, e)
            return Preferences()

    def save(self, prefs: Preferences) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(asdict(prefs)), encoding="utf-8")
        except OSError as e:
            log.warning("could not save %s: %s", self.path, e)


class MemoryPreferences:
    """Web sessions and kiosks: choices last as long as the session."""

    def __init__(self) -> None:
        self._prefs = Preferences()

    def load(self) -> Preferences:
        return self._prefs

    def save(self, prefs: Preferences) -> None:
        self._prefs = prefs
