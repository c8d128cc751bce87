"""On PostgreSQL a transaction begins at its first write (storage/lazy_begin.py): reads before it
run on their own, without BEGIN and COMMIT; everything that needs a transaction still has one.
What the server says of the connection (asyncpg's ``is_in_transaction``, from PostgreSQL's
ReadyForQuery status) is the witness, and a second connection sees the locks and the rollbacks."""

from typing import Any

import asyncpg
import pytest
from sqlalchemy import Integer, cast, insert, literal, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.db import create_engine, create_session_factory, is_sqlite
from storage.lazy_begin import COMMITS_ALONE
from storage.models import FsmRecord
from storage.unit_of_work import UnitSessions

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
async def sessions(engine: AsyncEngine, session_factory: Sessions) -> Sessions:
    if is_sqlite(str(engine.url)):
        pytest.skip("PostgreSQL's driver only: SQLite's begins at the first write by itself")
    await connected(engine)
    return session_factory


async def connected(engine: AsyncEngine) -> None:
    """The engine's first connection asks the server of itself in a transaction: done before
    anything is counted."""
    async with engine.connect():
        pass


@pytest.fixture
def begins(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each BEGIN asyncpg sends (its isolation level, as it writes it)."""
    sent: list[str] = []
    start = asyncpg.transaction.Transaction.start

    async def counted(self: Any) -> None:
        sent.append(str(self._isolation))
        await start(self)

    monkeypatch.setattr(asyncpg.transaction.Transaction, "start", counted)
    return sent


async def in_transaction(session: AsyncSession) -> bool:
    connection = await session.connection()  # the session's own: no statement is sent
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert isinstance(driver, asyncpg.Connection)
    return driver.is_in_transaction()


async def count_records(session: AsyncSession) -> int:
    return len((await session.scalars(select(FsmRecord))).all())


async def test_reads_run_outside_a_transaction_and_the_first_write_begins_one(
    sessions: Sessions, begins: list[str]
) -> None:
    async with sessions() as session:
        assert await count_records(session) == 0
        assert await session.get(FsmRecord, "absent") is None
        assert not await in_transaction(session)
        assert begins == []

        session.add(FsmRecord(key="k", state="written", data="{}"))
        await session.flush()
        assert await in_transaction(session)
        # A read after the write is in the transaction and sees what it has not committed...
        assert await count_records(session) == 1
        async with sessions() as other:  # ...which nobody else sees
            assert await count_records(other) == 0
        await session.rollback()
    assert len(begins) == 1

    async with sessions() as session:
        assert await count_records(session) == 0  # rolled back: it was all one transaction


async def test_a_unit_that_only_reads_sends_no_begin_and_no_commit(
    sessions: Sessions, begins: list[str]
) -> None:
    async with sessions() as session:
        session.add(FsmRecord(key="k", state="stored", data="{}"))
        await session.commit()
    begins.clear()

    unit_sessions = UnitSessions(sessions)
    async with unit_sessions.unit() as unit:
        for _ in range(3):
            async with unit_sessions() as session:
                record = await session.get(FsmRecord, "k")
                assert record is not None and record.state == "stored"
                assert not await in_transaction(session)
        await unit.release()  # what happens before each request to Telegram
        async with unit_sessions() as session:
            assert await count_records(session) == 1
    assert begins == []


async def test_a_unit_that_writes_commits_its_write(sessions: Sessions, begins: list[str]) -> None:
    unit_sessions = UnitSessions(sessions)
    async with unit_sessions.unit(), unit_sessions() as session:
        assert await count_records(session) == 0
        session.add(FsmRecord(key="k", state="new", data="{}"))
        await session.commit()
    assert len(begins) == 1
    async with sessions() as session:
        assert await count_records(session) == 1


async def test_a_locking_read_begins_the_transaction_and_holds_its_lock(
    engine: AsyncEngine, sessions: Sessions, begins: list[str]
) -> None:
    async with sessions() as session:
        session.add(FsmRecord(key="k", state="stored", data="{}"))
        await session.commit()
    begins.clear()

    async with sessions() as session:
        locked = await session.scalar(
            select(FsmRecord).where(FsmRecord.key == "k").with_for_update()
        )
        assert locked is not None
        assert await in_transaction(session)
        assert len(begins) == 1
        # The row stays locked after the statement: another connection cannot take it.
        async with engine.connect() as other:
            with pytest.raises(DBAPIError, match="could not obtain lock"):
                await other.execute(
                    text("SELECT key FROM fsm_records WHERE key = 'k' FOR UPDATE NOWAIT")
                )
        await session.rollback()


async def test_text_sql_is_not_taken_for_a_read(sessions: Sessions, begins: list[str]) -> None:
    """``SELECT f()`` may write or take a transaction's lock: text keeps its transaction."""
    async with sessions() as session:
        await session.execute(text("SELECT 1"))
        assert await in_transaction(session)
    assert len(begins) == 1


async def test_another_isolation_level_keeps_its_snapshot(
    sessions: Sessions, begins: list[str]
) -> None:
    """REPEATABLE READ shares one snapshot between statements: its reads stay in it."""
    async with sessions() as session:
        await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        assert await count_records(session) == 0
        assert await in_transaction(session)
        async with sessions() as other:
            other.add(FsmRecord(key="k", state="later", data="{}"))
            await other.commit()
        assert await count_records(session) == 0  # the snapshot of its first read
    assert begins[0] == "repeatable_read"


async def test_a_failed_read_leaves_the_session_working(sessions: Sessions) -> None:
    async with sessions() as session:
        with pytest.raises(DBAPIError, match="invalid input syntax"):
            await session.execute(select(cast(literal("not a number"), Integer)))
        await session.rollback()
        assert await count_records(session) == 0
        session.add(FsmRecord(key="k", state="after", data="{}"))
        await session.commit()
    async with sessions() as session:
        assert await count_records(session) == 1


async def test_a_connection_that_was_in_autocommit_reads_and_writes_as_the_others(
    engine: AsyncEngine, sessions: Sessions, begins: list[str]
) -> None:
    """bot/redelivery.py takes connections in AUTOCOMMIT; the pool gives them back in the
    default level, named now ("read_committed") where it was unnamed before."""
    single = create_engine(engine.url.render_as_string(hide_password=False), pool_size=1)
    try:
        await connected(single)
        begins.clear()
        one = create_session_factory(single)
        async with one() as session:
            await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            await session.execute(text("SELECT 1"))
            assert not await in_transaction(session)
        assert begins == []
        async with one() as session:
            assert await count_records(session) == 0
            assert not await in_transaction(session)
            session.add(FsmRecord(key="k", state="written", data="{}"))
            await session.flush()
            assert await in_transaction(session)
            await session.rollback()
        assert begins == ["read_committed"]
    finally:
        await single.dispose()


async def test_a_write_that_commits_alone_sends_no_begin(
    sessions: Sessions, begins: list[str]
) -> None:
    insert_ = insert(FsmRecord).values(key="alone", state="s", data="{}")
    async with sessions() as session:
        await session.execute(insert_, execution_options={COMMITS_ALONE: True})
        assert not await in_transaction(session)
        async with sessions() as other:  # committed by itself, as a transaction of one
            assert await count_records(other) == 1
        await session.commit()
    assert begins == []


async def test_a_write_that_commits_alone_joins_a_transaction_already_begun(
    sessions: Sessions, begins: list[str]
) -> None:
    async with sessions() as session:
        await session.execute(insert(FsmRecord).values(key="first", state="s", data="{}"))
        second = insert(FsmRecord).values(key="second", state="s", data="{}")
        await session.execute(second, execution_options={COMMITS_ALONE: True})
        assert await in_transaction(session)
        await session.rollback()  # takes both
        assert await count_records(session) == 0
    assert len(begins) == 1
