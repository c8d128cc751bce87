"""A citizen's notification settings: which kinds of notices they get, and their quiet hours.

A person without a settings row gets everything, at any hour (storage/models/preferences.py):
nobody has to visit /settings for the bot to work. Only the kinds a citizen can reasonably do
without are switchable; a cancelled or moved meeting (NoticeKind.MEETING_CHANGED) always gets
through, at night too, since it changes what they planned to do.

This module reads and writes them for /settings; the outbox sender applies them at send time
(scheduler/sender/delivery_policy.py, which maps each NoticeKind to its switch): a kind off is
skipped, a non-urgent notice during quiet hours waits until they end.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from services.clock import Clock
from storage.models import NotificationSettings
from storage.repositories import preferences as preference_rows
from storage.unit_of_work import SessionSource


class NoticeSwitch(StrEnum):
    """What a citizen can switch off; the values are the NotificationSettings columns."""

    ANNOUNCEMENTS = "announcements"
    REMINDERS = "reminders"
    BROADCASTS = "broadcasts"
    PLANS = "plans"
    PROGRESS = "progress"
    QUESTIONS = "questions"
    RATINGS = "ratings"


# -------------------------------------------------------------------------------------------------
# Quiet hours


class QuietHoursErrorReason(StrEnum):
    FORMAT = "format"  # not two hours at all
    MINUTES = "minutes"  # "22:30-7": only whole hours are kept
    RANGE = "range"  # an hour above 24
    EMPTY = "empty"  # the same hour twice: no quiet time, or all day


class QuietHoursError(ValueError):
    def __init__(self, reason: QuietHoursErrorReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class QuietHours:
    """Local hours [start, end) when only urgent notices are sent; may span midnight."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= 23 and 0 <= self.end <= 23):
            raise QuietHoursError(QuietHoursErrorReason.RANGE)
        if self.start == self.end:
            raise QuietHoursError(QuietHoursErrorReason.EMPTY)


# "22-7", "22:00–08:00", "23.00 - 7.00", "22 7": two hours, each with optional ":00" minutes.
_QUIET_TEXT = re.compile(
    r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:-|–|—|−|\.\.|…|\s)\s*(\d{1,2})(?:[:.](\d{2}))?\s*$"
)


def parse_quiet_hours(text: str) -> QuietHours:
    """Typed quiet hours; raises QuietHoursError naming what is wrong."""
    match = _QUIET_TEXT.match(text)
    if match is None:
        raise QuietHoursError(QuietHoursErrorReason.FORMAT)
    start_hour, start_minutes, end_hour, end_minutes = match.groups()
    for minutes in (start_minutes, end_minutes):
        if minutes is not None and int(minutes) != 0:
            if int(minutes) > 59:
                raise QuietHoursError(QuietHoursErrorReason.RANGE)
            raise QuietHoursError(QuietHoursErrorReason.MINUTES)
    hours = []
    for hour in (int(start_hour), int(end_hour)):
        if hour > 24:
            raise QuietHoursError(QuietHoursErrorReason.RANGE)
        # "22-24": until midnight.
        hours.append(hour % 24)
    return QuietHours(hours[0], hours[1])


# -------------------------------------------------------------------------------------------------
# Settings


@dataclass(frozen=True, slots=True)
class Preferences:
    user_id: int
    switched_on: frozenset[NoticeSwitch]
    quiet: QuietHours | None

    @classmethod
    def default(cls, user_id: int) -> "Preferences":
        return cls(user_id=user_id, switched_on=frozenset(NoticeSwitch), quiet=None)

    @classmethod
    def of(cls, row: NotificationSettings) -> "Preferences":
        on = frozenset(switch for switch in NoticeSwitch if getattr(row, switch.value))
        quiet = None
        if row.quiet_from is not None and row.quiet_to is not None:
            try:
                quiet = QuietHours(row.quiet_from, row.quiet_to)
            except QuietHoursError:
                # Written by hand or by an older version: no quiet hours rather than a crash.
                quiet = None
        return cls(user_id=row.user_id, switched_on=on, quiet=quiet)

    def is_on(self, switch: NoticeSwitch) -> bool:
        return switch in self.switched_on


class PreferenceService:
    def __init__(self, session_factory: SessionSource, clock: Clock) -> None:
        self._sessions = session_factory
        self._clock = clock

    async def get(self, user_id: int) -> Preferences:
        async with self._sessions() as session:
            row = await preference_rows.get(session, user_id)
            return Preferences.of(row) if row else Preferences.default(user_id)

    async def set_switch(self, user_id: int, switch: NoticeSwitch, on: bool) -> Preferences:
        """Turn one kind on or off. Sets the value rather than flipping it, so the second tap of
        a double tap changes nothing."""
        return await self._change(user_id, {switch.value: on})

    async def set_quiet_hours(self, user_id: int, quiet: QuietHours | None) -> Preferences:
        """Set quiet hours, or remove them with None."""
        start, end = (quiet.start, quiet.end) if quiet is not None else (None, None)
        return await self._change(user_id, {"quiet_from": start, "quiet_to": end})

    async def _change(self, user_id: int, values: Mapping[str, bool | int | None]) -> Preferences:
        async with self._sessions() as session:
            # Insert-or-ignore, then update: two taps at once cannot both create the row.
            await preference_rows.create_if_missing(session, user_id)
            await preference_rows.change(session, user_id, values, self._clock.now())
            await session.commit()
            row = await preference_rows.get(session, user_id, fresh=True)
            assert row is not None
            return Preferences.of(row)


__all__ = [
    "NoticeSwitch",
    "PreferenceService",
    "Preferences",
    "QuietHours",
    "QuietHoursError",
    "QuietHoursErrorReason",
    "parse_quiet_hours",
]
