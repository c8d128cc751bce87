"""Statements, transactions and connections per update, counted on the engine.

Off unless `LOG_SQL_COUNTS` is set (bench/citizens_bench.py sets it): then the dispatcher opens
a count for each update and the update's log line carries it (bot/middlewares/logging.py).
Work outside an update (the scheduler, the outbox sender) has no count open and is not counted.
"""

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.asyncio import AsyncEngine


@dataclass(slots=True)
class QueryCount:
    statements: int = 0  # cursor executions: what goes to the server as SQL
    transactions: int = 0  # the server's: BEGIN ... COMMIT or ROLLBACK
    connections: int = 0  # pool checkouts (an idle one is pinged first: storage/db.py)


# SQLAlchemy runs the engine's events in a greenlet that shares the caller's context, so the
# count open in the update's task is the one the events see.
_current: ContextVar[QueryCount | None] = ContextVar("kezdesu_query_count", default=None)


def current_count() -> QueryCount | None:
    return _current.get()


@contextmanager
def counting() -> Iterator[QueryCount]:
    count = QueryCount()
    token = _current.set(count)
    try:
        yield count
    finally:
        _current.reset(token)


# Engines already counted: a second call would count everything twice.
_counted: "weakref.WeakSet[Engine]" = weakref.WeakSet()


def count_queries(engine: AsyncEngine) -> None:
    """Count what the engine does for whoever has a count open (see :func:`counting`)."""
    sync_engine = engine.sync_engine
    if sync_engine in _counted:
        return
    _counted.add(sync_engine)

    def on_statement(*_: Any) -> None:
        if (count := _current.get()) is not None:
            count.statements += 1

    def on_end(connection: Connection) -> None:
        # Counted as it ends, when the driver knows whether one began: a SQLAlchemy
        # transaction that only read sent no BEGIN on either database (storage/lazy_begin.py).
        if (count := _current.get()) is not None and _server_transaction(connection):
            count.transactions += 1

    def on_checkout(*_: Any) -> None:
        if (count := _current.get()) is not None:
            count.connections += 1

    event.listen(sync_engine, "before_cursor_execute", on_statement)
    event.listen(sync_engine, "commit", on_end)
    event.listen(sync_engine, "rollback", on_end)
    event.listen(sync_engine.pool, "checkout", on_checkout)


def _server_transaction(connection: Connection) -> bool:
    """Whether the driver's connection is in a transaction: asyncpg asks what the server last
    said; aiosqlite, Python's sqlite3."""
    driver = connection.connection.driver_connection
    asked = getattr(driver, "is_in_transaction", None)
    if asked is not None:
        return bool(asked())
    return bool(getattr(driver, "in_transaction", True))
