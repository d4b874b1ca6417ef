"""Thông báo: the inbox, its live unread badge and deep links to what a notice is about."""
