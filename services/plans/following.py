"""A citizen's side: the published plans they hear of, and following one (its quarterly
reports reach them, progress.py)."""

from sqlalchemy.exc import IntegrityError

from services.audience import meetings_seen_by, subscriptions_of
from services.paging import Page
from services.plans.reading import PlanReading
from services.plans.views import PlanBrief, PlanError, PlanErrorReason
from storage.repositories import plans as plans_repo


class PlanFollowing(PlanReading):
    """The plans a citizen sees, and following one."""

    async def plans_for_user(self, user_id: int, page: int, page_size: int) -> Page[PlanBrief]:
        """Published plans of the meetings the person hears of, and of those they follow,
        newest first."""
        async with self._sessions() as session:
            subscriptions = await subscriptions_of(session, user_id)
            seen = meetings_seen_by(subscriptions)
            total = await plans_repo.count_visible_plans(session, user_id, seen)
            last = max(0, (total - 1) // page_size)
            offset = min(max(page, 0), last) * page_size
            ids = await plans_repo.visible_plan_meetings(session, user_id, seen, offset, page_size)
            items = [await self._brief(session, meeting_id) for meeting_id in ids]
        return Page(items=items, total=total, offset=offset, page_size=page_size)

    async def is_following(self, plan_id: int, user_id: int) -> bool:
        async with self._sessions() as session:
            return await plans_repo.is_following(session, plan_id, user_id)

    async def follow(self, meeting_id: int, user_id: int, on: bool) -> bool:
        """Set (not flip: a double tap cannot undo itself) whether the person follows the
        published plan of the meeting; returns the new state. PlanError when there is no
        published plan."""
        async with self._sessions() as session:
            plan = await plans_repo.published_plan_of_meeting(session, meeting_id)
            if plan is None:
                raise PlanError(PlanErrorReason.PLAN_NOT_FOUND)
            await plans_repo.set_following(session, plan.id, user_id, on)
            try:
                await session.commit()
            except IntegrityError:
                # The same tap twice at once: the other one followed already.
                await session.rollback()
        return on
