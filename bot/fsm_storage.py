"""Conversation state in the database, so a restart mid-question loses nothing.

With `REDIS_URL` set, it is kept in Redis instead (bot/redis_state.py, chosen in
bot/instances.py).
"""

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from sqlalchemy import Executable, Table, bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.lazy_begin import COMMITS_ALONE
from storage.models import FsmRecord
from storage.repositories import users as user_rows
from storage.unit_of_work import SessionSource, defer

# Built once, on the table rather than the entity: every update reads its conversation's row
# and most write it, and nothing of the ORM (identity map, bulk-update evaluation) is needed
# for two columns. Building an UPDATE and running it through the ORM cost 0.6–0.7 ms of CPU,
# this one 0.25 (measured on PostgreSQL).
_TABLE = cast(Table, FsmRecord.__table__)
_ROW = select(_TABLE.c.state, _TABLE.c.data).where(_TABLE.c.key == bindparam("key"))
_INSERT = insert(_TABLE).values(
    key=bindparam("row_key"), state=bindparam("new_state"), data=bindparam("new_data")
)
_UPDATE = (
    update(_TABLE)
    .where(_TABLE.c.key == bindparam("row_key"))
    .values(state=bindparam("new_state"), data=bindparam("new_data"))
)
_DELETE = delete(_TABLE).where(_TABLE.c.key == bindparam("row_key"))

# A row: (state, data as JSON), None for no row.
Row = tuple[str | None, str] | None


@dataclass(slots=True)
class _Rows:
    """The conversations' rows one update has read or set, by key."""

    # What the update sees: as read, then as it set them.
    known: dict[str, Row] = field(default_factory=dict)
    # What the database holds of the rows set since the last write, as it was before.
    stored: dict[str, Row] = field(default_factory=dict)
    flush_deferred: bool = False
    # Whether the update's user was read with its first conversation's row.
    user_read: bool = False


_rows: ContextVar[_Rows | None] = ContextVar("kezdesu_fsm_rows", default=None)


@contextmanager
def one_update() -> Iterator[None]:
    """Within it, the storage reads a conversation's row once (aiogram reads the state before
    the handler, the handler its data) and writes it once, whatever the handler set and in
    how many calls: in the commit before the next Bot API request, or at the end of the
    handling (storage/unit_of_work.py `defer`; bot/middlewares/state_flush.py writes it while
    the conversation's lock is still held).

    What it remembers stays true for the update: aiogram's events isolation
    (SimpleEventIsolation, bot/app.py) runs one update of a conversation at a time, holding the
    lock from that first read to the handler's end, and nothing but this storage writes the
    rows. Opened by the dispatcher for each update (bot/dispatcher.py); without it, every call
    goes to the database.

    The update's first read brings the update's user and their staff role with the row, in
    the same statement, for the user middleware that asks next (storage/repositories/users.py
    ``with_staff_role_and_state``).
    """
    token = _rows.set(_Rows())
    try:
        yield
    finally:
        _rows.reset(token)


def remembered() -> dict[str, Row] | None:
    """The conversations' state the update being handled has read or set, by key; None
    outside :func:`one_update`. The Redis storage keeps its reads here too (bot/redis_state.py)."""
    rows = _rows.get()
    return None if rows is None else rows.known


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
        row = await self._read(self._keys.build(key), key.user_id)
        return row[0] if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._write(key, data=json.dumps(dict(data), ensure_ascii=False))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._read(self._keys.build(key), key.user_id)
        if row is None:
            return {}
        loaded: dict[str, Any] = json.loads(row[1])
        return loaded

    async def close(self) -> None:
        return None

    async def _read(self, record_key: str, user_id: int | None = None) -> Row:
        rows = _rows.get()
        if rows is not None and record_key in rows.known:
            return rows.known[record_key]
        async with self._sessions() as session:
            if rows is not None and user_id is not None and not rows.user_read:
                # The update's first read: its user with it, for the user middleware, which
                # asks next (storage/repositories/users.py).
                rows.user_read = True
                row = await user_rows.with_staff_role_and_state(session, user_id, record_key)
            else:
                found = (await session.execute(_ROW, {"key": record_key})).one_or_none()
                row = (found.state, found.data) if found else None
        if rows is not None:
            rows.known[record_key] = row
        return row

    async def _write(self, key: StorageKey, **values: Any) -> None:
        record_key = self._keys.build(key)
        rows = _rows.get()
        if rows is None:
            await self._write_read_first(record_key, **values)
            return
        row = await self._read(record_key)
        state = values.get("state", row[0] if row else None)
        data = values.get("data", row[1] if row else "{}")
        new_row: Row = None if state is None and data == "{}" else (state, data)
        if new_row == row:
            return  # what the row already says (the ORM path below writes nothing either)
        rows.stored.setdefault(record_key, row)
        rows.known[record_key] = new_row
        if rows.flush_deferred:
            return
        if defer(partial(_flush, rows)):
            rows.flush_deferred = True
            return
        async with self._sessions() as session:
            await _flush(rows, session)
            await session.commit()

    async def _write_read_first(self, record_key: str, **values: Any) -> None:
        async with self._sessions() as session:
            record = await session.get(FsmRecord, record_key)
            state = values.get("state", record.state if record else None)
            data = values.get("data", record.data if record else "{}")
            if state is None and data == "{}":
                # Nothing left to remember: keep the table as small as the live conversations.
                if record is not None:
                    await session.execute(_DELETE, {"row_key": record_key})
            elif record is None:
                session.add(FsmRecord(key=record_key, state=state, data=data))
            else:
                record.state = state
                record.data = data
            await session.commit()


async def _flush(rows: _Rows, session: AsyncSession) -> None:
    """Write the rows set since the last write, one statement each (none for a row set back
    to what is stored). Its callers commit right after: a lone statement, the usual case, needs
    no transaction of its own (storage/lazy_begin.py)."""
    stored, rows.stored, rows.flush_deferred = rows.stored, {}, False
    writes: list[tuple[Executable, dict[str, Any]]] = []
    for record_key, before in stored.items():
        after = rows.known[record_key]
        if after == before:
            continue
        if after is None:
            # Nothing left to remember: keep the table as small as the live conversations.
            writes.append((_DELETE, {"row_key": record_key}))
        else:
            state, data = after
            values = {"row_key": record_key, "new_state": state, "new_data": data}
            writes.append((_INSERT if before is None else _UPDATE, values))
    options = {COMMITS_ALONE: True} if len(writes) == 1 else {}
    for statement, values in writes:
        await session.execute(statement, values, execution_options=options)
