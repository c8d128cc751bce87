"""Hostile input that once ended in "something went wrong" (issue 8, section 6): a meeting set
or moved to 31.12.9999, and buttons whose forged data carries an id past what the database
holds. Each gets a clear answer, and nothing is written."""

import logging
from datetime import datetime, timedelta

import pytest

from handlers.callbacks import LcAction, LcMeetingCb
from services.meetings import latest_start
from tests.e2e.harness import ADMIN_ID, ALMATY, BotWorld
from tests.e2e.test_admin import NAMES, plain
from tests.e2e.test_lifecycle import KARAAGASH, OFFICIAL, appoint, okrug_draft

FAR = "31.12.9999 23:30"


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_new_meeting_on_31_12_9999_is_refused_clearly(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    names = NAMES[locale]
    admin = await world.admin(locale)
    await admin.say("/newmeeting")
    [hits] = await admin.say("Қараағаш")
    await admin.press(hits, names["karaagash"])
    [hits] = await admin.say("Жартас")
    await admin.press(hits, names["zhartas"])
    await admin.press(admin.last, t("admin-audience-host-button", name=names["karaagash"]))

    [far] = await admin.say(FAR)

    latest = t.date(latest_start(world.clock.now()))
    assert far.content == plain(t("meeting-start-too-far", latest=latest))
    assert "2028" in latest
    # The step is kept: a real date goes on to the duration.
    [duration] = await admin.say("05.12.2026 15:00")
    assert duration.content != far.content


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_moving_a_meeting_to_31_12_9999_is_refused_clearly(
    world: BotWorld, locale: str
) -> None:
    t = world.text(locale)
    official = await appoint(world, OFFICIAL, KARAAGASH, locale)
    meeting = await okrug_draft(world, datetime(2026, 12, 10, 15, tzinfo=ALMATY))
    move = LcMeetingCb(action=LcAction.MOVE, meeting_id=meeting.id).pack()
    await official.say("/mymeetings")
    await world.client.press(OFFICIAL, official.last.message_id, move)
    await official.collect("the move button")

    [far] = await official.say(FAR)

    latest = t.date(latest_start(world.clock.now()))
    assert far.content == plain(t("meeting-start-too-far", latest=latest))
    unchanged = await world.services.meetings.get(meeting.id)
    assert unchanged is not None and unchanged.starts_at == meeting.starts_at


async def test_the_services_refuse_a_start_past_two_years(world: BotWorld) -> None:
    """The rule holds below the chat too: creating or moving through the services."""
    from services.lifecycle import LifecycleError, LifecycleErrorReason
    from services.meetings import MeetingError, MeetingErrorReason

    await appoint(world, OFFICIAL, KARAAGASH, "ru")
    far = datetime(9999, 12, 31, 23, 30, tzinfo=ALMATY)
    with pytest.raises(MeetingError) as created:
        await okrug_draft(world, far)
    assert created.value.reason is MeetingErrorReason.START_TOO_FAR
    meeting = await okrug_draft(world, world.clock.now() + timedelta(days=30))
    with pytest.raises(LifecycleError) as moved:
        await world.services.lifecycle.move(meeting.id, OFFICIAL, far)
    assert moved.value.reason is LifecycleErrorReason.START_TOO_FAR


# A forged button for each family of ids: a meeting (citizens' card, the lifecycle card, the
# pool), a question, an akimat and a person (Telegram ids are BIGINT), a page.
# With the key of the stale-button answer: the officials' screens have their own.
FORGED = [
    ("mt1:o:{big}", "error-stale-button"),
    ("lc2:o:{big}:0", "error-stale-button"),
    ("qp1:{big}:a:a:0", "error-stale-button"),
    ("qpi1:o:{big}:a:a:0", "error-stale-button"),
    ("of1:a:{big}:0:0", "officials-stale-step"),
    ("of1:r:1:{huge}:0", "officials-stale-step"),
    ("ml1:-1", "error-stale-button"),
    ("plv1:{big}:0:0", "error-stale-button"),
]


@pytest.mark.parametrize(("forged", "stale"), FORGED)
async def test_a_forged_button_with_a_huge_id_is_answered_as_stale(
    world: BotWorld, forged: str, stale: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Ids of 2⁶³ and past 2⁶⁴ overflowed PostgreSQL's INTEGER and BIGINT parameters and were
    answered "something went wrong"."""
    caplog.set_level(logging.INFO, logger="kezdesu.updates")
    t = world.text("ru")
    admin = await world.citizen(ADMIN_ID, "ru")
    [screen] = await admin.say("/help")

    data = forged.format(big=2**63, huge=2**64)
    await world.client.press(ADMIN_ID, screen.message_id, data)
    await admin.collect("the answer to the press")

    assert admin.callback_answers[-1]["text"] == t(stale)
    outcomes = [r.getMessage() for r in caplog.records if r.name == "kezdesu.updates"]
    assert not [line for line in outcomes if "outcome=error" in line]


STAFF_TYPED = ["/plan 1", "/progress", "/office", "/newmeeting", "/pool 3", "/audit", "/outbox"]


@pytest.mark.parametrize("locale", ["kk", "en"])
async def test_a_citizen_typing_a_staff_command_gets_one_answer_and_a_true_audit_row(
    world: BotWorld, locale: str
) -> None:
    """Once /plan and /progress said "it belongs to another akimat" (and audited a denied
    plan.publish), /office "you are not an official", the others "unknown command"."""
    from sqlalchemy import select

    from handlers.official.not_staff import citizen_commands
    from storage.models import AuditEntry

    t = world.text(locale)
    citizen = await world.citizen(5501, locale)
    for typed in STAFF_TYPED:
        [answer] = await citizen.say(typed)
        command = typed.split()[0].removeprefix("/")
        expected = t("staff-command-not-staff", command=command, commands=citizen_commands(t))
        assert answer.content == expected
        listed = answer.content.splitlines()[1:]
        assert "/meetings" in answer.content
        assert not [line for line in listed if line.startswith(("/plan ", "/pool "))]

    async with world.app.session_factory() as session:
        entries = (
            await session.scalars(
                select(AuditEntry).where(AuditEntry.actor_id == 5501).order_by(AuditEntry.id)
            )
        ).all()
    assert [(e.action, e.target, e.allowed, e.akimat_id) for e in entries] == [
        ("staff.command", typed.split()[0], False, None) for typed in STAFF_TYPED
    ]
