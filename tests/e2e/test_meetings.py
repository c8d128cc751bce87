"""A citizen's /meetings, the meeting card, deep links and the calendar file, end to end, in
Kazakh and Russian."""

import logging
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.meetings import MeetingView
from storage.models import Meeting, MeetingStatus
from tests.builders import a_draft
from tests.e2e.harness import ADMIN_ID, BotWorld, running_world
from tests.e2e.test_admin import NAMES, plain
from tests.services.test_ics import parse_ics
from tests.shortcuts import announce_quietly

pytestmark = pytest.mark.asyncio

KARAAGASH = "623661000"
ZHARTAS = "623661107"
ZHANAARKA = "623600000"
OBLAST = "620000000"
ZHUMAZHANOV_OKRUG = "623641000"


async def meeting(
    world: BotWorld,
    host: str = KARAAGASH,
    *,
    days: float = 10,
    announce: bool = True,
    place: str = "Мәдениет үйі",
) -> MeetingView:
    created = await a_draft(
        world.services.meetings,
        host=host,
        starts_at=world.clock.now() + timedelta(days=days),
        place=place,
        url="https://youtube.com/live/akimat",
        created_by=ADMIN_ID,
    )
    if announce:
        return await announce_quietly(world.services.meetings, created.id)
    return created


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_meetings_without_subscriptions_and_without_meetings(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    chat = await world.citizen(3001, locale)
    [answer] = await chat.say("/meetings")
    assert answer.content == plain(t("meet-no-subscriptions"))
    assert [b.text for b in answer.buttons] == [t("meet-btn-browse"), t("meet-btn-search")]

    await world.services.subscriptions.subscribe(3001, ZHARTAS)
    await meeting(world, ZHUMAZHANOV_OKRUG)  # another okrug: not for this person
    await meeting(world, announce=False)  # a draft: not yet public
    [answer] = await chat.say("/meetings")
    assert answer.content == plain(t("meet-none"))


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_meetings_shows_cards_then_a_list(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    chat = await world.citizen(3002, locale)
    await world.services.subscriptions.subscribe(3002, ZHARTAS)
    later = await meeting(world, OBLAST, days=20, place="Облыс әкімдігі <үлкен зал>")
    sooner = await meeting(world, KARAAGASH, days=5)

    cards = await chat.say("/meetings", minimum=2)
    assert len(cards) == 2
    first, second = cards
    assert plain(t("meet-card-title", id=str(sooner.id))) in first.content
    assert NAMES[locale]["karaagash"] in first.content
    assert "<үлкен зал>" in second.content
    assert first.buttons[-1].url == "https://youtube.com/live/akimat"

    # Calendar from the card.
    await chat.press(first, t("meet-btn-calendar"))
    document = chat.last.document
    assert document is not None
    assert document["file_name"] == f"meeting-{sooner.id}.ics"
    props = dict(parse_ics(await world.client.download(document["file_id"])))
    assert props["UID"] == f"meeting-{sooner.id}@kezdesu"
    assert props["URL"] == "https://youtube.com/live/akimat"

    # Twelve meetings: a compact list in pages of ten, each opens its card.
    for days in range(1, 11):
        await meeting(world, ZHANAARKA, days=days + 0.5)
    [listing] = await chat.say("/meetings")
    assert plain(t("meet-list-page", page=1, pages=2)) in listing.content
    assert len([b for b in listing.buttons if (b.callback_data or "").startswith("mt1:o:")]) == 10
    await chat.press(listing, t("meet-btn-next"))
    assert plain(t("meet-list-page", page=2, pages=2)) in chat.last.content
    await chat.press(chat.last, t("meet-btn-open", number=12))
    assert "<үлкен зал>" in chat.last.content
    assert chat.last.buttons[0].text == t("meet-btn-ask")
    assert later.id


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_deep_link_opens_the_card(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    chat = await world.citizen(3003, locale)
    announced = await meeting(world)
    draft = await meeting(world, announce=False)

    [card] = await chat.say(f"/start m{announced.id}")
    assert plain(t("meet-card-title", id=str(announced.id))) in card.content
    assert t("meet-btn-questions") in [b.text for b in card.buttons]

    [answer] = await chat.say(f"/start m{draft.id}")
    assert answer.content == t("meet-not-found")
    [answer] = await chat.say("/start m99999")
    assert answer.content == t("meet-not-found")

    # A person who has not agreed yet sees the card right after agreeing.
    newcomer = await world.chat(3004, language_code=locale)
    await newcomer.say(f"/start m{announced.id}")
    await newcomer.press(newcomer.last, {"kk": "Қазақша", "ru": "Русский"}[locale])
    await newcomer.press(newcomer.last, t("consent-accept"))
    assert newcomer.find(plain(t("meet-card-title", id=str(announced.id))))


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_stale_and_forged_meeting_buttons(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    chat = await world.citizen(3005, locale)
    await world.services.subscriptions.subscribe(3005, ZHARTAS)
    target = await meeting(world)
    [card] = await chat.say("/meetings")

    async with world.app.session_factory() as session:
        row = await session.get(Meeting, target.id)
        assert row is not None
        row.status = MeetingStatus.CANCELLED
        await session.commit()
    await chat.press(card, t("meet-btn-calendar"))
    assert chat.callback_answers[-1]["text"] == t("meet-cancelled")

    await world.client.press(3005, card.message_id, "mt1:c:424242")
    await chat.collect("a forged button")
    assert chat.callback_answers[-1]["text"] == t("meet-not-found")
    await world.client.press(3005, card.message_id, "mt1:o:424242")
    await chat.collect("a forged button")
    assert chat.callback_answers[-1]["text"] == t("meet-not-found")


async def test_questions_close_a_day_before(world: BotWorld) -> None:
    t = world.text("kk")
    chat = await world.citizen(3006, "kk")
    target = await meeting(world, days=3)
    world.clock.advance(timedelta(days=2, hours=1))
    [card] = await chat.say(f"/start m{target.id}")
    assert plain(t("meet-card-questions-closed")) in card.content
    assert t("meet-btn-ask") not in [b.text for b in card.buttons]
    assert t("meet-btn-calendar") in [b.text for b in card.buttons]


async def test_meetings_is_three_statements_on_one_connection_and_no_transaction(
    database_url: str,
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The update a citizen sends most, on the bot `kezdesu run` builds with LOG_SQL_COUNTS=1:
    the conversation state with the user and their staff role (one statement:
    storage/repositories/users.py), the subscriptions and the first page with its total, on
    one connection (storage/unit_of_work.py), all reads: no BEGIN and no COMMIT
    (storage/lazy_begin.py)."""
    caplog.set_level(logging.INFO, logger="kezdesu.updates")
    async with running_world(database_url, log_sql_counts=True) as world:
        chat = await world.citizen(3100, "kk")
        await world.services.subscriptions.subscribe(3100, ZHARTAS)
        for days in range(1, 8):  # more than the cards: the list's first page
            await meeting(world, KARAAGASH, days=days)
        # The first command after consent also leaves the locality search the start screen
        # opened (its state row is deleted): the plain update is the next one.
        await chat.say("/meetings")
        caplog.clear()
        await chat.say("/meetings")
    [line] = [
        record.args
        for record in caplog.records
        if record.name == "kezdesu.updates" and "cmd_meetings" in str(record.args)
    ]
    assert isinstance(line, tuple)
    statements, transactions, connections = line[-3:]
    assert (statements, transactions, connections) == (3, 0, 1)
