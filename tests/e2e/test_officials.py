"""Officials end to end, in Kazakh and Russian: an admin's one-time invitation link, a brand-new
user who opens it and becomes an official, the link refused to the next person, the office,
removing an official, forged buttons denied and recorded, a district reading (not acting for)
an okrug inside it, and the audit log."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from handlers.callbacks import (
    LcAction,
    LcMeetingCb,
    OfficialsAction,
    OfficialsCb,
)
from sandbox.client import ChatSession
from services.audit import AuditAction, AuditDetail
from services.officials import AkimatView
from storage.models import AuditEntry, Invite, Official
from tests.builders import a_draft
from tests.e2e.harness import ADMIN_ID, ALMATY, LANGUAGE_BUTTONS, BotWorld
from tests.e2e.test_admin import plain

pytestmark = pytest.mark.asyncio

ZHANAARKA = "623600000"  # Жаңаарқа ауданы (district)
KARAAGASH = "623661000"  # Қараағаш а.о., a rural okrug of it
ULYTAU_OKRUG = "623830000"  # Ұлытау а.о, an okrug of another district

NEWCOMER, LATECOMER = 4001, 4002
OKRUG_A, OKRUG_B, DISTRICT = 4101, 4102, 4103

NAMES = {
    "kk": {"karaagash": "Қараағаш а.о.", "zhanaarka": "Жаңаарқа ауданы"},
    "ru": {"karaagash": "Караагашский с.о.", "zhanaarka": "Жанааркинский район"},
}


def title(akimat: AkimatView, locale: str) -> str:
    parent = akimat.parent(locale)
    return f"{akimat.name(locale)} ({parent})" if parent else akimat.name(locale)


async def appoint(
    world: BotWorld, user_id: int, code: str, locale: str
) -> tuple[AkimatView, ChatSession]:
    """An official made the short way: a citizen, a link from the service, accepted."""
    chat = await world.citizen(user_id, locale)
    akimat, invite = await world.services.officials.invite_to_locality(ADMIN_ID, code)
    result = await world.services.officials.accept(user_id, invite.token, f"User{user_id}")
    assert result.akimat == akimat
    return akimat, chat


async def denials(world: BotWorld) -> list[tuple[int, str, int | None]]:
    async with world.app.session_factory() as session:
        rows = await session.scalars(
            select(AuditEntry).where(AuditEntry.allowed.is_(False)).order_by(AuditEntry.id)
        )
        return [(entry.actor_id, entry.action, entry.akimat_id) for entry in rows]


async def forge(world: BotWorld, chat: ChatSession, data: str) -> str:
    """Press a button that was never shown (callback data made up by the client); returns the
    bot's answer to the press."""
    message = chat.last
    await world.client.press(chat.user_id, message.message_id, data)
    await chat.collect("a forged button")
    return str(chat.callback_answers[-1].get("text"))


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_invitation_makes_a_newcomer_an_official(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    names = NAMES[locale]
    admin = await world.admin(locale)

    [empty] = await admin.say("/officials")
    assert plain(t("officials-overview-empty")) in empty.content
    await admin.press(empty, t("officials-invite-other-button"))
    assert admin.last.content == plain(t("officials-ask-locality"))

    # A wintering has no akim: it is not offered; the okrug is.
    [none] = await admin.say("Жосалы қыстауы")
    assert none.content == t("officials-locality-none")
    [hits] = await admin.say("Қараағаш")
    assert hits.content == plain(t("officials-pick-locality"))
    await admin.press(
        hits, t("officials-hit-button", name=names["karaagash"], parent=names["zhanaarka"])
    )
    link_message = admin.last
    akimat_title = f"{names['karaagash']} ({names['zhanaarka']})"
    assert akimat_title in link_message.content
    match = re.search(
        r"https://t\.me/kezdesu_bot\?start=(inv_[A-Za-z0-9_-]+)", link_message.content
    )
    assert match is not None
    payload = match.group(1)
    assert len(payload) <= 64
    until = t.datetime(world.clock.now() + timedelta(hours=72))
    assert until in link_message.content

    # A brand-new person opens the link: told what it is, then language and consent...
    newcomer = await world.chat(NEWCOMER, language_code=locale)
    pending, choose = await newcomer.say(f"/start {payload}", minimum=2)
    assert pending.content == plain(t("officials-invite-pending", akimat=akimat_title))
    assert choose.content == t("start-choose-language")
    await newcomer.press(choose, LANGUAGE_BUTTONS[locale])
    await newcomer.press(newcomer.last, t("consent-accept"))
    # ...and the invitation is applied right after consent.
    assert newcomer.last.content == plain(t("officials-accept-done", akimat=akimat_title))
    async with world.app.session_factory() as session:
        [official] = (await session.scalars(select(Official))).all()
        invite = await session.scalar(select(Invite))
    assert official.user_id == NEWCOMER and official.invited_by == ADMIN_ID
    assert invite is not None and invite.used_by == NEWCOMER

    # The office: the akimat and the commands; the menu has /office too.
    [office] = await newcomer.say("/office")
    assert office.content.startswith(plain(t("office-title-official")))
    assert plain(t("office-akimat-line", name=akimat_title)) in office.content
    assert t("office-command-line", command="officials", description=t("cmd-officials")) in (
        office.content
    )
    menu = [command["command"] for command in await world.client.effective_commands(NEWCOMER)]
    assert "office" in menu and "officials" in menu

    # The admin is told who took the link.
    await world.sender.drain()
    await admin.collect("the notice of acceptance")
    assert admin.find(f"id {NEWCOMER}").content == plain(
        t(
            "officials-notice-accepted",
            name=f"User{NEWCOMER}",
            id=str(NEWCOMER),
            akimat=names["karaagash"],
        )
    )

    # The same link, a second person: refused, and nothing changes.
    latecomer = await world.citizen(LATECOMER, locale)
    [refused] = await latecomer.say(f"/start {payload}")
    assert refused.content == t("officials-accept-used")
    [not_staff] = await latecomer.say("/office")
    assert not_staff.content.startswith(
        plain(t("staff-command-not-staff", command="office", commands="")).strip()
    )
    # The newcomer again: told they used it already.
    [again] = await newcomer.say(f"/start {payload}")
    assert again.content == plain(t("officials-accept-used-by-you"))

    # The admin's list: the akimat with one official, shown by name.
    [overview] = await admin.say("/officials")
    await admin.press(
        overview,
        t(
            "officials-akimat-button",
            name=f"{names['karaagash']} · {names['zhanaarka']}",
            officials=1,
            invites=0,
        ),
    )
    page = admin.last
    assert f"User{NEWCOMER} (id {NEWCOMER})" in page.content
    assert page.button(t("officials-remove-button", name=f"User{NEWCOMER}"))


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_bad_links_get_distinct_answers(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    officials = world.services.officials
    _, expired = await officials.invite_to_locality(ADMIN_ID, KARAAGASH)
    _, revoked = await officials.invite_to_locality(ADMIN_ID, KARAAGASH)
    await officials.revoke(ADMIN_ID, revoked.token)
    world.clock.advance(timedelta(hours=72))

    person = await world.citizen(4201, locale)
    [answer] = await person.say(f"/start inv_{expired.token}")
    assert answer.content == t("officials-accept-expired", when=t.datetime(expired.expires_at))
    [answer] = await person.say(f"/start inv_{revoked.token}")
    assert answer.content == t("officials-accept-revoked")
    [answer] = await person.say("/start inv_doesNotExistAtAll123456")
    assert answer.content == t("officials-accept-unknown")
    [answer] = await person.say("/start inv_<script>")
    assert answer.content == t("officials-accept-unknown")

    # A newcomer with a dead link hears why at once, then goes on as a citizen.
    newcomer = await world.chat(4202, language_code=locale)
    why, choose = await newcomer.say(f"/start inv_{revoked.token}", minimum=2)
    assert why.content == t("officials-accept-revoked")
    assert choose.content == t("start-choose-language")

    # An admin does not use up a link meant for someone else.
    _, fresh = await officials.invite_to_locality(ADMIN_ID, KARAAGASH)
    admin = await world.admin(locale)
    answer, choose = await admin.say(f"/start inv_{fresh.token}", minimum=2)
    assert answer.content == t("officials-accept-admin")
    # (The admin has not chosen a language yet either.)
    assert choose.content == t("start-choose-language")
    still = await officials.peek(fresh.token)
    assert still is not None and still.used_at is None


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_forged_buttons_and_removal(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    admin = await world.admin(locale)
    akimat_a, official_a = await appoint(world, OKRUG_A, KARAAGASH, locale)
    akimat_b, _ = await appoint(world, OKRUG_B, ULYTAU_OKRUG, locale)
    # The admin hears of both acceptances first.
    await world.sender.drain()
    await admin.collect("two notices of acceptance", minimum=2)

    # An official reads their own akimat's officials, without buttons to manage them.
    [own] = await official_a.say("/officials")
    assert plain(t("officials-own-intro")) in own.content
    assert f"User{OKRUG_A} (id {OKRUG_A})" in own.content
    assert not own.buttons

    # A forged "remove" of akimat B's official, and of their own colleague list: denied.
    remove_b = OfficialsCb(
        action=OfficialsAction.REMOVE_CONFIRM, akimat_id=akimat_b.id, user_id=OKRUG_B
    ).pack()
    assert await forge(world, official_a, remove_b) == t("access-denied")
    open_b = OfficialsCb(action=OfficialsAction.AKIMAT, akimat_id=akimat_b.id).pack()
    assert await forge(world, official_a, open_b) == t("access-denied")
    invite_a = OfficialsCb(action=OfficialsAction.INVITE, akimat_id=akimat_a.id).pack()
    assert await forge(world, official_a, invite_a) == t("access-denied")
    [audit] = await official_a.say("/audit")
    assert audit.content == t("access-denied")
    assert await denials(world) == [
        (OKRUG_A, "official.remove", akimat_b.id),
        (OKRUG_A, "officials.read", akimat_b.id),
        (OKRUG_A, "invite.create", akimat_a.id),
        (OKRUG_A, "audit.read", None),
    ]
    async with world.app.session_factory() as session:
        left = (await session.scalars(select(Official.user_id).order_by(Official.user_id))).all()
    assert left == [OKRUG_A, OKRUG_B]

    # The admin removes official A, after a confirmation.
    [overview] = await admin.say("/officials")
    await admin.press(overview, akimat_a.name(locale))
    await admin.press(overview, t("officials-remove-button", name=f"User{OKRUG_A}"))
    confirm = admin.messages[overview.message_id]
    assert confirm.content == plain(
        t(
            "officials-remove-confirm",
            name=f"User{OKRUG_A}",
            id=str(OKRUG_A),
            akimat=title(akimat_a, locale),
        )
    )
    await admin.press(confirm, t("officials-remove-yes"))
    assert admin.last.content.startswith(
        plain(t("officials-removed", name=f"User{OKRUG_A}", id=str(OKRUG_A)))
    )

    # Told at once, and the very next press is denied and recorded.
    await world.sender.drain()
    await official_a.collect("the notice of removal")
    assert official_a.find(akimat_a.name(locale)).content == plain(
        t("officials-notice-removed", akimat=akimat_a.name(locale))
    )
    open_a = OfficialsCb(action=OfficialsAction.AKIMAT, akimat_id=akimat_a.id).pack()
    assert await forge(world, official_a, open_a) == t("access-denied")
    assert (await denials(world))[-1] == (OKRUG_A, "officials.button", None)
    [office] = await official_a.say("/office")
    assert office.content.startswith(
        plain(t("staff-command-not-staff", command="office", commands="")).strip()
    )
    # Typed by someone no longer staff: recorded as what it was.
    assert (await denials(world))[-1] == (OKRUG_A, "staff.command", None)

    # The audit log, newest first, shows the removal and the denied attempts.
    [log] = await admin.say("/audit")
    assert log.content.startswith(plain(t("audit-title")))
    assert f"id {OKRUG_A} · {t('audit-action-staff-command')}" in log.content
    assert f"id {OKRUG_A} · {t('audit-action-officials-button')}" in log.content
    assert f"id {ADMIN_ID} · {t('audit-action-official-remove')}" in log.content

    # The admin's office: the figures of it all.
    [office] = await admin.say("/office")
    assert office.content.startswith(plain(t("office-title-admin")))
    # Five refused presses and commands, and the /office typed after the removal.
    summary = t("office-admin-summary", akimats=1, officials=1, invites=0, denied=6)
    assert plain(summary) in office.content


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_district_reads_the_okrug_but_does_not_act(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    okrug, _ = await appoint(world, OKRUG_A, KARAAGASH, locale)
    district, district_chat = await appoint(world, DISTRICT, ZHANAARKA, locale)

    [office] = await district_chat.say("/office")
    assert plain(t("office-akimat-line", name=title(district, locale))) in office.content
    assert plain(t("office-akimat-line", name=title(okrug, locale))) in office.content

    # Reading the okrug inside the district: its officials, read only.
    [own] = await district_chat.say("/officials")
    await district_chat.press(own, f"{okrug.name(locale)} · {okrug.parent(locale)}")
    page = district_chat.last
    assert f"User{OKRUG_A} (id {OKRUG_A})" in page.content
    assert plain(t("officials-akimat-readonly")) in page.content
    assert [button.text for button in page.buttons] == [t("officials-all-button")]

    # Acting for it is refused: removing its official...
    remove = OfficialsCb(action=OfficialsAction.REMOVE, akimat_id=okrug.id, user_id=OKRUG_A).pack()
    assert await forge(world, district_chat, remove) == t("access-denied")

    # ...and announcing its meeting, though its card opens.
    starts = world.clock.now().astimezone(ALMATY) + timedelta(days=20)
    meeting = await a_draft(
        world.services.meetings, host=KARAAGASH, starts_at=starts, created_by=ADMIN_ID
    )
    card = LcMeetingCb(action=LcAction.OPEN, meeting_id=meeting.id).pack()
    await forge(world, district_chat, card)
    assert okrug.name(locale) in district_chat.last.content
    announce = LcMeetingCb(action=LcAction.ANNOUNCE, meeting_id=meeting.id).pack()
    assert await forge(world, district_chat, announce) == t("access-denied")
    assert [(actor, akimat) for actor, _, akimat in await denials(world)] == [
        (DISTRICT, okrug.id),
        (DISTRICT, okrug.id),
    ]
    refreshed = await world.services.meetings.get(meeting.id)
    assert refreshed is not None and refreshed.announced_at is None


async def test_audit_log_escapes_and_pages(world: BotWorld) -> None:
    t = world.text("ru")
    access = world.services.access
    for number in range(12):
        await access.audit(4300 + number, AuditAction.MEETING_READ, target=f"t{number}")
    await access.audit(
        4399,
        AuditAction.MEETING_READ,
        target="<b>x</b>",
        detail=AuditDetail(text="a & <i>b</i>"),
        allowed=False,
    )
    admin = await world.admin("ru")
    [first] = await admin.say("/audit")
    assert "<b>x</b>" in first.content and "a & <i>b</i>" in first.content
    assert t("officials-page", page=1, pages=2) in first.content
    await admin.press(first, t("loc-page-next"))
    second = admin.last
    assert t("officials-page", page=2, pages=2) in second.content
    assert f"id 4300 · {t('audit-action-meeting-read')} · t0" in second.content
    assert "<b>x</b>" not in second.content


async def test_officials_list_pages(world: BotWorld) -> None:
    t = world.text("kk")
    codes = ["620000000", "621000000", "621010000", "621039000", "621039100"]
    codes += ["622000000", "622010000", "622037000", "623600000", "623630000"]
    for code in codes:
        await world.services.officials.invite_to_locality(ADMIN_ID, code)
    admin = await world.admin("kk")
    [first] = await admin.say("/officials")
    assert t("officials-page", page=1, pages=2) in first.content
    assert len([b for b in first.buttons if "✉️ 1" in b.text]) == 8
    await admin.press(first, t("loc-page-next"))
    second = admin.messages[first.message_id]
    assert t("officials-page", page=2, pages=2) in second.content
    assert len([b for b in second.buttons if "✉️ 1" in b.text]) == 2
    # Ten akimats, each once, ordered by code: the last two are Жаңаарқа's.
    assert "Жаңаарқа к.ә." in second.buttons[1].text
    await admin.press(second, t("loc-page-prev"))
    assert t("officials-page", page=1, pages=2) in admin.last.content
