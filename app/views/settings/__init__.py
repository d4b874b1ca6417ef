"""Settings: language, theme, sign out and sign out everywhere."""
