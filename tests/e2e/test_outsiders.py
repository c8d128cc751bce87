"""Buttons and links that are not the presser's, end to end, in Kazakh, Russian and English:
a citizen pressing an official's buttons (pool, lifecycle, new meeting, deadlines) or an admin's
(/outbox), an official removed since their keyboard was sent pressing it, an official pressing an
admin's button, and invitation links used, revoked, expired or forged. Each gets a clear answer
and is a denied attempt in the audit log, named for what was tried."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from handlers.callbacks import (
    AdminDurationCb,
    DeadlinesCb,
    LcListCb,
    OutboxAction,
    OutboxCb,
    PoolItemAction,
    PoolItemCb,
    PoolListCb,
)
from services.audit import AuditDetail
from services.officials import INVITE_TTL
from storage.models import AuditEntry
from tests.builders import a_draft
from tests.e2e.harness import ADMIN_ID, LANGUAGE_BUTTONS, BotWorld
from tests.e2e.test_officials import KARAAGASH, appoint, forge
from tests.shortcuts import announce_quietly

pytestmark = pytest.mark.asyncio


async def refusals(world: BotWorld, actor: int) -> list[tuple[str, str | None, str | None]]:
    """(action, target, reason) of the denied attempts of ``actor``, oldest first (the
    reason as the audit log keeps it: AuditDetail's ``reason``)."""
    async with world.app.session_factory() as session:
        rows = await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.actor_id == actor, AuditEntry.allowed.is_(False))
            .order_by(AuditEntry.id)
        )
        return [(entry.action, entry.target, reason_of(entry.detail)) for entry in rows]


def reason_of(detail: str | None) -> str | None:
    loaded = AuditDetail.load(detail)
    return None if loaded is None else loaded.reason


@pytest.mark.parametrize(("locale", "user_id"), [("kk", 4901), ("ru", 4902), ("en", 4903)])
async def test_a_citizen_pressing_staff_and_admin_buttons_is_refused_and_recorded(
    world: BotWorld, locale: str, user_id: int
) -> None:
    t = world.text(locale)
    chat = await world.citizen(user_id, locale)
    staff = {
        PoolListCb(meeting_id=1).pack(): "pool.button",
        PoolItemCb(action=PoolItemAction.ACCEPT, question_id=7).pack(): "pool.button",
        LcListCb(group="active").pack(): "lifecycle.button",
        AdminDurationCb(minutes=90).pack(): "newmeeting.button",
        DeadlinesCb(akimat_id=3).pack(): "deadlines.button",
    }
    for data in staff:
        assert await forge(world, chat, data) == t("outsider-staff-button")
        assert chat.callback_answers[-1]["show_alert"] is True
    outbox = OutboxCb(action=OutboxAction.REQUEUE).pack()
    assert await forge(world, chat, outbox) == t("outsider-admin-button")

    assert await refusals(world, user_id) == [
        *((action, data, None) for data, action in staff.items()),
        ("outbox.button", outbox, None),
    ]


async def test_a_removed_officials_old_buttons_are_refused_and_recorded(world: BotWorld) -> None:
    t = world.text("ru")
    akimat, official = await appoint(world, 4911, KARAAGASH, "ru")
    meeting = await a_draft(
        world.services.meetings,
        starts_at=world.clock.now() + timedelta(days=14),
        created_by=ADMIN_ID,
    )
    await announce_quietly(world.services.meetings, meeting.id)
    [choice] = await official.say("/pool")
    [mine] = await official.say("/mymeetings")
    assert choice.buttons and mine.buttons
    pool_button, meeting_button = choice.buttons[0], mine.buttons[0]

    assert await world.services.officials.remove(ADMIN_ID, akimat.id, official.user_id)

    await official.press(choice, pool_button.text, stale=True)
    assert official.callback_answers[-1]["text"] == t("outsider-staff-button")
    await official.press(mine, meeting_button.text, stale=True)
    assert official.callback_answers[-1]["text"] == t("outsider-staff-button")
    assert await refusals(world, official.user_id) == [
        ("pool.button", pool_button.callback_data, None),
        ("lifecycle.button", meeting_button.callback_data, None),
    ]


async def test_an_official_pressing_an_admins_button_is_refused_and_recorded(
    world: BotWorld,
) -> None:
    t = world.text("kk")
    _, official = await appoint(world, 4921, KARAAGASH, "kk")
    data = OutboxCb(action=OutboxAction.REFRESH).pack()
    assert await forge(world, official, data) == t("outsider-admin-button")
    assert await refusals(world, official.user_id) == [("outbox.button", data, None)]


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_invitation_links_that_do_not_work_are_recorded(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    officials = world.services.officials
    # Used: taken by one official, opened by a citizen after.
    _, used = await officials.invite_to_locality(ADMIN_ID, KARAAGASH)
    await world.citizen(4931, "kk")
    await officials.accept(4931, used.token, "User4931")
    # Revoked before anyone opened it.
    _, revoked = await officials.invite_to_locality(ADMIN_ID, KARAAGASH)
    await officials.revoke(ADMIN_ID, revoked.token)
    # Expiring: still good now.
    akimat, expiring = await officials.invite_to_locality(ADMIN_ID, KARAAGASH)

    citizen = await world.citizen(4932, locale)
    [answer] = await citizen.say(f"/start inv_{used.token}")
    assert answer.content == t("officials-accept-used")
    [answer] = await citizen.say(f"/start inv_{revoked.token}")
    assert answer.content == t("officials-accept-revoked")
    [answer] = await citizen.say("/start inv_forged<token>")
    assert answer.content == t("officials-accept-unknown")
    [answer] = await citizen.say("/start inv_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    assert answer.content == t("officials-accept-unknown")

    # A newcomer opens the link after it lapsed: told before the language and consent steps.
    world.clock.advance(INVITE_TTL)
    newcomer = await world.chat(4933, language_code=locale)
    replies = await newcomer.say(f"/start inv_{expiring.token}", minimum=2)
    assert replies[0].content == t(
        "officials-accept-expired", when=t.datetime(expiring.expires_at)
    )
    assert replies[-1].content == t("start-choose-language")
    await newcomer.press(replies[-1], LANGUAGE_BUTTONS[locale])

    assert await refusals(world, 4932) == [
        ("invite.accept", f"invite:{used.token[:8]}", "used"),
        ("invite.accept", f"invite:{revoked.token[:8]}", "revoked"),
        ("invite.accept", "invite:forged?t", "unknown"),
        ("invite.accept", "invite:AAAAAAAA", "unknown"),
    ]
    assert await refusals(world, 4933) == [
        ("invite.accept", f"invite:{expiring.token[:8]}", "expired")
    ]
    async with world.app.session_factory() as session:
        akimats = list(
            await session.scalars(
                select(AuditEntry.akimat_id)
                .where(
                    AuditEntry.allowed.is_(False),
                    AuditEntry.detail != AuditDetail(reason="unknown").dump(),
                )
                .order_by(AuditEntry.id)
            )
        )
    assert akimats == [akimat.id] * 3
