"""The compliance clock over months of a ManualClock: which reminder goes out on which day, to
whom, how many times; catch-up after downtime, restarts and two instances at once.

Every scenario asserts the complete list of duty messages in the outbox, so a reminder too
many fails a test as surely as one too few. Localities are the shipped sample: Қараағаш a.o.
(rural okrug, 7 days to announce) inside Жаңаарқа district inside Ұлытау oblast.
"""

import asyncio
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, select

from handlers.callbacks import CalendarMarkCb, DeadlinesCb, ProgressAction, ProgressCb
from scheduler.runner import tick
from services.duties import JOB_NAME, CalendarStep
from storage.models import JobMark, MeetingStatus, Reception
from tests.law_names import DECREE_2022_KK, DECREE_2022_RU
from tests.scheduler.helpers import (
    ADMIN_ID,
    ASTANA,
    KARAAGASH,
    OBLAST,
    ULYTAU_DISTRICT,
    ZHANAARKA,
    Sent,
    World,
    create_services,
    duty_messages,
    local,
    payload_of,
)

OKRUG_OFFICIAL = 5001  # Қараағаш, reads Kazakh
DISTRICT_OFFICIAL = 5002  # Жаңаарқа, above Қараағаш, reads Russian
OBLAST_OFFICIAL = 5003  # Ұлытау oblast, above both
NEIGHBOUR_OFFICIAL = 5004  # Ұлытау district: not above Қараағаш
CAPITAL_OFFICIAL = 5005


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(n) for n in range((end - start).days + 1)]


def sent_to(messages: list[Sent], chat_id: int) -> list[tuple[str, date]]:
    return [(m.stage, m.day) for m in messages if m.chat_id == chat_id]


async def staff(world: World) -> None:
    await world.official(OKRUG_OFFICIAL, KARAAGASH, "kk")
    await world.official(DISTRICT_OFFICIAL, ZHANAARKA, "ru")
    await world.official(OBLAST_OFFICIAL, OBLAST, "en")
    await world.official(NEIGHBOUR_OFFICIAL, ULYTAU_DISTRICT, "kk")


# --- the action plan -----------------------------------------------------------------------------


async def test_action_plan_reminders_hour_by_hour_then_daily_until_published(world: World) -> None:
    """Held 10 March: due 20 March (seed 001, clause 3.5). Reminders on 17 March (meeting + 7),
    on the 20th, then every day; escalation on the 23rd (third overdue day) and weekly after,
    to the admin and the higher akimats only. The plan published on 9 April ends it all."""
    await staff(world)
    meeting = await world.meeting(KARAAGASH, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    world.clock.set(local(date(2027, 3, 10), 18))

    # Hour by hour for the first twelve days: the reminder goes out at 09:00, once a day.
    for _ in range(12 * 24):
        world.clock.advance(timedelta(hours=1))
        await world.tick()
    # Then one tick a day, mid-morning.
    await world.run_days(date(2027, 3, 23), date(2027, 4, 8))
    await world.publish_plan(meeting, local(date(2027, 4, 9), 8))
    await world.run_days(date(2027, 4, 9), date(2027, 5, 31))

    messages = await duty_messages(world.sessions)
    overdue = days(date(2027, 3, 21), date(2027, 4, 8))
    assert sent_to(messages, OKRUG_OFFICIAL) == [
        ("before", date(2027, 3, 17)),
        ("due", date(2027, 3, 20)),
        *[("overdue", day) for day in overdue],
    ]
    escalations = [date(2027, 3, 23), date(2027, 3, 30), date(2027, 4, 6)]
    for chat_id in (DISTRICT_OFFICIAL, OBLAST_OFFICIAL, ADMIN_ID):
        assert sent_to(messages, chat_id) == [("escalation", day) for day in escalations]
    assert sent_to(messages, NEIGHBOUR_OFFICIAL) == []
    assert len(messages) == 2 + len(overdue) + 3 * len(escalations)
    assert all(m.key.startswith(f"duty:plan:m{meeting}:") for m in messages)

    # The hour-by-hour days went out at 09:00 local; the daily ones when the tick came.
    by_day = {m.day: m for m in messages if m.chat_id == OKRUG_OFFICIAL}
    assert by_day[date(2027, 3, 17)].next_attempt_at == local(date(2027, 3, 17), 9)
    assert by_day[date(2027, 3, 20)].next_attempt_at == local(date(2027, 3, 20), 9)
    assert by_day[date(2027, 4, 1)].next_attempt_at == local(date(2027, 4, 1), 10)
    # Each in its reader's language: the admin has no user row, so the default (kk).
    assert {m.chat_id: m.locale for m in messages} == {
        OKRUG_OFFICIAL: "kk",
        DISTRICT_OFFICIAL: "ru",
        OBLAST_OFFICIAL: "en",
        ADMIN_ID: "kk",
    }


async def test_reminder_text_names_the_duty_the_day_and_the_clause(world: World) -> None:
    await staff(world)
    meeting = await world.meeting(KARAAGASH, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    await world.run_days(date(2027, 3, 17), date(2027, 3, 23))
    messages = await duty_messages(world.sessions)

    first = next(m for m in messages if m.day == date(2027, 3, 17))
    body = (await payload_of(world.sessions, first.key))["kk"]
    assert "Қараағаш а.о." in body["text"]
    assert "20 наурыз 2027" in body["text"]
    assert "3 күн қалды" in body["text"]
    assert f"Негізі: {DECREE_2022_KK}, 3.5-тармақ." in body["text"]
    okrug = await world.akimat(KARAAGASH)
    buttons = [row[0]["callback_data"] for row in body["reply_markup"]["inline_keyboard"]]
    # The last field, `fresh`: each opens a new message, the reminder stays as it was sent.
    assert buttons == [f"pl5:o:{meeting}:0:1", f"dl1:{okrug}:0:1"]

    escalation = next(m for m in messages if m.stage == "escalation" and m.chat_id == 5002)
    body = (await payload_of(world.sessions, escalation.key))["ru"]
    assert "Просрочено на 3 дня" in body["text"]
    assert "Караагашский с.о." in body["text"]
    assert f"Основание: {DECREE_2022_RU}, п. 3.5." in body["text"]
    # Those who oversee it get the meeting's card, not the plan's editor.
    buttons = [row[0]["callback_data"] for row in body["reply_markup"]["inline_keyboard"]]
    assert buttons == [f"lc2:o:{meeting}:1", f"dl1:{okrug}:0:1"]


async def test_receptions_after_the_meeting_move_the_plan_reminders(world: World) -> None:
    """The ten days count from the last personal reception after the meeting (clause 3.5); a
    reception recorded before the meeting does not move them."""
    await world.official(OKRUG_OFFICIAL, KARAAGASH)
    meeting = await world.meeting(KARAAGASH, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    async with world.sessions() as session:
        session.add(Reception(meeting_id=meeting, held_on=date(2027, 3, 9)))
        session.add(Reception(meeting_id=meeting, held_on=date(2027, 3, 15)))
        await session.commit()
    await world.run_days(date(2027, 3, 11), date(2027, 3, 27))
    assert sent_to(await duty_messages(world.sessions), OKRUG_OFFICIAL) == [
        ("before", date(2027, 3, 17)),
        ("due", date(2027, 3, 25)),
        ("overdue", date(2027, 3, 26)),
        ("overdue", date(2027, 3, 27)),
    ]


async def test_a_reception_recorded_ahead_counts_only_from_its_day(world: World) -> None:
    """Held 10 March 2027, with a reception recorded for 19 April: until that day it is only
    planned, so the plan is due 20 March and overdue from the 21st; on 19 April it has taken
    place and the plan is due 29 April (seed 001, clause 3.5). Every day the plan card shows
    the date the clock reminds of."""
    await staff(world)
    meeting = await world.meeting(KARAAGASH, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    async with world.sessions() as session:
        session.add(Reception(meeting_id=meeting, held_on=date(2027, 4, 19)))
        await session.commit()

    for day in days(date(2027, 3, 11), date(2027, 5, 1)):
        await world.tick(local(day))
        [duty] = await world.services.duties.open_duties()
        card = await world.services.plans.meeting(meeting)
        assert card is not None
        assert card.due_on == duty.due, day
        assert duty.due == (date(2027, 4, 29) if day >= date(2027, 4, 19) else date(2027, 3, 20))

    messages = await duty_messages(world.sessions)
    assert sent_to(messages, OKRUG_OFFICIAL) == [
        ("before", date(2027, 3, 17)),
        ("due", date(2027, 3, 20)),
        *[("overdue", day) for day in days(date(2027, 3, 21), date(2027, 4, 18))],
        ("due", date(2027, 4, 29)),
        ("overdue", date(2027, 4, 30)),
        ("overdue", date(2027, 5, 1)),
    ]
    escalations = [date(2027, 3, 23), date(2027, 3, 30), date(2027, 4, 6), date(2027, 4, 13)]
    assert sent_to(messages, ADMIN_ID) == [("escalation", day) for day in escalations]


# --- announcing --------------------------------------------------------------------------------


async def test_announcement_reminders_stop_once_announced(world: World) -> None:
    """A rural okrug announces 7 days ahead (seed 001, clause 3.4): a meeting on 20 May is due
    on 13 May, reminded on the 10th and the 13th; another one due the same day but announced
    after the first reminder gets no second. A district announces 14 days ahead."""
    await world.official(OKRUG_OFFICIAL, KARAAGASH)
    await world.official(DISTRICT_OFFICIAL, ZHANAARKA, "ru")
    late = await world.meeting(KARAAGASH, local(date(2027, 5, 20), 15), MeetingStatus.DRAFT)
    prompt = await world.meeting(KARAAGASH, local(date(2027, 5, 20), 11), MeetingStatus.DRAFT)
    # 1 June → due 18 May; never announced, and nothing is owed once its start has passed.
    district = await world.meeting(ZHANAARKA, local(date(2027, 6, 1), 11), MeetingStatus.DRAFT)

    await world.run_days(date(2027, 5, 1), date(2027, 5, 10))
    await world.set_status(prompt, MeetingStatus.ANNOUNCED)
    await world.run_days(date(2027, 5, 11), date(2027, 5, 13))
    await world.set_status(late, MeetingStatus.ANNOUNCED)
    await world.run_days(date(2027, 5, 14), date(2027, 6, 30))

    # Once held, the two announced meetings owe their plans: that is another duty.
    messages = [m for m in await duty_messages(world.sessions) if ":announce:" in m.key]
    assert [(m.key.split(":")[2], m.stage, m.day) for m in messages] == [
        (f"m{late}", "before", date(2027, 5, 10)),
        (f"m{prompt}", "before", date(2027, 5, 10)),
        (f"m{late}", "due", date(2027, 5, 13)),
        (f"m{district}", "before", date(2027, 5, 15)),
        (f"m{district}", "due", date(2027, 5, 18)),
        # Missed: told overdue and escalated, once (the oblast has no official here).
        (f"m{district}", "overdue", date(2027, 5, 19)),
        (f"m{district}", "escalation", date(2027, 5, 19)),
    ]
    assert [m.chat_id for m in messages] == [OKRUG_OFFICIAL] * 3 + [DISTRICT_OFFICIAL] * 3 + [
        ADMIN_ID
    ]


async def test_a_missed_announcement_is_escalated_once(world: World) -> None:
    """A draft of Қараағаш for 20 May is due to be announced by 13 May (seed 001, clause 3.4).
    Missed: on the 14th its officials are told it is overdue, and the admin and the officials
    of the district and the oblast above it are told once; nothing more until the meeting,
    however many days pass. A draft whose day is missed while the clock is down is escalated
    when it comes back, once."""
    await staff(world)
    missed = await world.meeting(KARAAGASH, local(date(2027, 5, 20), 11), MeetingStatus.DRAFT)
    await world.run_days(date(2027, 5, 1), date(2027, 5, 19))

    messages = [m for m in await duty_messages(world.sessions) if ":announce:" in m.key]
    assert sent_to(messages, OKRUG_OFFICIAL) == [
        ("before", date(2027, 5, 10)),
        ("due", date(2027, 5, 13)),
        ("overdue", date(2027, 5, 14)),
    ]
    for chat_id in (DISTRICT_OFFICIAL, OBLAST_OFFICIAL, ADMIN_ID):
        assert sent_to(messages, chat_id) == [("escalation", date(2027, 5, 14))]
    assert sent_to(messages, NEIGHBOUR_OFFICIAL) == []
    assert all(m.key.startswith(f"duty:announce:m{missed}:") for m in messages)
    escalation = next(m for m in messages if m.chat_id == DISTRICT_OFFICIAL)
    text = (await payload_of(world.sessions, escalation.key))["ru"]["text"]
    assert "Просрочено на 1 день" in text

    # Down from the 2nd to the 10th of June: the day after the last day (the 3rd) is caught up.
    late = await world.meeting(KARAAGASH, local(date(2027, 6, 9), 11), MeetingStatus.DRAFT)
    await world.tick(local(date(2027, 6, 1), 10))
    before = len(await duty_messages(world.sessions))
    await world.tick(local(date(2027, 6, 5), 10))
    await world.run_days(date(2027, 6, 6), date(2027, 6, 8))
    caught_up = [
        m
        for m in (await duty_messages(world.sessions))[before:]
        if m.key.startswith(f"duty:announce:m{late}:")
    ]
    assert sent_to(caught_up, OKRUG_OFFICIAL) == [("overdue", date(2027, 6, 3))]
    for chat_id in (DISTRICT_OFFICIAL, OBLAST_OFFICIAL, ADMIN_ID):
        assert sent_to(caught_up, chat_id) == [("escalation", date(2027, 6, 3))]


async def test_a_missed_calendar_step_is_escalated_once(world: World) -> None:
    """The oblast neither approves its calendar by 15 January nor submits it by the 20th
    (seed 001, clauses 2.1 and 2.2): each step is told overdue to its officials and escalated
    to the admin once, the day after its last day; the calendar levels only (a district keeps
    no calendar, so nothing is owed by it or escalated about it)."""
    await world.official(OBLAST_OFFICIAL, OBLAST, "en")
    await world.official(DISTRICT_OFFICIAL, ZHANAARKA, "ru")
    await world.run_days(date(2027, 1, 1), date(2027, 2, 28))

    messages = await duty_messages(world.sessions)

    def steps(chat_id: int) -> list[tuple[str, str, date]]:
        return [(m.key.split(":")[1], m.stage, m.day) for m in messages if m.chat_id == chat_id]

    assert steps(OBLAST_OFFICIAL) == [
        ("calendar_approve", "before", date(2027, 1, 10)),
        ("calendar_approve", "due", date(2027, 1, 15)),
        ("calendar_submit", "before", date(2027, 1, 15)),
        ("calendar_approve", "overdue", date(2027, 1, 16)),
        ("calendar_submit", "due", date(2027, 1, 20)),
        ("calendar_submit", "overdue", date(2027, 1, 21)),
    ]
    assert steps(ADMIN_ID) == [
        ("calendar_approve", "escalation", date(2027, 1, 16)),
        ("calendar_submit", "escalation", date(2027, 1, 21)),
    ]
    assert steps(DISTRICT_OFFICIAL) == []
    body = (await payload_of(world.sessions, messages[-1].key))["kk"]
    assert "2027 жылға" in body["text"]
    assert f"Негізі: {DECREE_2022_KK}, 2.2-тармақ." in body["text"]


# --- quarterly progress --------------------------------------------------------------------------


async def test_quarterly_progress_over_a_year(world: World) -> None:
    """A plan published on 15 February 2027: Q1 reported on time (one reminder, 20 April), Q2
    four days late (20 and 25 July, three overdue days, escalation on the 28th), Q3 reported
    with every item done before any reminder, so nothing more is owed for a year."""
    await world.official(OKRUG_OFFICIAL, KARAAGASH)
    await world.official(DISTRICT_OFFICIAL, ZHANAARKA, "ru")
    meeting = await world.meeting(KARAAGASH, local(date(2027, 2, 1), 15), MeetingStatus.CLOSED)
    plan = await world.publish_plan(meeting, local(date(2027, 2, 15), 9))

    await world.run_days(date(2027, 2, 15), date(2027, 4, 23))
    await world.publish_progress(plan, 2027, 1, local(date(2027, 4, 24), 12))
    await world.run_days(date(2027, 4, 24), date(2027, 7, 28))
    await world.publish_progress(plan, 2027, 2, local(date(2027, 7, 29), 8))
    await world.run_days(date(2027, 7, 29), date(2027, 10, 19))
    await world.publish_progress(plan, 2027, 3, local(date(2027, 10, 20), 8), all_done=True)
    await world.run_days(date(2027, 10, 20), date(2028, 2, 15))

    messages = await duty_messages(world.sessions)
    own = [m for m in messages if m.chat_id == OKRUG_OFFICIAL]
    assert [(m.key.split(":")[2], m.stage, m.day) for m in own] == [
        (f"p{plan}", "before", date(2027, 4, 20)),
        (f"p{plan}", "before", date(2027, 7, 20)),
        (f"p{plan}", "due", date(2027, 7, 25)),
        (f"p{plan}", "overdue", date(2027, 7, 26)),
        (f"p{plan}", "overdue", date(2027, 7, 27)),
        (f"p{plan}", "overdue", date(2027, 7, 28)),
    ]
    assert [m.key.split(":")[3] for m in own] == ["2027q1"] + ["2027q2"] * 5
    escalation = ("escalation", date(2027, 7, 28))
    assert sent_to(messages, DISTRICT_OFFICIAL) == sent_to(messages, ADMIN_ID) == [escalation]
    assert len(messages) == len(own) + 2
    body = (await payload_of(world.sessions, own[2].key))["kk"]
    assert "2027 жылғы 2-тоқсандағы шешу барысын жариялау" in body["text"]
    assert "25 шілде 2027" in body["text"]
    buttons = [row[0]["callback_data"] for row in body["reply_markup"]["inline_keyboard"]]
    # `fresh`: each opens its screen as a new message, the reminder stays as it was.
    report = ProgressCb(action=ProgressAction.OPEN, meeting_id=meeting, value=20272, fresh=True)
    deadlines = DeadlinesCb(akimat_id=await world.akimat(KARAAGASH), fresh=True)
    assert buttons == [report.pack(), deadlines.pack()]
    assert await world.services.duties.open_duties(local(date(2028, 2, 15))) == []


# --- the annual calendar -------------------------------------------------------------------------


async def test_annual_calendar_for_oblasts_and_the_capital(world: World) -> None:
    """Approve by 15 January, submit by 20 January (seed 001, clauses 2.1, 2.2): reminders 5
    days before and on the day, to oblasts and the capital only, and once the day after a
    missed step (services/duties.py; the admins get the escalation). The capital
    marks its approval on the 12th, which stops that step's reminders; every year comes round
    again."""
    await world.official(OBLAST_OFFICIAL, OBLAST, "ru")
    capital = await world.official(CAPITAL_OFFICIAL, ASTANA, "kk")
    await world.official(DISTRICT_OFFICIAL, ZHANAARKA, "ru")

    await world.run_days(date(2026, 12, 1), date(2027, 1, 11))
    world.clock.set(local(date(2027, 1, 12), 12))
    await world.services.duties.mark_calendar(
        CAPITAL_OFFICIAL, capital, 2027, CalendarStep.APPROVE
    )
    await world.run_days(date(2027, 1, 12), date(2028, 1, 31))

    messages = await duty_messages(world.sessions)
    year_2027 = [
        ("calendar_approve", "before", date(2027, 1, 10)),
        ("calendar_approve", "due", date(2027, 1, 15)),
        ("calendar_submit", "before", date(2027, 1, 15)),
        # Missed steps are told overdue once, the day after (and escalated, below).
        ("calendar_approve", "overdue", date(2027, 1, 16)),
        ("calendar_submit", "due", date(2027, 1, 20)),
        ("calendar_submit", "overdue", date(2027, 1, 21)),
    ]
    year_2028 = [(kind, stage, day.replace(year=2028)) for kind, stage, day in year_2027]

    def calendar(chat_id: int) -> list[tuple[str, str, date]]:
        return [(m.key.split(":")[1], m.stage, m.day) for m in messages if m.chat_id == chat_id]

    # The capital approved on the 12th: neither that step's due day nor its overdue one.
    capital_2027 = [year_2027[0], year_2027[2], *year_2027[4:]]
    assert calendar(OBLAST_OFFICIAL) == year_2027 + year_2028
    assert calendar(CAPITAL_OFFICIAL) == capital_2027 + year_2028
    assert calendar(DISTRICT_OFFICIAL) == []
    assert all(m.key.split(":")[3] in {"2027", "2028"} for m in messages)
    assert {m.chat_id for m in messages} == {OBLAST_OFFICIAL, CAPITAL_OFFICIAL, ADMIN_ID}
    # The admin hears of each missed step of each akimat once.
    escalated = sorted(
        (m.key.split(":")[1], m.key.split(":")[2], m.day)
        for m in messages
        if m.chat_id == ADMIN_ID
    )
    assert len(escalated) == 7
    first = next(m for m in messages if m.chat_id == CAPITAL_OFFICIAL)
    body = (await payload_of(world.sessions, first.key))["kk"]
    assert "2027 жылға арналған кездесулердің жылдық күнтізбесін" in body["text"]
    assert f"Негізі: {DECREE_2022_KK}, 2.1-тармақ." in body["text"]
    buttons = [row[0]["callback_data"] for row in body["reply_markup"]["inline_keyboard"]]
    mark = CalendarMarkCb(akimat_id=capital, year=2027, step=CalendarStep.APPROVE, fresh=True)
    assert buttons == [mark.pack(), DeadlinesCb(akimat_id=capital, fresh=True).pack()]


# --- downtime, restarts, two instances -----------------------------------------------------------


async def test_catch_up_after_the_scheduler_was_down(world: World) -> None:
    """Down from 18 March 10:00 to 24 March 12:00: of the missed days (20th due, 21st–24th
    overdue, 23rd escalation) only the latest reminder and the latest escalation go out, once,
    worded for the day they are sent. The next tick sends nothing; the next day goes on."""
    await staff(world)
    await world.meeting(KARAAGASH, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    await world.run_days(date(2027, 3, 11), date(2027, 3, 18))
    before = await duty_messages(world.sessions)
    assert sent_to(before, OKRUG_OFFICIAL) == [("before", date(2027, 3, 17))]

    report = await world.tick(local(date(2027, 3, 24), 12))
    await world.tick(local(date(2027, 3, 24), 13))
    caught_up = (await duty_messages(world.sessions))[len(before) :]
    assert sent_to(caught_up, OKRUG_OFFICIAL) == [("overdue", date(2027, 3, 24))]
    for chat_id in (DISTRICT_OFFICIAL, OBLAST_OFFICIAL, ADMIN_ID):
        assert sent_to(caught_up, chat_id) == [("escalation", date(2027, 3, 23))]
    assert len(caught_up) == 4
    assert all(m.next_attempt_at == local(date(2027, 3, 24), 12) for m in caught_up)
    assert "compliance" in report.ran
    text = (await payload_of(world.sessions, caught_up[0].key))["kk"]["text"]
    assert "мерзімі 4 күнге өтті" in text

    await world.run_days(date(2027, 3, 25), date(2027, 3, 25))
    latest = (await duty_messages(world.sessions))[len(before) + 4 :]
    assert sent_to(latest, OKRUG_OFFICIAL) == [("overdue", date(2027, 3, 25))]
    assert len(latest) == 1


async def test_a_day_of_downtime_skips_nothing_and_repeats_nothing(world: World) -> None:
    """Ticks every hour, then none for 24 hours across a 09:00, then every hour again: the
    missed day's reminder comes with the first tick back, and each day's goes out once."""
    await world.official(OKRUG_OFFICIAL, KARAAGASH)
    await world.meeting(KARAAGASH, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    world.clock.set(local(date(2027, 3, 19), 10))
    for _ in range(24):
        world.clock.advance(timedelta(hours=1))
        await world.tick()
    world.clock.advance(timedelta(hours=24))
    for _ in range(24):
        world.clock.advance(timedelta(hours=1))
        await world.tick()
    messages = await duty_messages(world.sessions)
    assert [(m.stage, m.day, m.next_attempt_at) for m in messages] == [
        ("due", date(2027, 3, 20), local(date(2027, 3, 20), 9)),
        ("overdue", date(2027, 3, 21), local(date(2027, 3, 21), 11)),
        ("overdue", date(2027, 3, 22), local(date(2027, 3, 22), 9)),
    ]


async def test_a_restart_repeats_nothing_even_without_the_job_mark(world: World) -> None:
    await world.official(OKRUG_OFFICIAL, KARAAGASH)
    await world.meeting(KARAAGASH, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    await world.run_days(date(2027, 3, 17), date(2027, 3, 20))
    sent = await duty_messages(world.sessions)
    assert len(sent) == 2

    # A new process: new services, the same database, the same moment and a later one.
    restarted = create_services(world.sessions, world.clock)
    await tick(restarted, world.clock.now())
    world.clock.advance(timedelta(hours=3))
    await tick(restarted, world.clock.now())
    # Even with the mark lost, today's reminder has its key already: nothing twice.
    async with world.sessions() as session:
        await session.execute(delete(JobMark).where(JobMark.name == JOB_NAME))
        await session.commit()
    await tick(create_services(world.sessions, world.clock), world.clock.now())
    assert await duty_messages(world.sessions) == sent
    async with world.sessions() as session:
        covered = await session.scalar(
            select(JobMark.covered_until).where(JobMark.name == JOB_NAME)
        )
    assert covered == world.clock.now()


async def test_two_instances_at_once_send_each_reminder_once(world: World) -> None:
    """Two processes tick the same moment concurrently (their own services, connections and
    transactions): one enqueues, the other waits on the job mark and finds nothing left."""
    await staff(world)
    for hour in (12, 14, 15):
        await world.meeting(KARAAGASH, local(date(2027, 3, 10), hour), MeetingStatus.HELD)
    await world.meeting(ZHANAARKA, local(date(2027, 3, 4), 11), MeetingStatus.HELD)
    world.clock.set(local(date(2027, 3, 10), 18))
    first = create_services(world.sessions, world.clock)
    second = create_services(world.sessions, world.clock)
    for day in days(date(2027, 3, 11), date(2027, 3, 31)):
        world.clock.set(local(day, 10))
        reports = await asyncio.gather(
            tick(first, world.clock.now()), tick(second, world.clock.now())
        )
        assert [report.failed for report in reports] == [[], []]

    messages = await duty_messages(world.sessions)
    keys = [m.key for m in messages]
    assert len(keys) == len(set(keys))
    # The okrug's three meetings, each reminded on the 17th, 20th and every day after.
    okrug = [m for m in messages if m.chat_id == OKRUG_OFFICIAL]
    assert len(okrug) == 3 * (2 + len(days(date(2027, 3, 21), date(2027, 3, 31))))


@pytest.mark.parametrize("profile", ["2013"])
async def test_a_profile_without_the_rules_owes_nothing(world: World, profile: str) -> None:
    """The 2013 decree states no lead times, plan or calendar deadlines (RuleNotInProfile):
    the clock stays silent rather than invent them."""
    world.services = create_services(world.sessions, world.clock, profile=profile)
    await staff(world)
    await world.official(CAPITAL_OFFICIAL, ASTANA)
    meeting = await world.meeting(KARAAGASH, local(date(2027, 3, 10), 15), MeetingStatus.HELD)
    await world.meeting(KARAAGASH, local(date(2027, 3, 30), 15), MeetingStatus.DRAFT)
    await world.publish_plan(meeting, local(date(2027, 3, 12), 9))
    await world.run_days(date(2026, 12, 30), date(2027, 8, 1))
    assert await duty_messages(world.sessions) == []
