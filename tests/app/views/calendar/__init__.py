"""Mirror of app/views/calendar/."""
