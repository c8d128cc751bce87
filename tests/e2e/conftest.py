"""End-to-end fixtures: `world` is the real bot against the emulator, on SQLite and on
PostgreSQL (the `database_url` fixture of tests/conftest.py)."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from tests.e2e.harness import BotWorld, running_world


@pytest.fixture
async def world(
    database_url: str,
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[BotWorld]:
    # `session_factory` empties every table after the test.
    async with running_world(database_url) as world:
        yield world
