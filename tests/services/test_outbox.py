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

from locales import Text, Translator
from services.clock import ManualClock
from services.localities import LocalityService
from services.meetings import MeetingService, MeetingView
from services.outbox import Outbox, Recipient, Rendered
from storage.models import (
    NoticeKind,
    OutboxMessage,
    OutboxPayload,
    OutboxStatus,
)
from tests.builders import a_citizen, a_draft

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
KARAAGASH = "623661000"  # Қараағаш а.о.
ZHARTAS = "623661107"  # one of its villages
KUIGENBAZ = "623641105"  # a village of another okrug


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
    return Outbox(clock, Translator(), TZ, default_locale="kk")


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
            kind=NoticeKind.QUESTION_STATUS,
            key="answer:7",
            recipients=recipients,
            render=render,
            topic="question:7",
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
            kind=NoticeKind.QUESTION_STATUS,
            key="answer:7",
            recipients=[Recipient(1, "kk"), Recipient(2, "ru")],
            render=render,
        )
        await session.commit()
    assert again == 0
    assert len(await rows(session_factory)) == 2
    assert await payload_count(session_factory) == 1

    # A newcomer to the same notice gets it; the others still do not.
    async with session_factory() as session:
        more = await outbox.notify(
            session,
            kind=NoticeKind.QUESTION_STATUS,
            key="answer:7",
            recipients=[Recipient(1, "kk"), Recipient(3, "en")],
            render=render,
        )
        await session.commit()
    assert more == 1
    assert [r.chat_id for r in await rows(session_factory)] == [1, 2, 3]


async def test_notify_rolls_back_with_the_callers_transaction(
    session_factory: Sessions, outbox: Outbox
) -> None:
    async with session_factory() as session:
        await outbox.notify(
            session,
            kind=NoticeKind.SERVICE,
            key="invite:1",
            recipients=[Recipient(5, "ru")],
            render=render,
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
        written = await outbox.notify_audience(
            session,
            kind=NoticeKind.ANNOUNCEMENT,
            key="announce:1",
            audience=audience,
            render=render,
            topic="meeting:1",
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
        again = await outbox.notify_audience(
            session,
            kind=NoticeKind.ANNOUNCEMENT,
            key="announce:1",
            audience=audience,
            render=render,
            topic="meeting:1",
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


async def test_announcing_enqueues_the_card_for_the_audience_once(
    session_factory: Sessions, meetings: MeetingService, clock: ManualClock
) -> None:
    await a_citizen(session_factory, 21, follows=[KARAAGASH])
    await a_citizen(session_factory, 22, follows=[ZHARTAS], locale="ru")
    await a_citizen(session_factory, 23, follows=[KUIGENBAZ], locale="ru")
    meeting = await a_draft(meetings, starts_at=datetime(2026, 3, 20, 15, tzinfo=TZ))
    seen: list[tuple[str, str]] = []

    def card(view: MeetingView, t: Text) -> Rendered:
        # Rendered from the announced meeting, once per language.
        seen.append((t.locale, view.status.value))
        return Rendered(text=f"{t('meet-announcement-header')} {view.id}")

    result = await meetings.announce(meeting.id, render=card)
    assert result.queued == 2
    assert sorted(seen) == [("en", "announced"), ("kk", "announced"), ("ru", "announced")]
    found = await rows(session_factory)
    assert [(r.chat_id, r.key) for r in found] == [
        (21, f"announce:{meeting.id}:21"),
        (22, f"announce:{meeting.id}:22"),
    ]
    again = await meetings.announce(meeting.id, render=card)
    assert again.already and again.queued == 0
    assert len(await rows(session_factory)) == 2
    assert await meetings.announcement_progress(meeting.id) == {OutboxStatus.PENDING: 2}


async def test_announcing_to_nobody_queues_nothing(
    session_factory: Sessions, meetings: MeetingService
) -> None:
    meeting = await a_draft(meetings, starts_at=datetime(2026, 3, 20, 15, tzinfo=TZ))
    result = await meetings.announce(meeting.id, render=lambda view, t: Rendered("x"))
    assert result.queued == 0 and not result.already
    assert await rows(session_factory) == []
    assert await payload_count(session_factory) == 0
