"""Online electricity-service requests: catalogue, filing and signing, tracking, staff queue."""
