"""Business rules, grouped by capability: billing, usage, accounts, audit, identity, notices,
bill_insight, incidents, intervals, service_requests, api_tokens (payments.py joins a
package once its branch lands). Routes call services; services call server/notify/; neither
notify nor the services import back up (tests/server/test_layering.py)."""
