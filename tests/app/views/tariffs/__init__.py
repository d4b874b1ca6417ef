"""Mirror of app/views/tariffs/."""
