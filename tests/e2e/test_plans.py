"""Action plans and quarterly progress end to end, in Kazakh and Russian.

A held meeting → the host akimat's official writes the results and a two-item plan in chat,
linking a citizen's question (picked from the accepted ones, and typed by number) → publishes →
the question's author reads "your question … is item N, due …", a supporter and a subscriber
their versions → two quarterly reports a quarter apart → a citizen opens the plan from the
meeting's card and /plans, and reads its history. Then the XLSX path: the template in the
official's language, files with errors refused row by row with nothing saved, a good one taken.
An official of another akimat is refused and audited.
"""

import html
import io
import re
import warnings
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, select

from handlers.acts import act_name
from handlers.callbacks import PlanEditAction, PlanEditCb, ProgressAction, ProgressCb
from handlers.citizen.plans import day_text, quarter_text
from handlers.names import locality_name
from handlers.official.plans import parse_local_date
from locales import Text
from sandbox.client import BotMessage, ChatSession
from services.plan_xlsx import HEADER_KEYS, MAX_FILE_BYTES
from services.plans import ItemDraft, Quarter
from storage.models import (
    AuditEntry,
    Meeting,
    MeetingStatus,
    PlanItem,
    Question,
    QuestionKind,
    QuestionStatus,
)
from tests.builders import a_draft, an_official
from tests.e2e.harness import ADMIN_ID, ALMATY, START, BotWorld
from tests.shortcuts import announce_quietly

# Жаңаарқа district holds the meeting in the settlement of Жаңаарқа.
HOST, VENUE = "623600000", "623630100"
ULYTAU_OKRUG = "623830000"  # another district's okrug: its official has no say here
OFFICIAL, STRANGER = 5101, 5102
AUTHOR, SUPPORTER, NEIGHBOUR = 2701, 2702, 2703

QUESTION = {
    "kk": "Жаңаарқа кентіндегі Абай көшесінің жолы қашан жөнделеді?",
    "ru": "Когда отремонтируют дорогу на улице Абая в посёлке Жанаарка?",
}
SECOND_QUESTION = {
    "kk": "Мектеп жанындағы көше шамдары қашан жанады?",
    "ru": "Когда заработают фонари возле школы?",
}
SUMMARY = "Кездесуге 120 адам қатысты. Негізгі мәселелер: <жол> & жарық"
ITEMS = [
    ("Абай көшесінің жолы бұзылған", "Жолды күрделі жөндеу", "Аудан әкімдігінің ТКШ бөлімі"),
    ("Мектеп маңы қараңғы", "Көше шамдарын орнату", "«Жарық» ЖШС"),
]
DEADLINES = ("30.06.2027", "31.03.2027")


def plain(text: str) -> str:
    """What a person reads of an HTML message: tags gone, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def at(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=ALMATY)


async def setup(world: BotWorld, locale: str) -> tuple[int, int, list[str]]:
    """A meeting of the district two days ahead with two questions (the first supported, both
    accepted into the pool), its official and an official of another district. Returns the
    meeting id, the host akimat id and the questions' public numbers."""
    meetings = world.services.meetings
    meeting = await a_draft(
        meetings,
        host=HOST,
        venue=VENUE,
        starts_at=START + timedelta(days=2, hours=6),
        created_by=ADMIN_ID,
    )
    await announce_quietly(meetings, meeting.id)
    for user_id in (AUTHOR, SUPPORTER, NEIGHBOUR):
        await world.citizen(user_id, locale)
    await world.services.subscriptions.subscribe(NEIGHBOUR, HOST)
    questions = world.services.questions
    first = await questions.ask(AUTHOR, meeting.id, QuestionKind.QUESTION, QUESTION[locale])
    second = await questions.ask(
        AUTHOR, meeting.id, QuestionKind.QUESTION, SECOND_QUESTION[locale]
    )
    await questions.support(SUPPORTER, first.id)
    async with world.app.session_factory() as session:
        for question_id in (first.id, second.id):
            stored = await session.get(Question, question_id)
            assert stored is not None
            stored.status = QuestionStatus.ACCEPTED
        await session.commit()
    sessions = world.app.session_factory
    host_id = await an_official(sessions, OFFICIAL, akimat=HOST, locale=locale)
    await an_official(sessions, STRANGER, akimat=ULYTAU_OKRUG, locale=locale)
    # Three days on: the meeting is over, its results are due.
    world.clock.set(START + timedelta(days=5))
    return meeting.id, host_id, [first.public_number, second.public_number]


async def latest(world: BotWorld, *chats: ChatSession) -> dict[int, BotMessage]:
    """Deliver the outbox, then each chat's newest message."""
    await world.sender.drain()
    found: dict[int, BotMessage] = {}
    for chat in chats:
        await chat.collect("a notification")
        found[chat.user_id] = chat.last
    return found


async def enter_item(
    official: ChatSession,
    t: Text,
    start: BotMessage,
    button: str,
    fields: tuple[str, str, str],
    deadline: str,
) -> BotMessage:
    """Press ``button`` on ``start`` and answer the first four steps; returns the last prompt
    (the linked-questions step)."""
    await official.press(start, button)
    assert (
        plain(t("plan-ask-problem", position=1, max=1000)).split("\n")[1] in official.last.content
    )
    for text in fields:
        await official.say(text)
    [prompt] = await official.say(deadline)
    return prompt


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_plan_from_held_meeting_to_two_quarterly_reports(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    meeting_id, _, (first, second) = await setup(world, locale)
    official = await world.chat(OFFICIAL, locale)
    author, supporter, neighbour = (world.chats[0], world.chats[1], world.chats[2])

    # The list of meetings waiting for their plan, then the plan's screen with its deadline.
    [awaiting] = await official.say("/plan")
    assert f"№ {meeting_id}" in awaiting.content or f"№{meeting_id}" in awaiting.content
    await official.press(awaiting, t("plan-awaiting-button", id=meeting_id))
    screen = official.last
    due = day_text(t, date(2026, 12, 5))
    assert due in screen.content
    assert plain(t("plan-summary-missing")) in screen.content
    assert t("plan-publish-button") not in [b.text for b in screen.buttons]

    # The results summary.
    await official.press(screen, t("plan-summary-button"))
    replies = await official.say(SUMMARY)
    assert replies[0].content == plain(t("plan-summary-saved"))
    screen = replies[-1]
    assert SUMMARY in screen.content

    # Item 1: the accepted question picked with a button.
    prompt = await enter_item(official, t, screen, t("plan-add-button"), ITEMS[0], DEADLINES[0])
    assert first in [b.text.split(" ")[1] for b in prompt.buttons if " " in b.text]
    await official.press(prompt, first)
    prompt = official.messages[prompt.message_id]
    assert plain(t("plan-ask-questions", max=30, accepted=2, chosen=first)) == prompt.content
    await official.press(prompt, t("plan-link-done-button", count=1))
    saved = official.last
    assert saved.content == plain(
        t("plan-item-saved", position=1, due=day_text(t, date(2027, 6, 30)))
    )

    # Item 2: both questions, typed by number (loosely).
    await official.press(saved, t("plan-add-next-button"))
    for text in ITEMS[1]:
        await official.say(text)
    await official.say("31.02.2027")
    assert official.last.content == plain(t("plan-bad-date", value="31.02.2027"))
    await official.say("01.01.2020")
    assert day_text(t, date(2026, 11, 25)) in official.last.content
    await official.say(DEADLINES[1])
    await official.say("Q-2026-999999")
    assert official.last.content == plain(t("plan-error-unknown-question", value="Q-2026-999999"))
    [prompt] = await official.say(f"{first.lower()}, {second}")
    assert f"{first}, {second}" in prompt.content
    await official.press(prompt, t("plan-link-done-button", count=2))
    await official.press(official.last, t("plan-review-button"))
    screen = official.last
    assert plain(t("plan-items-range-limit", first=1, last=2, total=2, max=200)) in (
        screen.content
    )

    # Publish.
    await official.press(screen, t("plan-publish-button"))
    confirm = official.last
    assert plain(t("plan-confirm", id=meeting_id, items=2, linked=3)).split("\n")[0] in (
        confirm.content
    )
    await official.press(confirm, t("plan-confirm-button"))
    done = official.messages[confirm.message_id]
    assert plain(t("plan-published", id=meeting_id, count=3)) in done.content
    assert (
        plain(t("plan-published-on-time", date=day_text(t, date(2026, 11, 28)), due=due, days=0))
        in done.content
    )
    async with world.app.session_factory() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        assert meeting.status is MeetingStatus.CLOSED

    # Each person is told once: the author which items answer their questions, the supporter
    # theirs, the subscriber the plan itself.
    told = await latest(world, author, supporter, neighbour)
    author_text = told[AUTHOR].content
    for number, position, deadline in (
        (first, 1, DEADLINES[0]),
        (first, 2, DEADLINES[1]),
        (second, 2, DEADLINES[1]),
    ):
        day = parse_local_date(deadline)
        assert day is not None
        line = t(
            "plan-notice-your-item",
            own="yes",
            number=number,
            position=position,
            due=day_text(t, day),
        )
        assert plain(line) in author_text
    assert (
        plain(
            t(
                "plan-notice-your-item",
                own="no",
                number=first,
                position=1,
                due=day_text(t, date(2027, 6, 30)),
            )
        )
        in told[SUPPORTER].content
    )
    assert SUMMARY in told[NEIGHBOUR].content
    assert "📌" not in told[NEIGHBOUR].content
    assert len([m for m in author.messages.values() if "📌" in m.content]) == 1

    # The subscriber follows the plan from the notice: the notice reads as it did, its button
    # turns into "Stop following" (and back, and again), as on the plan's own screen.
    plan_notice = told[NEIGHBOUR]
    for label, answer, after in (
        ("plan-follow-button", "plan-followed", "plan-unfollow-button"),
        ("plan-unfollow-button", "plan-unfollowed", "plan-follow-button"),
        ("plan-follow-button", "plan-followed", "plan-unfollow-button"),
    ):
        events = await neighbour.press(plan_notice, t(label))
        assert neighbour.callback_answers[-1].get("text") == t(answer)
        assert [e.type for e in events if e.type != "callback_answer"] == ["edited"]
        shown = neighbour.messages[plan_notice.message_id]
        assert shown.content == plan_notice.content
        assert [b.text for b in shown.buttons] == [t("plan-open-button"), t(after)]
    plan_id = (await world.services.plans.plan_state(meeting_id)).plan_id
    assert plan_id is not None
    assert await world.services.plans.is_following(plan_id, NEIGHBOUR)
    # A second tap on the old "Follow" (a screen that had not caught up) changes nothing.
    await neighbour.press(plan_notice, t("plan-follow-button"), stale=True)
    assert neighbour.callback_answers[-1].get("text") == t("plan-followed")
    assert [b.text for b in neighbour.messages[plan_notice.message_id].buttons][-1] == t(
        "plan-unfollow-button"
    )

    # Q4 2026, reported in January: one item in progress with a comment, one done.
    world.clock.set(at(2027, 1, 10))
    [report] = await official.say(f"/progress {meeting_id}")
    assert quarter_text(t, Quarter(2026, 4)) in report.content
    assert day_text(t, date(2027, 1, 25)) in report.content
    await official.press(report, t("progress-next-item-button", position=1))
    await official.press(official.last, t("progress-status-button", status="in_progress"))
    await official.press(official.last, t("progress-percent-button", percent=50))
    [report] = await official.say("Жобалық-сметалық құжаттама дайын")
    assert plain(t("progress-item-saved", position=1)) in report.content
    await official.press(report, t("progress-next-item-button", position=2))
    await official.press(official.last, t("progress-status-button", status="done"))
    await official.press(official.last, t("progress-no-comment-button"))
    report = official.last
    assert plain(t("progress-ready")) in report.content
    await official.press(report, t("progress-publish-button"))
    await official.press(official.last, t("progress-confirm-button"))
    assert (
        plain(
            t(
                "progress-published",
                quarter=quarter_text(t, Quarter(2026, 4)),
                id=meeting_id,
                count=3,
            )
        )
        in official.last.content
    )

    told = await latest(world, author, neighbour)
    q4 = quarter_text(t, Quarter(2026, 4))
    host = await world.services.localities.get(HOST)
    assert host is not None
    notice = t(
        "plan-notice-progress",
        quarter=q4,
        host=locality_name(host.name_kk, host.name_ru, locale),
        date=day_text(t, date(2026, 11, 25)),
    )
    assert plain(notice) in told[NEIGHBOUR].content
    assert plain(notice) in told[AUTHOR].content
    in_progress = t(
        "plan-item-state", icon="🔄", status=t("plan-status", status="in_progress"), percent=50
    )
    assert (
        plain(
            t("plan-notice-your-progress", own="yes", number=first, position=1, state=in_progress)
        )
        in told[AUTHOR].content
    )

    # Q1 2027, in April: item 1 as before, item 2 still done.
    world.clock.set(at(2027, 4, 5))
    [report] = await official.say(f"/progress {meeting_id}")
    assert quarter_text(t, Quarter(2027, 1)) in report.content
    await official.press(report, t("progress-next-item-button", position=1))
    same = t("progress-same-button", status=t("plan-status", status="in_progress"), percent=50)
    await official.press(official.last, same)
    await official.press(official.last, t("progress-next-item-button", position=2))
    await official.press(official.last, t("progress-status-button", status="done"))
    await official.press(official.last, t("progress-no-comment-button"))
    await official.press(official.last, t("progress-publish-button"))
    await official.press(official.last, t("progress-confirm-button"))
    told = await latest(world, neighbour)
    assert quarter_text(t, Quarter(2027, 1)) in told[NEIGHBOUR].content
    # Nothing more is due until Q2 ends.
    [nothing] = await official.say(f"/progress {meeting_id}")
    assert plain(t("progress-nothing-due", id=meeting_id)) in nothing.content
    assert await world.services.plans.progress_published(
        (await world.services.plans.plan_state(meeting_id)).plan_id or 0, 2027, 1
    )

    # A citizen opens the plan from the meeting's card, then its history.
    replies = await supporter.say(f"/start m{meeting_id}")
    card = replies[-1]
    await supporter.press(card, t("plan-open-button"))
    plan = supporter.last
    assert plain(t("plan-title", id=meeting_id)) in plan.content
    assert ITEMS[0][0] in plan.content and ITEMS[1][1] in plan.content
    assert plain(in_progress) in plan.content
    await supporter.press(plan, t("plan-history-button", count=2))
    history = supporter.last
    assert history.message_id == plan.message_id  # edited in place
    q1 = quarter_text(t, Quarter(2027, 1))
    assert history.content.index(q1) < history.content.index(q4)
    await supporter.press(history, t("plan-history-report-button", quarter=q4))
    report_view = supporter.last
    assert "Жобалық-сметалық құжаттама дайын" in report_view.content
    assert plain(in_progress) in report_view.content

    # /plans lists it for the subscriber.
    [listing] = await neighbour.say("/plans")
    assert plain(t("plan-list-title", count=1)) in listing.content
    await neighbour.press(listing, t("plan-list-open-button", number=1))
    assert plain(t("plan-title", id=meeting_id)) in neighbour.last.content
    assert t("plan-unfollow-button") in [b.text for b in neighbour.last.buttons]


Cells = list[list[str | None]]


def fill(sheet: Worksheet, rows: Cells) -> None:
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(index, column, value)


def saved_xlsx(data: bytes, rows: Cells) -> bytes:
    book = load_workbook(io.BytesIO(data))
    fill(book.worksheets[0], rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def item_count(world: BotWorld) -> int:
    async with world.app.session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(PlanItem)) or 0)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_xlsx_template_bad_files_refused_good_file_taken(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    meeting_id, _, (first, second) = await setup(world, locale)
    official = await world.chat(OFFICIAL, locale)
    [screen] = await official.say(f"/plan {meeting_id}")
    await official.press(screen, t("plan-template-button"))
    template = official.last
    assert template.document is not None
    data = await world.client.download(template.document["file_id"])
    book = load_workbook(io.BytesIO(data))
    plan_sheet, reference = book.worksheets
    assert [cell.value for cell in plan_sheet[1]] == [t(key) for key in HEADER_KEYS]
    assert {reference.cell(2, 1).value, reference.cell(3, 1).value} == {first, second}

    good: list[str | None] = [ITEMS[0][0], ITEMS[0][1], ITEMS[0][2], "30.06.2027", first]
    bad = saved_xlsx(
        data,
        [
            good,
            ["Су жоқ", "Құбыр тарту", "Су арнасы", "31.02.2027", None],
            [None, None, None, None, None],
            ["Жарық жоқ", "Шам орнату", "«Жарық» ЖШС", "31.03.2027", "Q-2026-999999"],
        ],
    )
    [refusal] = await official.send("document", file_name="plan.xlsx", data=bad)
    assert refusal.content.startswith(plain(t("plan-file-rejected")))
    for line in (
        t("plan-file-not-a-date", row=3, column="D", value="31.02.2027"),
        t("plan-file-empty-row", row=4),
        t("plan-file-unknown-question", row=5, column="E", value="Q-2026-999999"),
    ):
        assert plain(line) in refusal.content
    assert await item_count(world) == 0

    [refusal] = await official.send("document", file_name="plan.xlsx", data=b"not a workbook")
    assert plain(t("plan-file-not-xlsx")) in refusal.content
    huge = b"\0" * (MAX_FILE_BYTES + 1)
    downloads = (await world.client.stats())["requests"].get("getFile", 0)
    with warnings.catch_warnings():
        # aiohttp (the test's client, posting the file to the emulator) warns about sending a
        # body this large in one piece; the bot never sees that request.
        warnings.simplefilter("ignore", ResourceWarning)
        [refusal] = await official.send("document", file_name="plan.xlsx", data=huge)
    assert plain(t("plan-file-too-big", megabytes=10)) in refusal.content
    # Refused on the size Telegram reports, without downloading it.
    assert (await world.client.stats())["requests"].get("getFile", 0) == downloads
    assert await item_count(world) == 0

    fine = saved_xlsx(
        data, [good, ["Жарық жоқ", "Шам орнату", "«Жарық» ЖШС", "31.03.2027", f"{first} {second}"]]
    )
    replies = await official.send("document", file_name="plan.xlsx", data=fine)
    assert replies[0].content == plain(t("plan-file-accepted", count=2))
    assert await item_count(world) == 2
    plan = await world.services.plans.plan(meeting_id)
    assert plan is not None
    assert [len(item.questions) for item in plan.items] == [1, 2]
    assert plan.items[1].executor == "«Жарық» ЖШС"


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_official_of_another_akimat_is_refused(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    meeting_id, host_id, _ = await setup(world, locale)
    stranger = await world.chat(STRANGER, locale)
    [denied] = await stranger.say(f"/plan {meeting_id}")
    assert denied.content == plain(t("access-denied"))
    forged = PlanEditCb(action=PlanEditAction.ADD, meeting_id=meeting_id).pack()
    await world.client.press(STRANGER, denied.message_id, forged)
    await stranger.collect("a forged Add")
    assert stranger.callback_answers[-1].get("text") == t("access-denied")
    forged = ProgressCb(action=ProgressAction.OPEN, meeting_id=meeting_id).pack()
    await world.client.press(STRANGER, denied.message_id, forged)
    await stranger.collect("a forged progress")
    assert stranger.callback_answers[-1].get("text") == t("access-denied")
    [denied] = await stranger.say(f"/progress {meeting_id}")
    assert denied.content == plain(t("access-denied"))

    # A citizen who is no official at all.
    citizen = world.chats[0]
    [refused] = await citizen.say(f"/plan {meeting_id}")
    assert refused.content.startswith(
        t("staff-command-not-staff", command="plan", commands="").strip()
    )

    assert await world.services.plans.plan(meeting_id) is None
    async with world.app.session_factory() as session:
        entries = (
            await session.scalars(
                select(AuditEntry).where(AuditEntry.actor_id == STRANGER).order_by(AuditEntry.id)
            )
        ).all()
    assert [(e.action, e.allowed, e.akimat_id) for e in entries] == [
        ("plan.read", False, host_id),
        ("plan.publish", False, host_id),
        ("plan.progress", False, host_id),
        ("plan.progress", False, host_id),
    ]


async def test_the_official_corrects_the_draft(world: BotWorld) -> None:
    t = world.text("ru")
    meeting_id, _, _ = await setup(world, "ru")
    official = await world.chat(OFFICIAL, "ru")
    [screen] = await official.say(f"/plan {meeting_id}")

    # Something other than text mid-item: told what the step wants; Cancel keeps the draft.
    await official.press(screen, t("plan-add-button"))
    await official.say(ITEMS[0][0])
    [hint] = await official.send("sticker")
    assert hint.content == plain(t("plan-expect-text"))
    await official.press(hint, t("cancel-button"))
    assert plain(t("plan-flow-cancelled")) in [m.content for m in official.messages.values()]
    assert await item_count(world) == 0

    plans = world.services.plans
    for problem, measure, executor in (*ITEMS, ("Нет детской площадки", "Построить", "ЖКХ")):
        await plans.add_item(
            meeting_id,
            ItemDraft(problem, measure, executor, date(2027, 6, 30)),
        )
    [screen] = await official.say(f"/plan {meeting_id}")
    await official.press(screen, t("plan-remove-button"))
    await official.say("7")
    assert official.last.content == plain(t("plan-error-item-not-found"))
    replies = await official.say("2")
    assert replies[0].content == plain(t("plan-item-removed", position=2))
    plan = await plans.plan(meeting_id)
    assert plan is not None
    assert [(item.position, item.problem) for item in plan.items] == [
        (1, ITEMS[0][0]),
        (2, "Нет детской площадки"),
    ]

    # /cancel leaves the summary step; without a summary there is no Publish button.
    await official.press(replies[-1], t("plan-summary-button"))
    [stopped] = await official.say("/cancel")
    assert stopped.content == plain(t("plan-flow-cancelled"))
    [screen] = await official.say(f"/plan {meeting_id}")
    assert t("plan-publish-button") not in [b.text for b in screen.buttons]
    forged = PlanEditCb(action=PlanEditAction.CONFIRM, meeting_id=meeting_id).pack()
    await world.client.press(OFFICIAL, screen.message_id, forged)
    await official.collect("a forged Publish")
    assert official.callback_answers[-1].get("text") == t("plan-error-no-summary")
    assert (await plans.plan_state(meeting_id)).published is False


async def test_an_overdue_quarter_comes_first_and_another_can_be_chosen(world: BotWorld) -> None:
    t = world.text("kk")
    meeting_id, _, _ = await setup(world, "kk")
    plans = world.services.plans
    await plans.set_summary(meeting_id, SUMMARY)
    await plans.add_item(meeting_id, ItemDraft(*ITEMS[0], date(2027, 6, 30)))
    await plans.publish(meeting_id, OFFICIAL)
    official = await world.chat(OFFICIAL, "kk")

    world.clock.set(at(2027, 5, 10))
    [report] = await official.say(f"/progress {meeting_id}")
    q4, q1 = quarter_text(t, Quarter(2026, 4)), quarter_text(t, Quarter(2027, 1))
    assert q4 in report.content
    assert (
        plain(
            t(
                "progress-due-overdue",
                due=day_text(t, date(2027, 1, 25)),
                days=105,
                act=act_name(t, "001"),
                clause="3.5",
            )
        )
        in report.content
    )
    await official.press(report, t("progress-quarters-button"))
    choice = official.messages[report.message_id]
    assert [b.text for b in choice.buttons] == [
        t("progress-quarter-button", quarter=q4, due=day_text(t, date(2027, 1, 25))),
        t("progress-quarter-button", quarter=q1, due=day_text(t, date(2027, 4, 25))),
    ]
    await official.press(choice, q1)
    report = official.messages[report.message_id]
    assert q1 in report.content

    # Starting an item and cancelling changes nothing.
    await official.press(report, t("progress-next-item-button", position=1))
    await official.press(official.last, t("cancel-button"))
    assert official.callback_answers[-1].get("text") == t("progress-entry-cancelled")
    draft = await plans.open_report(meeting_id, Quarter(2027, 1))
    assert draft.report.entries == {}
