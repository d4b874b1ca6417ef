"""Welcome, sign-in (password or one-time code), registration and forgotten password."""
