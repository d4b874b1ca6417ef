"""Mirror of app/views/pay/."""
