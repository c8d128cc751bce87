"""Whether a notification goes out now, later, or not at all: the citizen's /settings applied.

A pure function of the recipient's settings, the notice and the moment, so the sender asks it
for every message of a claimed batch without a query each, and tests run it as a table.

- A kind the citizen switched off is skipped (never sent, not even later).
- During the citizen's quiet hours a notice waits until they end, unless it is urgent: a
  meeting cancelled or moved must reach people before they set out (issue 3, section 7:
  "nothing but urgent changes at night").
- An official's duties and service messages (invitations, role changes) cannot be switched
  off: they are the work, not a subscription.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import Protocol
from zoneinfo import ZoneInfo

from services.statuses import NoticeKind


class Preferences(Protocol):
    """What the policy reads from a NotificationSettings row (storage/models/preferences.py)."""

    @property
    def announcements(self) -> bool: ...
    @property
    def reminders(self) -> bool: ...
    @property
    def broadcasts(self) -> bool: ...
    @property
    def plans(self) -> bool: ...
    @property
    def progress(self) -> bool: ...
    @property
    def questions(self) -> bool: ...
    @property
    def ratings(self) -> bool: ...
    @property
    def quiet_from(self) -> int | None: ...
    @property
    def quiet_to(self) -> int | None: ...


# The /settings switch of each kind a citizen may turn off.
SWITCHES: dict[NoticeKind, str] = {
    NoticeKind.ANNOUNCEMENT: "announcements",
    NoticeKind.MEETING_REMINDER: "reminders",
    NoticeKind.BROADCAST: "broadcasts",
    NoticeKind.ACTION_PLAN: "plans",
    NoticeKind.PROGRESS: "progress",
    NoticeKind.QUESTION_STATUS: "questions",
    NoticeKind.RATING: "ratings",
}
# Always sent, whatever the settings say.
NEVER_OFF = frozenset({NoticeKind.MEETING_CHANGED, NoticeKind.DUTY, NoticeKind.SERVICE})
# Sent during quiet hours too.
URGENT_KINDS = frozenset({NoticeKind.MEETING_CHANGED})


class Decision(StrEnum):
    SEND = "send"
    SKIP = "skip"
    DEFER = "defer"


@dataclass(frozen=True, slots=True)
class Verdict:
    decision: Decision
    # For DEFER: the moment (UTC) the quiet hours end.
    until: datetime | None = None


SEND = Verdict(Decision.SEND)
SKIP = Verdict(Decision.SKIP)


def is_switched_on(preferences: Preferences | None, kind: NoticeKind) -> bool:
    if preferences is None or kind in NEVER_OFF:
        return True
    switch = SWITCHES.get(kind)
    return switch is None or bool(getattr(preferences, switch))


def in_quiet_hours(quiet_from: int | None, quiet_to: int | None, hour: int) -> bool:
    """Whether a local ``hour`` falls in [quiet_from, quiet_to), which may wrap past midnight
    (22 → 7). Equal ends, or either missing, mean no quiet hours."""
    if quiet_from is None or quiet_to is None or quiet_from == quiet_to:
        return False
    if quiet_from < quiet_to:
        return quiet_from <= hour < quiet_to
    return hour >= quiet_from or hour < quiet_to


def quiet_hours_end(quiet_to: int, now: datetime, tz: ZoneInfo) -> datetime:
    """The next local ``quiet_to``:00 after ``now``, in UTC."""
    local = now.astimezone(tz)
    day = local.date()
    end = datetime.combine(day, time(quiet_to), tzinfo=tz)
    if end <= local:
        end = datetime.combine(day + timedelta(days=1), time(quiet_to), tzinfo=tz)
    return end.astimezone(UTC)


def decide(
    preferences: Preferences | None,
    kind: NoticeKind,
    *,
    urgent: bool,
    now: datetime,
    tz: ZoneInfo,
) -> Verdict:
    """SEND, SKIP (the citizen switched this kind off) or DEFER until the quiet hours end.

    ``preferences`` None: no settings row, so everything is on and there are no quiet hours.
    """
    if not is_switched_on(preferences, kind):
        return SKIP
    if preferences is None or urgent or kind in URGENT_KINDS:
        return SEND
    quiet_from, quiet_to = preferences.quiet_from, preferences.quiet_to
    if quiet_to is None or not in_quiet_hours(quiet_from, quiet_to, now.astimezone(tz).hour):
        return SEND
    return Verdict(Decision.DEFER, until=quiet_hours_end(quiet_to, now, tz))


__all__ = [
    "NEVER_OFF",
    "SEND",
    "SKIP",
    "SWITCHES",
    "URGENT_KINDS",
    "Decision",
    "Preferences",
    "Verdict",
    "decide",
    "in_quiet_hours",
    "is_switched_on",
    "quiet_hours_end",
]
