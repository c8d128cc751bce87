"""The one sender against the Bot API emulator, on SQLite and PostgreSQL: what Telegram answers
(429, 403, chat not found, 5xx, timeouts, other 400s) and what becomes of each row; the
citizen's switches and quiet hours; pacing per chat; a sender killed mid-broadcast; two senders
sharing one outbox; the database's connections cut under load."""

import asyncio
import os
import re
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import sender_config
from bot.config import Settings
from bot.metrics import Metrics
from handlers.notices import Rendered
from locales import Text, Translator
from sandbox import EmulatorConfig, RunningEmulator, run_emulator
from sandbox.client import SandboxClient
from scheduler.sender.outbox_sender import PAYLOAD_CACHE, OutboxSender, SenderConfig
from services.clock import ManualClock
from services.outbox import Outbox, OutboxQueue, Recipient
from storage.db import create_engine
from storage.models import (
    NoticeKind,
    NotificationSettings,
    OutboxMessage,
    OutboxStatus,
    User,
)
from storage.models.base import UtcDateTime
from tests.notice_kit import KitRenderers
from tests.notice_kit import plain as plain_notice

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
# Tuesday 10 March 2026, 12:00 in Almaty.
NOW = datetime(2026, 3, 10, 7, 0, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]


def plain(html: str) -> str:
    """A text as the chat shows it: without tags, entities decoded."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def render(t: Text) -> Rendered:
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t("meet-btn-ask"), callback_data="m:1")]]
    )
    return Rendered(text=t("meet-announcement-header"), reply_markup=keyboard)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def outbox(clock: ManualClock) -> Outbox:
    return Outbox(clock, Translator(), TZ, KitRenderers(), default_locale="kk")


@pytest.fixture
def emulator_config() -> EmulatorConfig:
    return EmulatorConfig(rate_limits_enabled=False)


@pytest.fixture
async def emulator(emulator_config: EmulatorConfig) -> AsyncIterator[RunningEmulator]:
    async with run_emulator(emulator_config) as running:
        yield running


@pytest.fixture
async def client(emulator: RunningEmulator) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(emulator.url) as sandbox_client:
        yield sandbox_client


def make_bot(emulator: RunningEmulator) -> Bot:
    return Bot(
        emulator.bot_token,
        session=AiohttpSession(api=TelegramAPIServer.from_base(emulator.url)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


@pytest.fixture
async def bot(emulator: RunningEmulator) -> AsyncIterator[Bot]:
    instance = make_bot(emulator)
    yield instance
    await instance.session.close()


def make_sender(
    session_factory: Sessions, bot: Bot, clock: ManualClock, **config: object
) -> OutboxSender:
    settings: dict[str, object] = {"rate": 200.0, "idle_poll": 0.05}
    settings.update(config)
    return OutboxSender(
        session_factory,
        bot,
        clock=clock,
        tz=TZ,
        config=SenderConfig.for_rate(**settings),  # type: ignore[arg-type]
    )


async def people(
    session_factory: Sessions,
    client: SandboxClient,
    ids: Iterable[int],
    locale: str = "kk",
    *,
    in_telegram: bool = True,
) -> list[int]:
    """Users of the bot (in the database) and of Telegram (in the emulator)."""
    chosen = list(ids)
    async with session_factory() as session:
        for user_id in chosen:
            session.add(User(id=user_id, locale=locale, consent_at=NOW))
        await session.commit()
    if in_telegram:
        for user_id in chosen:
            await client.add_user(user_id, f"User{user_id}", language_code=locale)
    return chosen


async def enqueue(
    session_factory: Sessions,
    outbox: Outbox,
    ids: Iterable[int],
    *,
    key: str = "notice:1",
    kind: NoticeKind = NoticeKind.ANNOUNCEMENT,
    locale: str = "kk",
    urgent: bool = False,
    stale_at: datetime | None = None,
) -> int:
    async with session_factory() as session:
        written = await outbox.notify(
            session,
            plain_notice(key, render, kind=kind, urgent=urgent, stale_at=stale_at),
            [Recipient(chat_id, locale) for chat_id in ids],
        )
        await session.commit()
    return written


def delivered(emulator: RunningEmulator) -> Counter[int]:
    """Messages the bot sent, per chat."""
    counts = Counter(
        {
            chat.id: sum(1 for m in chat.messages.values() if m.outgoing)
            for chat in emulator.state.chats.values()
        }
    )
    return +counts  # chats that got nothing are left out


async def statuses(session_factory: Sessions) -> Counter[OutboxStatus]:
    async with session_factory() as session:
        found = await session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        )
        return Counter({OutboxStatus(status): int(count) for status, count in found.all()})


async def row(session_factory: Sessions, chat_id: int, key: str = "notice:1") -> OutboxMessage:
    async with session_factory() as session:
        found = await session.scalar(
            select(OutboxMessage).where(OutboxMessage.key == f"{key}:{chat_id}")
        )
    assert found is not None
    return found


async def sent_at_least(emulator: RunningEmulator, count: int, seconds: float = 30) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while emulator.state.stats.messages_sent < count:
        assert loop.time() < deadline, f"only {emulator.state.stats.messages_sent} sent"
        await asyncio.sleep(0.005)


# -------------------------------------------------------------------------------------------------
# Delivering


async def test_each_recipient_gets_the_notice_once_in_their_language(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    translator = Translator()
    kk = await people(session_factory, client, [101, 102], "kk")
    ru = await people(session_factory, client, [103], "ru")
    await enqueue(session_factory, outbox, kk, locale="kk")
    await enqueue(session_factory, outbox, ru, locale="ru")
    sender = make_sender(session_factory, bot, clock)

    report = await sender.drain()

    assert report.sent == 3 and report.failed == 0 and report.unreachable == 0
    assert delivered(emulator) == {101: 1, 102: 1, 103: 1}
    for chat_id, locale in ((101, "kk"), (103, "ru")):
        t = translator.bind(locale, TZ)
        [message] = await client.current_messages(chat_id, "bot")
        assert message.content == plain(t("meet-announcement-header"))
        assert [button.text for button in message.buttons] == [t("meet-btn-ask")]
    sent = await row(session_factory, 101)
    assert sent.status is OutboxStatus.SENT
    assert sent.attempts == 1 and sent.sent_at == clock.now()
    # Nothing is due any more: a second drain sends nothing.
    assert (await sender.drain()).sent == 0
    assert delivered(emulator) == {101: 1, 102: 1, 103: 1}
    assert sender.stats.sent == 3 and sender.stats.requests == 3


async def test_a_notice_due_later_waits_for_its_time(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    [chat] = await people(session_factory, client, [111])
    async with session_factory() as session:
        await outbox.notify(
            session,
            plain_notice("remind:1", render, kind=NoticeKind.MEETING_REMINDER),
            [Recipient(chat, "kk")],
            not_before=clock.now() + timedelta(hours=1),
        )
        await session.commit()
    sender = make_sender(session_factory, bot, clock)
    assert (await sender.drain()).sent == 0
    clock.advance(timedelta(hours=1))
    assert (await sender.drain()).sent == 1
    assert delivered(emulator) == {chat: 1}


# -------------------------------------------------------------------------------------------------
# What Telegram answers


@pytest.mark.parametrize(
    "emulator_config",
    # Far below what the sender is told: a storm of 429s.
    [EmulatorConfig(global_rate=10, global_burst=10, chat_rate=1, chat_burst=3)],
)
async def test_a_storm_of_429s_delays_but_drops_nothing(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    chats = await people(session_factory, client, range(200, 240))
    await enqueue(session_factory, outbox, chats)
    sender = make_sender(session_factory, bot, clock, rate=200.0, concurrency=20)
    metrics = Metrics()
    metrics.watch_sender(sender)

    report = await sender.drain()

    assert report.rate_limited > 0
    assert emulator.state.stats.rate_limited == report.rate_limited
    # /metrics: each 429's retry_after (whole seconds, at least one), all of them the sender's.
    retry_after = {
        (sample.name, sample.labels["who"]): sample.value
        for family in text_string_to_metric_families(metrics.exposition().decode())
        for sample in family.samples
        if sample.name.startswith("kezdesu_retry_after_seconds_") and "le" not in sample.labels
    }
    assert retry_after[("kezdesu_retry_after_seconds_count", "sender")] == report.rate_limited
    assert retry_after[("kezdesu_retry_after_seconds_sum", "sender")] >= report.rate_limited
    assert retry_after[("kezdesu_retry_after_seconds_count", "reply")] == 0
    assert report.sent == len(chats)
    assert delivered(emulator) == dict.fromkeys(chats, 1)
    assert await statuses(session_factory) == {OutboxStatus.SENT: len(chats)}
    # A 429 is flow control, not a failed attempt.
    assert {(await row(session_factory, chat)).attempts for chat in chats} == {1}


@pytest.mark.parametrize(
    "emulator_config",
    # The published rate, but a bucket of a tenth of a second (5 messages) instead of a second's.
    [EmulatorConfig(delay_ms=20).with_changes({"global_rate": 50}).with_burst_seconds(0.1)],
)
async def test_a_small_burst_at_the_published_rate_meets_few_429s(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    assert emulator.state.config.global_burst == 5
    chats = await people(session_factory, client, range(7000, 7150))
    await enqueue(session_factory, outbox, chats)
    # Told the rate, never the burst.
    sender = make_sender(session_factory, bot, clock, rate=50.0)

    report = await sender.drain()

    assert report.sent == len(chats)
    assert delivered(emulator) == dict.fromkeys(chats, 1)
    stats = emulator.state.stats
    # Spaced evenly just under the rate, it leaves the bucket room: under 1 % met a 429.
    assert stats.requests["sendMessage"] == len(chats) + stats.rate_limited
    assert stats.rate_limited <= 1
    assert report.rate_limited == stats.rate_limited


@pytest.mark.parametrize(
    "emulator_config",
    [EmulatorConfig(global_rate=1000, global_burst=1000, chat_rate=1, chat_burst=1)],
)
async def test_one_message_a_second_per_chat(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    chats = await people(session_factory, client, [301, 302])
    for number in range(3):
        await enqueue(session_factory, outbox, chats, key=f"notice:{number}")
    sender = make_sender(session_factory, bot, clock, rate=200.0)

    report = await sender.drain()

    assert report.sent == 6
    assert delivered(emulator) == {301: 3, 302: 3}
    assert emulator.state.stats.chat_violations == 0
    assert report.rate_limited == 0


async def test_blocked_users_and_unknown_chats_are_given_up_at_once(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    reachable, blocked = await people(session_factory, client, [401, 402])
    [gone] = await people(session_factory, client, [403], in_telegram=False)
    await client.set_blocked(blocked)
    await enqueue(session_factory, outbox, [reachable, blocked, gone])
    sender = make_sender(session_factory, bot, clock)

    report = await sender.drain()

    assert report.sent == 1 and report.unreachable == 2 and report.retried == 0
    assert delivered(emulator) == {reachable: 1}
    for chat_id in (blocked, gone):
        message = await row(session_factory, chat_id)
        assert message.status is OutboxStatus.UNREACHABLE
        assert message.attempts == 1
    assert "blocked" in ((await row(session_factory, blocked)).last_error or "")
    assert "chat not found" in ((await row(session_factory, gone)).last_error or "")
    async with session_factory() as session:
        users = {u.id: u for u in await session.scalars(select(User))}
    assert users[reachable].is_active
    assert not users[blocked].is_active and users[blocked].blocked_at == clock.now()
    assert not users[gone].is_active

    # Later notices to them are not even tried.
    requests = emulator.state.stats.requests["sendMessage"]
    await enqueue(session_factory, outbox, [reachable, blocked, gone], key="notice:2")
    again = await sender.drain()
    assert again.sent == 1 and again.unreachable == 2
    assert emulator.state.stats.requests["sendMessage"] == requests + 1
    assert (await row(session_factory, blocked, "notice:2")).status is OutboxStatus.UNREACHABLE


async def test_server_errors_and_timeouts_back_off_then_succeed(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    [chat] = await people(session_factory, client, [501])
    await enqueue(session_factory, outbox, [chat])
    await client.inject_fault("sendMessage", count=1, error_code=500)
    # Then an answer slower than the sender waits for: a timeout.
    await client.inject_fault("sendMessage", count=1, error_code=502, delay_ms=1500)
    sender = make_sender(session_factory, bot, clock, request_timeout=1)

    first = await sender.drain()
    assert first.retried == 1 and first.sent == 0
    message = await row(session_factory, chat)
    assert message.status is OutboxStatus.PENDING and message.attempts == 1
    assert message.next_attempt_at == NOW + timedelta(seconds=10)
    assert "Internal Server Error" in (message.last_error or "")

    # Not yet due: nothing happens until the back-off has passed.
    assert (await sender.drain()).retried == 0
    clock.advance(timedelta(seconds=10))
    second = await sender.drain()
    assert second.retried == 1
    message = await row(session_factory, chat)
    assert message.attempts == 2
    assert message.next_attempt_at == NOW + timedelta(seconds=10 + 20)  # doubled
    assert "no answer" in (message.last_error or "")

    clock.advance(timedelta(seconds=20))
    third = await sender.drain()
    assert third.sent == 1
    message = await row(session_factory, chat)
    assert message.status is OutboxStatus.SENT and message.attempts == 3
    assert message.last_error is None
    assert delivered(emulator) == {chat: 1}


async def test_a_refusal_that_may_pass_is_given_up_after_max_attempts(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    [chat] = await people(session_factory, client, [601])
    await enqueue(session_factory, outbox, [chat])
    await client.inject_fault("sendMessage", count=10, error_code=404, description="Not Found")
    sender = make_sender(session_factory, bot, clock, max_attempts=3)
    for _ in range(3):
        await sender.drain()
        clock.advance(timedelta(hours=1))
    message = await row(session_factory, chat)
    assert message.status is OutboxStatus.FAILED and message.attempts == 3
    assert "Not Found" in (message.last_error or "")
    assert (await sender.drain()).retried == 0
    assert emulator.state.stats.faults_injected == 3


async def test_an_outage_longer_than_the_attempts_loses_nothing(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    """Telegram answers 503 for an hour and a half: far more tries than ``max_attempts``, at
    most ``backoff_max`` apart; then everything goes out."""
    chats = await people(session_factory, client, range(650, 700))
    await enqueue(session_factory, outbox, chats)
    sender = make_sender(session_factory, bot, clock, max_attempts=3)
    outage_end = NOW + timedelta(minutes=90)
    await client.inject_fault("sendMessage", count=100_000, error_code=503)
    while clock.now() < outage_end:
        report = await sender.drain()
        assert report.failed == 0 and report.sent == 0
        clock.advance(timedelta(minutes=1))
    message = await row(session_factory, 650)
    assert message.status is OutboxStatus.PENDING
    assert message.attempts > 3  # past max_attempts, still waiting
    assert message.next_attempt_at - clock.now() <= sender.config.backoff_max
    await client.clear_faults()

    clock.advance(sender.config.backoff_max)
    after = await sender.drain()
    assert (after.sent, after.failed) == (50, 0)
    assert delivered(emulator) == Counter(dict.fromkeys(chats, 1))


async def test_a_notice_past_its_moment_is_dropped_not_sent(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    """A reminder held back by an outage until its meeting had begun is expired; an answer
    held back as long is still delivered."""
    reminded, answered = await people(session_factory, client, [660, 661])
    starts = NOW + timedelta(minutes=30)
    await enqueue(
        session_factory,
        outbox,
        [reminded],
        key="remind:1",
        kind=NoticeKind.MEETING_REMINDER,
        stale_at=starts,
    )
    await enqueue(session_factory, outbox, [answered], key="answer:1")
    await client.inject_fault("sendMessage", count=100_000, error_code=502)
    sender = make_sender(session_factory, bot, clock)
    while clock.now() < starts + timedelta(minutes=10):
        await sender.drain()
        clock.advance(timedelta(minutes=1))
    await client.clear_faults()
    clock.advance(sender.config.backoff_max)

    report = await sender.drain()

    assert (report.sent, report.failed) == (1, 0)
    assert (await row(session_factory, reminded, "remind:1")).status is OutboxStatus.EXPIRED
    assert (await row(session_factory, answered, "answer:1")).status is OutboxStatus.SENT
    assert delivered(emulator) == {answered: 1}


async def test_another_refusal_fails_at_once_with_telegrams_words(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    chats = await people(session_factory, client, [701, 702])
    await enqueue(session_factory, outbox, chats)
    await client.inject_fault(
        "sendMessage", error_code=400, description="Bad Request: message is too long", chat_id=701
    )
    report = await make_sender(session_factory, bot, clock).drain()
    assert report.failed == 1 and report.sent == 1 and report.retried == 0
    failed = await row(session_factory, 701)
    assert failed.status is OutboxStatus.FAILED and failed.attempts == 1
    assert failed.last_error == "Bad Request: message is too long"
    assert delivered(emulator) == {702: 1}


# -------------------------------------------------------------------------------------------------
# The citizen's settings


async def test_switched_off_kinds_are_skipped_and_quiet_hours_defer(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    quiet, no_announcements, plain = await people(session_factory, client, [801, 802, 803])
    async with session_factory() as session:
        session.add(NotificationSettings(user_id=quiet, quiet_from=22, quiet_to=7))
        session.add(NotificationSettings(user_id=no_announcements, announcements=False))
        await session.commit()
    clock.set(datetime(2026, 3, 10, 23, 30, tzinfo=TZ))  # night in Almaty
    await enqueue(session_factory, outbox, [quiet, no_announcements, plain])
    await enqueue(
        session_factory,
        outbox,
        [quiet, no_announcements],
        key="moved:1",
        kind=NoticeKind.MEETING_CHANGED,
    )
    sender = make_sender(session_factory, bot, clock)

    night = await sender.drain()

    assert night.deferred == 1 and night.skipped == 1 and night.sent == 3
    assert delivered(emulator) == {quiet: 1, no_announcements: 1, plain: 1}
    deferred = await row(session_factory, quiet)
    assert deferred.status is OutboxStatus.PENDING and deferred.attempts == 0
    assert deferred.next_attempt_at == datetime(2026, 3, 11, 7, 0, tzinfo=TZ)
    assert (await row(session_factory, no_announcements)).status is OutboxStatus.SKIPPED
    assert (await row(session_factory, quiet, "moved:1")).status is OutboxStatus.SENT

    clock.set(datetime(2026, 3, 11, 7, 0, tzinfo=TZ))
    morning = await sender.drain()
    assert morning.sent == 1 and morning.skipped == 0
    assert delivered(emulator) == {quiet: 2, no_announcements: 1, plain: 1}
    assert (await row(session_factory, no_announcements)).status is OutboxStatus.SKIPPED


# -------------------------------------------------------------------------------------------------
# More payloads than the sender keeps encoded (PAYLOAD_CACHE)


async def test_a_batch_of_more_notices_than_the_cache_holds_is_sent_whole(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    """Notices to one person each (answers, reminders), all due at once: one batch holds more
    payloads than the cache, and each must go out."""
    count = PAYLOAD_CACHE + 44
    chats = await people(session_factory, client, range(20_000, 20_000 + count))
    for chat_id in chats:
        await enqueue(session_factory, outbox, [chat_id], key=f"answer:{chat_id}")
    sender = make_sender(session_factory, bot, clock, rate=1000.0)
    assert sender.config.batch_size > count  # one claim takes them all

    report = await sender.drain()

    assert (report.sent, report.failed) == (count, 0)
    assert await statuses(session_factory) == Counter({OutboxStatus.SENT: count})
    assert delivered(emulator) == Counter(dict.fromkeys(chats, 1))


async def test_a_notice_held_back_keeps_its_payload_past_a_full_cache(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    """A notice deferred by quiet hours comes due in the morning in the same batch as more new
    notices than the cache holds: its payload, encoded the night before, must not be pushed
    out by theirs before it is read."""
    quiet, awake = await people(session_factory, client, [30_001, 30_002])
    async with session_factory() as session:
        session.add(NotificationSettings(user_id=quiet, quiet_from=22, quiet_to=7))
        await session.commit()
    clock.set(datetime(2026, 3, 10, 23, 30, tzinfo=TZ))
    await enqueue(session_factory, outbox, [quiet, awake])
    sender = make_sender(session_factory, bot, clock, rate=1000.0)
    night = await sender.drain()
    assert (night.sent, night.deferred) == (1, 1)

    clock.set(datetime(2026, 3, 11, 7, 0, tzinfo=TZ))
    morning_chats = await people(session_factory, client, range(31_000, 31_000 + PAYLOAD_CACHE))
    for chat_id in morning_chats:
        await enqueue(session_factory, outbox, [chat_id], key=f"reminder:{chat_id}")
    morning = await sender.drain()

    assert (morning.sent, morning.failed) == (PAYLOAD_CACHE + 1, 0)
    assert (await row(session_factory, quiet)).status is OutboxStatus.SENT
    assert delivered(emulator)[quiet] == 1


# -------------------------------------------------------------------------------------------------
# Crashes, several senders, the database going away


@pytest.mark.parametrize(
    "emulator_config", [EmulatorConfig(rate_limits_enabled=False, delay_ms=30)]
)
async def test_a_sender_cancelled_mid_broadcast_is_finished_by_another(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    chats = await people(session_factory, client, range(1000, 1150))
    await enqueue(session_factory, outbox, chats)
    first = make_sender(session_factory, bot, clock, rate=100.0, concurrency=8)
    task = first.start()
    await sent_at_least(emulator, 40)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    after_crash = await statuses(session_factory)
    # What was held but not yet sent went back at once; only what was in flight stays claimed.
    in_flight = after_crash[OutboxStatus.SENDING]
    assert in_flight <= first.config.concurrency
    assert after_crash[OutboxStatus.PENDING] > 0
    assert after_crash[OutboxStatus.SENT] >= 40 - in_flight

    second = make_sender(session_factory, bot, clock, rate=100.0, concurrency=8)
    await second.drain()
    assert await statuses(session_factory) == {
        OutboxStatus.SENT: len(chats) - in_flight,
        OutboxStatus.SENDING: in_flight,
    }
    # The claims of the dead sender lapse after the lease; then they go too. (Leases are
    # measured on the database's clock, which the test's clock moves only roughly: a second
    # more.)
    clock.advance(first.config.lease + timedelta(seconds=1))
    await second.drain()
    assert await statuses(session_factory) == {OutboxStatus.SENT: len(chats)}
    counts = delivered(emulator)
    assert set(counts) == set(chats)
    duplicates = sum(count - 1 for count in counts.values())
    assert duplicates <= in_flight


async def test_leases_are_measured_on_the_databases_clock(
    session_factory: Sessions, outbox: Outbox, client: SandboxClient
) -> None:
    """An instance whose clock runs ten minutes slow claims rows; one with the right clock
    must not take them while the lease lasts. Measured on each instance's own clock, the
    slow one's lease would already be over for the other, and every row sent twice."""
    if session_factory.kw["bind"].dialect.name == "sqlite":
        pytest.skip("SQLite: a file of one machine, written by one process; its clock is ours")
    chats = await people(session_factory, client, range(1500, 1510))
    await enqueue(session_factory, outbox, chats)  # due in March 2026: due for both

    def slow() -> datetime:
        return datetime.now(UTC) - timedelta(minutes=10)

    lease = timedelta(minutes=2)
    slow_queue = OutboxQueue(session_factory, wall=slow)
    taken = await slow_queue.claim(slow(), lease, 100, ())
    assert len(taken.rows) == len(chats)

    other = await OutboxQueue(session_factory).claim(datetime.now(UTC), lease, 100, ())
    assert other.rows == []
    async with session_factory() as session:
        database_now = await session.scalar(select(func.now(type_=UtcDateTime())))
        until = set(await session.scalars(select(OutboxMessage.next_attempt_at)))
    assert database_now is not None
    [lease_end] = until
    assert abs(lease_end - (database_now + lease)) < timedelta(seconds=5)


CHILD = """
import asyncio, sys
from datetime import datetime
from zoneinfo import ZoneInfo
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from services.clock import ManualClock
from scheduler.sender.outbox_sender import PAYLOAD_CACHE, OutboxSender, SenderConfig
from storage.db import create_engine, create_session_factory

async def main(database_url, api_url, token, now):
    engine = create_engine(database_url)
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(api_url)))
    config = SenderConfig.for_rate(100.0, concurrency=8, batch_size=20)
    clock = ManualClock(datetime.fromisoformat(now))
    sender = OutboxSender(
        create_session_factory(engine), bot, clock=clock, tz=ZoneInfo("Asia/Almaty"), config=config
    )
    await sender.run()

asyncio.run(main(*sys.argv[1:]))
"""


@pytest.mark.parametrize(
    "emulator_config", [EmulatorConfig(rate_limits_enabled=False, delay_ms=30)]
)
async def test_a_sender_killed_mid_broadcast_loses_nothing(
    database_url: str,
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    """SIGKILL: no clean-up at all, as when the machine dies. Whatever it had claimed waits for
    its lease to run out; a new sender then finishes the broadcast."""
    chats = await people(session_factory, client, range(2000, 2200))
    await enqueue(session_factory, outbox, chats)
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        database_url,
        emulator.url,
        emulator.bot_token,
        clock.now().isoformat(),
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        await sent_at_least(emulator, 50, seconds=60)
    finally:
        child.send_signal(signal.SIGKILL)
        await child.wait()
    after_crash = await statuses(session_factory)
    claimed = after_crash[OutboxStatus.SENDING]
    assert claimed > 0  # it died holding rows
    assert after_crash[OutboxStatus.PENDING] > 0  # and the rest never left the outbox

    sender = make_sender(session_factory, bot, clock, rate=500.0, concurrency=16)
    await sender.drain()
    # Not yet: the dead sender's lease still holds its rows.
    assert (await statuses(session_factory))[OutboxStatus.SENDING] == claimed
    clock.advance(timedelta(minutes=2, seconds=1))  # the lease, and a second for the clocks
    await sender.drain()
    assert await statuses(session_factory) == {OutboxStatus.SENT: len(chats)}
    counts = delivered(emulator)
    assert set(counts) == set(chats)
    # Sent twice at most: what the dead sender had sent but not yet recorded.
    assert sum(count - 1 for count in counts.values()) <= claimed


@pytest.mark.parametrize(
    "emulator_config", [EmulatorConfig(rate_limits_enabled=False, delay_ms=10)]
)
async def test_two_senders_share_the_outbox_without_duplicates(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    clock: ManualClock,
) -> None:
    chats = await people(session_factory, client, range(3000, 3300))
    await enqueue(session_factory, outbox, chats)
    bots = [make_bot(emulator), make_bot(emulator)]
    try:
        senders = [
            make_sender(session_factory, bot, clock, rate=300.0, batch_size=20) for bot in bots
        ]
        reports = await asyncio.gather(*(sender.drain() for sender in senders))
    finally:
        for bot in bots:
            await bot.session.close()
    assert all(report.sent > 0 for report in reports)
    assert sum(report.sent for report in reports) == len(chats)
    assert delivered(emulator) == dict.fromkeys(chats, 1)
    assert await statuses(session_factory) == {OutboxStatus.SENT: len(chats)}


@pytest.mark.parametrize(
    "emulator_config", [EmulatorConfig(rate_limits_enabled=False, delay_ms=10)]
)
async def test_the_sender_survives_its_database_connections_being_cut(
    database_url: str,
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    """What a PostgreSQL restart does to a running sender: every connection dies, mid-query or
    idle in the pool. (Terminated, not restarted: the server is shared.)"""
    if not database_url.startswith("postgresql"):
        pytest.skip("connections are cut on PostgreSQL")
    chats = await people(session_factory, client, range(4000, 4300))
    await enqueue(session_factory, outbox, chats)
    sender = make_sender(session_factory, bot, clock, rate=150.0, db_retry=0.1)
    # The cutter's own engine: its one connection spares itself, whereas one taken from the
    # sender's pool may be one it cut a moment ago (the pool pings only a connection idle for
    # a while, storage/db.py).
    cutter = create_engine(database_url)
    sender.start()
    cuts = 0
    try:
        while emulator.state.stats.messages_sent < len(chats) * 3 // 4 and cuts < 40:
            await asyncio.sleep(0.05)
            async with cutter.connect() as connection:
                killed = await connection.scalar(
                    text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
            cuts += 1 if killed else 0
        await sender.drain()
    finally:
        await sender.stop()
        await cutter.dispose()
    assert cuts > 0
    # Whatever a cut connection had claimed is picked up after its lease (and a second: it is
    # measured on the database's clock).
    clock.advance(sender.config.lease + timedelta(seconds=1))
    await sender.drain()
    assert await statuses(session_factory) == {OutboxStatus.SENT: len(chats)}
    counts = delivered(emulator)
    assert set(counts) == set(chats)
    assert sum(count - 1 for count in counts.values()) <= sender.config.concurrency


# -------------------------------------------------------------------------------------------------
# Running in the background


async def test_drain_waits_for_the_background_sender(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    chats = await people(session_factory, client, range(5000, 5030))
    sender = make_sender(session_factory, bot, clock, rate=300.0, idle_poll=30.0)
    outbox.on_enqueue(sender.wake)
    sender.start()
    try:
        await enqueue(session_factory, outbox, chats[:10])
        first = await sender.drain()
        assert delivered(emulator) == dict.fromkeys(chats[:10], 1)
        await enqueue(session_factory, outbox, chats[10:], key="notice:2")
        second = await sender.drain()
        assert first.sent + second.sent == len(chats)
        assert delivered(emulator) == dict.fromkeys(chats, 1)
    finally:
        await sender.stop()
    assert not sender.running
    assert await statuses(session_factory) == {OutboxStatus.SENT: len(chats)}


async def test_a_commit_wakes_the_sender_at_once(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    [chat] = await people(session_factory, client, [5101])
    # It would not look again for a minute on its own.
    sender = make_sender(session_factory, bot, clock, idle_poll=60.0)
    outbox.on_enqueue(sender.wake)
    sender.start()
    try:
        await asyncio.sleep(0.05)
        await enqueue(session_factory, outbox, [chat])
        await client.wait_for_messages(chat, timeout=5)
    finally:
        await sender.stop()
    assert delivered(emulator) == {chat: 1}


@pytest.mark.parametrize(
    "emulator_config", [EmulatorConfig(global_rate=30, global_burst=30, chat_rate=1, chat_burst=3)]
)
async def test_paid_broadcast_sends_above_the_regular_limit(
    session_factory: Sessions,
    outbox: Outbox,
    client: SandboxClient,
    emulator: RunningEmulator,
    bot: Bot,
    clock: ManualClock,
) -> None:
    chats = await people(session_factory, client, range(6000, 6100))
    await enqueue(session_factory, outbox, chats)
    sender = make_sender(session_factory, bot, clock, rate=None, paid_broadcast=True)
    assert sender.config.rate == 1000

    report = await sender.drain()

    stats = emulator.state.stats
    assert report.sent == len(chats) and report.rate_limited == 0
    assert stats.paid_requests == len(chats)
    # Beyond the regular 30 a second, the bot pays.
    assert stats.paid_billed > 0
    assert delivered(emulator) == dict.fromkeys(chats, 1)


# -------------------------------------------------------------------------------------------------
# Configuration


def test_settings_choose_the_rate_and_what_fits_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SENDER__RATE", raising=False)
    monkeypatch.delenv("SENDER__CONCURRENCY", raising=False)
    monkeypatch.setenv("SENDER__PAID_BROADCAST", "false")
    regular = sender_config(Settings(_env_file=None))
    assert (regular.rate, regular.paid_broadcast, regular.concurrency) == (30.0, False, 8)
    assert regular.batch_size == 60
    monkeypatch.setenv("SENDER__PAID_BROADCAST", "true")
    paid = sender_config(Settings(_env_file=None))
    assert (paid.rate, paid.paid_broadcast, paid.concurrency) == (1000.0, True, 250)
    assert paid.batch_size == 1000
    monkeypatch.setenv("SENDER__RATE", "500")
    monkeypatch.setenv("SENDER__CONCURRENCY", "40")
    chosen = sender_config(Settings(_env_file=None))
    assert (chosen.rate, chosen.concurrency) == (500.0, 40)
    monkeypatch.setenv("SENDER__RATE", "5000")
    with pytest.raises(ValueError, match="less than or equal to 1000"):
        Settings(_env_file=None)


def test_impossible_sender_configs_are_refused() -> None:
    with pytest.raises(ValueError, match="rate"):
        SenderConfig(rate=0)
    with pytest.raises(ValueError, match="at least 1"):
        SenderConfig(concurrency=0)
    with pytest.raises(ValueError, match="lease"):
        SenderConfig(lease=timedelta(0))
