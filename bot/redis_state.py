"""Conversation state in Redis (REDIS_URL), shared by every instance, read once per update.

aiogram's RedisStorage keeps a conversation in two keys, its state and its data, and asks
Redis for each on every call: the state before the handler (FSMContextMiddleware), the data
when the handler reads it, the data again in ``update_data`` before writing it. Three round
trips of reading per step of a conversation, on the path of every update. Here, within one
update (bot/fsm_storage.py :func:`one_update`, opened by the dispatcher), the first read takes
both keys in one MGET, and the later ones answer from memory. That MGET goes in the round trip
that takes the chat's lock (:meth:`RedisStateStorage.queue_read`, bot/instances.py), so an
update's reading costs no round trip of its own. Writes go to Redis at once, as aiogram's do
(before the reply that tells the person of the step), and update what is remembered; a write of
what Redis holds already is skipped. Measured in webhook mode (bench/instances_bench.py,
Redis's own command counts): the conversation's commands fell from 3.3 to 1.8 per update, all
of the bot's Redis round trips from 5.9 to 4.4, and to 3.4 with the read sent with the lock.

What is remembered stays true for the update: the chat's lock (bot/instances.py,
RenewedRedisEventIsolation) is taken before that first read and held to the handler's end, so
no other instance runs a step of the same conversation meanwhile, and nothing but this storage
writes the keys. Outside an update every call goes to Redis.
"""

from collections.abc import Mapping
from typing import Any, cast

from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import StateType, StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio.client import Pipeline

from bot.fsm_storage import Row, remembered

# What Redis holds for no data (aiogram deletes the key rather than store an empty dict).
_NO_DATA = "{}"


class RedisStateStorage(RedisStorage):
    async def get_state(self, key: StorageKey) -> str | None:
        state, _ = await self._row(key)
        return state

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        _, data = await self._row(key)
        # A new dict on each call, as aiogram's: a handler may change the one it got.
        return cast(dict[str, Any], self.json_loads(data))

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        row = self._known(key)
        if row is not None and row[0] == value and self.state_ttl is None:
            return  # what Redis holds already (with a TTL, the write would renew it)
        await super().set_state(key, value)
        self._remember(key, state=value)

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # aiogram's, with the JSON made once for Redis and for what is remembered.
        if not isinstance(data, dict):
            message = f"Data must be a dict or dict-like object, got {type(data).__name__}"
            raise DataNotDictLikeError(message)
        dumped = self.json_dumps(data) if data else _NO_DATA
        row = self._known(key)
        if row is not None and row[1] == dumped and self.data_ttl is None:
            return  # what Redis holds already
        redis_key = self.key_builder.build(key, "data")
        if data:
            await self.redis.set(redis_key, dumped, ex=self.data_ttl)
        else:
            await self.redis.delete(redis_key)
        self._remember(key, data=dumped)

    def queue_read(self, pipe: Pipeline, key: StorageKey) -> bool:
        """Add the update's first read of ``key``'s conversation to ``pipe``, so that it goes
        to Redis in another command's round trip (the chat's lock, bot/instances.py). False,
        and nothing added, when no read is due: outside an update, or read already. The
        pipeline's reply for it goes to :meth:`keep_read`."""
        if remembered() is None or self._known(key) is not None:
            return False
        pipe.mget(*self._slots(key))
        return True

    async def _row(self, key: StorageKey) -> tuple[str | None, str]:
        row = self._known(key)
        if row is not None:
            return row
        return self.keep_read(key, await self.redis.mget(*self._slots(key)))

    def _slots(self, key: StorageKey) -> tuple[str, str]:
        return self.key_builder.build(key, "state"), self.key_builder.build(key, "data")

    def keep_read(
        self, key: StorageKey, reply: list[bytes | str | None]
    ) -> tuple[str | None, str]:
        """Remember for the update the state and data an MGET of ``key`` brought (its own, or
        one a :meth:`queue_read` put in a pipeline); the row they make."""
        state, data = reply
        row = (_text(state), _text(data) or _NO_DATA)
        known = remembered()
        if known is not None:
            known[self.key_builder.build(key, "state")] = row
        return row

    def _known(self, key: StorageKey) -> tuple[str | None, str] | None:
        """``key``'s state and data as this update read or set them; None when it has not
        read them (or outside an update)."""
        known = remembered()
        state_key = self.key_builder.build(key, "state")
        if known is None or state_key not in known:
            return None
        return _present(known[state_key])

    def _remember(self, key: StorageKey, **written: str | None) -> None:
        """Put what was just written where the update's next read finds it. A key not read in
        this update yet is left to that read."""
        known = remembered()
        slot = self.key_builder.build(key, "state")
        if known is None or slot not in known:
            return
        state, data = _present(known[slot])
        known[slot] = (written.get("state", state), written.get("data") or data)


def _present(row: Row) -> tuple[str | None, str]:
    # The database storage remembers a conversation with nothing stored as None; this one
    # always as its two parts.
    return (None, _NO_DATA) if row is None else row


def _text(value: bytes | str | None) -> str | None:
    return value.decode("utf-8") if isinstance(value, bytes) else value


__all__ = ["RedisStateStorage"]
