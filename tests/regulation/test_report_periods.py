"""Report periods on local dates (seed 004, clauses 16 and 18)."""

from datetime import UTC, date, datetime

import pytest

from regulation.report_periods import PeriodKind, ReportPeriod, recent_periods

Q, H, Y = PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR


@pytest.mark.parametrize(
    ("day", "kind", "code", "first", "last"),
    [
        (date(2026, 1, 1), Q, "2026q1", date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 3, 31), Q, "2026q1", date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), Q, "2026q2", date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 12, 31), Q, "2026q4", date(2026, 10, 1), date(2026, 12, 31)),
        (date(2024, 2, 29), H, "2024h1", date(2024, 1, 1), date(2024, 6, 30)),
        (date(2026, 7, 1), H, "2026h2", date(2026, 7, 1), date(2026, 12, 31)),
        (date(2026, 11, 23), Y, "2026y1", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_period_bounds(day: date, kind: PeriodKind, code: str, first: date, last: date) -> None:
    period = ReportPeriod.containing(day, kind)
    assert period.code == code
    assert (period.first_day, period.last_day) == (first, last)
    assert period.contains(day)
    assert ReportPeriod.parse(code) == period


@pytest.mark.parametrize(
    ("code", "previous", "following"),
    [
        ("2026q1", "2025q4", "2026q2"),
        ("2026q4", "2026q3", "2027q1"),
        ("2026h1", "2025h2", "2026h2"),
        ("2026y1", "2025y1", "2027y1"),
    ],
)
def test_previous_and_next(code: str, previous: str, following: str) -> None:
    period = ReportPeriod.parse(code)
    assert period.previous().code == previous
    assert period.next().code == following


@pytest.mark.parametrize(
    ("code", "quarters"),
    [
        ("2026q3", ["2026q3"]),
        ("2026h1", ["2026q1", "2026q2"]),
        ("2026h2", ["2026q3", "2026q4"]),
        ("2026y1", ["2026q1", "2026q2", "2026q3", "2026q4"]),
    ],
)
def test_quarters_of_a_period(code: str, quarters: list[str]) -> None:
    assert [q.code for q in ReportPeriod.parse(code).quarters()] == quarters


def test_utc_bounds_are_local_midnights() -> None:
    # Almaty is UTC+5: the local first of January begins at 19:00 UTC on 31 December.
    start, end = ReportPeriod.parse("2026q1").utc_bounds()
    assert start == datetime(2025, 12, 31, 19, 0, tzinfo=UTC)
    assert end == datetime(2026, 3, 31, 19, 0, tzinfo=UTC)


def test_recent_periods_newest_first() -> None:
    periods = recent_periods(date(2026, 2, 10), Q, 3)
    assert [p.code for p in periods] == ["2026q1", "2025q4", "2025q3"]


@pytest.mark.parametrize("code", ["2026q5", "2026q0", "2026h3", "2026y2", "2026x1", "26q1", ""])
def test_bad_periods_are_rejected(code: str) -> None:
    with pytest.raises(ValueError, match=r"period|index|PeriodKind"):
        ReportPeriod.parse(code)
