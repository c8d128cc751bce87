"""The question pool end to end, in Kazakh and Russian: citizens ask and support, an official of
the host akimat opens /pool, answers one (its author and supporter receive the answer), rejects
one with a reason, merges a duplicate, exports the XLSX; the citizens' /myquestions shows what
became of each; a forged button of another akimat's official is refused and audited."""

import html
import io
import re
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from handlers.callbacks import PoolItemAction, PoolItemCb, PoolListCb
from handlers.names import locality_name
from locales import Text
from sandbox.client import BotMessage, ChatSession
from services.pool import ANSWER_MIN_LENGTH
from services.questions import SupportResult
from storage.models import (
    AuditEntry,
    Question,
    QuestionKind,
    QuestionStatus,
)
from tests.builders import a_draft, an_official
from tests.e2e.harness import ADMIN_ID, START, BotWorld
from tests.shortcuts import announce_quietly

# Жаңаарқа district holds the meeting in the settlement of Жаңаарқа.
HOST, VENUE = "623600000", "623630100"
ULYTAU_OKRUG = "623830000"  # another district's okrug: its official has no say here
OFFICIAL, STRANGER = 5001, 5002
ALICE, BOB, CAROL, DANA = 2601, 2602, 2603, 2604
NUMBER = re.compile(r"\b[QP]-2026-\d{6}\b")

QUESTIONS = {
    "kk": (
        "Жаңаарқа кентіндегі Абай көшесінің жолы қашан жөнделеді?",
        "Стадионды түнде де ашық ұстау керек пе?",
        "Абай көшесіндегі шұңқырлар қашан жабылады?",
    ),
    "ru": (
        "Когда отремонтируют дорогу на улице Абая в посёлке Жанаарка?",
        "Нельзя ли открыть стадион и ночью?",
        "Когда заделают ямы на улице Абая?",
    ),
}
ANSWER = 'Жол 2027 жылы <жөнделеді> & "жарық" қойылады'
REASON = "Бұл мәселе <аудан> құзыретінде емес"


def plain(text: str) -> str:
    """What a person reads of an HTML message: tags gone, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def setup(world: BotWorld, locale: str) -> tuple[int, int]:
    """An announced meeting of the district, its official and a stranger from another district.
    Returns the meeting id and the host akimat id."""
    meetings = world.services.meetings
    meeting = await a_draft(
        meetings, host=HOST, venue=VENUE, starts_at=START + timedelta(days=20), created_by=ADMIN_ID
    )
    await announce_quietly(meetings, meeting.id)
    sessions = world.app.session_factory
    host_id = await an_official(sessions, OFFICIAL, akimat=HOST, locale=locale)
    await an_official(sessions, STRANGER, akimat=ULYTAU_OKRUG, locale=locale)
    return meeting.id, host_id


async def ask_in_chat(chat: ChatSession, t: Text, meeting_id: int, text: str) -> str:
    replies = await chat.say(f"/start m{meeting_id}")
    await chat.press(replies[-1], t("meet-btn-ask"))
    await chat.say(text)
    await chat.press(chat.last, t("q-skip-button"))
    await chat.press(chat.last, t("q-send-button"))
    match = NUMBER.search(chat.last.content)
    assert match is not None
    return match.group(0)


async def question_id(world: BotWorld, number: str) -> int:
    async with world.app.session_factory() as session:
        found = await session.scalar(select(Question.id).where(Question.public_number == number))
    assert found is not None
    return found


def index_of(listing: BotMessage, number: str) -> str:
    """The list number ("1", "2"...) shown before a question's public number."""
    match = re.search(rf"(\d+)\. {re.escape(number)}", listing.content)
    assert match is not None, listing.content
    return match.group(1)


async def delivered(world: BotWorld, *chats: ChatSession) -> dict[int, str]:
    """Deliver the outbox, then each chat's newest message."""
    await world.sender.drain()
    latest: dict[int, str] = {}
    for chat in chats:
        await chat.collect("a notification")
        latest[chat.user_id] = chat.last.content
    return latest


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_official_answers_rejects_merges_and_exports(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    meeting_id, _ = await setup(world, locale)
    alice, bob, carol, dana = [
        await world.citizen(user_id, locale) for user_id in (ALICE, BOB, CAROL, DANA)
    ]
    first, second, third = QUESTIONS[locale]

    # Citizens ask and support, through the chat.
    road = await ask_in_chat(alice, t, meeting_id, first)
    stadium = await ask_in_chat(carol, t, meeting_id, second)
    potholes = await ask_in_chat(dana, t, meeting_id, third)
    card = (await bob.say(f"/start m{meeting_id}"))[-1]
    await bob.press(card, t("meet-btn-questions"))
    await bob.press(bob.last, t("q-support-button", index=1, count=0, supported="no"))
    supported = await world.services.questions.support(CAROL, await question_id(world, potholes))
    assert supported is SupportResult.ADDED

    # The official opens the pool: most supported first, the road (older) before the potholes.
    official = await world.chat(OFFICIAL, locale)
    [listing] = await official.say(f"/pool {meeting_id}")
    assert f"№{meeting_id}" in listing.content or f"#{meeting_id}" in listing.content
    numbers = NUMBER.findall(listing.content)
    assert numbers == [road, potholes, stadium]
    assert plain(t("pool-counts", new=3, accepted=0, answered=0, rejected=0, merged=0)) in (
        listing.content
    )
    meeting = await world.services.meetings.get(meeting_id)
    assert meeting is not None
    cutoff = t.datetime(meeting.questions_cutoff)
    assert plain(t("pool-collection-open", cutoff=cutoff)) in listing.content

    # Answer the road question: a too short text first, then one with markup-like characters.
    await official.press(listing, index_of(listing, road))
    item = official.messages[listing.message_id]
    assert first in item.content
    await official.press(item, t("pool-answer-button"))
    prompt = official.last
    assert road in prompt.content
    [short] = await official.say("Иә")
    assert short.content == plain(t("pool-too-short", length=2, min=ANSWER_MIN_LENGTH, max=2000))
    [preview] = await official.say(ANSWER)
    assert ANSWER in preview.content
    await official.press(preview, t("pool-send-button"))
    done = official.messages[preview.message_id]
    assert plain(t("pool-answered", number=road, notified=2)) in done.content

    # The author and the supporter receive the answer, exactly as typed.
    received = await delivered(world, alice, bob)
    meeting_line = t(
        "q-meeting-line",
        when=t.datetime(meeting.starts_at),
        host=locality_name(meeting.host.name_kk, meeting.host.name_ru, locale),
    )
    expected = {"number": road, "kind": "question", "meeting": meeting_line, "supports": 1}
    assert received[ALICE] == plain(
        t("pool-notice-answered", text=first, resolution=html.escape(ANSWER), **expected)
    )
    assert received[BOB] == plain(
        t(
            "pool-notice-answered-supporter",
            text=first,
            resolution=html.escape(ANSWER),
            **expected,
        )
    )

    # Reject the stadium question with a reason.
    await official.press(done, t("pool-back-button"))
    listing = official.messages[done.message_id]
    await official.press(listing, index_of(listing, stadium))
    await official.press(official.messages[listing.message_id], t("pool-reject-button"))
    [preview] = await official.say(REASON)
    assert REASON in preview.content
    await official.press(preview, t("pool-send-button"))
    assert plain(t("pool-rejected", number=stadium, notified=1)) in (
        official.messages[preview.message_id].content
    )
    received = await delivered(world, carol)
    assert REASON in received[CAROL]
    assert stadium in received[CAROL]

    # Merge the potholes into the road question: Dana's and Carol's voices move over.
    [listing] = await official.say(f"/pool {meeting_id}")
    await official.press(listing, index_of(listing, potholes))
    item = official.messages[listing.message_id]
    await official.press(item, t("pool-merge-button"))
    picker = official.messages[item.message_id]
    assert road in picker.content
    assert stadium not in picker.content  # rejected: nothing to merge into
    await official.press(picker, index_of(picker, road))
    confirm = official.messages[picker.message_id]
    assert potholes in confirm.content and road in confirm.content
    await official.press(confirm, t("pool-merge-confirm-button"))
    merged = official.messages[confirm.message_id]
    # Bob, Carol (moved from the duplicate) and Dana (its author).
    assert plain(t("pool-merged", number=potholes, target=road, count=3, notified=3)) in (
        merged.content
    )
    received = await delivered(world, dana, alice, carol)
    assert road in received[DANA] and potholes in received[DANA]
    assert road in received[CAROL] and potholes in received[CAROL]
    # The road was answered already: Dana gets that answer too.
    assert ANSWER in received[DANA]
    assert potholes in received[ALICE]

    # /myquestions shows what became of each.
    [mine] = await alice.say("/myquestions")
    assert plain(t("q-status", status="answered")) in mine.content
    assert ANSWER in mine.content
    [mine] = await carol.say("/myquestions")
    assert plain(t("q-status", status="rejected")) in mine.content
    assert REASON in mine.content
    [mine] = await dana.say("/myquestions")
    assert plain(t("pool-mine-merged", number=road)) in mine.content

    # The XLSX export, in the official's language.
    await official.press(merged, t("pool-back-button"))
    listing = official.messages[merged.message_id]
    assert plain(t("pool-counts", new=0, accepted=0, answered=1, rejected=1, merged=1)) in (
        listing.content
    )
    events = await official.press(listing, t("pool-export-button"))
    documents = [e.message for e in events if e.message is not None and e.message.document]
    assert len(documents) == 1
    document = documents[0].document
    assert document is not None
    assert document["file_name"] == f"pool-meeting-{meeting_id}.xlsx"
    data = await world.client.download(document["file_id"])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet.title == t("pool-xlsx-sheet")
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == t("pool-xlsx-number")
    by_number = {row[0]: row for row in rows[1:]}
    assert set(by_number) == {road, stadium, potholes}
    assert by_number[road][2] == t("pool-xlsx-status-name", status="answered")
    assert by_number[road][4] == 3
    assert by_number[road][6] == ANSWER
    assert by_number[stadium][6] == REASON
    assert by_number[potholes][7] == road
    assert by_number[potholes][3] == third

    # After the cutoff the pool says the collection is closed; /pool alone lists the meeting.
    world.clock.set(meeting.questions_cutoff + timedelta(minutes=1))
    [choice] = await official.say("/pool")
    assert choice.content == plain(t("pool-usage"))
    [button] = [b.text for b in choice.buttons]
    assert button.startswith(f"№{meeting_id} · ") or button.startswith(f"#{meeting_id} · ")
    await official.press(choice, button)
    assert plain(t("pool-collection-closed", cutoff=cutoff)) in (
        official.messages[choice.message_id].content
    )

    async with world.app.session_factory() as session:
        statuses = dict(
            (await session.execute(select(Question.public_number, Question.status))).all()
        )
    assert statuses == {
        road: QuestionStatus.ANSWERED,
        stadium: QuestionStatus.REJECTED,
        potholes: QuestionStatus.MERGED,
    }


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_another_akimats_official_is_refused_and_audited(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    meeting_id, host_id = await setup(world, locale)
    alice = await world.citizen(ALICE, locale)
    question = await world.services.questions.ask(
        ALICE, meeting_id, QuestionKind.QUESTION, QUESTIONS[locale][0]
    )

    stranger = await world.chat(STRANGER, locale)
    [usage] = await stranger.say("/pool")
    assert usage.content == plain(t("pool-usage-none"))
    [denied] = await stranger.say(f"/pool {meeting_id}")
    assert denied.content == t("access-denied")

    # A forged "Accept" on one of the bot's messages in the stranger's own chat.
    forged = PoolItemCb(action=PoolItemAction.ACCEPT, question_id=question.id).pack()
    await world.client.press(STRANGER, denied.message_id, forged)
    await stranger.collect("a forged Accept")
    answer = stranger.callback_answers[-1]
    assert answer.get("text") == t("access-denied")
    assert answer.get("show_alert")
    forged_list = PoolListCb(meeting_id=meeting_id).pack()
    await world.client.press(STRANGER, denied.message_id, forged_list)
    await stranger.collect("a forged list")
    assert stranger.callback_answers[-1].get("text") == t("access-denied")

    stored = await world.services.questions.get(question.id)
    assert stored is not None and stored.status is QuestionStatus.NEW
    async with world.app.session_factory() as session:
        entries = (
            await session.scalars(
                select(AuditEntry).where(AuditEntry.actor_id == STRANGER).order_by(AuditEntry.id)
            )
        ).all()
    assert [(e.action, e.allowed, e.akimat_id) for e in entries] == [
        ("pool.view", False, host_id),
        ("pool.accept", False, host_id),
        ("pool.view", False, host_id),
    ]
    assert entries[1].target == f"question:{question.id}"

    # A citizen who is no official at all: told the button is not theirs, and recorded.
    await world.client.press(ALICE, alice.last.message_id, forged)
    await alice.collect("a forged Accept by a citizen")
    assert alice.callback_answers[-1].get("text") == t("outsider-staff-button")
    async with world.app.session_factory() as session:
        pressed = await session.scalar(
            select(AuditEntry).where(AuditEntry.actor_id == ALICE).order_by(AuditEntry.id.desc())
        )
    assert pressed is not None and (pressed.action, pressed.allowed) == ("pool.button", False)
