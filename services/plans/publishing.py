"""Publishing a plan: the draft becomes public and final, the meeting closes, and the
audience and the people behind its linked questions are told, in one transaction. The
personal notices are shared with the publication of a quarterly report (progress.py)."""

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.audience import audience_query
from services.audit import AuditAction, AuditDetail
from services.meetings import OPEN_MEETING_STATUSES
from services.notices import Notice, PlanPublished
from services.outbox import Recipient
from services.plans.drafting import check_plannable
from services.plans.reading import PlanReading
from services.plans.views import (
    EntryView,
    LinkedLine,
    PlanError,
    PlanErrorReason,
    PlanView,
    PublishResult,
)
from storage.models import MeetingStatus
from storage.repositories import plans as plans_repo


class PlanPublishing(PlanReading):
    """Publishing the plan, and the personal notices of a publication."""

    async def publish(self, meeting_id: int, actor_id: int) -> PublishResult:
        """Publish the draft, close the meeting, and tell the audience and the people whose
        questions the plan answers, all in one transaction.

        Publishing twice (a double tap, two officials) publishes and notifies once.
        """
        now = self._clock.now()
        async with self._sessions() as session:
            current = await self._plan(session, meeting_id)
            if current is None:
                raise PlanError(PlanErrorReason.PLAN_NOT_FOUND)
            if current.published:
                return PublishResult(current, True, current.days_late(self.today()), 0)
            check_plannable(current.meeting)
            if not current.summary:
                raise PlanError(PlanErrorReason.NO_SUMMARY)
            if not current.items:
                raise PlanError(PlanErrorReason.NO_ITEMS)
            if not await plans_repo.publish_plan(
                session, current.id, now, actor_id, current.meeting.due_on
            ):
                await session.rollback()
                again = await self._view_or_fail(meeting_id)
                return PublishResult(again, True, again.days_late(self.today()), 0)
            # The results are out: the meeting's cycle is complete (draft → announced → held →
            # closed, services/lifecycle.py). In this transaction, so a published plan never
            # sits beside a meeting still waiting for one.
            await plans_repo.close_meeting(
                session, meeting_id, now, [MeetingStatus.HELD, *OPEN_MEETING_STATUSES]
            )
            await self._access.audit(
                actor_id,
                AuditAction.PLAN_PUBLISH,
                akimat_id=current.meeting.host_akimat_id,
                target=f"meeting:{meeting_id}",
                detail=AuditDetail(
                    items=len(current.items), days_late=current.days_late(self.today())
                ),
                session=session,
            )
            plan = _published_copy(current, now, actor_id)
            # Personal versions first: the general one to the audience then skips those chat
            # ids (the outbox keeps one row per key and chat).
            notified = await self._notify_personal(
                session, plan, lambda lines: PlanPublished(plan, lines), states=None
            )
            audience_code = await plans_repo.audience_code(session, meeting_id)
            if audience_code is not None:
                notified += await self._outbox.notify(
                    session, PlanPublished(plan), audience_query(audience_code)
                )
            await session.commit()
        published = await self._view_or_fail(meeting_id)
        return PublishResult(published, False, published.days_late(self.today()), notified)

    async def _notify_personal(
        self,
        session: AsyncSession,
        plan: PlanView,
        notice: Callable[[tuple[LinkedLine, ...]], Notice],
        *,
        states: Mapping[int, EntryView] | None,
    ) -> int:
        """Tell each author and supporter of a linked question which item answers it.

        ``notice`` makes the notice carrying one person's lines. People with the same lines
        share one notice (the supporters of one question usually do), so a question with
        thousands of supporters costs one payload per language.
        """
        by_item = {item.id: item for item in plan.items}
        linked = [
            (question.id, question.public_number, item_id)
            for item_id, item in by_item.items()
            for question in item.questions
        ]
        if not linked:
            return 0
        question_ids = sorted({question_id for question_id, _, _ in linked})
        authors = await plans_repo.question_authors(session, question_ids)
        supporters: dict[int, list[int]] = defaultdict(list)
        for question_id, user_id in await plans_repo.question_supporters(session, question_ids):
            supporters[question_id].append(user_id)
        lines: dict[int, set[LinkedLine]] = defaultdict(set)
        for question_id, number, item_id in linked:
            item = by_item[item_id]
            entry = states.get(item_id) if states is not None else None
            status = entry.status if entry else item.status
            percent = entry.percent if entry else item.percent
            author = authors.get(question_id)
            people = [(author, True)] if author is not None else []
            people += [(user_id, False) for user_id in supporters[question_id]]
            for user_id, own in people:
                lines[user_id].add(
                    LinkedLine(number, own, item.position, item.due_on, status, percent)
                )
        reachable = await self._reachable(session, list(lines))
        groups: dict[tuple[LinkedLine, ...], list[Recipient]] = defaultdict(list)
        for user_id, locale in reachable.items():
            # A person who wrote a question and supported another sees their own first.
            ordered = tuple(
                sorted(lines[user_id], key=lambda line: (not line.own, line.position, line.number))
            )
            groups[ordered].append(Recipient(user_id, locale))
        written = 0
        for ordered, recipients in groups.items():
            written += await self._outbox.notify(session, notice(ordered), recipients)
        return written

    async def _reachable(self, session: AsyncSession, user_ids: Sequence[int]) -> dict[int, str]:
        """Of these people, those who can be written to (active, consent given), with their
        language."""
        return {
            user_id: locale or self._default_locale
            for user_id, locale in await plans_repo.reachable_locales(session, user_ids)
        }


def _published_copy(plan: PlanView, now: datetime, actor_id: int) -> PlanView:
    return PlanView(
        id=plan.id,
        meeting=plan.meeting,
        summary=plan.summary,
        published_at=now,
        published_by=actor_id,
        due_on=plan.meeting.due_on,
        items=plan.items,
        tz=plan.tz,
    )
