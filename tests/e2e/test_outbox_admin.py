"""The admin's /outbox, end to end in Kazakh, Russian and English: what became of the
notifications, why some were not delivered, and sending those again."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notices import notice_renderers
from services.meetings import MeetingView
from services.notices import MeetingAnnounced
from services.outbox import Recipient
from storage.models import AuditEntry, OutboxMessage, OutboxStatus
from tests.builders import a_draft
from tests.e2e.harness import ADMIN_ID, BotWorld
from tests.e2e.test_admin import KARAAGASH, plain

pytestmark = pytest.mark.asyncio

Sessions = async_sessionmaker[AsyncSession]
REFUSAL = "Bad Request: <b>message</b> is too long"


async def notify(
    world: BotWorld, session_factory: Sessions, chats: list[int], locale: str
) -> MeetingView:
    """A meeting's card for ``chats``; its rows' keys start with "announce:<id>". Due
    tomorrow, so the sender running in the background leaves them to the test."""
    meeting = await a_draft(
        world.services.meetings, host=KARAAGASH, starts_at=world.clock.now() + timedelta(days=9)
    )
    async with session_factory() as session:
        await world.services.outbox.notify(
            session,
            MeetingAnnounced(meeting),
            [Recipient(chat, locale) for chat in chats],
            not_before=world.clock.now() + timedelta(days=1),
        )
        await session.commit()
    return meeting


async def fail(session_factory: Sessions, key: str, error: str) -> None:
    """What the sender writes for a message Telegram refused for good."""
    async with session_factory() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.key.startswith(key))
            .values(status=OutboxStatus.FAILED, attempts=5, last_error=error)
        )
        await session.commit()


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_outbox_shows_the_failed_and_sends_them_again(
    world: BotWorld, session_factory: Sessions, locale: str
) -> None:
    t = world.text(locale)
    people = [await world.citizen(user_id, locale) for user_id in (4101, 4102, 4103)]
    outage = await notify(world, session_factory, [4101, 4102], locale)
    refused = await notify(world, session_factory, [4103], locale)
    await fail(session_factory, f"announce:{outage.id}:", "no answer (ServerDisconnectedError)")
    await fail(session_factory, f"announce:{refused.id}:", REFUSAL)
    admin = await world.admin(locale)

    [screen] = await admin.say("/outbox")

    assert plain(t("admin-outbox-status-failed", count=3)) in screen.content
    assert (
        plain(t("admin-outbox-reason", reason="no answer (ServerDisconnectedError)", count=2))
        in screen.content
    )
    assert REFUSAL in screen.content  # the citizen-free words of Telegram, escaped, not markup
    assert [b.text for b in screen.buttons] == [
        t("admin-outbox-requeue-button", count=3),
        t("admin-outbox-refresh-button"),
    ]

    await admin.press(screen, t("admin-outbox-requeue-button", count=3))

    assert admin.callback_answers[-1]["text"] == plain(t("admin-outbox-requeued", count=3))
    await world.sender.drain()
    for person, meeting in zip(people, (outage, outage, refused), strict=True):
        events = await person.collect("the notice sent again")
        [notice] = [e.message for e in events if e.type == "sent" and e.message is not None]
        card = notice_renderers().rendered(MeetingAnnounced(meeting), t)
        assert notice.content == plain(card.text)
    async with session_factory() as session:
        statuses = list(await session.scalars(select(OutboxMessage.status)))
        audit = list(await session.scalars(select(AuditEntry.action)))
    assert statuses == [OutboxStatus.SENT] * 3
    assert "outbox.requeue" in audit

    [after] = await admin.say("/outbox")
    assert plain(t("admin-outbox-status-sent", count=3)) in after.content
    assert [b.text for b in after.buttons] == [t("admin-outbox-refresh-button")]


async def test_outbox_is_for_admins_only(world: BotWorld, session_factory: Sessions) -> None:
    t = world.text("kk")
    citizen = await world.citizen(4201, "kk")
    meeting = await notify(world, session_factory, [4201], "kk")
    await fail(session_factory, f"announce:{meeting.id}:", "no answer")

    answers = await citizen.say("/outbox")

    assert all(t("admin-outbox-title") not in a.content for a in answers)
    assert world.services.admin_ids == frozenset({ADMIN_ID})
