"""The signed-in person's customer codes: switcher, statuses, adding a code."""
