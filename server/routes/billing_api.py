"""All billing routers in one: usage, bills, outages and alerts of a code, public tariffs /
estimate / outages, the payment webhook, and staff operations."""

from __future__ import annotations

from fastapi import APIRouter

from server.routes import admin, bills, outages, payments, public_bill_status, public_billing, usage

# server/main.py includes these itself, one level under the app, HOT first (the endpoints
# customers open most); `router` bundles them for anything that wants one router.
HOT = (usage, bills, public_billing)
REST = (outages, payments, public_bill_status, admin)
router = APIRouter()
for _module in (*HOT, *REST):
    router.include_router(_module.router)
