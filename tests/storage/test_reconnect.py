"""Connections the server dropped (storage/db.py): no ping on every checkout, yet a server that
went away while the bot was quiet costs nobody an error, and one that goes away under load
costs the statement in flight only. Backends are ended with pg_terminate_backend, as a restart
ends them; time is a counter the test moves."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine
from tests.conftest import scratch_postgres_database


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    async with scratch_postgres_database() as url:
        yield url


async def backend_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(text("SELECT pg_backend_pid()")) or 0)


async def terminate(url: str, pid: int) -> None:
    other = create_engine(url)
    try:
        async with other.connect() as connection:
            await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        await other.dispose()


async def test_an_idle_connection_the_server_dropped_is_replaced_unseen(postgres_url: str) -> None:
    ticks = Ticks()
    engine = create_engine(postgres_url, idle_ping_after=5.0, monotonic=ticks)
    try:
        pid = await backend_pid(engine)
        await terminate(postgres_url, pid)
        ticks.now += 6.0  # idle longer than the threshold: pinged, found gone, replaced
        assert await backend_pid(engine) != pid
    finally:
        await engine.dispose()


async def test_a_busy_connection_is_not_pinged_and_a_drop_costs_one_statement(
    postgres_url: str,
) -> None:
    ticks = Ticks()
    engine = create_engine(postgres_url, idle_ping_after=5.0, monotonic=ticks)
    try:
        first = await backend_pid(engine)
        second = await backend_pid(engine)
        assert second == first  # the same pooled connection, back a moment ago
        await terminate(postgres_url, first)
        ticks.now += 1.0  # back a second ago: not pinged, so the statement meets the drop
        with pytest.raises(DBAPIError) as broken:
            await backend_pid(engine)
        assert broken.value.connection_invalidated
        # The drop invalidated the pool's connections: the next statement connects afresh.
        assert await backend_pid(engine) != first
    finally:
        await engine.dispose()
