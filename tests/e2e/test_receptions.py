"""Personal receptions through the chat: an official records a reception day still ahead; the
card says it is planned and the action plan's deadline does not move; a subscriber sees its
date on the meeting's card and is told of it the day before (seed 000, clause 7-3); once the
day has passed, the official's card shows it held and the deadline counts from it (seed 001,
clause 3.5)."""

from datetime import date, datetime, time, timedelta

import pytest

from handlers.notices.meetings import reception_planned
from handlers.official.meetings import local_date_text
from scheduler.runner import tick
from services.notices import ReceptionPlanned
from tests.e2e.harness import ALMATY, BotWorld
from tests.e2e.test_admin import plain
from tests.e2e.test_lifecycle import KARAAGASH, OFFICIAL, appoint, okrug_draft

VILLAGER = 4701


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ALMATY)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_planned_reception_is_shown_told_and_counts_once_held(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    official = await appoint(world, OFFICIAL, KARAAGASH, locale)
    villager = await world.citizen(VILLAGER, locale)
    await world.services.subscriptions.subscribe(VILLAGER, KARAAGASH)
    meeting = await okrug_draft(world, local(10, 15))
    await world.services.lifecycle.announce(meeting.id, OFFICIAL)
    await world.sender.drain()
    await villager.collect("the announcement")
    reception = date(2026, 12, 12)
    day_text = local_date_text(t, reception)

    # 23 November: the official records the reception of 12 December from the card.
    [listing] = await official.say("/mymeetings")
    await official.press(listing, t("lc-btn-open", id=meeting.id))
    await official.press(official.last, t("lc-btn-reception"))
    answers = await official.say("12.12.2026")
    recorded = answers[0].content
    assert plain(t("reception-added-planned", day=day_text)) in plain(recorded)
    ten_after_meeting = local_date_text(t, date(2026, 12, 20))
    assert plain(t("lc-reception-plan-due", due=ten_after_meeting)) in plain(recorded)
    card = plain(answers[-1].content)
    assert plain(t("reception-official-planned", days=day_text)) in card
    assert t("reception-official-held", days=day_text) not in card

    # The subscriber sees the date on the meeting's card.
    [citizen_card] = await villager.say("/meetings")
    assert plain(t("reception-card-planned", days=day_text)) in plain(citizen_card.content)

    # 11 December, 10:00: the audience is told of tomorrow's reception.
    for moment in (local(11, 9, 59), local(11, 10), local(11, 11)):
        world.clock.set(moment)
        await tick(world.services, moment)
    await world.sender.drain()
    # (The meeting of the 10th is over: its rating request comes too.)
    arrived = await villager.collect("the reception notice")
    view = await world.services.meetings.get(meeting.id)
    assert view is not None
    until = datetime.combine(reception + timedelta(days=1), time(0), tzinfo=ALMATY)
    expected = reception_planned(ReceptionPlanned(view, reception, until), t)
    texts = [e.message.content for e in arrived if e.message is not None and e.type == "sent"]
    # (Once per person is the outbox's key: tests/scheduler/test_receptions.py counts rows.)
    assert plain(expected.text) in [plain(text) for text in texts]
    assert day_text in expected.text

    # 12 December: the reception has taken place; the deadline counts from it. (The official
    # was told of the okrug's villages still to visit this quarter meanwhile: not this test's.)
    world.clock.set(local(12, 9))
    official.seq = await world.client.last_seq(OFFICIAL)
    [listing] = await official.say("/mymeetings")
    # Over now: the second tab of /mymeetings lists it.
    await official.press(listing, listing.buttons[1].text)
    await official.press(official.last, t("lc-btn-open", id=meeting.id))
    card = plain(official.last.content)
    assert plain(t("reception-official-held", days=day_text)) in card
    assert t("reception-official-planned", days=day_text) not in card
    assert local_date_text(t, date(2026, 12, 22)) in card
    # Past the day, the meeting's card no longer lists it as coming.
    world.clock.advance(timedelta(days=1))
    citizen_card = (await villager.say(f"/start m{meeting.id}"))[-1]
    assert t("meet-card-over") in citizen_card.content
    assert day_text not in citizen_card.content
