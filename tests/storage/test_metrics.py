"""/metrics (bot/metrics.py): updates by handler and outcome with their latency, the outbox's
backlog by kind read from the database at each scrape, and the sender's counters."""

from datetime import UTC, datetime

from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.metrics import Metrics
from scheduler.sender.outbox_sender import SenderStats
from storage.db import create_engine, create_session_factory
from storage.models import NoticeKind, OutboxMessage
from storage.repositories import outbox as outbox_rows

DUE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class SenderDouble:
    """Only what the metrics read of the sender: its counters."""

    def __init__(self) -> None:
        self.stats = SenderStats()


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
