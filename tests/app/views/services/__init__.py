"""Mirror of app/views/services/."""
