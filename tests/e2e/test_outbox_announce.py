"""/announce through the durable outbox, end to end: the card is queued with the announcement
and the one sender delivers it in each subscriber's language; a subscriber who blocked the bot
is dropped at once; the bot restarted in the middle of a broadcast finishes it, nobody twice."""

import asyncio
import re
from datetime import datetime, timedelta
from html import unescape

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.app import build_app
from bot.config import SenderSettings, Settings
from bot.local import polling
from sandbox.client import ChatSession, SandboxClient
from sandbox.config import EmulatorConfig
from sandbox.server import RunningEmulator, run_emulator
from services.clock import ManualClock
from services.container import Services
from services.meetings import MeetingView
from storage.models import OutboxMessage, OutboxStatus, Subscription, User
from tests.builders import a_draft
from tests.e2e.harness import ADMIN_ID, START, BotWorld, UpdateTracker

KARAAGASH = "623661000"  # Қараағаш а.о.
ZHARTAS = "623661107"  # one of its villages


def plain(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


async def okrug_meeting(services: Services, starts_at: datetime) -> MeetingView:
    """A draft meeting of the Қараағаш okrug for its whole territory, two hours long."""
    return await a_draft(services.meetings, host=KARAAGASH, starts_at=starts_at)


async def test_announcement_reaches_each_subscriber_in_their_language(world: BotWorld) -> None:
    people = {3001: "kk", 3002: "ru", 3003: "en", 3004: "ru"}
    chats = {}
    for user_id, locale in people.items():
        chats[user_id] = await world.citizen(user_id, locale)
        await world.services.subscriptions.subscribe(user_id, ZHARTAS)
    # One of them has blocked the bot since.
    await world.client.set_blocked(3004)
    meeting = await okrug_meeting(world.services, world.clock.now() + timedelta(days=10))
    admin = await world.admin("ru")
    t = world.text("ru")

    [report] = await admin.say(f"/announce {meeting.id}")
    assert report.content.startswith(
        plain(t("admin-announce-queued", id=str(meeting.id), count=4))
    )

    for user_id in (3001, 3002, 3003):
        chat = chats[user_id]
        await chat.collect("the announcement")
        header = plain(world.text(people[user_id])("meet-announcement-header"))
        assert chat.last.content.startswith(header)
    await world.sender.drain()

    [again] = await admin.say(f"/announce {meeting.id}")
    progress = t("admin-announce-progress", sent=3, waiting=0, unreachable=1, failed=0, skipped=0)
    assert again.content.endswith(plain(progress))
    async with world.app.session_factory() as session:
        blocked = await session.get(User, 3004)
        assert blocked is not None and not blocked.is_active
        statuses = dict(
            (await session.execute(select(OutboxMessage.chat_id, OutboxMessage.status))).all()
        )
    assert statuses == {
        3001: OutboxStatus.SENT,
        3002: OutboxStatus.SENT,
        3003: OutboxStatus.SENT,
        3004: OutboxStatus.UNREACHABLE,
    }


async def subscribers(
    session_factory: async_sessionmaker[AsyncSession],
    client: SandboxClient,
    ids: range,
) -> None:
    async with session_factory() as session:
        for user_id in ids:
            session.add(User(id=user_id, locale="kk", consent_at=START))
            await session.flush()
            session.add(Subscription(user_id=user_id, locality_code=ZHARTAS))
        await session.commit()
    for user_id in ids:
        await client.add_user(user_id, f"User{user_id}", language_code="kk")


def cards(emulator: RunningEmulator, ids: range) -> dict[int, int]:
    return {
        user_id: sum(
            1
            for m in emulator.state.chats[user_id].messages.values()
            if m.outgoing and "📣" in str(m.payload.get("text", ""))
        )
        for user_id in ids
        if user_id in emulator.state.chats
    }


async def cards_at_least(emulator: RunningEmulator, ids: range, count: int) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while sum(cards(emulator, ids).values()) < count:
        assert loop.time() < deadline, "the broadcast did not start"
        await asyncio.sleep(0.01)


async def test_a_restart_in_the_middle_of_a_broadcast_finishes_it(
    database_url: str,
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    # Telegram's own limits (30/s, a second per chat) and a 20 ms round trip.
    config = EmulatorConfig(delay_ms=20)
    settings = Settings(
        _env_file=None,
        database_url=database_url,
        admin_ids=frozenset({ADMIN_ID}),
        sender=SenderSettings(idle_poll=0.1),
    )
    clock = ManualClock(START)
    audience = range(7000, 7090)
    async with run_emulator(config) as emulator, SandboxClient(emulator.url) as client:
        first = build_app(settings, token=config.bot_token, api_url=emulator.url, clock=clock)
        await first.services.localities.load_sample()
        await subscribers(session_factory, client, audience)
        meeting = await okrug_meeting(first.services, START + timedelta(days=10))
        admin = await ChatSession.create(client, ADMIN_ID, language_code="ru")
        admin.settle = UpdateTracker.attached(first.dispatcher).wait
        t = first.translator.bind("ru", settings.tz)
        try:
            async with polling(first):
                [report] = await admin.say(f"/announce {meeting.id}")
                assert plain(t("admin-announce-queued", id=str(meeting.id), count=90)) in (
                    report.content
                )
                await cards_at_least(emulator, audience, 20)
        finally:
            await first.close()
        stopped_at = sum(cards(emulator, audience).values())
        assert stopped_at < len(audience)  # really stopped in the middle

        second = build_app(settings, token=config.bot_token, api_url=emulator.url, clock=clock)
        try:
            async with polling(second):
                await second.sender.drain()
        finally:
            await second.close()
        # A stop that finishes what is in flight and records it sends nobody anything twice.
        assert cards(emulator, audience) == dict.fromkeys(audience, 1)
        assert emulator.state.stats.chat_violations == 0

    async with session_factory() as session:
        left = (
            await session.scalars(
                select(OutboxMessage.status).where(OutboxMessage.status != OutboxStatus.SENT)
            )
        ).all()
    assert left == []
