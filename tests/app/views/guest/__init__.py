"""Mirror of app/views/guest/."""
