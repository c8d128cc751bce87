"""Conversation state in the database, so a restart mid-question loses nothing.

With `REDIS_URL` set, aiogram's RedisStorage is used instead (see bot/app.py).
"""

import json
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import FsmRecord


class DatabaseStorage(BaseStorage):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = session_factory
        self._keys = DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._sessions() as session:
            record = await session.get(FsmRecord, self._keys.build(key))
            return record.state if record else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._write(key, data=json.dumps(dict(data), ensure_ascii=False))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self._sessions() as session:
            record = await session.get(FsmRecord, self._keys.build(key))
            if record is None:
                return {}
            loaded: dict[str, Any] = json.loads(record.data)
            return loaded

    async def close(self) -> None:
        return None

    async def _write(self, key: StorageKey, **values: Any) -> None:
        record_key = self._keys.build(key)
        async with self._sessions() as session:
            record = await session.get(FsmRecord, record_key)
            state = values.get("state", record.state if record else None)
            data = values.get("data", record.data if record else "{}")
            if state is None and data == "{}":
                # Nothing left to remember: keep the table as small as the live conversations.
                if record is not None:
                    await session.execute(delete(FsmRecord).where(FsmRecord.key == record_key))
            elif record is None:
                session.add(FsmRecord(key=record_key, state=state, data=data))
            else:
                record.state = state
                record.data = data
            await session.commit()
