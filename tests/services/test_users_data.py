"""/mydata and /forget cover what issue 3 stores about a citizen: notification settings,
ratings, followed plans, and the notifications still queued for them."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.clock import ManualClock
from services.localities import LocalityService
from services.meetings import MeetingService
from services.users import UserService
from storage.models import (
    ActionPlan,
    NoticeKind,
    NotificationSettings,
    OutboxMessage,
    OutboxPayload,
    OutboxStatus,
    PlanFollow,
    Rating,
)

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
CITIZEN, OTHER = 5101, 5102


async def test_export_and_forget_cover_settings_ratings_follows_and_outbox(
    session_factory: Sessions,
) -> None:
    clock = ManualClock(NOW)
    users = UserService(session_factory, clock, "kk")
    await LocalityService(session_factory).load_sample()
    meetings = MeetingService(session_factory, clock, ZoneInfo("Asia/Almaty"), "2022")
    meeting = await meetings.create_meeting(
        host_code="623661000",
        audience_code="623661000",
        venue_code="623661000",
        starts_at=NOW + timedelta(days=20),
        duration_minutes=120,
        place="Мәдениет үйі",
        broadcast_url=None,
        created_by=1,
    )
    for user_id in (CITIZEN, OTHER):
        await users.touch(user_id, "ru")
        await users.accept_consent(user_id)
    async with session_factory() as session:
        plan = ActionPlan(meeting_id=meeting.id)
        session.add(plan)
        await session.flush()
        payload = OutboxPayload(kind=NoticeKind.RATING, topic=None, body="{}")
        session.add(payload)
        await session.flush()
        session.add_all(
            [
                NotificationSettings(user_id=CITIZEN, reminders=False, quiet_from=22, quiet_to=8),
                Rating(meeting_id=meeting.id, user_id=CITIZEN, score=4),
                PlanFollow(plan_id=plan.id, user_id=CITIZEN),
                PlanFollow(plan_id=plan.id, user_id=OTHER),
                *(
                    OutboxMessage(
                        payload_id=payload.id,
                        chat_id=chat_id,
                        locale="ru",
                        key=f"rate:{meeting.id}:{chat_id}",
                        kind=NoticeKind.RATING,
                        status=OutboxStatus.PENDING,
                        next_attempt_at=NOW,
                    )
                    for chat_id in (CITIZEN, OTHER)
                ),
            ]
        )
        await session.commit()

    data = await users.export(CITIZEN)
    assert data["notification_settings"]["reminders"] is False
    assert data["notification_settings"]["announcements"] is True
    assert data["notification_settings"]["quiet_hours"] == "22-08"
    assert [(r["meeting_id"], r["score"]) for r in data["ratings"]] == [(meeting.id, 4)]
    assert data["followed_plans_of_meetings"] == [meeting.id]

    await users.forget(CITIZEN)
    async with session_factory() as session:
        for model, column in (
            (NotificationSettings, NotificationSettings.user_id),
            (Rating, Rating.user_id),
            (PlanFollow, PlanFollow.user_id),
            (OutboxMessage, OutboxMessage.chat_id),
        ):
            count = await session.scalar(
                select(func.count()).select_from(model).where(column == CITIZEN)
            )
            assert count == 0, model.__name__
        # The other citizen keeps everything.
        assert (
            await session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.chat_id == OTHER)
            )
            == 1
        )
        assert await session.get(PlanFollow, (plan.id, OTHER)) is not None
