"""The migration stairway: upgrade, downgrade, upgrade, on SQLite and PostgreSQL; and the
migrated schema is exactly what the models describe."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from storage.db import create_engine
from storage.migrate import alembic_config, downgrade_async, upgrade_async
from storage.models import Base
from tests.conftest import scratch_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'stairway.sqlite3'}"
        return
    async with scratch_postgres_database() as url:
        yield url


async def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return set(await connection.run_sync(lambda c: inspect(c).get_table_names()))
    finally:
        await engine.dispose()


async def schema_diff(url: str) -> list[object]:
    def compare(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(compare)
    finally:
        await engine.dispose()


async def test_stairway_up_down_up(empty_database: str) -> None:
    revisions = list(ScriptDirectory.from_config(alembic_config(empty_database)).walk_revisions())
    assert revisions, "no migrations"
    # Every step, one at a time, both ways: a broken downgrade in the middle is found too.
    for revision in reversed(revisions):
        await upgrade_async(empty_database, revision.revision)
        previous = revision.down_revision
        # A linear history: each revision has one parent (or none).
        assert previous is None or isinstance(previous, str)
        await downgrade_async(empty_database, previous or "base")
        await upgrade_async(empty_database, revision.revision)
    expected = set(Base.metadata.tables) | {"alembic_version"}
    assert await table_names(empty_database) == expected
    await downgrade_async(empty_database, "base")
    assert await table_names(empty_database) == {"alembic_version"}
    await upgrade_async(empty_database, "head")


async def test_migrations_match_the_models(empty_database: str) -> None:
    await upgrade_async(empty_database)
    assert await schema_diff(empty_database) == []


def test_a_url_with_percent_encoding_reaches_the_migrations_unchanged() -> None:
    """A password with an "@" must be percent-encoded in DATABASE_URL; Alembic's options are a
    ConfigParser's, where "%" would start an interpolation and stop the bot at start."""
    for url in (
        "postgresql+asyncpg://kezdesu:p%40ss%25word@db.example:5432/kezdesu",
        "postgresql+asyncpg://kezdesu@/kezdesu?host=%2Fvar%2Frun%2Fpostgresql",
    ):
        assert alembic_config(url).get_main_option("sqlalchemy.url") == url
