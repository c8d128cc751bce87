"""announcement_due: every level in every profile, local dates, month clamping, bad input."""

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, cast

import pytest

from regulation import LOCAL_TIMEZONE, AkimLevel, RuleNotInProfile, announcement_due


def local(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL_TIMEZONE)


MEETING = local(2026, 5, 20, 11)

# Seed 001, clause 3.4: two weeks for the upper levels, one week for the lowest tier.
LEAD_DAYS_2022 = [
    (AkimLevel.OBLAST, 14),
    (AkimLevel.REPUBLICAN_CITY, 14),
    (AkimLevel.CAPITAL, 14),
    (AkimLevel.DISTRICT, 14),
    (AkimLevel.OBLAST_CITY, 14),
    (AkimLevel.DISTRICT_CITY, 14),
    (AkimLevel.CITY_DISTRICT, 7),
    (AkimLevel.RURAL_OKRUG, 7),
    (AkimLevel.SETTLEMENT, 7),
    (AkimLevel.VILLAGE, 7),
]


def test_table_covers_every_level() -> None:
    assert {level for level, _ in LEAD_DAYS_2022} == set(AkimLevel)


@pytest.mark.parametrize(("level", "days"), LEAD_DAYS_2022)
def test_2022_lead_days_per_level(level: AkimLevel, days: int) -> None:
    assert announcement_due(level, MEETING) == date(2026, 5, 20) - timedelta(days=days)
    assert announcement_due(level, MEETING, profile="2022") == announcement_due(level, MEETING)


@pytest.mark.parametrize("level", list(AkimLevel))
def test_2016_one_month_for_every_level(level: AkimLevel) -> None:
    assert announcement_due(level, MEETING, profile="2016") == date(2026, 4, 20)


@pytest.mark.parametrize("level", list(AkimLevel))
def test_2013_states_no_lead_time(level: AkimLevel) -> None:
    with pytest.raises(RuleNotInProfile, match=r"'2013'.*'announcement'") as caught:
        announcement_due(level, MEETING, profile="2013")
    assert isinstance(caught.value, LookupError)
    assert (caught.value.profile, caught.value.rule_key) == ("2013", "announcement")


@pytest.mark.parametrize(
    ("meeting_start", "level", "profile", "expected"),
    [
        # 02:00 in Almaty on 15 March is still 14 March in UTC: the local date counts.
        (
            datetime(2026, 3, 15, 2, tzinfo=timezone(timedelta(hours=5))),
            "oblast",
            "2022",
            date(2026, 3, 1),
        ),
        (datetime(2026, 3, 14, 21, tzinfo=UTC), "oblast", "2022", date(2026, 3, 1)),
        (datetime(2026, 3, 14, 21, tzinfo=UTC), "village", "2022", date(2026, 3, 8)),
        (datetime(2026, 3, 14, 21, tzinfo=UTC), "village", "2016", date(2026, 2, 15)),
        # 18:59 UTC is 23:59 on the same local day; a minute later it is the next local day.
        (datetime(2026, 3, 15, 18, 59, tzinfo=UTC), "district", "2022", date(2026, 3, 1)),
        (datetime(2026, 3, 15, 19, 0, tzinfo=UTC), "district", "2022", date(2026, 3, 2)),
        # An offset of another zone is converted, not trusted: 00:30+06 is 23:30 on 14 March.
        (
            datetime(2026, 3, 15, 0, 30, tzinfo=timezone(timedelta(hours=6))),
            "oblast",
            "2022",
            date(2026, 2, 28),
        ),
        # Before 1 March 2024 Almaty was UTC+6: 18:30 UTC was already the next local day.
        (datetime(2023, 6, 1, 18, 30, tzinfo=UTC), "capital", "2016", date(2023, 5, 2)),
        (datetime(2023, 6, 1, 18, 30, tzinfo=UTC), "capital", "2022", date(2023, 5, 19)),
    ],
)
def test_due_date_counts_from_the_local_date(
    meeting_start: datetime, level: str, profile: str, expected: date
) -> None:
    assert announcement_due(AkimLevel(level), meeting_start, profile) == expected


@pytest.mark.parametrize(
    ("meeting_day", "expected"),
    [
        (date(2026, 3, 31), date(2026, 2, 28)),
        (date(2024, 3, 31), date(2024, 2, 29)),
        (date(2026, 3, 29), date(2026, 2, 28)),
        (date(2028, 3, 30), date(2028, 2, 29)),
        (date(2100, 3, 31), date(2100, 2, 28)),
        (date(2000, 3, 31), date(2000, 2, 29)),
        (date(2026, 5, 31), date(2026, 4, 30)),
        (date(2026, 7, 31), date(2026, 6, 30)),
        (date(2026, 12, 31), date(2026, 11, 30)),
        (date(2024, 2, 29), date(2024, 1, 29)),
        (date(2026, 2, 28), date(2026, 1, 28)),
        (date(2026, 1, 15), date(2025, 12, 15)),
        (date(2026, 1, 31), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2025, 12, 1)),
        (date(2026, 4, 30), date(2026, 3, 30)),
    ],
)
def test_2016_one_month_before_clamps_to_month_end(meeting_day: date, expected: date) -> None:
    start = local(meeting_day.year, meeting_day.month, meeting_day.day)
    assert announcement_due(AkimLevel.DISTRICT, start, profile="2016") == expected


@pytest.mark.parametrize(
    ("meeting_day", "level", "expected"),
    [
        (date(2026, 1, 5), AkimLevel.OBLAST, date(2025, 12, 22)),
        (date(2026, 1, 5), AkimLevel.VILLAGE, date(2025, 12, 29)),
        (date(2024, 3, 7), AkimLevel.CITY_DISTRICT, date(2024, 2, 29)),
        (date(2025, 3, 7), AkimLevel.CITY_DISTRICT, date(2025, 2, 28)),
    ],
)
def test_2022_days_cross_month_and_year(
    meeting_day: date, level: AkimLevel, expected: date
) -> None:
    start = local(meeting_day.year, meeting_day.month, meeting_day.day)
    assert announcement_due(level, start) == expected


def test_plain_string_level_is_accepted() -> None:
    assert announcement_due(cast(AkimLevel, "rural_okrug"), MEETING) == date(2026, 5, 13)


def test_naive_datetime_is_rejected() -> None:
    with pytest.raises(ValueError, match="naive"):
        announcement_due(AkimLevel.OBLAST, datetime(2026, 5, 20, 11))


def test_date_instead_of_datetime_is_rejected() -> None:
    with pytest.raises(TypeError, match="aware datetime"):
        announcement_due(AkimLevel.OBLAST, cast(Any, date(2026, 5, 20)))


def test_unknown_level_is_rejected() -> None:
    with pytest.raises(ValueError, match="region"):
        announcement_due(cast(AkimLevel, "region"), MEETING)


def test_unknown_profile_is_rejected() -> None:
    with pytest.raises(ValueError, match="known: 2013, 2016, 2022"):
        announcement_due(AkimLevel.OBLAST, MEETING, profile="2020")
