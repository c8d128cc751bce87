"""What citizens are told around a meeting, end to end in Kazakh and Russian: the scheduler task
at the day-before, hour-before, start and end moments, the outbox sender delivering, a rating
pressed and changed in the chat; and /settings obeyed by the sender (a kind switched off is
never sent, quiet hours hold a reminder until morning)."""

import html
import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from handlers.callbacks import RatingCb
from handlers.notices import Rendered, notice_renderers
from handlers.notices.meetings import rating_request
from locales import Text
from sandbox.client import BotMessage, ChatSession
from scheduler.tasks.citizen_reminders import citizen_reminders
from services.citizen_notices import Moment, day_reminder_at, moment_notice, notice_key
from services.meetings import MeetingView
from storage.models import OutboxMessage, OutboxStatus, Rating
from tests.builders import a_draft
from tests.e2e.harness import ADMIN_ID, ALMATY, BotWorld
from tests.shortcuts import announce_quietly

RENDERERS = notice_renderers()


def show(meeting: MeetingView, moment: Moment, t: Text) -> Rendered:
    """The notice of ``moment`` as its recipients in ``t``'s language read it."""
    return RENDERERS.rendered(moment_notice(meeting, moment), t)


# Жаңаарқа district: its akim meets the people in the settlement of Жаңаарқа.
HOST, VENUE = "623600000", "623630100"
PLACE = "Мәдениет үйі <№1> & кітапхана"
URL = "https://example.kz/live?a=1&b=2"
# Thursday 26 November 2026 (the harness starts on Monday the 23rd, 09:00).
STARTS = datetime(2026, 11, 26, 15, 0, tzinfo=ALMATY)


def plain(text: str) -> str:
    """What a person reads of an HTML message: tags gone, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def announced(world: BotWorld, starts_at: datetime = STARTS) -> MeetingView:
    meetings = world.services.meetings
    meeting = await a_draft(
        meetings,
        host=HOST,
        venue=VENUE,
        starts_at=starts_at,
        place=PLACE,
        url=URL,
        created_by=ADMIN_ID,
    )
    await announce_quietly(meetings, meeting.id)
    return meeting


async def tick(world: BotWorld, moment: datetime) -> None:
    """The scheduler's task at ``moment``, then the sender delivers what is due."""
    world.clock.set(moment)
    await citizen_reminders(world.services, moment)
    await world.sender.drain()


async def received(chat: ChatSession, what: str) -> BotMessage:
    events = await chat.collect(what)
    sent = [e.message for e in events if e.type == "sent" and e.message is not None]
    assert len(sent) == 1, [m.content[:60] for m in sent]
    return sent[0]


async def row_of(world: BotWorld, key: str, chat_id: int) -> OutboxMessage:
    async with world.app.session_factory() as session:
        row = await session.scalar(
            select(OutboxMessage).where(OutboxMessage.key == f"{key}:{chat_id}")
        )
    assert row is not None, key
    return row


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_reminders_broadcast_and_rating_in_the_chat(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    user_id = 4001
    chat = await world.citizen(user_id, locale)
    await world.services.subscriptions.subscribe(user_id, HOST)
    meeting = await announced(world)

    # 10:00 the day before.
    await tick(world, day_reminder_at(meeting.starts_at, ALMATY))
    day = await received(chat, "the day-before reminder")
    assert world.clock.now() == datetime(2026, 11, 25, 10, 0, tzinfo=ALMATY)
    assert day.content == plain(show(meeting, Moment.DAY, t).text)
    assert PLACE in day.content  # exactly as typed, never as markup
    assert t.weekday_datetime(meeting.starts_at) in day.content
    assert [(b.text, b.url) for b in day.buttons] == [(t("notice-broadcast-button"), URL)]

    # Nothing new in between.
    await tick(world, meeting.starts_at - timedelta(hours=2))

    await tick(world, meeting.starts_at - timedelta(hours=1))
    hour = await received(chat, "the hour-before reminder")
    assert hour.content == plain(show(meeting, Moment.HOUR, t).text)
    assert "15:00" in hour.content

    await tick(world, meeting.starts_at)
    live = await received(chat, "the broadcast link")
    assert live.content == plain(show(meeting, Moment.LIVE, t).text)
    assert [(b.text, b.url) for b in live.buttons] == [(t("notice-broadcast-button"), URL)]

    await tick(world, meeting.ends_at)
    request = await received(chat, "the rating request")
    assert request.content == plain(rating_request(meeting, t).text)
    assert [b.text for b in request.buttons] == ["1", "2", "3", "4", "5"]

    await chat.press(request, "4")
    assert chat.callback_answers[-1].get("text") == t("notice-rate-thanks", score=4)
    shown = chat.messages[request.message_id]
    assert shown.content.endswith(plain(t("notice-rate-chosen", score=4)))
    assert [b.text for b in shown.buttons] == [
        "1",
        "2",
        "3",
        t("notice-rate-button-chosen", score=4),
        "5",
    ]
    # Changed their mind.
    await chat.press(shown, "2")
    shown = chat.messages[request.message_id]
    assert shown.content.endswith(plain(t("notice-rate-chosen", score=2)))
    async with world.app.session_factory() as session:
        scores = (await session.execute(select(Rating.user_id, Rating.score))).all()
    assert [tuple(row) for row in scores] == [(user_id, 2)]
    summary = await world.services.citizen_notices.satisfaction(meeting_id=meeting.id)
    assert (summary.count, summary.mean) == (1, 2.0)

    # A button forged for a meeting they were never asked about is refused.
    forged = RatingCb(meeting_id=meeting.id + 1, score=5).pack()
    await world.client.press(user_id, request.message_id, forged)
    await chat.collect("a forged rating")
    assert chat.callback_answers[-1].get("text") == t("notice-rate-stale")
    assert chat.callback_answers[-1].get("show_alert") is True

    # Every notice went out once: the task run again sends nothing more.
    await tick(world, meeting.ends_at + timedelta(minutes=30))
    async with world.app.session_factory() as session:
        keys = (
            await session.scalars(
                select(OutboxMessage.key)
                .where(OutboxMessage.chat_id == user_id)
                .order_by(OutboxMessage.id)
            )
        ).all()
    assert keys == [
        f"{notice_key(meeting.id, moment, meeting.starts_at)}:{user_id}"
        for moment in (Moment.DAY, Moment.HOUR, Moment.LIVE, Moment.RATING)
    ]


async def test_settings_are_obeyed_by_the_sender(world: BotWorld) -> None:
    kk, ru = world.text("kk"), world.text("ru")
    no_reminders = await world.citizen(4002, "kk")
    night_owl = await world.citizen(4003, "ru")
    for chat in (no_reminders, night_owl):
        await world.services.subscriptions.subscribe(chat.user_id, HOST)

    # Through /settings: one switches reminders off, the other takes quiet hours 22:00–08:00.
    [screen] = await no_reminders.say("/settings")
    screen_id = screen.message_id
    reminders = kk("settings-switch-reminders")
    await no_reminders.press(screen, kk("settings-button-on", label=reminders))
    [screen] = await night_owl.say("/settings")
    await night_owl.press(screen, ru("settings-quiet-button"))
    preset = ru("settings-quiet-range", start="22:00", end="08:00")
    await night_owl.press(screen, ru("settings-quiet-preset-button", range=preset))

    # An early meeting: 08:30, so its hour-before reminder falls in the quiet hours.
    starts = datetime(2026, 11, 26, 8, 30, tzinfo=ALMATY)
    meeting = await announced(world, starts)

    await tick(world, day_reminder_at(starts, ALMATY))
    day_key = notice_key(meeting.id, Moment.DAY, starts)
    assert (await row_of(world, day_key, 4002)).status is OutboxStatus.SKIPPED
    day = await received(night_owl, "the day-before reminder")
    assert day.content == plain(show(meeting, Moment.DAY, ru).text)

    hour_key = notice_key(meeting.id, Moment.HOUR, starts)
    await tick(world, starts - timedelta(hours=1))  # 07:30: quiet
    held = await row_of(world, hour_key, 4003)
    assert held.status is OutboxStatus.PENDING
    assert held.next_attempt_at == datetime(2026, 11, 26, 8, 0, tzinfo=ALMATY)
    assert (await row_of(world, hour_key, 4002)).status is OutboxStatus.SKIPPED

    world.clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=ALMATY))
    await world.sender.drain()
    hour = await received(night_owl, "the held reminder")
    assert hour.content == plain(show(meeting, Moment.HOUR, ru).text)
    assert "08:30" in hour.content
    sent = await row_of(world, hour_key, 4003)
    assert sent.status is OutboxStatus.SENT
    # Nothing at all reached the one who switched reminders off.
    in_chat = await world.client.current_messages(no_reminders.chat_id, "bot")
    assert [m.content for m in in_chat if m.message_id > screen_id] == []
    assert (await world.client.current_messages(night_owl.chat_id, "bot"))[-1] == hour
