"""Set-up shortcuts for tests that are not about the act they skip.

``announce_quietly`` puts a meeting in the state announcing leaves it in, without the
announcement: no notice, no audit row, no lateness. Tests of announcing itself use
``LifecycleService.announce`` (tests/services/test_lifecycle.py, tests/e2e/test_admin.py).
"""

from sqlalchemy import update

from services.meetings import MeetingService, MeetingView
from storage.models import Meeting, MeetingStatus


async def announce_quietly(meetings: MeetingService, meeting_id: int) -> MeetingView:
    async with meetings._sessions() as session:
        await session.execute(
            update(Meeting)
            .where(Meeting.id == meeting_id, Meeting.status == MeetingStatus.DRAFT)
            .values(status=MeetingStatus.ANNOUNCED, announced_at=meetings._clock.now())
        )
        await session.commit()
    view = await meetings.get(meeting_id)
    assert view is not None
    return view
