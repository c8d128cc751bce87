"""Shared fixtures: the suite runs on SQLite and on a real PostgreSQL.

PostgreSQL comes from TEST_DATABASE_URL (default: the local server). When it is unreachable the
PostgreSQL half is skipped on a laptop, but FAILS when CI=true: CI must not pass by skipping.
"""

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
)

from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_async
from storage.models import Base
from storage.scratch import scratch_postgres_database as scratch_database

REPO_ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def shared_kato_csv() -> Path | None:
    """The full KATO classifier from ../shared/data, when this machine has it."""
    override = os.environ.get("KEZDESU_KATO_CSV")
    default = REPO_ROOT.parent / "shared" / "data" / "kato" / "kato.csv"
    path = Path(override) if override else default
    return path if path.is_file() else None


async def postgres_reachable(url: str) -> str | None:
    """None when PostgreSQL answers, else why not."""
    engine = create_engine(url)
    try:
        async with asyncio.timeout(5):
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    finally:
        await engine.dispose()
    return None


def skip_or_fail(message: str) -> NoReturn:
    """A missing part of the machine skips the test on a laptop and fails it in CI."""
    if IN_CI:
        pytest.fail(message + "; with CI=true this is a failure, not a skip")
    pytest.skip(message)


async def require_postgres(url: str = POSTGRES_URL) -> None:
    problem = await postgres_reachable(url)
    if problem is not None:
        skip_or_fail(f"PostgreSQL at {url} is unreachable ({problem})")


async def empty_tables(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            await connection.execute(table.delete())


@contextlib.asynccontextmanager
async def scratch_postgres_database(url: str = POSTGRES_URL) -> AsyncIterator[str]:
    """A database of this test run's own, beside the one TEST_DATABASE_URL names."""
    await require_postgres(url)
    async with scratch_database(url, prefix="kezdesu_test") as scratch:
        yield scratch


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
async def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    async with scratch_postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    # The real schema: the same migrations `make run` applies (both databases start empty).
    await upgrade_async(database_url)
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def session_factory(engine: AsyncEngine) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    yield create_session_factory(engine)
    # Every test starts from empty tables.
    await empty_tables(engine)
