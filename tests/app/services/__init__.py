"""Mirror of app/services/."""
