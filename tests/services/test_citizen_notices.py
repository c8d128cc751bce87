"""Citizens' meeting notices on SQLite and PostgreSQL: the clock moved hour by hour over a
meeting's last two days gives exactly one day-before reminder, one hour-before, one broadcast
link and one rating request to each person told of it; none for a cancelled meeting; a moved
one is reminded again for its new time; a late run sends only what still makes sense; re-runs
add nothing; what went stale is withdrawn; ratings are stored, changed and summed up."""

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.callbacks import RatingCb
from handlers.notices import notice_renderers
from locales import Translator
from services.citizen_notices import (
    RATING_ASK_WITHIN,
    CitizenNoticeService,
    Moment,
    RatingOutcome,
    day_reminder_at,
    notice_key,
)
from services.clock import ManualClock
from services.localities import LocalityService
from services.meetings import MeetingService, MeetingView
from services.outbox import Outbox
from storage.models import (
    JobMark,
    Meeting,
    MeetingStatus,
    NoticeKind,
    OutboxMessage,
    OutboxPayload,
    OutboxStatus,
    Rating,
)
from tests.builders import a_citizen, a_draft, a_question
from tests.shortcuts import announce_quietly

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
# Monday 2 March 2026, 11:00 in Almaty.
NOW = datetime(2026, 3, 2, 11, 0, tzinfo=TZ)
# Wednesday 4 March, 15:00 to 17:00.
STARTS = datetime(2026, 3, 4, 15, 0, tzinfo=TZ)
HOUR = timedelta(hours=1)

KARAAGASH = "623661000"  # Қараағаш а.о., the host and the audience
ZHARTAS = "623661107"  # a village of it
ZHUMAZHANOV_OKRUG = "623641000"  # another okrug: does not hear of Қараағаш's meetings
ULYTAU_DISTRICT = "623800000"

VILLAGER, OKRUG_FOLLOWER, NO_CONSENT, BLOCKED, AUTHOR, SUPPORTER, ELSEWHERE = range(7001, 7008)
TOLD = {VILLAGER, OKRUG_FOLLOWER, AUTHOR, SUPPORTER}
PLACE = 'Мәдениет үйі <"Арай"> & кітапхана'
URL = "https://youtube.com/live/akimat?x=1&y=2"


@pytest.fixture
async def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def meetings(session_factory: Sessions, clock: ManualClock) -> MeetingService:
    await LocalityService(session_factory).load_sample()
    return MeetingService(session_factory, clock, TZ, "2022")


@pytest.fixture
async def service(
    session_factory: Sessions, clock: ManualClock, meetings: MeetingService
) -> CitizenNoticeService:
    outbox = Outbox(clock, Translator(), TZ, notice_renderers(), "kk")
    return CitizenNoticeService(session_factory, clock, TZ, meetings, outbox, "kk")


async def announced(
    meetings: MeetingService,
    starts_at: datetime = STARTS,
    url: str | None = URL,
) -> MeetingView:
    meeting = await a_draft(meetings, starts_at=starts_at, place=PLACE, url=url, created_by=1)
    await announce_quietly(meetings, meeting.id)
    return meeting


@pytest.fixture
async def people(session_factory: Sessions, meetings: MeetingService) -> None:
    # `meetings` loads the sample localities the subscriptions point at.
    await a_citizen(session_factory, VILLAGER, follows=[ZHARTAS])
    await a_citizen(session_factory, OKRUG_FOLLOWER, follows=[KARAAGASH], locale="ru")
    await a_citizen(session_factory, NO_CONSENT, follows=[KARAAGASH], consent_at=None)
    await a_citizen(session_factory, BLOCKED, follows=[KARAAGASH], active=False)
    # These two follow other places: they are told as the author and a supporter of a question.
    await a_citizen(session_factory, AUTHOR, follows=[ULYTAU_DISTRICT], locale="en")
    await a_citizen(session_factory, SUPPORTER, locale=None)
    await a_citizen(session_factory, ELSEWHERE, follows=[ZHUMAZHANOV_OKRUG])


async def add_question(sessions: Sessions, meeting_id: int) -> None:
    await a_question(
        sessions,
        meeting_id=meeting_id,
        author_id=AUTHOR,
        public_number=f"Q-2026-{meeting_id:06d}",
        supporters=[SUPPORTER],
    )


async def outbox_rows(sessions: Sessions) -> list[OutboxMessage]:
    async with sessions() as session:
        return list(
            (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
        )


def notice_of(row: OutboxMessage) -> str:
    """The notice key of a recipient row (its key without the chat id)."""
    return row.key.rsplit(":", 1)[0]


async def walk(
    service: CitizenNoticeService,
    clock: ManualClock,
    sessions: Sessions,
    since: datetime,
    until: datetime,
    step: timedelta = HOUR,
) -> dict[str, datetime]:
    """Run the task at every step (twice: a second run must add nothing); return when each
    recipient row first appeared (rows there before the walk are left out)."""
    before = {row.key for row in await outbox_rows(sessions)}
    first_seen: dict[str, datetime] = {}
    moment = since
    while moment <= until:
        clock.set(moment)
        await service.run(moment)
        assert await service.run(moment) == 0
        for row in await outbox_rows(sessions):
            if row.key not in before:
                first_seen.setdefault(row.key, moment)
        moment += step
    return first_seen


def expected(meeting_id: int, starts_at: datetime) -> dict[str, datetime]:
    """Each notice of a meeting starting at ``starts_at`` (120 minutes long) and when it is
    due: 10:00 the day before, an hour before, at the start, at the end."""
    return {
        notice_key(meeting_id, Moment.DAY, starts_at): day_reminder_at(starts_at, TZ),
        notice_key(meeting_id, Moment.HOUR, starts_at): starts_at - HOUR,
        notice_key(meeting_id, Moment.LIVE, starts_at): starts_at,
        notice_key(meeting_id, Moment.RATING, starts_at): starts_at + timedelta(minutes=120),
    }


def moments_of(first_seen: dict[str, datetime]) -> dict[str, set[datetime]]:
    found: dict[str, set[datetime]] = {}
    for key, moment in first_seen.items():
        found.setdefault(key.rsplit(":", 1)[0], set()).add(moment)
    return found


def recipients_of(first_seen: dict[str, datetime], notice: str) -> set[int]:
    return {int(key.rsplit(":", 1)[1]) for key in first_seen if key.rsplit(":", 1)[0] == notice}


# --- the moments ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("people")
async def test_hour_by_hour_each_notice_once_at_its_moment_to_everyone_told(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    meeting = await announced(meetings)
    await add_question(session_factory, meeting.id)
    cancelled = await announced(meetings)
    async with session_factory() as session:
        await session.execute(
            update(Meeting)
            .where(Meeting.id == cancelled.id)
            .values(status=MeetingStatus.CANCELLED, cancelled_at=NOW)
        )
        await session.commit()

    first_seen = await walk(
        service, clock, session_factory, STARTS - timedelta(hours=48), STARTS + 6 * HOUR
    )

    want = expected(meeting.id, meeting.starts_at)
    assert moments_of(first_seen) == {key: {moment} for key, moment in want.items()}
    assert want[notice_key(meeting.id, Moment.DAY, meeting.starts_at)] == datetime(
        2026, 3, 3, 10, 0, tzinfo=TZ
    )
    for notice in want:
        assert recipients_of(first_seen, notice) == TOLD, notice
    rows = await outbox_rows(session_factory)
    # Four notices to four people, nothing for the cancelled meeting.
    assert len(rows) == 16
    kinds = {notice_of(row): row.kind for row in rows}
    assert sorted(kinds.values()) == sorted(
        [
            NoticeKind.MEETING_REMINDER,
            NoticeKind.MEETING_REMINDER,
            NoticeKind.BROADCAST,
            NoticeKind.RATING,
        ]
    )
    assert not any(row.urgent for row in rows)
    locales = {row.chat_id: row.locale for row in rows}
    assert locales == {VILLAGER: "kk", OKRUG_FOLLOWER: "ru", AUTHOR: "en", SUPPORTER: "kk"}


@pytest.mark.usefixtures("people")
async def test_a_finer_clock_sends_the_same_once(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    meeting = await announced(meetings, starts_at=datetime(2026, 3, 4, 9, 30, tzinfo=TZ))
    first_seen = await walk(
        service,
        clock,
        session_factory,
        datetime(2026, 3, 3, 9, 0, tzinfo=TZ),
        datetime(2026, 3, 4, 12, 0, tzinfo=TZ),
        step=timedelta(minutes=10),
    )
    assert moments_of(first_seen) == {
        key: {moment} for key, moment in expected(meeting.id, meeting.starts_at).items()
    }


@pytest.mark.usefixtures("people")
async def test_a_moved_meeting_is_reminded_again_for_its_new_time(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    meeting = await announced(meetings)
    old = meeting.starts_at
    # The day-before reminder of the old time goes out...
    await walk(service, clock, session_factory, old - timedelta(hours=30), old - 4 * HOUR)
    # ...then the meeting is moved two days later (what services/lifecycle.py's move writes).
    new = old + timedelta(days=2)
    async with session_factory() as session:
        await session.execute(
            update(Meeting)
            .where(Meeting.id == meeting.id)
            .values(
                status=MeetingStatus.RESCHEDULED,
                previous_starts_at=old,
                starts_at=new,
                ends_at=new + timedelta(minutes=120),
                questions_cutoff=new - timedelta(hours=24),
            )
        )
        await session.commit()
    first_seen = await walk(service, clock, session_factory, old - 3 * HOUR, new + 4 * HOUR)
    rows = await outbox_rows(session_factory)
    notices = {notice_of(row) for row in rows}
    assert notices == {notice_key(meeting.id, Moment.DAY, old), *expected(meeting.id, new)}
    assert moments_of(first_seen) == {
        key: {moment} for key, moment in expected(meeting.id, new).items()
    }


@pytest.mark.usefixtures("people")
async def test_a_late_run_sends_only_what_still_makes_sense(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    meeting = await announced(meetings)
    # The scheduler was down from the day before until half an hour into the meeting.
    during = meeting.starts_at + timedelta(minutes=30)
    clock.set(during)
    await service.run(during)
    assert {notice_of(row) for row in await outbox_rows(session_factory)} == {
        notice_key(meeting.id, Moment.LIVE, meeting.starts_at)
    }
    # Down again until the next day: the rating is still asked, the link is not sent again.
    next_day = meeting.ends_at + timedelta(days=1)
    clock.set(next_day)
    await service.run(next_day)
    assert {notice_of(row) for row in await outbox_rows(session_factory)} == {
        notice_key(meeting.id, Moment.LIVE, meeting.starts_at),
        notice_key(meeting.id, Moment.RATING, meeting.starts_at),
    }


@pytest.mark.usefixtures("people")
async def test_nothing_once_long_over_and_no_link_without_a_broadcast(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    meeting = await announced(meetings, url=None)
    during = meeting.starts_at + timedelta(minutes=10)
    clock.set(during)
    await service.run(during)
    # No broadcast link: nothing to open at the start.
    assert await outbox_rows(session_factory) == []
    # Down for longer than the rating is asked for: a meeting long forgotten is not rated.
    later = meeting.ends_at + RATING_ASK_WITHIN
    clock.set(later)
    await service.run(later)
    assert await outbox_rows(session_factory) == []


@pytest.mark.usefixtures("people")
async def test_a_reminder_whose_moment_came_before_the_announcement_is_not_sent(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    # Announced at 12:00 the day before: past the day reminder's 10:00.
    clock.set(datetime(2026, 3, 3, 12, 0, tzinfo=TZ))
    meeting = await announced(meetings)
    first_seen = await walk(service, clock, session_factory, clock.now(), meeting.starts_at - HOUR)
    assert set(moments_of(first_seen)) == {notice_key(meeting.id, Moment.HOUR, meeting.starts_at)}


async def test_drafts_get_nothing(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
    people: None,
) -> None:
    draft = await a_draft(meetings, starts_at=STARTS, place=PLACE, url=URL, created_by=1)
    await walk(service, clock, session_factory, STARTS - 30 * HOUR, STARTS + 3 * HOUR)
    assert await outbox_rows(session_factory) == []
    assert draft.status is MeetingStatus.DRAFT


# --- what goes stale is withdrawn ----------------------------------------------------------------


async def pending_notices(sessions: Sessions) -> set[str]:
    return {
        notice_of(row) for row in await outbox_rows(sessions) if row.status is OutboxStatus.PENDING
    }


@pytest.mark.usefixtures("people")
async def test_undelivered_reminders_of_a_cancelled_meeting_are_withdrawn(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    meeting = await announced(meetings)
    await add_question(session_factory, meeting.id)
    day = day_reminder_at(meeting.starts_at, TZ)
    clock.set(day)
    await service.run(day)
    day_key = notice_key(meeting.id, Moment.DAY, meeting.starts_at)
    assert await pending_notices(session_factory) == {day_key}
    async with session_factory() as session:
        await session.execute(
            update(Meeting)
            .where(Meeting.id == meeting.id)
            .values(status=MeetingStatus.CANCELLED, cancelled_at=day)
        )
        await session.commit()
    clock.set(day + timedelta(minutes=5))
    await service.run(clock.now())
    assert await pending_notices(session_factory) == set()
    rows = await outbox_rows(session_factory)
    assert {(row.status, row.last_error) for row in rows} == {
        (OutboxStatus.SKIPPED, "meeting cancelled")
    }
    assert len(rows) == len(TOLD)


@pytest.mark.usefixtures("people")
async def test_a_held_back_reminder_is_withdrawn_at_the_start_and_the_link_at_the_end(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    meeting = await announced(meetings)
    start, end = meeting.starts_at, meeting.ends_at
    # First run two hours before: still the day reminder's window; then the hour's.
    await walk(service, clock, session_factory, start - 2 * HOUR, start - HOUR)
    day = notice_key(meeting.id, Moment.DAY, start)
    hour = notice_key(meeting.id, Moment.HOUR, start)
    live = notice_key(meeting.id, Moment.LIVE, start)
    # Nothing was delivered yet (quiet hours, a long queue): at the start, both are withdrawn.
    assert await pending_notices(session_factory) == {day, hour}
    await walk(service, clock, session_factory, start, start)
    assert await pending_notices(session_factory) == {live}
    statuses = {
        (notice_of(row), row.status, row.last_error)
        for row in await outbox_rows(session_factory)
        if notice_of(row) != live
    }
    assert statuses == {
        (day, OutboxStatus.SKIPPED, "meeting started"),
        (hour, OutboxStatus.SKIPPED, "meeting started"),
    }
    # A delivered one is left alone.
    async with session_factory() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.chat_id == VILLAGER, OutboxMessage.key.startswith(live))
            .values(status=OutboxStatus.SENT)
        )
        await session.commit()
    await walk(service, clock, session_factory, end, end)
    by_chat = {
        row.chat_id: (row.status, row.last_error)
        for row in await outbox_rows(session_factory)
        if notice_of(row) == live
    }
    assert by_chat.pop(VILLAGER) == (OutboxStatus.SENT, None)
    assert set(by_chat.values()) == {(OutboxStatus.SKIPPED, "meeting ended")}
    # Each withdrawal happens once: the done marks of stale notices are gone.
    async with session_factory() as session:
        marks = set((await session.scalars(select(JobMark.name))).all())
    assert marks == {f"notice:{notice_key(meeting.id, Moment.RATING, start)}"}


# --- what the notices say ------------------------------------------------------------------------


async def bodies(sessions: Sessions, kind: NoticeKind) -> dict[str, Any]:
    async with sessions() as session:
        body = await session.scalar(select(OutboxPayload.body).where(OutboxPayload.kind == kind))
    assert body is not None
    parsed: dict[str, Any] = json.loads(body)
    return parsed


@pytest.mark.usefixtures("people")
async def test_notices_are_in_each_language_with_user_text_escaped(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    meeting = await announced(meetings)
    translator = Translator()
    day = day_reminder_at(meeting.starts_at, TZ)
    clock.set(day)
    await service.run(day)
    reminder = await bodies(session_factory, NoticeKind.MEETING_REMINDER)
    assert set(reminder) == {"kk", "ru", "en"}
    kk = reminder["kk"]["text"]
    assert "Мәдениет үйі &lt;&quot;Арай&quot;&gt; &amp; кітапхана" in kk
    assert "Қараағаш а.о." in kk
    assert "Қараағаш а.о." not in reminder["ru"]["text"]
    assert 'href="https://youtube.com/live/akimat?x=1&amp;y=2"' in kk
    assert translator.get("kk", "notice-settings-hint") in kk
    assert reminder["kk"]["reply_markup"]["inline_keyboard"][0][0]["url"] == URL

    clock.set(meeting.starts_at)
    await service.run(meeting.starts_at)
    live = await bodies(session_factory, NoticeKind.BROADCAST)
    assert live["ru"]["reply_markup"]["inline_keyboard"][0][0] == {
        "text": translator.get("ru", "notice-broadcast-button"),
        "url": URL,
    }

    clock.set(meeting.ends_at)
    await service.run(meeting.ends_at)
    rating = await bodies(session_factory, NoticeKind.RATING)
    [buttons] = rating["en"]["reply_markup"]["inline_keyboard"]
    assert [b["text"] for b in buttons] == ["1", "2", "3", "4", "5"]
    assert [b["callback_data"] for b in buttons] == [
        RatingCb(meeting_id=meeting.id, score=score).pack() for score in range(1, 6)
    ]


# --- ratings ---------------------------------------------------------------------------------


async def asked_to_rate(
    service: CitizenNoticeService, meetings: MeetingService, clock: ManualClock, sessions: Sessions
) -> MeetingView:
    meeting = await announced(meetings)
    await add_question(sessions, meeting.id)
    clock.set(meeting.ends_at + timedelta(minutes=5))
    await service.run(clock.now())
    return meeting


async def stored_scores(sessions: Sessions) -> dict[int, int]:
    async with sessions() as session:
        rows = (await session.execute(select(Rating.user_id, Rating.score))).all()
    return {int(user_id): int(score) for user_id, score in rows}


@pytest.mark.usefixtures("people")
async def test_a_rating_is_stored_then_changed_one_per_person(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    meeting = await asked_to_rate(service, meetings, clock, session_factory)
    first = await service.rate(VILLAGER, meeting.id, 4)
    assert first.outcome is RatingOutcome.SAVED
    assert first.score == 4
    assert first.meeting is not None
    assert first.meeting.id == meeting.id
    assert (await service.rate(VILLAGER, meeting.id, 4)).outcome is RatingOutcome.UNCHANGED
    assert (await service.rate(VILLAGER, meeting.id, 2)).outcome is RatingOutcome.CHANGED
    assert await service.rating_of(VILLAGER, meeting.id) == 2
    assert await stored_scores(session_factory) == {VILLAGER: 2}


@pytest.mark.usefixtures("people")
async def test_only_those_asked_may_rate_and_only_one_to_five(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    early = await announced(meetings, starts_at=STARTS + timedelta(days=7))
    # Not over yet, so nobody was asked.
    assert (await service.rate(VILLAGER, early.id, 5)).outcome is RatingOutcome.NOT_ASKED
    meeting = await asked_to_rate(service, meetings, clock, session_factory)
    for user_id, meeting_id, score in [
        (ELSEWHERE, meeting.id, 5),  # never told of this meeting
        (NO_CONSENT, meeting.id, 5),
        (VILLAGER, meeting.id, 0),
        (VILLAGER, meeting.id, 6),
        (VILLAGER, 10**12, 3),
        (VILLAGER, -1, 3),
    ]:
        result = await service.rate(user_id, meeting_id, score)
        assert result.outcome is RatingOutcome.NOT_ASKED, (user_id, meeting_id, score)
    assert await stored_scores(session_factory) == {}


@pytest.mark.usefixtures("people")
async def test_satisfaction_of_a_meeting_and_of_an_akimat_in_a_period(
    service: CitizenNoticeService,
    meetings: MeetingService,
    clock: ManualClock,
    session_factory: Sessions,
) -> None:
    meeting = await asked_to_rate(service, meetings, clock, session_factory)
    for user_id, score in [(VILLAGER, 5), (OKRUG_FOLLOWER, 4), (AUTHOR, 2), (SUPPORTER, 4)]:
        await service.rate(user_id, meeting.id, score)
    one = await service.satisfaction(meeting_id=meeting.id)
    assert one.count == 4
    assert one.mean == pytest.approx(3.75)
    assert one.by_score == (0, 1, 0, 2, 1)

    akimat = meeting.host_akimat_id
    assert (await service.satisfaction(akimat_id=akimat)).count == 4
    march = (date(2026, 3, 1), date(2026, 3, 31))
    assert (await service.satisfaction(akimat_id=akimat, period=march)).count == 4
    # The period is of local dates, both ends included: the 4th is in, the 5th is not.
    assert (
        await service.satisfaction(akimat_id=akimat, period=(date(2026, 3, 4), date(2026, 3, 4)))
    ).count == 4
    empty = await service.satisfaction(
        akimat_id=akimat, period=(date(2026, 3, 5), date(2026, 3, 31))
    )
    assert (empty.count, empty.mean, empty.by_score) == (0, None, (0, 0, 0, 0, 0))
    assert (await service.satisfaction(akimat_id=akimat + 1)).count == 0
    with pytest.raises(ValueError, match="exactly one"):
        await service.satisfaction()
    with pytest.raises(ValueError, match="exactly one"):
        await service.satisfaction(meeting_id=meeting.id, akimat_id=akimat)
    # Stored in UTC, counted on Almaty days.
    assert meeting.starts_at == datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
