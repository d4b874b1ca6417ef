"""Filing and signing on PostgreSQL in as few round trips as the rules allow (issue 16: ≥ 500
filings with signature a second was the target; bench/service_requests.py).

Each API call is one transaction, and its writes are one statement: data-modifying CTEs put
the request, its timeline row and its audit record (filing); the retired and the new sign code,
the SMS and the request's code id (sending); the signature, the status, the timeline row, the
audit record, the notices and their outbox intents (signing) in at once. The ORM path in
filing.py does the same work row by row (SQLite; every test runs on both).

The values written here are the ORM models' defaults spelt out (outbox `pending`, attempts 0,
times from utcnow): tests/server/test_service_filing.py reads the rows back on both databases."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Result, TextClause, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

# The id is drawn first so the tracking number (DV + yymmdd + the id in at least 7 digits, as
# f"{id:07d}" writes it) goes in with the row; lpad alone would cut a longer id.
_FILE = text(
    """
WITH n AS (SELECT nextval(pg_get_serial_sequence('service_requests', 'id')) AS id),
r AS (
    INSERT INTO service_requests (id, tracking_no, type, customer_code, area_code, filer_user_id,
        fields, note, status, due_on, created_at, updated_at)
    SELECT n.id, CAST(:prefix AS text) || lpad(n.id::text, greatest(7, length(n.id::text)), '0'),
        CAST(:type AS text), CAST(:code AS text), CAST(:area AS text), CAST(:filer AS bigint),
        CAST(:fields AS json), CAST(:note AS text), CAST(:status AS text), CAST(:due_on AS date),
        CAST(:now AS timestamptz), CAST(:now AS timestamptz)
    FROM n
    RETURNING id, tracking_no
),
e AS (
    INSERT INTO service_request_events (request_id, status, at, note, by)
    SELECT r.id, CAST(:status AS text), CAST(:now AS timestamptz), NULL, CAST(:by AS text) FROM r
),
a AS (
    INSERT INTO audit_log (at, actor_user_id, actor, action, customer_code, purpose, detail)
    SELECT CAST(:now AS timestamptz), CAST(:filer AS bigint), CAST(:by AS text),
        'service_request_filed', CAST(:code AS text), CAST(:purpose AS text),
        r.tracking_no || ' ' || CAST(:type AS text)
    FROM r
)
SELECT id, tracking_no FROM r
"""
).bindparams(bindparam("fields", type_=JSON))


async def insert_request(
    session: AsyncSession, *, prefix: str, values: dict[str, Any], by: str, purpose: str
) -> tuple[int, str]:
    """The request with its first timeline row and its audit record: (id, tracking number)."""
    row = (
        await _execute(
            session,
            _FILE,
            {
                "prefix": prefix,
                "type": values["type"],
                "code": values["customer_code"],
                "area": values["area_code"],
                "filer": values["filer_user_id"],
                "fields": values["fields"],
                "note": values["note"],
                "status": values["status"],
                "due_on": values["due_on"],
                "now": values["created_at"],
                "by": by,
                "purpose": purpose,
            },
        )
    ).one()
    return row.id, row.tracking_no


# The older live sign codes are retired and the new one stored in one statement: the UPDATE
# sees the snapshot from before the INSERT, so it never retires the new code.
_SEND = text(
    """
WITH old AS (
    UPDATE otp_codes SET used_at = :now
    WHERE phone = :phone AND purpose = :purpose AND used_at IS NULL
),
o AS (
    INSERT INTO otp_codes (phone, purpose, code_hash, created_at, expires_at, attempts)
    VALUES (:phone, :purpose, :code_hash, :now, :expires_at, 0)
    RETURNING id
),
m AS (
    INSERT INTO outbox (channel, "to", body, created_at, status, attempts, next_attempt_at)
    VALUES ('sms', :phone, :sms, :now, 'pending', 0, :now)
),
u AS (
    UPDATE service_requests SET sign_otp_id = (SELECT id FROM o) WHERE id = :request_id
)
SELECT id FROM o
"""
)


async def store_sign_code(
    session: AsyncSession,
    *,
    request_id: int,
    phone: str,
    purpose: str,
    code_hash: str,
    sms: str,
    now: datetime,
    expires_at: datetime,
) -> int:
    """Retires the phone's live sign codes, stores the new one and queues its SMS: its id."""
    return (
        await _execute(
            session,
            _SEND,
            {
                "request_id": request_id,
                "phone": phone,
                "purpose": purpose,
                "code_hash": code_hash,
                "sms": sms,
                "now": now,
                "expires_at": expires_at,
            },
        )
    ).scalar_one()


# Signing in one statement. `t` is one try at the code (identity/otp.py's consume_otp, the
# same rules): the code must be the phone's newest live code of the purpose AND the one sent
# for this request, unexpired, under the attempt limit. The try takes an attempt whatever the
# answer; a right code, or the last allowed wrong one, marks it used (one-time; burnt). No row:
# nothing to try, no attempt taken. Comparing in SQL: the stored value is a keyed HMAC of the
# code, and so is the guess's; how long `=` takes tells at most how many leading hex digits of
# two unpredictable digests agree, which says nothing about the code.
# Only a right code moves the request (`r`), and only from awaiting_signature; everything else
# is written from `r`: the signature, the timeline row, the audit record and the notice, which
# goes as timeline.tell sends it to the filer and the code's approved owners, one inbox row and
# one outbox intent each (the intent's JSON as fanout.notice_intent writes it).
_SIGN = text(
    """
WITH latest AS (
    SELECT id FROM otp_codes
    WHERE phone = :phone AND purpose = :otp_purpose AND used_at IS NULL
    ORDER BY id DESC LIMIT 1
    FOR UPDATE
),
t AS (
    UPDATE otp_codes AS o
    SET attempts = o.attempts + 1,
        used_at = CASE WHEN o.code_hash = :code_hash OR o.attempts + 1 >= :max_attempts
                       THEN CAST(:now AS timestamptz) END
    FROM latest
    WHERE o.id = latest.id AND o.id = :otp_id AND o.used_at IS NULL
      AND o.expires_at > :now AND o.attempts < :max_attempts
    RETURNING o.code_hash = :code_hash AS ok
),
r AS (
    UPDATE service_requests
    SET status = CAST(:status AS text), due_on = CAST(:due_on AS date),
        updated_at = CAST(:now AS timestamptz)
    FROM t
    WHERE t.ok AND id = CAST(:request_id AS bigint) AND status = CAST(:from_status AS text)
    RETURNING id
),
s AS (
    INSERT INTO service_signatures (request_id, user_id, signer, signed_at, ip, device,
        content_sha256)
    SELECT r.id, CAST(:user_id AS bigint), CAST(:by AS text), CAST(:now AS timestamptz),
        CAST(:ip AS text), CAST(:device AS text), CAST(:sha AS text)
    FROM r
    RETURNING id
),
e AS (
    INSERT INTO service_request_events (request_id, status, at, note, by)
    SELECT r.id, CAST(:status AS text), CAST(:now AS timestamptz), NULL, CAST(:by AS text) FROM r
),
a AS (
    INSERT INTO audit_log (at, actor_user_id, actor, action, customer_code, purpose, detail)
    SELECT CAST(:now AS timestamptz), CAST(:user_id AS bigint), CAST(:by AS text),
        'service_request_signed', CAST(:code AS text), CAST(:purpose AS text),
        CAST(:audit_detail AS text)
    FROM r
),
who AS (
    SELECT CAST(:user_id AS bigint) AS user_id
    UNION
    SELECT user_id FROM links
    WHERE customer_code = CAST(:code AS text) AND role = 'owner' AND status = 'approved'
),
n AS (
    INSERT INTO notifications (user_id, kind, params, customer_code, ref_type, ref_id, created_at)
    SELECT who.user_id, CAST(:kind AS text), CAST(:params AS json), CAST(:code AS text),
        'service_request', r.id::text, CAST(:now AS timestamptz)
    FROM r, who
),
i AS (
    INSERT INTO outbox (channel, "to", body, created_at, status, attempts, next_attempt_at)
    SELECT CAST(:intent_channel AS text), 'user:' || who.user_id,
        json_build_object('user_id', who.user_id, 'kind', CAST(:kind AS text),
            'params', CAST(:params AS json), 'customer_code', CAST(:code AS text),
            'ref', json_build_array('service_request', r.id::text))::text,
        CAST(:now AS timestamptz), 'pending', 0, CAST(:now AS timestamptz)
    FROM r, who
)
SELECT (SELECT ok FROM t) AS ok, (SELECT id FROM s) AS signature_id,
    ARRAY(SELECT user_id FROM who) AS told
"""
).bindparams(bindparam("params", type_=JSON))


async def sign(
    session: AsyncSession,
    *,
    otp_id: int | None,
    phone: str,
    otp_purpose: str,
    code_hash: str,
    max_attempts: int,
    request_id: int,
    from_status: str,
    status: str,
    due_on: date | None,
    now: datetime,
    user_id: int,
    by: str,
    ip: str,
    device: str,
    sha: str,
    code: str | None,
    purpose: str,
    audit_detail: str,
    kind: str,
    params: dict,
    intent_channel: str,
) -> tuple[bool | None, int | None, list[int]]:
    """(the code was right / wrong / there was none to try, the signature's id or None, the
    people told). A wrong try is written too: the caller commits it and refuses."""
    row = (
        await _execute(
            session,
            _SIGN,
            {
                "otp_id": otp_id,
                "phone": phone,
                "otp_purpose": otp_purpose,
                "code_hash": code_hash,
                "max_attempts": max_attempts,
                "request_id": request_id,
                "from_status": from_status,
                "status": status,
                "due_on": due_on,
                "now": now,
                "user_id": user_id,
                "by": by,
                "ip": ip,
                "device": device,
                "sha": sha,
                "code": code,
                "purpose": purpose,
                "audit_detail": audit_detail,
                "kind": kind,
                "params": params,
                "intent_channel": intent_channel,
            },
        )
    ).one()
    return row.ok, row.signature_id, list(row.told) if row.signature_id else []


async def _execute(session: AsyncSession, statement: TextClause, params: dict) -> Result:
    """On the session's connection and transaction, past the ORM's per-statement work."""
    conn = await session.connection()
    return await conn.execute(statement, params)
