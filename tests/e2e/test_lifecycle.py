"""The meeting lifecycle end to end, in Kazakh and Russian: an official creates a meeting with
the wizard (a too-long presentation refused), announces it, a subscriber gets it; the official
moves it and the subscriber and a question author are told; another meeting is cancelled and
they are told; an official of another akimat is refused and recorded."""

from datetime import date, datetime, timedelta
from html import escape

import pytest
from sqlalchemy import select

from handlers.acts import act_name
from handlers.callbacks import LcAction, LcMeetingCb
from handlers.official.meetings import local_date_text
from locales import LOCALES, Translator
from sandbox.client import ChatSession
from services.meetings import MeetingView
from storage.models import AuditEntry, QuestionKind
from tests.e2e.harness import ADMIN_ID, ALMATY, BotWorld
from tests.e2e.test_admin import NAMES, plain

KARAAGASH = "623661000"  # Қараағаш а.о., a rural okrug
ZHARTAS = "623661107"  # Жартас а., one of its villages
KUIGENBAZ = "623641105"  # a village of the neighbouring okrug
ULYTAU_DISTRICT = "623800000"  # another district

OFFICIAL, STRANGER = 4501, 4502
VILLAGER, AUTHOR, CITIZEN = 4601, 4602, 4603
# With characters that must be escaped: shown exactly as typed.
REASON = "Әкім іссапарда <шұғыл> & ауырып қалды"
QUESTION = {
    "kk": "Ауылдағы жолды қашан жөндейді? Көктемде су басады.",
    "ru": "Когда отремонтируют дорогу в селе? Весной её заливает.",
}


async def appoint(world: BotWorld, user_id: int, code: str, locale: str) -> ChatSession:
    """An official made the short way: a citizen who accepted an admin's invitation."""
    chat = await world.citizen(user_id, locale)
    _, invite = await world.services.officials.invite_to_locality(ADMIN_ID, code)
    await world.services.officials.accept(user_id, invite.token, f"User{user_id}")
    return chat


async def okrug_draft(world: BotWorld, starts_at: datetime) -> MeetingView:
    """A draft of Қараағаш а.о.'s official: two hours, a presentation of thirty minutes."""
    return await world.services.lifecycle.create(
        OFFICIAL,
        host_code=KARAAGASH,
        venue_code=KARAAGASH,
        audience_code=KARAAGASH,
        starts_at=starts_at,
        duration_minutes=120,
        place="Мәдениет үйі",
        broadcast_url=None,
        off_calendar=False,
        presentation_minutes=30,
    )


async def deliver(world: BotWorld, *chats: ChatSession) -> None:
    """The one sender sends what was enqueued; each chat reads what it got."""
    await world.sender.drain()
    for chat in chats:
        await chat.collect("the outbox")


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ALMATY)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_official_creates_announces_moves_and_cancels(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    names = NAMES[locale]
    official = await appoint(world, OFFICIAL, KARAAGASH, locale)
    villager = await world.citizen(VILLAGER, locale)
    await world.services.subscriptions.subscribe(VILLAGER, ZHARTAS)
    author = await world.citizen(AUTHOR, locale)
    await world.services.subscriptions.subscribe(AUTHOR, KUIGENBAZ)

    # --- the wizard: one akimat, so the host is theirs and the venue comes first (8 steps).
    [venue] = await official.say("/newmeeting")
    assert venue.content == plain(t("admin-ask-venue", host=names["karaagash"], step=1, steps=8))
    # Only places inside their akimat's territory are offered.
    [none] = await official.say("Күйгенбаз")
    assert none.content == t("admin-inside-none")
    [hits] = await official.say("Жартас")
    await official.press(hits, names["zhartas"])
    await official.press(official.last, t("admin-audience-host-button", name=names["karaagash"]))
    await official.say("05.12.2026 15:00")
    await official.press(official.last, t("admin-duration-default-button", minutes=120))
    # A presentation over a quarter of the time is refused, naming the maximum (001, 3.3).
    [refused] = await official.say("45")
    assert refused.content == plain(
        t(
            "admin-presentation-too-long",
            minutes=45,
            max=30,
            duration=120,
            act=act_name(t, "001"),
            clause="3.3",
        )
    )
    await official.press(refused, t("admin-presentation-button", minutes=30))
    await official.say("Мәдениет үйі, Абай көшесі 1")
    await official.press(official.last, t("admin-url-skip"))
    await official.press(official.last, t("admin-calendar-off-button"))
    summary = official.last
    assert plain(t("admin-summary-presentation", minutes=30)) in summary.content
    assert plain(t("admin-summary-calendar-off")) in summary.content
    await official.press(summary, t("admin-save-button"))
    saved = official.last
    [meeting] = await world.services.meetings.list_recent(1)
    assert saved.content.startswith(plain(t("admin-saved", id=str(meeting.id))))
    assert (meeting.venue.code, meeting.audience.code) == (ZHARTAS, KARAAGASH)
    assert (meeting.presentation_minutes, meeting.off_calendar) == (30, True)
    # The last day to announce a rural okrug's meeting: a week before (seed 001, clause 3.4).
    assert t.date(datetime(2026, 11, 28, 12, tzinfo=ALMATY)) in saved.content

    # --- announcing now: on time, queued for the one subscriber, who gets the card.
    await official.press(saved, t("lc-btn-announce"), minimum=2)
    result = official.messages[saved.message_id]
    assert result.content.startswith(plain(t("lc-announced", id=meeting.id, count=1)))
    assert plain(t("lc-timing-on-time", due="X")).split("X")[0] in result.content
    card = official.last
    assert plain(t("lc-card-title", id=meeting.id, status=t("lc-status-announced"))) in (
        card.content
    )
    assert t("lc-btn-announce") not in [b.text for b in card.buttons]
    await deliver(world, villager)
    assert villager.last.content.startswith(plain(t("meet-announcement-header")))
    assert f"№ {meeting.id}" in villager.last.content
    await world.services.questions.ask(AUTHOR, meeting.id, QuestionKind.QUESTION, QUESTION[locale])

    # --- moving: asked, confirmed with who will be told, done; both are told.
    await official.press(card, t("lc-btn-move"))
    assert official.last.content == plain(
        t("lc-ask-move", id=meeting.id, when=t.weekday_datetime(meeting.starts_at))
    )
    [confirm] = await official.say("07.12.2026 11:00")
    new_start = local(7, 11)
    assert confirm.content == plain(
        t(
            "lc-confirm-move",
            id=meeting.id,
            old=t.weekday_datetime(meeting.starts_at),
            new=t.weekday_datetime(new_start),
            told=1,
            authors=1,
        )
        + "\n"
        # Seven days before a rural okrug's meeting (seed 001, 3.4): met.
        + t("lc-move-due", due=local_date_text(t, date(2026, 11, 30)))
    )
    await official.press(confirm, t("lc-btn-move-confirm"), minimum=2)
    assert official.messages[confirm.message_id].content == plain(
        t("lc-moved", id=meeting.id, when=t.weekday_datetime(new_start), count=2)
    )
    assert plain(t("lc-status-rescheduled")) in official.last.content
    moved_notice = plain(
        t(
            "lc-notice-moved",
            id=meeting.id,
            host=names["karaagash"],
            old=t.weekday_datetime(meeting.starts_at),
            new=t.weekday_datetime(new_start),
            venue=names["zhartas"],
            place="Мәдениет үйі, Абай көшесі 1",
            cutoff=t.datetime(new_start - timedelta(hours=24)),
        )
    )
    await deliver(world, villager, author)
    assert villager.last.content == moved_notice
    assert author.last.content == moved_notice
    # The citizen's card: the new time, "moved from" the old one, still open for questions.
    [moved_card] = await villager.say("/meetings")
    assert plain(t("lc-card-moved-from", when=t.weekday_datetime(meeting.starts_at))) in (
        moved_card.content
    )
    assert t("meet-btn-ask") in [b.text for b in moved_card.buttons]

    # --- cancelling another meeting from /mymeetings: a reason, a confirmation, the notices.
    other = await world.services.lifecycle.create(
        OFFICIAL,
        host_code=KARAAGASH,
        venue_code=KARAAGASH,
        audience_code=KARAAGASH,
        starts_at=local(12, 11),
        duration_minutes=90,
        place="Әкімдік ғимараты",
        broadcast_url=None,
        off_calendar=False,
        presentation_minutes=20,
    )
    await world.services.lifecycle.announce(other.id, OFFICIAL)
    await deliver(world, villager)
    [listing] = await official.say("/mymeetings")
    assert listing.content.startswith(plain(t("lc-list-title-active", count=2)))
    await official.press(listing, t("lc-btn-open", id=other.id))
    other_card = official.messages[listing.message_id]
    assert plain(t("lc-card-title", id=other.id, status=t("lc-status-announced"))) in (
        other_card.content
    )
    await official.press(other_card, t("lc-btn-cancel"))
    [short] = await official.say("ой")
    assert short.content == t("lc-error-bad-reason", min=5, max=500)
    [confirm] = await official.say(REASON)
    assert confirm.content == plain(
        t("lc-confirm-cancel", id=other.id, reason=escape(REASON), told=1, authors=0)
    )
    await official.press(confirm, t("lc-btn-cancel-confirm"), minimum=2)
    assert official.messages[confirm.message_id].content == plain(
        t("lc-cancelled", id=other.id, count=1)
    )
    await deliver(world, villager)
    assert villager.last.content == plain(
        t(
            "lc-notice-cancelled",
            id=other.id,
            host=names["karaagash"],
            when=t.weekday_datetime(other.starts_at),
            reason=escape(REASON),
        )
    )
    # The citizen's card of the cancelled meeting says so, with the reason, and offers nothing.
    [cancelled_card] = await villager.say(f"/start m{other.id}")
    assert plain(t("meet-card-cancelled")) in cancelled_card.content
    assert plain(t("lc-card-cancel-reason", reason=escape(REASON))) in (cancelled_card.content)
    assert cancelled_card.buttons == []
    # The author of the first meeting's question was not told of this one.
    assert other_notice_count(author, other) == 0


def other_notice_count(chat: ChatSession, meeting: MeetingView) -> int:
    return sum(f"№ {meeting.id}" in m.content for m in chat.messages.values())


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_official_of_another_akimat_is_refused(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    await appoint(world, OFFICIAL, KARAAGASH, locale)
    stranger = await appoint(world, STRANGER, ULYTAU_DISTRICT, locale)
    meeting = await okrug_draft(world, local(10, 15))

    # Their list does not show it; their wizard does not offer places outside their district.
    [listing] = await stranger.say("/mymeetings")
    assert listing.content.startswith(plain(t("lc-list-title-active", count=0)))
    await stranger.say("/newmeeting")
    [none] = await stranger.say("Жартас")
    assert none.content == t("admin-inside-none")
    await stranger.say("/cancel")

    # Buttons that were never shown to them: refused, recorded, nothing changes.
    for action in (LcAction.OPEN, LcAction.ANNOUNCE, LcAction.CANCEL, LcAction.MOVE):
        data = LcMeetingCb(action=action, meeting_id=meeting.id).pack()
        await world.client.press(STRANGER, stranger.last.message_id, data)
        await stranger.collect("a forged button")
        assert stranger.callback_answers[-1]["text"] == t("access-denied")
    async with world.app.session_factory() as session:
        denied = (
            await session.execute(
                select(AuditEntry.action, AuditEntry.target)
                .where(AuditEntry.actor_id == STRANGER, AuditEntry.allowed.is_(False))
                .order_by(AuditEntry.id)
            )
        ).all()
    target = f"meeting:{meeting.id}"
    assert [tuple(row) for row in denied] == [
        ("meeting.read", target),
        ("meeting.announce", target),
        ("meeting.cancel", target),
        ("meeting.move", target),
    ]
    unchanged = await world.services.meetings.get(meeting.id)
    assert unchanged is not None and unchanged.announced_at is None

    # A citizen is told it is a command for officials, and what they can use.
    citizen = await world.citizen(CITIZEN, locale)
    [answer] = await citizen.say("/mymeetings")
    assert answer.content.startswith(
        t("staff-command-not-staff", command="mymeetings", commands="").strip()
    )


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_official_marks_held_and_closes_from_the_card(
    world: BotWorld, locale: str
) -> None:
    """Mark held only once the meeting has started, then close; a stranger's forged presses of
    the same buttons are refused and change nothing."""
    t = world.text(locale)
    official = await appoint(world, OFFICIAL, KARAAGASH, locale)
    stranger = await appoint(world, STRANGER, ULYTAU_DISTRICT, locale)
    meeting = await okrug_draft(world, local(10, 15))
    await world.services.lifecycle.announce(meeting.id, OFFICIAL)
    card_button = t("lc-btn-open", id=meeting.id)

    # Before it starts the card offers no "held": the forged press is answered, not obeyed.
    [listing] = await official.say("/mymeetings")
    await official.press(listing, card_button)
    assert t("lc-btn-hold") not in [button.text for button in official.last.buttons]
    hold = LcMeetingCb(action=LcAction.HOLD, meeting_id=meeting.id).pack()
    await world.client.press(OFFICIAL, official.last.message_id, hold)
    await official.collect("an early press")
    assert official.callback_answers[-1]["text"] != t("lc-held", id=meeting.id)
    early = await world.services.meetings.get(meeting.id)
    assert early is not None and early.status.value == "announced"

    # The meeting has begun: held, then closed, each from the card's own button.
    world.clock.set(local(10, 15, 30))
    [listing] = await official.say("/mymeetings")
    await official.press(listing, card_button)
    await official.press(official.last, t("lc-btn-hold"))
    assert official.find(plain(t("lc-held", id=meeting.id)).split("\n")[0])
    for action in (LcAction.CLOSE, LcAction.HOLD):
        data = LcMeetingCb(action=action, meeting_id=meeting.id).pack()
        await world.client.press(STRANGER, stranger.last.message_id, data)
        await stranger.collect("a forged button")
        assert stranger.callback_answers[-1]["text"] == t("access-denied")
    # The card, refreshed after the act, now offers closing.
    [card] = [
        message
        for message in official.messages.values()
        if t("lc-btn-close") in [button.text for button in message.buttons]
    ]
    await official.press(card, t("lc-btn-close"))
    assert official.find(plain(t("lc-closed", id=meeting.id)).split("\n")[0])
    closed = await world.services.meetings.get(meeting.id)
    assert closed is not None and closed.status.value == "closed"


def test_popup_answers_fit_in_a_callback_answer() -> None:
    """Telegram cuts callback answers at 200 characters: every pop-up of the card must fit."""
    translator = Translator()
    keys = [key for key in translator.keys("en") if key.startswith("lc-error-")]
    keys += ["lc-stale", "access-denied", "admin-stale-step"]
    assert len(keys) > 10
    for locale in LOCALES:
        for key in keys:
            text = translator.get(
                locale,
                key,
                status=translator.get(locale, "lc-status-rescheduled"),
                min=5,
                max=500,
                days=30,
                now="30 желтоқсан 2026, 23:59",
                bound="30 желтоқсан 2026",
            )
            assert len(text) <= 200, (locale, key, len(text))
        text = translator.get(locale, "admin-error-presentation-too-long", max=120, duration=480)
        assert len(text) <= 200, (locale, "admin-error-presentation-too-long", len(text))


async def test_an_official_announces_with_the_command_for_their_akimat_only(
    world: BotWorld,
) -> None:
    t = world.text("kk")
    official = await appoint(world, OFFICIAL, KARAAGASH, "kk")
    stranger = await appoint(world, STRANGER, ULYTAU_DISTRICT, "kk")
    meeting = await okrug_draft(world, local(20, 15))

    [refused] = await stranger.say(f"/announce {meeting.id}")
    assert refused.content == plain(t("access-denied"))
    still = await world.services.meetings.get(meeting.id)
    assert still is not None and still.status.value == "draft"

    [report] = await official.say(f"/announce {meeting.id}")
    assert plain(t("admin-announce-queued", id=str(meeting.id), count=0)) in report.content
    announced = await world.services.meetings.get(meeting.id)
    assert announced is not None and announced.status.value == "announced"
    async with world.app.session_factory() as session:
        denied = await session.scalar(
            select(AuditEntry).where(
                AuditEntry.actor_id == STRANGER, AuditEntry.allowed.is_(False)
            )
        )
    assert denied is not None


async def test_moving_an_announced_meeting_too_close_is_shown_late_before_and_after(
    world: BotWorld,
) -> None:
    """Seed 001, 3.4: announced for 10 December, moved on 23 November to 25 November; the
    last day to announce becomes 18 November, 5 days ago, and the official reads that before
    confirming and again once it is done."""
    t = world.text("kk")
    official = await appoint(world, OFFICIAL, KARAAGASH, "kk")
    meeting = await okrug_draft(world, local(10, 15))
    await world.services.lifecycle.announce(meeting.id, OFFICIAL)
    move = LcMeetingCb(action=LcAction.MOVE, meeting_id=meeting.id).pack()
    await world.client.press(OFFICIAL, official.last.message_id, move)
    await official.collect("the move button")

    [confirm] = await official.say("25.11.2026 15:00")

    due = local_date_text(t, date(2026, 11, 18))
    assert confirm.content.endswith(plain(t("lc-move-late", due=due, days=5)))
    await official.press(confirm, t("lc-btn-move-confirm"), minimum=2)
    assert official.messages[confirm.message_id].content.endswith(
        plain(t("lc-moved-late", due=due, days=5))
    )
