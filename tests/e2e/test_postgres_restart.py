"""PostgreSQL really restarted under the running bot, on a private server of these tests (the
shared one serves every other test): a broadcast in the middle of sending finishes with nobody
left out and repeats bounded by what was in flight; a citizen who writes while the server is
down is told to try again, and the next message works; a scheduler tick that finds the server
down owes nothing and repeats nothing once it is back."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from bot.config import SenderSettings
from scheduler.runner import tick
from scheduler.sender.outbox_sender import OutboxSender
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_async
from storage.models import MeetingStatus, OutboxMessage, OutboxStatus
from tests.conftest import empty_tables, skip_or_fail
from tests.e2e.harness import BotWorld, running_world
from tests.e2e.test_outbox_announce import (
    KARAAGASH,
    cards,
    cards_at_least,
    okrug_meeting,
    plain,
    subscribers,
)
from tests.own_postgres import OwnPostgres, own_postgres
from tests.scheduler.helpers import Sessions, duty_messages, local, make_world
from tests.scheduler.test_compliance import sent_to

OKRUG_OFFICIAL = 5101


@pytest.fixture(scope="module")
def cluster() -> Iterator[OwnPostgres]:
    with own_postgres() as server:
        if server is None:
            skip_or_fail("no PostgreSQL binaries (initdb, pg_ctl) on this machine")
        yield server


@pytest.fixture(scope="module")
async def migrated(cluster: OwnPostgres) -> str:
    await upgrade_async(cluster.url)
    return cluster.url


@pytest.fixture
async def sessions(migrated: str) -> AsyncIterator[Sessions]:
    engine = create_engine(migrated)
    yield create_session_factory(engine)
    await empty_tables(engine)
    await engine.dispose()


@pytest.fixture
async def world(migrated: str, sessions: Sessions) -> AsyncIterator[BotWorld]:
    # Fast enough that a restart (about a second) falls in the middle of the broadcast.
    sender = SenderSettings(idle_poll=0.1, rate=100, concurrency=10)
    async with running_world(migrated, delay_ms=20, sender=sender) as running:
        yield running


async def test_a_broadcast_goes_on_after_postgresql_restarts(
    world: BotWorld, cluster: OwnPostgres
) -> None:
    audience = range(7000, 7300)
    await subscribers(world.app.session_factory, world.client, audience)
    meeting = await okrug_meeting(world.services, world.clock.now() + timedelta(days=10))
    admin = await world.admin("ru")
    await admin.say(f"/announce {meeting.id}")
    await cards_at_least(world.emulator, audience, 60)

    # The sender keeps sending while the server is down, until it has met the outage (a
    # write of what it sent, or a claim, failed); then the server comes back.
    sender = world.sender
    await asyncio.to_thread(cluster.stop)
    try:
        await db_errors_at_least(sender, 1)
    finally:
        await asyncio.to_thread(cluster.start)
    sent_at_restart = sum(cards(world.emulator, audience).values())
    assert sent_at_restart < len(audience)  # really restarted in the middle

    await sender.drain()
    # Rows whose outcome could not be written while the server was down are taken again
    # when their lease runs out.
    world.clock.advance(sender.config.lease + timedelta(seconds=1))  # database's clock: roughly
    await sender.drain()

    delivered = cards(world.emulator, audience)
    assert set(delivered) == set(audience)
    repeats = sum(count - 1 for count in delivered.values())
    assert repeats <= sender.config.concurrency
    async with world.app.session_factory() as session:
        left = await session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.status != OutboxStatus.SENT)
        )
    assert left == 0


async def db_errors_at_least(sender: OutboxSender, count: int) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while sender.stats.db_errors < count:
        assert loop.time() < deadline, "the sender never noticed the server was down"
        await asyncio.sleep(0.01)


async def test_a_citizen_writing_while_postgresql_is_down_is_told_to_try_again(
    world: BotWorld, cluster: OwnPostgres
) -> None:
    chat = await world.citizen(5001, "kk")
    t = world.text("kk")
    await asyncio.to_thread(cluster.stop)
    try:
        [apology] = await chat.say("/meetings")
    finally:
        await asyncio.to_thread(cluster.start)
    assert apology.content == plain(t("error-internal"))

    # Back up: the pool's dead connections are replaced, the next message is answered.
    replies = await chat.say("/meetings")
    assert all(plain(t("error-internal")) not in m.content for m in replies)
    assert replies


async def test_a_tick_while_postgresql_is_down_owes_nothing_once_it_is_back(
    sessions: Sessions, cluster: OwnPostgres
) -> None:
    world = await make_world(sessions, local(date(2027, 3, 1)))
    await world.official(OKRUG_OFFICIAL, KARAAGASH)
    await world.meeting(KARAAGASH, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    await world.run_days(date(2027, 3, 11), date(2027, 3, 16))

    # The day the first reminder is due (seven days after the meeting), the server is down.
    world.clock.set(local(date(2027, 3, 17), 10))
    await asyncio.to_thread(cluster.stop)
    try:
        down = await tick(world.services, world.clock.now())
    finally:
        await asyncio.to_thread(cluster.start)
    assert "compliance" in down.failed

    world.clock.advance(timedelta(minutes=1))
    await world.tick()
    world.clock.advance(timedelta(minutes=1))
    await world.tick()
    messages = await duty_messages(world.sessions)
    assert sent_to(messages, OKRUG_OFFICIAL) == [("before", date(2027, 3, 17))]
