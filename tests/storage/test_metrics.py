"""/metrics (bot/metrics.py): updates by handler and outcome with their latency, the outbox's
backlog by kind read from the database at each scrape, the sender's counters, the retry_after
of 429s by who met them, and the database pool's use."""

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import SendMessage, TelegramMethod
from aiogram.methods.base import Response
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from bot.metrics import Metrics
from bot.retry import RetryAfterMiddleware
from scheduler.sender.outbox_sender import SenderStats
from storage.db import MAX_OVERFLOW, POOL_SIZE, create_engine, create_session_factory
from storage.models import NoticeKind, OutboxMessage
from storage.repositories import outbox as outbox_rows

DUE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class SenderDouble:
    """Only what the metrics read of the sender: its counters."""

    def __init__(self) -> None:
        self.stats = SenderStats()
        self.retry_after_listeners: list[Callable[[float], None]] = []

    def on_retry_after(self, listener: Callable[[float], None]) -> None:
        self.retry_after_listeners.append(listener)


def samples(text: bytes) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text.decode()):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


async def enqueue(
    sessions: async_sessionmaker[AsyncSession], kind: NoticeKind, chats: list[int]
) -> None:
    async with sessions() as session:
        payload = await outbox_rows.add_payload(session, kind, None, "body")
        envelope = outbox_rows.Envelope(payload.id, f"{kind}:{payload.id}:", kind, False, DUE)
        await outbox_rows.insert_for_recipients(session, envelope, dict.fromkeys(chats, "kk"))
        await session.commit()


async def test_metrics_count_updates_the_backlog_and_the_sender(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    metrics = Metrics()
    sender = SenderDouble()
    metrics.watch_sender(sender)  # type: ignore[arg-type]
    metrics.observe_update("cmd_start", "ok", 0.02)
    metrics.observe_update("cmd_start", "ok", 0.3)
    metrics.observe_update("cb_pick_locality", "error", 0.01)
    await enqueue(session_factory, NoticeKind.ANNOUNCEMENT, [1, 2, 3])
    await enqueue(session_factory, NoticeKind.MEETING_REMINDER, [4])
    async with session_factory() as session:  # one is sent already: no longer a backlog
        await session.execute(
            update(OutboxMessage).where(OutboxMessage.chat_id == 4).values(status="sent")
        )
        await session.commit()
    sender.stats.sent = 7
    sender.stats.rate_limited = 2
    sender.stats.retried = 2
    sender.stats.failed = 1

    found = samples(await metrics.render(session_factory))

    updates = "kezdesu_updates_total"
    assert found[(updates, (("handler", "cmd_start"), ("outcome", "ok")))] == 2
    assert found[(updates, (("handler", "cb_pick_locality"), ("outcome", "error")))] == 1
    latency = "kezdesu_update_seconds_bucket"
    assert found[(latency, (("handler", "cmd_start"), ("le", "0.025")))] == 1
    assert found[(latency, (("handler", "cmd_start"), ("le", "0.5")))] == 2
    backlog = "kezdesu_outbox_backlog"
    assert found[(backlog, (("kind", "announcement"),))] == 3
    assert found[(backlog, (("kind", "meeting_reminder"),))] == 0
    assert found[(backlog, (("kind", "broadcast"),))] == 0
    assert found[("kezdesu_sender_sent_total", ())] == 7
    assert found[("kezdesu_sender_rate_limited_total", ())] == 2
    assert found[("kezdesu_sender_retried_total", ())] == 2
    assert found[("kezdesu_sender_failed_total", ())] == 1


async def test_a_scrape_does_not_fail_without_the_database() -> None:
    metrics = Metrics()
    metrics.observe_update("cmd_start", "ok", 0.02)
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    try:
        found = samples(await metrics.render(create_session_factory(engine)))
    finally:
        await engine.dispose()
    assert found[("kezdesu_updates_total", (("handler", "cmd_start"), ("outcome", "ok")))] == 1
    assert found[("kezdesu_outbox_backlog", (("kind", "announcement"),))] == 0


def retry_after(found: dict[Any, float], who: str, suffix: str, le: str | None = None) -> float:
    labels = (("le", le), ("who", who)) if le is not None else (("who", who),)
    return found[(f"kezdesu_retry_after_seconds_{suffix}", labels)]


async def test_retry_after_of_the_replies_and_of_the_sender() -> None:
    """The bot's own requests through the real middleware: a 429 waited out, then one too
    long to wait for (raised to the handler), both observed; the sender's through its hook."""
    metrics = Metrics()
    waited: list[float] = []

    async def no_wait(seconds: float) -> None:
        waited.append(seconds)

    middleware = RetryAfterMiddleware(
        max_wait=60, on_retry_after=metrics.reply_retry_after, sleep=no_wait
    )
    answers: list[int | None] = [3, None, 120]
    method: TelegramMethod[Any] = SendMessage(chat_id=1, text="x")

    async def telegram(bot: Bot, request: TelegramMethod[Any]) -> Response[Any]:
        seconds = answers.pop(0)
        if seconds is not None:
            raise TelegramRetryAfter(request, "Too Many Requests", seconds)
        return Response[Any](ok=True, result=True)

    bot = Bot("42:TEST")
    try:
        assert (await middleware(telegram, bot, method)).ok
        with pytest.raises(TelegramRetryAfter):
            await middleware(telegram, bot, method)
    finally:
        await bot.session.close()
    assert waited == [3]

    sender = SenderDouble()
    metrics.watch_sender(sender)  # type: ignore[arg-type]
    for listener in sender.retry_after_listeners:
        listener(1)

    found = samples(metrics.exposition())
    assert retry_after(found, "reply", "count") == 2
    assert retry_after(found, "reply", "sum") == 123
    assert retry_after(found, "reply", "bucket", "3.0") == 1
    assert retry_after(found, "reply", "bucket", "300.0") == 2
    assert retry_after(found, "sender", "count") == 1
    assert retry_after(found, "sender", "bucket", "1.0") == 1


async def test_every_series_is_there_before_its_first_event() -> None:
    found = samples(Metrics().exposition())
    assert retry_after(found, "sender", "count") == 0
    assert retry_after(found, "reply", "count") == 0
    reminders = "kezdesu_duty_reminders_total"
    assert found[(reminders, (("kind", "announcement"), ("stage", "escalation")))] == 0
    assert found[(reminders, (("kind", "calendar_submit"), ("stage", "before")))] == 0


def pool_figures(found: dict[Any, float]) -> dict[str, float]:
    prefix = "kezdesu_db_pool_"
    return {
        name.removeprefix(prefix): value
        for (name, labels), value in found.items()
        if name.startswith(prefix) and not labels and "checkout" not in name
    }


async def test_the_pool_is_read_at_each_scrape(
    database_url: str, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    """A pool of its own (the suite's engine is shared): two connections held, then given
    back; on PostgreSQL each checkout is timed, a disposed pool's successor too."""
    engine = create_engine(database_url)
    metrics = Metrics()
    metrics.watch_pool(engine)
    on_postgres = engine.dialect.name == "postgresql"
    size = POOL_SIZE if on_postgres else 5
    try:
        async with engine.connect() as first, engine.connect() as second:
            await first.execute(text("SELECT 1"))
            await second.execute(text("SELECT 1"))
            held = samples(metrics.exposition())
        given_back = samples(metrics.exposition())
        await engine.dispose()
        async with engine.connect() as third:
            await third.execute(text("SELECT 1"))
        after_dispose = samples(metrics.exposition())
    finally:
        await engine.dispose()

    assert pool_figures(held) == {
        "size": size,
        "max_overflow": MAX_OVERFLOW if on_postgres else 10,
        "checked_out": 2,
        "idle": 0,
        "overflow": 0,
    }
    assert pool_figures(given_back)["checked_out"] == 0
    assert pool_figures(given_back)["idle"] == 2
    assert pool_figures(after_dispose)["idle"] == 1
    checkouts = ("kezdesu_db_pool_checkout_seconds_count", ())
    # SQLite's pool is SQLAlchemy's own: its figures, but no timing.
    assert held[checkouts] == (2 if on_postgres else 0)
    assert after_dispose[checkouts] == (3 if on_postgres else 0)


async def test_a_checkout_that_waits_for_a_busy_pool_is_timed(database_url: str) -> None:
    """Every connection busy: the next checkout waits for one to come back, and is counted
    once it has it (SQLAlchemy's own pool may retry inside; that is still one checkout)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the pool is timed on PostgreSQL")
    from sqlalchemy.ext.asyncio import create_async_engine

    from storage.timed_pool import TimedQueuePool

    engine = create_async_engine(
        database_url, poolclass=TimedQueuePool, pool_size=1, max_overflow=0
    )
    metrics = Metrics()
    metrics.watch_pool(engine)
    try:
        holder = await engine.connect()

        async def connect() -> AsyncConnection:
            return await engine.connect()

        waiter = asyncio.create_task(connect())
        for _ in range(20):  # on to the pool's queue, where it waits
            await asyncio.sleep(0)
        assert not waiter.done()
        busy = pool_figures(samples(metrics.exposition()))
        await holder.close()
        connection = await waiter
        await connection.execute(text("SELECT 1"))
        await connection.close()
        found = samples(metrics.exposition())
    finally:
        await engine.dispose()
    assert busy["checked_out"] == 1 and busy["size"] == 1
    assert found[("kezdesu_db_pool_checkout_seconds_count", ())] == 2
