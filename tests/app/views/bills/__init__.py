"""Mirror of app/views/bills/."""
