"""The append-only audit log: records (written in the caller's transaction, by accounts,
identity, service requests, incidents and bill review) and log (owners read theirs)."""
