"""The zone of the local date: Asia/Almaty by default, another one when the caller passes it
(the bot's TIMEZONE setting)."""

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest

from regulation import LOCAL_TIMEZONE, AkimLevel, announcement_due, local_date

MOSCOW = ZoneInfo("Europe/Moscow")  # UTC+3
TOKYO = ZoneInfo("Asia/Tokyo")  # UTC+9


def test_default_zone_is_the_laws() -> None:
    assert ZoneInfo("Asia/Almaty") == LOCAL_TIMEZONE


@pytest.mark.parametrize(
    ("moment", "tz", "expected"),
    [
        # 20:30 UTC on 14 March: already 15 March in Almaty (+5) and Tokyo (+9), not in Moscow.
        (datetime(2026, 3, 14, 20, 30, tzinfo=UTC), LOCAL_TIMEZONE, date(2026, 3, 15)),
        (datetime(2026, 3, 14, 20, 30, tzinfo=UTC), MOSCOW, date(2026, 3, 14)),
        (datetime(2026, 3, 14, 20, 30, tzinfo=UTC), TOKYO, date(2026, 3, 15)),
        (datetime(2026, 3, 14, 20, 30, tzinfo=UTC), UTC, date(2026, 3, 14)),
        # 16:00 UTC: the same day in Almaty and Moscow, the next one in Tokyo.
        (datetime(2026, 3, 14, 16, 0, tzinfo=UTC), LOCAL_TIMEZONE, date(2026, 3, 14)),
        (datetime(2026, 3, 14, 16, 0, tzinfo=UTC), TOKYO, date(2026, 3, 15)),
        # A fixed offset is a zone too.
        (
            datetime(2026, 3, 14, 16, 0, tzinfo=UTC),
            timezone(timedelta(hours=-10)),
            date(2026, 3, 14),
        ),
    ],
)
def test_local_date_in_a_zone(moment: datetime, tz: tzinfo, expected: date) -> None:
    assert local_date(moment, tz) == expected


def test_local_date_defaults_to_almaty() -> None:
    moment = datetime(2026, 3, 14, 20, 30, tzinfo=UTC)
    assert local_date(moment) == local_date(moment, LOCAL_TIMEZONE) == date(2026, 3, 15)


# One meeting at 20:30 UTC on 14 March 2026: 15 March in Almaty, 14 March in Moscow.
LATE_EVENING_UTC = datetime(2026, 3, 14, 20, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("level", "profile", "tz", "expected"),
    [
        (AkimLevel.OBLAST, "2022", LOCAL_TIMEZONE, date(2026, 3, 1)),
        (AkimLevel.OBLAST, "2022", MOSCOW, date(2026, 2, 28)),
        (AkimLevel.OBLAST, "2022", TOKYO, date(2026, 3, 1)),
        (AkimLevel.VILLAGE, "2022", LOCAL_TIMEZONE, date(2026, 3, 8)),
        (AkimLevel.VILLAGE, "2022", MOSCOW, date(2026, 3, 7)),
        (AkimLevel.DISTRICT, "2016", LOCAL_TIMEZONE, date(2026, 2, 15)),
        (AkimLevel.DISTRICT, "2016", MOSCOW, date(2026, 2, 14)),
    ],
)
def test_another_zone_moves_the_announcement_deadline(
    level: AkimLevel, profile: str, tz: tzinfo, expected: date
) -> None:
    assert announcement_due(level, LATE_EVENING_UTC, profile, tz=tz) == expected


@pytest.mark.parametrize("level", list(AkimLevel))
@pytest.mark.parametrize("profile", ["2022", "2016"])
def test_announcement_defaults_to_almaty(level: AkimLevel, profile: str) -> None:
    assert announcement_due(level, LATE_EVENING_UTC, profile) == announcement_due(
        level, LATE_EVENING_UTC, profile, tz=LOCAL_TIMEZONE
    )


def test_naive_datetime_is_rejected_in_any_zone() -> None:
    with pytest.raises(ValueError, match="naive"):
        local_date(datetime(2026, 3, 14, 20, 30), MOSCOW)
