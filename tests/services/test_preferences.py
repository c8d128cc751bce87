"""Notification settings on SQLite and PostgreSQL: defaults without a row, each switch and quiet
hours round-trip, typed quiet hours parsed or refused with the reason, and the sender's policy
reading what /settings wrote."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from scheduler.sender.delivery_policy import SWITCHES, Decision, decide
from services.clock import ManualClock
from services.preferences import (
    NoticeSwitch,
    Preferences,
    PreferenceService,
    QuietHours,
    QuietHoursError,
    QuietHoursErrorReason,
    parse_quiet_hours,
)
from storage.models import NoticeKind, NotificationSettings, User

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # 11:00 in Almaty
USER = 5001


@pytest.fixture
async def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def service(session_factory: Sessions, clock: ManualClock) -> PreferenceService:
    async with session_factory() as session:
        session.add(User(id=USER, locale="kk", consent_at=NOW, is_active=True))
        await session.commit()
    return PreferenceService(session_factory, clock)


async def stored(sessions: Sessions) -> NotificationSettings | None:
    async with sessions() as session:
        return await session.get(NotificationSettings, USER)


async def test_without_a_row_everything_is_on_and_no_quiet_hours(
    service: PreferenceService, session_factory: Sessions
) -> None:
    preferences = await service.get(USER)
    assert preferences == Preferences.default(USER)
    assert all(preferences.is_on(switch) for switch in NoticeSwitch)
    assert preferences.quiet is None
    assert await stored(session_factory) is None


@pytest.mark.parametrize("switch", list(NoticeSwitch))
async def test_each_switch_round_trips(
    service: PreferenceService, session_factory: Sessions, clock: ManualClock, switch: NoticeSwitch
) -> None:
    off = await service.set_switch(USER, switch, False)
    assert not off.is_on(switch)
    assert off.switched_on == frozenset(NoticeSwitch) - {switch}
    assert await service.get(USER) == off
    row = await stored(session_factory)
    assert row is not None
    assert getattr(row, switch.value) is False
    assert row.updated_at == NOW

    # The second tap of a double tap sets the same value: nothing flips back.
    assert await service.set_switch(USER, switch, False) == off
    clock.advance(timedelta(minutes=5))
    on = await service.set_switch(USER, switch, True)
    assert on == Preferences.default(USER)
    row = await stored(session_factory)
    assert row is not None
    assert getattr(row, switch.value) is True
    assert row.updated_at == NOW + timedelta(minutes=5)


async def test_switches_are_independent_and_one_row_per_person(
    service: PreferenceService, session_factory: Sessions
) -> None:
    await service.set_switch(USER, NoticeSwitch.REMINDERS, False)
    await service.set_switch(USER, NoticeSwitch.RATINGS, False)
    await service.set_quiet_hours(USER, QuietHours(22, 8))
    preferences = await service.get(USER)
    assert preferences.switched_on == frozenset(NoticeSwitch) - {
        NoticeSwitch.REMINDERS,
        NoticeSwitch.RATINGS,
    }
    assert preferences.quiet == QuietHours(22, 8)
    async with session_factory() as session:
        rows = await session.scalar(select(func.count()).select_from(NotificationSettings))
    assert rows == 1


async def test_quiet_hours_round_trip_and_removal(
    service: PreferenceService, session_factory: Sessions
) -> None:
    assert (await service.set_quiet_hours(USER, QuietHours(23, 7))).quiet == QuietHours(23, 7)
    row = await stored(session_factory)
    assert row is not None
    assert (row.quiet_from, row.quiet_to) == (23, 7)
    # Switches are untouched by quiet hours.
    assert (await service.get(USER)).switched_on == frozenset(NoticeSwitch)

    assert (await service.set_quiet_hours(USER, QuietHours(1, 6))).quiet == QuietHours(1, 6)
    removed = await service.set_quiet_hours(USER, None)
    assert removed.quiet is None
    row = await stored(session_factory)
    assert row is not None
    assert (row.quiet_from, row.quiet_to) == (None, None)


async def test_a_broken_row_reads_as_no_quiet_hours(
    service: PreferenceService, session_factory: Sessions
) -> None:
    async with session_factory() as session:
        session.add(NotificationSettings(user_id=USER, quiet_from=5, quiet_to=5))
        await session.commit()
    assert (await service.get(USER)).quiet is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("22-7", 22, 7),
        ("22-07", 22, 7),
        ("22:00-08:00", 22, 8),
        ("22:00–08:00", 22, 8),
        ("23.00 — 7.00", 23, 7),
        (" 23 7 ", 23, 7),
        ("0-6", 0, 6),
        ("13-15", 13, 15),
        ("22-24", 22, 0),
        ("24-6", 0, 6),
    ],
)
def test_typed_quiet_hours_are_understood(text: str, start: int, end: int) -> None:
    assert parse_quiet_hours(text) == QuietHours(start, end)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", QuietHoursErrorReason.FORMAT),
        ("night", QuietHoursErrorReason.FORMAT),
        ("22", QuietHoursErrorReason.FORMAT),
        ("22-7-8", QuietHoursErrorReason.FORMAT),
        ("22:00", QuietHoursErrorReason.FORMAT),
        ("-5-7", QuietHoursErrorReason.FORMAT),
        ("22:30-7", QuietHoursErrorReason.MINUTES),
        ("22-6:45", QuietHoursErrorReason.MINUTES),
        ("25-7", QuietHoursErrorReason.RANGE),
        ("22-99", QuietHoursErrorReason.RANGE),
        ("22:61-7", QuietHoursErrorReason.RANGE),
        ("7-7", QuietHoursErrorReason.EMPTY),
        ("0-24", QuietHoursErrorReason.EMPTY),
    ],
)
def test_bad_quiet_hours_name_what_is_wrong(text: str, reason: QuietHoursErrorReason) -> None:
    with pytest.raises(QuietHoursError) as caught:
        parse_quiet_hours(text)
    assert caught.value.reason is reason


def test_quiet_hours_refuse_impossible_values() -> None:
    with pytest.raises(QuietHoursError):
        QuietHours(24, 6)
    with pytest.raises(QuietHoursError):
        QuietHours(-1, 6)
    with pytest.raises(QuietHoursError):
        QuietHours(6, 6)


def test_every_switch_is_one_the_sender_applies() -> None:
    """/settings offers exactly the switches scheduler/sender/delivery_policy.py reads."""
    assert set(SWITCHES.values()) == {switch.value for switch in NoticeSwitch}


async def test_the_sender_policy_applies_what_settings_wrote(
    service: PreferenceService, session_factory: Sessions
) -> None:
    await service.set_switch(USER, NoticeSwitch.RATINGS, False)
    await service.set_quiet_hours(USER, QuietHours(22, 8))
    row = await stored(session_factory)
    night = datetime(2026, 3, 2, 23, 30, tzinfo=TZ)
    day = datetime(2026, 3, 2, 12, 0, tzinfo=TZ)

    def verdict(kind: NoticeKind, moment: datetime, urgent: bool = False) -> Decision:
        return decide(row, kind, urgent=urgent, now=moment, tz=TZ).decision

    assert verdict(NoticeKind.RATING, day) is Decision.SKIP
    assert verdict(NoticeKind.MEETING_REMINDER, day) is Decision.SEND
    assert verdict(NoticeKind.MEETING_REMINDER, night) is Decision.DEFER
    deferred = decide(row, NoticeKind.MEETING_REMINDER, urgent=False, now=night, tz=TZ)
    assert deferred.until == datetime(2026, 3, 3, 8, 0, tzinfo=TZ)
    # A cancelled or moved meeting gets through at night.
    assert verdict(NoticeKind.MEETING_CHANGED, night, urgent=True) is Decision.SEND
