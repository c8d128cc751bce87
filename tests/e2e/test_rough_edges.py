"""Rough edges a person meets (issue 8, section 5): the photo step keeps a text written in
several messages; /audit speaks the reader's language."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from handlers.menus import Role, commands_of
from services.plans import ItemDraft
from storage.models import Question, QuestionKind
from tests.builders import a_draft, an_official
from tests.e2e.harness import ADMIN_ID, START, BotWorld
from tests.e2e.test_plans import OFFICIAL as PLAN_OFFICIAL
from tests.e2e.test_plans import setup as plan_setup
from tests.e2e.test_questions import (
    HOST,
    PROPOSAL,
    QUESTION,
    VENUE,
    announced_meeting,
    open_card,
    plain,
)
from tests.shortcuts import announce_quietly

MORE = {
    "kk": "Көктемде су тұрып қалады, балалар мектепке өте алмайды.",
    "ru": "Весной там стоит вода, дети не могут пройти в школу.",
}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_second_text_at_the_photo_step_is_appended(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    meeting_id = await announced_meeting(world)
    chat = await world.citizen(2301, locale)
    card = await open_card(chat, meeting_id)
    await chat.press(card, t("meet-btn-ask"))

    [photo_prompt] = await chat.say(QUESTION[locale])
    assert photo_prompt.content == t("q-photo-prompt")
    both = f"{QUESTION[locale]}\n{MORE[locale]}"
    appended, prompt_again = await chat.say(MORE[locale])
    assert appended.content == plain(t("q-text-appended", text=both))
    assert prompt_again.content == t("q-photo-prompt")

    # Too long together: the addition is refused, the text so far is kept.
    [refused] = await chat.say("Ұзын сөз " * 200)
    assert plain(t("q-append-not-used")) in refused.content
    assert [b.text for b in refused.buttons] == [t("q-skip-button"), t("cancel-button")]

    await chat.press(prompt_again, t("q-skip-button"))
    preview = chat.last
    assert both in preview.content
    await chat.press(preview, t("q-send-button"))
    async with world.app.session_factory() as session:
        [stored] = (await session.scalars(select(Question))).all()
    assert stored.text == both


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_audit_log_has_no_codes_or_english(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    meetings = world.services.meetings
    # Announced three days ahead: far too late (the notice period is longer).
    meeting = await a_draft(
        meetings, host=HOST, venue=VENUE, starts_at=START + timedelta(days=3), created_by=ADMIN_ID
    )
    outcome = await world.services.lifecycle.announce(meeting.id, ADMIN_ID)
    assert outcome.days_late > 0
    await world.services.lifecycle.move(meeting.id, ADMIN_ID, START + timedelta(days=4))

    admin = await world.admin(locale)
    [log] = await admin.say("/audit")
    for code in ("meeting.announce", "meeting.move", "meeting:", "late by", " -> "):
        assert code not in log.content, code
    assert plain(t("audit-action-meeting-announce")) in log.content
    assert plain(t("audit-action-meeting-move")) in log.content
    assert plain(t("audit-target-meeting", id=str(meeting.id))) in log.content
    assert plain(t("audit-detail-days-late", days=outcome.days_late)) in log.content


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_okrug_name_before_a_full_stop_is_not_doubled(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    chat = await world.citizen(2401, locale)
    # Терісаққан а.о. / Терсакканский с.о.: names that end with their type's abbreviation.
    await world.services.subscriptions.subscribe(2401, "623879000")
    [listing] = await chat.say("/subscriptions")
    events = await chat.press(listing, t("subs-inside-off-button", number=1))
    [answer] = [e.raw["answer"].get("text") or "" for e in events if e.type == "callback_answer"]
    name = "Терісаққан а.о." if locale == "kk" else "Терсакканский с.о."
    assert name in answer
    assert ".." not in answer


async def test_the_akim_is_not_called_a_district_in_russian(world: BotWorld) -> None:
    """ "аким: Жанааркинский район" read as if the akim were the district; the unit now stands
    on its own beside the akim, in every message that names the host."""
    t = world.text("ru")
    meeting_id = await announced_meeting(world)
    chat = await world.citizen(2501, "ru")
    card = await open_card(chat, meeting_id)
    assert "Аким (Жанааркинский район)" in card.content
    await chat.press(card, t("meet-btn-ask"))
    assert "аким (Жанааркинский район)" in chat.last.content
    for message in (card, chat.last):
        assert "ким: Жанааркинский район" not in message.content


@pytest.mark.parametrize("locale", ["ru", "en"])
async def test_the_proposal_prompt_speaks_of_proposals(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    meeting_id = await announced_meeting(world)
    chat = await world.citizen(2601, locale)
    card = await open_card(chat, meeting_id)
    await chat.press(card, t("meet-btn-propose"))
    prompt = chat.last.content
    words = {"ru": ("Предложения принимаются", "Вопрос"), "en": ("Proposals are", "Question")}
    said, not_said = words[locale]
    assert said in prompt
    assert not_said not in prompt
    await chat.press(card, t("meet-btn-ask"))
    assert not_said in chat.last.content


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_plan_screen_says_the_item_count_once(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    meeting_id, _, _ = await plan_setup(world, locale)
    plans = world.services.plans
    await plans.start(meeting_id)
    for number in (1, 2, 3):
        await plans.add_item(
            meeting_id,
            ItemDraft(
                problem=f"Мәселе {number}: жол жөндеу",
                measure="Жолды жөндеу",
                executor="Тұрғын үй-коммуналдық шаруашылық бөлімі",
                due_on=date(2027, 6, 30),
            ),
        )
    official = await world.chat(PLAN_OFFICIAL, locale)
    [awaiting] = await official.say("/plan")
    await official.press(awaiting, t("plan-awaiting-button", id=meeting_id))
    screen = official.last.content
    assert plain(t("plan-items-range-limit", first=1, last=3, total=3, max=200)) in screen
    assert plain(t("plan-items-count", count=3, max=200)) not in screen


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_broadcast_link_is_on_the_card_once(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    url = "https://www.youtube.com/live/zhanaarka-akim"
    meetings = world.services.meetings
    meeting = await a_draft(
        meetings,
        host=HOST,
        venue=VENUE,
        starts_at=START + timedelta(days=20),
        created_by=ADMIN_ID,
        url=url,
    )
    await announce_quietly(meetings, meeting.id)
    chat = await world.citizen(2701, locale)
    card = await open_card(chat, meeting.id)
    links = [e for e in card.entities if e.get("url") == url]
    buttons = [b for b in card.buttons if b.url == url]
    assert (len(links), len(buttons)) == (0, 1)
    assert buttons[0].text == t("meet-btn-broadcast")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_others_see_which_question_has_a_photo(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    meeting_id = await announced_meeting(world)
    for author in (2801, 2802):
        await world.citizen(author, locale)
    questions = world.services.questions
    await questions.ask(2801, meeting_id, QuestionKind.QUESTION, QUESTION[locale], "photo-id")
    await questions.ask(2802, meeting_id, QuestionKind.PROPOSAL, PROPOSAL[locale])
    bob = await world.citizen(2803, locale)
    card = await open_card(bob, meeting_id)
    await bob.press(card, t("meet-btn-questions"))
    blocks = bob.last.content.split("\n\n")
    photo_mark = {"kk": "📷 фотосуретімен", "ru": "📷 с фото"}[locale]
    [with_photo] = [block for block in blocks if QUESTION[locale] in block]
    [without] = [block for block in blocks if PROPOSAL[locale] in block]
    assert photo_mark in with_photo
    assert photo_mark not in without


def listed(content: str) -> list[str]:
    """The commands a /help or /start text lists, in order."""
    return re.findall(r"^/([a-z]+) — ", content, re.M)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_each_role_sees_its_whole_menu_from_its_first_message(
    world: BotWorld, locale: str
) -> None:
    # At start-up the admin had never written to the bot ("chat not found"): their first
    # message, whatever it is, gives them the admin's menu.
    admin = await world.admin(locale)
    [help_text] = await admin.say("/help")
    admin_menu = [c["command"] for c in await world.client.effective_commands(ADMIN_ID)]
    assert admin_menu == list(commands_of(Role.ADMIN))
    assert listed(help_text.content) == list(commands_of(Role.ADMIN))

    # An official appointed earlier: the menu comes with their first message too.
    await an_official(world.app.session_factory, 2901, akimat=HOST, locale=locale)
    official = await world.chat(2901, locale)
    [help_text] = await official.say("/help")
    official_menu = [c["command"] for c in await world.client.effective_commands(2901)]
    assert official_menu == list(commands_of(Role.OFFICIAL))
    assert listed(help_text.content) == list(commands_of(Role.OFFICIAL))
    [banner] = await official.say("/start")
    assert listed(banner.content) == list(commands_of(Role.OFFICIAL))

    # A citizen: the default menu, and /help and the banner list all of it, nothing more.
    citizen = await world.citizen(2902, locale)
    citizen_menu = [c["command"] for c in await world.client.effective_commands(2902)]
    assert citizen_menu == list(commands_of(Role.CITIZEN))
    [help_text] = await citizen.say("/help")
    assert listed(help_text.content) == list(commands_of(Role.CITIZEN))
    [banner] = await citizen.say("/start")
    assert listed(banner.content) == list(commands_of(Role.CITIZEN))
