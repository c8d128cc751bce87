"""/settings end to end, in Kazakh and Russian: switching kinds of notifications off and on
(double taps included), quiet hours from a preset, typed, and removed; bad typed hours answered
clearly while nothing is stored; typing quiet hours in the middle of a question keeps the
question; forged buttons refused."""

import html
import re
from datetime import timedelta

import pytest

from handlers.callbacks import QuietAction, QuietHoursCb, SettingsSwitchCb
from handlers.citizen.settings import render_settings
from locales import Text
from sandbox.client import BotMessage, ChatSession
from services.preferences import NoticeSwitch, Preferences
from storage.models import NotificationSettings
from tests.builders import a_draft
from tests.e2e.harness import ADMIN_ID, START, BotWorld
from tests.shortcuts import announce_quietly

# Жаңаарқа district: its akim meets the people in the settlement of Жаңаарқа.
HOST, VENUE = "623600000", "623630100"
QUESTION = {
    "kk": "Жаңаарқа кентіндегі Абай көшесінің жолы қашан жөнделеді?",
    "ru": "Когда отремонтируют дорогу на улице Абая в посёлке Жанаарка?",
}


def plain(text: str) -> str:
    """What a person reads of an HTML message: tags gone, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def label(t: Text, switch: NoticeSwitch) -> str:
    return t(f"settings-switch-{switch.value}")


def last_answer(chat: ChatSession) -> str:
    return str(chat.callback_answers[-1].get("text") or "")


async def stored(world: BotWorld, user_id: int) -> NotificationSettings | None:
    async with world.app.session_factory() as session:
        return await session.get(NotificationSettings, user_id)


async def open_settings(chat: ChatSession) -> BotMessage:
    [screen] = await chat.say("/settings")
    return screen


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_switching_kinds_off_and_on(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    user_id = 3001
    chat = await world.citizen(user_id, locale)
    screen = await open_settings(chat)

    # Everything is on for someone who never opened the settings.
    assert screen.content == plain(render_settings(t, Preferences.default(user_id))[0])
    assert [b.text for b in screen.buttons] == [
        *(t("settings-button-on", label=label(t, switch)) for switch in NoticeSwitch),
        t("settings-quiet-button"),
    ]
    assert plain(t("settings-quiet-off")) in screen.content
    assert await stored(world, user_id) is None

    reminders = label(t, NoticeSwitch.REMINDERS)
    ratings = label(t, NoticeSwitch.RATINGS)
    await chat.press(screen, t("settings-button-on", label=reminders))
    assert last_answer(chat) == t("settings-turned-off", label=reminders)
    await chat.press(screen, t("settings-button-on", label=ratings))
    assert last_answer(chat) == t("settings-turned-off", label=ratings)
    screen = chat.messages[screen.message_id]
    # Changed in place: the same message now shows both as off.
    assert plain(t("settings-state-off", label=reminders)) in screen.content
    assert plain(t("settings-state-off", label=ratings)) in screen.content
    assert plain(t("settings-state-on", label=label(t, NoticeSwitch.PLANS))) in screen.content
    row = await stored(world, user_id)
    assert row is not None
    assert (row.reminders, row.ratings, row.announcements, row.plans) == (
        False,
        False,
        True,
        True,
    )

    # The second tap of a double tap (on the keyboard as it was) changes nothing back.
    old_screen = screen
    await chat.press(screen, t("settings-button-off", label=reminders))
    assert last_answer(chat) == t("settings-turned-on", label=reminders)
    await chat.press(old_screen, t("settings-button-off", label=reminders), stale=True)
    assert last_answer(chat) == t("settings-unchanged")
    row = await stored(world, user_id)
    assert row is not None
    assert (row.reminders, row.ratings) == (True, False)

    # /settings again shows what is stored.
    again = await open_settings(chat)
    assert plain(t("settings-state-on", label=reminders)) in again.content
    assert plain(t("settings-state-off", label=ratings)) in again.content


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_quiet_hours_preset_typed_and_removed(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    user_id = 3002
    chat = await world.citizen(user_id, locale)
    screen = await open_settings(chat)

    await chat.press(screen, t("settings-quiet-button"))
    menu = chat.messages[screen.message_id]
    assert plain(t("settings-quiet-title")) in menu.content
    assert plain(t("settings-quiet-now-off")) in menu.content
    preset = t("settings-quiet-range", start="22:00", end="08:00")
    assert [b.text for b in menu.buttons] == [
        t("settings-quiet-preset-button", range=preset),
        t(
            "settings-quiet-preset-button",
            range=t("settings-quiet-range", start="23:00", end="07:00"),
        ),
        t("settings-quiet-type-button"),
        t("settings-quiet-off-button"),
        t("back-button"),
    ]

    await chat.press(menu, t("settings-quiet-preset-button", range=preset))
    assert last_answer(chat) == t("settings-quiet-saved", range=preset)
    screen = chat.messages[screen.message_id]
    assert plain(t("settings-quiet-on", range=preset)) in screen.content
    row = await stored(world, user_id)
    assert row is not None
    assert (row.quiet_from, row.quiet_to) == (22, 8)

    # Typed: "23-7".
    await chat.press(screen, t("settings-quiet-button"))
    await chat.press(screen, t("settings-quiet-type-button"))
    prompt = chat.messages[screen.message_id]
    assert prompt.content == plain(t("settings-quiet-prompt"))
    [saved] = await chat.say("23-7")
    typed = t("settings-quiet-range", start="23:00", end="07:00")
    assert saved.content.startswith(plain(t("settings-quiet-saved", range=typed)))
    assert plain(t("settings-quiet-on", range=typed)) in saved.content
    assert t("settings-quiet-button") in [b.text for b in saved.buttons]
    row = await stored(world, user_id)
    assert row is not None
    assert (row.quiet_from, row.quiet_to) == (23, 7)
    # Done typing: the next text is not taken for hours.
    [reply] = await chat.say("22-6")
    assert reply.content == plain(t("fallback-text"))

    # Removed.
    await chat.press(saved, t("settings-quiet-button"))
    menu = chat.messages[saved.message_id]
    assert plain(t("settings-quiet-now-on", range=typed)) in menu.content
    await chat.press(menu, t("settings-quiet-off-button"))
    assert last_answer(chat) == t("settings-quiet-removed")
    assert plain(t("settings-quiet-off")) in chat.messages[saved.message_id].content
    row = await stored(world, user_id)
    assert row is not None
    assert (row.quiet_from, row.quiet_to) == (None, None)

    # Back from the menu without choosing: the screen as it was.
    await chat.press(saved, t("settings-quiet-button"))
    await chat.press(saved, t("back-button"))
    assert chat.messages[saved.message_id].content == plain(
        render_settings(t, Preferences.default(user_id))[0]
    )


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_bad_quiet_hours_are_answered_and_nothing_is_stored(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    user_id = 3003
    chat = await world.citizen(user_id, locale)
    screen = await open_settings(chat)
    await chat.press(screen, t("settings-quiet-button"))
    await chat.press(screen, t("settings-quiet-type-button"))

    for text, key in [
        ("түнде", "settings-quiet-error-format"),
        ("22", "settings-quiet-error-format"),
        ("22:30-7", "settings-quiet-error-minutes"),
        ("25-7", "settings-quiet-error-range"),
        ("7-7", "settings-quiet-error-empty"),
        ("<b>22</b>-7 & more", "settings-quiet-error-format"),
    ]:
        [answer] = await chat.say(text)
        assert answer.content == plain(t(key)), text
        assert [b.text for b in answer.buttons] == [t("cancel-button")]
    [answer] = await chat.send("sticker")
    assert answer.content == plain(t("settings-quiet-expect-text"))
    assert await stored(world, user_id) is None

    # Forged buttons: an impossible preset is refused, nothing stored.
    forged = QuietHoursCb(action=QuietAction.SET, start=5, end=5).pack()
    await world.client.press(user_id, screen.message_id, forged)
    await chat.collect("a forged preset")
    assert last_answer(chat) == t("settings-quiet-stale")
    assert await stored(world, user_id) is None

    # /cancel leaves typing; the next "22-7" is not taken for hours.
    [cancelled] = await chat.say("/cancel")
    assert cancelled.content.startswith(plain(t("settings-quiet-cancelled")))
    [reply] = await chat.say("22-7")
    assert reply.content == plain(t("fallback-text"))
    assert await stored(world, user_id) is None

    # A Cancel button pressed after leaving says so and shows the settings.
    await chat.press(answer, t("cancel-button"))
    assert last_answer(chat) == t("settings-quiet-stale")

    # A forged switch value still only sets what a button could: a known kind, on or off.
    forged = SettingsSwitchCb(switch=NoticeSwitch.PLANS, on=False).pack()
    await world.client.press(user_id, screen.message_id, forged)
    await chat.collect("a switch")
    row = await stored(world, user_id)
    assert row is not None
    assert row.plans is False
    await world.client.press(user_id, screen.message_id, "st1:everything:0")
    await chat.collect("a forged switch")
    assert last_answer(chat) == t("error-stale-button")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_quiet_hours_typed_in_the_middle_of_a_question_keep_the_question(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    meetings = world.services.meetings
    meeting = await a_draft(
        meetings, host=HOST, venue=VENUE, starts_at=START + timedelta(days=20), created_by=ADMIN_ID
    )
    await announce_quietly(meetings, meeting.id)
    chat = await world.citizen(3004, locale)
    replies = await chat.say(f"/start m{meeting.id}")
    await chat.press(replies[-1], t("meet-btn-ask"))

    screen = await open_settings(chat)
    await chat.press(screen, t("settings-quiet-button"))
    await chat.press(screen, t("settings-quiet-type-button"))
    await chat.say("22-8")
    row = await stored(world, 3004)
    assert row is not None
    assert (row.quiet_from, row.quiet_to) == (22, 8)

    # Back to writing the question, where they were.
    [photo_prompt] = await chat.say(QUESTION[locale])
    assert photo_prompt.content == t("q-photo-prompt")
