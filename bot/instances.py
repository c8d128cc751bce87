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


def create_events_isolation(settings: Settings, redis: Redis | None) -> BaseEventIsolation:
    """One update of a chat at a time: across instances with Redis, in this process without."""
    if redis is None:
        return SimpleEventIsolation()
    return RenewedRedisEventIsolation(redis, key_builder=key_builder(settings))


class RenewedRedisEventIsolation(RedisEventIsolation):
    """aiogram's per-chat lock in Redis, renewed while its update is handled."""

    def __init__(
        self,
        redis: Redis,
        key_builder: KeyBuilder,
        *,
        timeout: float = LOCK_TIMEOUT,
        renew_every: float = LOCK_RENEW_EVERY,
    ) -> None:
        super().__init__(
            redis, key_builder=key_builder, lock_kwargs={**LOCK_KWARGS, "timeout": timeout}
        )
        self._renew_every = renew_every

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncIterator[None]:
        redis_key = self.key_builder.build(key, "lock")
        async with self.redis.lock(name=redis_key, lock_class=Lock, **self.lock_kwargs) as held:
            renewing = asyncio.create_task(self._renew(held))
            try:
                yield None
            finally:
                renewing.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await renewing

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
