"""/start, language, consent, /help, /privacy, /mydata, /forget and the bot's answers to
input it does not expect — in Kazakh and in Russian."""

import json
import logging

import pytest
from aiogram.fsm.middleware import FSMContextMiddleware

from bot.commands import CITIZEN_COMMANDS
from bot.middlewares.state_flush import StateFlushMiddleware
from tests.e2e.harness import ADMIN_ID, LANGUAGE_BUTTONS, BotWorld

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_start_language_consent_then_locality(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    chat = await world.chat(1001, language_code=locale)

    [greeting] = await chat.say("/start")
    assert greeting.content == t("start-choose-language")
    assert [b.text for b in greeting.buttons] == list(LANGUAGE_BUTTONS.values())

    await chat.press(greeting, LANGUAGE_BUTTONS[locale])
    intro = chat.last
    assert "Kezdesu" in intro.content
    assert [b.text for b in intro.buttons] == [t("consent-accept"), t("consent-decline")]
    user = await world.services.users.get(1001)
    assert user is not None and not user.has_consent and user.locale == locale

    events = await chat.press(intro, t("consent-accept"))
    assert any(
        e.type == "edited" and e.message and e.message.content == t("consent-thanks")
        for e in events
    )
    assert chat.last.buttons[0].text == t("start-browse-localities")
    user = await world.services.users.get(1001)
    assert user is not None and user.has_consent


async def test_language_defaults_from_telegram_and_can_change(world: BotWorld) -> None:
    chat = await world.citizen(1002, "ru")
    [answer] = await chat.say("/help")
    assert answer.content.startswith(world.text("ru")("menu-help-title").replace("<b>", "")[:15])

    [picker] = await chat.say("/language")
    await chat.press(picker, LANGUAGE_BUTTONS["kk"])
    assert chat.last.content == world.text("kk")("start-language-set")
    [answer] = await chat.say("/help")
    assert "Kezdesu не істей алады" in answer.content


async def test_unknown_telegram_language_falls_back_to_default(world: BotWorld) -> None:
    chat = await world.chat(1003, language_code="de")
    await chat.say("/start")
    await chat.press(chat.last, LANGUAGE_BUTTONS["en"])
    assert chat.last.content.startswith("Kezdesu connects you")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_declining_consent_is_respected(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    chat = await world.chat(1004, language_code=locale)
    await chat.say("/start")
    await chat.press(chat.last, LANGUAGE_BUTTONS[locale])
    await chat.press(chat.last, t("consent-decline"))
    assert chat.last.content == t("consent-declined").replace("\n", "\n")

    # Without consent nothing but the greeting works, and the way to consent is offered.
    [answer] = await chat.say("/meetings")
    assert answer.content == t("consent-required")
    await chat.press(answer, t("consent-show"))
    assert chat.last.buttons[0].text == t("consent-accept")

    exported = await world.services.users.export(1004)
    assert exported["consent_at"] is None and exported["subscriptions"] == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_mydata_sends_json_and_forget_deletes(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    chat = await world.citizen(1005, locale)
    [document] = await chat.say("/mydata")
    assert document.document is not None
    assert document.document["file_name"] == "kezdesu-1005.json"
    data = json.loads(await world.client.download(document.document["file_id"]))
    assert data["telegram_id"] == 1005 and data["language"] == locale
    assert data["consent_at"] is not None

    [ask] = await chat.say("/forget")
    await chat.press(ask, t("forget-cancel"))
    assert chat.last.content == t("forget-cancelled")
    assert await world.services.users.get(1005) is not None

    [ask] = await chat.say("/forget")
    await chat.press(ask, t("forget-confirm"))
    assert chat.last.content == t("forget-done")
    assert await world.services.users.get(1005) is None


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_unexpected_input_gets_an_answer(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    chat = await world.citizen(1006, locale)
    [answer] = await chat.say("/nosuchcommand")
    assert answer.content == t("fallback-unknown-command")
    [answer] = await chat.send("sticker")
    assert answer.content == t("fallback-unsupported")
    [answer] = await chat.send("voice")
    assert answer.content == t("fallback-unsupported")
    [answer] = await chat.send("location", latitude=43.2, longitude=76.9)
    assert answer.content == t("fallback-unsupported")
    [answer] = await chat.say("hello <b>&")
    assert answer.content == t("fallback-text")


async def test_forged_callback_data_gets_an_answer(world: BotWorld) -> None:
    t = world.text("ru")
    chat = await world.citizen(1007, "ru")
    await world.client.press(1007, chat.last.message_id, "zz9:forged")
    events = await chat.collect("a forged button")
    assert [e.raw["answer"]["text"] for e in events if e.type == "callback_answer"] == [
        t("error-stale-button")
    ]


async def test_bad_deep_link_is_explained(world: BotWorld) -> None:
    t = world.text("kk")
    chat = await world.citizen(1008, "kk")
    answers = await chat.say("/start m12x")
    assert answers[0].content == t("start-bad-link")


async def test_command_menus_are_set_per_language(world: BotWorld) -> None:
    from bot.commands import set_bot_commands

    await set_bot_commands(world.app.bot, world.app.translator, "kk", world.app.settings.admin_ids)
    for locale in ("kk", "ru", "en"):
        commands = await world.client.commands(language_code=locale, scope="all_private_chats")
        assert [c["command"] for c in commands] == list(CITIZEN_COMMANDS)
        assert commands[0]["description"] == world.text(locale)("cmd-start")

    # Once the admin has a chat with the bot, they get the admin menu as well.
    await world.admin("ru")
    await set_bot_commands(world.app.bot, world.app.translator, "kk", world.app.settings.admin_ids)
    effective = await world.client.effective_commands(ADMIN_ID)
    assert {"newmeeting", "announce"} <= {c["command"] for c in effective}


@pytest.mark.parametrize("payload", ["m2147483648", "m²", "m99999999999"])
async def test_start_with_an_impossible_meeting_link_is_a_plain_start(
    world: BotWorld, payload: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A link the bot never made (an id past what the database holds, a superscript digit):
    the person starts as usual, nothing fails."""
    chat = await world.chat(7501)
    answers = await chat.say(f"/start {payload}")
    assert answers
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_consent_pressed_again_before_a_locality_shows_the_next_step(
    world: BotWorld,
) -> None:
    """The same "I agree" handled twice (another instance takes the update again after the
    first died between recording the consent and answering): the second still leads on to
    the locality; once the person follows one, it only says the consent is recorded."""
    t = world.text("ru")
    chat = await world.chat(1002, language_code="ru")
    [greeting] = await chat.say("/start")
    await chat.press(greeting, LANGUAGE_BUTTONS["ru"])
    intro = chat.last
    await chat.press(intro, t("consent-accept"))

    await chat.press(intro, t("consent-accept"), stale=True)
    assert chat.last.buttons[0].text == t("start-browse-localities")
    assert any(m.content == t("consent-already") for m in chat.messages.values())

    await world.services.subscriptions.subscribe(1002, "623661107")
    events = await chat.press(intro, t("consent-accept"), stale=True)
    assert not [e for e in events if e.type == "sent"]
    assert chat.messages[intro.message_id].content == t("consent-already")


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_after_consent_a_typed_name_is_searched(world: BotWorld, locale: str) -> None:
    """The screen after consent says a typed name works: the next text is the search."""
    t = world.text(locale)
    chat = await world.citizen(7601, locale)
    assert chat.last.content.startswith(t("start-choose-locality").split("\n")[0])

    [hits] = await chat.say("Жартас")

    assert hits.content != t("fallback-text")
    assert any("Жартас" in button.text for button in hits.buttons)


async def test_the_conversation_state_is_written_inside_its_lock(world: BotWorld) -> None:
    """aiogram's FSMContextMiddleware holds the conversation's lock around what it wraps; the
    state's deferred write (bot/middlewares/state_flush.py) must come inside it, or the
    person's next update could read the state from before."""
    kinds = [type(m) for m in world.app.dispatcher.update.outer_middleware]
    assert kinds.index(StateFlushMiddleware) > kinds.index(FSMContextMiddleware)
