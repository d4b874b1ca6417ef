"""Mirror of app/views/auth/."""
