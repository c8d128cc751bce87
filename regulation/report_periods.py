"""The periods an akimat's record is kept over: quarter, half-year and year, on local dates.

Seed 004, clause 16: interim results are published every quarter and final results every
year; clause 18: surveys at least once per half-year. The feedback index of clauses 22-23 is
therefore read per quarter, per half-year and per year. Dates are local calendar dates
(``Asia/Almaty``); a period's UTC bounds are its first local midnight and the local midnight
after its last day.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from regulation.deadlines import LOCAL_TIMEZONE

SOURCE = ("004", "16, 18")


class PeriodKind(StrEnum):
    QUARTER = "q"
    HALF = "h"
    YEAR = "y"

    @property
    def months(self) -> int:
        return {PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}[self]

    @property
    def per_year(self) -> int:
        """How many such periods a year has."""
        return 12 // self.months


@dataclass(frozen=True, slots=True, order=True)
class ReportPeriod:
    """``index`` 1..4 for a quarter, 1..2 for a half-year, 1 for a year."""

    year: int
    kind: PeriodKind
    index: int

    def __post_init__(self) -> None:
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise ValueError(f"year must be an int, got {self.year!r}")
        if not 1900 <= self.year <= 9998:
            raise ValueError(f"year out of range: {self.year}")
        if not isinstance(self.kind, PeriodKind):
            raise ValueError(f"kind must be a PeriodKind, got {self.kind!r}")
        if isinstance(self.index, bool) or not 1 <= self.index <= self.kind.per_year:
            raise ValueError(f"{self.kind.name.lower()} index must be 1..{self.kind.per_year}")

    @classmethod
    def containing(cls, day: date, kind: PeriodKind) -> "ReportPeriod":
        return cls(day.year, kind, (day.month - 1) // kind.months + 1)

    @classmethod
    def parse(cls, code: str) -> "ReportPeriod":
        """``2026q3``, ``2026h1``, ``2026y1`` (what :attr:`code` writes); ValueError else."""
        if len(code) < 6 or not code[:4].isdigit() or not code[5:].isdigit():
            raise ValueError(f"not a period: {code!r}")
        return cls(int(code[:4]), PeriodKind(code[4]), int(code[5:]))

    @property
    def code(self) -> str:
        return f"{self.year}{self.kind.value}{self.index}"

    @property
    def first_day(self) -> date:
        return date(self.year, (self.index - 1) * self.kind.months + 1, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def next(self) -> "ReportPeriod":
        if self.index == self.kind.per_year:
            return ReportPeriod(self.year + 1, self.kind, 1)
        return ReportPeriod(self.year, self.kind, self.index + 1)

    def previous(self) -> "ReportPeriod":
        if self.index == 1:
            return ReportPeriod(self.year - 1, self.kind, self.kind.per_year)
        return ReportPeriod(self.year, self.kind, self.index - 1)

    def quarters(self) -> tuple["ReportPeriod", ...]:
        """The quarters the period is made of, in order."""
        first = (self.index - 1) * self.kind.months // 3 + 1
        return tuple(
            ReportPeriod(self.year, PeriodKind.QUARTER, q)
            for q in range(first, first + self.kind.months // 3)
        )

    def utc_bounds(self, tz: tzinfo = LOCAL_TIMEZONE) -> tuple[datetime, datetime]:
        """[start, end) in UTC: local midnight of the first day, local midnight after the last."""
        start = datetime.combine(self.first_day, time(0), tzinfo=tz).astimezone(UTC)
        end = datetime.combine(self.next().first_day, time(0), tzinfo=tz).astimezone(UTC)
        return start, end


def recent_periods(today: date, kind: PeriodKind, count: int) -> tuple[ReportPeriod, ...]:
    """The period containing ``today`` and the ``count - 1`` before it, newest first."""
    if count < 1:
        raise ValueError("count must be at least 1")
    periods = [ReportPeriod.containing(today, kind)]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return tuple(periods)
