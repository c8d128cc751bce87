"""Drafting a plan: the summary and the items, over several days, until it is published
(publishing.py). Each change checks that the meeting can have a plan and that the plan is
still a draft, under a row lock on the plan."""

from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.plans.checks import (
    MAX_EXECUTOR,
    MAX_ITEMS,
    MAX_LINKED,
    MAX_MEASURE,
    MAX_PROBLEM,
    MAX_SUMMARY,
    check_deadline,
    check_text,
    normalize_number,
    split_numbers,
)
from services.plans.reading import PlanReading
from services.plans.views import (
    ItemDraft,
    PlanError,
    PlanErrorReason,
    PlanItemView,
    PlanMeeting,
    PlanView,
    QuestionRef,
)
from storage.models import ActionPlan, MeetingStatus
from storage.repositories import plans as plans_repo


class PlanDrafting(PlanReading):
    """Writing the draft: the summary, the items and the questions they answer."""

    async def meeting_questions(
        self, meeting_id: int, *, accepted_only: bool = False
    ) -> list[QuestionRef]:
        """The meeting's questions and proposals, most supported first (the XLSX reference
        sheet; with ``accepted_only``, those the akimat took into the pool of problem issues)."""
        async with self._sessions() as session:
            rows = await plans_repo.meeting_questions(
                session, meeting_id, accepted_only=accepted_only
            )
        return [
            QuestionRef(
                id=row.id,
                public_number=row.public_number or "",
                kind=row.kind,
                status=row.status,
                support_count=row.support_count,
                text=row.text,
            )
            for row in rows
        ]

    async def question_numbers(self, meeting_id: int) -> dict[str, int]:
        """Public number → id, for every question of the meeting."""
        async with self._sessions() as session:
            return await plans_repo.question_numbers(session, meeting_id)

    async def resolve_numbers(self, meeting_id: int, text: str) -> list[int]:
        """The ids of the questions typed as public numbers; PlanError names the first number
        that is malformed or not a question of this meeting."""
        known = await self.question_numbers(meeting_id)
        found: list[int] = []
        for token in split_numbers(text):
            number = normalize_number(token)
            if number is None:
                raise PlanError(PlanErrorReason.BAD_QUESTION_NUMBER, value=token[:40])
            if number not in known:
                raise PlanError(PlanErrorReason.UNKNOWN_QUESTION, value=number)
            if known[number] not in found:
                found.append(known[number])
        if len(found) > MAX_LINKED:
            raise PlanError(
                PlanErrorReason.TOO_MANY_QUESTIONS, limit=MAX_LINKED, length=len(found)
            )
        return found

    # --- the draft ------------------------------------------------------------------------------

    async def start(self, meeting_id: int) -> PlanView:
        """The meeting's plan, a new draft if there is none; PlanError when the meeting cannot
        have one (not found, cancelled, not over yet)."""
        async with self._sessions() as session:
            meeting = await self._meeting(session, meeting_id)
            check_plannable(meeting)
            exists_already = await plans_repo.plan_id_of_meeting(session, meeting_id)
            if exists_already is None:
                try:
                    await plans_repo.add_plan(session, meeting_id)
                    await session.commit()
                except IntegrityError:
                    # Two officials started at once: the other one's draft is the draft.
                    await session.rollback()
            plan = await self._plan(session, meeting_id)
        assert plan is not None
        return plan

    async def _draft(self, session: AsyncSession, meeting_id: int) -> ActionPlan:
        """The unpublished plan of the meeting, created if missing, for changing."""
        meeting = await self._meeting(session, meeting_id)
        check_plannable(meeting)
        plan = await plans_repo.plan_of_meeting(session, meeting_id, for_update=True)
        if plan is None:
            plan = await plans_repo.add_plan(session, meeting_id)
        if plan.published_at is not None:
            raise PlanError(PlanErrorReason.ALREADY_PUBLISHED)
        return plan

    async def set_summary(self, meeting_id: int, text: str) -> PlanView:
        summary = check_text(text, MAX_SUMMARY)
        async with self._sessions() as session:
            plan = await self._draft(session, meeting_id)
            plan.summary = summary
            await session.commit()
        return await self._view_or_fail(meeting_id)

    async def check_item(self, meeting_id: int, draft: ItemDraft) -> ItemDraft:
        """The item cleaned, or PlanError naming its first problem."""
        meeting = await self.meeting(meeting_id)
        check_plannable(meeting)
        assert meeting is not None
        return ItemDraft(
            problem=check_text(draft.problem, MAX_PROBLEM),
            measure=check_text(draft.measure, MAX_MEASURE),
            executor=check_text(draft.executor, MAX_EXECUTOR, single_line=True),
            due_on=check_deadline(draft.due_on, meeting.local_date),
            question_ids=tuple(dict.fromkeys(draft.question_ids)),
        )

    async def add_item(self, meeting_id: int, draft: ItemDraft) -> PlanItemView:
        """Append an item to the draft."""
        checked = await self.check_item(meeting_id, draft)
        async with self._sessions() as session:
            plan = await self._draft(session, meeting_id)
            count = await plans_repo.count_items(session, plan.id)
            if count >= MAX_ITEMS:
                raise PlanError(PlanErrorReason.TOO_MANY_ITEMS, limit=MAX_ITEMS)
            await _check_questions(session, meeting_id, checked.question_ids)
            last = await plans_repo.last_position(session, plan.id)
            [item_id] = await plans_repo.add_items(session, plan.id, last + 1, [checked])
            await session.commit()
        view = await self._view_or_fail(meeting_id)
        return next(item for item in view.items if item.id == item_id)

    async def replace_items(self, meeting_id: int, drafts: Sequence[ItemDraft]) -> PlanView:
        """Put ``drafts`` in place of every item of the draft (an uploaded file): all of them
        or, on any problem, none."""
        if not drafts:
            raise PlanError(PlanErrorReason.NO_ITEMS)
        if len(drafts) > MAX_ITEMS:
            raise PlanError(PlanErrorReason.TOO_MANY_ITEMS, limit=MAX_ITEMS)
        checked = [await self.check_item(meeting_id, draft) for draft in drafts]
        async with self._sessions() as session:
            plan = await self._draft(session, meeting_id)
            for draft in checked:
                await _check_questions(session, meeting_id, draft.question_ids)
            await plans_repo.delete_items(session, plan.id)
            await plans_repo.add_items(session, plan.id, 1, checked)
            await session.commit()
        return await self._view_or_fail(meeting_id)

    async def remove_item(self, meeting_id: int, position: int) -> PlanView:
        """Delete item ``position`` of the draft; the ones after it move up."""
        async with self._sessions() as session:
            plan = await self._draft(session, meeting_id)
            if not await plans_repo.remove_item(session, plan.id, position):
                raise PlanError(PlanErrorReason.ITEM_NOT_FOUND, value=str(position))
            await session.commit()
        return await self._view_or_fail(meeting_id)


def check_plannable(meeting: PlanMeeting | None) -> None:
    """A plan is written and published only for a meeting that is over and not cancelled
    (`PlanMeeting.plannable`); publishing.py checks it again at publication."""
    if meeting is None:
        raise PlanError(PlanErrorReason.MEETING_NOT_FOUND)
    if meeting.status is MeetingStatus.CANCELLED:
        raise PlanError(PlanErrorReason.MEETING_CANCELLED)
    if not meeting.plannable:
        raise PlanError(PlanErrorReason.MEETING_NOT_OVER)


async def _check_questions(
    session: AsyncSession, meeting_id: int, question_ids: Sequence[int]
) -> None:
    if len(question_ids) > MAX_LINKED:
        raise PlanError(
            PlanErrorReason.TOO_MANY_QUESTIONS, limit=MAX_LINKED, length=len(question_ids)
        )
    if not question_ids:
        return
    found = await plans_repo.questions_of_meeting(session, meeting_id, question_ids)
    missing = [question_id for question_id in question_ids if question_id not in found]
    if missing:
        raise PlanError(PlanErrorReason.UNKNOWN_QUESTION, value=str(missing[0]))
