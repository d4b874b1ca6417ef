"""Mirror of app/views/notices/."""
