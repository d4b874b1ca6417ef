"""The objects one server process builds once and hands to routes: the server-side wiring."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from server.area_shapes import AreaShapes
from server.config import Settings
from server.cpu import CpuPool
from server.db import create_engine, create_session_factory
from server.notify.hub import NoticeHub
from server.ratelimit import RateLimiter, create_storage
from server.security import TokenIssuer
from server.token_claims import ClaimsCache

if TYPE_CHECKING:
    from server.notify.runtime import NotifyRuntime
    from server.reads import Lane


@dataclass
class ServerContext:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    tokens: TokenIssuer
    limiter: RateLimiter
    hub: NoticeHub
    cpu: CpuPool = field(default_factory=CpuPool)
    # Built when first needed (server/reads.py reads_for, server/token_claims.py), or set for
    # the app's lifetime (server/notify/runtime.py running_notices); None until then.
    reads: Lane | None = None
    claims: ClaimsCache | None = None
    notices: NotifyRuntime | None = None
    # The areas' boundaries, prepared for point-in-polygon (server/services/incidents/geo.py).
    area_shapes: AreaShapes = field(default_factory=AreaShapes)
    # Personal API tokens (server/api_token_gate.py): token id -> (codes, checked at), and the
    # (token, code, day) reads already written to the code's audit.
    api_token_access: dict[int, tuple[str, float]] = field(default_factory=dict)
    api_token_audited: set[Any] = field(default_factory=set)

    @classmethod
    def build(cls, settings: Settings) -> ServerContext:
        engine = create_engine(settings)
        return cls(
            settings=settings,
            engine=engine,
            sessions=create_session_factory(engine),
            tokens=TokenIssuer(settings.secret_key, settings.access_token_minutes),
            limiter=RateLimiter(create_storage(settings.redis_url)),
            hub=NoticeHub.create(settings.redis_url),
            cpu=CpuPool(settings.cpu_workers, settings.cpu_max_waiting),
        )

    async def close(self) -> None:
        await self.hub.close()
        await self.engine.dispose()
        self.cpu.close()
