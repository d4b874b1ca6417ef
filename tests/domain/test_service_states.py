"""The service-request state machine: random sequences of moves never reach an illegal state."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.service_states import FINAL, MOVES, STATES, InvalidTransition, allowed_next, next_state

STATUSES = sorted(STATES)
ACTORS = ["customer", "staff"]


@given(st.lists(st.tuples(st.sampled_from(STATUSES), st.sampled_from(ACTORS)), max_size=40))
def test_random_moves_only_follow_the_table(moves):
    state, path = "awaiting_signature", ["awaiting_signature"]
    for new, actor in moves:
        try:
            state = next_state(state, new, actor)
        except InvalidTransition:
            assert MOVES.get((state, new)) != actor
            continue
        path.append(state)
    for old, new in itertools.pairwise(path):
        assert (old, new) in MOVES
    # nothing leaves a final state, and only staff finish work
    finals = [i for i, s in enumerate(path) if s in FINAL]
    if finals:
        assert finals[0] == len(path) - 1
    if "done" in path:
        assert "in_progress" in path and "submitted" in path


@pytest.mark.parametrize("state", ["in_progress", "done", "rejected", "cancelled"])
def test_cancel_after_work_started_is_refused(state):
    with pytest.raises(InvalidTransition):
        next_state(state, "cancelled", "customer")


def test_customers_cannot_do_staff_moves_and_staff_cannot_sign():
    with pytest.raises(InvalidTransition):
        next_state("submitted", "received", "customer")
    with pytest.raises(InvalidTransition):
        next_state("awaiting_signature", "submitted", "staff")
    assert allowed_next("scheduled", "staff") == ["in_progress", "rejected", "scheduled"]
    assert allowed_next("done", "staff") == [] == allowed_next("done", "customer")
