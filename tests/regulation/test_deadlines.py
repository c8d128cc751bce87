"""action_plan_due, progress_due, calendar_deadlines and calendar_levels."""

from datetime import date, datetime
from typing import Any, cast

import pytest

from regulation import (
    LOCAL_TIMEZONE,
    AkimLevel,
    RuleNotInProfile,
    action_plan_due,
    calendar_deadlines,
    calendar_levels,
    progress_due,
    results_due,
)

REGIONAL = frozenset({AkimLevel.OBLAST, AkimLevel.REPUBLICAN_CITY, AkimLevel.CAPITAL})


@pytest.mark.parametrize(
    ("profile", "meeting_date", "reception_end", "expected"),
    [
        ("2022", date(2026, 5, 20), None, date(2026, 5, 30)),
        ("2022", date(2026, 5, 20), date(2026, 5, 20), date(2026, 5, 30)),
        ("2022", date(2026, 5, 20), date(2026, 5, 22), date(2026, 6, 1)),
        ("2022", date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 5)),
        ("2022", date(2024, 2, 19), None, date(2024, 2, 29)),
        # Seed 000 clause 7-3 fixes "one day" only for the reception before the meeting, so
        # no reception day after it is assumed: without reception_end the meeting day counts.
        ("2016", date(2026, 5, 20), None, date(2026, 5, 30)),
        ("2016", date(2026, 5, 20), date(2026, 5, 21), date(2026, 5, 31)),
        ("2016", date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 10)),
    ],
)
def test_action_plan_due_ten_days_after_meetings_and_receptions(
    profile: str, meeting_date: date, reception_end: date | None, expected: date
) -> None:
    assert action_plan_due(meeting_date, reception_end, profile=profile) == expected


def test_action_plan_default_profile_is_2022() -> None:
    assert action_plan_due(date(2026, 5, 20)) == date(2026, 5, 30)


@pytest.mark.parametrize(
    ("profile", "receptions", "expected"),
    [
        # No reception recorded: the meeting day ends the period.
        ("2022", [], date(2026, 5, 30)),
        # The latest reception on or after the meeting day ends it (seed 001, clause 3.5).
        ("2022", [date(2026, 5, 20), date(2026, 5, 23), date(2026, 5, 21)], date(2026, 6, 2)),
        # 2016's day-before reception (seed 000, clause 7-3) does not move the deadline.
        ("2016", [date(2026, 5, 19)], date(2026, 5, 30)),
        ("2016", [date(2026, 5, 19), date(2026, 5, 21)], date(2026, 5, 31)),
    ],
)
def test_results_due_counts_receptions_after_the_meeting(
    profile: str, receptions: list[date], expected: date
) -> None:
    today = date(2026, 6, 30)
    assert results_due(date(2026, 5, 20), receptions, profile=profile, today=today) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # Before the reception's day it is only planned: the meeting ends the period.
        (date(2026, 5, 20), date(2026, 5, 30)),
        (date(2026, 6, 28), date(2026, 5, 30)),
        # From its day on it has taken place and ends the period (seed 001, clause 3.5).
        (date(2026, 6, 29), date(2026, 7, 9)),
        (date(2026, 7, 20), date(2026, 7, 9)),
    ],
)
def test_results_due_counts_only_receptions_that_took_place(today: date, expected: date) -> None:
    assert results_due(date(2026, 5, 20), [date(2026, 6, 29)], today=today) == expected


def test_results_due_wants_a_local_date_for_today() -> None:
    with pytest.raises(TypeError, match="today"):
        results_due(
            date(2026, 5, 20),
            (),
            today=cast(Any, datetime(2026, 5, 20, 10, tzinfo=LOCAL_TIMEZONE)),
        )


@pytest.mark.parametrize("profile", ["2022", "2016"])
def test_a_reception_the_day_before_leaves_the_meeting_as_the_end(profile: str) -> None:
    # Seed 000, clause 7-3: a reception one day before the meeting; the period ends at the
    # later of the two (seed 000, 7-4; seed 001, 3.5).
    assert action_plan_due(date(2026, 5, 20), date(2026, 5, 19), profile=profile) == date(
        2026, 5, 30
    )


@pytest.mark.parametrize(
    ("meeting_date", "reception_end"),
    [
        (datetime(2026, 5, 20, 10, tzinfo=LOCAL_TIMEZONE), None),
        (date(2026, 5, 20), datetime(2026, 5, 21, 10, tzinfo=LOCAL_TIMEZONE)),
        ("2026-05-20", None),
    ],
)
def test_action_plan_wants_local_dates(meeting_date: object, reception_end: object) -> None:
    with pytest.raises(TypeError, match="local date"):
        action_plan_due(cast(Any, meeting_date), cast(Any, reception_end))


def test_action_plan_not_in_2013() -> None:
    with pytest.raises(RuleNotInProfile, match="'action_plan'"):
        action_plan_due(date(2026, 5, 20), profile="2013")


@pytest.mark.parametrize(
    ("profile", "year", "quarter", "expected"),
    [
        ("2022", 2026, 1, date(2026, 4, 25)),
        ("2022", 2026, 2, date(2026, 7, 25)),
        ("2022", 2026, 3, date(2026, 10, 25)),
        ("2022", 2026, 4, date(2027, 1, 25)),
        ("2022", 2024, 4, date(2025, 1, 25)),
        ("2016", 2026, 1, date(2026, 4, 10)),
        ("2016", 2026, 2, date(2026, 7, 10)),
        ("2016", 2026, 3, date(2026, 10, 10)),
        ("2016", 2026, 4, date(2027, 1, 10)),
    ],
)
def test_progress_due(profile: str, year: int, quarter: int, expected: date) -> None:
    assert progress_due(year, quarter, profile=profile) == expected


def test_progress_default_profile_is_2022() -> None:
    assert progress_due(2026, 2) == date(2026, 7, 25)


@pytest.mark.parametrize("quarter", [0, 5, -1, 1.0, True, "1"])
def test_progress_quarter_out_of_range(quarter: object) -> None:
    with pytest.raises(ValueError, match="quarter"):
        progress_due(2026, cast(Any, quarter))


def test_progress_not_in_2013() -> None:
    with pytest.raises(RuleNotInProfile, match="'progress'"):
        progress_due(2026, 1, profile="2013")


@pytest.mark.parametrize(
    ("profile", "year", "expected"),
    [
        ("2022", 2026, {"approve": date(2026, 1, 15), "submit": date(2026, 1, 20)}),
        ("2022", 2027, {"approve": date(2027, 1, 15), "submit": date(2027, 1, 20)}),
        # Seed 000 clause 6: next year's schedules are sent by 10 December.
        ("2016", 2026, {"submit": date(2025, 12, 10)}),
        ("2016", 2017, {"submit": date(2016, 12, 10)}),
        ("2013", 2026, {}),
    ],
)
def test_calendar_deadlines(profile: str, year: int, expected: dict[str, date]) -> None:
    assert calendar_deadlines(year, profile=profile) == expected


def test_calendar_deadlines_default_profile_is_2022() -> None:
    assert calendar_deadlines(2026) == calendar_deadlines(2026, "2022")


@pytest.mark.parametrize(
    ("profile", "expected"), [("2022", REGIONAL), ("2016", REGIONAL), ("2013", frozenset())]
)
def test_calendar_levels(profile: str, expected: frozenset[AkimLevel]) -> None:
    assert calendar_levels(profile) == expected


def test_calendar_levels_default_profile_is_2022() -> None:
    assert calendar_levels() == REGIONAL


@pytest.mark.parametrize(
    "call",
    [
        lambda: action_plan_due(date(2026, 5, 20), profile="2020"),
        lambda: progress_due(2026, 1, profile="2020"),
        lambda: calendar_deadlines(2026, profile="2020"),
        lambda: calendar_levels("2020"),
    ],
)
def test_unknown_profile(call: Any) -> None:
    with pytest.raises(ValueError, match="unknown regulation profile '2020'"):
        call()
