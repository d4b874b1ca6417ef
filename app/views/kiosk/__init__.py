"""Kiosk profile: start screen, idle sign-out and the "Tôi đã xong" button."""
