"""The outbox dispatcher: claims due messages under a lease, sends them, records each attempt.

Claim: in one short transaction a batch of due pending rows is picked (on PostgreSQL with
FOR UPDATE SKIP LOCKED, so dispatchers never wait on each other) and an UPDATE … RETURNING
that re-checks "pending and due" moves `next_attempt_at` a lease ahead and adds one to
`attempts` (on SQLite that UPDATE is atomic under the database write lock, and the re-check
drops rows another dispatcher took in between). A claimed row is invisible to every other
dispatcher — process or machine — until its lease ends, and no transaction stays open
while a gateway is called. Same code on both databases; no Redis or advisory lock needed.

Notice intents (channel `notice`) of a batch are expanded together: one fenced
UPDATE … RETURNING marks the intents still ours, the people, consents, notice contacts and
devices of the whole batch are read with one statement each, and the channel messages and
Delivery rows are inserted with executemany, all in one transaction (fanout.fan_out_many).

Outcome: in one transaction per batch (executemany) the row is marked sent (or scheduled for a retry with
exponential backoff and jitter, or failed after `max_attempts`), guarded by
`attempts = <value we claimed>` — a fencing token, so a dispatcher whose lease ran out
can't overwrite the newer claim — and one Delivery row records the attempt.

Guarantee, honestly: at-least-once delivery, effectively once. The only window for a
repeat is a crash (or lost database) after the gateway accepted and before the outcome
committed; the row then comes due again when the lease ends and is sent with the same
idempotency key (`diennha-outbox-<id>`), which the SMS/Zalo gateways de-duplicate. SMTP has
no such key: the Message-ID is the same, but a mail can arrive twice in that window.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, insert, select, tuple_, update
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.models import Delivery, OutboxMessage, utcnow
from server.notify.fanout import NOTICE_CHANNEL, fan_out_many
from server.notify.sending import OutgoingMessage, PermanentSendError, Sender, SendError

log = logging.getLogger("diennha.outbox")
_OUTCOME_TRIES = 3
_CLAIM_ROUNDS = 6


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 10
    base_seconds: float = 15.0
    max_seconds: float = 3600.0

    def delay(self, attempt: int) -> float:
        """Exponential, capped, with jitter so a recovered gateway isn't hit all at once."""
        ceiling = min(self.max_seconds, self.base_seconds * 2 ** max(0, attempt - 1))
        return random.uniform(ceiling / 2, ceiling)  # noqa: S311 (timing, not security)


@dataclass(frozen=True)
class Claim:
    id: int
    channel: str
    to: str
    subject: str | None
    body: str
    attempts: int  # after this claim; also the fencing token

    def outgoing(self) -> OutgoingMessage:
        return OutgoingMessage(self.id, self.channel, self.to, self.subject, self.body)


@dataclass(frozen=True)
class Outcome:
    claim: Claim
    ok: bool
    detail: str
    final: bool


class Dispatcher:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        senders: dict[str, Sender],
        *,
        policy: RetryPolicy | None = None,
        lease_seconds: float = 120.0,
        batch_size: int = 20,
        poll_seconds: float = 1.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.sessions, self.senders = sessions, senders
        self.policy = policy or RetryPolicy()
        self.lease = timedelta(seconds=lease_seconds)
        self.batch_size, self.poll_seconds, self.clock = batch_size, poll_seconds, clock
        self._wake = asyncio.Event()

    async def claim(self) -> list[Claim]:
        """Leases a batch of due messages to this dispatcher (empty when nothing is due)."""
        for attempt in range(_CLAIM_ROUNDS):
            picked, claims = await self._claim_round()
            if claims or not picked:
                return claims
            # Every picked row was taken by another dispatcher first (SQLite, where the pick
            # locks nothing): let that one's transaction end, then pick again.
            await asyncio.sleep(random.uniform(0, 0.01 * (attempt + 1)))  # noqa: S311
        return []

    async def _claim_round(self) -> tuple[bool, list[Claim]]:
        now = self.clock()
        due = (OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
        # Two statements, not UPDATE … WHERE id IN (SELECT … LIMIT … SKIP LOCKED): PostgreSQL
        # may run such a subquery once per row and so claim far more than the batch.
        pick = (
            select(OutboxMessage.id)
            .where(*due)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(self.batch_size)
            .with_for_update(skip_locked=True)
        )
        lease = (
            update(OutboxMessage)
            .where(*due)  # again: on SQLite the pick locked nothing
            .values(attempts=OutboxMessage.attempts + 1, next_attempt_at=now + self.lease)
            .returning(*(getattr(OutboxMessage, f) for f in Claim.__dataclass_fields__))
            .execution_options(synchronize_session=False)
        )
        async with self.sessions() as session:
            ids = list((await session.execute(pick)).scalars())
            if not ids:
                await session.rollback()
                return False, []
            rows = (await session.execute(lease.where(OutboxMessage.id.in_(ids)))).all()
            await session.commit()
        return True, sorted((Claim(*row) for row in rows), key=lambda c: c.id)

    async def run_once(self) -> int:
        """Claims one batch and settles every message in it; returns how many were claimed.
        The batch's notice intents are expanded together (fan_out_many: a few statements for
        the whole batch); its channel messages are sent concurrently and their outcomes
        recorded together in one transaction."""
        claims = await self.claim()
        intents = [c for c in claims if c.channel == NOTICE_CHANNEL]
        sends = [c for c in claims if c.channel != NOTICE_CHANNEL]
        await asyncio.gather(self._fan_out(intents), self._send_all(sends))
        return len(claims)

    async def run_until_idle(self, max_batches: int = 1000) -> int:
        """Works until nothing is due (fan-out intents add messages due at once)."""
        total = 0
        for _ in range(max_batches):
            n = await self.run_once()
            if n == 0:
                break
            total += n
        return total

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """The loop of a running server: survives database and gateway outages."""
        pause = self.poll_seconds
        while not stop.is_set():
            try:
                busy = await self.run_once()
                pause = self.poll_seconds
            except Exception:  # the database is away: wait longer each time, keep going
                log.exception("outbox dispatcher: claiming failed; retrying in %.0fs", pause)
                busy, pause = 0, min(pause * 2, 60.0)
            if busy:
                continue
            self._wake.clear()
            stop_wait = asyncio.ensure_future(stop.wait())
            wake_wait = asyncio.ensure_future(self._wake.wait())
            await asyncio.wait({stop_wait, wake_wait}, timeout=pause, return_when="FIRST_COMPLETED")
            stop_wait.cancel()
            wake_wait.cancel()

    async def _send_all(self, claims: list[Claim]) -> None:
        if claims:
            await self._outcomes(list(await asyncio.gather(*(self._send(c) for c in claims))))

    async def _send(self, claim: Claim) -> Outcome:
        sender = self.senders.get(claim.channel)
        try:
            if sender is None:
                raise PermanentSendError(f"no sender for channel {claim.channel!r}")
            receipt = await sender.send(claim.outgoing())
        except PermanentSendError as exc:
            return Outcome(claim, ok=False, detail=str(exc), final=True)
        except SendError as exc:
            return Outcome(claim, ok=False, detail=str(exc), final=False)
        except Exception as exc:  # a bug in an adapter must not stop the others
            log.exception("outbox %s: %s sender crashed", claim.id, claim.channel)
            return Outcome(claim, ok=False, detail=f"error: {exc!r}", final=False)
        return Outcome(claim, ok=True, detail=receipt, final=True)

    async def _outcome(self, claim: Claim, *, ok: bool, detail: str, final: bool) -> None:
        await self._outcomes([Outcome(claim, ok, detail, final)])

    async def _outcomes(self, outcomes: list[Outcome]) -> None:
        """Records a batch of attempts in one transaction: one fenced UPDATE per kind of
        outcome (sent, failed for good, retry later), executemany, and the Delivery rows."""
        now = self.clock()
        sent, failed, retry = [], [], []
        for o in outcomes:
            c, detail = o.claim, o.detail[:300]
            if o.ok:
                sent.append({"b_id": c.id, "b_attempts": c.attempts})
            elif o.final or c.attempts >= self.policy.max_attempts:
                failed.append({"b_id": c.id, "b_attempts": c.attempts, "b_error": detail})
            else:
                retry_at = now + timedelta(seconds=self.policy.delay(c.attempts))
                retry.append(
                    {"b_id": c.id, "b_attempts": c.attempts, "b_error": detail, "b_at": retry_at}
                )
        statements = [
            (_FENCED.values(status="sent", sent_at=now, last_error=None), sent),
            (_FENCED.values(status="failed", last_error=bindparam("b_error")), failed),
            (
                _FENCED.values(next_attempt_at=bindparam("b_at"), last_error=bindparam("b_error")),
                retry,
            ),
        ]
        records = [
            {"outbox_id": o.claim.id, "ok": o.ok, "detail": o.detail[:300]} for o in outcomes
        ]
        for attempt in range(_OUTCOME_TRIES):
            try:
                updated = 0
                async with self.sessions() as session:
                    for statement, params in statements:
                        if params:
                            updated += (await session.execute(statement, params)).rowcount
                    await session.execute(insert(_DELIVERIES), records)
                    await session.commit()
                break
            except Exception:
                if attempt + 1 == _OUTCOME_TRIES:
                    # The leases will run out and the messages go again, with the same keys.
                    log.exception("outbox: could not record %s outcome(s)", len(outcomes))
                    return
                await asyncio.sleep(0.2 * (attempt + 1))
        if updated < len(outcomes):
            log.warning(
                "outbox: %s of %s lease(s) lost before the outcome was recorded",
                len(outcomes) - updated,
                len(outcomes),
            )
        for o in outcomes:
            if not o.ok:
                c = o.claim
                log.info("outbox %s (%s) try %s failed: %s", c.id, c.channel, c.attempts, o.detail)

    async def _fan_out(self, claims: list[Claim]) -> None:
        """Expands a batch of intents in one transaction: the intents still ours (fenced by
        `attempts`) are marked sent by one UPDATE … RETURNING, expanded together, and given
        their Delivery rows; a lost lease expands nothing. When the batch fails on its data
        (an intent that cannot be read), each intent goes again alone, so one bad intent is
        retried with backoff and the others are not held back."""
        if not claims:
            return
        try:
            async with self.sessions() as session:
                fence = [(c.id, c.attempts) for c in claims]
                mark = (
                    update(OutboxMessage)
                    .where(
                        tuple_(OutboxMessage.id, OutboxMessage.attempts).in_(fence),
                        OutboxMessage.status == "pending",
                    )
                    .values(status="sent", sent_at=self.clock())
                    .returning(OutboxMessage.id)
                    .execution_options(synchronize_session=False)
                )
                owned = set((await session.execute(mark)).scalars())
                mine = [c for c in claims if c.id in owned]
                channels = await fan_out_many(session, [(c.id, c.body) for c in mine])
                records = [
                    {
                        "outbox_id": c.id,
                        "ok": True,
                        "detail": ("fan-out: " + (", ".join(channels[c.id]) or "in-app only"))[
                            :300
                        ],
                    }
                    for c in mine
                ]
                if records:
                    await session.execute(insert(_DELIVERIES), records)
                await session.commit()
        except (OperationalError, InterfaceError):
            # The database is away: the leases run out and the batch comes due again.
            log.exception("outbox: fan-out of %s intent(s) failed", len(claims))
            return
        except Exception as exc:
            log.exception("outbox: fan-out of %s intent(s) failed", len(claims))
            if len(claims) == 1:
                await self._outcome(
                    claims[0], ok=False, detail=f"fan-out error: {exc!r}", final=False
                )
                return
            for claim in claims:
                await self._fan_out([claim])
            return
        if len(mine) < len(claims):
            log.warning("outbox: %s intent lease(s) lost", len(claims) - len(mine))
        if any(channels.values()):
            self.wake()


_DELIVERIES = Delivery.__table__
# The outcome of one claim, guarded by the fencing token: a dispatcher whose lease ran out
# cannot overwrite the newer claim's result.
_FENCED = update(OutboxMessage.__table__).where(
    OutboxMessage.__table__.c.id == bindparam("b_id"),
    OutboxMessage.__table__.c.attempts == bindparam("b_attempts"),
    OutboxMessage.__table__.c.status == "pending",
)
