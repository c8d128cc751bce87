"""/readyz's checks (bot/health.py): the database answers and is migrated to this code's
head, Redis answers when it is configured; each failure is one short reason."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.health import Readiness
from storage.db import create_engine
from storage.migrate import downgrade_async, head_revision, upgrade_async

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
async def migrated(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'ready.sqlite3'}"
    await upgrade_async(url)
    engine = create_engine(url)
    yield engine
    await engine.dispose()


class FailingRedis:
    async def ping(self, **kwargs: Any) -> bool:
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379")


async def test_ready_when_migrated(migrated: AsyncEngine) -> None:
    assert await Readiness(migrated).problems() == []


async def test_not_ready_behind_the_code(migrated: AsyncEngine) -> None:
    url = migrated.url.render_as_string(hide_password=False)
    await downgrade_async(url, "0008")
    assert await Readiness(migrated).problems() == [
        f"database: migrations at 0008, code needs {head_revision()}"
    ]


async def test_not_ready_on_an_empty_database(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        problems = await Readiness(engine).problems()
    finally:
        await engine.dispose()
    assert problems == [f"database: migrations at none, code needs {head_revision()}"]


async def test_not_ready_without_a_database() -> None:
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    try:
        problems = await Readiness(engine, head="0009").problems()
    finally:
        await engine.dispose()
    assert len(problems) == 1
    assert problems[0].startswith("database: "), problems
    assert "nobody" not in problems[0]  # a reason, not the connection string


async def test_redis_is_checked_when_configured(migrated: AsyncEngine) -> None:
    assert await Readiness(migrated, FailingRedis()).problems() == ["redis: ConnectionError"]


async def test_a_real_redis_answers(migrated: AsyncEngine) -> None:
    from redis.asyncio import Redis

    redis = Redis.from_url(REDIS_URL)
    try:
        assert await Readiness(migrated, redis).problems() == []
    finally:
        await redis.aclose()
