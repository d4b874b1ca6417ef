"""Personal read-only API tokens (issue 19): issue, list, revoke, and the gate that lets one
act as its owner's sign-in on the read routes its scopes name."""
