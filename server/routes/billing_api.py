"""All billing routers in one: usage, bills, outages and alerts of a code, public tariffs /
estimate / outages, the payment webhook, and staff operations."""

from __future__ import annotations

from fastapi import APIRouter

from server.routes import admin, bills, outages, payments, public_billing, usage

router = APIRouter()
for _module in (usage, bills, outages, public_billing, payments, admin):
    router.include_router(_module.router)
