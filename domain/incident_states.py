"""The state machine of an unplanned outage (incident): reported → confirmed → crew_dispatched
→ restored, or not_our_fault (the problem is inside the home). Pure: no clock, no database."""

from __future__ import annotations

from typing import Literal

IncidentStatus = Literal[
    "reported", "confirmed", "crew_dispatched", "restored", "not_our_fault", "lapsed", "merged"
]
OPEN: frozenset[str] = frozenset({"reported", "confirmed", "crew_dispatched"})
# `lapsed` is the system's: nobody confirmed it and no report came within the window.
# `merged` is an incident staff folded into another (its reports moved there).
FINAL: frozenset[str] = frozenset({"restored", "not_our_fault", "lapsed", "merged"})
STATES: tuple[str, ...] = ("reported", "confirmed", "crew_dispatched", "restored", "not_our_fault")
# Forward only; staff may skip a step (a crew already on the street restores at once). Staying
# in an open state is allowed: that is a new estimate or a note, not a move.
_MOVES: dict[str, frozenset[str]] = {
    "reported": frozenset(
        {"reported", "confirmed", "crew_dispatched", "restored", "not_our_fault"}
    ),
    "confirmed": frozenset({"confirmed", "crew_dispatched", "restored", "not_our_fault"}),
    "crew_dispatched": frozenset({"crew_dispatched", "restored", "not_our_fault"}),
    "restored": frozenset(),
    "not_our_fault": frozenset(),
    "lapsed": frozenset(),
    "merged": frozenset(),
}


class InvalidIncidentMove(Exception):
    def __init__(self, current: str, new: str) -> None:
        super().__init__(f"an incident that is {current} cannot become {new}")
        self.current, self.new = current, new


def next_status(current: str, new: str) -> str:
    """`new` if an incident may move from `current` to it, else InvalidIncidentMove."""
    if new not in _MOVES.get(current, frozenset()):
        raise InvalidIncidentMove(current, new)
    return new


def allowed_next(current: str) -> list[str]:
    """The moves staff are offered, in the order work goes (staying put excluded)."""
    return [s for s in STATES if s in _MOVES.get(current, frozenset()) and s != current]


def is_open(status: str) -> bool:
    return status in OPEN
