"""Time, injectable: deadlines are tested by moving a clock, never by sleeping."""

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to: for tests, and for the sandbox's time travel."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        self._now += delta


class ShiftedClock:
    """Real time moved on by an offset that only grows: the sandbox's demo clock, so a
    meeting can be walked from its announcement to its quarterly reports in minutes. Time
    still runs (a reminder an hour away comes in an hour); the offset jumps it forward."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self._offset = timedelta(0)
        self.set_offset(offset)

    @property
    def offset(self) -> timedelta:
        return self._offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def set_offset(self, offset: timedelta) -> None:
        if offset < self._offset:
            raise ValueError("the demo clock only moves forward")
        self._offset = offset
