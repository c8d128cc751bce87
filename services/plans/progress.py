"""The quarterly progress on a published plan: which quarter is due, the draft report item by
item, its publication (the items take its states; followers and the people behind linked
questions are told, as at the plan's publication: PlanPublishing), and the history."""

from collections.abc import Mapping
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from regulation import RuleNotInProfile, progress_due
from services.audit import AuditAction, AuditDetail
from services.notices import ProgressPublished
from services.plans.checks import MAX_COMMENT, clean_text
from services.plans.publishing import PlanPublishing
from services.plans.views import (
    EntryView,
    PlanError,
    PlanErrorReason,
    PlanItemView,
    PlanView,
    Quarter,
    QuarterChoice,
    ReportDraft,
    ReportPublishResult,
    ReportView,
)
from storage.models import PlanItemStatus, ProgressReport
from storage.repositories import plans as plans_repo


class PlanProgress(PlanPublishing):
    """Quarterly reports: choosing the quarter, filling in, publishing (with the personal
    notices of `PlanPublishing`), and the history."""

    def progress_due_date(self, quarter: Quarter) -> date | None:
        """The last day to report on ``quarter`` (seed 001, clause 3.5), None without a rule."""
        try:
            return progress_due(quarter.year, quarter.number, self._profile)
        except RuleNotInProfile:
            return None

    async def progress_published(self, plan_id: int, year: int, quarter: int) -> bool:
        """For the compliance clock: is the report of ``quarter`` of ``year`` published."""
        async with self._sessions() as session:
            return await plans_repo.report_published(session, plan_id, year, quarter)

    # --- reports ------------------------------------------------------------------------------

    async def history(self, plan_id: int) -> list[ReportView]:
        """The published quarterly reports of a plan, newest first."""
        async with self._sessions() as session:
            reports = await plans_repo.published_reports(session, plan_id)
            return [await self._report_view(session, report) for report in reports]

    async def report(self, report_id: int) -> ReportView | None:
        async with self._sessions() as session:
            report = await plans_repo.get_report(session, report_id)
            return await self._report_view(session, report) if report else None

    async def _report_view(self, session: AsyncSession, report: ProgressReport) -> ReportView:
        entries = await plans_repo.entries_of(session, report.id)
        quarter = Quarter(report.year, report.quarter)
        return ReportView(
            id=report.id,
            plan_id=report.plan_id,
            quarter=quarter,
            due_on=self.progress_due_date(quarter),
            published_at=report.published_at,
            entries={
                entry.item_id: EntryView(entry.item_id, entry.status, entry.percent, entry.comment)
                for entry in entries
            },
        )

    async def plan_of_report(self, report_id: int) -> PlanView | None:
        async with self._sessions() as session:
            meeting_id = await plans_repo.meeting_of_report(session, report_id)
            return await self._plan(session, meeting_id) if meeting_id is not None else None

    # --- quarterly progress ---------------------------------------------------------------------

    async def quarters(self, meeting_id: int) -> QuarterChoice:
        """Which quarters of a published plan can be reported on today (see QuarterChoice)."""
        plan = await self.published_plan(meeting_id)
        if plan is None or plan.published_on is None:
            raise PlanError(PlanErrorReason.PLAN_NOT_FOUND)
        async with self._sessions() as session:
            done = {
                Quarter(year, number)
                for year, number in await plans_repo.published_quarters(session, plan.id)
            }
        first = Quarter.of(plan.published_on)
        ended = Quarter.of(self.today()).previous()
        options: list[Quarter] = []
        quarter = first
        while quarter <= ended:
            options.append(quarter)
            quarter = quarter.next()
        open_ = tuple(q for q in options if q not in done)
        return QuarterChoice(
            default=open_[0] if open_ else None,
            open=open_,
            published=tuple(sorted(done, reverse=True)),
            upcoming=Quarter.of(self.today()),
        )

    async def open_report(self, meeting_id: int, quarter: Quarter) -> ReportDraft:
        """The draft report of ``quarter`` (created if missing); PlanError when the quarter has
        not ended, is before the plan, or is already published."""
        choice = await self.quarters(meeting_id)
        if quarter in choice.published:
            raise PlanError(PlanErrorReason.REPORT_PUBLISHED)
        if quarter not in choice.open:
            raise PlanError(PlanErrorReason.QUARTER_NOT_OPEN)
        plan = await self.published_plan(meeting_id)
        assert plan is not None
        async with self._sessions() as session:
            report_id = await plans_repo.report_id_for(
                session, plan.id, quarter.year, quarter.number
            )
            if report_id is None:
                report = plans_repo.add_report(session, plan.id, quarter.year, quarter.number)
                try:
                    await session.commit()
                    report_id = report.id
                except IntegrityError:
                    await session.rollback()
                    report_id = await plans_repo.report_id_for(
                        session, plan.id, quarter.year, quarter.number
                    )
        assert report_id is not None
        draft = await self.report_draft(report_id)
        assert draft is not None
        return draft

    async def report_draft(self, report_id: int) -> ReportDraft | None:
        async with self._sessions() as session:
            report = await plans_repo.get_report(session, report_id)
            if report is None:
                return None
            meeting_id = await plans_repo.meeting_of_plan(session, report.plan_id)
            plan = await self._plan(session, meeting_id) if meeting_id is not None else None
            if plan is None:
                return None
            return ReportDraft(plan, await self._report_view(session, report))

    async def set_entry(
        self,
        report_id: int,
        item_id: int,
        status: PlanItemStatus,
        percent: int | None,
        comment: str | None,
    ) -> ReportDraft:
        """Record one item's state in a draft report.

        Done is 100 % and not started is 0 % whatever was typed; in progress and overdue take
        0–99 (100 % is "done").
        """
        if status is PlanItemStatus.DONE:
            percent = 100
        elif status is PlanItemStatus.NOT_STARTED:
            percent = 0
        elif percent is None or not 0 <= percent <= 99:
            raise PlanError(PlanErrorReason.BAD_PERCENT, value=str(percent))
        cleaned = clean_text(comment) if comment else None
        if cleaned is not None and len(cleaned) > MAX_COMMENT:
            raise PlanError(PlanErrorReason.TOO_LONG, limit=MAX_COMMENT, length=len(cleaned))
        async with self._sessions() as session:
            report = await plans_repo.get_report(session, report_id, for_update=True)
            if report is None:
                raise PlanError(PlanErrorReason.REPORT_NOT_FOUND)
            if report.published_at is not None:
                raise PlanError(PlanErrorReason.REPORT_PUBLISHED)
            item = await plans_repo.get_item(session, item_id)
            if item is None or item.plan_id != report.plan_id:
                raise PlanError(PlanErrorReason.ITEM_NOT_FOUND)
            await plans_repo.put_entry(
                session, report_id, item_id, status, percent, cleaned or None
            )
            await session.commit()
        draft = await self.report_draft(report_id)
        assert draft is not None
        return draft

    async def publish_report(self, report_id: int, actor_id: int) -> ReportPublishResult:
        """Publish a complete draft report: the items take its states, and the plan's followers
        and the authors and supporters of its linked questions are told, in one transaction."""
        now = self._clock.now()
        draft = await self.report_draft(report_id)
        if draft is None:
            raise PlanError(PlanErrorReason.REPORT_NOT_FOUND)
        if draft.report.published:
            return ReportPublishResult(draft, True, self._report_days_late(draft.report), 0)
        if not draft.complete:
            raise PlanError(PlanErrorReason.REPORT_INCOMPLETE, length=len(draft.missing))
        async with self._sessions() as session:
            if not await plans_repo.publish_report(session, report_id, now, actor_id):
                await session.rollback()
                again = await self.report_draft(report_id)
                assert again is not None
                return ReportPublishResult(again, True, self._report_days_late(again.report), 0)
            for entry in draft.report.entries.values():
                await plans_repo.set_item_state(
                    session, entry.item_id, entry.status, entry.percent, entry.comment
                )
            report = ReportView(
                id=draft.report.id,
                plan_id=draft.report.plan_id,
                quarter=draft.report.quarter,
                due_on=draft.report.due_on,
                published_at=now,
                entries=draft.report.entries,
            )
            plan = _with_states(draft.plan, report.entries)
            notified = await self._notify_personal(
                session,
                plan,
                lambda lines: ProgressPublished(plan, report, lines),
                states=report.entries,
            )
            notified += await self._outbox.notify(
                session, ProgressPublished(plan, report), plans_repo.followers_query(plan.id)
            )
            await self._access.audit(
                actor_id,
                AuditAction.PLAN_PROGRESS,
                akimat_id=plan.meeting.host_akimat_id,
                target=f"meeting:{plan.meeting.id}",
                detail=AuditDetail(
                    quarter_year=report.quarter.year, quarter_number=report.quarter.number
                ),
                session=session,
            )
            await session.commit()
        published = await self.report_draft(report_id)
        assert published is not None
        return ReportPublishResult(
            published, False, self._report_days_late(published.report), notified
        )

    def _report_days_late(self, report: ReportView) -> int:
        if report.due_on is None:
            return 0
        day = self.local_date(report.published_at) if report.published_at else self.today()
        return max(0, (day - report.due_on).days)


def _with_states(plan: PlanView, entries: Mapping[int, EntryView]) -> PlanView:
    """The plan as it reads once these entries are its items' current states."""
    items = []
    for item in plan.items:
        entry = entries.get(item.id)
        if entry is None:
            items.append(item)
            continue
        items.append(
            PlanItemView(
                id=item.id,
                position=item.position,
                problem=item.problem,
                measure=item.measure,
                executor=item.executor,
                due_on=item.due_on,
                status=entry.status,
                percent=entry.percent,
                comment=entry.comment,
                questions=item.questions,
            )
        )
    return PlanView(
        id=plan.id,
        meeting=plan.meeting,
        summary=plan.summary,
        published_at=plan.published_at,
        published_by=plan.published_by,
        due_on=plan.due_on,
        items=tuple(items),
        tz=plan.tz,
    )
