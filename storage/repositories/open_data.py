"""The open-data tables (services/open_data.py): meetings, questions, plan items and their
quarterly progress of a scope of akimats over a period, one statement per table for the whole
scope. No author, supporter, official or any other user id is selected: what leaves here is
already anonymous. Repositories never commit.
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import (
    ActionPlan,
    Akimat,
    Meeting,
    MeetingStatus,
    PlanItem,
    ProgressEntry,
    ProgressReport,
    Question,
    QuestionStatus,
)


class MeetingRow(NamedTuple):
    meeting_id: int
    akimat_id: int
    akimat_code: str
    venue_code: str
    starts_at: datetime
    ends_at: datetime
    place: str
    status: str
    announced_at: datetime | None
    held_at: datetime | None
    plan_published_at: datetime | None


class QuestionRow(NamedTuple):
    question_id: int
    number: str | None
    kind: str
    status: str
    meeting_id: int
    akimat_id: int
    created_at: datetime
    support_count: int
    resolution: str | None
    status_changed_at: datetime | None


class PlanItemRow(NamedTuple):
    plan_id: int
    meeting_id: int
    akimat_id: int
    position: int
    problem: str
    measure: str
    executor: str
    due_on: date
    status: str
    percent: int
    published_at: datetime


class ProgressRow(NamedTuple):
    plan_id: int
    meeting_id: int
    akimat_id: int
    position: int
    year: int
    quarter: int
    status: str
    percent: int
    comment: str | None
    published_at: datetime


def _public_meeting() -> ColumnElement[bool]:
    # A draft is no one's business yet; a meeting cancelled before its announcement never was
    # public (the same selection as the record's on-time count of announcements).
    return and_(
        Meeting.status != MeetingStatus.DRAFT,
        or_(Meeting.status != MeetingStatus.CANCELLED, Meeting.announced_at.is_not(None)),
    )


async def meetings(
    session: AsyncSession, akimat_ids: Sequence[int], start: datetime, end: datetime
) -> list[MeetingRow]:
    """The public meetings of these akimats starting in [start, end), with their plan's
    publication."""
    if not akimat_ids:
        return []
    rows = await session.execute(
        select(
            Meeting.id,
            Meeting.host_akimat_id,
            Akimat.locality_code,
            Meeting.venue_code,
            Meeting.starts_at,
            Meeting.ends_at,
            Meeting.place,
            Meeting.status,
            Meeting.announced_at,
            Meeting.held_at,
            ActionPlan.published_at,
        )
        .join(Akimat, Akimat.id == Meeting.host_akimat_id)
        .outerjoin(ActionPlan, ActionPlan.meeting_id == Meeting.id)
        .where(
            Meeting.host_akimat_id.in_(akimat_ids),
            Meeting.starts_at >= start,
            Meeting.starts_at < end,
            _public_meeting(),
        )
        .order_by(Meeting.host_akimat_id, Meeting.starts_at, Meeting.id)
    )
    return [
        MeetingRow(m, a, code, venue, s, e, place, str(st), ann, held, plan)
        for m, a, code, venue, s, e, place, st, ann, held, plan in rows
    ]


async def questions(
    session: AsyncSession, akimat_ids: Sequence[int], start: datetime, end: datetime
) -> list[QuestionRow]:
    """The questions and proposals to these akimats' public meetings received in [start, end)
    (duplicates merged into another left out, as the record counts them): no author."""
    if not akimat_ids:
        return []
    rows = await session.execute(
        select(
            Question.id,
            Question.public_number,
            Question.kind,
            Question.status,
            Question.meeting_id,
            Meeting.host_akimat_id,
            Question.created_at,
            Question.support_count,
            Question.resolution,
            Question.status_changed_at,
        )
        .join(Meeting, Meeting.id == Question.meeting_id)
        .where(
            Meeting.host_akimat_id.in_(akimat_ids),
            Question.created_at >= start,
            Question.created_at < end,
            Question.status != QuestionStatus.MERGED,
            _public_meeting(),
        )
        .order_by(Meeting.host_akimat_id, Question.created_at, Question.id)
    )
    return [
        QuestionRow(q, n, str(k), str(s), m, a, at, sc, res, ch)
        for q, n, k, s, m, a, at, sc, res, ch in rows
    ]


async def plan_items(
    session: AsyncSession, akimat_ids: Sequence[int], start: datetime, end: datetime
) -> list[PlanItemRow]:
    """The items of the published plans of these akimats' meetings starting in [start, end)."""
    if not akimat_ids:
        return []
    rows = await session.execute(
        select(
            ActionPlan.id,
            Meeting.id,
            Meeting.host_akimat_id,
            PlanItem.position,
            PlanItem.problem,
            PlanItem.measure,
            PlanItem.executor,
            PlanItem.due_on,
            PlanItem.status,
            PlanItem.percent,
            ActionPlan.published_at,
        )
        .join(ActionPlan, ActionPlan.id == PlanItem.plan_id)
        .join(Meeting, Meeting.id == ActionPlan.meeting_id)
        .where(
            Meeting.host_akimat_id.in_(akimat_ids),
            Meeting.starts_at >= start,
            Meeting.starts_at < end,
            ActionPlan.published_at.is_not(None),
        )
        .order_by(Meeting.host_akimat_id, Meeting.starts_at, ActionPlan.id, PlanItem.position)
    )
    return [
        PlanItemRow(p, m, a, pos, prob, meas, ex, due, str(st), pct, pub)
        for p, m, a, pos, prob, meas, ex, due, st, pct, pub in rows
        if pub is not None
    ]


async def progress(
    session: AsyncSession, akimat_ids: Sequence[int], quarters: Sequence[tuple[int, int]]
) -> list[ProgressRow]:
    """Each item's line of the published progress reports of these akimats' plans for these
    (year, quarter)s, whichever period the plan's meeting fell in."""
    if not akimat_ids or not quarters:
        return []
    rows = await session.execute(
        select(
            ActionPlan.id,
            Meeting.id,
            Meeting.host_akimat_id,
            PlanItem.position,
            ProgressReport.year,
            ProgressReport.quarter,
            ProgressEntry.status,
            ProgressEntry.percent,
            ProgressEntry.comment,
            ProgressReport.published_at,
        )
        .join(ProgressReport, ProgressReport.id == ProgressEntry.report_id)
        .join(PlanItem, PlanItem.id == ProgressEntry.item_id)
        .join(ActionPlan, ActionPlan.id == ProgressReport.plan_id)
        .join(Meeting, Meeting.id == ActionPlan.meeting_id)
        .where(
            Meeting.host_akimat_id.in_(akimat_ids),
            ProgressReport.published_at.is_not(None),
            or_(
                *(and_(ProgressReport.year == y, ProgressReport.quarter == q) for y, q in quarters)
            ),
        )
        .order_by(
            Meeting.host_akimat_id,
            ActionPlan.id,
            ProgressReport.year,
            ProgressReport.quarter,
            PlanItem.position,
        )
    )
    return [
        ProgressRow(p, m, a, pos, y, q, str(st), pct, c, pub)
        for p, m, a, pos, y, q, st, pct, c, pub in rows
        if pub is not None
    ]
