"""Questions and proposals end to end, in Kazakh and Russian: asking with and without a photo,
proposing, the number in the reply, /myquestions, another citizen's "me too", double taps,
HTML-looking text, bad input in the flow, and the cutoff."""

import html
import json
import logging
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from handlers.callbacks import MeetingAction, MeetingCb
from handlers.citizen.ask import Draft, preview_text, write_prompt
from locales import LOCALES, Translator
from sandbox.client import BotMessage, ChatSession
from services.questions import MAX_LENGTH, MIN_LENGTH
from storage.models import FsmRecord, Question, QuestionKind
from tests.builders import a_draft
from tests.e2e.harness import ADMIN_ID, START, BotWorld
from tests.shortcuts import announce_quietly

# Жаңаарқа district: its akim meets the people in the settlement of Жаңаарқа.
HOST, VENUE = "623600000", "623630100"
NUMBER = re.compile(r"\b([QP])-2026-(\d{6})\b")
QUESTION = {
    "kk": "Жаңаарқа кентіндегі Абай көшесінің жолы қашан жөнделеді?",
    "ru": "Когда отремонтируют дорогу на улице Абая в посёлке Жанаарка?",
}
PROPOSAL = {
    "kk": "Мектеп жанына жаяу жүргіншілер өткелін салуды ұсынамын",
    "ru": "Предлагаю сделать пешеходный переход возле школы",
}
# What a citizen may well type; it must come back exactly as typed, never as markup.
TRICKY = 'Неге <b>жол</b> & "су" жоқ? 5 > 3 <script>'


def plain(text: str) -> str:
    """What a person reads of an HTML message: tags gone, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def announced_meeting(world: BotWorld, days: int = 20) -> int:
    meetings = world.services.meetings
    meeting = await a_draft(
        meetings,
        host=HOST,
        venue=VENUE,
        starts_at=START + timedelta(days=days),
        created_by=ADMIN_ID,
    )
    await announce_quietly(meetings, meeting.id)
    return meeting.id


async def open_card(chat: ChatSession, meeting_id: int) -> BotMessage:
    replies = await chat.say(f"/start m{meeting_id}")
    return replies[-1]


async def count_questions(world: BotWorld, author_id: int) -> int:
    async with world.app.session_factory() as session:
        total = await session.scalar(
            select(func.count()).select_from(Question).where(Question.author_id == author_id)
        )
    return total or 0


def last_answer(chat: ChatSession) -> str:
    return str(chat.callback_answers[-1].get("text") or "")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_ask_with_photo_propose_without_and_myquestions(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    meeting_id = await announced_meeting(world)
    chat = await world.citizen(2001, locale)
    card = await open_card(chat, meeting_id)

    await chat.press(card, t("meet-btn-ask"))
    prompt = chat.last
    brief = await world.services.questions.meeting(meeting_id)
    assert brief is not None
    assert prompt.content == plain(write_prompt(t, brief, QuestionKind.QUESTION))
    assert [b.text for b in prompt.buttons] == [t("cancel-button")]

    [photo_prompt] = await chat.say(QUESTION[locale])
    assert photo_prompt.content == t("q-photo-prompt")
    assert [b.text for b in photo_prompt.buttons] == [t("q-skip-button"), t("cancel-button")]
    [preview] = await chat.send("photo")
    draft = Draft(meeting_id, QuestionKind.QUESTION, QUESTION[locale], "any", True)
    assert preview.content == plain(preview_text(t, brief, draft))

    await chat.press(preview, t("q-send-button"))
    receipt = chat.last
    match = NUMBER.search(receipt.content)
    assert match is not None
    assert match.group(1) == "Q"
    assert receipt.content == plain(t("q-sent", kind="question", number=match.group(0)))
    assert [b.text for b in receipt.buttons] == [
        t("q-others-button"),
        t("q-open-meeting-button"),
    ]
    # The number is shown bold.
    assert any(e["type"] == "bold" for e in receipt.entities)

    # A proposal, skipping the photo.
    await chat.press(card, t("meet-btn-propose"))
    await chat.say(PROPOSAL[locale])
    await chat.press(chat.last, t("q-skip-button"))
    preview = chat.last
    assert PROPOSAL[locale] in preview.content
    await chat.press(preview, t("q-send-button"))
    proposal_number = NUMBER.search(chat.last.content)
    assert proposal_number is not None
    assert proposal_number.group(1) == "P"

    # A photo with its caption at the text step: text and photo in one go.
    await chat.press(card, t("meet-btn-ask"))
    caption = QUESTION[locale] + " (2)"
    [preview] = await chat.send("photo", caption=caption)
    assert caption in preview.content
    await chat.press(preview, t("q-send-button"))
    assert NUMBER.search(chat.last.content) is not None

    async with world.app.session_factory() as session:
        stored = (
            await session.scalars(
                select(Question).where(Question.author_id == 2001).order_by(Question.id)
            )
        ).all()
    assert [q.kind for q in stored] == [
        QuestionKind.QUESTION,
        QuestionKind.PROPOSAL,
        QuestionKind.QUESTION,
    ]
    assert stored[0].photo_file_id
    assert stored[1].photo_file_id is None
    assert stored[2].photo_file_id
    assert stored[2].text == caption
    assert stored[0].public_number == match.group(0)

    [mine] = await chat.say("/myquestions")
    assert plain(t("q-mine-title", total=3)) in mine.content
    for number in (match.group(0), proposal_number.group(0)):
        assert number in mine.content
    assert plain(t("q-status", status="new")) in mine.content
    assert plain(t("q-kind", kind="proposal")) in mine.content
    assert plain(t("q-supports", count=0)) in mine.content
    assert not mine.buttons


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_others_see_and_support_with_text_shown_exactly(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    meeting_id = await announced_meeting(world)
    alice = await world.citizen(2101, locale)
    bob = await world.citizen(2102, locale)

    card = await open_card(alice, meeting_id)
    await alice.press(card, t("meet-btn-ask"))
    await alice.say(TRICKY)
    [preview] = await alice.send("photo")
    assert TRICKY in preview.content
    await alice.press(preview, t("q-send-button"))
    number = NUMBER.search(alice.last.content)
    assert number is not None

    bob_card = await open_card(bob, meeting_id)
    await bob.press(bob_card, t("meet-btn-questions"))
    listing = bob.last
    assert TRICKY in listing.content
    assert number.group(0) in listing.content
    support_label = t("q-support-button", index=1, count=0, supported="no")
    assert support_label in [b.text for b in listing.buttons]

    events = await bob.press(listing, support_label)
    assert last_answer(bob) == t("q-supported")
    assert any(e.type == "edited" for e in events)
    listing = bob.messages[listing.message_id]
    supported_label = t("q-support-button", index=1, count=1, supported="yes")
    assert supported_label in [b.text for b in listing.buttons]
    assert TRICKY in listing.content

    await bob.press(listing, supported_label)
    assert last_answer(bob) == t("q-already-supported")
    stored = await world.services.questions.get(int(number.group(2)))
    assert stored is not None
    assert stored.support_count == 1

    # The author sees their own question marked, with no button to support it.
    await alice.press(alice.last, t("q-others-button"))
    own_list = alice.last
    assert TRICKY in own_list.content
    assert not [b for b in own_list.buttons if b.text.startswith(("👍 1.", "✅ 1."))]

    [mine] = await alice.say("/myquestions")
    assert TRICKY in mine.content
    assert plain(t("q-supports", count=1)) in mine.content


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_double_tap_on_send_stores_one_question(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    meeting_id = await announced_meeting(world)
    chat = await world.citizen(2201, locale)
    card = await open_card(chat, meeting_id)
    await chat.press(card, t("meet-btn-ask"))
    await chat.say(QUESTION[locale])
    await chat.press(chat.last, t("q-skip-button"))
    preview = chat.last
    send = preview.button(t("q-send-button")).callback_data
    assert send is not None

    # Two taps before the bot answers either.
    await world.client.press(chat.user_id, preview.message_id, send)
    await world.client.press(chat.user_id, preview.message_id, send)
    await chat.collect("two taps on Send", minimum=3)
    assert await count_questions(world, 2201) == 1
    assert t("q-send-stale") in [str(a.get("text")) for a in chat.callback_answers]

    # A third tap much later on the old button: still one question, and a clear answer.
    await world.client.press(chat.user_id, preview.message_id, send)
    await chat.collect("a late tap on Send")
    assert last_answer(chat) == t("q-send-stale")
    assert await count_questions(world, 2201) == 1

    # Writing exactly the same again returns the number it already has.
    await chat.press(card, t("meet-btn-ask"))
    await chat.say(QUESTION[locale])
    await chat.press(chat.last, t("q-skip-button"))
    await chat.press(chat.last, t("q-send-button"))
    number = NUMBER.search(chat.last.content)
    assert number is not None
    assert chat.last.content == plain(t("q-sent-duplicate", number=number.group(0)))
    assert await count_questions(world, 2201) == 1


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_bad_input_keeps_the_draft(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    meeting_id = await announced_meeting(world)
    chat = await world.citizen(2301, locale)
    card = await open_card(chat, meeting_id)
    await chat.press(card, t("meet-btn-ask"))

    [answer] = await chat.say("  Жол?  ")
    assert answer.content == plain(
        t("q-too-short", length=4, kind="question", min=MIN_LENGTH, max=MAX_LENGTH)
    )
    [answer] = await chat.say("Жоооооооооооол")
    assert answer.content == plain(t("q-too-few-words", min=MIN_LENGTH, max=MAX_LENGTH))
    long_text = "сөз " * 400
    [answer] = await chat.say(long_text)
    length = len(long_text.strip())
    assert answer.content == plain(
        t("q-too-long", length=length, max=MAX_LENGTH, over=length - MAX_LENGTH)
    )
    for kind, options in (
        ("sticker", {}),
        ("voice", {}),
        ("location", {"latitude": 47.6, "longitude": 67.4}),
        ("document", {"file_name": "a.pdf", "data": b"%PDF-1.4"}),
    ):
        [answer] = await chat.send(kind, **options)
        assert answer.content == plain(t("q-expect-text")), kind

    # A command in the middle works as usual, and the draft waits.
    [*_, reminder] = await chat.say("/myquestions")
    assert reminder.content == plain(t("q-draft-pending"))
    [photo_prompt] = await chat.say(QUESTION[locale])
    assert photo_prompt.content == t("q-photo-prompt")
    # The draft is in the database, not in memory: a restart now would lose nothing.
    async with world.app.session_factory() as session:
        saved = (await session.scalars(select(FsmRecord.data))).all()
    assert any(
        QUESTION[locale] in json.loads(data).get("question_draft", {}).get("text", "")
        for data in saved
    )
    [answer] = await chat.send("sticker")
    assert answer.content == plain(t("q-expect-photo"))
    [answer] = await chat.say("/cancel")
    assert answer.content == t("q-cancelled")
    [answer] = await chat.say(QUESTION[locale])
    assert answer.content != t("q-photo-prompt")  # out of the flow: nothing is collected

    # The Cancel button: nothing is sent; pressed again, it says there is nothing to cancel.
    await chat.press(card, t("meet-btn-propose"))
    prompt = chat.last
    await chat.press(prompt, t("cancel-button"))
    assert chat.messages[prompt.message_id].content == t("q-cancelled")
    assert await count_questions(world, 2301) == 0


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_no_questions_after_the_cutoff(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    meeting_id = await announced_meeting(world, days=10)
    meeting = await world.services.meetings.get(meeting_id)
    assert meeting is not None
    chat = await world.citizen(2401, locale)
    card = await open_card(chat, meeting_id)

    # Writing started before the cutoff, Send pressed after it: the text is given back.
    await chat.press(card, t("meet-btn-ask"))
    await chat.say(TRICKY)
    await chat.press(chat.last, t("q-skip-button"))
    preview = chat.last
    world.clock.set(meeting.questions_cutoff + timedelta(minutes=1))
    await chat.press(preview, t("q-send-button"))
    closed = chat.messages[preview.message_id]
    assert plain(t("q-meeting-closed")) in closed.content
    assert TRICKY in closed.content
    assert await count_questions(world, 2401) == 0

    # The old card's Ask button now answers clearly instead of starting a draft.
    await chat.press(card, t("meet-btn-ask"))
    assert last_answer(chat) == t("q-meeting-closed")
    assert chat.callback_answers[-1].get("show_alert")

    # A forged button for a meeting that does not exist gets a clear answer too.
    forged = MeetingCb(action=MeetingAction.ASK, meeting_id=999_999).pack()
    await world.client.press(chat.user_id, card.message_id, forged)
    await chat.collect("a forged Ask button")
    assert last_answer(chat) == t("q-meeting-not-found")


async def test_support_closes_when_the_meeting_starts(world: BotWorld) -> None:
    t = world.text("ru")
    meeting_id = await announced_meeting(world, days=10)
    meeting = await world.services.meetings.get(meeting_id)
    assert meeting is not None
    await world.citizen(2501, "ru")
    bob = await world.citizen(2502, "ru")
    await world.services.questions.ask(2501, meeting_id, QuestionKind.QUESTION, QUESTION["ru"])

    card = await open_card(bob, meeting_id)
    await bob.press(card, t("meet-btn-questions"))
    listing = bob.last
    world.clock.set(meeting.starts_at + timedelta(minutes=1))
    await bob.press(listing, t("q-support-button", index=1, count=0, supported="no"))
    assert last_answer(bob) == t("q-support-closed")
    refreshed = bob.messages[listing.message_id]
    assert plain(t("q-list-supports-closed")) in refreshed.content
    assert not [b for b in refreshed.buttons if b.text.startswith("👍 1.")]


def test_popup_answers_fit_in_a_callback_answer() -> None:
    """Telegram cuts callback answers at 200 characters: every pop-up text must fit."""
    translator = Translator()
    popups = [
        "q-meeting-not-found",
        "q-meeting-not-open",
        "q-meeting-closed",
        "q-list-unavailable",
        "q-supported",
        "q-already-supported",
        "q-support-own",
        "q-support-not-found",
        "q-support-closed",
        "q-send-stale",
        "q-button-stale",
        "q-nothing-to-cancel",
    ]
    for locale in LOCALES:
        for key in popups:
            assert translator.has(locale, key), (locale, key)
            assert len(translator.get(locale, key)) <= 200, (locale, key)


async def test_a_question_carrying_u0000_is_stored_without_it(
    world: BotWorld, caplog: pytest.LogCaptureFixture
) -> None:
    """U+0000, which PostgreSQL cannot store, is dropped from what a person sends: the question
    goes through like any other, and nothing is logged as an error."""
    t = world.text("kk")
    meeting_id = await announced_meeting(world)
    chat = await world.citizen(2301, "kk")
    card = await open_card(chat, meeting_id)
    await chat.press(card, t("meet-btn-ask"))
    await chat.say("Көше\x00 шамдары\x00 қашан жөнделеді?")
    await chat.press(chat.last, t("q-skip-button"))
    await chat.press(chat.last, t("q-send-button"))

    assert NUMBER.search(chat.last.content), chat.last.content
    async with world.app.session_factory() as session:
        stored = await session.scalar(select(Question.text).where(Question.author_id == 2301))
    assert stored == "Көше шамдары қашан жөнделеді?"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
