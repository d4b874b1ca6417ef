"""Mirror of app/views/kiosk/."""
