"""Mirror of app/views/links/."""
