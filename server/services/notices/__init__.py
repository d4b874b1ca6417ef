"""Notices the utility sends on its own: staff announcements, planned outages, the daily
reminder sweep (due, overdue, disconnection, reading day, alerts) and outbox retention. The
notice kinds and texts themselves live in server/notify/ (services → notify, never back)."""
