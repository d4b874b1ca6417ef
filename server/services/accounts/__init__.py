"""A person and their customer codes: links and link requests (owner approval, reminders),
nicknames, masking for unapproved links, and the person's own data (profile, consents,
sessions, export, erasure)."""
