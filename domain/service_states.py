"""The state machine of a service request: who may move it from which state to which."""

from __future__ import annotations

from typing import Literal

Actor = Literal["customer", "staff"]
FINAL = frozenset({"done", "rejected", "cancelled"})
# (from, to) -> who may make that move. Signing is the customer's move out of
# awaiting_signature; cancelling is theirs until work starts; everything else is staff's.
MOVES: dict[tuple[str, str], Actor] = {
    ("awaiting_signature", "submitted"): "customer",
    ("awaiting_signature", "cancelled"): "customer",
    ("submitted", "cancelled"): "customer",
    ("received", "cancelled"): "customer",
    ("scheduled", "cancelled"): "customer",
    ("submitted", "received"): "staff",
    ("submitted", "rejected"): "staff",
    ("received", "scheduled"): "staff",
    ("received", "in_progress"): "staff",
    ("received", "rejected"): "staff",
    ("scheduled", "scheduled"): "staff",  # a new appointment
    ("scheduled", "in_progress"): "staff",
    ("scheduled", "rejected"): "staff",
    ("in_progress", "done"): "staff",
    ("in_progress", "rejected"): "staff",
}
STATES = frozenset({s for pair in MOVES for s in pair})


class InvalidTransition(Exception):
    def __init__(self, current: str, new: str, actor: str) -> None:
        super().__init__(f"a request that is {current} cannot become {new} (by {actor})")
        self.current, self.new, self.actor = current, new, actor


def next_state(current: str, new: str, actor: Actor) -> str:
    """`new` if `actor` may move a request from `current` to it, else InvalidTransition."""
    if MOVES.get((current, new)) != actor:
        raise InvalidTransition(current, new, actor)
    return new


def allowed_next(current: str, actor: Actor) -> list[str]:
    return sorted(new for (old, new), who in MOVES.items() if old == current and who == actor)
