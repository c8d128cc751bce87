"""What every part of the plan service reads: the meeting as the plan sees it, the plan
with its items, the lines of the officials' lists. `PlanReading` holds the service's
dependencies; drafting, publishing, following and progress build on it."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.access import AccessService
from services.clock import Clock
from services.meetings import OPEN_MEETING_STATUSES
from services.outbox import Outbox
from services.plan_deadline import plan_due_on
from services.plans.views import (
    LinkedQuestion,
    PlanBrief,
    PlanError,
    PlanErrorReason,
    PlanItemView,
    PlanMeeting,
    PlanState,
    PlanView,
    Quarter,
)
from storage.models import Meeting, MeetingStatus, PlanItem
from storage.repositories import plans as plans_repo
from storage.unit_of_work import SessionSource


class PlanReading:
    """The service's dependencies and the reads every responsibility shares."""

    def __init__(
        self,
        session_factory: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        outbox: Outbox,
        access: AccessService,
        default_locale: str,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._tz = tz
        self._profile = profile
        self._outbox = outbox
        self._access = access
        self._default_locale = default_locale

    def today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self._tz).date()

    async def meeting(self, meeting_id: int) -> PlanMeeting | None:
        async with self._sessions() as session:
            return await self._meeting(session, meeting_id)

    async def _meeting(self, session: AsyncSession, meeting_id: int) -> PlanMeeting | None:
        hosted = await plans_repo.hosted_meeting(session, meeting_id)
        if hosted is None:
            return None
        receptions = await plans_repo.reception_days(session, meeting_id)
        return self._plan_meeting(
            hosted.meeting, hosted.host_name_kk, hosted.host_name_ru, receptions
        )

    def _plan_meeting(
        self, meeting: Meeting, name_kk: str, name_ru: str, receptions: Sequence[date]
    ) -> PlanMeeting:
        local_day = self.local_date(meeting.starts_at)
        now = self._clock.now()
        return PlanMeeting(
            id=meeting.id,
            host_akimat_id=meeting.host_akimat_id,
            status=meeting.status,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            host_name_kk=name_kk,
            host_name_ru=name_ru,
            local_date=local_day,
            due_on=plan_due_on(
                meeting.starts_at, receptions, now=now, tz=self._tz, profile=self._profile
            ),
            is_over=meeting.ends_at <= now
            or meeting.status in {MeetingStatus.HELD, MeetingStatus.CLOSED},
        )

    async def plan(self, meeting_id: int) -> PlanView | None:
        """The meeting's plan, published or draft; None when none was started."""
        async with self._sessions() as session:
            return await self._plan(session, meeting_id)

    async def published_plan(self, meeting_id: int) -> PlanView | None:
        plan = await self.plan(meeting_id)
        return plan if plan is not None and plan.published else None

    async def _plan(self, session: AsyncSession, meeting_id: int) -> PlanView | None:
        plan = await plans_repo.plan_of_meeting(session, meeting_id)
        if plan is None:
            return None
        meeting = await self._meeting(session, meeting_id)
        if meeting is None:
            return None
        items = await plans_repo.items_of(session, plan.id)
        links: dict[int, list[LinkedQuestion]] = defaultdict(list)
        if items:
            rows = await plans_repo.links_of(session, [item.id for item in items])
            for item_id, question_id, number in rows:
                links[item_id].append(LinkedQuestion(question_id, number or ""))
        return PlanView(
            id=plan.id,
            meeting=meeting,
            summary=plan.summary,
            published_at=plan.published_at,
            published_by=plan.published_by,
            due_on=plan.due_on if plan.published_at is not None else meeting.due_on,
            items=tuple(_item_view(item, tuple(links[item.id])) for item in items),
            tz=self._tz,
        )

    async def _view_or_fail(self, meeting_id: int) -> PlanView:
        plan = await self.plan(meeting_id)
        if plan is None:
            raise PlanError(PlanErrorReason.PLAN_NOT_FOUND)
        return plan

    async def plan_state(self, meeting_id: int) -> PlanState:
        """For the compliance clock: is the meeting's plan published, and when."""
        async with self._sessions() as session:
            row = await plans_repo.publication(session, meeting_id)
            meeting = await self._meeting(session, meeting_id)
        plan_id, published_at, kept_due = row if row else (None, None, None)
        return PlanState(
            meeting_id=meeting_id,
            plan_id=plan_id,
            published=published_at is not None,
            published_at=published_at,
            due_on=kept_due if published_at else (meeting.due_on if meeting else None),
            first_quarter=Quarter.of(self.local_date(published_at)) if published_at else None,
        )

    # --- official lists -------------------------------------------------------------------------

    async def awaiting(self, akimat_ids: Sequence[int] | None, limit: int = 20) -> list[PlanBrief]:
        """Meetings of these akimats (every akimat: None) that are over and whose plan is not
        published yet, the oldest first: the most urgent on top."""
        now = self._clock.now()
        async with self._sessions() as session:
            ids = await plans_repo.meetings_awaiting_plan(
                session, akimat_ids, now, OPEN_MEETING_STATUSES, limit
            )
            return [await self._brief(session, meeting_id) for meeting_id in ids]

    async def published_for_akimats(
        self, akimat_ids: Sequence[int] | None, limit: int = 20
    ) -> list[PlanBrief]:
        """Published plans of these akimats, newest first (quarterly progress is due on them)."""
        async with self._sessions() as session:
            ids = await plans_repo.meetings_with_published_plan(session, akimat_ids, limit)
            return [await self._brief(session, meeting_id) for meeting_id in ids]

    async def _brief(self, session: AsyncSession, meeting_id: int) -> PlanBrief:
        meeting = await self._meeting(session, meeting_id)
        assert meeting is not None
        row = await plans_repo.plan_brief(session, meeting_id)
        plan_id, published_at = row if row else (None, None)
        count = 0
        if plan_id is not None:
            count = await plans_repo.count_items(session, plan_id)
        return PlanBrief(plan_id, meeting, published_at, count)


def _item_view(item: PlanItem, questions: tuple[LinkedQuestion, ...]) -> PlanItemView:
    return PlanItemView(
        id=item.id,
        position=item.position,
        problem=item.problem,
        measure=item.measure,
        executor=item.executor,
        due_on=item.due_on,
        status=item.status,
        percent=item.percent,
        comment=item.comment,
        questions=questions,
    )
