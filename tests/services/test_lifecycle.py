"""The meeting lifecycle on SQLite and PostgreSQL: every transition and the refused ones, rights
and the audit log, lateness on record, the planned announcement done by the scheduler task once,
who is told of a move or a cancellation, and receptions moving the action plan's deadline.
Localities are the shipped sample (Ұлытау oblast)."""

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notices import notice_renderers
from locales import Translator
from scheduler.tasks.meetings import meetings as meetings_task
from services.access import AccessDeniedError
from services.audit import AuditDetail
from services.clock import ManualClock
from services.container import Services
from services.duties import DutyKind
from services.lifecycle import (
    Act,
    LifecycleError,
    LifecycleErrorReason,
    ListGroup,
    acts_possible,
)
from services.meetings import MeetingErrorReason, MeetingScheduleError, MeetingView
from storage.models import (
    AuditEntry,
    Meeting,
    MeetingStatus,
    NoticeKind,
    OutboxMessage,
    OutboxPayload,
    OutboxStatus,
)
from tests.builders import a_citizen, a_question, an_official

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
# Monday 2 March 2026, 11:00 in Almaty.
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
ADMIN = 900001
OFFICIAL = 5001  # acts for Қараағаш а.о.
DISTRICT_OFFICIAL = 5002  # acts for Жаңаарқа ауданы: reads Қараағаш, does not act for it
STRANGER = 5003  # acts for Ұлытау ауданы: neither

OBLAST = "620000000"  # Ұлытау облысы
ZHANAARKA = "623600000"  # Жаңаарқа ауданы (district)
KARAAGASH = "623661000"  # Қараағаш а.о. (rural okrug)
ZHARTAS = "623661107"  # Жартас а., a village of Қараағаш
ULYTAU_DISTRICT = "623800000"


def local(year: int, month: int, day: int, hour: int = 15, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


@pytest.fixture
async def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def services(session_factory: Sessions, clock: ManualClock) -> Services:
    services = Services.create(
        session_factory=session_factory,
        renderer=notice_renderers(),
        translator=Translator(),
        clock=clock,
        tz=TZ,
        profile="2022",
        admin_ids=frozenset({ADMIN}),
        default_locale="kk",
    )
    await services.localities.load_sample()
    for user_id, code in (
        (OFFICIAL, KARAAGASH),
        (DISTRICT_OFFICIAL, ZHANAARKA),
        (STRANGER, ULYTAU_DISTRICT),
    ):
        await an_official(session_factory, user_id, akimat=code, locale="ru")
    return services


async def create(
    services: Services,
    actor: int = OFFICIAL,
    host: str = KARAAGASH,
    starts_at: datetime | None = None,
    duration: int = 120,
    presentation: int = 30,
) -> MeetingView:
    return await services.lifecycle.create(
        actor,
        host_code=host,
        venue_code=host,
        audience_code=host,
        starts_at=starts_at or local(2026, 3, 20),
        duration_minutes=duration,
        place="Мәдениет үйі <зал>",
        broadcast_url=None,
        off_calendar=True,
        presentation_minutes=presentation,
    )


async def notices(sessions: Sessions, kind: NoticeKind) -> list[OutboxMessage]:
    async with sessions() as session:
        return list(
            await session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.kind == kind)
                .order_by(OutboxMessage.chat_id)
            )
        )


async def body_of(sessions: Sessions, message: OutboxMessage) -> str:
    async with sessions() as session:
        body = await session.scalar(
            select(OutboxPayload.body).where(OutboxPayload.id == message.payload_id)
        )
    assert body is not None
    text: str = json.loads(body)[message.locale]["text"]
    return text


async def mark_sent(sessions: Sessions, *chat_ids: int) -> None:
    """As the sender would: these recipients got the announcement."""
    async with sessions() as session:
        await session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.kind == NoticeKind.ANNOUNCEMENT,
                OutboxMessage.chat_id.in_(chat_ids),
            )
            .values(status=OutboxStatus.SENT, sent_at=NOW)
        )
        await session.commit()


async def audit(sessions: Sessions) -> list[tuple[int, str, bool]]:
    async with sessions() as session:
        rows = await session.execute(
            select(AuditEntry.actor_id, AuditEntry.action, AuditEntry.allowed).order_by(
                AuditEntry.id
            )
        )
        return [(actor, action, allowed) for actor, action, allowed in rows]


async def status_of(sessions: Sessions, meeting_id: int) -> Meeting:
    async with sessions() as session:
        meeting = await session.get(Meeting, meeting_id)
    assert meeting is not None
    return meeting


# --- creating ------------------------------------------------------------------------------------


async def test_official_creates_for_own_akimat_only(
    services: Services, session_factory: Sessions
) -> None:
    meeting = await create(services)
    assert meeting.status is MeetingStatus.DRAFT
    assert meeting.off_calendar is True
    assert meeting.presentation_minutes == 30
    # A rural okrug announces a week before (seed 001, clause 3.4): stored on creation.
    assert meeting.announce_due_on == date(2026, 3, 13)

    for actor in (STRANGER, DISTRICT_OFFICIAL):
        # The district official may read the okrug's akimat, not act for it.
        with pytest.raises(AccessDeniedError):
            await create(services, actor=actor)
    with pytest.raises(AccessDeniedError):
        await create(services, host=ZHANAARKA)
    # An admin: any unit with an akim, even one with no akimat row yet.
    await create(services, actor=ADMIN, host=OBLAST, starts_at=local(2026, 4, 20))

    assert await audit(session_factory) == [
        (OFFICIAL, "meeting.create", True),
        (STRANGER, "meeting.create", False),
        (DISTRICT_OFFICIAL, "meeting.create", False),
        (OFFICIAL, "meeting.create", False),
        (ADMIN, "meeting.create", True),
    ]


@pytest.mark.parametrize(
    ("duration", "presentation", "reason"),
    [
        (120, 31, MeetingErrorReason.PRESENTATION_TOO_LONG),
        (90, 23, MeetingErrorReason.PRESENTATION_TOO_LONG),  # a quarter of 90 is 22.5 → 22
        (60, 0, MeetingErrorReason.BAD_PRESENTATION),
    ],
)
async def test_presentation_over_a_quarter_is_refused(
    services: Services, duration: int, presentation: int, reason: MeetingErrorReason
) -> None:
    with pytest.raises(MeetingScheduleError) as raised:
        await create(services, duration=duration, presentation=presentation)
    assert raised.value.reason is reason
    # The quarter itself is allowed.
    meeting = await create(services, duration=duration, presentation=duration // 4)
    assert meeting.presentation_minutes == duration // 4


# --- announcing ----------------------------------------------------------------------------------


async def test_announce_now_on_time_once(services: Services, session_factory: Sessions) -> None:
    await a_citizen(session_factory, 1, follows=[ZHARTAS])
    await a_citizen(session_factory, 2, follows=[KARAAGASH], locale="ru")
    meeting = await create(services)

    outcome = await services.lifecycle.announce(meeting.id, OFFICIAL)
    assert (outcome.already, outcome.late, outcome.enqueued) == (False, False, 2)
    assert outcome.due == date(2026, 3, 13)
    assert outcome.meeting.status is MeetingStatus.ANNOUNCED
    row = await status_of(session_factory, meeting.id)
    assert (row.announce_due_on, row.announced_late) == (date(2026, 3, 13), False)
    sent = await notices(session_factory, NoticeKind.ANNOUNCEMENT)
    assert [(m.chat_id, m.locale) for m in sent] == [(1, "kk"), (2, "ru")]
    assert "Мәдениет үйі &lt;зал&gt;" in await body_of(session_factory, sent[0])

    again = await services.lifecycle.announce(meeting.id, OFFICIAL)
    assert (again.already, again.enqueued) == (True, 0)
    assert len(await notices(session_factory, NoticeKind.ANNOUNCEMENT)) == 2
    with pytest.raises(AccessDeniedError):
        await services.lifecycle.announce(meeting.id, DISTRICT_OFFICIAL)


async def test_late_announcement_is_recorded(
    services: Services, session_factory: Sessions, clock: ManualClock
) -> None:
    # A district announces two weeks before (seed 001, clause 3.4); a meeting in three days is
    # announced eleven days late.
    await an_official(session_factory, OFFICIAL, akimat=ZHANAARKA, locale="ru")
    meeting = await create(services, host=ZHANAARKA, starts_at=clock.now() + timedelta(days=3))
    outcome = await services.lifecycle.announce(meeting.id, OFFICIAL)
    assert (outcome.late, outcome.days_late, outcome.due) == (True, 11, date(2026, 2, 19))
    row = await status_of(session_factory, meeting.id)
    assert (row.announce_due_on, row.announced_late) == (date(2026, 2, 19), True)
    async with session_factory() as session:
        detail = await session.scalar(
            select(AuditEntry.detail).where(AuditEntry.action == "meeting.announce")
        )
    assert AuditDetail.load(detail) == AuditDetail(days_late=11, due=date(2026, 2, 19))
    dossier = await services.lifecycle.dossier(meeting.id, OFFICIAL)
    assert dossier.meeting.announced_late is True


async def test_planned_announcement_is_done_by_the_task_once(
    services: Services, session_factory: Sessions, clock: ManualClock
) -> None:
    await a_citizen(session_factory, 1, follows=[ZHARTAS])
    meeting = await create(services)
    at = local(2026, 3, 10, 9)
    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.schedule_announcement(meeting.id, OFFICIAL, NOW)
    assert raised.value.reason is LifecycleErrorReason.ANNOUNCE_AT_PAST
    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.schedule_announcement(meeting.id, OFFICIAL, local(2026, 3, 21))
    assert raised.value.reason is LifecycleErrorReason.ANNOUNCE_AT_AFTER_START
    planned = await services.lifecycle.schedule_announcement(meeting.id, OFFICIAL, at)
    assert (planned.due, planned.days_late) == (date(2026, 3, 13), 0)

    # Before the moment: nothing happens, however often the task runs.
    for moment in (NOW, at - timedelta(minutes=1)):
        clock.set(moment)
        await meetings_task(services, moment)
    assert (await status_of(session_factory, meeting.id)).status is MeetingStatus.DRAFT
    assert await notices(session_factory, NoticeKind.ANNOUNCEMENT) == []

    # The clock passes it: announced once, even when the task runs again or late.
    for moment in (at + timedelta(minutes=1), at + timedelta(minutes=2), at + timedelta(days=1)):
        clock.set(moment)
        await meetings_task(services, moment)
    row = await status_of(session_factory, meeting.id)
    assert row.status is MeetingStatus.ANNOUNCED
    assert row.announced_at == at + timedelta(minutes=1)
    assert row.announced_late is False
    assert [m.chat_id for m in await notices(session_factory, NoticeKind.ANNOUNCEMENT)] == [1]


async def test_planned_after_the_due_day_is_said_and_recorded_late(
    services: Services, session_factory: Sessions, clock: ManualClock
) -> None:
    meeting = await create(services)
    at = local(2026, 3, 15, 9)
    planned = await services.lifecycle.schedule_announcement(meeting.id, OFFICIAL, at)
    assert planned.days_late == 2
    # Dropping the plan: the task does nothing.
    await services.lifecycle.unschedule_announcement(meeting.id, OFFICIAL)
    clock.set(at + timedelta(hours=1))
    await meetings_task(services, clock.now())
    assert (await status_of(session_factory, meeting.id)).status is MeetingStatus.DRAFT

    await services.lifecycle.schedule_announcement(meeting.id, OFFICIAL, at + timedelta(hours=2))
    clock.set(at + timedelta(hours=3))
    await meetings_task(services, clock.now())
    row = await status_of(session_factory, meeting.id)
    assert (row.status, row.announced_late) == (MeetingStatus.ANNOUNCED, True)


async def test_a_planned_announcement_of_an_ended_meeting_is_dropped(
    services: Services, session_factory: Sessions, clock: ManualClock
) -> None:
    meeting = await create(services)
    await services.lifecycle.schedule_announcement(meeting.id, OFFICIAL, local(2026, 3, 19))
    # The scheduler was down until after the meeting: too late to announce it.
    clock.set(local(2026, 3, 21))
    await meetings_task(services, clock.now())
    assert (await status_of(session_factory, meeting.id)).status is MeetingStatus.DRAFT


# --- moving and cancelling -----------------------------------------------------------------------


async def test_moving_an_announced_meeting_tells_who_was_told_and_the_authors(
    services: Services, session_factory: Sessions, clock: ManualClock
) -> None:
    await a_citizen(session_factory, 1, follows=[ZHARTAS])  # told, and asked a question
    await a_citizen(session_factory, 2, follows=[KARAAGASH], locale="ru")  # told
    await a_citizen(session_factory, 3, follows=[KARAAGASH])  # announcement still pending
    await a_citizen(session_factory, 4)  # follows nothing here, asked a question
    await a_citizen(session_factory, 5)  # neither
    meeting = await create(services)
    await services.lifecycle.announce(meeting.id, OFFICIAL)
    await mark_sent(session_factory, 1, 2)
    await a_question(session_factory, meeting_id=meeting.id, author_id=1)
    await a_question(session_factory, meeting_id=meeting.id, author_id=4)

    dossier = await services.lifecycle.dossier(meeting.id, OFFICIAL)
    assert (dossier.told, dossier.question_authors) == (3, 2)

    new_start = local(2026, 3, 27, 11)
    outcome = await services.lifecycle.move(meeting.id, OFFICIAL, new_start)
    assert outcome.notified == 4
    moved = outcome.meeting
    assert moved.status is MeetingStatus.RESCHEDULED
    assert moved.previous_starts_at == local(2026, 3, 20)
    assert (moved.starts_at, moved.ends_at) == (new_start, new_start + timedelta(hours=2))
    assert moved.questions_cutoff == new_start - timedelta(hours=24)
    # Still visible and open for questions.
    assert moved.is_public and moved.questions_open and moved.was_moved

    told = await notices(session_factory, NoticeKind.MEETING_CHANGED)
    assert [(m.chat_id, m.locale, m.urgent) for m in told] == [
        (1, "kk", True),
        (2, "ru", True),
        (3, "kk", True),
        (4, "kk", True),
    ]
    assert told[0].key == f"move:{meeting.id}:{new_start.isoformat()}:1"
    text = await body_of(session_factory, told[1])
    assert f"Встреча № {meeting.id} перенесена" in text
    assert "&lt;зал&gt;" in text
    # The pending announcement shows the old time: withdrawn (its recipient got the notice).
    statuses = {
        m.chat_id: m.status for m in await notices(session_factory, NoticeKind.ANNOUNCEMENT)
    }
    assert statuses == {1: OutboxStatus.SENT, 2: OutboxStatus.SENT, 3: OutboxStatus.SKIPPED}

    # Moved again: stays rescheduled, "moved from" is the start before this move.
    again = await services.lifecycle.move(meeting.id, OFFICIAL, local(2026, 3, 28, 11))
    assert again.meeting.previous_starts_at == new_start
    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.move(meeting.id, OFFICIAL, local(2026, 3, 28, 11))
    assert raised.value.reason is LifecycleErrorReason.SAME_START
    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.move(meeting.id, OFFICIAL, NOW - timedelta(hours=1))
    assert raised.value.reason is LifecycleErrorReason.START_IN_PAST
    # The citizen's list still has it.
    assert [m.id for m in await services.meetings.upcoming_for_user(1)] == [meeting.id]


async def test_moving_an_announced_meeting_earlier_checks_the_notice_period_again(
    services: Services, session_factory: Sessions
) -> None:
    """Seed 001, clause 3.4: a rural okrug's meeting is announced 7 days ahead. Announced on
    2 March in time for 20 March, then moved that day to 4 March: people get 2 days' notice,
    so the last day to announce becomes 25 February and the meeting is recorded 5 days late.
    Moved to a date far enough ahead, nothing is late."""
    meeting = await create(services)
    announced = await services.lifecycle.announce(meeting.id, OFFICIAL)
    assert not announced.late

    assert services.lifecycle.move_lateness(announced.meeting, local(2026, 3, 4)) == (
        date(2026, 2, 25),
        5,
    )
    outcome = await services.lifecycle.move(meeting.id, OFFICIAL, local(2026, 3, 4))

    assert (outcome.due, outcome.days_late) == (date(2026, 2, 25), 5)
    row = await status_of(session_factory, meeting.id)
    assert (row.announce_due_on, row.announced_late) == (date(2026, 2, 25), True)
    moved = [entry for entry in await audit(session_factory) if entry[1] == "meeting.move"]
    assert moved

    later = await create(services, starts_at=local(2026, 3, 20))
    await services.lifecycle.announce(later.id, OFFICIAL)
    on_time = await services.lifecycle.move(later.id, OFFICIAL, local(2026, 3, 25))
    assert (on_time.due, on_time.days_late) == (date(2026, 3, 18), 0)
    row = await status_of(session_factory, later.id)
    assert (row.announce_due_on, row.announced_late) == (date(2026, 3, 18), False)


async def test_moving_a_draft_tells_nobody_and_keeps_it_a_draft(
    services: Services, session_factory: Sessions
) -> None:
    await a_citizen(session_factory, 1, follows=[ZHARTAS])
    meeting = await create(services)
    await services.lifecycle.schedule_announcement(meeting.id, OFFICIAL, local(2026, 3, 10, 9))
    outcome = await services.lifecycle.move(meeting.id, OFFICIAL, local(2026, 3, 9, 15))
    assert outcome.notified == 0
    moved = outcome.meeting
    assert (moved.status, moved.previous_starts_at) == (MeetingStatus.DRAFT, None)
    # The last day to announce follows the new start; a planned announcement after the new
    # start is dropped.
    assert moved.announce_due_on == date(2026, 3, 2)
    assert moved.announce_at is None
    assert await notices(session_factory, NoticeKind.MEETING_CHANGED) == []


async def test_cancelling_tells_who_was_told_and_withdraws_the_rest(
    services: Services, session_factory: Sessions
) -> None:
    await a_citizen(session_factory, 1, follows=[ZHARTAS])
    await a_citizen(session_factory, 2, follows=[KARAAGASH], locale="ru")
    await a_citizen(session_factory, 3, follows=[KARAAGASH])  # the announcement never reached them
    await a_citizen(session_factory, 4, active=False)  # an author who blocked the bot
    await a_citizen(session_factory, 6, locale="en")  # an author in English
    meeting = await create(services)
    await services.lifecycle.announce(meeting.id, OFFICIAL)
    await mark_sent(session_factory, 1, 2)
    await a_question(session_factory, meeting_id=meeting.id, author_id=2)
    await a_question(session_factory, meeting_id=meeting.id, author_id=4)
    await a_question(session_factory, meeting_id=meeting.id, author_id=6)

    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.cancel(meeting.id, OFFICIAL, "ой")
    assert raised.value.reason is LifecycleErrorReason.BAD_REASON
    with pytest.raises(AccessDeniedError):
        await services.lifecycle.cancel(meeting.id, STRANGER, "Әкім іссапарда <шұғыл>")

    outcome = await services.lifecycle.cancel(meeting.id, OFFICIAL, "Әкім іссапарда <шұғыл>")
    assert outcome.notified == 3
    cancelled = outcome.meeting
    assert cancelled.status is MeetingStatus.CANCELLED
    assert cancelled.cancel_reason == "Әкім іссапарда <шұғыл>"
    assert cancelled.cancelled_at == NOW
    assert not cancelled.is_public and not cancelled.questions_open

    told = await notices(session_factory, NoticeKind.MEETING_CHANGED)
    assert [(m.chat_id, m.key) for m in told] == [
        (1, f"cancel:{meeting.id}:1"),
        (2, f"cancel:{meeting.id}:2"),
        (6, f"cancel:{meeting.id}:6"),
    ]
    assert all(m.urgent for m in told)
    assert "&lt;шұғыл&gt;" in await body_of(session_factory, told[0])
    assert "is cancelled" in await body_of(session_factory, told[2])
    statuses = {
        m.chat_id: m.status for m in await notices(session_factory, NoticeKind.ANNOUNCEMENT)
    }
    assert statuses == {1: OutboxStatus.SENT, 2: OutboxStatus.SENT, 3: OutboxStatus.SKIPPED}

    # Gone from the citizens' lists; nothing more can be done to it.
    assert await services.meetings.upcoming_for_user(1) == []
    refused: list[LifecycleError] = []
    for act in (
        lambda: services.lifecycle.cancel(meeting.id, OFFICIAL, "Тағы бір себеп"),
        lambda: services.lifecycle.move(meeting.id, OFFICIAL, local(2026, 3, 25)),
        lambda: services.lifecycle.add_reception(meeting.id, OFFICIAL, date(2026, 3, 21)),
    ):
        with pytest.raises(LifecycleError) as raised:
            await act()
        refused.append(raised.value)
    assert {(error.reason, error.status) for error in refused} == {
        (LifecycleErrorReason.WRONG_STATUS, MeetingStatus.CANCELLED)
    }
    with pytest.raises(LifecycleError):
        await services.lifecycle.announce(meeting.id, OFFICIAL)
    assert await services.lifecycle.action_plan_due(meeting.id) is None
    actions = [(actor, action) for actor, action, allowed in await audit(session_factory)]
    assert (OFFICIAL, "meeting.cancel") in actions
    assert (STRANGER, "meeting.cancel") in actions


async def test_cancelling_a_draft_tells_nobody(
    services: Services, session_factory: Sessions
) -> None:
    await a_citizen(session_factory, 1, follows=[ZHARTAS])
    meeting = await create(services)
    outcome = await services.lifecycle.cancel(meeting.id, OFFICIAL, "Жоспар өзгерді")
    assert (outcome.notified, outcome.meeting.status) == (0, MeetingStatus.CANCELLED)
    assert await notices(session_factory, NoticeKind.MEETING_CHANGED) == []


# --- held, closed, receptions --------------------------------------------------------------------


async def test_held_closed_and_the_refused_transitions(
    services: Services, session_factory: Sessions, clock: ManualClock
) -> None:
    meeting = await create(services)
    # A draft cannot be held or closed; a meeting not yet started cannot be held.
    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.mark_held(meeting.id, OFFICIAL)
    assert raised.value.status is MeetingStatus.DRAFT
    with pytest.raises(LifecycleError):
        await services.lifecycle.close(meeting.id, OFFICIAL)
    await services.lifecycle.announce(meeting.id, OFFICIAL)
    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.mark_held(meeting.id, OFFICIAL)
    assert raised.value.reason is LifecycleErrorReason.NOT_STARTED
    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.check(meeting.id, OFFICIAL, Act.HOLD)
    assert raised.value.reason is LifecycleErrorReason.NOT_STARTED

    clock.set(local(2026, 3, 20, 15, 30))
    started = await services.meetings.get(meeting.id)
    assert started is not None
    assert Act.HOLD in acts_possible(started, clock.now())
    with pytest.raises(AccessDeniedError):
        await services.lifecycle.mark_held(meeting.id, DISTRICT_OFFICIAL)
    held = await services.lifecycle.mark_held(meeting.id, OFFICIAL)
    assert (held.status, held.held_at) == (MeetingStatus.HELD, clock.now())
    with pytest.raises(LifecycleError):
        await services.lifecycle.mark_held(meeting.id, OFFICIAL)
    with pytest.raises(LifecycleError):
        await services.lifecycle.move(meeting.id, OFFICIAL, local(2026, 4, 1))
    with pytest.raises(LifecycleError):
        await services.lifecycle.cancel(meeting.id, OFFICIAL, "Кеш болды ғой")
    closed = await services.lifecycle.close(meeting.id, OFFICIAL)
    assert (closed.status, closed.closed_at) == (MeetingStatus.CLOSED, clock.now())
    with pytest.raises(LifecycleError):
        await services.lifecycle.add_reception(meeting.id, OFFICIAL, date(2026, 3, 21))
    with pytest.raises(LifecycleError):
        await services.lifecycle.close(meeting.id, OFFICIAL)

    archive = await services.lifecycle.list_for(OFFICIAL, ListGroup.ARCHIVE)
    assert [m.id for m in archive.items] == [meeting.id]
    assert (await services.lifecycle.list_for(OFFICIAL, ListGroup.ACTIVE)).total == 0


async def test_the_task_marks_ended_meetings_held(
    services: Services, session_factory: Sessions, clock: ManualClock
) -> None:
    announced = await create(services)
    moved = await create(services, starts_at=local(2026, 3, 21))
    draft = await create(services, starts_at=local(2026, 3, 20, 10))
    await services.lifecycle.announce(announced.id, OFFICIAL)
    await services.lifecycle.announce(moved.id, OFFICIAL)
    await services.lifecycle.move(moved.id, OFFICIAL, local(2026, 3, 20, 9))

    # 16:59: the 15:00 meeting of two hours has not ended yet; the moved one has.
    clock.set(local(2026, 3, 20, 16, 59))
    await meetings_task(services, clock.now())
    statuses = {
        m: (await status_of(session_factory, m)).status for m in (announced.id, moved.id, draft.id)
    }
    assert statuses == {
        announced.id: MeetingStatus.ANNOUNCED,
        moved.id: MeetingStatus.HELD,
        draft.id: MeetingStatus.DRAFT,
    }
    clock.set(local(2026, 3, 20, 17))
    await meetings_task(services, clock.now())
    assert (await status_of(session_factory, announced.id)).status is MeetingStatus.HELD
    assert (await status_of(session_factory, draft.id)).status is MeetingStatus.DRAFT


async def test_receptions_move_the_action_plan_due_date(
    services: Services, session_factory: Sessions, clock: ManualClock
) -> None:
    meeting = await create(services)
    # Ten calendar days after the meeting (seed 001, clause 3.5).
    assert await services.lifecycle.action_plan_due(meeting.id) == date(2026, 3, 30)
    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.add_reception(meeting.id, OFFICIAL, date(2026, 3, 21))
    assert raised.value.status is MeetingStatus.DRAFT
    await services.lifecycle.announce(meeting.id, OFFICIAL)

    # 2022 holds receptions after the meeting only: the day before is refused.
    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.add_reception(meeting.id, OFFICIAL, date(2026, 3, 19))
    assert (raised.value.reason, raised.value.bound) == (
        LifecycleErrorReason.RECEPTION_TOO_EARLY,
        date(2026, 3, 20),
    )
    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.add_reception(meeting.id, OFFICIAL, date(2026, 5, 1))
    assert raised.value.reason is LifecycleErrorReason.RECEPTION_TOO_LATE
    with pytest.raises(AccessDeniedError):
        await services.lifecycle.add_reception(meeting.id, DISTRICT_OFFICIAL, date(2026, 3, 24))

    # Recorded on 2 March, the receptions of 24 and 20 March are only planned: the deadline
    # stays ten days after the meeting until a reception has taken place.
    first = await services.lifecycle.add_reception(meeting.id, OFFICIAL, date(2026, 3, 24))
    assert (first.added, first.action_plan_due) == (True, date(2026, 3, 30))
    earlier = await services.lifecycle.add_reception(meeting.id, OFFICIAL, date(2026, 3, 20))
    assert (earlier.receptions, earlier.action_plan_due) == (
        (date(2026, 3, 20), date(2026, 3, 24)),
        date(2026, 3, 30),
    )
    same = await services.lifecycle.add_reception(meeting.id, OFFICIAL, date(2026, 3, 24))
    assert same.added is False
    assert await services.lifecycle.action_plan_due(meeting.id) == date(2026, 3, 30)

    # After the meeting is held, receptions are still recorded.
    clock.set(local(2026, 3, 21))
    await meetings_task(services, clock.now())
    later = await services.lifecycle.add_reception(meeting.id, OFFICIAL, date(2026, 3, 27))
    assert later.action_plan_due == date(2026, 3, 30)
    # From the 24th the reception of that day has taken place and ends the period.
    clock.set(local(2026, 3, 24, 0, 1))
    assert await services.lifecycle.action_plan_due(meeting.id) == date(2026, 4, 3)
    clock.set(local(2026, 3, 27, 8))
    dossier = await services.lifecycle.dossier(meeting.id, DISTRICT_OFFICIAL)
    assert dossier.action_plan_due == date(2026, 4, 6)
    assert len(dossier.receptions) == 3
    # The district official reads, but may do nothing.
    assert dossier.acts == frozenset()


async def test_a_reception_recorded_ahead_counts_from_its_day_everywhere(
    services: Services, clock: ManualClock
) -> None:
    """On 2 March a reception "held" on 19 April is recorded for a meeting of 20 March: the
    meeting card, the plan card and the compliance clock keep the deadline of 30 March until
    19 April comes, and then all three move it to 29 April (seed 001, clause 3.5)."""
    meeting = await create(services)
    await services.lifecycle.announce(meeting.id, OFFICIAL)
    outcome = await services.lifecycle.add_reception(meeting.id, OFFICIAL, date(2026, 4, 19))
    assert outcome.action_plan_due == date(2026, 3, 30)

    async def due_dates() -> tuple[date | None, date | None, list[date]]:
        card = await services.lifecycle.dossier(meeting.id, OFFICIAL)
        plan_meeting = await services.plans.meeting(meeting.id)
        assert plan_meeting is not None
        duties = [
            duty.due
            for duty in await services.duties.open_duties()
            if duty.kind is DutyKind.ACTION_PLAN and duty.meeting_id == meeting.id
        ]
        return card.action_plan_due, plan_meeting.due_on, duties

    clock.set(local(2026, 3, 21))
    assert await due_dates() == (date(2026, 3, 30), date(2026, 3, 30), [date(2026, 3, 30)])
    clock.set(local(2026, 4, 18, 23, 59))
    assert await due_dates() == (date(2026, 3, 30), date(2026, 3, 30), [date(2026, 3, 30)])
    clock.set(local(2026, 4, 19, 0, 0))
    assert await due_dates() == (date(2026, 4, 29), date(2026, 4, 29), [date(2026, 4, 29)])


async def test_reading_rights_and_lists(services: Services, session_factory: Sessions) -> None:
    meeting = await create(services)
    other = await create(services, actor=STRANGER, host=ULYTAU_DISTRICT)
    assert (await services.lifecycle.dossier(meeting.id, OFFICIAL)).acts == frozenset(
        {Act.ANNOUNCE, Act.SCHEDULE, Act.MOVE, Act.CANCEL}
    )
    with pytest.raises(AccessDeniedError):
        await services.lifecycle.dossier(meeting.id, STRANGER)
    with pytest.raises(LifecycleError) as raised:
        await services.lifecycle.dossier(999999, OFFICIAL)
    assert raised.value.reason is LifecycleErrorReason.NOT_FOUND

    def ids(page_items: object) -> list[int]:
        return [m.id for m in page_items]  # type: ignore[attr-defined]

    assert ids((await services.lifecycle.list_for(OFFICIAL, ListGroup.ACTIVE)).items) == [
        meeting.id
    ]
    # A higher akimat reads the akimats inside it; an admin reads everything.
    assert ids((await services.lifecycle.list_for(DISTRICT_OFFICIAL, ListGroup.ACTIVE)).items) == [
        meeting.id
    ]
    assert ids((await services.lifecycle.list_for(ADMIN, ListGroup.ACTIVE)).items) == [
        meeting.id,
        other.id,
    ]
    assert (await services.lifecycle.list_for(1234, ListGroup.ACTIVE)).total == 0
    async with session_factory() as session:
        denied = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.allowed.is_(False))
        )
    assert denied == 1
