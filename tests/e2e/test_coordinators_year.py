"""The coordinators' side end to end: one year of two akimats of Ұлытау oblast, through the
emulator, in Kazakh and Russian, with a moved clock (issue 9, section 8).

The people: the admin invites, with a one-time link, a coordinator for the oblast (she reads
Russian); the official of Қараағаш а.о. ("A") speaks Kazakh, the official of Мұқажан Жұмажанов
атын.а.о. ("B") Russian; two citizens of each okrug's village (one Kazakh-, one
Russian-speaking) subscribe by typing its name. Each okrug's one unit to visit each quarter
(seed 001, clause 2.1) is that village.

The year 2027, as the clock moves (09:00 ticks of the minute scheduler on the days that matter,
and the meetings' own moments; the outbox is delivered by the sender's ``drain``):

- January: A types its calendar in chat (March and September, visiting), B uploads it from the
  XLSX template (20 February); each records the maslikhat's agreement, approval (by 15
  January) and submission (by 20 January).
- Q1: B's meeting of 20 February (a draft from its calendar entry with one press) is announced
  three days late; five questions and proposals come, B answers one, rejects one question with
  a reason, accepts a proposal, rejects the other; the meeting is held, rated; its plan is
  published three days late (F = 0 for B). A's meeting of 15 March is announced on time, gets
  three, the plan links the accepted proposal, on time.
- Q2: a demand for an extra meeting at B's okrug reaches the threshold; B's official and the
  coordinator are told; B schedules it (10 May) from the demand; it gets a proposal and a
  question, both resolved, two ratings. Neither village is visited in Q2 (B's May meeting is
  for the whole okrug, at its centre): both are warned of 30 and 10 days before 30 June, the
  coordinator reads /coverage, and hears on 1 July that both stayed uncovered.
- Q3: A's meeting of 15 September: four proposals (three accepted, one rejected) and an
  answered question; B never publishes the Q3 report of its February plan. Q4: nobody meets;
  B's Q4 report finishes that plan (the Q3 report stays missing: F = 0 for B's Q3).
- Every other quarterly report is published before its due date (seed 001, clause 3.5);
  the coordinator gets each quarter's digest in Russian the day after the due date.
- 27 January 2028: the coordinator's /report for the four quarters, both halves and the
  year: F, band, C/B/G/E and the zero reasons of each akimat against the table computed by
  hand below (EXPECTED); the data behind each chart and the PNGs; the year's XLSX workbook
  opened with openpyxl.

A second test: a step of the annual calendar marked done in /deadlines shows on /calendar.
"""

import dataclasses
import html
import io
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pytest
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import handlers.official.report as report_handler
from handlers.acts import act_name
from handlers.citizen.plans import quarter_text
from handlers.notices.coverage import day_text
from locales import Text
from sandbox.client import BotMessage, ChatSession
from scheduler.runner import tick
from services.feedback_report import Chart, period_name
from services.plans import Quarter
from storage.models import (
    ActionPlan,
    Meeting,
    MeetingStatus,
    ProgressReport,
    Subscription,
)
from tests.builders import an_akimat, an_official
from tests.e2e.harness import ADMIN_ID, ALMATY, LANGUAGE_BUTTONS, BotWorld, running_world

pytestmark = pytest.mark.asyncio

OKRUG_A = "623661000"  # Қараағаш а.о.
OKRUG_B = "623641000"  # Мұқажан Жұмажанов атын.а.о.
VILLAGE_A = "623661100"  # Ынталы а.: A's one unit to visit
VILLAGE_B = "623641100"  # Мұқажан Жұмажанов атын.а.: B's
ULYTAU = "620000000"
OFFICIAL_A, OFFICIAL_B, COORDINATOR = 9101, 9102, 9103
# Citizens: two of A's village, two of B's; one of each pair reads Kazakh, the other Russian.
AIDANA, ROMAN, ERLAN, RAISA = 9201, 9202, 9203, 9204
LOCALE = {
    OFFICIAL_A: "kk",
    OFFICIAL_B: "ru",
    COORDINATOR: "ru",
    AIDANA: "kk",
    ROMAN: "ru",
    ERLAN: "kk",
    RAISA: "ru",
}
VILLAGE_NAMES = {
    VILLAGE_A: {"kk": "Ынталы а.", "ru": "с.Инталы"},
    VILLAGE_B: {"kk": "Мұқажан Жұмажанов атын.а.", "ru": "с.им.Мукажана Жумажанова"},
}
NUMBER = re.compile(r"\b[QP]-2027-\d{6}\b")
DEMAND_THRESHOLD = 2


@pytest.fixture
async def world(
    database_url: str, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[BotWorld]:
    # `session_factory` empties every table after the test. Two supporters bring a demand for
    # a meeting to the akimat (the author and one neighbour).
    async with running_world(database_url, demand_threshold=DEMAND_THRESHOLD) as world:
        # A year of notices: at Telegram's one message a second per chat the sender would spend
        # most of the test waiting between an official's reminders (the pacing itself is
        # tests/scheduler's subject). A tenth of it keeps every message in order.
        world.sender.config = dataclasses.replace(world.sender.config, chat_interval=0.1)
        yield world


def plain(text: str) -> str:
    """What a person reads of an HTML message: tags gone, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ALMATY)


def numbered(message: BotMessage, name: str) -> str:
    """The button of a search hit named exactly ``name`` ("3. name" or "name · parent")."""
    labels = [b.text for b in message.buttons]
    found = [t for t in labels if t.endswith(f". {name}") or t.startswith(f"{name} · ")]
    found += [t for t in labels if t == name]
    assert len(found) == 1, (name, labels)
    return found[0]


def index_of(listing: BotMessage, number: str) -> str:
    match = re.search(rf"(\d+)\. {re.escape(number)}", listing.content)
    assert match is not None, (number, listing.content)
    return match.group(1)


@dataclass
class Year:
    world: BotWorld
    chats: dict[int, ChatSession] = field(default_factory=dict)
    akimat_a: int = 0
    akimat_b: int = 0
    # What reached each person, in order, since the story began (notices, reminders...).
    inbox: dict[int, list[BotMessage]] = field(default_factory=dict)
    meetings: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)

    def t(self, user_id: int) -> Text:
        return self.world.text(LOCALE[user_id])

    def chat(self, user_id: int) -> ChatSession:
        return self.chats[user_id]

    async def take(self) -> dict[int, list[BotMessage]]:
        """Deliver the outbox; what reached each person since they last looked (no waiting:
        once the sender has drained, every message is in the emulator)."""
        await self.world.sender.drain()
        received: dict[int, list[BotMessage]] = {}
        for user_id, chat in self.chats.items():
            events = await chat.client.events(chat.chat_id, chat.seq, everything=True)
            got = []
            for event in events:
                if event.type == "incoming":
                    chat.seq = max(chat.seq, event.seq)
                    continue
                chat._apply(event)
                if event.type == "sent" and event.message is not None:
                    got.append(event.message)
            received[user_id] = got
            self.inbox.setdefault(user_id, []).extend(got)
        return received

    async def at(self, moment: datetime) -> dict[int, list[BotMessage]]:
        """The minute scheduler's tick at ``moment``; what it delivered to each person."""
        self.world.clock.set(moment)
        report = await tick(self.world.services, moment)
        assert report.failed == [], report
        return await self.take()

    async def meeting(self, meeting_id: int) -> Meeting:
        async with self.world.app.session_factory() as session:
            found = await session.get(Meeting, meeting_id)
            assert found is not None
            return found


def coverage_notices(messages: list[BotMessage]) -> list[BotMessage]:
    return [m for m in messages if m.content.startswith("🗺")]


# --- the people -------------------------------------------------------------------------------


async def invite_coordinator(year: Year) -> None:
    """The admin (Kazakh) makes a one-time link for Ұлытау oblast; the coordinator (Russian)
    opens it, chooses her language, consents, and is the oblast's coordinator."""
    world = year.world
    admin = await world.admin("kk")
    year.chats[ADMIN_ID] = admin
    LOCALE[ADMIN_ID] = "kk"
    t_admin = world.text("kk")
    [screen] = await admin.say("/coordinators")
    await admin.press(screen, t_admin("coord-invite-button", territory="Ұлытау облысы"))
    match = re.search(r"https://t\.me/kezdesu_bot\?start=(crd_[A-Za-z0-9_-]+)", admin.last.content)
    assert match is not None, admin.last.content
    t = year.t(COORDINATOR)
    coordinator = await world.chat(COORDINATOR, language_code="ru")
    year.chats[COORDINATOR] = coordinator
    pending, choose = await coordinator.say(f"/start {match.group(1)}", minimum=2)
    assert pending.content == plain(t("coord-invite-pending", territory="область Ұлытау"))
    await coordinator.press(choose, LANGUAGE_BUTTONS["ru"])
    await coordinator.press(coordinator.last, t("consent-accept"))
    assert coordinator.last.content == plain(t("coord-accept-done", territory="область Ұлытау"))
    received = await year.take()
    [accepted] = received[ADMIN_ID]
    assert f"id {COORDINATOR}" in accepted.content


async def officials_and_citizens(year: Year) -> None:
    """The two officials (given their posts directly: inviting officials is test_full_cycle's
    story), and four citizens who subscribe to their village by typing its name."""
    world = year.world
    for user_id, code in ((OFFICIAL_A, OKRUG_A), (OFFICIAL_B, OKRUG_B)):
        year.chats[user_id] = await world.citizen(user_id, LOCALE[user_id])
        await an_official(world.app.session_factory, user_id, akimat=code, locale=LOCALE[user_id])
    year.akimat_a = await an_akimat(world.app.session_factory, OKRUG_A)
    year.akimat_b = await an_akimat(world.app.session_factory, OKRUG_B)
    okrug_b = await world.services.localities.get(OKRUG_B)
    assert okrug_b is not None
    for user_id, village, query in (
        (AIDANA, VILLAGE_A, "Ынталы"),
        (ROMAN, VILLAGE_A, "Инталы"),
        (ERLAN, VILLAGE_B, "Жұмажанов"),
        (RAISA, VILLAGE_B, "Жумажанова"),
    ):
        locale = LOCALE[user_id]
        chat = await world.citizen(user_id, locale)
        year.chats[user_id] = chat
        [results] = await chat.say(f"/subscribe {query}")
        await chat.press(results, numbered(results, VILLAGE_NAMES[village][locale]))
        if village == VILLAGE_B:
            # B's two also follow the okrug: a demand for a meeting is made to the akimat of
            # the locality it names, and the village has an akim of its own.
            [results] = await chat.say(f"/subscribe {query}")
            await chat.press(results, numbered(results, okrug_b.name(locale)))
    async with world.app.session_factory() as session:
        rows = (await session.scalars(select(Subscription))).all()
    assert sorted((row.user_id, row.locality_code) for row in rows) == [
        (AIDANA, VILLAGE_A),
        (ROMAN, VILLAGE_A),
        (ERLAN, OKRUG_B),
        (ERLAN, VILLAGE_B),
        (RAISA, OKRUG_B),
        (RAISA, VILLAGE_B),
    ]
    await year.take()


# --- January: the calendars --------------------------------------------------------------------


async def calendar_in_chat(year: Year) -> None:
    """5 January: A types March and September at Ынталы, visiting, and records the
    maslikhat's agreement."""
    await year.at(local(2027, 1, 5))
    t = year.t(OFFICIAL_A)
    official = year.chat(OFFICIAL_A)
    for month in ("3", "9"):
        [screen] = await official.say("/calendar 2027")
        await official.press(screen, t("calendar-btn-add"))
        assert official.last.content == t("calendar-ask-when", year="2027")
        await official.say(month)
        [found] = await official.say("Ынталы")
        await official.press(found, VILLAGE_NAMES[VILLAGE_A]["kk"])
        await official.press(official.last, t("calendar-kind-visiting"))
        assert official.callback_answers[-1].get("text") == t("calendar-added")
    await agree(year, OFFICIAL_A, "05.01.2027 12/3", date(2027, 1, 5))


async def calendar_by_file(year: Year) -> None:
    """6 January: B fills the bot's XLSX template (one row: 20 February at the village,
    visiting), uploads it, and records the agreement."""
    await year.at(local(2027, 1, 6))
    t = year.t(OFFICIAL_B)
    official = year.chat(OFFICIAL_B)
    [screen] = await official.say("/calendar 2027")
    await official.press(screen, t("calendar-btn-template"))
    template = official.last
    assert template.document is not None
    book = load_workbook(
        io.BytesIO(await year.world.client.download(template.document["file_id"]))
    )
    book.worksheets[0].append(["20.02.2027", VILLAGE_B, t("calendar-kind-visiting")])
    buffer = io.BytesIO()
    book.save(buffer)
    await official.press(screen, t("calendar-btn-upload"))
    replies = await official.send(
        "document", file_name="calendar-2027.xlsx", data=buffer.getvalue()
    )
    assert replies[0].content == t("calendar-file-accepted", count=1)
    await agree(year, OFFICIAL_B, "06.01.2027 7/1", date(2027, 1, 6))


async def agree(year: Year, user_id: int, decision: str, day: date) -> None:
    t = year.t(user_id)
    official = year.chat(user_id)
    [screen] = await official.say("/calendar 2027")
    await official.press(screen, t("calendar-btn-agree"))
    done, screen = await official.say(decision, minimum=2)
    assert done.content == t("calendar-agreed")
    status = t("calendar-status-agreed", date=day_text(t, day), number=decision.split()[1])
    assert plain(status) in screen.content


async def approve_and_submit(year: Year) -> None:
    """12 January both approve (due 15 January), 18 January both submit (due 20 January); the
    calendar screen then says so, with the agreement's decision."""
    for moment, button in (
        (local(2027, 1, 12), "calendar-btn-approve"),
        (local(2027, 1, 18), "calendar-btn-submit"),
    ):
        await year.at(moment)
        for user_id in (OFFICIAL_A, OFFICIAL_B):
            t = year.t(user_id)
            official = year.chat(user_id)
            [screen] = await official.say("/calendar 2027")
            await official.press(screen, t(button))
    for user_id, decision_day, number in (
        (OFFICIAL_A, date(2027, 1, 5), "12/3"),
        (OFFICIAL_B, date(2027, 1, 6), "7/1"),
    ):
        t = year.t(user_id)
        [screen] = await year.chat(user_id).say("/calendar 2027")
        status = t(
            "calendar-status-submitted",
            approved=day_text(t, date(2027, 1, 12)),
            submitted=day_text(t, date(2027, 1, 18)),
            date=day_text(t, decision_day),
            number=number,
        )
        assert plain(status) in screen.content, screen.content


# --- the acts, by pressing the buttons people press ------------------------------------------


async def draft_from_calendar(year: Year, user_id: int, number: int) -> int:
    """One press on /calendar: entry ``number`` becomes a draft; its id."""
    t = year.t(user_id)
    official = year.chat(user_id)
    [screen] = await official.say("/calendar 2027")
    await official.press(screen, t("calendar-btn-draft", number=number))
    akimat_id = year.akimat_a if user_id == OFFICIAL_A else year.akimat_b
    view = await year.world.services.calendar.view(user_id, akimat_id, 2027)
    meeting_id = view.entries[number - 1].meeting_id
    assert meeting_id is not None
    assert (await year.meeting(meeting_id)).status is MeetingStatus.DRAFT
    return meeting_id


async def announce(year: Year, user_id: int, meeting_id: int) -> str:
    """From the meeting's card in /mymeetings; what the official reads after."""
    t = year.t(user_id)
    official = year.chat(user_id)
    [listing] = await official.say("/mymeetings")
    await official.press(listing, t("lc-btn-open", id=meeting_id))
    card = official.messages[listing.message_id]
    await official.press(card, t("lc-btn-announce"))
    assert (await year.meeting(meeting_id)).status is MeetingStatus.ANNOUNCED
    return official.messages[card.message_id].content


async def ask(
    year: Year, user_id: int, meeting_id: int, text: str, *, proposal: bool = False
) -> str:
    """A question (or a proposal) from the meeting's card; its public number."""
    t = year.t(user_id)
    chat = year.chat(user_id)
    replies = await chat.say(f"/start m{meeting_id}")
    await chat.press(replies[-1], t("meet-btn-propose" if proposal else "meet-btn-ask"))
    await chat.say(text)
    await chat.press(chat.last, t("q-skip-button"))
    await chat.press(chat.last, t("q-send-button"))
    match = NUMBER.search(chat.last.content)
    assert match is not None, chat.last.content
    return match.group(0)


async def support(year: Year, user_id: int, meeting_id: int, number: str) -> None:
    t = year.t(user_id)
    chat = year.chat(user_id)
    card = (await chat.say(f"/start m{meeting_id}"))[-1]
    await chat.press(card, t("meet-btn-questions"))
    listing = chat.last
    await chat.press(
        listing, t("q-support-button", index=index_of(listing, number), count=0, supported="no")
    )
    assert chat.callback_answers[-1].get("text") == t("q-supported")


async def resolve(
    year: Year, user_id: int, meeting_id: int, number: str, how: str, text: str = ""
) -> None:
    """/pool: ``how`` is "answer" or "reject" (with ``text``), or "accept" (into the list of
    problem issues, for the plan)."""
    t = year.t(user_id)
    official = year.chat(user_id)
    [pool] = await official.say(f"/pool {meeting_id}")
    await official.press(pool, index_of(pool, number))
    await official.press(official.messages[pool.message_id], t(f"pool-{how}-button"))
    if how == "accept":
        return
    [preview] = await official.say(text)
    await official.press(preview, t("pool-send-button"))


async def held(year: Year, meeting_id: int) -> dict[int, list[BotMessage]]:
    """Ticks at the meeting's start and end: the scheduler marks it held and asks its
    audience for a rating; the rating requests by person."""
    meeting = await year.meeting(meeting_id)
    await year.at(meeting.starts_at)
    received = await year.at(meeting.ends_at)
    assert (await year.meeting(meeting_id)).status is MeetingStatus.HELD
    return {
        user_id: [m for m in messages if [b.text for b in m.buttons] == ["1", "2", "3", "4", "5"]]
        for user_id, messages in received.items()
    }


async def rate(
    year: Year, requests: dict[int, list[BotMessage]], user_id: int, score: int
) -> None:
    chat = year.chat(user_id)
    [request] = requests[user_id]
    await chat.press(request, str(score))
    assert chat.callback_answers[-1].get("text") == year.t(user_id)(
        "notice-rate-thanks", score=score
    )


async def publish_plan(
    year: Year, user_id: int, meeting_id: int, linked: list[str], due: date
) -> str:
    """/plan: the results, one item linking the accepted proposals, published; what the
    official reads at the end."""
    t = year.t(user_id)
    official = year.chat(user_id)
    [screen] = await official.say(f"/plan {meeting_id}")
    await official.press(screen, t("plan-summary-button"))
    replies = await official.say("Кездесуге 40 адам қатысты; негізгі мәселе — жол.")
    await official.press(replies[-1], t("plan-add-button"))
    for text in ("Жол нашар", "Жолды жөндеу", "Ауыл әкімдігі"):
        await official.say(text)
    [prompt] = await official.say(due.strftime("%d.%m.%Y"))
    for number in linked:
        await official.press(official.messages[prompt.message_id], number)
    await official.press(
        official.messages[prompt.message_id], t("plan-link-done-button", count=len(linked))
    )
    await official.press(official.last, t("plan-review-button"))
    await official.press(official.last, t("plan-publish-button"))
    confirm = official.last
    await official.press(confirm, t("plan-confirm-button"))
    assert (await year.meeting(meeting_id)).status is MeetingStatus.CLOSED
    return official.messages[confirm.message_id].content


async def progress(year: Year, user_id: int, meeting_id: int, quarter: int, *, done: bool) -> None:
    """/progress, once the quarter is over: the plan's one item in progress (50 %) or done,
    published. The screen opens on the oldest quarter not reported; a later one is picked
    from "another quarter"."""
    t = year.t(user_id)
    official = year.chat(user_id)
    wanted = quarter_text(t, Quarter(2027, quarter))
    [report] = await official.say(f"/progress {meeting_id}")
    if wanted not in report.content:
        await official.press(report, t("progress-quarters-button"))
        [label] = [b.text for b in official.last.buttons if b.text.startswith(wanted)]
        await official.press(official.last, label)
        report = official.last
    assert wanted in report.content, report.content
    await official.press(report, t("progress-next-item-button", position=1))
    if done:
        await official.press(official.last, t("progress-status-button", status="done"))
    else:
        await official.press(official.last, t("progress-status-button", status="in_progress"))
        await official.press(official.last, t("progress-percent-button", percent=50))
    await official.press(official.last, t("progress-no-comment-button"))
    await official.press(official.last, t("progress-publish-button"))
    await official.press(official.last, t("progress-confirm-button"))
    async with year.world.app.session_factory() as session:
        published = await session.scalar(
            select(ProgressReport.published_at)
            .join(ActionPlan, ActionPlan.id == ProgressReport.plan_id)
            .where(
                ActionPlan.meeting_id == meeting_id,
                ProgressReport.year == 2027,
                ProgressReport.quarter == quarter,
            )
        )
    assert published == year.world.clock.now()


# --- Q1 ------------------------------------------------------------------------------------------


async def first_quarter(year: Year) -> None:
    """B's meeting of 20 February: announced 3 days late, plan 3 days late. A's of 15 March:
    on time."""
    await year.at(local(2027, 2, 1))
    n1 = year.meetings["N1"] = await draft_from_calendar(year, OFFICIAL_B, 1)
    assert (await year.meeting(n1)).starts_at == local(2027, 2, 20, 10)
    # A rural okrug announces a week ahead (seed 001, clause 3.4): by 13 February.
    await year.at(local(2027, 2, 16))
    t_b = year.t(OFFICIAL_B)
    result = await announce(year, OFFICIAL_B, n1)
    late = t_b(
        "lc-timing-late",
        days=3,
        due=day_text(t_b, date(2027, 2, 13)),
        act=act_name(t_b, "001"),
        clause="3.4",
    )
    assert plain(late) in result
    received = await year.take()
    for user_id in (ERLAN, RAISA):
        assert any(f"№ {n1}" in m.content for m in received[user_id]), received[user_id]
    numbers = year.numbers
    numbers["qb1"] = await ask(year, RAISA, n1, "Когда починят водопровод на улице Школьной?")
    numbers["qb2"] = await ask(year, ERLAN, n1, "Ауылға газ қашан келеді, айтыңызшы?")
    numbers["qb3"] = await ask(year, ROMAN, n1, "Будет ли автобус до райцентра по субботам?")
    numbers["pb1"] = await ask(
        year, RAISA, n1, "Предлагаю поставить остановку у школы.", proposal=True
    )
    numbers["pb2"] = await ask(
        year, ERLAN, n1, "Ауылда жаңа стадион салуды ұсынамын.", proposal=True
    )
    await support(year, AIDANA, n1, numbers["qb1"])
    await year.take()
    await resolve(year, OFFICIAL_B, n1, numbers["qb1"], "answer", "Водопровод починят в мае.")
    await resolve(year, OFFICIAL_B, n1, numbers["qb2"], "reject", "Газ — вопрос области.")
    await resolve(year, OFFICIAL_B, n1, numbers["pb1"], "accept")
    await resolve(year, OFFICIAL_B, n1, numbers["pb2"], "reject", "Нет земли под стадион.")
    await year.take()

    requests = await held(year, n1)
    await rate(year, requests, RAISA, 4)
    await rate(year, requests, ERLAN, 2)

    await year.at(local(2027, 3, 1))
    m1 = year.meetings["M1"] = await draft_from_calendar(year, OFFICIAL_A, 1)
    assert (await year.meeting(m1)).starts_at == local(2027, 3, 15, 10)
    t_a = year.t(OFFICIAL_A)
    result = await announce(year, OFFICIAL_A, m1)
    assert plain(t_a("lc-timing-on-time", due=day_text(t_a, date(2027, 3, 8)))) in result
    await year.take()
    numbers["qa1"] = await ask(year, AIDANA, m1, "Ынталыдағы мектепке жөндеу қашан болады?")
    numbers["qa2"] = await ask(year, ROMAN, m1, "Когда в Инталы проведут интернет?")
    numbers["pa1"] = await ask(
        year, RAISA, m1, "Предлагаю открыть в Инталы фельдшерский пункт.", proposal=True
    )
    await support(year, ROMAN, m1, numbers["qa1"])
    await year.take()
    await resolve(year, OFFICIAL_A, m1, numbers["qa1"], "answer", "Мектеп жазда жөнделеді.")
    await resolve(year, OFFICIAL_A, m1, numbers["pa1"], "accept")
    await year.take()

    # B's plan was due 10 days after its meeting (seed 001, clause 3.5): 2 March. Published on
    # the 5th.
    await year.at(local(2027, 3, 5))
    await publish_plan(year, OFFICIAL_B, n1, [numbers["pb1"]], date(2027, 12, 31))
    await year.take()

    requests = await held(year, m1)
    await rate(year, requests, AIDANA, 5)
    await year.at(local(2027, 3, 20))
    await publish_plan(year, OFFICIAL_A, m1, [numbers["pa1"]], date(2027, 6, 30))
    await year.take()


# --- Q2 ------------------------------------------------------------------------------------------


async def first_reports_and_demand(year: Year) -> None:
    """10 April: both Q1 reports (due 25 April), the items in progress. 12 April: Erlan asks
    for an extra meeting at his village, Raisa supports it: the threshold (2) brings it to B's
    official and the coordinator; B schedules it for 10 May from the demand."""
    await year.at(local(2027, 4, 10))
    await progress(year, OFFICIAL_A, year.meetings["M1"], 1, done=False)
    await progress(year, OFFICIAL_B, year.meetings["N1"], 1, done=False)
    await year.take()

    await year.at(local(2027, 4, 12))
    t_e = year.t(ERLAN)
    erlan = year.chat(ERLAN)
    okrug_b = await year.world.services.localities.get(OKRUG_B)
    assert okrug_b is not None
    [picker] = await erlan.say("/demand")
    await erlan.press(picker, okrug_b.name("kk"))
    await erlan.press(erlan.last, t_e("demand-new-button"))
    created, _ = await erlan.say("Ауылдағы ауыз су мәселесі бойынша кездесу керек", minimum=2)
    [demand] = await year.world.services.demands.ranked_for(ADMIN_ID)
    assert created.content.startswith(plain(t_e("demand-created", id=demand.id, topic="x"))[:12])
    t_r = year.t(RAISA)
    raisa = year.chat(RAISA)
    [picker] = await raisa.say("/demand")
    await raisa.press(picker, okrug_b.name("ru"))
    await raisa.press(raisa.last, t_r("demand-support-button", id=demand.id))
    received = await year.take()
    for user_id in (OFFICIAL_B, COORDINATOR):
        [notice] = [m for m in received[user_id] if "ауыз су" in m.content]
        t = year.t(user_id)
        assert notice.content.startswith(
            plain(
                t(
                    "demand-notice-threshold",
                    id=demand.id,
                    locality="",
                    topic="",
                    supports=2,
                    threshold=2,
                )
            )[:10]
        )
    assert [m for m in received[OFFICIAL_A] if "ауыз су" in m.content] == []

    t_b = year.t(OFFICIAL_B)
    official = year.chat(OFFICIAL_B)
    [ranked] = await official.say("/demands")
    await official.press(ranked, t_b("demand-open-button", id=demand.id))
    await official.press(official.last, t_b("demand-schedule-button"))
    await official.say("10.05.2027 15:00")
    await official.press(official.last, t_b("admin-duration-default-button", minutes=120))
    await official.press(official.last, t_b("admin-presentation-button", minutes=30))
    await official.say("Ауылдық клуб, Бейбітшілік көшесі 3")
    await official.press(official.last, t_b("admin-url-skip"))
    await official.press(official.last, t_b("admin-save-button"))
    assert plain(t_b("demand-scheduled", id=demand.id)) in official.last.content
    [meeting] = await year.world.services.meetings.list_recent(1)
    assert meeting.off_calendar and meeting.venue.code == OKRUG_B
    year.meetings["N2"] = meeting.id
    received = await year.take()
    for user_id in (ERLAN, RAISA):
        assert any(f"{meeting.id}" in m.content for m in received[user_id]), received[user_id]


async def quarterly_digest(year: Year, quarter: int, day: date) -> str:
    """The day after the quarter's report due date, 09:00: the coordinator's digest, in
    Russian, of her territory; its text."""
    received = await year.at(local(day.year, day.month, day.day))
    t = year.t(COORDINATOR)
    intro = plain(t("report-digest-intro", period=period_name(t, f"2027q{quarter}")))
    [digest] = [m for m in received[COORDINATOR] if m.content.startswith(intro)]
    assert [b.text for b in digest.buttons] == [
        t("report-digest-charts-button"),
        t("report-xlsx-button"),
    ]
    return digest.content


async def second_quarter(year: Year) -> None:
    n2 = year.meetings["N2"]
    await year.at(local(2027, 4, 27))
    t_b = year.t(OFFICIAL_B)
    result = await announce(year, OFFICIAL_B, n2)
    # Announced by 3 May: on time.
    assert plain(t_b("lc-timing-on-time", due=day_text(t_b, date(2027, 5, 3)))) in result
    await year.take()
    numbers = year.numbers
    numbers["pb3"] = await ask(
        year, RAISA, n2, "Предлагаю пробурить новую скважину у клуба.", proposal=True
    )
    numbers["qb4"] = await ask(year, ERLAN, n2, "Су құбыры қай жылы тартылады?")
    await year.take()
    await resolve(year, OFFICIAL_B, n2, numbers["qb4"], "answer", "Келесі жылы тартылады.")
    await resolve(year, OFFICIAL_B, n2, numbers["pb3"], "accept")
    await year.take()
    requests = await held(year, n2)
    await rate(year, requests, RAISA, 5)
    await rate(year, requests, ERLAN, 5)
    await year.at(local(2027, 5, 15))
    await publish_plan(year, OFFICIAL_B, n2, [numbers["pb3"]], date(2027, 9, 30))
    await year.take()


async def uncovered_second_quarter(year: Year) -> None:
    """Neither okrug visited its village in Q2 (B's meeting of 10 May was for the whole okrug,
    held at its centre, not in the village): each is warned of 30 days (1 June) and 10 days
    (21 June) before 30 June, in its official's language. The coordinator looks at /coverage;
    on 1 July she hears that both villages stayed uncovered."""
    for moment, days in ((local(2027, 6, 1), 29), (local(2027, 6, 21), 9)):
        received = await year.at(moment)
        for user_id, okrug, village in (
            (OFFICIAL_A, OKRUG_A, VILLAGE_A),
            (OFFICIAL_B, OKRUG_B, VILLAGE_B),
        ):
            t = year.t(user_id)
            locale = LOCALE[user_id]
            [warning] = coverage_notices(received[user_id])
            head = t(
                "coverage-warning",
                akimat=await name(year, okrug, locale),
                days=days,
                period=t(
                    "coverage-period",
                    start=day_text(t, date(2027, 4, 1)),
                    end=day_text(t, date(2027, 6, 30)),
                ),
                count=1,
                units="",
            )
            assert warning.content.startswith("\n".join(plain(head).split("\n")[:2]))
            assert VILLAGE_NAMES[village][locale] in warning.content

    t = year.t(COORDINATOR)
    coordinator = year.chat(COORDINATOR)
    okrug_a, okrug_b = await name(year, OKRUG_A, "ru"), await name(year, OKRUG_B, "ru")
    [screen] = await coordinator.say("/coverage")
    for okrug in (okrug_a, okrug_b):
        line = t(
            "coverage-line", akimat=okrug, period="2027-Q2", covered=0, planned=0, uncovered=1
        )
        assert line in screen.content, screen.content
    await coordinator.press(screen, f"{okrug_a} ❌ 1")
    unit = t("coverage-unit-uncovered", unit=VILLAGE_NAMES[VILLAGE_A]["ru"])
    assert unit in coordinator.last.content

    received = await year.at(local(2027, 7, 1))
    [report] = [m for m in coverage_notices(received[COORDINATOR]) if okrug_a in m.content]
    assert okrug_b in report.content
    assert VILLAGE_NAMES[VILLAGE_A]["ru"] in report.content
    assert VILLAGE_NAMES[VILLAGE_B]["ru"] in report.content
    # The admin hears nothing of akimats the coordinator reads.
    assert [m for m in coverage_notices(received[ADMIN_ID]) if "Қараағаш" in m.content] == []


async def name(year: Year, code: str, locale: str) -> str:
    place = await year.world.services.localities.get(code)
    assert place is not None
    return place.name(locale)


# --- Q2's reports, Q3, Q4 ----------------------------------------------------------------------


async def second_reports(year: Year) -> None:
    """10 July (due 25 July): A's March plan done; B's February plan still in progress, its May
    plan done."""
    await year.at(local(2027, 7, 10))
    await progress(year, OFFICIAL_A, year.meetings["M1"], 2, done=True)
    await progress(year, OFFICIAL_B, year.meetings["N1"], 2, done=False)
    await progress(year, OFFICIAL_B, year.meetings["N2"], 2, done=True)
    await year.take()


async def third_quarter(year: Year) -> None:
    """A's September meeting from its calendar: four proposals, three accepted (the plan links
    them), one rejected; a question answered. 10 October: A's Q3 report (due 25 October), its
    plan done. B lets the Q3 report of its February plan pass: it is missing."""
    await year.at(local(2027, 8, 16))
    m2 = year.meetings["M2"] = await draft_from_calendar(year, OFFICIAL_A, 2)
    await year.at(local(2027, 9, 1))
    t_a = year.t(OFFICIAL_A)
    result = await announce(year, OFFICIAL_A, m2)
    assert plain(t_a("lc-timing-on-time", due=day_text(t_a, date(2027, 9, 8)))) in result
    await year.take()
    numbers = year.numbers
    numbers["pa2"] = await ask(
        year, ROMAN, m2, "Предлагаю поставить фонари на главной улице.", proposal=True
    )
    numbers["pa3"] = await ask(year, AIDANA, m2, "Балалар алаңын салуды ұсынамын.", proposal=True)
    numbers["pa4"] = await ask(
        year, ROMAN, m2, "Предлагаю построить в Инталы аквапарк.", proposal=True
    )
    numbers["pa5"] = await ask(
        year, ERLAN, m2, "Аялдамаға шатыр орнатуды ұсынамын.", proposal=True
    )
    numbers["qa3"] = await ask(year, AIDANA, m2, "Күзде көмір қашан әкелінеді?")
    await year.take()
    for key in ("pa2", "pa3", "pa5"):
        await resolve(year, OFFICIAL_A, m2, numbers[key], "accept")
    await resolve(year, OFFICIAL_A, m2, numbers["pa4"], "reject", "Бюджетте қаражат жоқ.")
    await resolve(year, OFFICIAL_A, m2, numbers["qa3"], "answer", "Қазан айында әкелінеді.")
    await year.take()
    await held(year, m2)
    await year.at(local(2027, 9, 20))
    await publish_plan(
        year, OFFICIAL_A, m2, [numbers["pa2"], numbers["pa3"], numbers["pa5"]], date(2027, 12, 1)
    )
    await year.take()
    await year.at(local(2027, 10, 10))
    await progress(year, OFFICIAL_A, m2, 3, done=True)
    await year.take()


async def fourth_quarter(year: Year) -> None:
    """Nobody meets. Both villages warned on 1 and 21 December; on 1 January the coordinator
    hears they stayed uncovered. 10 January: B's Q4 report (due 25 January) finishes its
    February plan; the Q3 report it missed stays missing."""
    for moment in (local(2027, 12, 1), local(2027, 12, 21)):
        received = await year.at(moment)
        for user_id in (OFFICIAL_A, OFFICIAL_B):
            assert len(coverage_notices(received[user_id])) == 1, received[user_id]
    received = await year.at(local(2028, 1, 1))
    okrug_a, okrug_b = await name(year, OKRUG_A, "ru"), await name(year, OKRUG_B, "ru")
    [report] = [m for m in coverage_notices(received[COORDINATOR]) if okrug_a in m.content]
    assert okrug_b in report.content
    await year.at(local(2028, 1, 10))
    await progress(year, OFFICIAL_B, year.meetings["N1"], 4, done=True)
    await year.take()


# --- 27 January 2028: what the coordinator reads ----------------------------------------------

A, B, OBLAST = "A", "B", "oblast"
# (C proposals, B accepted, rejected, G questions, E answered, F %, band, zero reasons), by
# period and akimat, computed by hand from the story above (seed 004, clauses 20-23: F =
# (B/C)·(E/G)·100, a ratio with nothing received is 1; F = 0 when a plan or a quarterly report
# was not public in time). The oblast's akimat (its row made when the coordinator was appointed)
# received nothing and owed nothing: 100 % every period.
EXPECTED: dict[str, dict[str, tuple[int, int, int, int, int, float, str, tuple[str, ...]]]] = {
    # A: qa1 answered, qa2 not; pa1 linked to the March plan: 1/1 · 1/2 = 50 %.
    # B: qb1 answered, qb2 rejected with a reason (answered), qb3 not; pb1 linked, pb2
    # rejected: 1/2 · 2/3 = 33.3 %, but the plan of 20 February was published 3 days late: 0.
    "2027q1": {
        A: (1, 1, 0, 2, 1, 50.0, "low", ()),
        B: (2, 1, 1, 3, 2, 0.0, "ineffective", ("plan",)),
        OBLAST: (0, 0, 0, 0, 0, 100.0, "high", ()),
    },
    # A: nothing received: 1 · 1. B: pb3 linked, qb4 answered: 1 · 1. Every report on time.
    "2027q2": {
        A: (0, 0, 0, 0, 0, 100.0, "high", ()),
        B: (1, 1, 0, 1, 1, 100.0, "high", ()),
        OBLAST: (0, 0, 0, 0, 0, 100.0, "high", ()),
    },
    # A: pa2, pa3, pa5 linked, pa4 rejected; qa3 answered: 3/4 · 1/1 = 75 %. B: nothing
    # received, but the Q3 report of its February plan (open all quarter) is missing: 0.
    "2027q3": {
        A: (4, 3, 1, 1, 1, 75.0, "medium", ()),
        B: (0, 0, 0, 0, 0, 0.0, "ineffective", ("report",)),
        OBLAST: (0, 0, 0, 0, 0, 100.0, "high", ()),
    },
    # Nothing received; B's Q4 report on time.
    "2027q4": {
        A: (0, 0, 0, 0, 0, 100.0, "high", ()),
        B: (0, 0, 0, 0, 0, 100.0, "high", ()),
        OBLAST: (0, 0, 0, 0, 0, 100.0, "high", ()),
    },
    # H1 = Q1 + Q2. A: 1/1 · 1/2 = 50 %. B: 2/3 · 3/4 = 50 %, zeroed by the late plan.
    "2027h1": {
        A: (1, 1, 0, 2, 1, 50.0, "low", ()),
        B: (3, 2, 1, 4, 3, 0.0, "ineffective", ("plan",)),
        OBLAST: (0, 0, 0, 0, 0, 100.0, "high", ()),
    },
    # H2 = Q3 + Q4. A: 3/4 · 1/1 = 75 %. B: nothing received, but the missing Q3 report: 0.
    "2027h2": {
        A: (4, 3, 1, 1, 1, 75.0, "medium", ()),
        B: (0, 0, 0, 0, 0, 0.0, "ineffective", ("report",)),
        OBLAST: (0, 0, 0, 0, 0, 100.0, "high", ()),
    },
    # The year. A: 4/5 · 2/3 = 8/15 = 53.3 %. B: 2/3 · 3/4 = 50 %, zeroed twice over.
    "2027y1": {
        A: (5, 4, 1, 3, 2, 53.3, "low", ()),
        B: (3, 2, 1, 4, 3, 0.0, "ineffective", ("plan", "report")),
        OBLAST: (0, 0, 0, 0, 0, 100.0, "high", ()),
    },
}
# The whole territory's on-time record (announcements, plans, quarterly reports), each as (on
# time, late, missing): B's February announcement and plan were the late ones; the reports
# owed are every published plan's for each quarter it was unfinished at (or reported on).
ON_TIME = {
    "2027q1": ((1, 1, 0), (1, 1, 0), (2, 0, 0)),  # M1 and N1; their Q1 reports
    "2027q2": ((1, 0, 0), (1, 0, 0), (3, 0, 0)),  # N2; M1, N1 and N2 reported
    "2027q3": ((1, 0, 0), (1, 0, 0), (1, 0, 1)),  # M2; M2 reported, N1's report missing
    "2027q4": ((0, 0, 0), (0, 0, 0), (1, 0, 0)),  # N1 reported (M1, M2, N2 were done)
    "2027h1": ((2, 1, 0), (2, 1, 0), (5, 0, 0)),
    "2027h2": ((1, 0, 0), (1, 0, 0), (2, 0, 1)),
    "2027y1": ((3, 1, 0), (3, 1, 0), (7, 0, 1)),
}
# The bot's survey, how many gave 1..5: M1 got a 5, N1 a 4 and a 2, N2 two 5s.
RATINGS = {
    "2027q1": (0, 1, 0, 1, 1),
    "2027q2": (0, 0, 0, 0, 2),
    "2027q3": (0, 0, 0, 0, 0),
    "2027q4": (0, 0, 0, 0, 0),
    "2027h1": (0, 1, 0, 1, 3),
    "2027h2": (0, 0, 0, 0, 0),
    "2027y1": (0, 1, 0, 1, 3),
}


async def coordinators_reports(year: Year, monkeypatch: pytest.MonkeyPatch) -> None:
    """/report for each quarter, half-year and the year, as the coordinator reads it: the
    summary, the charts' data (caught as the handler draws them) and the PNGs, and the year's
    XLSX workbook."""
    await year.at(local(2028, 1, 27))
    t = year.t(COORDINATOR)
    coordinator = year.chat(COORDINATOR)
    names = {
        A: await name(year, OKRUG_A, "ru"),
        B: await name(year, OKRUG_B, "ru"),
        OBLAST: await name(year, ULYTAU, "ru"),
    }
    # Five charts drawn per report: more than the default five seconds on a busy machine.
    coordinator.timeout = 60.0
    drawn: list[list[Chart]] = []
    build_charts = report_handler.build_charts

    def spy(*args: Any, **kwargs: Any) -> list[Chart]:
        charts = build_charts(*args, **kwargs)
        drawn.append(charts)
        return charts

    monkeypatch.setattr(report_handler, "build_charts", spy)
    for code, expected in EXPECTED.items():
        drawn.clear()
        if code == "2027y1":
            # The picker offers the year just ended among its buttons.
            [picker] = await coordinator.say("/report")
            events = await coordinator.press(picker, period_name(t, code))
            sent = [e.message for e in events if e.type == "sent" and e.message]
        else:
            sent = await coordinator.say(f"/report {code}")
        summary, *photos = sent
        title = t("report-title", period=period_name(t, code), count=3)
        assert summary.content.startswith(plain(title)), summary.content
        for key, (c, b, rejected, g, e, f, band, reasons) in expected.items():
            head = f"{names[key]} — F {f:.1f} %, {t(f'report-band-{band}')}"
            assert head in summary.content, (code, key, summary.content)
            counts = t(
                "report-counts-line",
                proposals=c,
                accepted=b,
                rejected=rejected,
                pending=c - b - rejected,
                questions=g,
                answered=e,
                unanswered=g - e,
            )
            block = summary.content[summary.content.index(head) :]
            assert block.split("\n")[1] == plain(counts), (code, key, block)
            if reasons:
                zero = "; ".join(t(f"report-zero-{r}") for r in reasons)
                assert plain(t("report-zero-line", reasons=zero)) == block.split("\n")[2]
        # The charts, from the same numbers.
        [charts] = drawn
        by_name = {chart.name: chart for chart in charts}
        index = {
            label: (round(f, 1), band) for label, (f, band) in by_name["index"].series.items()
        }
        assert index == {names[key]: (row[5], row[6]) for key, row in expected.items()}
        assert list(by_name["ontime"].series.values()) == list(ON_TIME[code])
        assert tuple(by_name["rating"].series.values()) == RATINGS[code]
        assert dict(by_name["coverage"].series) == {
            names[key]: units for key, units in COVERAGE[code].items()
        }
        assert [chart.name for chart in charts] == [
            "index",
            "ontime",
            "rating",
            "trend",
            "coverage",
        ]
        assert len(photos) == len(charts)
        for photo, chart in zip(photos, charts, strict=True):
            assert photo.content == t(f"report-caption-{chart.name}", period=period_name(t, code))
            assert photo.photo is not None
            data = await year.world.client.download(photo.photo[-1]["file_id"])
            with Image.open(io.BytesIO(data)) as image:
                assert image.format == "PNG" and image.size[0] > 100
                image.load()
        if code == "2027y1":
            # The mean F of the three akimats, quarter by quarter: (50 + 0 + 100) / 3,
            # (100 + 100 + 100) / 3, (75 + 0 + 100) / 3, (100 + 100 + 100) / 3.
            trend = {label: round(v, 2) for label, v in by_name["trend"].series.items()}
            assert trend == {
                period_name(t, "2027q1"): 50.0,
                period_name(t, "2027q2"): 100.0,
                period_name(t, "2027q3"): 58.33,
                period_name(t, "2027q4"): 100.0,
            }
            await year_workbook(year, summary, names)


# Covered / planned / uncovered units at the period's last day (the oblast: its half-year, the
# four districts and cities of oblast significance none visited). A's village was visited in
# March and September, B's in February only (the May meeting was at the okrug's centre).
COVERAGE: dict[str, dict[str, tuple[int, int, int]]] = {
    "2027q1": {A: (1, 0, 0), B: (1, 0, 0), OBLAST: (0, 0, 4)},
    "2027q2": {A: (0, 0, 1), B: (0, 0, 1), OBLAST: (0, 0, 4)},
    "2027q3": {A: (1, 0, 0), B: (0, 0, 1), OBLAST: (0, 0, 4)},
    "2027q4": {A: (0, 0, 1), B: (0, 0, 1), OBLAST: (0, 0, 4)},
    "2027h1": {A: (0, 0, 1), B: (0, 0, 1), OBLAST: (0, 0, 4)},
    "2027h2": {A: (0, 0, 1), B: (0, 0, 1), OBLAST: (0, 0, 4)},
    "2027y1": {A: (0, 0, 1), B: (0, 0, 1), OBLAST: (0, 0, 4)},
}


async def digest_reads(year: Year, quarter: int, day: date, keys: tuple[str, ...]) -> None:
    """The quarter's digest, the day after its report due date, says what /report will say of
    that quarter at the year's end (nothing of it changes later in the story)."""
    t = year.t(COORDINATOR)
    text = await quarterly_digest(year, quarter, day)
    code = f"2027q{quarter}"
    assert plain(t("report-title", period=period_name(t, code), count=len(keys))) in text
    for key in keys:
        *_, f, band, reasons = EXPECTED[code][key]
        okrug = {A: OKRUG_A, B: OKRUG_B, OBLAST: ULYTAU}[key]
        head = f"{await name(year, okrug, 'ru')} — F {f:.1f} %, {t(f'report-band-{band}')}"
        assert head in text, (code, key, text)
        if reasons:
            zero = "; ".join(t(f"report-zero-{r}") for r in reasons)
            assert plain(t("report-zero-line", reasons=zero)) in text


async def year_workbook(year: Year, summary: BotMessage, names: dict[str, str]) -> None:
    """The year's XLSX, opened with openpyxl: the index sheet's cells are the table's."""
    t = year.t(COORDINATOR)
    coordinator = year.chat(COORDINATOR)
    events = await coordinator.press(summary, t("report-xlsx-button"))
    [document] = [e.message for e in events if e.type == "sent" and e.message]
    assert document.document is not None
    data = await year.world.client.download(document.document["file_id"])
    book = load_workbook(io.BytesIO(data))
    sheet = book[t("report-xlsx-sheet-index")]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    for key, (c, b, rejected, g, e, f, band, reasons) in EXPECTED["2027y1"].items():
        row = rows[names[key]]
        assert row[2:11] == (
            c,
            b,
            rejected,
            c - b - rejected,
            g,
            e,
            g - e,
            f,
            t(f"report-band-{band}"),
        )
        assert (row[11] or "") == "; ".join(t(f"report-zero-{r}") for r in reasons)
    people = book[t("report-xlsx-sheet-participation")]
    ratings = {row[0]: row[8:13] for row in people.iter_rows(min_row=2, values_only=True)}
    # A: Aidana's 5 for March; B: 4 and 2 for February, two 5s for May.
    assert ratings[names[A]] == (0, 0, 0, 0, 1)
    assert ratings[names[B]] == (0, 1, 0, 1, 2)


# --- the year ---------------------------------------------------------------------------------


async def test_a_year_of_two_akimats(world: BotWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    year = Year(world)
    await invite_coordinator(year)
    await officials_and_citizens(year)
    await calendar_in_chat(year)
    await calendar_by_file(year)
    await approve_and_submit(year)
    await first_quarter(year)
    await first_reports_and_demand(year)
    # The oblast's own akimat is in the territory from the coordinator's appointment on.
    await digest_reads(year, 1, date(2027, 4, 26), (A, B, OBLAST))
    await second_quarter(year)
    await uncovered_second_quarter(year)
    await second_reports(year)
    await digest_reads(year, 2, date(2027, 7, 26), (A, B, OBLAST))
    await third_quarter(year)
    await digest_reads(year, 3, date(2027, 10, 26), (A, B, OBLAST))
    await fourth_quarter(year)
    await digest_reads(year, 4, date(2028, 1, 26), (A, B, OBLAST))
    await coordinators_reports(year, monkeypatch)


# --- a step of the calendar marked in /deadlines shows on /calendar -----------------------------


async def test_a_step_marked_in_deadlines_shows_on_the_calendar(world: BotWorld) -> None:
    """An official of the oblast (Kazakh) marks the 2027 calendar approved in /deadlines (the
    calendar itself kept elsewhere, never agreed in the bot): /calendar 2027 says it is approved
    that day and offers no second approval. A second official of the oblast (Russian) reads the
    same and submits it from the calendar; /deadlines then owes nothing of it."""
    kk, ru = world.text("kk"), world.text("ru")
    marker = await world.citizen(OFFICIAL_A, "kk")
    await an_official(world.app.session_factory, OFFICIAL_A, akimat=ULYTAU, locale="kk")
    submitter = await world.citizen(OFFICIAL_B, "ru")
    await an_official(world.app.session_factory, OFFICIAL_B, akimat=ULYTAU, locale="ru")
    [answer] = await marker.say("/deadlines")
    await marker.press(answer, kk("deadlines-mark-approve-button", year="2027"))
    await marker.press(marker.last, kk("deadlines-mark-yes"))
    assert marker.last.content.startswith(plain(kk("deadlines-marked")))

    today = world.clock.now().astimezone(ALMATY).date()
    for chat, t in ((marker, kk), (submitter, ru)):
        [screen] = await chat.say("/calendar 2027")
        approved = t("calendar-status-approved-unagreed", approved=day_text(t, today))
        assert plain(approved) in screen.content, screen.content
        assert t("calendar-btn-approve") not in [button.text for button in screen.buttons]
    await submitter.press(screen, ru("calendar-btn-submit"))
    assert submitter.callback_answers[-1].get("text") == ru("calendar-submitted")
    for chat, t in ((marker, kk), (submitter, ru)):
        [screen] = await chat.say("/calendar 2027")
        submitted = t(
            "calendar-status-submitted-unagreed",
            approved=day_text(t, today),
            submitted=day_text(t, today),
        )
        assert plain(submitted) in screen.content, screen.content
        [duties] = await chat.say("/deadlines")
        assert plain(t("deadlines-kind-calendar_submit", year="2027")) not in duties.content
        assert plain(t("deadlines-kind-calendar_approve", year="2027")) not in duties.content
