"""The administrator's /newmeeting wizard and /announce, end to end, in Kazakh and Russian: the
draft, the fan-out to subscribers, the report on time or late, and the calendar file."""

import re
from datetime import datetime, timedelta
from html import unescape

import pytest

from handlers.acts import act_name
from services.meetings import MeetingView
from tests.builders import a_draft
from tests.e2e.harness import ALMATY, BotWorld
from tests.services.test_ics import parse_ics

pytestmark = pytest.mark.asyncio

KARAAGASH = "623661000"  # Қараағаш а.о., a rural okrug of Жаңаарқа ауданы
ZHARTAS = "623661107"  # Жартас а., one of its villages
ZHANAARKA = "623600000"
KUIGENBAZ = "623641105"  # a village of the neighbouring okrug


# The official names as each language shows them.
NAMES = {
    "kk": {"karaagash": "Қараағаш а.о.", "zhartas": "Жартас а.", "zhanaarka": "Жаңаарқа ауданы"},
    "ru": {
        "karaagash": "Караагашский с.о.",
        "zhartas": "с.Жартас",
        "zhanaarka": "Жанааркинский район",
    },
}


def plain(html: str) -> str:
    """A locale text as the chat shows it: without tags, entities decoded."""
    return unescape(re.sub(r"<[^>]+>", "", html))


async def latest_meeting(world: BotWorld) -> MeetingView:
    [meeting] = await world.services.meetings.list_recent(1)
    return meeting


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_newmeeting_announce_and_calendar(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    names = NAMES[locale]
    villager = await world.citizen(2001, locale)
    neighbour = await world.citizen(2002, locale)
    await world.services.subscriptions.subscribe(2001, ZHARTAS)
    await world.services.subscriptions.subscribe(2002, KUIGENBAZ)
    admin = await world.admin(locale)

    [ask] = await admin.say("/newmeeting")
    # An admin answers every step: nine, the host first.
    assert ask.content == plain(t("admin-ask-host", step=1, steps=9))

    # Host: a name, then a pick among units with an akim.
    [hits] = await admin.say("Қараағаш")
    assert hits.content == t("admin-pick-host")
    await admin.press(hits, names["karaagash"])
    assert admin.last.content == plain(
        t("admin-ask-venue", host=names["karaagash"], step=2, steps=9)
    )

    # Venue: typed, inside the host's territory; a place outside it is not offered.
    [none] = await admin.say("Күйгенбаз")
    assert none.content == t("admin-inside-none")
    [hits] = await admin.say("Жартас")
    await admin.press(hits, names["zhartas"])

    # Audience: the whole territory of the host, by a button.
    await admin.press(admin.last, t("admin-audience-host-button", name=names["karaagash"]))

    # Date: two bad answers keep the step.
    [bad] = await admin.say("ертең кешке")
    assert bad.content == plain(t("admin-bad-datetime"))
    [past] = await admin.say("01.01.2026 10:00")
    assert past.content.startswith(plain(t("admin-datetime-past", now="X")).split("(")[0])
    await admin.say("05.12.2026 15:00")
    assert admin.last.content == plain(t("admin-ask-duration", min=15, max=480, step=5, steps=9))

    # Duration: out of bounds, then the default button.
    [bad] = await admin.say("5")
    assert bad.content == t("admin-error-bad-duration", min_duration=15, max_duration=480)
    await admin.press(admin.last, t("admin-duration-default-button", minutes=120))

    # The akim's presentation: a quarter of 120 minutes at most (seed 001, clause 3.3).
    assert admin.last.content == plain(
        t(
            "admin-ask-presentation",
            duration=120,
            max=30,
            act=act_name(t, "001"),
            clause="3.3",
            step=6,
            steps=9,
        )
    )
    await admin.press(admin.last, t("admin-presentation-button", minutes=20))

    # Place: too short, then with characters that must be escaped.
    [bad] = await admin.say("ab")
    assert bad.content == t("admin-error-bad-place", min_place=3, max_place=300)
    await admin.say("Мәдениет үйі <үлкен зал> & фойе")

    # Broadcast link: not a link, then a link.
    [bad] = await admin.say("instagram")
    assert bad.content == plain(t("admin-error-bad-broadcast-url"))
    [calendar] = await admin.say("https://instagram.com/karaagash_akimat")
    assert calendar.content == plain(t("admin-ask-calendar", step=9, steps=9))
    await admin.press(calendar, t("admin-calendar-in-button"))
    summary = admin.last
    assert "<үлкен зал> & фойе" in summary.content
    assert "https://instagram.com/karaagash_akimat" in summary.content
    assert plain(t("admin-summary-presentation", minutes=20)) in summary.content
    assert plain(t("admin-summary-calendar-in")) in summary.content

    await admin.press(summary, t("admin-save-button"))
    meeting = await latest_meeting(world)
    saved = admin.last
    assert saved.content.startswith(plain(t("admin-saved", id=str(meeting.id))))
    # A rural okrug announces a week before (seed 001, clause 3.4): by 28 November.
    assert t.date(datetime(2026, 11, 28, 12, tzinfo=ALMATY)) in saved.content
    assert plain(t("admin-due-source", act=act_name(t, "001"), clause="3.4")) in saved.content
    assert "/mymeetings" in saved.content
    # The saved draft carries its management buttons (handlers/official/meetings.py).
    assert t("lc-btn-announce") in [b.text for b in saved.buttons]
    assert meeting.presentation_minutes == 20
    assert meeting.off_calendar is False
    assert meeting.starts_at == datetime(2026, 12, 5, 15, tzinfo=ALMATY)
    assert meeting.audience.code == KARAAGASH
    assert meeting.venue.code == ZHARTAS
    assert meeting.place == "Мәдениет үйі <үлкен зал> & фойе"

    # /announce: a usage line, an unknown number, then the real one.
    [usage] = await admin.say("/announce")
    assert usage.content == plain(t("admin-announce-usage"))
    [unknown] = await admin.say("/announce 999")
    assert unknown.content == t("admin-announce-not-found", id="999")
    # The card is queued in the outbox with the announcement; the one sender delivers it.
    [report] = await admin.say(f"/announce {meeting.id}")
    assert report.content.startswith(
        plain(t("admin-announce-queued", id=str(meeting.id), count=1))
    )
    assert plain(t("admin-timing-on-time", due="X")).split("X")[0] in report.content

    # The villager got the card; the neighbouring okrug's villager did not.
    await villager.collect("the announcement")
    card = villager.last
    assert card.content.startswith(plain(t("meet-announcement-header")))
    assert names["karaagash"] in card.content
    assert "<үлкен зал> & фойе" in card.content
    assert [b.text for b in card.buttons][:4] == [
        t("meet-btn-ask"),
        t("meet-btn-propose"),
        t("meet-btn-questions"),
        t("meet-btn-calendar"),
    ]
    assert card.buttons[-1].url == "https://instagram.com/karaagash_akimat"
    assert not [m for m in neighbour.messages.values() if "📣" in m.content]

    # Announcing again sends nothing, and tells how the delivery went.
    await world.sender.drain()
    [again] = await admin.say(f"/announce {meeting.id}")
    assert again.content.startswith(t("admin-announce-already", id=str(meeting.id), when="")[:10])
    progress = t("admin-announce-progress", sent=1, waiting=0, unreachable=0, failed=0, skipped=0)
    assert again.content.endswith(plain(progress))
    assert not [m for m in villager.messages.values() if "📣" in m.content][1:]

    # Add to calendar: a parseable .ics.
    await villager.press(card, t("meet-btn-calendar"))
    document = villager.last
    assert document.document is not None
    assert document.document["file_name"] == f"meeting-{meeting.id}.ics"
    props = dict(parse_ics(await world.client.download(document.document["file_id"])))
    assert props["UID"] == f"meeting-{meeting.id}@kezdesu"
    assert props["DTSTART"] == "20261205T100000Z"
    assert props["DTEND"] == "20261205T120000Z"
    assert "<үлкен зал> & фойе" in props["LOCATION"]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_late_announcement_is_reported(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    await world.citizen(2003, locale)
    await world.services.subscriptions.subscribe(2003, ZHANAARKA)
    # A district announces two weeks before; the meeting is in three days: 11 days late.
    meeting = await a_draft(
        world.services.meetings,
        host=ZHANAARKA,
        starts_at=world.clock.now() + timedelta(days=3),
        minutes=90,
        place="Аудан әкімдігі",
        created_by=1,
    )
    admin = await world.admin(locale)
    [report] = await admin.say(f"/announce {meeting.id}")
    assert plain(t("admin-announce-queued", id=str(meeting.id), count=1)) in report.content
    due = t.date(datetime(2026, 11, 12, 12, tzinfo=ALMATY))
    late = plain(t("admin-timing-late", days=11, due=due, act=act_name(t, "001"), clause="3.4"))
    assert late in report.content


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_newmeeting_can_be_cancelled(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    admin = await world.admin(locale)
    await admin.say("/newmeeting")
    [hits] = await admin.say("Жаңаарқа")
    await admin.press(hits, NAMES[locale]["zhanaarka"] + " ·")
    [answer] = await admin.say("/cancel")
    assert answer.content == t("admin-cancelled")
    # The wizard is over: text is no longer read as a locality.
    [answer] = await admin.say("Жартас")
    assert answer.content != t("admin-pick-venue")

    [ask] = await admin.say("/newmeeting")
    await admin.press(ask, t("cancel-button"))
    assert admin.last.content == t("admin-cancelled")
    # A button of the finished wizard is stale.
    await admin.press(hits, NAMES[locale]["zhanaarka"] + " ·", stale=True)
    assert admin.callback_answers[-1]["text"] == t("admin-stale-step")
    assert await world.services.meetings.list_recent(5) == []


async def test_host_must_have_an_akim_and_citizens_cannot_create(world: BotWorld) -> None:
    t = world.text("ru")
    admin = await world.admin("ru")
    await admin.say("/newmeeting")
    [answer] = await admin.say("Жосалы")  # a wintering place: no akim of its own
    assert answer.content == t("admin-host-none")
    answers = await admin.send("sticker")
    assert answers[0].content == t("admin-expected-other")
    assert answers[1].content == plain(t("admin-ask-host", step=1, steps=9))

    citizen = await world.citizen(2004, "ru")
    [answer] = await citizen.say("/newmeeting")
    assert answer.content.startswith(
        t("staff-command-not-staff", command="newmeeting", commands="").strip()
    )
