"""The delivery policy as a table: a citizen's switches and quiet hours against each kind."""

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from scheduler.sender.delivery_policy import (
    NEVER_OFF,
    SWITCHES,
    Decision,
    decide,
    in_quiet_hours,
    quiet_hours_end,
)
from storage.models import NoticeKind

TZ = ZoneInfo("Asia/Almaty")  # UTC+5


@dataclass
class Prefs:
    announcements: bool = True
    reminders: bool = True
    broadcasts: bool = True
    plans: bool = True
    progress: bool = True
    questions: bool = True
    ratings: bool = True
    quiet_from: int | None = None
    quiet_to: int | None = None


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    """A local moment in Almaty on March ``day``, 2026."""
    return datetime(2026, 3, day, hour, minute, tzinfo=TZ)


def test_no_settings_row_means_everything_now() -> None:
    for kind in NoticeKind:
        assert decide(None, kind, urgent=False, now=at(3), tz=TZ).decision is Decision.SEND


@pytest.mark.parametrize(
    ("kind", "switch"),
    [
        (NoticeKind.ANNOUNCEMENT, "announcements"),
        (NoticeKind.MEETING_REMINDER, "reminders"),
        (NoticeKind.BROADCAST, "broadcasts"),
        (NoticeKind.ACTION_PLAN, "plans"),
        (NoticeKind.PROGRESS, "progress"),
        (NoticeKind.QUESTION_STATUS, "questions"),
        (NoticeKind.RATING, "ratings"),
    ],
)
def test_a_kind_switched_off_is_skipped_and_only_that_kind(kind: NoticeKind, switch: str) -> None:
    prefs = Prefs(**{switch: False})
    assert decide(prefs, kind, urgent=False, now=at(12), tz=TZ).decision is Decision.SKIP
    for other in NoticeKind:
        if other is not kind:
            verdict = decide(prefs, other, urgent=False, now=at(12), tz=TZ)
            assert verdict.decision is Decision.SEND, other


def test_every_kind_is_either_switchable_or_never_off() -> None:
    assert set(SWITCHES) | NEVER_OFF == set(NoticeKind)
    assert not set(SWITCHES) & NEVER_OFF


@pytest.mark.parametrize("kind", sorted(NEVER_OFF))
def test_duties_service_and_meeting_changes_cannot_be_switched_off(kind: NoticeKind) -> None:
    everything_off = Prefs(
        announcements=False,
        reminders=False,
        broadcasts=False,
        plans=False,
        progress=False,
        questions=False,
        ratings=False,
    )
    assert decide(everything_off, kind, urgent=False, now=at(12), tz=TZ).decision is Decision.SEND


@pytest.mark.parametrize(
    ("quiet_from", "quiet_to", "hour", "quiet"),
    [
        (22, 7, 21, False),
        (22, 7, 22, True),
        (22, 7, 23, True),
        (22, 7, 0, True),
        (22, 7, 6, True),
        (22, 7, 7, False),
        (13, 15, 12, False),
        (13, 15, 13, True),
        (13, 15, 14, True),
        (13, 15, 15, False),
        (8, 8, 8, False),  # equal ends: no quiet hours
        (None, 7, 3, False),
        (22, None, 23, False),
    ],
)
def test_quiet_hours_window(
    quiet_from: int | None, quiet_to: int | None, hour: int, quiet: bool
) -> None:
    assert in_quiet_hours(quiet_from, quiet_to, hour) is quiet


@pytest.mark.parametrize(
    ("now", "quiet_to", "end"),
    [
        (at(23, 30), 7, at(7, day=11)),  # before midnight: tomorrow morning
        (at(2, 15), 7, at(7)),  # after midnight: this morning
        (at(13, 59), 15, at(15)),
    ],
)
def test_quiet_hours_end_is_the_next_local_end_hour(
    now: datetime, quiet_to: int, end: datetime
) -> None:
    assert quiet_hours_end(quiet_to, now, TZ) == end.astimezone(UTC)


def test_quiet_hours_defer_until_they_end_but_not_urgent_changes() -> None:
    prefs = Prefs(quiet_from=22, quiet_to=7)
    night = at(23, 30)
    deferred = decide(prefs, NoticeKind.ANNOUNCEMENT, urgent=False, now=night, tz=TZ)
    assert deferred.decision is Decision.DEFER
    assert deferred.until == datetime(2026, 3, 11, 2, 0, tzinfo=UTC)  # 07:00 in Almaty
    # A cancelled or moved meeting goes out at once, by its kind or by the row's urgent flag.
    urgent_kind = decide(prefs, NoticeKind.MEETING_CHANGED, urgent=False, now=night, tz=TZ)
    assert urgent_kind.decision is Decision.SEND
    flagged = decide(prefs, NoticeKind.ANNOUNCEMENT, urgent=True, now=night, tz=TZ)
    assert flagged.decision is Decision.SEND
    # By day it simply goes.
    day = decide(prefs, NoticeKind.ANNOUNCEMENT, urgent=False, now=at(9), tz=TZ)
    assert day.decision is Decision.SEND


def test_a_kind_switched_off_is_skipped_even_at_night() -> None:
    prefs = Prefs(quiet_from=22, quiet_to=7, ratings=False)
    verdict = decide(prefs, NoticeKind.RATING, urgent=False, now=at(23), tz=TZ)
    assert verdict.decision is Decision.SKIP
