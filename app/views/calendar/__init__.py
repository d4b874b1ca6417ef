"""Lịch: the month of planned outages and meter-reading dates of the selected code."""
