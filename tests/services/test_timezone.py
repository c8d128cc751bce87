"""The TIMEZONE setting reaches the law: a meeting's last day to announce it is counted on its
local date in the configured zone (Asia/Almaty by default)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.clock import ManualClock
from services.localities import LocalityService
from services.meetings import MeetingService

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
KARAAGASH = "623661000"  # Қараағаш а.о.: a rural okrug, announced 7 days before
# 20:30 UTC on 14 March: 15 March in Almaty (UTC+5), still 14 March in Moscow (UTC+3).
STARTS = datetime(2026, 3, 14, 20, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "due"),
    [
        ("Asia/Almaty", date(2026, 3, 8)),
        ("Europe/Moscow", date(2026, 3, 7)),
        ("Asia/Tokyo", date(2026, 3, 8)),
    ],
)
async def test_announcement_due_in_the_configured_zone(
    session_factory: Sessions, zone: str, due: date
) -> None:
    await LocalityService(session_factory).load_sample()
    meetings = MeetingService(session_factory, ManualClock(NOW), ZoneInfo(zone), "2022")
    meeting = await meetings.create_meeting(
        host_code=KARAAGASH,
        venue_code=KARAAGASH,
        audience_code=KARAAGASH,
        starts_at=STARTS,
        duration_minutes=120,
        place="Мәдениет үйі",
        broadcast_url=None,
        created_by=None,
    )
    assert meeting.announce_due_on == due
    assert meetings.announcement_due_date(meeting) == due
