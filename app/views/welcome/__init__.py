"""The first screen: what the app is, sign in, register, or continue as a guest."""
