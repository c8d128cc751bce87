"""What several instances of the bot share through Redis (REDIS_URL), and why one chat's
updates are handled in order and one at a time even when they land on different instances.

N instances in webhook mode behind a load balancer, on one PostgreSQL and one Redis, behave as
one bot:

- *Each update once*: claimed in PostgreSQL before it is handled (bot/redelivery.py).
- *Conversation state*: in Redis (bot/redis_state.py, aiogram's RedisStorage read once per
  update), read and written by whichever instance gets the chat's next update.
- *One chat in order, one at a time*: Telegram sends a chat's next update only after the
  previous one was acknowledged with a 2xx, and the webhook acknowledges only after the update
  was handled and recorded (bot/webhook.py). So the next update of a chat cannot reach any
  instance before the previous one is done: order holds across instances without a queue of
  ours. What remains is an overlap: a copy Telegram sends again while the original is still
  being handled (the answer was late or lost), or a person's two taps that arrive as two
  updates of different kinds at once. aiogram's RedisEventIsolation covers that: a per-chat
  lock in Redis (per chat and user, as the conversation state is keyed), held for the update's
  handling, so two instances never run one chat's steps at the same time. The lock is short
  and renewed while it is held (:class:`RenewedRedisEventIsolation`): an instance that dies
  holding it keeps the chat waiting 20 s, not a minute. Within one process, without Redis,
  SimpleEventIsolation does the same with an asyncio lock.
- *The sending rate*: one token bucket in Redis for all (scheduler/sender/shared_pacer.py).

Without REDIS_URL each of these is per process, which is right for one instance and wrong for
several: the bot says so at start in webhook mode (:func:`unshared_in_webhook_mode`) rather
than refusing, since one webhook instance without Redis is a setup that works.
"""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiogram.fsm.storage.base import (
    BaseEventIsolation,
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StorageKey,
)
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation
from redis.asyncio import Redis
from redis.asyncio.lock import Lock
from redis.exceptions import LockError, RedisError

from bot.config import Settings
from bot.fsm_storage import DatabaseStorage
from bot.redis_state import RedisStateStorage
from storage.db import is_sqlite
from storage.unit_of_work import SessionSource

log = logging.getLogger(__name__)

# A chat's lock lasts at most this long (seconds) if its instance dies holding it; a live
# instance renews it every LOCK_RENEW_EVERY seconds while the update is handled, so a slow
# handling keeps it. Waiters look again every ``sleep`` seconds: a double tap waits that much
# more at worst, and only then.
LOCK_TIMEOUT = 20.0
LOCK_RENEW_EVERY = 5.0
LOCK_KWARGS = {"timeout": LOCK_TIMEOUT, "sleep": 0.02}


def create_redis(settings: Settings) -> Redis | None:
    """The one Redis client of the process (None without REDIS_URL)."""
    if not settings.redis_url:
        return None
    return Redis.from_url(settings.redis_url)


def key_builder(settings: Settings) -> DefaultKeyBuilder:
    return DefaultKeyBuilder(prefix=settings.redis_prefix)


def create_fsm_storage(
    settings: Settings, sessions: SessionSource, redis: Redis | None = None
) -> BaseStorage:
    """Conversation state: in Redis with REDIS_URL, else in the database."""
    if settings.redis_url:
        client = redis if redis is not None else Redis.from_url(settings.redis_url)
        return RedisStateStorage(client, key_builder=key_builder(settings))
    return DatabaseStorage(sessions)


def create_events_isolation(
    settings: Settings, redis: Redis | None, storage: BaseStorage | None = None
) -> BaseEventIsolation:
    """One update of a chat at a time: across instances with Redis, in this process without.
    ``storage``: the conversations' storage, whose reads go with the lock's when in Redis."""
    if redis is None:
        return SimpleEventIsolation()
    state = storage if isinstance(storage, RedisStateStorage) else None
    return RenewedRedisEventIsolation(redis, key_builder=key_builder(settings), state=state)


class RenewedRedisEventIsolation(RedisEventIsolation):
    """aiogram's per-chat lock in Redis, renewed while its update is handled."""

    def __init__(
        self,
        redis: Redis,
        key_builder: KeyBuilder,
        *,
        timeout: float = LOCK_TIMEOUT,
        renew_every: float = LOCK_RENEW_EVERY,
        state: RedisStateStorage | None = None,
    ) -> None:
        """``state``: the conversations' storage on the same Redis, whose read of a chat's
        state goes with the taking of its lock (None: each its own round trip)."""
        super().__init__(
            redis, key_builder=key_builder, lock_kwargs={**LOCK_KWARGS, "timeout": timeout}
        )
        self._timeout = timeout
        self._renew_every = renew_every
        self._state = state

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncIterator[None]:
        held = self.redis.lock(
            name=self.key_builder.build(key, "lock"), lock_class=Lock, **self.lock_kwargs
        )
        if not await self._take_and_read(held, key):
            await held.acquire()  # aiogram's way: SET NX, again every ``sleep`` until free
        renewing = asyncio.create_task(self._renew(held))
        try:
            yield None
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
            await held.release()

    async def _take_and_read(self, held: Lock, key: StorageKey) -> bool:
        """Take the chat's lock if it is free and read its conversation, in one round trip.

        The next thing aiogram does with the lock taken is read the state (FSMContextMiddleware),
        so the read rides along: a pipeline of SET NX and the storage's MGET, which Redis runs
        in that order, so the read sees what the lock's last holder wrote. If the lock was not
        free the read is dropped, and made again once the lock is taken. False when not taken,
        or when no read is due (then the plain SET NX of :meth:`Lock.acquire` is as good)."""
        if self._state is None:
            return False
        token = uuid.uuid4().hex.encode()
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.set(held.name, token, nx=True, px=int(self._timeout * 1000))
            if not self._state.queue_read(pipe, key):
                return False
            taken, read = await pipe.execute()
        if not taken:
            return False
        held.local.token = token  # as Lock.acquire records it, for renewing and releasing
        self._state.keep_read(key, read)
        return True

    async def _renew(self, held: Lock) -> None:
        while True:
            await asyncio.sleep(self._renew_every)
            try:
                await held.reacquire()  # its full timeout again, if it is still ours
            except LockError as error:
                # Lapsed and taken (the loop stalled past the timeout): nothing left to renew.
                log.warning("a chat's lock was lost while its update was handled: %s", error)
                return
            except (RedisError, OSError) as error:
                log.warning("a chat's lock not renewed, retrying: %s", error)


def unshared_in_webhook_mode(settings: Settings) -> list[str]:
    """What several webhook instances of these settings would not guarantee (empty: all)."""
    missing = []
    if is_sqlite(settings.database_url):
        missing.append(
            "SQLite is one machine's file: updates are not claimed across instances "
            "(a redelivery to another instance may be handled again)"
        )
    if not settings.redis_url:
        missing.append(
            "without REDIS_URL, one chat's updates are serialised, and the sending rate kept, "
            "per instance only (N instances may send N times Telegram's limit, and handle a "
            "chat's overlapping updates at once)"
        )
    return missing
