"""Mirror of app/views/."""
