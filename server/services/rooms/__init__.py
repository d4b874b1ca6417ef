"""Rooms let on a customer code and their tenants (issue 18, "Tenants' share"): the owner's
side (owner.py), invitations (invitations.py) and a tenant's shares (shares.py)."""
