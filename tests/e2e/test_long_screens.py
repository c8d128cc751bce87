"""Screens that could outgrow a message (issue 8, section 6): a question of 1,500 characters
with an answer of 2,000, in emoji-rich text (two UTF-16 units each, as Telegram counts), made a
card Telegram refused, and the official could never open that question again. The card now
fits, its texts end in "…", and "Full text" sends them whole, in as many messages as needed."""

from datetime import timedelta
from html import unescape

import pytest

from handlers.callbacks import PoolItemAction, PoolItemCb
from handlers.fit import TEXT_LIMIT, units
from services.pool import ANSWER_MAX_LENGTH
from services.questions import MAX_LENGTH
from tests.builders import a_draft, a_question, an_official
from tests.e2e.harness import ADMIN_ID, START, BotWorld
from tests.shortcuts import announce_quietly

HOST, VENUE = "623600000", "623630100"
OFFICIAL, AUTHOR = 5301, 5302
EMOJI = "🚧"
QUESTION = ("Жол <&> " + EMOJI * 4) * (MAX_LENGTH // 12)
ANSWER = ("Жауап " + EMOJI * 6) * (ANSWER_MAX_LENGTH // 12)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_long_question_with_a_long_answer_opens_and_shows_its_full_text(
    world: BotWorld, locale: str
) -> None:
    assert len(QUESTION) <= MAX_LENGTH and len(ANSWER) <= ANSWER_MAX_LENGTH
    assert units(QUESTION) + units(ANSWER) > TEXT_LIMIT
    t = world.text(locale)
    meetings = world.services.meetings
    meeting = await a_draft(
        meetings, host=HOST, venue=VENUE, starts_at=START + timedelta(days=20), created_by=ADMIN_ID
    )
    await announce_quietly(meetings, meeting.id)
    sessions = world.app.session_factory
    await an_official(sessions, OFFICIAL, akimat=HOST, locale=locale)
    await world.citizen(AUTHOR, locale)
    question = await a_question(
        sessions,
        meeting_id=meeting.id,
        author_id=AUTHOR,
        text=QUESTION,
        public_number="Q-2026-000777",
    )
    await world.services.pool.answer(OFFICIAL, question, ANSWER)
    official = await world.chat(OFFICIAL, locale)

    [pool] = await official.say(f"/pool {meeting.id}")
    opened = PoolItemCb(action=PoolItemAction.OPEN, question_id=question).pack()
    await world.client.press(OFFICIAL, pool.message_id, opened)
    await official.collect("the card")

    card = official.messages[pool.message_id]
    assert card.content != pool.content  # the card replaced the list: it was not refused
    assert "…" in card.content
    # Once "{???}" instead of the question: Fluent's placeables hold 2,500 characters.
    assert "Жол <&> " + EMOJI in unescape(card.content)
    assert card.button(t("screen-full-text-button"))

    before = len(official.messages)
    await official.press(card, t("screen-full-text-button"))
    sent = list(official.messages.values())[before:]
    assert len(sent) >= 2
    whole = "".join("".join(message.content.split()) for message in sent)
    assert "".join(QUESTION.split()) in whole
    assert "".join(ANSWER.split()) in whole


async def test_a_short_card_offers_no_full_text(world: BotWorld) -> None:
    t = world.text("ru")
    meetings = world.services.meetings
    meeting = await a_draft(
        meetings, host=HOST, venue=VENUE, starts_at=START + timedelta(days=20), created_by=ADMIN_ID
    )
    await announce_quietly(meetings, meeting.id)
    sessions = world.app.session_factory
    await an_official(sessions, OFFICIAL, akimat=HOST, locale="ru")
    question = await a_question(
        sessions, meeting_id=meeting.id, author_id=OFFICIAL, public_number="Q-2026-000778"
    )
    official = await world.chat(OFFICIAL, "ru")
    [pool] = await official.say(f"/pool {meeting.id}")
    opened = PoolItemCb(action=PoolItemAction.OPEN, question_id=question).pack()
    await world.client.press(OFFICIAL, pool.message_id, opened)
    await official.collect("the card")
    card = official.messages[pool.message_id]
    assert "…" not in card.content
    assert t("screen-full-text-button") not in [button.text for button in card.buttons]


async def test_a_question_full_of_ampersands_is_previewed_whole(world: BotWorld) -> None:
    """1,500 characters with "&" and "<" escape past 2,500, where a Fluent placeable gives
    "{???}": the preview once showed that instead of the person's question."""
    t = world.text("kk")
    meetings = world.services.meetings
    meeting = await a_draft(
        meetings, host=HOST, venue=VENUE, starts_at=START + timedelta(days=20), created_by=ADMIN_ID
    )
    await announce_quietly(meetings, meeting.id)
    text = ("Жол & <көпір> & " * 100)[:MAX_LENGTH].strip()
    chat = await world.citizen(AUTHOR, "kk")
    replies = await chat.say(f"/start m{meeting.id}")
    await chat.press(replies[-1], t("meet-btn-ask"))
    await chat.say(text)
    await chat.press(chat.last, t("q-skip-button"))

    preview = chat.last
    assert "{???}" not in preview.content
    assert text in unescape(preview.content)
    assert preview.button(t("q-send-button"))


async def test_a_plan_of_long_texts_shows_its_page_whole_on_request(world: BotWorld) -> None:
    """The citizens' plan screen shortens long items and the summary to fit; "Full text"
    sends the page (the summary on the first) whole."""
    from datetime import date

    from handlers.callbacks import PlanViewCb
    from services.plans import ItemDraft
    from services.plans.checks import MAX_MEASURE, MAX_PROBLEM, MAX_SUMMARY
    from tests.e2e.test_plans import OFFICIAL as PLAN_OFFICIAL
    from tests.e2e.test_plans import setup

    t = world.text("ru")
    meeting_id, _, _ = await setup(world, "ru")
    plans = world.services.plans
    summary = ("Итоги <встречи> & " + EMOJI) * (MAX_SUMMARY // 20)
    problem = ("Дорога " + EMOJI * 3) * (MAX_PROBLEM // 10)
    measure = ("Ремонт & " + EMOJI) * (MAX_MEASURE // 10)
    await plans.set_summary(meeting_id, summary)
    await plans.add_item(meeting_id, ItemDraft(problem, measure, "Отдел ЖКХ", date(2027, 6, 30)))
    await plans.publish(meeting_id, PLAN_OFFICIAL)

    reader = await world.citizen(5601, "ru")
    [menu] = await reader.say("/help")
    await world.client.press(5601, menu.message_id, PlanViewCb(meeting_id=meeting_id).pack())
    await reader.collect("the plan")
    screen = reader.last
    assert "…" in screen.content
    before = len(reader.messages)
    await reader.press(screen, t("screen-full-text-button"))
    sent = "\n".join(message.content for message in list(reader.messages.values())[before:])
    for text in (summary, problem, measure):
        assert "".join(text.split()) in "".join(sent.split())
