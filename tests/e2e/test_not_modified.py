"""Pressing the tab or filter already shown, refreshing /audit with nothing new, the second tap
of a double tap: the screen would not change, so the press is answered without an edit
(Telegram refuses such an edit: "Bad Request: message is not modified")."""

from datetime import timedelta

import pytest

from handlers.callbacks import AuditPageCb, PoolListCb
from tests.builders import a_draft, a_question, an_official
from tests.e2e.harness import ADMIN_ID, START, BotWorld
from tests.shortcuts import announce_quietly

HOST, VENUE = "623600000", "623630100"
OFFICIAL = 5401


async def edits_and_refusals(world: BotWorld) -> tuple[int, int, int]:
    stats = await world.client.stats()
    requests = stats["requests"]
    return (
        requests.get("editMessageText", 0) + requests.get("editMessageReplyMarkup", 0),
        stats["errors"].get("400", 0),
        requests.get("answerCallbackQuery", 0),
    )


async def test_the_filter_already_shown_is_answered_without_an_edit(world: BotWorld) -> None:
    meetings = world.services.meetings
    meeting = await a_draft(
        meetings, host=HOST, venue=VENUE, starts_at=START + timedelta(days=20), created_by=ADMIN_ID
    )
    await announce_quietly(meetings, meeting.id)
    sessions = world.app.session_factory
    await an_official(sessions, OFFICIAL, akimat=HOST, locale="ru")
    await a_question(sessions, meeting_id=meeting.id, author_id=OFFICIAL, public_number="Q-1")
    official = await world.chat(OFFICIAL, "ru")
    [pool] = await official.say(f"/pool {meeting.id}")
    shown = PoolListCb(meeting_id=meeting.id).pack()
    assert shown in [button.callback_data for button in pool.buttons]

    await world.client.reset_stats()
    # The filter "all" of the list showing all, twice: a tap and a double tap.
    for _ in range(2):
        await world.client.press(OFFICIAL, pool.message_id, shown)
        await official.collect("the answer to the press")

    assert await edits_and_refusals(world) == (0, 0, 2)
    assert official.messages[pool.message_id].content == pool.content


async def test_audit_newest_with_nothing_new_is_answered_without_an_edit(
    world: BotWorld,
) -> None:
    admin = await world.citizen(ADMIN_ID, "ru")
    [log] = await admin.say("/audit")
    await world.client.reset_stats()

    await world.client.press(ADMIN_ID, log.message_id, AuditPageCb(page=0).pack())
    await admin.collect("the answer to the press")

    assert await edits_and_refusals(world) == (0, 0, 1)


@pytest.mark.parametrize("locale", ["ru"])
async def test_a_screen_that_changes_is_still_edited(world: BotWorld, locale: str) -> None:
    meetings = world.services.meetings
    meeting = await a_draft(
        meetings, host=HOST, venue=VENUE, starts_at=START + timedelta(days=20), created_by=ADMIN_ID
    )
    await announce_quietly(meetings, meeting.id)
    sessions = world.app.session_factory
    await an_official(sessions, OFFICIAL, akimat=HOST, locale=locale)
    await a_question(sessions, meeting_id=meeting.id, author_id=OFFICIAL, public_number="Q-1")
    official = await world.chat(OFFICIAL, locale)
    [pool] = await official.say(f"/pool {meeting.id}")
    await world.client.reset_stats()

    from handlers.callbacks import PoolStatusFilter

    rejected = PoolListCb(meeting_id=meeting.id, status=PoolStatusFilter.REJECTED).pack()
    await world.client.press(OFFICIAL, pool.message_id, rejected)
    await official.collect("the answer to the press")

    edits, refusals, _ = await edits_and_refusals(world)
    assert (edits, refusals) == (1, 0)
