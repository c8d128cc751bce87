"""On PostgreSQL, a transaction begins at its first write: reads before it run on their own.

SQLAlchemy's asyncpg driver sends ``BEGIN`` before the first statement of every transaction
and ``COMMIT`` at its end, each a round trip of its own. A unit of work that only reads (a
citizen paging through localities or meetings, with the conversation in Redis) paid two round
trips for nothing, and round trips are what the bot's CPU goes on: py-spy put a quarter of the
polling bot's samples in asyncpg's socket writes, a third of them BEGIN and COMMIT
(bench/README.md).

At PostgreSQL's default isolation, READ COMMITTED, a plain SELECT inside a transaction sees
what one outside it sees: each statement takes a snapshot of its own either way. So until the
first statement that must be in a transaction, statements run outside one; from that statement
on, the transaction is as it always was (everything after it, reads too, is in it, and sees its
uncommitted writes). A statement keeps the transaction unless it is known to be a plain read:

- anything that writes (INSERT, UPDATE, DELETE), a SAVEPOINT, and text SQL (its effect is not
  known: ``SELECT`` of a function may write or take a transaction-scoped lock);
- ``SELECT ... FOR UPDATE`` / ``FOR SHARE``: its lock lasts until the transaction ends, which
  outside a transaction is at once;
- a server-side cursor, which PostgreSQL keeps only inside a transaction.

A SELECT built with SQLAlchemy is taken for a plain read whatever functions it calls, so a
function that writes or takes a transaction's lock (``pg_advisory_xact_lock``, ``nextval``;
the code calls none) must be run as text SQL or in a transaction begun by a write.

A write that its caller commits at once, with nothing else in the transaction, can say so
(execution option :data:`COMMITS_ALONE`): outside a transaction it runs on its own as well, and
PostgreSQL commits it by itself, as atomic as in a transaction of one statement, for one round
trip instead of three (the conversation's row, written before each Bot API request,
bot/fsm_storage.py). Inside a transaction it is part of it, as any statement.

Left as they are: a connection given another isolation level (REPEATABLE READ and SERIALIZABLE
share one snapshot between statements, which a read outside the transaction would not see), or
one in AUTOCOMMIT (bot/redelivery.py), and a server whose default isolation is not READ
COMMITTED.
"""

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql import Select

# The driver's names for "no transaction" and for the one isolation level this applies to
# (sqlalchemy/dialects/postgresql/asyncpg.py: ``_isolation_lookup``; None is the default).
_AUTOCOMMIT = "autocommit"
_READ_COMMITTED = (None, "read_committed")
_UNKNOWN = object()

# Execution option: the statement is the only one its transaction would hold, committed right
# after it (see the module's docstring).
COMMITS_ALONE = "kezdesu_commits_alone"


def begin_at_first_write(engine: AsyncEngine) -> None:
    """Install on an asyncpg engine (storage/db.py does)."""
    sync_engine = engine.sync_engine
    if sync_engine.dialect.driver != "asyncpg":
        return
    if not event.contains(sync_engine, "before_cursor_execute", _before_statement):
        event.listen(sync_engine, "before_cursor_execute", _before_statement)


def reads_only(context: DefaultExecutionContext | None) -> bool:
    """Whether a statement is a plain read, which sees the same outside a transaction."""
    if context is None or context.compiled is None or getattr(context, "_is_server_side", True):
        return False
    if context.isinsert or context.isupdate or context.isdelete:
        return False
    statement = context.compiled.statement
    return isinstance(statement, Select) and statement._for_update_arg is None


def _before_statement(
    connection: Connection,
    _cursor: Any,
    _statement: str,
    _parameters: Any,
    context: DefaultExecutionContext | None,
    _many: bool,
) -> None:
    # The driver begins a transaction before a statement when it has none and its isolation
    # level is not "autocommit"; this sets that level statement by statement, until one begins.
    # The driver's attributes are SQLAlchemy's own, not its API: should a release rename them,
    # every statement keeps its transaction as before (and tests/storage/test_lazy_begin.py
    # fails, which is how we would hear of it).
    driver = connection.connection.dbapi_connection
    if driver is None or getattr(driver, "_transaction", _UNKNOWN) is not None:
        return  # in a transaction: the statement is part of it
    setting = getattr(driver, "_isolation_setting", _UNKNOWN)
    if setting not in _READ_COMMITTED or connection.dialect.default_isolation_level != (
        "READ COMMITTED"
    ):
        return
    alone = reads_only(context) or (
        context is not None and bool(context.execution_options.get(COMMITS_ALONE))
    )
    driver.isolation_level = _AUTOCOMMIT if alone else setting
