"""The engine the bot builds (storage/db.py): a database error names the statement, never the
values it carried (citizens' questions, names, answers), since errors are logged; the pool
keeps the connections a burst opened, sized from the settings."""

import contextlib
import os
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.pool import QueuePool

from bot.app import build_app
from bot.config import Settings
from storage.db import create_engine, is_sqlite
from storage.migrate import upgrade_async
from storage.models import FsmRecord

SECRET = "Менің үйім: Абай көшесі 5, пәтер 12"


async def test_a_database_error_does_not_carry_the_values(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        session.add(FsmRecord(key="k", state=SECRET, data="{}"))
        await session.commit()
    async with session_factory() as session:
        session.add(FsmRecord(key="k", state=SECRET, data="{}"))  # the same key: refused
        with pytest.raises(DBAPIError) as refused:
            await session.commit()
    assert "fsm_records" in str(refused.value)
    assert SECRET not in str(refused.value)
    assert "hidden due to hide_parameters" in str(refused.value)


async def backend_pids(engine: AsyncEngine, at_once: int) -> set[int]:
    """The server processes behind ``at_once`` connections held together, then given back."""
    async with contextlib.AsyncExitStack() as held:
        connections = [await held.enter_async_context(engine.connect()) for _ in range(at_once)]
        return {await c.scalar(text("SELECT pg_backend_pid()")) for c in connections}


async def test_connections_opened_for_a_burst_stay_open_for_the_next_one(
    database_url: str,
) -> None:
    """A hundred citizens tapping at once keep more connections busy than a handful: those
    opened for one burst serve the next (before, the pool kept 10 and closed the other 20 as
    they came back, so a busy bot opened and closed several a second)."""
    if is_sqlite(database_url):
        pytest.skip("PostgreSQL's pool; an SQLite file keeps SQLAlchemy's own")
    engine = create_engine(database_url)
    try:
        first = await backend_pids(engine, 25)
        second = await backend_pids(engine, 25)
        pool = engine.sync_engine.pool
        assert isinstance(pool, QueuePool)
        kept = pool.checkedin()
    finally:
        await engine.dispose()
    assert len(first) == 25
    assert second == first
    assert kept == 25


def test_the_pool_is_set_from_the_settings() -> None:
    settings = Settings(
        _env_file=None,
        bot_token="1:x",
        database_url="postgresql+asyncpg://postgres@127.0.0.1:5432/test",
        database_pool_size=5,
        database_max_overflow=2,
    )
    app = build_app(settings, token="1:x", run_scheduler=False)
    pool = app.engine.sync_engine.pool
    assert isinstance(pool, QueuePool)
    assert (pool.size(), pool._max_overflow) == (5, 2)
    with pytest.raises(ValidationError, match="database_pool_size"):
        Settings(_env_file=None, database_pool_size=0)


def has_socket(directory: Path) -> bool:
    return any(directory.glob(".s.PGSQL.*"))


async def test_a_server_on_the_same_host_is_reached_through_its_unix_socket(
    database_url: str,
) -> None:
    """The README's advice for PostgreSQL on the bot's host (`?host=` a socket directory): the
    engine and the migrations work over it, and it is the socket, not TCP."""
    if is_sqlite(database_url):
        pytest.skip("PostgreSQL's socket")
    directory = Path(os.environ.get("TEST_POSTGRES_SOCKET_DIR", "/var/run/postgresql"))
    if not has_socket(directory):
        pytest.skip(f"no PostgreSQL socket in {directory}")
    url = make_url(database_url).set(host=None, port=None, query={"host": str(directory)})
    socket_url = url.render_as_string(hide_password=False)
    await upgrade_async(socket_url)
    engine = create_engine(socket_url)
    try:
        async with engine.connect() as connection:
            address = await connection.scalar(text("SELECT inet_server_addr()"))
            database = await connection.scalar(text("SELECT current_database()"))
    finally:
        await engine.dispose()
    assert address is None  # no IP address: a Unix socket
    assert database == make_url(database_url).database
