"""Phones and desktop only: the last data kept encrypted for when the backend is out of reach."""
