"""A stand-in screen for features still to come (issue 7 replaces each route)."""
