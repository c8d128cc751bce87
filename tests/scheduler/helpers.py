"""A small world for the compliance clock: akimats of the sample localities, their officials,
meetings (tests/builders.py) and plans written straight into the tables, and Services on a
ManualClock."""

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notices import notice_renderers
from locales import Translator
from scheduler.runner import TickReport, tick
from services.clock import ManualClock
from services.container import Services
from services.localities import LocalityService
from storage.models import (
    ActionPlan,
    Meeting,
    MeetingStatus,
    NoticeKind,
    OutboxMessage,
    OutboxPayload,
    PlanItem,
    PlanItemStatus,
    ProgressReport,
)
from tests.builders import a_meeting, an_akimat, an_official

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
ADMIN_ID = 900001

OBLAST = "620000000"  # Ұлытау облысы: keeps the annual calendar
ZHANAARKA = "623600000"  # Жаңаарқа ауданы, a district of the oblast
KARAAGASH = "623661000"  # Қараағаш а.о., a rural okrug of Жаңаарқа
ULYTAU_DISTRICT = "623800000"  # another district: not above Қараағаш
ASTANA = "710000000"  # the capital: keeps the annual calendar


def local(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def create_services(
    sessions: Sessions,
    clock: ManualClock,
    *,
    profile: str = "2022",
    admin_ids: frozenset[int] = frozenset({ADMIN_ID}),
) -> Services:
    return Services.create(
        session_factory=sessions,
        renderer=notice_renderers(),
        translator=Translator(),
        clock=clock,
        tz=TZ,
        profile=profile,
        admin_ids=admin_ids,
        default_locale="kk",
    )


@dataclass
class World:
    sessions: Sessions
    clock: ManualClock
    services: Services

    async def tick(self, at: datetime | None = None) -> TickReport:
        if at is not None:
            self.clock.set(at)
        report = await tick(self.services, self.clock.now())
        assert report.failed == [], report
        return report

    async def run_days(self, first: date, last: date, hour: int = 10) -> None:
        """One tick a day at ``hour`` local time, from ``first`` to ``last`` inclusive."""
        day = first
        while day <= last:
            await self.tick(local(day, hour))
            day += timedelta(days=1)

    async def akimat(self, code: str) -> int:
        return await an_akimat(self.sessions, code)

    async def official(self, user_id: int, code: str, locale: str = "kk") -> int:
        return await an_official(
            self.sessions, user_id, akimat=code, locale=locale, consent_at=self.clock.now()
        )

    async def meeting(
        self,
        code: str,
        starts_at: datetime,
        status: MeetingStatus,
        *,
        minutes: int = 120,
    ) -> int:
        return await a_meeting(
            self.sessions, akimat=code, starts_at=starts_at, status=status, minutes=minutes
        )

    async def set_status(self, meeting_id: int, status: MeetingStatus) -> None:
        async with self.sessions() as session:
            meeting = await session.get(Meeting, meeting_id)
            assert meeting is not None
            meeting.status = status
            await session.commit()

    async def publish_plan(
        self, meeting_id: int, at: datetime, items: int = 2, *, done: bool = False
    ) -> int:
        async with self.sessions() as session:
            plan = ActionPlan(meeting_id=meeting_id, published_at=at, published_by=1)
            session.add(plan)
            await session.flush()
            for position in range(1, items + 1):
                session.add(
                    PlanItem(
                        plan_id=plan.id,
                        position=position,
                        problem=f"Problem {position}",
                        measure="Measure",
                        executor="Executor",
                        due_on=at.date() + timedelta(days=180),
                        status=PlanItemStatus.DONE if done else PlanItemStatus.IN_PROGRESS,
                    )
                )
            await session.commit()
            return plan.id

    async def publish_progress(
        self, plan_id: int, year: int, quarter: int, at: datetime, *, all_done: bool = False
    ) -> None:
        async with self.sessions() as session:
            session.add(
                ProgressReport(
                    plan_id=plan_id, year=year, quarter=quarter, published_at=at, published_by=1
                )
            )
            if all_done:
                items = await session.scalars(select(PlanItem).where(PlanItem.plan_id == plan_id))
                for item in items:
                    item.status = PlanItemStatus.DONE
                    item.percent = 100
            await session.commit()


@dataclass(frozen=True)
class Sent:
    """One duty message in the outbox, as the tests compare them."""

    chat_id: int
    key: str
    locale: str
    next_attempt_at: datetime

    @property
    def day(self) -> date:
        """The reminder's day, from its key (``duty:<duty>:<stage>:<day>:<chat>``)."""
        return date.fromisoformat(self.key.split(":")[-2])

    @property
    def stage(self) -> str:
        return self.key.split(":")[-3]


async def duty_messages(sessions: Sessions) -> list[Sent]:
    async with sessions() as session:
        rows = (
            await session.scalars(
                select(OutboxMessage)
                # Duty reminders and escalations; the coverage warnings (also of kind DUTY)
                # have tests of their own (test_coverage_clock.py).
                .where(
                    OutboxMessage.kind == NoticeKind.DUTY, OutboxMessage.key.startswith("duty:")
                )
                .order_by(OutboxMessage.id)
            )
        ).all()
    return [Sent(row.chat_id, row.key, row.locale, row.next_attempt_at) for row in rows]


async def payload_of(sessions: Sessions, key: str) -> dict[str, Any]:
    """The rendered notice (per language) behind the outbox row with ``key``."""
    async with sessions() as session:
        body = await session.scalar(
            select(OutboxPayload.body)
            .join(OutboxMessage, OutboxMessage.payload_id == OutboxPayload.id)
            .where(OutboxMessage.key == key)
        )
    assert body is not None, key
    loaded: dict[str, Any] = json.loads(body)
    return loaded


async def make_world(sessions: Sessions, start: datetime) -> World:
    """The sample localities loaded, a ManualClock at ``start``, Services over ``sessions``."""
    await LocalityService(sessions).load_sample()
    clock = ManualClock(start)
    return World(sessions, clock, create_services(sessions, clock))
