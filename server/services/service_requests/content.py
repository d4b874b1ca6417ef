"""The canonical content of a request that a signature covers, and its SHA-256."""

from __future__ import annotations

import hashlib
import json

from server.models.services import ServiceRequest


def canonical_content(r: ServiceRequest) -> bytes:
    """Sorted-key compact JSON of what the person agrees to: change any field, the hash changes."""
    doc = {
        "tracking_no": r.tracking_no,
        "type": r.type,
        "customer_code": r.customer_code,
        "filer_user_id": r.filer_user_id,
        "fields": r.fields,
        "note": r.note,
    }
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_sha256(r: ServiceRequest) -> str:
    return hashlib.sha256(canonical_content(r)).hexdigest()
