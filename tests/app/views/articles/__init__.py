"""Mirror of app/views/articles/."""
