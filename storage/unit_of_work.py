"""One session per update, and one per scheduler task: the unit of work.

Services reach the database through ``async with self._sessions() as session``. Outside a unit
that block is a session of its own, as it always was (tests, the command line). Inside a unit,
opened by the dispatcher for each update (bot/dispatcher.py) and by the scheduler for each task
(scheduler/runner.py), the outermost block is the unit's one session instead: the user load and
its staff role, the conversation state, the handler's services and the error handler share one
connection, and an update that only reads runs in no transaction at all (PostgreSQL begins one at
the first write: storage/lazy_begin.py; SQLite's driver does so by itself).

A block still behaves as if its session were its own, so no service has to know which it got:

- at its end the identity map is emptied, as closing a session did, so the next block reads
  rows afresh and never an object that another block's bulk UPDATE left stale;
- what it wrote and neither committed nor rolled back is rolled back, as closing did (a
  service's commit, or its rollback on a lost race, concerns its own work only: every block
  before it has committed or discarded its writes by then);
- an exception out of it rolls back;
- a block opened inside another (a service calling another while it holds its session) gets a
  session of its own, as before, so an inner commit never commits the outer block's half-done
  work.

The unit also gives its connection back before every Bot API request (:func:`release_current`,
called by bot/middlewares/unit_release.py): no transaction stays open, and no row or SQLite
write lock is held, while Telegram answers, and the pool is sized for database work, not for
the network's latency. Work handed to :func:`defer` (the conversation state's writes,
bot/fsm_storage.py) runs in the transaction that release commits: what the person is about to
be told is stored in the same commit as what the update read, not in a transaction of its
own. The scheduler's outbox sender takes no unit: it claims and records its
batches in short transactions of their own (services/outbox.py), never across a send.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

# Set on a DBAPI connection's info when a statement that changes data ran in its transaction;
# cleared when the transaction ends.
_WROTE = "kezdesu_wrote"


class SessionSource(Protocol):
    """What services call for a session: ``async with sessions() as session``. A plain
    ``async_sessionmaker`` is one (a session per block); :class:`UnitSessions` is the other."""

    def __call__(self) -> AbstractAsyncContextManager[AsyncSession]: ...


Deferred = Callable[[AsyncSession], Awaitable[None]]


class UnitOfWork:
    """The session of one update or one task; the outermost block of each service uses it."""

    def __init__(self, factory: async_sessionmaker[AsyncSession]) -> None:
        self.factory = factory
        self._session: AsyncSession | None = None
        self._depth = 0
        self._deferred: list[Deferred] = []

    @asynccontextmanager
    async def block(self) -> AsyncIterator[AsyncSession]:
        if self._depth:
            # Inside another block: a session of its own (see the module's docstring).
            async with self.factory() as own:
                yield own
            return
        if self._session is None:
            self._session = self.factory()
        session = self._session
        self._depth = 1
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            if await _wrote_uncommitted(session):
                await session.rollback()
        finally:
            self._depth = 0
            session.expunge_all()

    async def release(self) -> None:
        """Run the deferred work, end the transaction and give the connection back to the
        pool; the next block takes one again. Not while a block is open: its work is not
        finished."""
        if self._depth:
            return
        if self._deferred:
            if self._session is None:
                self._session = self.factory()
            deferred, self._deferred = self._deferred, []
            for work in deferred:
                await work(self._session)
            await self._session.commit()
        elif self._session is not None and self._session.in_transaction():
            # Between blocks nothing uncommitted is left (each block's end sees to it), so
            # this commits reads only.
            await self._session.commit()

    def defer(self, work: Deferred) -> None:
        self._deferred.append(work)

    async def finish(self, *, failed: bool) -> None:
        try:
            if failed:
                self._deferred.clear()
            else:
                await self.release()  # the deferred work, and the commit
        finally:
            session, self._session = self._session, None
            if session is not None:
                # Rolls back whatever is left: all of it when the unit failed, nothing else.
                await session.close()


_current: ContextVar[UnitOfWork | None] = ContextVar("kezdesu_unit_of_work", default=None)


async def release_current() -> None:
    """Before a network call: let the current unit's connection go (see :class:`UnitOfWork`)."""
    unit = _current.get()
    if unit is not None:
        await unit.release()


def defer(work: Deferred) -> bool:
    """Run ``work`` with the current unit's session just before its next commit: the release
    before the next Bot API request, or the unit's end. False outside a unit: the caller
    does the work now."""
    unit = _current.get()
    if unit is None:
        return False
    unit.defer(work)
    return True


class UnitSessions:
    """The session source the bot's services are built with (services/container.py)."""

    def __init__(self, factory: async_sessionmaker[AsyncSession]) -> None:
        self._factory = factory
        bind = factory.kw.get("bind")
        if bind is not None:
            _watch_writes(bind.sync_engine)

    def __call__(self) -> AbstractAsyncContextManager[AsyncSession]:
        unit = _current.get()
        if unit is None or unit.factory is not self._factory:
            return self._factory()
        return unit.block()

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[UnitOfWork]:
        """Open a unit of work for what runs inside (one update, one task); it commits at the
        end, or rolls back if an exception leaves it. Nested, the outer unit goes on."""
        outer = _current.get()
        if outer is not None and outer.factory is self._factory:
            yield outer
            return
        unit = UnitOfWork(self._factory)
        token = _current.set(unit)
        failed = False
        try:
            yield unit
        except BaseException:
            failed = True
            raise
        finally:
            _current.reset(token)
            await unit.finish(failed=failed)


async def _wrote_uncommitted(session: AsyncSession) -> bool:
    if not session.in_transaction():
        return False
    connection = await session.connection()  # the transaction's own: no new statement
    return bool(connection.sync_connection and connection.sync_connection.info.get(_WROTE))


def _watch_writes(engine: Engine) -> None:
    if event.contains(engine, "after_cursor_execute", _note_write):
        return
    event.listen(engine, "after_cursor_execute", _note_write)
    event.listen(engine, "commit", _forget_writes)
    event.listen(engine, "rollback", _forget_writes)


def _note_write(
    connection: Connection, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool
) -> None:
    if context is not None and context.compiled is not None:
        wrote = context.isinsert or context.isupdate or context.isdelete
    else:  # plain SQL text: only a SELECT is known to change nothing
        wrote = not statement.lstrip()[:6].upper().startswith("SELECT")
    if wrote:
        connection.info[_WROTE] = True


def _forget_writes(connection: Connection) -> None:
    connection.info.pop(_WROTE, None)
