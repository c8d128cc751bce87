"""Coverage: which units an akim must visit, and in which period.

2022 (seed 001, clause 2.1): the calendar provides *visiting* meetings of every akim in every
unit below it: the oblast akim in every district and city of oblast significance once per
half-year; the akim of a city of republican significance or the capital in every city district
each quarter; the district akim in every village, settlement, rural okrug and town of district
significance each quarter; the akim of a city or a rural okrug in every district, village and
settlement that is part of it each quarter; the akim of a village, settlement or city district
at least one meeting a quarter (no units to visit: the unit itself is the target).

2013 (seed 002, clause 2): one reporting meeting per period (year, half-year or quarter) of the
akim, no visits; the unit itself is the target. 2016 states no periodicity (RuleNotInProfile).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from regulation.levels import AkimLevel
from regulation.meetings import meeting_period
from regulation.profiles import DEFAULT_PROFILE
from regulation.rules import Period

# Seed 001, clause 2.1: the kinds of unit "below" each akim that the akim visits. A child of
# another kind (a farm with no akim, the city proper inside its own administration at the same
# level) is not a unit of its own to visit.
VISITED_LEVELS: dict[AkimLevel, frozenset[AkimLevel]] = {
    AkimLevel.OBLAST: frozenset({AkimLevel.DISTRICT, AkimLevel.OBLAST_CITY}),
    AkimLevel.REPUBLICAN_CITY: frozenset({AkimLevel.CITY_DISTRICT}),
    AkimLevel.CAPITAL: frozenset({AkimLevel.CITY_DISTRICT}),
    AkimLevel.DISTRICT: frozenset(
        {
            AkimLevel.VILLAGE,
            AkimLevel.SETTLEMENT,
            AkimLevel.RURAL_OKRUG,
            AkimLevel.DISTRICT_CITY,
        }
    ),
    AkimLevel.OBLAST_CITY: frozenset(
        {
            AkimLevel.CITY_DISTRICT,
            AkimLevel.VILLAGE,
            AkimLevel.SETTLEMENT,
            AkimLevel.RURAL_OKRUG,
            AkimLevel.DISTRICT_CITY,
        }
    ),
    AkimLevel.DISTRICT_CITY: frozenset(
        {AkimLevel.CITY_DISTRICT, AkimLevel.VILLAGE, AkimLevel.SETTLEMENT}
    ),
    AkimLevel.RURAL_OKRUG: frozenset({AkimLevel.VILLAGE, AkimLevel.SETTLEMENT}),
}

_MONTHS = {Period.QUARTER: 3, Period.HALF_YEAR: 6, Period.YEAR: 12}


@dataclass(frozen=True, slots=True)
class CoveragePeriod:
    """One period of coverage: first and last local day, both included."""

    period: Period
    start: date
    end: date

    @property
    def label(self) -> str:
        """``2027-Q1``, ``2027-H2``, ``2027``: stable, used in outbox keys."""
        if self.period is Period.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.period is Period.HALF_YEAR:
            return f"{self.start.year}-H{(self.start.month - 1) // 6 + 1}"
        return str(self.start.year)

    def next(self) -> "CoveragePeriod":
        return period_containing(self.period, self.end + timedelta(days=1))


def period_containing(period: Period, day: date) -> CoveragePeriod:
    """The quarter, half-year or year that contains the local date ``day``."""
    months = _MONTHS[Period(period)]
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    after = first_month + months
    end = (date(day.year + 1, 1, 1) if after > 12 else date(day.year, after, 1)) - timedelta(1)
    return CoveragePeriod(Period(period), start, end)


def coverage_period(level: AkimLevel, day: date, profile: str = DEFAULT_PROFILE) -> CoveragePeriod:
    """The coverage period of an akim of ``level`` that contains ``day`` (quarter; half-year for
    the oblast akim in 2022; the periods of seed 002, clause 2 in 2013). RuleNotInProfile where
    the profile has no periodicity (2016)."""
    return period_containing(meeting_period(level, profile).period, day)


def visited_levels(level: AkimLevel, profile: str = DEFAULT_PROFILE) -> frozenset[AkimLevel]:
    """The levels of the units directly below an akim of ``level`` that must each get a
    visiting meeting per period; empty when the akim's own unit is the one target (villages,
    settlements and city districts in 2022; every level in 2013)."""
    rule = meeting_period(AkimLevel(level), profile)
    if not rule.in_each_subordinate_unit:
        return frozenset()
    return VISITED_LEVELS[AkimLevel(level)]


def needs_visits(level: AkimLevel, profile: str = DEFAULT_PROFILE) -> bool:
    """Whether the akim's targets are the units below it (True) or its own unit (False)."""
    return bool(visited_levels(level, profile))
