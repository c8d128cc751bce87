"""max_presentation_minutes and meeting_period."""

from typing import Any, cast

import pytest

from regulation import (
    AkimLevel,
    Period,
    RuleNotInProfile,
    max_presentation_minutes,
    meeting_period,
)


@pytest.mark.parametrize(
    ("duration", "expected"),
    [(60, 15), (90, 22), (120, 30), (45, 11), (4, 1), (3, 0), (1, 0), (180, 45)],
)
def test_presentation_at_most_a_quarter(duration: int, expected: int) -> None:
    assert max_presentation_minutes(duration) == expected
    assert max_presentation_minutes(duration) * 4 <= duration


@pytest.mark.parametrize("duration", [0, -10, 60.5, True, "60"])
def test_presentation_needs_a_positive_int(duration: object) -> None:
    with pytest.raises(ValueError, match="duration_minutes"):
        max_presentation_minutes(cast(Any, duration))


@pytest.mark.parametrize("profile", ["2016", "2013"])
def test_presentation_share_only_in_2022(profile: str) -> None:
    with pytest.raises(RuleNotInProfile, match="'presentation_share'"):
        max_presentation_minutes(60, profile=profile)


# Seed 001, clause 2.1.
PERIODS_2022 = [
    (AkimLevel.OBLAST, Period.HALF_YEAR, True),
    (AkimLevel.REPUBLICAN_CITY, Period.QUARTER, True),
    (AkimLevel.CAPITAL, Period.QUARTER, True),
    (AkimLevel.DISTRICT, Period.QUARTER, True),
    (AkimLevel.OBLAST_CITY, Period.QUARTER, True),
    (AkimLevel.DISTRICT_CITY, Period.QUARTER, True),
    (AkimLevel.RURAL_OKRUG, Period.QUARTER, True),
    (AkimLevel.CITY_DISTRICT, Period.QUARTER, False),
    (AkimLevel.SETTLEMENT, Period.QUARTER, False),
    (AkimLevel.VILLAGE, Period.QUARTER, False),
]

# Seed 002, clause 2.
PERIODS_2013 = [
    (AkimLevel.OBLAST, Period.YEAR, (1,), False, "2.1"),
    (AkimLevel.REPUBLICAN_CITY, Period.YEAR, (1,), False, "2.1"),
    (AkimLevel.CAPITAL, Period.YEAR, (1,), False, "2.1"),
    (AkimLevel.DISTRICT, Period.HALF_YEAR, (1, 3), False, "2.2"),
    (AkimLevel.OBLAST_CITY, Period.HALF_YEAR, (1, 3), False, "2.2"),
    (AkimLevel.CITY_DISTRICT, Period.HALF_YEAR, (1, 3), False, "2.2"),
    (AkimLevel.DISTRICT_CITY, Period.QUARTER, (1, 2, 3, 4), True, "2.3"),
    (AkimLevel.RURAL_OKRUG, Period.QUARTER, (1, 2, 3, 4), True, "2.3"),
    (AkimLevel.SETTLEMENT, Period.QUARTER, (1, 2, 3, 4), True, "2.3"),
    (AkimLevel.VILLAGE, Period.QUARTER, (1, 2, 3, 4), True, "2.3"),
]


def test_period_tables_cover_every_level() -> None:
    assert {row[0] for row in PERIODS_2022} == set(AkimLevel)
    assert {row[0] for row in PERIODS_2013} == set(AkimLevel)


@pytest.mark.parametrize(("level", "period", "visiting"), PERIODS_2022)
def test_meeting_period_2022(level: AkimLevel, period: Period, visiting: bool) -> None:
    found = meeting_period(level)
    assert (found.period, found.in_each_subordinate_unit) == (period, visiting)
    assert (found.quarters, found.first_month_of_quarter, found.clause) == (
        (1, 2, 3, 4),
        False,
        "2.1",
    )


@pytest.mark.parametrize(("level", "period", "quarters", "first_month", "clause"), PERIODS_2013)
def test_meeting_period_2013(
    level: AkimLevel, period: Period, quarters: tuple[int, ...], first_month: bool, clause: str
) -> None:
    found = meeting_period(level, profile="2013")
    assert (found.period, found.quarters, found.first_month_of_quarter) == (
        period,
        quarters,
        first_month,
    )
    assert (found.clause, found.in_each_subordinate_unit) == (clause, False)


def test_meeting_period_not_in_2016() -> None:
    with pytest.raises(RuleNotInProfile, match="'meeting_period'"):
        meeting_period(AkimLevel.OBLAST, profile="2016")


def test_meeting_period_unknown_level() -> None:
    with pytest.raises(ValueError, match="okrug"):
        meeting_period(cast(AkimLevel, "okrug"))
