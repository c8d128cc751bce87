"""Enqueueing into the outbox (SQLite and PostgreSQL): one row per recipient, each notice key
at most once per person, the language chosen per recipient (in SQL for a whole audience), and
the announcement of a meeting enqueued with its status change."""

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notices import Rendered
from locales import Text, Translator
from services.access import AccessService
from services.clock import ManualClock
from services.lifecycle import LifecycleService
from services.localities import LocalityService
from services.meetings import MeetingService
from services.notices import MeetingAnnounced, Notice
from services.outbox import Outbox, Recipient
from storage.models import (
    NoticeKind,
    OutboxMessage,
    OutboxPayload,
    OutboxStatus,
)
from tests.builders import a_citizen, a_draft
from tests.notice_kit import KitRenderers, plain

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
KARAAGASH = "623661000"  # Қараағаш а.о.
ZHARTAS = "623661107"  # one of its villages
KUIGENBAZ = "623641105"  # a village of another okrug
ADMIN = 900


def render(t: Text) -> Rendered:
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t("meet-btn-ask"), callback_data="x")]]
    )
    return Rendered(text=t("meet-announcement-header"), reply_markup=keyboard)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def outbox(clock: ManualClock) -> Outbox:
    return Outbox(clock, Translator(), TZ, KitRenderers(), default_locale="kk")


async def rows(session_factory: Sessions) -> list[OutboxMessage]:
    async with session_factory() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.chat_id)))


async def payload_count(session_factory: Sessions) -> int:
    async with session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(OutboxPayload)) or 0)


async def test_notify_writes_one_row_per_recipient_and_never_twice(
    session_factory: Sessions, outbox: Outbox, clock: ManualClock
) -> None:
    recipients = [Recipient(1, "kk"), Recipient(2, "ru"), Recipient(1, "ru")]
    async with session_factory() as session:
        written = await outbox.notify(
            session,
            plain("answer:7", render, kind=NoticeKind.QUESTION_STATUS, topic="question:7"),
            recipients,
        )
        await session.commit()
    assert written == 2
    first = await rows(session_factory)
    assert [(r.chat_id, r.locale, r.key) for r in first] == [
        (1, "kk", "answer:7:1"),
        (2, "ru", "answer:7:2"),
    ]
    assert all(r.status is OutboxStatus.PENDING and r.attempts == 0 for r in first)
    assert all(r.next_attempt_at == clock.now() for r in first)

    # The same notice again (a job run twice, a second instance): nothing new, no stray payload.
    async with session_factory() as session:
        again = await outbox.notify(
            session,
            plain("answer:7", render, kind=NoticeKind.QUESTION_STATUS),
            [Recipient(1, "kk"), Recipient(2, "ru")],
        )
        await session.commit()
    assert again == 0
    assert len(await rows(session_factory)) == 2
    assert await payload_count(session_factory) == 1

    # A newcomer to the same notice gets it; the others still do not.
    async with session_factory() as session:
        more = await outbox.notify(
            session,
            plain("answer:7", render, kind=NoticeKind.QUESTION_STATUS),
            [Recipient(1, "kk"), Recipient(3, "en")],
        )
        await session.commit()
    assert more == 1
    assert [r.chat_id for r in await rows(session_factory)] == [1, 2, 3]


async def test_notify_rolls_back_with_the_callers_transaction(
    session_factory: Sessions, outbox: Outbox
) -> None:
    async with session_factory() as session:
        await outbox.notify(
            session, plain("invite:1", render, kind=NoticeKind.SERVICE), [Recipient(5, "ru")]
        )
        await session.rollback()
    assert await rows(session_factory) == []
    assert await payload_count(session_factory) == 0


@pytest.fixture
async def meetings(
    session_factory: Sessions, clock: ManualClock, outbox: Outbox
) -> MeetingService:
    await LocalityService(session_factory).load_sample()
    return MeetingService(session_factory, clock, TZ, "2022", outbox=outbox)


async def test_notify_audience_copies_the_audience_in_sql_with_each_language(
    session_factory: Sessions, outbox: Outbox, meetings: MeetingService
) -> None:
    sessions = session_factory
    await a_citizen(sessions, 11, follows=[KARAAGASH])
    await a_citizen(sessions, 12, follows=[ZHARTAS], locale="ru")  # a village inside: hears of it
    await a_citizen(sessions, 13, follows=[KARAAGASH], locale=None)  # no language: the default
    await a_citizen(sessions, 14, follows=[KARAAGASH], locale="de")  # not ours: the default one
    await a_citizen(sessions, 15, follows=[KARAAGASH], locale="en", consent_at=None)  # never told
    await a_citizen(sessions, 16, follows=[KARAAGASH], locale="ru", active=False)  # blocked us
    await a_citizen(sessions, 17, follows=[KUIGENBAZ], locale="ru")  # another okrug
    # The district, with everything inside, and without.
    await a_citizen(sessions, 18, follows=["623600000"], everything=True, locale="en")
    await a_citizen(sessions, 19, follows=["623600000"], locale="en")

    audience = meetings.audience_query(KARAAGASH)
    async with session_factory() as session:
        written = await outbox.notify(
            session,
            plain("announce:1", render, kind=NoticeKind.ANNOUNCEMENT, topic="meeting:1"),
            audience,
        )
        await session.commit()
    assert written == 5
    found = await rows(session_factory)
    assert [(r.chat_id, r.locale, r.key) for r in found] == [
        (11, "kk", "announce:1:11"),
        (12, "ru", "announce:1:12"),
        (13, "kk", "announce:1:13"),
        (14, "kk", "announce:1:14"),
        (18, "en", "announce:1:18"),
    ]
    assert {r.kind for r in found} == {NoticeKind.ANNOUNCEMENT}
    assert {r.status for r in found} == {OutboxStatus.PENDING}
    async with session_factory() as session:
        payload = await session.get(OutboxPayload, found[0].payload_id)
    assert payload is not None and payload.topic == "meeting:1"
    body = json.loads(payload.body)
    translator = Translator()
    for locale in ("kk", "ru", "en"):
        t = translator.bind(locale, TZ)
        assert body[locale]["text"] == t("meet-announcement-header")
        button = body[locale]["reply_markup"]["inline_keyboard"][0][0]
        assert button["text"] == t("meet-btn-ask")

    # Copying the same audience again adds nobody and leaves no payload behind.
    async with session_factory() as session:
        again = await outbox.notify(
            session,
            plain("announce:1", render, kind=NoticeKind.ANNOUNCEMENT, topic="meeting:1"),
            audience,
        )
        await session.commit()
    assert again == 0
    assert len(await rows(session_factory)) == 5
    assert await payload_count(session_factory) == 1

    async with session_factory() as session:
        counts = await outbox.delivery_counts(
            session, topic="meeting:1", kind=NoticeKind.ANNOUNCEMENT
        )
    assert counts == {OutboxStatus.PENDING: 5}


class RecordingRenderers(KitRenderers):
    """Records which announcements it renders: once per language, from the announced view."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str]] = []

    def rendered(self, notice: Notice, t: Text) -> Rendered:
        if isinstance(notice, MeetingAnnounced):
            self.seen.append((t.locale, notice.meeting.status.value))
        return super().rendered(notice, t)


def lifecycle_with(
    session_factory: Sessions, clock: ManualClock, renderers: KitRenderers
) -> tuple[MeetingService, LifecycleService]:
    outbox = Outbox(clock, Translator(), TZ, renderers, default_locale="kk")
    meetings = MeetingService(session_factory, clock, TZ, "2022", outbox=outbox)
    access = AccessService(session_factory, clock, frozenset({ADMIN}))
    return meetings, LifecycleService(session_factory, clock, TZ, "2022", meetings, access, outbox)


async def test_announcing_enqueues_the_card_for_the_audience_once(
    session_factory: Sessions, meetings: MeetingService, clock: ManualClock
) -> None:
    await a_citizen(session_factory, 21, follows=[KARAAGASH])
    await a_citizen(session_factory, 22, follows=[ZHARTAS], locale="ru")
    await a_citizen(session_factory, 23, follows=[KUIGENBAZ], locale="ru")
    meeting = await a_draft(meetings, starts_at=datetime(2026, 3, 20, 15, tzinfo=TZ))
    renderers = RecordingRenderers()
    meetings, lifecycle = lifecycle_with(session_factory, clock, renderers)

    result = await lifecycle.announce(meeting.id, ADMIN)
    assert result.enqueued == 2
    assert sorted(renderers.seen) == [
        ("en", "announced"),
        ("kk", "announced"),
        ("ru", "announced"),
    ]
    found = await rows(session_factory)
    assert [(r.chat_id, r.key) for r in found] == [
        (21, f"announce:{meeting.id}:21"),
        (22, f"announce:{meeting.id}:22"),
    ]
    again = await lifecycle.announce(meeting.id, ADMIN)
    assert again.already and again.enqueued == 0
    assert len(await rows(session_factory)) == 2
    assert await meetings.announcement_progress(meeting.id) == {OutboxStatus.PENDING: 2}


async def test_announcing_to_nobody_queues_nothing(
    session_factory: Sessions, meetings: MeetingService, clock: ManualClock
) -> None:
    meeting = await a_draft(meetings, starts_at=datetime(2026, 3, 20, 15, tzinfo=TZ))
    _, lifecycle = lifecycle_with(session_factory, clock, KitRenderers())
    result = await lifecycle.announce(meeting.id, ADMIN)
    assert result.enqueued == 0 and not result.already
    assert await rows(session_factory) == []
    assert await payload_count(session_factory) == 0
