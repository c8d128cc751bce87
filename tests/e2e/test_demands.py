"""Citizens' demands for a meeting end to end, in Kazakh and Russian (seed 001, 3.1): a
subscriber asks for a meeting, neighbours support it once each, the threshold brings it to the
akimat's official and the oblast's coordinator, the coordinator reads it and may not answer,
the official schedules an off-calendar meeting from it (the new-meeting wizard, pre-filled;
the supporters are told) and declines another with a reason (its supporters told)."""

from collections.abc import AsyncIterator
from html import escape

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.callbacks import DemandStaffAction, DemandStaffCb
from sandbox.client import ChatSession
from storage.models import MeetingStatus
from tests.builders import an_official
from tests.e2e.harness import ADMIN_ID, BotWorld, running_world
from tests.e2e.test_admin import plain
from tests.e2e.test_officials import forge

pytestmark = pytest.mark.asyncio

KARAAGASH = "623661000"
ULYTAU = "620000000"
OFFICIAL, COORDINATOR, AUTHOR, NEIGHBOUR, THIRD = 4601, 4602, 4603, 4604, 4605
TOPIC = "<b>Жол</b> жөндеу керек & көше жарығы"
REASON = "Биыл <бюджет> жоқ"
NAMES = {"kk": "Қараағаш а.о.", "ru": "Караагашский с.о."}


@pytest.fixture
async def world(
    database_url: str, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[BotWorld]:
    # `session_factory` empties every table after the test.
    # The threshold is small here so that three people reach it.
    async with running_world(database_url, demand_threshold=3) as world:
        yield world


async def subscriber(world: BotWorld, user_id: int, locale: str) -> ChatSession:
    chat = await world.citizen(user_id, locale)
    await world.services.subscriptions.subscribe(user_id, KARAAGASH)
    return chat


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_demand_supported_brought_to_the_akimat_and_answered(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    official = await world.citizen(OFFICIAL, locale)
    await an_official(world.app.session_factory, OFFICIAL, akimat=KARAAGASH, locale=locale)
    coordinator = await world.citizen(COORDINATOR, locale)
    coordinators = world.services.coordinators
    await coordinators.accept(COORDINATOR, (await coordinators.invite(ADMIN_ID, ULYTAU)).token)
    author = await subscriber(world, AUTHOR, locale)
    neighbour = await subscriber(world, NEIGHBOUR, locale)
    third = await subscriber(world, THIRD, locale)

    # The author asks for a meeting; the topic is shown as typed (escaped).
    [screen] = await author.say("/demand")
    assert plain(t("demand-list-empty")) in screen.content
    await author.press(screen, t("demand-new-button"))
    assert author.last.content == plain(t("demand-ask-topic", min=10, max=500))
    [too_short] = await author.say("жол")
    assert too_short.content == t("demand-error-topic-too-short", min=10, max=500)
    created, listed = await author.say(TOPIC, minimum=2)
    [demand] = await world.services.demands.ranked_for(ADMIN_ID)
    assert created.content == plain(t("demand-created", id=demand.id, topic=escape(TOPIC)))
    assert TOPIC in listed.content

    # A neighbour supports it, once.
    [screen] = await neighbour.say("/demand")
    await neighbour.press(screen, t("demand-support-button", id=demand.id))
    assert neighbour.callback_answers[-1].get("text") == t("demand-support-supported")
    await neighbour.press(screen, t("demand-support-button", id=demand.id), stale=True)
    assert neighbour.callback_answers[-1].get("text") == t("demand-support-already")

    # The third support reaches the threshold (3): the official and the coordinator are told.
    [screen] = await third.say("/demand")
    await third.press(screen, t("demand-support-button", id=demand.id))
    await world.sender.drain()
    notice = plain(
        t(
            "demand-notice-threshold",
            id=demand.id,
            locality=NAMES[locale],
            topic=escape(TOPIC),
            supports=3,
            threshold=3,
        )
    )
    await official.collect("the threshold notice")
    assert official.find(TOPIC).content == notice
    await coordinator.collect("the threshold notice")
    assert coordinator.find(TOPIC).content == notice

    # The coordinator reads the demand and may not answer it (refused, recorded).
    [ranked] = await coordinator.say("/demands")
    assert TOPIC in ranked.content
    await coordinator.press(ranked, t("demand-open-button", id=demand.id))
    assert plain(t("demand-read-only")) in coordinator.last.content
    schedule = DemandStaffCb(action=DemandStaffAction.SCHEDULE, demand_id=demand.id).pack()
    assert await forge(world, coordinator, schedule) == t("access-denied-coordinator")

    # The official schedules an off-calendar meeting from it: the wizard starts at the time.
    [ranked] = await official.say("/demands")
    await official.press(ranked, t("demand-open-button", id=demand.id))
    await official.press(official.last, t("demand-schedule-button"))
    # The place, audience and calendar are the demand's: five questions, from the time on.
    assert official.last.content == plain(t("admin-ask-starts", step=1, steps=5))
    await official.say("05.12.2026 15:00")
    await official.press(official.last, t("admin-duration-default-button", minutes=120))
    await official.press(official.last, t("admin-presentation-button", minutes=30))
    await official.say("Мәдениет үйі, Абай көшесі 1")
    await official.press(official.last, t("admin-url-skip"))
    summary = official.last
    assert plain(t("admin-summary-calendar-off")) in summary.content
    assert plain(t("demand-summary", id=demand.id)) in summary.content
    await official.press(summary, t("admin-save-button"))
    assert plain(t("demand-scheduled", id=demand.id)) in official.last.content
    [meeting] = await world.services.meetings.list_recent(1)
    assert meeting.off_calendar and meeting.status is MeetingStatus.DRAFT
    assert (meeting.venue.code, meeting.audience.code) == (KARAAGASH, KARAAGASH)

    await world.sender.drain()
    for chat in (author, neighbour, third):
        await chat.collect("the meeting scheduled for the demand")
        told = chat.find(f"№{meeting.id}") or chat.find(f"No. {meeting.id}")
        assert told is not None
        assert told.content == plain(
            t(
                "demand-notice-scheduled",
                id=demand.id,
                locality=NAMES[locale],
                topic=escape(TOPIC),
                when=t.weekday_datetime(meeting.starts_at),
                meeting=meeting.id,
            )
        )

    # Another demand is declined with a reason; its supporter is told.
    other = await world.services.demands.create(NEIGHBOUR, KARAAGASH, "Мектепке автобус керек")
    [ranked] = await official.say("/demands")
    await official.press(ranked, t("demand-open-button", id=other.id))
    await official.press(official.last, t("demand-decline-button"))
    [done] = await official.say(REASON)
    assert done.content == t("demand-declined", id=other.id)
    await world.sender.drain()
    await neighbour.collect("the declined demand")
    assert neighbour.find(REASON).content == plain(
        t(
            "demand-notice-declined",
            id=other.id,
            locality=NAMES[locale],
            topic="Мектепке автобус керек",
            reason=escape(REASON),
        )
    )
    [empty] = await official.say("/demands")
    assert empty.content == t("demand-staff-empty")
