"""The unit of work (storage/unit_of_work.py): one session per update or task, while every
service block still behaves as if its session were its own."""

from typing import Any

import pytest
from aiogram.methods import GetMe, TelegramMethod
from aiogram.types import User
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.app import create_bot
from bot.config import Settings
from storage.counting import count_queries, counting
from storage.models import FsmRecord
from storage.unit_of_work import UnitSessions, release_current

Sessions = async_sessionmaker[AsyncSession]


async def stored(session_factory: Sessions) -> dict[str, str | None]:
    async with session_factory() as session:
        return {row.key: row.state for row in await session.scalars(select(FsmRecord))}


async def test_outside_a_unit_every_block_has_a_session_of_its_own(
    session_factory: Sessions,
) -> None:
    sessions = UnitSessions(session_factory)
    async with sessions() as first, sessions() as second:
        assert first is not second


async def test_blocks_of_a_unit_share_one_session_and_their_reads_begin_no_transaction(
    engine: AsyncEngine, session_factory: Sessions
) -> None:
    count_queries(engine)
    sessions = UnitSessions(session_factory)
    seen: list[AsyncSession] = []
    with counting() as count:
        async with sessions.unit():
            for _ in range(3):
                async with sessions() as session:
                    await session.scalar(select(func.count()).select_from(FsmRecord))
                    seen.append(session)
    assert seen[0] is seen[1] is seen[2]
    # Reads need no BEGIN and COMMIT on either database (storage/lazy_begin.py).
    assert (count.statements, count.transactions, count.connections) == (3, 0, 1)


async def test_a_block_reads_afresh_what_another_block_changed(session_factory: Sessions) -> None:
    async with session_factory() as session:
        session.add(FsmRecord(key="k", state="before", data="{}"))
        await session.commit()
    sessions = UnitSessions(session_factory)
    async with sessions.unit():
        async with sessions() as session:
            loaded = await session.get(FsmRecord, "k")
            assert loaded is not None and loaded.state == "before"
        async with sessions() as session:
            # A bulk UPDATE does not touch objects a session already holds.
            await session.execute(
                update(FsmRecord)
                .where(FsmRecord.key == "k")
                .values(state="after")
                .execution_options(synchronize_session=False)
            )
            await session.commit()
        async with sessions() as session:
            again = await session.get(FsmRecord, "k")
            assert again is not None and again.state == "after"
            assert again is not loaded


async def test_what_a_block_left_uncommitted_is_rolled_back_at_its_end(
    session_factory: Sessions,
) -> None:
    sessions = UnitSessions(session_factory)
    async with sessions.unit():
        async with sessions() as session:
            session.add(FsmRecord(key="flushed", state="x", data="{}"))
            await session.flush()  # written in the transaction, never committed
        async with sessions() as session:
            session.add(FsmRecord(key="pending", state="x", data="{}"))  # never flushed
        async with sessions() as session:
            session.add(FsmRecord(key="kept", state="x", data="{}"))
            await session.commit()
    assert await stored(session_factory) == {"kept": "x"}


async def test_an_error_rolls_back_its_block_and_keeps_what_was_committed_before(
    session_factory: Sessions,
) -> None:
    sessions = UnitSessions(session_factory)

    async def failing_update() -> None:
        async with sessions.unit():
            async with sessions() as session:
                session.add(FsmRecord(key="committed", state="x", data="{}"))
                await session.commit()
            async with sessions() as session:
                session.add(FsmRecord(key="failed", state="x", data="{}"))
                await session.flush()
                raise RuntimeError("the handler failed")

    with pytest.raises(RuntimeError):
        await failing_update()
    assert await stored(session_factory) == {"committed": "x"}


async def test_a_block_inside_a_block_has_its_own_session_and_commit(
    session_factory: Sessions,
) -> None:
    sessions = UnitSessions(session_factory)
    async with sessions.unit(), sessions() as outer:
        # Not flushed: on SQLite a flushed write would hold the lock the inner one needs.
        # Had the inner block shared the session, its commit would have written this row.
        outer.add(FsmRecord(key="outer", state="x", data="{}"))
        async with sessions() as inner:
            assert inner is not outer
            inner.add(FsmRecord(key="inner", state="x", data="{}"))
            await inner.commit()
    assert await stored(session_factory) == {"inner": "x"}


async def test_release_ends_the_transaction_and_the_next_block_goes_on(
    engine: AsyncEngine, session_factory: Sessions
) -> None:
    count_queries(engine)
    sessions = UnitSessions(session_factory)
    with counting() as count:
        async with sessions.unit():
            async with sessions() as session:
                await session.scalar(select(func.count()).select_from(FsmRecord))
            await release_current()
            assert not session.in_transaction()
            assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
            async with sessions() as again:
                assert again is session
                again.add(FsmRecord(key="after", state="x", data="{}"))
                await again.commit()
    assert count.transactions == 1  # the write's: the read before the release needed none
    assert await stored(session_factory) == {"after": "x"}


async def test_a_unit_inside_a_unit_is_the_same_unit(session_factory: Sessions) -> None:
    sessions = UnitSessions(session_factory)
    async with sessions.unit() as outer, sessions.unit() as inner:
        assert inner is outer


async def test_the_bot_releases_the_connection_before_every_request(
    session_factory: Sessions,
) -> None:
    """The bot `kezdesu run` builds (bot/app.py, create_bot): when its request leaves, the
    update's transaction is over."""
    bot = create_bot(Settings(_env_file=None), "42:TEST")
    sessions = UnitSessions(session_factory)
    open_at_request: list[bool] = []

    async def make_request(
        _bot: Any,
        method: TelegramMethod[Any],
        timeout: int | None = None,  # noqa: ASYNC109
    ) -> Any:
        open_at_request.append(session.in_transaction())
        return User(id=42, is_bot=True, first_name="Kezdesu")

    bot.session.make_request = make_request  # type: ignore[method-assign,assignment]
    try:
        async with sessions.unit():
            async with sessions() as session:
                await session.scalar(select(func.count()).select_from(FsmRecord))
            assert session.in_transaction()
            await bot(GetMe())
    finally:
        await bot.session.close()
    assert open_at_request == [False]
