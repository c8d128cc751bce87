"""Choosing localities and managing them, in Kazakh and in Russian: down the KATO tree, by a
typed name, /subscribe, /subscriptions (remove, "everything inside"), and the answers to stale
buttons, forged data and a sticker where a name was expected.

The localities are those of storage/sample/kato_sample.csv (Ұлытау oblast).
"""

import html
import re

import pytest

from handlers.callbacks import BrowseCb, PickCb, SubAction, SubscriptionCb
from sandbox.client import BotMessage, ChatEvent, ChatSession
from services.subscriptions import SubscriptionView
from storage.models import Locality
from tests.e2e.harness import BotWorld

pytestmark = pytest.mark.asyncio

ULYTAU_DISTRICT = "623800000"
KOSKOL_OKRUG = "623855000"
KOSKOL_VILLAGE = "623855100"  # under Қоскөл а.о.
KOSKOL_IN_TERSAKKAN = "623879200"  # another Қоскөл а., under Терісаққан а.о.
TERSAKKAN_VILLAGE = "623879100"
KUIGENBAZ_VILLAGE = "623641105"

# The names a reader of each language sees (Kazakh names for kk, Russian ones for ru).
NAMES = {
    "kk": {
        "oblast": "Ұлытау облысы",
        "district": "Ұлытау ауданы",
        "okrug": "Терісаққан а.о.",
        "village": "Терісаққан а.",
        "koskol": "Қоскөл а.",
        "koskol_okrug": "Қоскөл а.о.",
        "kuigenbaz": "Күйгенбаз а.",
        "kuigenbaz_okrug": "Мұқажан Жұмажанов атын.а.о.",
    },
    "ru": {
        "oblast": "область Ұлытау",
        "district": "Улытауский район",
        "okrug": "Терсакканский с.о.",
        "village": "с.Терсаккан",
        "koskol": "с.Косколь",
        "koskol_okrug": "Коскольский с.о.",
        "kuigenbaz": "с.Куйгенбаз",
        "kuigenbaz_okrug": "с.о.им.Мукажана Жумажанова",
    },
}
# How people type them: without the Kazakh letters, in the other script, in Latin letters.
FOLDED_QUERIES = {"kk": "куйгенбаз", "ru": "Kuigenbaz"}


def plain(text: str) -> str:
    """What a reader sees of an HTML message: the tags gone, the entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def codes_followed(world: BotWorld, user_id: int) -> list[str]:
    return [view.locality_code for view in await world.services.subscriptions.list(user_id)]


def answers(events: list[ChatEvent]) -> list[str]:
    return [e.raw["answer"].get("text") or "" for e in events if e.type == "callback_answer"]


async def press_data(chat: ChatSession, message: BotMessage | int, data: str) -> list[ChatEvent]:
    """Press a button by its callback data: a forged one, or one of two with the same text."""
    message_id = message if isinstance(message, int) else message.message_id
    await chat.client.press(chat.user_id, message_id, data)
    return await chat.collect(f"pressing {data!r}")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_browse_oblast_district_okrug_village_and_follow(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    names = NAMES[locale]
    chat = await world.citizen(3001, locale)

    await chat.press(chat.last, t("start-browse-localities"))
    top = chat.last
    assert top.content == plain(t("loc-top-title"))
    assert names["oblast"] in [button.text for button in top.buttons]

    await chat.press(top, names["oblast"])
    assert f"📍 {names['oblast']}" in chat.last.content
    await chat.press(chat.last, names["district"])
    level = chat.last
    assert f"{names['oblast']} › {names['district']}" in level.content
    # Every level below the top offers to follow the unit as a whole, and a way back.
    assert level.button(t("loc-follow-button", name=names["district"]))
    assert level.button(t("back-button"))

    await chat.press(level, names["okrug"])
    okrug = chat.last
    assert f"{names['oblast']} › {names['district']} › {names['okrug']}" in okrug.content

    # A village with nothing inside is followed with one tap.
    events = await chat.press(okrug, names["village"])
    assert answers(events) == [t("loc-followed-short")]
    confirmation = chat.last
    assert names["village"] in confirmation.content
    assert f"({names['oblast']} › {names['district']} › {names['okrug']})" in (
        confirmation.content
    )
    assert [button.text for button in confirmation.buttons] == [
        t("loc-add-another-button"),
        t("loc-meetings-button"),
    ]
    assert await codes_followed(world, 3001) == [TERSAKKAN_VILLAGE]

    # Following it again changes nothing and says so.
    events = await press_data(chat, confirmation, PickCb(code=TERSAKKAN_VILLAGE).pack())
    assert answers(events) == [t("loc-already-followed-short")]
    assert await codes_followed(world, 3001) == [TERSAKKAN_VILLAGE]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_follow_a_whole_district_and_go_back(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    names = NAMES[locale]
    chat = await world.citizen(3002, locale)
    await chat.press(chat.last, t("start-browse-localities"))
    await chat.press(chat.last, names["oblast"])
    await chat.press(chat.last, names["district"])

    await chat.press(chat.last, t("back-button"))
    assert names["district"] in [button.text for button in chat.last.buttons]
    await chat.press(chat.last, t("back-button"))
    assert names["oblast"] in [button.text for button in chat.last.buttons]

    await chat.press(chat.last, names["oblast"])
    await chat.press(chat.last, names["district"])
    await chat.press(chat.last, t("loc-follow-button", name=names["district"]))
    assert names["district"] in chat.last.content
    # A district has villages inside: the confirmation says how to hear of their meetings.
    assert "/subscriptions" in chat.last.content
    assert await codes_followed(world, 3002) == [ULYTAU_DISTRICT]


async def test_long_levels_are_paged(world: BotWorld) -> None:
    t = world.text("kk")
    async with world.app.session_factory() as session:
        for number in range(11):
            session.add(
                Locality(
                    code=f"6238552{number:02d}",
                    parent_code=KOSKOL_OKRUG,
                    level="settlement",
                    depth=3,
                    type_code=2,
                    akim_level="village",
                    name_kk=f"Жаңа ауыл {number:02d} а.",
                    name_ru=f"с.Новое {number:02d}",
                    search_key=f"zhana auyl {number:02d}",
                )
            )
        await session.commit()
    chat = await world.citizen(3003, "kk")
    await press_data(chat, chat.last, BrowseCb(code=KOSKOL_OKRUG).pack())
    first = chat.last
    # Қоскөл а. and 11 new villages: 12 units, two pages of eight.
    assert "12" in first.content
    assert plain(t("loc-page", page=1, pages=2)) in first.content
    labels = [button.text for button in first.buttons]
    assert t("loc-page-counter", page=1, pages=2) in labels
    assert t("loc-page-prev") not in labels
    units = [b for b in first.buttons if b.callback_data and b.callback_data[:3] in ("lb1", "lp1")]
    # Eight units, the page counter and ▶️, then "Follow" and "Back".
    assert len(units) == 8 + 4

    await chat.press(first, t("loc-page-next"))
    second = chat.last
    labels = [button.text for button in second.buttons]
    assert t("loc-page-counter", page=2, pages=2) in labels
    assert t("loc-page-next") not in labels
    new_villages = [label for label in labels if label.startswith("Жаңа ауыл")]
    new_villages += [b.text for b in first.buttons if b.text.startswith("Жаңа ауыл")]
    assert len(set(new_villages)) == 11
    await chat.press(second, t("loc-page-prev"))
    assert t("loc-page-counter", page=1, pages=2) in [b.text for b in chat.last.buttons]

    # A page past the end (forged, or the level shrank) shows the last one.
    await press_data(chat, chat.last, BrowseCb(code=KOSKOL_OKRUG, page=99).pack())
    assert t("loc-page-counter", page=2, pages=2) in [b.text for b in chat.last.buttons]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_search_by_a_folded_name(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    names = NAMES[locale]
    chat = await world.citizen(3004, locale)

    await chat.press(chat.last, t("start-search-locality"))
    assert chat.last.content.startswith(t("loc-search-ask").split("\n")[0])
    [results] = await chat.say(FOLDED_QUERIES[locale])

    assert names["kuigenbaz"] in results.content
    assert names["kuigenbaz_okrug"] in results.content
    first = results.buttons[0]
    assert first.text == t("loc-search-hit-button", number=1, name=names["kuigenbaz"])
    await chat.press(results, first.text)
    assert names["kuigenbaz"] in chat.last.content
    assert await codes_followed(world, 3004) == [KUIGENBAZ_VILLAGE]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_two_villages_of_one_name_show_their_chains(world: BotWorld, locale: str) -> None:
    names = NAMES[locale]
    chat = await world.citizen(3005, locale)

    [results] = await chat.say("/subscribe коскол")

    lines = results.content.split("\n")
    village_lines = [line for line in lines if f". {names['koskol']} (" in line]
    assert len(village_lines) == 2
    assert any(line.endswith(f"› {names['koskol_okrug']})") for line in village_lines)
    assert any(line.endswith(f"› {names['okrug']})") for line in village_lines)
    # The buttons carry the numbers of the list, so the two are told apart.
    village_buttons = [b for b in results.buttons if b.text.endswith(f". {names['koskol']}")]
    assert len({button.text for button in village_buttons}) == 2
    in_tersakkan = next(line for line in village_lines if line.endswith(f"{names['okrug']})"))
    number = in_tersakkan.split(".")[0]
    button = next(b for b in village_buttons if b.text.startswith(f"{number}."))
    assert button.callback_data == PickCb(code=KOSKOL_IN_TERSAKKAN).pack()

    await chat.press(results, button.text)
    assert f"› {names['okrug']})" in chat.last.content
    assert await codes_followed(world, 3005) == [KOSKOL_IN_TERSAKKAN]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_search_answers_bad_input_and_stays_open(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    names = NAMES[locale]
    chat = await world.citizen(3006, locale)
    await chat.press(chat.last, t("start-search-locality"))

    [answer] = await chat.send("sticker")
    assert answer.content == t("loc-search-non-text")
    [answer] = await chat.send("location", latitude=48.6, longitude=67.0)
    assert answer.content == t("loc-search-non-text")
    [answer] = await chat.say("а")
    assert answer.content == t("loc-search-too-short")
    [answer] = await chat.say("Zzqxv <b>")
    assert answer.content == t("loc-search-not-found", query="Zzqxv <b>")
    assert answer.buttons[0].text == t("loc-browse-button")
    [answer] = await chat.say("x" * 150)
    assert answer.content == t("loc-search-too-long")

    # Still searching: the next name is found.
    [results] = await chat.say("терісаққан")
    assert names["village"] in results.content


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_subscribe_command_then_typed_name(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    names = NAMES[locale]
    chat = await world.citizen(3007, locale)

    [entry] = await chat.say("/subscribe")
    assert entry.content == t("start-choose-locality")
    [results] = await chat.say("Qosbarmaq")
    assert results.buttons[0].callback_data == PickCb(code="623855107").pack()

    # Another command ends the search and runs as usual.
    [listing] = await chat.say("/subscriptions")
    assert listing.content.startswith(t("subs-empty").split("\n")[0])
    [answer] = await chat.say(names["village"])
    assert answer.content == t("fallback-text")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_subscriptions_toggle_and_remove(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    names = NAMES[locale]
    chat = await world.citizen(3008, locale)
    subscriptions = world.services.subscriptions
    await subscriptions.subscribe(3008, ULYTAU_DISTRICT)
    await subscriptions.subscribe(3008, TERSAKKAN_VILLAGE)

    [listing] = await chat.say("/subscriptions")
    assert names["district"] in listing.content
    assert f"{names['village']} ({names['oblast']}" in listing.content
    labels = [button.text for button in listing.buttons]
    assert labels == [
        t("subs-remove-button", number=1),
        t("subs-inside-off-button", number=1),
        t("subs-remove-button", number=2),  # a village with nothing inside: no toggle
        t("subs-add-button"),
    ]

    events = await chat.press(listing, t("subs-inside-off-button", number=1))
    assert answers(events) == [t("subs-inside-turned-on", name=names["district"])]
    assert chat.last.message_id == listing.message_id  # edited in place
    assert t("subs-inside-on-button", number=1) in [b.text for b in chat.last.buttons]
    [district] = [v for v in await subscriptions.list(3008) if v.locality_code == ULYTAU_DISTRICT]
    assert district.include_descendants is True
    # A double tap on the old button sets the same value again instead of undoing it.
    events = await chat.press(listing, t("subs-inside-off-button", number=1), stale=True)
    assert answers(events) == [t("subs-inside-unchanged")]
    assert (await subscriptions.get(3008, district.id)) == district

    before_removal = chat.last
    events = await chat.press(before_removal, t("subs-remove-button", number=2))
    assert answers(events) == [t("subs-removed", name=names["village"])]
    assert names["village"] not in chat.last.content
    assert await codes_followed(world, 3008) == [ULYTAU_DISTRICT]

    # The same button again, from the old keyboard: already gone, said clearly.
    events = await chat.press(before_removal, t("subs-remove-button", number=2), stale=True)
    assert answers(events) == [t("subs-already-removed")]
    assert await codes_followed(world, 3008) == [ULYTAU_DISTRICT]

    await chat.press(chat.last, t("subs-remove-button", number=1))
    assert chat.last.content.startswith(t("subs-empty").split("\n")[0])
    assert chat.last.buttons[0].text == t("start-browse-localities")

    # "Add" from the list opens the way to choose a locality.
    await subscriptions.subscribe(3008, TERSAKKAN_VILLAGE)
    [listing] = await chat.say("/subscriptions")
    await chat.press(listing, t("subs-add-button"))
    assert chat.last.content == t("start-choose-locality")


async def test_stale_and_forged_buttons_get_clear_answers(world: BotWorld) -> None:
    t = world.text("ru")
    chat = await world.citizen(3009, "ru")
    await world.services.users.accept_consent(3010)
    other = await world.services.subscriptions.subscribe(3010, ULYTAU_DISTRICT)
    assert other.subscription is not None
    message = chat.last

    events = await press_data(chat, message, PickCb(code="999999999").pack())
    assert answers(events) == [t("loc-unknown")]
    events = await press_data(chat, message, PickCb(code="abc").pack())
    assert answers(events) == [t("loc-unknown")]
    events = await press_data(chat, message, BrowseCb(code="999999999").pack())
    assert answers(events) == [t("loc-unknown")]
    assert await codes_followed(world, 3009) == []

    # Someone else's subscription id: nothing happens to it.
    for action in (SubAction.REMOVE, SubAction.TOGGLE_INSIDE):
        forged = SubscriptionCb(action=action, sub_id=other.subscription.id, on=True).pack()
        events = await press_data(chat, message, forged)
        assert answers(events) == [t("subs-already-removed")]
    # An id past what the database holds does not unpack (handlers/callbacks.py): stale.
    events = await press_data(chat, message, f"sb1:r:{10**30}:0:0")
    assert answers(events) == [t("error-stale-button")]
    theirs: list[SubscriptionView] = await world.services.subscriptions.list(3010)
    assert [(v.id, v.include_descendants) for v in theirs] == [(other.subscription.id, False)]
