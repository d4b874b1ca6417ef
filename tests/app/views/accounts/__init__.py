"""Mirror of app/views/accounts/."""
