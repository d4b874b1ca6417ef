"""Mirror of app/views/usage/."""
