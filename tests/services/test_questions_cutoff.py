"""questions_cutoff: the one rule for when a meeting stops taking questions."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from services.meetings import QUESTIONS_LEAD, questions_cutoff

NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def test_the_lead_is_a_day() -> None:
    assert timedelta(hours=24) == QUESTIONS_LEAD


@pytest.mark.parametrize(
    ("starts_at", "expected"),
    [
        # Far enough ahead: a day before the start.
        (NOW + timedelta(days=10), NOW + timedelta(days=9)),
        (NOW + timedelta(hours=25), NOW + timedelta(hours=1)),
        # Exactly a day ahead: the cutoff is now.
        (NOW + timedelta(hours=24), NOW),
        # Less than a day ahead: never in the past, so the collection is closed at once.
        (NOW + timedelta(hours=23), NOW),
        (NOW + timedelta(minutes=1), NOW),
        # The start's own offset does not matter, only the moment.
        (
            datetime(2026, 3, 12, 11, 0, tzinfo=timezone(timedelta(hours=5))),
            datetime(2026, 3, 11, 6, 0, tzinfo=UTC),
        ),
    ],
)
def test_cutoff(starts_at: datetime, expected: datetime) -> None:
    assert questions_cutoff(starts_at, NOW) == expected
