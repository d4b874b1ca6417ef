"""Mirror of app/views/settings/."""
