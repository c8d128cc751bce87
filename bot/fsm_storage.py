"""Conversation state in the database, so a restart mid-question loses nothing.

With `REDIS_URL` set, aiogram's RedisStorage is used instead (see bot/app.py).
"""

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from sqlalchemy import delete, insert, update

from storage.models import FsmRecord
from storage.unit_of_work import SessionSource

# A row as this update last read or wrote it: (state, data as JSON), None for no row.
Row = tuple[str | None, str] | None

# Within one update (see :func:`one_update`): the rows it has read or written, by key.
_known: ContextVar[dict[str, Row] | None] = ContextVar("kezdesu_fsm_rows", default=None)


@contextmanager
def one_update() -> Iterator[None]:
    """Within it, the storage reads a conversation's row once (aiogram reads the state before
    the handler, the handler its data) and writes it without reading it again.

    What it remembers stays true for the update: aiogram's events isolation
    (SimpleEventIsolation, bot/app.py) runs one update of a conversation at a time, holding the
    lock from that first read to the handler's end, and nothing but this storage writes the
    rows. Opened by the dispatcher for each update (bot/dispatcher.py); without it, every call
    goes to the database.
    """
    token = _known.set({})
    try:
        yield
    finally:
        _known.reset(token)


class DatabaseStorage(BaseStorage):
    def __init__(self, sessions: SessionSource) -> None:
        """``sessions``: the bot's services' (services/container.py), so the state is read
        and written in the update's unit of work."""
        self._sessions = sessions
        self._keys = DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._read(self._keys.build(key))
        return row[0] if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._write(key, data=json.dumps(dict(data), ensure_ascii=False))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._read(self._keys.build(key))
        if row is None:
            return {}
        loaded: dict[str, Any] = json.loads(row[1])
        return loaded

    async def close(self) -> None:
        return None

    async def _read(self, record_key: str) -> Row:
        known = _known.get()
        if known is not None and record_key in known:
            return known[record_key]
        async with self._sessions() as session:
            record = await session.get(FsmRecord, record_key)
            row = (record.state, record.data) if record else None
        if known is not None:
            known[record_key] = row
        return row

    async def _write(self, key: StorageKey, **values: Any) -> None:
        record_key = self._keys.build(key)
        known = _known.get()
        if known is None or record_key not in known:
            await self._write_read_first(record_key, **values)
            return
        row = known[record_key]
        state = values.get("state", row[0] if row else None)
        data = values.get("data", row[1] if row else "{}")
        new_row: Row = None if state is None and data == "{}" else (state, data)
        if new_row == row:
            return  # what the row already says (the ORM path below writes nothing either)
        async with self._sessions() as session:
            if new_row is None:
                # Nothing left to remember: keep the table as small as the live conversations.
                await session.execute(delete(FsmRecord).where(FsmRecord.key == record_key))
            elif row is None:
                await session.execute(
                    insert(FsmRecord).values(key=record_key, state=state, data=data)
                )
            else:
                await session.execute(
                    update(FsmRecord)
                    .where(FsmRecord.key == record_key)
                    .values(state=state, data=data)
                )
            await session.commit()
        known[record_key] = new_row

    async def _write_read_first(self, record_key: str, **values: Any) -> None:
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
        known = _known.get()
        if known is not None:
            known[record_key] = None if state is None and data == "{}" else (state, data)
