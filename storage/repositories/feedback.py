"""The akimat's record (services/feedback.py): every count grouped by akimat in the database.

Each function answers for a whole scope of akimats with one statement (or one per chunk of
ids), so a territory report costs the same handful of queries for 2 akimats or 200. Nothing
here knows a deadline or a band: the service reads the rows under the regulation.
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import Integer as SaInteger
from sqlalchemy import String as SaString
from sqlalchemy import and_, exists, func, literal, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.expression import Exists

from storage.models import (
    ActionPlan,
    Meeting,
    MeetingStatus,
    OutsideFeedback,
    PlanFollow,
    PlanItem,
    PlanItemQuestion,
    PlanItemStatus,
    ProgressEntry,
    ProgressReport,
    Question,
    QuestionStatus,
    Rating,
    Reception,
    Subscription,
    Support,
)

# Ids per IN (...) list: well under SQLite's and asyncpg's bound-parameter limits.
CHUNK = 5000


class FeedbackCountRow(NamedTuple):
    akimat_id: int
    kind: str
    status: str
    # Linked to an item of a published plan (the bot's confirming reference).
    linked: bool
    # For an entry made by an official: its channel; None for the bot's own questions.
    channel: str | None
    # An entry's confirming reference is filled in.
    referenced: bool
    n: int


class MeetingDueRow(NamedTuple):
    meeting_id: int
    akimat_id: int
    status: str
    starts_at: datetime
    ends_at: datetime
    announced_at: datetime | None
    announce_due_on: date | None
    announced_late: bool
    plan_published_at: datetime | None
    plan_due_on: date | None
    last_reception: date | None


class PlanReportRow(NamedTuple):
    plan_id: int
    akimat_id: int
    published_at: datetime
    unfinished: bool
    # The first quarter, as year * 4 + quarter - 1, of a published report in which every
    # item was done: the plan owes no report after it. None when no report said so.
    finished_in: int | None


class ReportRow(NamedTuple):
    plan_id: int
    year: int
    quarter: int
    published_at: datetime | None


def _linked_to_published_plan() -> Exists:
    return (
        exists()
        .where(
            PlanItemQuestion.question_id == Question.id,
            PlanItem.id == PlanItemQuestion.item_id,
            ActionPlan.id == PlanItem.plan_id,
            ActionPlan.published_at.is_not(None),
        )
        .correlate(Question)
    )


async def feedback_counts(
    session: AsyncSession,
    akimat_ids: Sequence[int],
    start: datetime,
    end: datetime,
    first_day: date,
    last_day: date,
) -> list[FeedbackCountRow]:
    """Questions and proposals received in the period, the bot's (by ``created_at`` in
    [start, end)) and those entered from other channels (by ``received_on`` in the days),
    counted by akimat, kind, status, link to a published plan, channel and reference.
    Duplicates merged into another question are not counted twice."""
    if not akimat_ids:
        return []
    linked = _linked_to_published_plan()
    bot = (
        select(
            Meeting.host_akimat_id.label("akimat_id"),
            Question.kind.label("kind"),
            Question.status.label("status"),
            linked.label("linked"),
            literal(None, SaString).label("channel"),
            literal(False).label("referenced"),
        )
        .join(Meeting, Meeting.id == Question.meeting_id)
        .where(
            Meeting.host_akimat_id.in_(akimat_ids),
            Question.created_at >= start,
            Question.created_at < end,
            Question.status != QuestionStatus.MERGED,
        )
    )
    outside = select(
        OutsideFeedback.akimat_id,
        OutsideFeedback.kind,
        OutsideFeedback.status,
        literal(False).label("linked"),
        OutsideFeedback.channel,
        and_(OutsideFeedback.reference.is_not(None), OutsideFeedback.reference != "").label(
            "referenced"
        ),
    ).where(
        OutsideFeedback.akimat_id.in_(akimat_ids),
        OutsideFeedback.received_on >= first_day,
        OutsideFeedback.received_on <= last_day,
    )
    every = union_all(bot, outside).subquery()
    rows = await session.execute(
        select(
            every.c.akimat_id,
            every.c.kind,
            every.c.status,
            every.c.linked,
            every.c.channel,
            every.c.referenced,
            func.count(),
        ).group_by(
            every.c.akimat_id,
            every.c.kind,
            every.c.status,
            every.c.linked,
            every.c.channel,
            every.c.referenced,
        )
    )
    return [
        FeedbackCountRow(a, str(k), str(s), bool(li), c, bool(r), n)
        for a, k, s, li, c, r, n in rows
    ]


async def participants(
    session: AsyncSession, akimat_ids: Sequence[int], start: datetime, end: datetime
) -> dict[int, tuple[int, int]]:
    """Per akimat: distinct authors of the period's questions, distinct supporters of them."""
    if not akimat_ids:
        return {}
    in_period = (
        Meeting.host_akimat_id.in_(akimat_ids),
        Question.created_at >= start,
        Question.created_at < end,
    )
    askers = await session.execute(
        select(Meeting.host_akimat_id, func.count(func.distinct(Question.author_id)))
        .join(Meeting, Meeting.id == Question.meeting_id)
        .where(*in_period)
        .group_by(Meeting.host_akimat_id)
    )
    supporters = await session.execute(
        select(Meeting.host_akimat_id, func.count(func.distinct(Support.user_id)))
        .join(Question, Question.id == Support.question_id)
        .join(Meeting, Meeting.id == Question.meeting_id)
        .where(*in_period)
        .group_by(Meeting.host_akimat_id)
    )
    result = {akimat_id: (count, 0) for akimat_id, count in askers}
    for akimat_id, count in supporters:
        result[akimat_id] = (result.get(akimat_id, (0, 0))[0], count)
    return result


async def subscribers(
    session: AsyncSession, ranges: Sequence[tuple[int, str, str]]
) -> dict[int, int]:
    """Per akimat: distinct people subscribed now to a locality inside its territory,
    ``ranges`` being (akimat id, lowest code, highest code) of each territory. (An unsubscribe
    deletes its row, so the past is not kept: this is the count as it stands.)"""
    if not ranges:
        return {}
    # A table of literal rows (SQLite has no VALUES with column names).
    territory = union_all(
        *(
            select(
                literal(akimat_id, SaInteger).label("akimat_id"),
                literal(low, SaString).label("low"),
                literal(high, SaString).label("high"),
            )
            for akimat_id, low, high in ranges
        )
    ).subquery("territory")
    rows = await session.execute(
        select(territory.c.akimat_id, func.count(func.distinct(Subscription.user_id)))
        .join(
            Subscription,
            Subscription.locality_code.between(territory.c.low, territory.c.high),
        )
        .group_by(territory.c.akimat_id)
    )
    return {row[0]: row[1] for row in rows}


async def plan_follows(
    session: AsyncSession, akimat_ids: Sequence[int], end: datetime
) -> dict[int, tuple[int, int]]:
    """Per akimat: plans published by ``end`` and the follows of them."""
    if not akimat_ids:
        return {}
    rows = await session.execute(
        select(
            Meeting.host_akimat_id,
            func.count(func.distinct(ActionPlan.id)),
            func.count(PlanFollow.user_id),
        )
        .join(ActionPlan, ActionPlan.meeting_id == Meeting.id)
        .outerjoin(PlanFollow, PlanFollow.plan_id == ActionPlan.id)
        .where(
            Meeting.host_akimat_id.in_(akimat_ids),
            ActionPlan.published_at.is_not(None),
            ActionPlan.published_at < end,
        )
        .group_by(Meeting.host_akimat_id)
    )
    return {akimat_id: (plans, follows) for akimat_id, plans, follows in rows}


async def ratings(
    session: AsyncSession, akimat_ids: Sequence[int], start: datetime, end: datetime
) -> list[tuple[int, int, int]]:
    """(akimat id, score, count) of the ratings of meetings that began in the period."""
    if not akimat_ids:
        return []
    rows = await session.execute(
        select(Meeting.host_akimat_id, Rating.score, func.count())
        .join(Meeting, Meeting.id == Rating.meeting_id)
        .where(
            Meeting.host_akimat_id.in_(akimat_ids),
            Meeting.starts_at >= start,
            Meeting.starts_at < end,
        )
        .group_by(Meeting.host_akimat_id, Rating.score)
    )
    return [(a, s, n) for a, s, n in rows]


async def meetings_due(
    session: AsyncSession, akimat_ids: Sequence[int], start: datetime, end: datetime
) -> list[MeetingDueRow]:
    """The period's meetings (by start) that are not drafts nor cancelled before being
    announced, with their announcement, plan and last reception: what the on-time record of
    announcements and plans is read from."""
    if not akimat_ids:
        return []
    last_reception = (
        select(func.max(Reception.held_on))
        .where(Reception.meeting_id == Meeting.id)
        .correlate(Meeting)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(
            Meeting.id,
            Meeting.host_akimat_id,
            Meeting.status,
            Meeting.starts_at,
            Meeting.ends_at,
            Meeting.announced_at,
            Meeting.announce_due_on,
            Meeting.announced_late,
            ActionPlan.published_at,
            ActionPlan.due_on,
            last_reception,
        )
        .outerjoin(ActionPlan, ActionPlan.meeting_id == Meeting.id)
        .where(
            Meeting.host_akimat_id.in_(akimat_ids),
            Meeting.starts_at >= start,
            Meeting.starts_at < end,
            or_(
                Meeting.status != MeetingStatus.CANCELLED,
                Meeting.announced_at.is_not(None),
            ),
        )
    )
    return [MeetingDueRow(*row) for row in rows]


async def plans_owing_reports(
    session: AsyncSession, akimat_ids: Sequence[int], end: datetime
) -> list[PlanReportRow]:
    """Plans published before ``end``, whether an item is still not done, and the first
    quarter a published report of theirs had every item done."""
    if not akimat_ids:
        return []
    unfinished = exists().where(
        PlanItem.plan_id == ActionPlan.id, PlanItem.status != PlanItemStatus.DONE
    )
    rows = await session.execute(
        select(ActionPlan.id, Meeting.host_akimat_id, ActionPlan.published_at, unfinished)
        .join(Meeting, Meeting.id == ActionPlan.meeting_id)
        .where(
            Meeting.host_akimat_id.in_(akimat_ids),
            ActionPlan.published_at.is_not(None),
            ActionPlan.published_at < end,
        )
    )
    found = [(p, a, at, bool(u)) for p, a, at, u in rows if at is not None]
    finished: dict[int, int] = {}
    plan_ids = [plan_id for plan_id, *_ in found]
    for chunk in range(0, len(plan_ids), CHUNK):
        ids = plan_ids[chunk : chunk + CHUNK]
        has_entries = exists().where(ProgressEntry.report_id == ProgressReport.id)
        not_done = exists().where(
            ProgressEntry.report_id == ProgressReport.id,
            ProgressEntry.status != PlanItemStatus.DONE,
        )
        done = await session.execute(
            select(
                ProgressReport.plan_id,
                func.min(ProgressReport.year * 4 + ProgressReport.quarter - 1),
            )
            .where(
                ProgressReport.plan_id.in_(ids),
                ProgressReport.published_at.is_not(None),
                has_entries,
                ~not_done,
            )
            .group_by(ProgressReport.plan_id)
        )
        finished.update({plan_id: int(first) for plan_id, first in done})
    return [PlanReportRow(p, a, at, u, finished.get(p)) for p, a, at, u in found]


async def reports_of(
    session: AsyncSession, akimat_ids: Sequence[int], quarters: Sequence[tuple[int, int]]
) -> list[ReportRow]:
    """The progress reports of these akimats' plans for these (year, quarter)s."""
    if not akimat_ids or not quarters:
        return []
    rows = await session.execute(
        select(
            ProgressReport.plan_id,
            ProgressReport.year,
            ProgressReport.quarter,
            ProgressReport.published_at,
        )
        .join(ActionPlan, ActionPlan.id == ProgressReport.plan_id)
        .join(Meeting, Meeting.id == ActionPlan.meeting_id)
        .where(
            Meeting.host_akimat_id.in_(akimat_ids),
            or_(
                *(and_(ProgressReport.year == y, ProgressReport.quarter == q) for y, q in quarters)
            ),
        )
    )
    return [ReportRow(*row) for row in rows]


async def add_outside(session: AsyncSession, entry: OutsideFeedback) -> None:
    session.add(entry)
    await session.flush()


class PackageRow(NamedTuple):
    akimat_id: int
    # None for the bot's own questions; else the channel of an entry.
    channel: str | None
    number: str
    received_on: date | datetime
    kind: str
    status: str
    linked: bool
    reference: str | None
    text: str


async def package_rows(
    session: AsyncSession,
    akimat_ids: Sequence[int],
    start: datetime,
    end: datetime,
    first_day: date,
    last_day: date,
) -> list[PackageRow]:
    """Every question and proposal counted in the period (the same selection as
    :func:`feedback_counts`), one row each, for the data package of seed 004, clause 20."""
    if not akimat_ids:
        return []
    linked = _linked_to_published_plan()
    bot = await session.execute(
        select(
            Meeting.host_akimat_id,
            Question.id,
            Question.public_number,
            Question.created_at,
            Question.kind,
            Question.status,
            linked.label("linked"),
            Question.resolution,
            Question.text,
        )
        .join(Meeting, Meeting.id == Question.meeting_id)
        .where(
            Meeting.host_akimat_id.in_(akimat_ids),
            Question.created_at >= start,
            Question.created_at < end,
            Question.status != QuestionStatus.MERGED,
        )
        .order_by(Meeting.host_akimat_id, Question.created_at, Question.id)
    )
    result = [
        PackageRow(a, None, number or f"#{qid}", at, str(k), str(s), bool(li), res, txt)
        for a, qid, number, at, k, s, li, res, txt in bot
    ]
    outside = await session.execute(
        select(
            OutsideFeedback.akimat_id,
            OutsideFeedback.id,
            OutsideFeedback.channel,
            OutsideFeedback.received_on,
            OutsideFeedback.kind,
            OutsideFeedback.status,
            OutsideFeedback.reference,
            OutsideFeedback.text,
        )
        .where(
            OutsideFeedback.akimat_id.in_(akimat_ids),
            OutsideFeedback.received_on >= first_day,
            OutsideFeedback.received_on <= last_day,
        )
        .order_by(OutsideFeedback.akimat_id, OutsideFeedback.received_on, OutsideFeedback.id)
    )
    result += [
        PackageRow(a, str(c), f"E-{eid}", day, str(k), str(s), False, ref, txt)
        for a, eid, c, day, k, s, ref, txt in outside
    ]
    return result
