"""Engine and session factory: one of each per process.

No ``pool_pre_ping``: it costs a round trip on every checkout, and an update checks a connection
out several times (the unit of work gives it back before each request to Telegram,
storage/unit_of_work.py), which made it an eighth of the bot's CPU. Instead:

- a connection that has sat idle in the pool for ``idle_ping_after`` seconds is pinged when it
  is taken again (:func:`_ping_if_idle`), so a server restarted while the bot was quiet costs
  nobody an error; a busy pool's connections are never idle that long and are never pinged;
- a connection that breaks in use (the server restarted under load) fails its statement, and
  SQLAlchemy then invalidates every connection of the pool opened before it (a disconnect
  error invalidates the pool's generation), so the next checkout connects afresh: the update
  in flight gets the apology (handlers/common/errors.py) and the next one works;
- ``pool_recycle`` replaces connections after an hour, before a firewall or a pooler between
  the bot and the server drops them silently.

The pool keeps every connection it opens (``pool_size``, no overflow by default). SQLAlchemy
closes an *overflow* connection as soon as it comes back while ``pool_size`` others are idle,
so under a load that kept more than ``pool_size`` busy (a hundred citizens tapping at once)
connections were opened and closed several times a second (seen: about 15 a second in
webhook mode with 10 + 20 overflow). Each costs a handshake, a server process forked, and
every statement prepared again on it. The ceiling is what it was (30), now kept open once
reached; ``DATABASE_POOL_SIZE`` and ``DATABASE_MAX_OVERFLOW`` set it (N instances × the
ceiling must stay under the server's ``max_connections``).
"""

import time
from collections.abc import Callable

from sqlalchemy import event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from storage.lazy_begin import begin_at_first_write
from storage.timed_pool import TimedQueuePool


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


# Connections the pool keeps open, and those it may open beyond them and close on return.
POOL_SIZE = 30
MAX_OVERFLOW = 0
# A connection unused this long is pinged before it is handed out again.
IDLE_PING_AFTER = 5.0
# Connections older than this are replaced at their next checkout.
RECYCLE_SECONDS = 3600
# Where a pooled connection notes when it came back (ConnectionPoolEntry.info).
_RETURNED = "kezdesu_returned"


def create_engine(
    url: str,
    *,
    echo: bool = False,
    idle_ping_after: float = IDLE_PING_AFTER,
    monotonic: Callable[[], float] = time.monotonic,
    pool_size: int = POOL_SIZE,
    max_overflow: int = MAX_OVERFLOW,
) -> AsyncEngine:
    """``pool_size`` and ``max_overflow``: PostgreSQL's pool (an SQLite file keeps
    SQLAlchemy's own)."""
    # hide_parameters: a database error's message (logged) names the statement, never the
    # values, which are citizens' questions, names and answers.
    if is_sqlite(url):
        engine = create_async_engine(
            url, echo=echo, hide_parameters=True, connect_args={"timeout": 30}
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_async_engine(
        url,
        echo=echo,
        hide_parameters=True,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_recycle=RECYCLE_SECONDS,
        poolclass=TimedQueuePool,
    )
    _ping_if_idle(engine, idle_ping_after, monotonic)
    begin_at_first_write(engine)
    return engine


def _ping_if_idle(engine: AsyncEngine, after: float, monotonic: Callable[[], float]) -> None:
    dialect = engine.sync_engine.dialect

    def returned(_dbapi_connection: object, record: ConnectionPoolEntry) -> None:
        record.info[_RETURNED] = monotonic()

    def taken(dbapi_connection: object, record: ConnectionPoolEntry, _proxy: object) -> None:
        since = record.info.pop(_RETURNED, None)
        if since is None or monotonic() - since < after:
            return  # new, or back a moment ago: it worked then
        try:
            dialect.do_ping(dbapi_connection)  # type: ignore[arg-type]
        except Exception as error:
            # The pool drops this connection and hands out another (a fresh one, if the
            # server restarted: the ping's failure invalidates none of the others, so each
            # idle one is pinged in turn).
            gone = f"idle connection is gone: {type(error).__name__}"
            raise exc.DisconnectionError(gone) from error

    event.listen(engine.sync_engine.pool, "checkin", returned)
    event.listen(engine.sync_engine.pool, "checkout", taken)


def _sqlite_pragmas(dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
    # SQLite leaves foreign keys off by default; WAL lets the bot read while the scheduler writes.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


__all__ = ["Engine", "create_engine", "create_session_factory", "is_sqlite"]
