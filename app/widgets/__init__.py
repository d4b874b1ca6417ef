"""Pieces of UI used by several features (semantics tags, states, screen frame, breakdown)."""
