"""An update Telegram delivers again is handled once (bot/redelivery.py): fed twice to the
dispatcher `kezdesu run` builds, at once or one after the other, and again after a restart."""

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import pytest
from aiogram.types import Chat, Message, Update, User
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.redelivery import FORGET_EVERY, HandledUpdates
from services.clock import SystemClock
from storage.counting import count_queries, counting
from storage.models import HandledUpdate
from storage.repositories import handled_updates as handled_rows
from tests.e2e.harness import BotWorld

pytestmark = pytest.mark.asyncio

USER_ID = 7401


def start_update(update_id: int) -> Update:
    person = User(id=USER_ID, is_bot=False, first_name="Aigerim", language_code="kk")
    return Update(
        update_id=update_id,
        message=Message(
            message_id=update_id,
            date=datetime.now(UTC),
            chat=Chat(id=USER_ID, type="private"),
            from_user=person,
            text="/start",
        ),
    )


async def test_the_same_update_twice_is_handled_once(
    world: BotWorld,
    session_factory: async_sessionmaker[AsyncSession],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    await world.client.add_user(USER_ID, "Aigerim", language_code="kk")
    app = world.app
    update = start_update(900_001)

    # Two copies at once (a webhook retried while the first is handled), then a third.
    await asyncio.gather(
        app.dispatcher.feed_update(app.bot, update), app.dispatcher.feed_update(app.bot, update)
    )
    await app.dispatcher.feed_update(app.bot, update)

    replies = await world.client.current_messages(USER_ID, sender="bot")
    assert len(replies) == 1  # the language question, once
    skipped = [r for r in caplog.records if "delivered again" in r.getMessage()]
    assert len(skipped) == 2
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]

    # A restart remembers it: what the bot handled is written to the database.
    assert app.handled is not None
    await app.handled.flush()
    restarted = HandledUpdates(session_factory, SystemClock())
    await restarted.load()
    assert not restarted.begin(900_001)
    assert restarted.begin(900_002)


async def test_written_waits_for_the_batch_that_holds_the_update(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    # A webhook's answer waits for this (bot/webhook.py); the periodic write is an hour away,
    # so only the wait's own nudge can write it.
    handled = HandledUpdates(session_factory, SystemClock(), flush_every=3600)
    await handled.load()
    handled.start()
    try:
        assert handled.begin(900_010)
        # A copy waits for the original's handling, then for its write.
        copy = asyncio.create_task(handled.written(900_010, timeout=30))
        await asyncio.sleep(0.05)
        assert not copy.done()
        handled.done(900_010)
        assert await handled.written(900_010, timeout=30)
        assert await copy
        restarted = HandledUpdates(session_factory, SystemClock())
        await restarted.load()
        assert not restarted.begin(900_010)
        # Known from the database: nothing to wait for.
        assert await restarted.written(900_010, timeout=0.01)
    finally:
        await handled.stop()


async def test_written_gives_up_while_the_database_cannot_take_it(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    handled = HandledUpdates(session_factory, SystemClock(), flush_every=3600)
    handled.start()
    try:
        assert handled.begin(900_020)
        # The handling never ends here, so no batch can hold it: the answer is not sent.
        assert not await handled.written(900_020, timeout=0.2)
    finally:
        handled.done(900_020)
        await handled.stop()


async def test_a_batch_is_one_statement_and_old_rows_are_deleted_every_few_minutes(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    count_queries(engine)
    seconds = [0.0]
    handled = HandledUpdates(
        session_factory, SystemClock(), flush_every=3600, monotonic=lambda: seconds[0]
    )
    two_days_ago = datetime.now(UTC) - timedelta(days=2)

    async def add_old(update_id: int) -> None:
        async with session_factory() as session:
            await handled_rows.add(session, [update_id], two_days_ago)
            await session.commit()

    async def write(*update_ids: int) -> tuple[int, int]:
        for update_id in update_ids:
            assert handled.begin(update_id)
            handled.done(update_id)
        with counting() as count:
            await handled.flush()
        return count.statements, count.transactions

    async def rows() -> set[int]:
        async with session_factory() as session:
            return set(await session.scalars(select(HandledUpdate.update_id)))

    # PostgreSQL commits each statement by itself (storage/lazy_begin.py, COMMITS_ALONE);
    # SQLite's driver begins a transaction at each write.
    alone = 0 if engine.dialect.name == "postgresql" else 1

    await add_old(900_030)
    # The first write of a process deletes what is past its day: the batch, then the DELETE.
    assert await write(900_031, 900_032) == (2, 2 * alone)
    assert await rows() == {900_031, 900_032}

    await add_old(900_033)
    # Within FORGET_EVERY a batch is its one statement, and the old row waits.
    assert await write(900_034) == (1, alone)
    assert await rows() == {900_031, 900_032, 900_033, 900_034}

    seconds[0] += FORGET_EVERY
    assert await write(900_035) == (2, 2 * alone)
    assert await rows() == {900_031, 900_032, 900_034, 900_035}
