"""A redelivered update is not handled twice.

Telegram delivers an update again when the bot did not confirm it (a webhook that did not
answer in time, a poll cut by a restart). Handling it twice would answer twice, and a second
``answerCallbackQuery`` for the same press fails. Every update_id handled is remembered:

- in memory, the last ``keep`` of them: what the check before each update reads, no query;
- in the database, written in batches every ``flush_every`` seconds by one background task,
  off the updates' path, and loaded again at start, so a restart does not forget them; kept a
  day (Telegram keeps an unconfirmed update no longer). A batch is one statement, which
  PostgreSQL commits by itself (storage/lazy_begin.py, COMMITS_ALONE: one round trip, not
  BEGIN, the statement and COMMIT); the rows past their day are deleted every
  ``forget_every`` seconds, not with each batch.

An update counts as handled once its handling has ended, so one whose handling a crash cut
short is handled again when it comes back. The bound, stated honestly: when polling, an update
handled in the last ``flush_every`` seconds before a crash, then redelivered, is handled again.

A webhook does better (bot/webhook.py): its answer to Telegram waits for :meth:`written`, the
batch holding the update committed, which the waiter hastens (group commit: the updates that
end while a batch is being written go together in the next one). A crash before the answer is
redelivered by Telegram and absorbed here; only a crash in the one round trip between the end
of the handling and the batch's commit gets the update handled again.

Several webhook instances (PostgreSQL): a redelivery may land on another instance, whose memory
knows nothing of the original. So in webhook mode each update is first *claimed* in the
database (:meth:`claim`, one ``INSERT … ON CONFLICT`` per update): the row says which instance
holds it, leased until a moment on the database's clock (one clock for all instances, whatever
their own say). Handled already → skipped with a 200; held by a live claim of another instance
(the original is being handled, or its batch is not yet written) → 503, Telegram tries again
later; a claim whose lease is over (its instance died mid-handling, its transaction rolled
back) → taken over and handled here. The batch write then marks the claimed row handled, as
before, and the webhook answers only after it. The lease is short (20 s) and the background
task renews the claims this process still holds every 5 s (:meth:`renew_claims`, one
statement for all of them): a dead instance's updates are taken over within 20 s, a slow
handling of a live one never.

Polling does not claim: only one process can poll a bot (Telegram answers a second getUpdates
with 409 Conflict, and refuses getUpdates altogether while a webhook is set), so no other
instance can hold its updates, and a round trip per update would buy nothing. Nor does SQLite:
a file of one machine, for the embedded single-instance setup.
"""

import asyncio
import contextlib
import enum
import logging
import os
import socket
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from services.clock import Clock
from storage.repositories import handled_updates as handled_rows

log = logging.getLogger(__name__)

KEPT_FOR = timedelta(days=1)

# How long a claim holds an update against the other instances unless renewed. Short, since
# while a dead instance's claim lasts Telegram holds the chat's later updates behind it; a
# live instance renews its claims every CLAIM_RENEW_EVERY seconds while it handles them (and
# until they are recorded), so a slow handling is not taken over. The margin, 15 s, is how
# long this process's event loop may stall before another instance could take its update.
CLAIM_LEASE = timedelta(seconds=20)
CLAIM_RENEW_EVERY = 5.0
# How often the rows past KEPT_FOR are deleted. In webhook mode a batch is written as soon as
# an answer waits for it, often one update per batch: a DELETE with each would double the
# statements of every write, for rows that a few minutes more on a day's keeping do not hurt.
FORGET_EVERY = 300.0

_AUTOCOMMIT = {"isolation_level": "AUTOCOMMIT"}


class Claim(enum.Enum):
    """What a webhook does with an update, once claimed (:meth:`HandledUpdates.claim`)."""

    # This instance handles it (or already knows it: the dispatcher skips a copy it handled).
    HERE = "here"
    # Another instance handled it: answer 200, do nothing.
    HANDLED = "handled"
    # Another instance holds it and is alive: answer 503, Telegram retries later.
    BUSY = "busy"


def instance_name() -> str:
    """Who holds a claim: host and process for a reader of the table, and a random part, so
    that a restarted process (the same pid in a container) does not take its predecessor's
    claims for its own."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class HandledUpdates:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        *,
        keep: int = 10_000,
        flush_every: float = 1.0,
        owner: str | None = None,
        claim_lease: timedelta = CLAIM_LEASE,
        renew_every: float = CLAIM_RENEW_EVERY,
        forget_every: float = FORGET_EVERY,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """``owner``: this instance's name in the claims it takes (:meth:`claim`)."""
        self._sessions = session_factory
        self.owner = owner or instance_name()
        self._claim_lease = claim_lease
        self._renew_every = renew_every
        self._monotonic = monotonic
        # Claimed here and not yet recorded as handled: renewed by the background task.
        self._claimed: set[int] = set()
        self._renewed_at = monotonic()
        self._forget_every = forget_every
        self._forgotten_at: float | None = None  # never yet: the first write forgets
        self._clock = clock
        self._keep = keep
        self._flush_every = flush_every
        self._known: set[int] = set()
        self._order: deque[int] = deque()
        self._unwritten: list[int] = []
        self._task: asyncio.Task[None] | None = None
        # Taken in this process and not yet written (being handled, or waiting for a batch).
        self._pending: set[int] = set()
        # Who waits for an update to be written (a webhook's answer), and the nudge to write.
        self._waiters: dict[int, asyncio.Future[None]] = {}
        self._wake = asyncio.Event()
        self._stopping = False

    def begin(self, update_id: int) -> bool:
        """Whether ``update_id`` is new; if so it is taken (a copy arriving while it is being
        handled is refused too)."""
        if update_id in self._known:
            return False
        self._remember(update_id)
        self._pending.add(update_id)
        return True

    async def claim(self, update_id: int) -> Claim:
        """Claim ``update_id`` across instances (webhook mode on PostgreSQL: see the module's
        docstring). One statement, none for an update this process already knows. Raises the
        database's error: the caller answers 503 and Telegram retries."""
        if update_id in self._known:
            return Claim.HERE
        async with self._autocommitted() as connection:
            row = await handled_rows.claim(connection, update_id, self.owner, self._claim_lease)
        if row.handled:
            self._remember(update_id)
            return Claim.HANDLED
        if row.claimed_by != self.owner:
            return Claim.BUSY
        self._claimed.add(update_id)
        return Claim.HERE

    async def renew_claims(self) -> None:
        """Move the lease of every claim this process still holds to a full lease from now, on
        the database's clock (one statement); on a database error, log it: the next round
        tries again, and the lease still has its margin."""
        self._renewed_at = self._monotonic()
        if not self._claimed:
            return
        held = list(self._claimed)
        try:
            async with self._autocommitted() as connection:
                await handled_rows.renew(connection, held, self.owner, self._claim_lease)
        except (SQLAlchemyError, OSError) as error:
            log.warning("claims of %d updates not renewed, retrying: %s", len(held), error)

    @contextlib.asynccontextmanager
    async def _autocommitted(self) -> AsyncIterator[AsyncConnection]:
        """A pooled connection whose statements are each their own transaction: one round trip
        per statement, rather than BEGIN, the statement and COMMIT. The pool gives the
        connection back in its usual isolation level."""
        async with self._sessions() as session:
            yield await session.connection(execution_options=_AUTOCOMMIT)

    def done(self, update_id: int) -> None:
        """Its handling has ended: written with the next batch."""
        self._unwritten.append(update_id)
        if update_id in self._waiters:
            self._wake.set()

    async def written(self, update_id: int, timeout: float) -> bool:  # noqa: ASYNC109
        """Wait until ``update_id`` is in the database as handled, so that a redelivery after
        a crash is skipped; a copy waits for the handling of the original. False when that
        took longer than ``timeout`` seconds (the database is down: the batch is retried)."""
        if update_id not in self._pending:
            return True  # written already, or loaded at start
        waiter = self._waiters.get(update_id)
        if waiter is None:
            waiter = asyncio.get_running_loop().create_future()
            self._waiters[update_id] = waiter
        self._wake.set()
        try:
            await asyncio.wait_for(asyncio.shield(waiter), timeout)
        except TimeoutError:
            return False
        return True

    async def load(self) -> None:
        """The last ``keep`` handled before this start."""
        async with self._sessions() as session:
            for update_id in await handled_rows.recent(session, self._keep):
                self._remember(update_id)

    async def flush(self) -> None:
        """Write what was handled since the last write; on a database error keep it for the
        next one."""
        batch, self._unwritten = self._unwritten, []
        if not batch:
            return
        now = self._clock.now()
        try:
            async with self._sessions() as session:
                await handled_rows.add(session, batch, now)
                await session.commit()
        except (SQLAlchemyError, OSError) as error:
            self._unwritten = batch + self._unwritten
            log.warning("handled updates not written yet, retrying: %s", error)
            return
        for update_id in batch:
            self._pending.discard(update_id)
            self._claimed.discard(update_id)
            waiter = self._waiters.pop(update_id, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(None)
        await self._forget_old(now)

    async def _forget_old(self, now: datetime) -> None:
        """Delete the rows past their day, if the last deletion is ``forget_every`` seconds
        old; on a database error, at the next write."""
        at = self._monotonic()
        if self._forgotten_at is not None and at - self._forgotten_at < self._forget_every:
            return
        try:
            async with self._sessions() as session:
                await handled_rows.forget_before(session, now - KEPT_FOR)
                await session.commit()
        except (SQLAlchemyError, OSError) as error:
            log.warning("old handled updates not deleted yet, retrying: %s", error)
            return
        self._forgotten_at = at

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="handled-updates")

    async def stop(self) -> None:
        """Stop the background writes, then write what is left. The task ends after the write
        it is doing, never cancelled in the middle of one (a batch cut short there would be
        neither written nor kept, and SQLite's write lock could outlive it)."""
        task, self._task = self._task, None
        if task is not None:
            self._stopping = True
            self._wake.set()
            try:
                await task
            finally:
                self._stopping = False
        await self.flush()

    async def _run(self) -> None:
        while not self._stopping:
            # Every ``flush_every`` seconds, or at once when somebody waits for a write.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._flush_every)
            self._wake.clear()
            await self.flush()
            if self._monotonic() - self._renewed_at >= self._renew_every:
                await self.renew_claims()

    def _remember(self, update_id: int) -> None:
        if update_id in self._known:
            return
        self._known.add(update_id)
        self._order.append(update_id)
        while len(self._order) > self._keep:
            self._known.discard(self._order.popleft())
