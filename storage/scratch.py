"""A throw-away PostgreSQL database beside the one a URL names: tests and benchmarks each get
their own, so two runs on one server never delete each other's rows."""

import contextlib
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from storage.db import create_engine
from storage.migrate import upgrade_async


@contextlib.asynccontextmanager
async def scratch_postgres_database(
    url: str, prefix: str = "kezdesu_scratch"
) -> AsyncIterator[str]:
    """Create an empty database on the server of `url`, yield its URL, drop it afterwards."""
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@contextlib.asynccontextmanager
async def migrated_scratch_engine(
    backend: str, directory: Path, postgres_url: str, prefix: str = "kezdesu_scratch"
) -> AsyncIterator[AsyncEngine]:
    """An engine on a fresh database with the real schema (the migrations, triggers
    included): a new SQLite file in `directory` for "sqlite", else a scratch database on the
    server of `postgres_url`, dropped afterwards."""
    async with contextlib.AsyncExitStack() as stack:
        if backend == "sqlite":
            url = f"sqlite+aiosqlite:///{directory / f'{prefix}-{uuid.uuid4().hex[:8]}.sqlite3'}"
        else:
            url = await stack.enter_async_context(scratch_postgres_database(postgres_url, prefix))
        await upgrade_async(url)
        engine = create_engine(url)
        try:
            yield engine
        finally:
            await engine.dispose()
