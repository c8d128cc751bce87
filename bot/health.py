"""What /healthz and /readyz answer (bot/probes.py serves them).

Liveness is the process serving at all: a load balancer or an orchestrator restarts it when it
does not. Readiness is whether it can handle an update now: the database answers and carries
this code's migrations, and Redis answers when the conversation state lives there. A balancer
sends no updates to an instance that is not ready, and Telegram keeps them meanwhile.
"""

import asyncio
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.migrate import current_revision, head_revision

# A check that takes longer than this counts as failed: a probe must answer in time itself.
CHECK_SECONDS = 2.0


class Pingable(Protocol):
    """Redis's client, as far as readiness needs it (its ping is typed for the synchronous
    client and the asyncio one alike)."""

    def ping(self, **kwargs: Any) -> Any: ...


class Readiness:
    def __init__(
        self,
        engine: AsyncEngine,
        redis: Pingable | None = None,
        *,
        head: str | None = None,
        timeout: float = CHECK_SECONDS,
    ) -> None:
        self._engine = engine
        self._redis = redis
        self._head = head or head_revision()
        self._timeout = timeout

    async def problems(self) -> list[str]:
        """Why the bot is not ready, one short line each; empty when it is."""
        found = []
        database = await self._database()
        if database is not None:
            found.append(database)
        if self._redis is not None:
            redis = await self._ping_redis(self._redis)
            if redis is not None:
                found.append(redis)
        return found

    async def _database(self) -> str | None:
        try:
            async with asyncio.timeout(self._timeout), self._engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
                revision = await current_revision(connection)
        except TimeoutError:
            return "database: no answer"
        except Exception as error:  # whatever the driver raises, the answer is "not ready"
            return f"database: {type(error).__name__}"
        if revision != self._head:
            return f"database: migrations at {revision or 'none'}, code needs {self._head}"
        return None

    async def _ping_redis(self, redis: Pingable) -> str | None:
        try:
            async with asyncio.timeout(self._timeout):
                await redis.ping()
        except TimeoutError:
            return "redis: no answer"
        except Exception as error:
            return f"redis: {type(error).__name__}"
        return None
