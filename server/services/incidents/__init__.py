"""Unplanned outages (issue 17): reports, grouping into incidents, staff moves, notices."""
