"""News, fraud warnings and the personal data protection policy (public articles)."""
