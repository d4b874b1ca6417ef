"""Who is signing in: registration, password and OTP sign-in with lock-out, token rotation,
one-time codes, and changing the password while signed in."""
