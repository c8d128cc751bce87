"""/deadlines end to end, in Kazakh and Russian: each official sees their akimat's duties (and
those of the akimats below, read only) with the seed and clause; the calendar is marked with
two taps; citizens and other akimats' officials get nothing of it. The buttons under a reminder
open their screens as new messages: the reminder stays in the chat as it was sent.

The clock stands at Monday 23 November 2026, 09:00 in Almaty (tests/e2e/harness.py).
"""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from handlers.acts import act_name
from handlers.callbacks import CalendarMarkCb, DeadlinesCb
from handlers.official.meetings import dossier_text
from sandbox.client import BotMessage, ChatSession
from scheduler.runner import tick
from services.duties import CalendarStep
from storage.models import AuditEntry, Meeting, MeetingStatus
from tests.builders import a_draft, an_akimat, an_official
from tests.e2e.harness import ADMIN_ID, ALMATY, BotWorld
from tests.e2e.test_admin import plain
from tests.law_names import DECREE_2022_KK, DECREE_2022_RU

pytestmark = pytest.mark.asyncio

OBLAST = "620000000"
ZHANAARKA = "623600000"
KARAAGASH = "623661000"

OKRUG_OFFICIAL = 3101
DISTRICT_OFFICIAL = 3102
OBLAST_OFFICIAL = 3103
CITIZEN = 3109

# What each language shows; the clause lines are the law's, typed out on purpose.
EXPECTED = {
    "kk": {
        "announce": "📢 5 желтоқсан 2026, 15:00 кездесуі туралы хабарландыру жариялау",
        "announce_when": "Қараағаш а.о. · мерзімі 28 қараша 2026 · 5 күн қалды",
        "announce_source": f"Негізі: {DECREE_2022_KK}, 3.4-тармақ.",
        "plan": (
            "📝 16 қараша 2026, 11:00 кездесуінің қорытындыларын және іс-қимыл жоспарын жариялау"
        ),
        "plan_when": "Жаңаарқа ауданы · мерзімі 26 қараша 2026 · 3 күн қалды",
        "plan_source": f"Негізі: {DECREE_2022_KK}, 3.5-тармақ.",
        "read_only": "👁 тек қарау",
        "okrug": "Қараағаш а.о.",
    },
    "ru": {
        "announce": "📢 Объявить встречу 5 декабря 2026, 15:00",
        "announce_when": "Караагашский с.о. · срок 28 ноября 2026 · осталось 5 дней",
        "announce_source": f"Основание: {DECREE_2022_RU}, п. 3.4.",
        "plan": "📝 Опубликовать итоги и план действий по встрече 16 ноября 2026, 11:00",
        "plan_when": "Жанааркинский район · срок 26 ноября 2026 · осталось 3 дня",
        "plan_source": f"Основание: {DECREE_2022_RU}, п. 3.5.",
        "read_only": "👁 только просмотр",
        "okrug": "Караагашский с.о.",
    },
}


async def akimat_of(world: BotWorld, code: str) -> int:
    return await an_akimat(world.app.session_factory, code)


async def official(
    world: BotWorld, user_id: int, code: str, locale: str
) -> tuple[ChatSession, int]:
    """A person who has been through /start, made an official of the akimat of ``code``."""
    chat = await world.citizen(user_id, locale)
    return chat, await an_official(world.app.session_factory, user_id, akimat=code)


async def duties_of_the_week(world: BotWorld) -> None:
    """A draft of the okrug on 5 December (to announce by 28 November, seed 001, clause 3.4)
    and a district meeting held on 16 November (its plan due 26 November, clause 3.5)."""
    await a_draft(
        world.services.meetings,
        host=KARAAGASH,
        starts_at=datetime(2026, 12, 5, 15, 0, tzinfo=ALMATY),
        created_by=ADMIN_ID,
    )
    held = datetime(2026, 11, 16, 11, 0, tzinfo=ALMATY).astimezone(UTC)
    district = await akimat_of(world, ZHANAARKA)
    async with world.app.session_factory() as session:
        session.add(
            Meeting(
                host_akimat_id=district,
                venue_code=ZHANAARKA,
                audience_code=ZHANAARKA,
                starts_at=held,
                ends_at=held + timedelta(hours=2),
                place="Аудандық мәдениет үйі",
                status=MeetingStatus.HELD,
                questions_cutoff=held - timedelta(days=1),
                announced_at=held - timedelta(days=20),
                held_at=held + timedelta(hours=2),
            )
        )
        await session.commit()


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_officials_see_their_duties_with_the_clauses(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    expected = EXPECTED[locale]
    okrug_chat, _ = await official(world, OKRUG_OFFICIAL, KARAAGASH, locale)
    district_chat, district_id = await official(world, DISTRICT_OFFICIAL, ZHANAARKA, locale)
    await duties_of_the_week(world)

    # The okrug's official: their own announcement only, with its clause.
    [answer] = await okrug_chat.say("/deadlines")
    lines = answer.content.split("\n")
    assert lines[0] == plain(t("deadlines-title", scope=expected["okrug"]))
    assert lines[2:5] == [
        "1. " + expected["announce"],
        expected["announce_when"],
        expected["announce_source"],
    ]
    assert expected["plan"] not in answer.content
    assert answer.buttons == []

    # The district's official: their plan first (due sooner), then the okrug's announcement,
    # which they may read but not act on.
    [answer] = await district_chat.say("/deadlines")
    lines = answer.content.split("\n")
    assert lines[0] == plain(t("deadlines-title", scope=t("deadlines-scope-all")))
    assert lines[2:] == [
        "1. " + expected["plan"],
        expected["plan_when"],
        expected["plan_source"],
        "",
        "2. " + expected["announce"],
        expected["announce_when"] + " · " + expected["read_only"],
        expected["announce_source"],
    ]
    # One akimat at a time, by a button.
    await district_chat.press(answer, t("deadlines-filter-button", akimat=expected["okrug"]))
    shown = district_chat.last
    assert shown.content.split("\n")[0] == plain(t("deadlines-title", scope=expected["okrug"]))
    assert expected["plan"] not in shown.content
    assert expected["announce"] in shown.content
    await district_chat.press(shown, t("deadlines-all-button"))
    assert expected["plan"] in district_chat.last.content

    # A button for the district forged by the okrug's official: refused and recorded.
    forged = DeadlinesCb(akimat_id=district_id).pack()
    await world.client.press(OKRUG_OFFICIAL, answer.message_id, forged)
    await okrug_chat.collect("a forged button")
    assert okrug_chat.callback_answers[-1]["text"] == t("access-denied")
    [denied] = await okrug_chat.say(f"/deadlines {ZHANAARKA}")
    assert denied.content == t("access-denied")
    [unknown] = await okrug_chat.say("/deadlines 999999999")
    assert unknown.content == t("deadlines-unknown-akimat", code="999999999")
    async with world.app.session_factory() as session:
        refusals = (
            await session.scalars(select(AuditEntry).where(AuditEntry.allowed.is_(False)))
        ).all()
    assert [(entry.actor_id, entry.action) for entry in refusals] == [
        (OKRUG_OFFICIAL, "deadlines.view"),
        (OKRUG_OFFICIAL, "deadlines.view"),
    ]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_marking_the_annual_calendar(world: BotWorld, locale: str) -> None:
    """The oblast approves by 15 January and submits by 20 January (seed 001, clauses 2.1 and
    2.2); both show 60 days ahead. Marking the approval takes two taps and ends that duty."""
    t = world.text(locale)
    chat, oblast_id = await official(world, OBLAST_OFFICIAL, OBLAST, locale)
    district, _ = await official(world, DISTRICT_OFFICIAL, ZHANAARKA, locale)

    [answer] = await chat.say("/deadlines")
    approve = plain(t("deadlines-kind-calendar_approve", year="2027"))
    submit = plain(t("deadlines-kind-calendar_submit", year="2027"))
    assert "1. " + approve in answer.content
    assert "2. " + submit in answer.content
    assert plain(t("deadlines-source", act=act_name(t, "001"), clause="2.1")) in answer.content
    assert plain(t("deadlines-source", act=act_name(t, "001"), clause="2.2")) in answer.content
    assert plain(t("deadlines-left", days=53)) in answer.content

    await chat.press(answer, t("deadlines-mark-approve-button", year="2027"))
    assert chat.last.content == plain(
        t(
            "deadlines-mark-confirm-approve",
            year="2027",
            akimat="Ұлытау облысы" if locale == "kk" else "область Ұлытау",
        )
    )
    await chat.press(chat.last, t("deadlines-mark-yes"))
    done = chat.last.content
    assert done.startswith(plain(t("deadlines-marked")))
    assert approve not in done
    assert "1. " + submit in done

    async with world.app.session_factory() as session:
        marks = (
            await session.scalars(
                select(AuditEntry).where(AuditEntry.action == "calendar.approved")
            )
        ).all()
    assert [(m.actor_id, m.akimat_id, m.target, m.allowed) for m in marks] == [
        (OBLAST_OFFICIAL, oblast_id, "2027", True)
    ]

    # The district's official may not mark the oblast's calendar, even with a forged button.
    [own] = await district.say("/deadlines")
    assert own.content.split("\n")[2] == plain(t("deadlines-none"))
    forged = CalendarMarkCb(
        akimat_id=oblast_id, year=2027, step=CalendarStep.SUBMIT, confirm=True
    ).pack()
    await world.client.press(DISTRICT_OFFICIAL, own.message_id, forged)
    await district.collect("a forged button")
    assert district.callback_answers[-1]["text"] == t("access-denied")
    async with world.app.session_factory() as session:
        submitted = await session.scalar(
            select(AuditEntry.id).where(AuditEntry.action == "calendar.submitted")
        )
    assert submitted is None


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_citizens_get_nothing_of_it(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    await duties_of_the_week(world)
    chat = await world.citizen(CITIZEN, locale)
    [answer] = await chat.say("/deadlines")
    assert answer.content.startswith(
        t("staff-command-not-staff", command="deadlines", commands="").strip()
    )
    await world.client.press(CITIZEN, answer.message_id, DeadlinesCb().pack())
    await chat.collect("a button of officials")
    assert chat.callback_answers[-1]["text"] == t("outsider-staff-button")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_reminders_reach_the_official_and_catch_up_after_a_day_down(
    world: BotWorld, locale: str
) -> None:
    """The district's meeting of 16 November owes its plan by 26 November. The clock's first
    run (Monday 09:00) reminds of it, 7 days after the meeting; then the scheduler is down
    from Thursday 08:00 to Friday 10:00, missing the due day: the first tick back sends one
    reminder, "overdue by 1 day", and the next tick nothing."""
    t = world.text(locale)
    chat, _ = await official(world, DISTRICT_OFFICIAL, ZHANAARKA, locale)
    await duties_of_the_week(world)

    await tick_at(world, datetime(2026, 11, 23, 9, 0, tzinfo=ALMATY))
    first = await received(chat, "the first reminder")
    assert plain(t("deadlines-left", days=3)) in first.content
    assert EXPECTED[locale]["plan_source"] in first.content
    assert [button.text for button in first.buttons] == [
        t("deadlines-plan-button"),
        t("deadlines-open-button"),
    ]

    await tick_at(world, datetime(2026, 11, 26, 8, 0, tzinfo=ALMATY))
    await tick_at(world, datetime(2026, 11, 27, 10, 0, tzinfo=ALMATY))
    caught_up = await received(chat, "the catch-up")
    assert plain(t("deadlines-overdue", days=1)) in caught_up.content
    await tick_at(world, datetime(2026, 11, 27, 11, 0, tzinfo=ALMATY))
    assert await chat.client.events(chat.chat_id, chat.seq, everything=True) == []

    # The button under it opens the akimat's deadlines.
    listing = await opens_anew(chat, caught_up, t("deadlines-open-button"))
    assert EXPECTED[locale]["plan"] in listing.content


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_reminder_stays_as_sent_when_its_buttons_are_pressed(
    world: BotWorld, locale: str
) -> None:
    """The plan reminder's buttons open the plan and the deadlines as new messages, and the
    reminder keeps its due date and clause; the plan's own buttons then change the plan's
    message. Three days overdue, the oblast's official gets the escalation, whose button opens
    the meeting's card as a new message too (and, the same day, the escalation of the okrug's
    missed announcement)."""
    t = world.text(locale)
    district, _ = await official(world, DISTRICT_OFFICIAL, ZHANAARKA, locale)
    oblast, _ = await official(world, OBLAST_OFFICIAL, OBLAST, locale)
    await duties_of_the_week(world)

    await tick_at(world, datetime(2026, 11, 23, 9, 0, tzinfo=ALMATY))
    reminder = await received(district, "the plan reminder")
    assert EXPECTED[locale]["plan_source"] in reminder.content
    screen = await opens_anew(district, reminder, t("deadlines-plan-button"))
    assert plain(t("plan-summary-missing")) in screen.content
    events = await district.press(screen, t("plan-list-button"))
    assert [(e.type, e.message_id) for e in events if e.message_id is not None] == [
        ("edited", screen.message_id)
    ]
    assert district.messages[reminder.message_id] == reminder
    listing = await opens_anew(district, reminder, t("deadlines-open-button"))
    assert EXPECTED[locale]["plan"] in listing.content

    await tick_at(world, datetime(2026, 11, 29, 9, 0, tzinfo=ALMATY))
    events = await oblast.collect("the escalations")
    sent = [e.message for e in events if e.type == "sent" and e.message is not None]
    # The same morning the okrug's draft, not announced by 28 November, is escalated too.
    assert len(sent) == 2
    [escalation] = [m for m in sent if EXPECTED[locale]["plan"] in m.content]
    assert any(EXPECTED[locale]["announce"] in m.content for m in sent)
    assert EXPECTED[locale]["plan_source"] in escalation.content
    assert [button.text for button in escalation.buttons] == [
        t("deadlines-meeting-button"),
        t("deadlines-open-button"),
    ]
    card = await opens_anew(oblast, escalation, t("deadlines-meeting-button"))
    async with world.app.session_factory() as session:
        meeting_id = await session.scalar(select(Meeting.id).where(Meeting.held_at.is_not(None)))
    assert meeting_id is not None
    dossier = await world.services.lifecycle.dossier(meeting_id, OBLAST_OFFICIAL)
    assert card.content == plain(dossier_text(dossier, t, world.services))


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_marking_the_calendar_from_its_reminder(world: BotWorld, locale: str) -> None:
    """Five days before 15 January (seed 001, clause 2.1) the oblast is reminded to approve its
    calendar; the reminder's button asks in a new message, whose "yes" records the approval
    there. The reminder stays as it was sent."""
    t = world.text(locale)
    chat, _ = await official(world, OBLAST_OFFICIAL, OBLAST, locale)
    await tick_at(world, datetime(2027, 1, 10, 9, 0, tzinfo=ALMATY))
    reminder = await received(chat, "the calendar reminder")
    assert plain(t("deadlines-source", act=act_name(t, "001"), clause="2.1")) in reminder.content
    question = await opens_anew(chat, reminder, t("deadlines-mark-approve-button", year="2027"))
    assert question.content == plain(
        t(
            "deadlines-mark-confirm-approve",
            year="2027",
            akimat="Ұлытау облысы" if locale == "kk" else "область Ұлытау",
        )
    )
    await chat.press(question, t("deadlines-mark-yes"))
    done = chat.messages[question.message_id].content
    assert done.startswith(plain(t("deadlines-marked")))
    assert plain(t("deadlines-kind-calendar_approve", year="2027")) not in done
    assert chat.messages[reminder.message_id] == reminder


async def tick_at(world: BotWorld, moment: datetime) -> None:
    """The scheduler's tick at ``moment``, then the one sender delivers."""
    world.clock.set(moment)
    report = await tick(world.services, moment)
    assert report.failed == []
    await world.sender.drain()


async def received(chat: ChatSession, what: str) -> BotMessage:
    events = await chat.collect(what)
    sent = [e.message for e in events if e.type == "sent" and e.message is not None]
    assert len(sent) == 1, [m.content[:60] for m in sent]
    return sent[0]


async def opens_anew(chat: ChatSession, notice: BotMessage, label: str) -> BotMessage:
    """Press ``label`` under a notice: what it opens is one new message (returned), and the
    notice is neither edited nor deleted, so it reads exactly as it was sent."""
    events = await chat.press(notice, label)
    assert [str(e) for e in events if e.message_id == notice.message_id] == []
    sent = [e.message for e in events if e.type == "sent" and e.message is not None]
    assert len(sent) == 1, [str(e) for e in events]
    assert chat.messages[notice.message_id] == notice
    return sent[0]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_missed_announcement_reaches_the_district_once(
    world: BotWorld, locale: str
) -> None:
    """The okrug's meeting of 5 December had to be announced by 28 November (seed 001, clause
    3.4). Nobody did: on the 29th the okrug's official is told it is overdue and the district's
    official, who oversees the okrug, is told once, with the meeting's card a tap away; the
    days after bring nothing more."""
    t = world.text(locale)
    okrug_chat, _ = await official(world, OKRUG_OFFICIAL, KARAAGASH, locale)
    district_chat, _ = await official(world, DISTRICT_OFFICIAL, ZHANAARKA, locale)
    draft = await a_draft(
        world.services.meetings,
        host=KARAAGASH,
        starts_at=datetime(2026, 12, 5, 15, 0, tzinfo=ALMATY),
        created_by=ADMIN_ID,
    )

    await tick_at(world, datetime(2026, 11, 28, 9, 0, tzinfo=ALMATY))
    due = await received(okrug_chat, "the last day's reminder")
    assert plain(t("deadlines-today")) in due.content
    await tick_at(world, datetime(2026, 11, 29, 9, 0, tzinfo=ALMATY))
    overdue = await received(okrug_chat, "the overdue reminder")
    assert plain(t("deadlines-overdue", days=1)) in overdue.content
    escalation = await received(district_chat, "the escalation")
    assert EXPECTED[locale]["announce"] in escalation.content
    assert EXPECTED[locale]["okrug"] in escalation.content
    assert EXPECTED[locale]["announce_source"] in escalation.content
    header = t("deadlines-escalation", days=1, akimat="", duty="", due="", source="")
    assert plain(header).split("\n")[0].rstrip(" ·") in plain(escalation.content)
    card = await opens_anew(district_chat, escalation, t("deadlines-meeting-button"))
    assert f"{draft.id}" in card.content

    for day in (30, 1):
        month = 11 if day == 30 else 12
        await tick_at(world, datetime(2026, month, day, 9, 0, tzinfo=ALMATY))
    # 1 December is 30 days before the quarter's end: the okrug's coverage warning (a duty of
    # its own, services/coverage.py) may come; nothing more of the announcement.
    coverage = plain(t("coverage-warning", akimat="", period="", days=30, count=0, units=""))
    coverage_title = coverage.split("·")[0].strip()
    for chat in (okrug_chat, district_chat):
        later = await chat.client.events(chat.chat_id, chat.seq, everything=True)
        assert [
            e for e in later if e.message is None or coverage_title not in e.message.content
        ] == []
