"""Coverage rules: which units an akim visits, and the period (seed 001, 2.1; seed 002, 2)."""

from datetime import date

import pytest

from regulation import (
    AkimLevel,
    Period,
    RuleNotInProfile,
    coverage_period,
    needs_visits,
    period_containing,
    visited_levels,
)

L = AkimLevel

# Seed 001, clause 2.1: who visits which units.
VISITS_2022 = [
    (L.OBLAST, {L.DISTRICT, L.OBLAST_CITY}),
    (L.REPUBLICAN_CITY, {L.CITY_DISTRICT}),
    (L.CAPITAL, {L.CITY_DISTRICT}),
    (L.DISTRICT, {L.VILLAGE, L.SETTLEMENT, L.RURAL_OKRUG, L.DISTRICT_CITY}),
    (L.RURAL_OKRUG, {L.VILLAGE, L.SETTLEMENT}),
    (L.DISTRICT_CITY, {L.CITY_DISTRICT, L.VILLAGE, L.SETTLEMENT}),
    (L.VILLAGE, set()),
    (L.SETTLEMENT, set()),
    (L.CITY_DISTRICT, set()),
]


@pytest.mark.parametrize(("level", "visited"), VISITS_2022)
def test_visited_levels_2022(level: AkimLevel, visited: set[AkimLevel]) -> None:
    assert visited_levels(level) == visited
    assert needs_visits(level) is bool(visited)


@pytest.mark.parametrize("level", list(AkimLevel))
def test_2013_has_no_visits(level: AkimLevel) -> None:
    assert visited_levels(level, "2013") == frozenset()


@pytest.mark.parametrize(
    ("level", "profile", "day", "start", "end", "label"),
    [
        (L.OBLAST, "2022", date(2027, 5, 10), date(2027, 1, 1), date(2027, 6, 30), "2027-H1"),
        (L.OBLAST, "2022", date(2027, 7, 1), date(2027, 7, 1), date(2027, 12, 31), "2027-H2"),
        (L.DISTRICT, "2022", date(2027, 5, 10), date(2027, 4, 1), date(2027, 6, 30), "2027-Q2"),
        (L.VILLAGE, "2022", date(2027, 12, 31), date(2027, 10, 1), date(2027, 12, 31), "2027-Q4"),
        (L.RURAL_OKRUG, "2022", date(2028, 2, 29), date(2028, 1, 1), date(2028, 3, 31), "2028-Q1"),
        (L.OBLAST, "2013", date(2027, 5, 10), date(2027, 1, 1), date(2027, 12, 31), "2027"),
        (L.DISTRICT, "2013", date(2027, 8, 1), date(2027, 7, 1), date(2027, 12, 31), "2027-H2"),
    ],
)
def test_coverage_period(
    level: AkimLevel, profile: str, day: date, start: date, end: date, label: str
) -> None:
    period = coverage_period(level, day, profile)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_next_period_follows_without_gap() -> None:
    period = period_containing(Period.QUARTER, date(2027, 11, 5))
    assert period.next().start == date(2028, 1, 1)
    assert period.next().end == date(2028, 3, 31)


def test_2016_states_no_periodicity() -> None:
    with pytest.raises(RuleNotInProfile):
        coverage_period(L.DISTRICT, date(2027, 1, 1), "2016")
