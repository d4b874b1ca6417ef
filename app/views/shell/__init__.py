"""The signed-in frame: account switcher, settings, bottom bar or rail, offline banner."""
