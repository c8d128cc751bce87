"""Coordinators end to end, in Kazakh and Russian: an admin invites a coordinator for an oblast
with a one-time link, a newcomer opens it and becomes one, reads a meeting of an akimat inside
the oblast (its list, its card, its deadlines), is refused an official's act (announcing it,
by button and by command: answered clearly and recorded), and a coordinator of another
territory reads nothing of it."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from handlers.callbacks import CoordinatorsAction, CoordinatorsCb, LcAction, LcMeetingCb
from handlers.menus import Role, command_list
from storage.models import AuditEntry, Coordinator, CoordinatorInvite
from tests.builders import a_draft, an_official
from tests.e2e.harness import ADMIN_ID, ALMATY, LANGUAGE_BUTTONS, BotWorld
from tests.e2e.test_admin import plain
from tests.e2e.test_officials import forge

pytestmark = pytest.mark.asyncio

KARAAGASH = "623661000"  # Қараағаш а.о., inside Ұлытау oblast
ASTANA = "710000000"
COORDINATOR, LATECOMER, OFFICIAL, CAPITAL_COORDINATOR = 4501, 4502, 4503, 4504

ULYTAU = {"kk": "Ұлытау облысы", "ru": "область Ұлытау"}
CAPITAL = {"kk": "Астана қ.", "ru": "г.Астана"}


async def denied(world: BotWorld) -> list[tuple[int, str]]:
    async with world.app.session_factory() as session:
        rows = await session.scalars(
            select(AuditEntry).where(AuditEntry.allowed.is_(False)).order_by(AuditEntry.id)
        )
        return [(entry.actor_id, entry.action) for entry in rows]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_admin_invites_a_coordinator_who_reads_and_never_acts(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    admin = await world.admin(locale)

    # The admin's screen: nobody yet; a button per territory, the republic first.
    [screen] = await admin.say("/coordinators")
    assert plain(t("coord-none")) in screen.content
    assert screen.buttons[0].text == t("coord-invite-button", territory=t("coord-republic"))
    await admin.press(screen, t("coord-invite-button", territory=ULYTAU[locale]))
    link_message = admin.last
    assert ULYTAU[locale] in link_message.content
    match = re.search(
        r"https://t\.me/kezdesu_bot\?start=(crd_[A-Za-z0-9_-]+)", link_message.content
    )
    assert match is not None
    payload = match.group(1)
    assert len(payload) <= 64
    assert t.datetime(world.clock.now() + timedelta(hours=72)) in link_message.content

    # A newcomer opens it: told what it is, then language and consent, then applied.
    newcomer = await world.chat(COORDINATOR, language_code=locale)
    pending, choose = await newcomer.say(f"/start {payload}", minimum=2)
    assert pending.content == plain(t("coord-invite-pending", territory=ULYTAU[locale]))
    await newcomer.press(choose, LANGUAGE_BUTTONS[locale])
    await newcomer.press(newcomer.last, t("consent-accept"))
    assert newcomer.last.content == plain(t("coord-accept-done", territory=ULYTAU[locale]))
    async with world.app.session_factory() as session:
        [coordinator] = (await session.scalars(select(Coordinator))).all()
        invite = await session.scalar(select(CoordinatorInvite))
    assert coordinator.user_id == COORDINATOR and coordinator.territory_code == "620000000"
    assert invite is not None and invite.used_by == COORDINATOR
    # The admin is told who took the link.
    await world.sender.drain()
    await admin.collect("the notice of acceptance")
    assert admin.find(f"id {COORDINATOR}").content == plain(
        t(
            "coord-notice-accepted",
            name=f"User{COORDINATOR}",
            id=str(COORDINATOR),
            territory=ULYTAU[locale],
        )
    )

    # Their menu and /help list the reading commands, not the acting ones.
    menu = [command["command"] for command in await world.client.effective_commands(COORDINATOR)]
    assert "mymeetings" in menu and "deadlines" in menu and "newmeeting" not in menu
    [help_text] = await newcomer.say("/help")
    assert plain(command_list(t, Role.COORDINATOR)) in help_text.content
    assert "/newmeeting" not in help_text.content
    [coverage] = await newcomer.say("/coverage")
    assert ULYTAU[locale] in coverage.content

    # The link works once.
    latecomer = await world.citizen(LATECOMER, locale)
    [refused] = await latecomer.say(f"/start {payload}")
    assert refused.content == t("coord-accept-used")

    # The admin's list shows the coordinator.
    [listed] = await admin.say("/coordinators")
    assert f"(id {COORDINATOR})" in listed.content and ULYTAU[locale] in listed.content

    # A meeting of an akimat inside the oblast: the coordinator reads it.
    await an_official(world.app.session_factory, OFFICIAL, akimat=KARAAGASH)
    starts = world.clock.now().astimezone(ALMATY) + timedelta(days=20)
    meeting = await a_draft(
        world.services.meetings, host=KARAAGASH, starts_at=starts, created_by=ADMIN_ID
    )
    [office] = await newcomer.say("/office")
    assert plain(t("office-coordinates")) in office.content
    assert t("office-command-line", command="newmeeting", description=t("cmd-newmeeting")) not in (
        office.content
    )
    [meetings] = await newcomer.say("/mymeetings")
    assert t("lc-btn-open", id=meeting.id) in [button.text for button in meetings.buttons]
    await newcomer.press(meetings, t("lc-btn-open", id=meeting.id))
    card = newcomer.last
    assert f"#{meeting.id}" in card.content or str(meeting.id) in card.content
    # Read only: no button of an act on the card.
    assert t("lc-btn-announce") not in [button.text for button in card.buttons]
    [deadlines] = await newcomer.say("/deadlines")
    assert deadlines.content != t("access-denied")

    # Acting is refused, said plainly and recorded: a forged button and the command.
    announce = LcMeetingCb(action=LcAction.ANNOUNCE, meeting_id=meeting.id).pack()
    assert await forge(world, newcomer, announce) == t("access-denied-coordinator")
    [answer] = await newcomer.say(f"/announce {meeting.id}")
    assert answer.content == t("access-denied-coordinator")
    [new_meeting] = await newcomer.say("/newmeeting")
    assert new_meeting.content == t("access-denied-coordinator")
    refusals = [action for actor, action in await denied(world) if actor == COORDINATOR]
    assert refusals == ["meeting.announce", "meeting.announce", "meeting.create"]
    refreshed = await world.services.meetings.get(meeting.id)
    assert refreshed is not None and refreshed.announced_at is None

    # Inviting coordinators is the admins': the coordinator's try is refused and recorded.
    [not_admin] = await newcomer.say("/coordinators")
    assert not_admin.content == t("access-denied-admin")
    forged = CoordinatorsCb(action=CoordinatorsAction.INVITE, key="kz").pack()
    assert await forge(world, newcomer, forged) == t("access-denied-admin")
    assert [action for actor, action in await denied(world) if actor == COORDINATOR][-2:] == [
        "coordinators.list",
        "coordinators.button",
    ]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_coordinator_of_the_capital_reads_nothing_of_ulytau(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    await an_official(world.app.session_factory, OFFICIAL, akimat=KARAAGASH)
    starts = world.clock.now().astimezone(ALMATY) + timedelta(days=20)
    meeting = await a_draft(
        world.services.meetings, host=KARAAGASH, starts_at=starts, created_by=ADMIN_ID
    )
    chat = await world.citizen(CAPITAL_COORDINATOR, locale)
    invite = await world.services.coordinators.invite(ADMIN_ID, ASTANA)
    [done] = await chat.say(f"/start crd_{invite.token}")
    assert done.content == plain(t("coord-accept-done", territory=CAPITAL[locale]))

    [meetings] = await chat.say("/mymeetings")
    assert t("lc-btn-open", id=meeting.id) not in [button.text for button in meetings.buttons]
    card = LcMeetingCb(action=LcAction.OPEN, meeting_id=meeting.id).pack()
    assert await forge(world, chat, card) == t("access-denied")
    assert (CAPITAL_COORDINATOR, "meeting.read") in await denied(world)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_admin_revokes_a_link_and_removes_a_coordinator(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    admin = await world.admin(locale)
    [screen] = await admin.say("/coordinators Астана")
    assert screen.content == t("coord-pick-found")
    await admin.press(screen, t("coord-invite-button", territory=CAPITAL[locale]))
    await admin.press(admin.last, t("coord-revoke-link-button"))
    assert plain(t("coord-revoked")) in admin.last.content
    [none] = await admin.say("/coordinators Жаңаарқа")
    assert none.content == t("coord-territory-none", query="Жаңаарқа")

    chat = await world.citizen(COORDINATOR, locale)
    invite = await world.services.coordinators.invite(ADMIN_ID, None)
    [done] = await chat.say(f"/start crd_{invite.token}")
    assert done.content == plain(t("coord-accept-done", territory=t("coord-republic")))
    await world.sender.drain()
    await admin.collect("the notice of acceptance")
    [screen] = await admin.say("/coordinators")
    remove = next(
        b.text for b in screen.buttons if t("coord-republic") in b.text and "✖" in b.text
    )
    await admin.press(screen, remove)
    await admin.press(admin.last, t("coord-remove-yes"))
    assert plain(t("coord-removed", id=str(COORDINATOR))) in admin.last.content
    await world.sender.drain()
    await chat.collect("the notice of removal")
    assert chat.last.content == plain(t("coord-notice-removed", territory=t("coord-republic")))
    # No longer staff: /office gets what every staff command typed by a citizen gets.
    [office] = await chat.say("/office")
    assert office.content.startswith(
        t("staff-command-not-staff", command="office", commands="").strip()
    )
