"""The shapes of the rules: frozen dataclasses that hold the law's numbers as data.

Every rule names where it comes from: ``seed`` is the file name of the original act in
``/work/shared/seeds/`` and ``clause`` is the place in it, numbered as the seed numbers it:
``"3.4"`` is paragraph 3, subparagraph 4) (seeds 001 and 002); a hyphenated number such as
``"7-3"`` is the seed's own paragraph number (seed 000), never a range. ``quote_kk`` is a short
verbatim phrase of the seed, so that the bot can show an official the wording of the law itself.

The values live in :mod:`regulation.profiles`; the arithmetic in :mod:`regulation.deadlines`,
:mod:`regulation.meetings` and :mod:`regulation.feedback`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from regulation.levels import AkimLevel


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of one profile and its source in the seeds."""

    key: str
    seed: str
    clause: str
    summary_en: str
    quote_kk: str


def _check_partition(key: str, groups: Iterable[frozenset[AkimLevel]]) -> None:
    # A level in two groups would make the answer depend on the order of the data, and a
    # missing level would surface as a crash in the bot; both are data errors caught at import.
    seen: set[AkimLevel] = set()
    for levels in groups:
        if seen & levels:
            raise ValueError(f"rule {key!r}: levels {sorted(seen & levels)} appear twice")
        seen |= levels
    if missing := set(AkimLevel) - seen:
        raise ValueError(f"rule {key!r}: no value for levels {sorted(missing)}")


@dataclass(frozen=True, slots=True)
class LeadTime:
    """How long before the meeting the levels in ``levels`` must announce it."""

    levels: frozenset[AkimLevel]
    days: int = 0
    months: int = 0

    def __post_init__(self) -> None:
        # The seeds count either in weeks (2022) or in months (2016), never both at once.
        if (self.days > 0) == (self.months > 0) or min(self.days, self.months) < 0:
            raise ValueError("a lead time is either a number of days or of months")


@dataclass(frozen=True, slots=True)
class AnnouncementRule(Rule):
    """Announcement lead times; each level belongs to exactly one group."""

    lead_times: tuple[LeadTime, ...]

    def __post_init__(self) -> None:
        _check_partition(self.key, (lead.levels for lead in self.lead_times))

    def lead_for(self, level: AkimLevel) -> LeadTime:
        """The lead time of ``level``."""
        return next(lead for lead in self.lead_times if level in lead.levels)


@dataclass(frozen=True, slots=True)
class DaysAfterRule(Rule):
    """A duty due ``days`` calendar days after an event (no shift for weekends or holidays)."""

    days: int


@dataclass(frozen=True, slots=True)
class ProgressRule(Rule):
    """Quarterly progress report due on ``day`` of the month after the quarter."""

    day: int


@dataclass(frozen=True, slots=True)
class CalendarRule(Rule):
    """A yearly date for the meeting calendar (or schedule) of a given year.

    The due date for the calendar of year ``Y`` is ``date(Y + year_offset, month, day)``:
    2022 draws up the calendar in January of its own year, 2016 sent it in December before.
    """

    month: int
    day: int
    year_offset: int
    levels: frozenset[AkimLevel]


@dataclass(frozen=True, slots=True)
class ShareRule(Rule):
    """An upper bound on a share of the planned meeting time."""

    max_share: Fraction


@dataclass(frozen=True, slots=True)
class ReceptionRule(Rule):
    """Personal reception of citizens around the meeting.

    ``days_before`` is how many days before the meeting a reception is held (None: the seed
    asks for none before); ``after_meeting`` says a reception follows the meeting. The seeds
    never fix the day of the reception after the meeting, so there is no ``days_after``.
    """

    days_before: int | None
    after_meeting: bool


class Period(StrEnum):
    """How often a meeting is due."""

    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Periodicity:
    """How often the akims of ``levels`` must meet the population.

    ``quarters``: the quarters the meetings must fall in (2013 pins oblasts to Q1 and districts
    to Q1 and Q3); ``first_month_of_quarter``: 2013 pins villages to the quarter's first month;
    ``in_each_subordinate_unit``: 2022 asks for a *visiting* meeting in every unit below the
    akim (every district, village, ...) rather than one meeting in total.
    """

    levels: frozenset[AkimLevel]
    period: Period
    clause: str
    quarters: tuple[int, ...] = (1, 2, 3, 4)
    first_month_of_quarter: bool = False
    in_each_subordinate_unit: bool = False


@dataclass(frozen=True, slots=True)
class PeriodicityRule(Rule):
    """Meeting periodicity per level; each level belongs to exactly one group."""

    groups: tuple[Periodicity, ...]

    def __post_init__(self) -> None:
        _check_partition(self.key, (group.levels for group in self.groups))

    def periodicity_for(self, level: AkimLevel) -> Periodicity:
        """The periodicity of ``level``."""
        return next(group for group in self.groups if level in group.levels)


class FeedbackBand(StrEnum):
    """The feedback index scale of seed 004, clause 23."""

    INEFFECTIVE = "ineffective"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True, slots=True)
class BandFloor:
    """A band and the lowest percentage that reaches it."""

    floor_percent: int
    band: FeedbackBand


@dataclass(frozen=True, slots=True)
class FeedbackIndexRule(Rule):
    """The feedback index scale: bands ordered from the highest floor down to 0."""

    bands: tuple[BandFloor, ...]

    def __post_init__(self) -> None:
        floors = [band.floor_percent for band in self.bands]
        if floors != sorted(floors, reverse=True) or floors[-1] != 0:
            raise ValueError(f"rule {self.key!r}: band floors must descend to 0")

    def band_of(self, percent: Fraction) -> FeedbackBand:
        """The band of ``percent`` (0..100).

        Seed 004 clause 23 writes the bands with one decimal (50-69.9, 70-89.9): we read each
        band as running up to the next floor, so 69.95 is still low and nothing falls between.
        """
        if not 0 <= percent <= 100:
            raise ValueError(f"a feedback index is between 0 and 100, got {float(percent)}")
        return next(band.band for band in self.bands if percent >= band.floor_percent)
