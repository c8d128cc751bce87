"""The quarterly feedback digest: after Q3's progress due date (25 October 2026) each
coordinator gets Q3's summary of their territory, once, in their language, from 09:00 on the
26th; not before, not twice, nobody without recipients."""

from collections.abc import Sequence
from datetime import date

import pytest
from sqlalchemy import select

from handlers.official.report_text import summary_text
from locales import Translator
from regulation.report_periods import ReportPeriod
from scheduler.tasks import TASKS
from scheduler.tasks.feedback_digest import feedback_digest
from services.feedback_digest import DigestRecipient
from services.feedback_report import period_name
from storage.models import JobMark, OutboxMessage
from tests.builders import Sessions, a_citizen
from tests.scheduler.helpers import TZ, create_services, local, payload_of
from tests.services.feedback_world import FeedbackWorld, make_feedback_world

KK_COORDINATOR, RU_COORDINATOR = 8101, 8102
Q3 = ReportPeriod.parse("2026q3")


@pytest.fixture
async def world(session_factory: Sessions) -> FeedbackWorld:
    return await make_feedback_world(session_factory)


async def digest_rows(sessions: Sessions) -> list[tuple[int, str, str]]:
    async with sessions() as session:
        rows = (
            await session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.key.startswith("feedback-digest:"))
                .order_by(OutboxMessage.chat_id)
            )
        ).all()
    return [(row.chat_id, row.locale, row.key) for row in rows]


async def test_digest_after_the_progress_due_date(
    world: FeedbackWorld, session_factory: Sessions
) -> None:
    await a_citizen(session_factory, KK_COORDINATOR, locale="kk")
    await a_citizen(session_factory, RU_COORDINATOR, locale="ru")
    services = create_services(session_factory, world.clock)
    asked: list[int] = []

    async def recipients() -> Sequence[DigestRecipient]:
        asked.append(1)
        return (
            DigestRecipient(KK_COORDINATOR, "kk", (world.good, world.late)),
            DigestRecipient(RU_COORDINATOR, "ru", (world.late,)),
        )

    services.feedback_digest.recipients = recipients
    assert "feedback_digest" in TASKS

    # On the due day and before 09:00 the day after: nothing.
    for moment in (local(date(2026, 10, 25), 23), local(date(2026, 10, 26), 8, 59)):
        world.clock.set(moment)
        await feedback_digest(services, moment)
    assert await digest_rows(session_factory) == []
    assert asked == []

    moment = local(date(2026, 10, 26), 9)
    world.clock.set(moment)
    await feedback_digest(services, moment)
    rows = await digest_rows(session_factory)
    assert [(chat, locale) for chat, locale, _ in rows] == [
        (KK_COORDINATOR, "kk"),
        (RU_COORDINATOR, "ru"),
    ]
    translator = Translator()
    for chat, locale, key in rows:
        t = translator.bind(locale, TZ)
        body = await payload_of(session_factory, key)
        scope = (world.good, world.late) if chat == KK_COORDINATOR else (world.late,)
        report = await services.feedback.territory(scope, Q3)
        expected = t("report-digest-intro", period=period_name(t, "2026q3"))
        assert body[locale]["text"].startswith(expected)
        assert summary_text(t, report) in body[locale]["text"]

    # Later ticks of the quarter: the mark is read, nobody is asked again, nothing is added.
    for moment in (local(date(2026, 10, 26), 9, 1), local(date(2026, 12, 30), 9)):
        world.clock.set(moment)
        await feedback_digest(services, moment)
    assert len(await digest_rows(session_factory)) == 2
    assert asked == [1]


async def test_no_recipients_leaves_the_quarter_open(
    world: FeedbackWorld, session_factory: Sessions
) -> None:
    services = create_services(session_factory, world.clock)
    moment = local(date(2026, 11, 1), 10)
    world.clock.set(moment)
    await feedback_digest(services, moment)
    async with session_factory() as session:
        assert await session.get(JobMark, "feedback-digest:2026q3") is None
    # A coordinator wired in later in the quarter still gets it.
    await a_citizen(session_factory, KK_COORDINATOR, locale="kk")

    async def one() -> Sequence[DigestRecipient]:
        return (DigestRecipient(KK_COORDINATOR, "kk", (world.good,)),)

    services.feedback_digest.recipients = one
    await feedback_digest(services, moment)
    assert [row[:2] for row in await digest_rows(session_factory)] == [(KK_COORDINATOR, "kk")]
