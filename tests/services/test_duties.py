"""DutyService: what each akimat owes and when, who sees it, marking the calendar; and the pure
reminder schedule of one duty. The clock running for months is in tests/scheduler/."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from handlers.callbacks import CalendarMarkCb, DeadlinesCb
from handlers.notices import notice_renderers
from handlers.official.deadlines import render_deadlines
from handlers.official.duty_words import timing
from regulation import AkimLevel, action_plan_due, announcement_due, progress_due
from services.duties import (
    AkimatInfo,
    CalendarStep,
    Duty,
    DutyKind,
    DutyLine,
    MarkOutcome,
    Scope,
    Stage,
)
from services.notices import DutyDue, DutyEscalated, DutySource
from storage.models import AuditEntry, Meeting, MeetingStatus, Reception
from tests.law_names import DECREE_2022_EN, DECREE_2022_KK, DECREE_2022_RU
from tests.scheduler.helpers import (
    ADMIN_ID,
    ASTANA,
    KARAAGASH,
    OBLAST,
    TZ,
    ULYTAU_DISTRICT,
    ZHANAARKA,
    Sessions,
    World,
    create_services,
    local,
    make_world,
)


@pytest.fixture
async def world(session_factory: Sessions) -> World:
    return await make_world(session_factory, local(date(2027, 1, 1)))


AKIMAT = AkimatInfo(1, KARAAGASH, "Қараағаш а.о.", "Караагашский с.о.", AkimLevel.RURAL_OKRUG)
DUE = date(2027, 3, 20)


def duty(kind: DutyKind, **fields: object) -> Duty:
    defaults: dict[str, object] = {"meeting_id": 1, "meeting_day": date(2027, 3, 10)}
    if kind in {DutyKind.CALENDAR_APPROVE, DutyKind.CALENDAR_SUBMIT}:
        defaults = {"year": 2027}
    if kind is DutyKind.PROGRESS:
        defaults |= {"plan_id": 7, "year": 2027, "quarter": 1}
    values: dict[str, object] = {"due": DUE, "akimat": AKIMAT} | defaults | fields
    return Duty(kind=kind, **values)  # type: ignore[arg-type]


# --- the schedule of one duty (pure) --------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "offset", "stage"),
    [
        (DutyKind.ANNOUNCEMENT, -4, None),
        (DutyKind.ANNOUNCEMENT, -3, Stage.BEFORE),
        (DutyKind.ANNOUNCEMENT, -1, None),
        (DutyKind.ANNOUNCEMENT, 0, Stage.DUE),
        # Missed: told once, the day after the last day.
        (DutyKind.ANNOUNCEMENT, 1, Stage.OVERDUE),
        (DutyKind.ANNOUNCEMENT, 2, None),
        # Meeting on 10 March: the first reminder 7 days after it, 3 days before the due day.
        (DutyKind.ACTION_PLAN, -4, None),
        (DutyKind.ACTION_PLAN, -3, Stage.BEFORE),
        (DutyKind.ACTION_PLAN, -2, None),
        (DutyKind.ACTION_PLAN, 0, Stage.DUE),
        (DutyKind.ACTION_PLAN, 1, Stage.OVERDUE),
        (DutyKind.ACTION_PLAN, 90, Stage.OVERDUE),
        (DutyKind.PROGRESS, -6, None),
        (DutyKind.PROGRESS, -5, Stage.BEFORE),
        (DutyKind.PROGRESS, -3, None),
        (DutyKind.PROGRESS, 0, Stage.DUE),
        (DutyKind.PROGRESS, 2, Stage.OVERDUE),
        (DutyKind.CALENDAR_APPROVE, -5, Stage.BEFORE),
        (DutyKind.CALENDAR_APPROVE, -3, None),
        (DutyKind.CALENDAR_APPROVE, 0, Stage.DUE),
        (DutyKind.CALENDAR_SUBMIT, 1, Stage.OVERDUE),
        (DutyKind.CALENDAR_SUBMIT, 2, None),
        (DutyKind.CALENDAR_APPROVE, 30, None),
    ],
)
def test_reminder_stage_by_day(kind: DutyKind, offset: int, stage: Stage | None) -> None:
    assert duty(kind).stage_on(DUE + timedelta(offset)) is stage


@pytest.mark.parametrize(
    ("kind", "overdue_days", "escalates"),
    [
        (DutyKind.ACTION_PLAN, 2, False),
        (DutyKind.ACTION_PLAN, 3, True),
        (DutyKind.ACTION_PLAN, 4, False),
        (DutyKind.ACTION_PLAN, 10, True),
        (DutyKind.ACTION_PLAN, 17, True),
        (DutyKind.PROGRESS, 3, True),
        (DutyKind.PROGRESS, 9, False),
        # The announcement and the calendar's steps: once, the day after the last day.
        (DutyKind.ANNOUNCEMENT, 0, False),
        (DutyKind.ANNOUNCEMENT, 1, True),
        (DutyKind.ANNOUNCEMENT, 3, False),
        (DutyKind.ANNOUNCEMENT, 8, False),
        (DutyKind.CALENDAR_APPROVE, 1, True),
        (DutyKind.CALENDAR_SUBMIT, 1, True),
        (DutyKind.CALENDAR_SUBMIT, 3, False),
        (DutyKind.CALENDAR_SUBMIT, 10, False),
    ],
)
def test_escalation_on_the_third_overdue_day_then_weekly(
    kind: DutyKind, overdue_days: int, escalates: bool
) -> None:
    assert duty(kind).escalates_on(DUE + timedelta(overdue_days)) is escalates


def test_plan_reminder_after_the_meeting_stays_when_receptions_push_the_due_day() -> None:
    # Receptions until 1 April: due 11 April, still reminded 7 days after the meeting.
    late = duty(DutyKind.ACTION_PLAN, due=date(2027, 4, 11))
    assert late.stage_on(date(2027, 3, 17)) is Stage.BEFORE
    assert late.stage_on(date(2027, 4, 8)) is None
    assert late.stage_on(date(2027, 4, 11)) is Stage.DUE


def test_duty_keys_name_the_duty_once() -> None:
    assert duty(DutyKind.ANNOUNCEMENT).key == "announce:m1"
    assert duty(DutyKind.ACTION_PLAN).key == "plan:m1"
    assert duty(DutyKind.PROGRESS).key == "progress:p7:2027q1"
    assert duty(DutyKind.CALENDAR_SUBMIT).key == "calendar_submit:a1:2027"


async def test_reminder_days_are_local_nine_oclock_moments(world: World) -> None:
    duties = world.services.duties
    after = local(date(2027, 3, 1), 9)  # exactly at the moment: already covered
    assert duties.reminder_days(after, local(date(2027, 3, 1), 23)) == []
    assert duties.reminder_days(after, local(date(2027, 3, 2), 8, 59)) == []
    assert duties.reminder_days(after, local(date(2027, 3, 2), 9)) == [date(2027, 3, 2)]
    # 04:00 UTC is 09:00 in Almaty: the UTC date is never used.
    span = duties.reminder_days(
        datetime(2027, 3, 4, 3, 59, tzinfo=UTC), datetime(2027, 3, 6, 4, 0, tzinfo=UTC)
    )
    assert span == [date(2027, 3, 4), date(2027, 3, 5), date(2027, 3, 6)]


# --- what is owed (database) ----------------------------------------------------------------


async def test_open_duties_follow_the_regulation(world: World) -> None:
    now = local(date(2027, 3, 25), 12)
    world.clock.set(now)
    draft = await world.meeting(ZHANAARKA, local(date(2027, 4, 20), 11), MeetingStatus.DRAFT)
    held = await world.meeting(KARAAGASH, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    # Announced and over, not yet marked held: the plan is owed all the same.
    over = await world.meeting(KARAAGASH, local(date(2027, 3, 24), 10), MeetingStatus.ANNOUNCED)
    # Cancelled, and announced but still to come: nothing owed.
    await world.meeting(KARAAGASH, local(date(2027, 3, 20), 10), MeetingStatus.CANCELLED)
    await world.meeting(KARAAGASH, local(date(2027, 4, 2), 10), MeetingStatus.ANNOUNCED)
    published = await world.meeting(KARAAGASH, local(date(2027, 1, 12), 10), MeetingStatus.CLOSED)
    plan = await world.publish_plan(published, local(date(2027, 1, 20), 10))
    # Drafts whose announcement is scheduled: in time (nothing owed), or after the last day.
    in_time = await world.meeting(KARAAGASH, local(date(2027, 4, 20), 11), MeetingStatus.DRAFT)
    too_late = await world.meeting(KARAAGASH, local(date(2027, 4, 21), 11), MeetingStatus.DRAFT)
    async with world.sessions() as session:
        # Today's reception has taken place; the one of the 28th is only planned.
        session.add(Reception(meeting_id=over, held_on=date(2027, 3, 25)))
        session.add(Reception(meeting_id=over, held_on=date(2027, 3, 28)))
        for meeting_id, announce_on in (
            (in_time, date(2027, 4, 13)),
            (too_late, date(2027, 4, 15)),
        ):
            draft_row = await session.get(Meeting, meeting_id)
            assert draft_row is not None
            draft_row.announce_at = local(announce_on, 9)
        await session.commit()

    duties = await world.services.duties.open_duties(now)
    assert [(d.kind, d.meeting_id, d.due) for d in duties] == [
        (DutyKind.ACTION_PLAN, held, action_plan_due(date(2027, 3, 10))),
        (DutyKind.ACTION_PLAN, over, action_plan_due(date(2027, 3, 24), date(2027, 3, 25))),
        (
            DutyKind.ANNOUNCEMENT,
            draft,
            announcement_due(AkimLevel.DISTRICT, local(date(2027, 4, 20), 11)),
        ),
        (DutyKind.ANNOUNCEMENT, too_late, date(2027, 4, 14)),
        (DutyKind.PROGRESS, published, progress_due(2027, 1)),
    ]
    assert duties[-1].plan_id == plan
    assert duties[0].days_left(now.date()) == -5
    # The same arithmetic as the meeting's card shows (services/lifecycle.py).
    for found in duties[:2]:
        assert found.meeting_id is not None
        assert await world.services.lifecycle.action_plan_due(found.meeting_id) == found.due


async def test_progress_is_owed_each_quarter_until_every_item_is_done(world: World) -> None:
    meeting = await world.meeting(KARAAGASH, local(date(2027, 2, 1), 15), MeetingStatus.CLOSED)
    plan = await world.publish_plan(meeting, local(date(2027, 2, 15), 9))
    await world.publish_progress(plan, 2027, 2, local(date(2027, 7, 20), 9))
    duties = world.services.duties

    owed = await duties.open_duties(local(date(2027, 11, 2)))
    assert [(d.year, d.quarter, d.due) for d in owed] == [
        (2027, 1, date(2027, 4, 25)),
        (2027, 3, date(2027, 10, 25)),
        (2027, 4, date(2028, 1, 25)),
    ]
    await world.publish_progress(plan, 2027, 3, local(date(2027, 11, 3), 9), all_done=True)
    assert await duties.open_duties(local(date(2027, 11, 4))) == []


async def test_calendar_duties_show_around_their_days_until_marked(world: World) -> None:
    oblast = await world.akimat(OBLAST)
    capital = await world.akimat(ASTANA)
    await world.akimat(ZHANAARKA)
    duties = world.services.duties

    assert await duties.open_duties(local(date(2026, 11, 15))) == []
    shown = await duties.open_duties(local(date(2026, 11, 23)))
    assert [(d.kind, d.akimat.id, d.year, d.due) for d in shown] == [
        (DutyKind.CALENDAR_APPROVE, oblast, 2027, date(2027, 1, 15)),
        (DutyKind.CALENDAR_APPROVE, capital, 2027, date(2027, 1, 15)),
        (DutyKind.CALENDAR_SUBMIT, oblast, 2027, date(2027, 1, 20)),
        (DutyKind.CALENDAR_SUBMIT, capital, 2027, date(2027, 1, 20)),
    ]
    assert [d.akimat.level for d in shown[:2]] == [AkimLevel.OBLAST, AkimLevel.CAPITAL]

    world.clock.set(local(date(2027, 1, 16), 11))
    marked = await duties.mark_calendar(42, oblast, 2027, CalendarStep.APPROVE)
    assert marked.outcome is MarkOutcome.MARKED
    again = await duties.mark_calendar(43, oblast, 2027, CalendarStep.APPROVE)
    assert (again.outcome, again.at) == (MarkOutcome.ALREADY, marked.at)
    left = await duties.open_duties(local(date(2027, 1, 16), 12))
    assert [(d.kind, d.akimat.id) for d in left] == [
        (DutyKind.CALENDAR_APPROVE, capital),
        (DutyKind.CALENDAR_SUBMIT, oblast),
        (DutyKind.CALENDAR_SUBMIT, capital),
    ]
    # Overdue for a month, then history.
    assert await duties.open_duties(local(date(2027, 2, 20))) == []

    async with world.sessions() as session:
        entries = (await session.scalars(select(AuditEntry))).all()
    assert [(e.action, e.akimat_id, e.target, e.actor_id) for e in entries] == [
        ("calendar.approved", oblast, "2027", 42)
    ]


async def test_marking_the_calendar_refuses_what_does_not_apply(world: World) -> None:
    district = await world.akimat(ZHANAARKA)
    oblast = await world.akimat(OBLAST)
    world.clock.set(local(date(2027, 1, 10)))
    duties = world.services.duties
    refused = await duties.mark_calendar(42, district, 2027, CalendarStep.APPROVE)
    assert refused.outcome is MarkOutcome.NOT_APPLICABLE
    assert (await duties.mark_calendar(42, 999_999, 2027, CalendarStep.APPROVE)).outcome is (
        MarkOutcome.NOT_APPLICABLE
    )
    for year in (2020, 2029):
        outcome = (await duties.mark_calendar(42, oblast, year, CalendarStep.SUBMIT)).outcome
        assert outcome is MarkOutcome.BAD_YEAR
    # The 2016 order has no approval step, only submitting by 10 December of the year before.
    old = create_services(world.sessions, world.clock, profile="2016").duties
    assert (await old.mark_calendar(42, oblast, 2027, CalendarStep.APPROVE)).outcome is (
        MarkOutcome.NOT_APPLICABLE
    )
    shown = await old.open_duties(local(date(2026, 12, 1)))
    assert [(d.kind, d.year, d.due) for d in shown] == [
        (DutyKind.CALENDAR_SUBMIT, 2027, date(2026, 12, 10))
    ]
    assert old.source(shown[0]) == ("000", "6")


async def test_scope_officials_read_below_act_on_their_own(world: World) -> None:
    okrug = await world.official(5001, KARAAGASH)
    district = await world.official(5002, ZHANAARKA, "ru")
    other = await world.official(5004, ULYTAU_DISTRICT)
    oblast = await world.akimat(OBLAST)
    duties = world.services.duties

    scope = await duties.scope_of(5002)
    assert [a.id for a in scope.akimats] == [district, okrug]
    assert scope.acting == {district}
    assert not scope.is_admin
    assert [a.id for a in (await duties.scope_of(5001)).akimats] == [okrug]
    admin = await duties.scope_of(ADMIN_ID)
    assert admin.is_admin
    assert {a.id for a in admin.akimats} == {okrug, district, other, oblast}
    assert (await duties.scope_of(777)).akimats == ()

    await world.meeting(KARAAGASH, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    await world.meeting(ULYTAU_DISTRICT, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    _, lines = await duties.lines_for(5002, now=local(date(2027, 3, 12)))
    assert [(line.duty.akimat.id, line.can_act) for line in lines] == [(okrug, False)]
    _, lines = await duties.lines_for(5002, other, now=local(date(2027, 3, 12)))
    assert lines == []
    assert await duties.akimat_id_of(KARAAGASH) == okrug
    assert await duties.akimat_id_of("6236610") is None
    assert await duties.akimat_id_of("623661107") is None


async def test_texts_in_three_languages_carry_the_source(world: World) -> None:
    duties = world.services.duties
    translator = world.services.translator
    renderers = notice_renderers()
    plan_duty = duty(DutyKind.ACTION_PLAN, meeting_starts_at=local(date(2027, 3, 10), 15))
    law = DutySource(*duties.source(plan_duty))
    expected = {
        "kk": (
            f"Негізі: {DECREE_2022_KK}, 3.5-тармақ.",
            "мерзімі 2 күнге өтті",
        ),
        "ru": (
            f"Основание: {DECREE_2022_RU}, п. 3.5.",
            "просрочено на 2 дня",
        ),
        "en": (
            f"Source: {DECREE_2022_EN}, clause 3.5.",
            "overdue by 2 days",
        ),
    }
    for locale, (source_line, timing_line) in expected.items():
        rendered = renderers.rendered(
            DutyDue(plan_duty, date(2027, 3, 22), "overdue", date(2027, 3, 22), law),
            translator.bind(locale, TZ),
        )
        assert source_line in rendered.text
        assert timing_line in rendered.text
    t = translator.bind("ru", TZ)
    assert timing(t, plan_duty, date(2027, 3, 19)) == "остался 1 день"
    assert timing(t, plan_duty, date(2027, 3, 15)) == "осталось 5 дней"
    assert timing(t, plan_duty, date(2027, 3, 20)) == "сегодня последний день"
    escalation = DutyEscalated(plan_duty, date(2027, 3, 23), date(2027, 3, 23), law)
    assert "Караагашский с.о." in renderers.rendered(escalation, t).text


def test_deadlines_page_marks_and_filters(world: World) -> None:
    """Ten duties of two akimats: eight on the first page, a pager, one filter button per
    akimat; calendar marks name their akimat when the page shows several; what the person
    only reads is said so."""
    oblast = AkimatInfo(2, OBLAST, "Ұлытау облысы", "область Ұлытау", AkimLevel.OBLAST)
    lines = [
        DutyLine(duty(DutyKind.ACTION_PLAN, meeting_id=n, meeting_starts_at=local(DUE)), False)
        for n in range(1, 10)
    ]
    calendar = duty(DutyKind.CALENDAR_APPROVE, akimat=oblast, due=DUE + timedelta(30))
    lines.insert(0, DutyLine(calendar, can_act=True))
    scope = Scope((AKIMAT, oblast), acting=frozenset({2}), is_admin=False)
    t = world.services.translator.bind("en", TZ)

    text, keyboard = render_deadlines(t, world.services, scope, lines, 0, 0, DUE)
    assert text.startswith("🗓 <b>Deadlines</b> · all akimats")
    assert text.count("\n\n") == 9
    assert text.endswith("Page 1 of 2")
    assert text.count("👁 read only") == 7
    rows = [[(b.text, b.callback_data) for b in row] for row in keyboard.inline_keyboard]
    assert rows == [
        [
            (
                "✅ Calendar 2027 approved · область Ұлытау",
                CalendarMarkCb(akimat_id=2, year=2027, step=CalendarStep.APPROVE).pack(),
            )
        ],
        [("▶️", DeadlinesCb(page=1).pack())],
        [("🔎 область Ұлытау", DeadlinesCb(akimat_id=2).pack())],
        [("🔎 Караагашский с.о.", DeadlinesCb(akimat_id=1).pack())],
    ]

    text, keyboard = render_deadlines(t, world.services, scope, lines[1:], 1, 1, DUE)
    assert text.startswith("🗓 <b>Deadlines</b> · Караагашский с.о.")
    assert "9. " in text
    data = [[b.callback_data for b in row] for row in keyboard.inline_keyboard]
    assert data == [[DeadlinesCb(akimat_id=1).pack()], [DeadlinesCb().pack()]]
