"""The incident state machine: forward only, closed states are final, staying is re-estimating."""

from __future__ import annotations

import pytest

from domain.incident_states import (
    FINAL,
    OPEN,
    InvalidIncidentMove,
    allowed_next,
    is_open,
    next_status,
)


def test_the_usual_path_and_a_skip():
    s = "reported"
    for new in ("confirmed", "crew_dispatched", "restored"):
        s = next_status(s, new)
    assert s == "restored"
    assert next_status("reported", "restored") == "restored"  # the crew was already there


@pytest.mark.parametrize("closed", sorted(FINAL))
@pytest.mark.parametrize("new", ["reported", "confirmed", "crew_dispatched", "restored"])
def test_nothing_leaves_a_closed_state(closed, new):
    with pytest.raises(InvalidIncidentMove):
        next_status(closed, new)


def test_no_way_back_and_staying_open_is_allowed():
    with pytest.raises(InvalidIncidentMove):
        next_status("crew_dispatched", "confirmed")
    assert next_status("confirmed", "confirmed") == "confirmed"
    with pytest.raises(InvalidIncidentMove):
        next_status("reported", "lapsed")  # the system's, never staff's


def test_offered_moves_in_the_order_work_goes():
    assert allowed_next("reported") == ["confirmed", "crew_dispatched", "restored", "not_our_fault"]
    assert allowed_next("crew_dispatched") == ["restored", "not_our_fault"]
    assert allowed_next("restored") == []
    assert all(is_open(s) for s in OPEN) and not any(is_open(s) for s in FINAL)
