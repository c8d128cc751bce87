"""A throw-away PostgreSQL database beside the one a URL names: tests and benchmarks each get
their own, so two runs on one server never delete each other's rows."""

import contextlib
import os
import uuid
from collections.abc import AsyncIterator

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine


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
