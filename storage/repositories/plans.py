"""Queries on action plans and their quarterly progress (storage/models/plan.py): the plan of a
meeting, its items and their linked questions, the followers, the quarterly reports. The rules
(when a plan can be drafted or published, which quarter is open) stay in services/plans/; this
module answers questions and performs writes. Repositories never commit: the caller's unit of
work does.
"""

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol

from sqlalchemy import ColumnElement, Select, and_, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    ActionPlan,
    Akimat,
    Locality,
    Meeting,
    MeetingStatus,
    PlanFollow,
    PlanItem,
    PlanItemQuestion,
    PlanItemStatus,
    ProgressEntry,
    ProgressReport,
    Question,
    QuestionStatus,
    Reception,
    Support,
    User,
)

# People looked up per query when finding whom a personal notice can reach.
READ_CHUNK = 1000


class HostedMeeting(NamedTuple):
    """A meeting with the names of its host's locality, as the plan shows them."""

    meeting: Meeting
    host_name_kk: str
    host_name_ru: str


class LinkRow(NamedTuple):
    item_id: int
    question_id: int
    public_number: str | None


class Publication(NamedTuple):
    """Whether and when a meeting's plan was published, and the due date it kept."""

    plan_id: int
    published_at: datetime | None
    due_on: date | None


class ItemContent(Protocol):
    """What a new item carries (services.plans.ItemDraft, checked)."""

    @property
    def problem(self) -> str: ...
    @property
    def measure(self) -> str: ...
    @property
    def executor(self) -> str: ...
    @property
    def due_on(self) -> date: ...
    @property
    def question_ids(self) -> tuple[int, ...]: ...


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


# --- meetings and their questions ----------------------------------------------------------------


async def hosted_meeting(session: AsyncSession, meeting_id: int) -> HostedMeeting | None:
    row = (
        await session.execute(
            select(Meeting, Locality.name_kk, Locality.name_ru)
            .join(Akimat, Akimat.id == Meeting.host_akimat_id)
            .join(Locality, Locality.code == Akimat.locality_code)
            .where(Meeting.id == meeting_id)
        )
    ).first()
    return HostedMeeting(*row) if row is not None else None


async def reception_days(session: AsyncSession, meeting_id: int) -> tuple[date, ...]:
    """The days of the meeting's personal receptions, held and planned, earliest first (the
    results are due after the last one held: services/plan_deadline.py)."""
    days = await session.scalars(
        select(Reception.held_on)
        .where(Reception.meeting_id == meeting_id)
        .order_by(Reception.held_on)
    )
    return tuple(days.all())


async def audience_code(session: AsyncSession, meeting_id: int) -> str | None:
    return await session.scalar(select(Meeting.audience_code).where(Meeting.id == meeting_id))


async def close_meeting(
    session: AsyncSession, meeting_id: int, now: datetime, from_statuses: Collection[MeetingStatus]
) -> None:
    """Close the meeting if it is in one of ``from_statuses`` (marking it held too if it was
    not); a meeting in any other state is left alone."""
    await session.execute(
        update(Meeting)
        .where(Meeting.id == meeting_id, Meeting.status.in_(list(from_statuses)))
        .values(
            status=MeetingStatus.CLOSED,
            closed_at=now,
            held_at=func.coalesce(Meeting.held_at, now),
        )
        .execution_options(synchronize_session=False)
    )


async def meeting_questions(
    session: AsyncSession, meeting_id: int, *, accepted_only: bool
) -> Sequence[Question]:
    """The meeting's numbered questions, most supported first."""
    query = select(Question).where(
        Question.meeting_id == meeting_id, Question.public_number.is_not(None)
    )
    if accepted_only:
        query = query.where(Question.status == QuestionStatus.ACCEPTED)
    return (
        await session.scalars(query.order_by(Question.support_count.desc(), Question.id))
    ).all()


async def question_numbers(session: AsyncSession, meeting_id: int) -> dict[str, int]:
    """Public number → id, for every numbered question of the meeting."""
    rows = await session.execute(
        select(Question.public_number, Question.id).where(
            Question.meeting_id == meeting_id, Question.public_number.is_not(None)
        )
    )
    return {number: question_id for number, question_id in rows if number}


async def questions_of_meeting(
    session: AsyncSession, meeting_id: int, question_ids: Collection[int]
) -> set[int]:
    """Those of ``question_ids`` that are questions of this meeting."""
    found = await session.scalars(
        select(Question.id).where(Question.id.in_(question_ids), Question.meeting_id == meeting_id)
    )
    return set(found.all())


async def question_authors(
    session: AsyncSession, question_ids: Collection[int]
) -> dict[int, int | None]:
    """Question id → author id (None: the author used /forget)."""
    rows = await session.execute(
        select(Question.id, Question.author_id).where(Question.id.in_(question_ids))
    )
    return dict(rows.all())


async def question_supporters(
    session: AsyncSession, question_ids: Collection[int]
) -> list[tuple[int, int]]:
    """(question id, user id) of every support of these questions."""
    rows = await session.execute(
        select(Support.question_id, Support.user_id).where(Support.question_id.in_(question_ids))
    )
    return [(question_id, user_id) for question_id, user_id in rows]


async def reachable_locales(
    session: AsyncSession, user_ids: Sequence[int]
) -> list[tuple[int, str | None]]:
    """(user id, locale) of those of these people who can be written to (active, consent
    given), looked up ``READ_CHUNK`` at a time."""
    found: list[tuple[int, str | None]] = []
    for start in range(0, len(user_ids), READ_CHUNK):
        rows = await session.execute(
            select(User.id, User.locale).where(
                User.id.in_(user_ids[start : start + READ_CHUNK]),
                User.is_active.is_(True),
                User.consent_at.is_not(None),
            )
        )
        found.extend((user_id, locale) for user_id, locale in rows)
    return found


# --- plans ---------------------------------------------------------------------------------------


async def plan_of_meeting(
    session: AsyncSession, meeting_id: int, *, for_update: bool = False
) -> ActionPlan | None:
    """The meeting's plan, draft or published; ``for_update`` locks it until the commit."""
    query = select(ActionPlan).where(ActionPlan.meeting_id == meeting_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def published_plan_of_meeting(session: AsyncSession, meeting_id: int) -> ActionPlan | None:
    return await session.scalar(
        select(ActionPlan).where(
            ActionPlan.meeting_id == meeting_id, ActionPlan.published_at.is_not(None)
        )
    )


async def plan_id_of_meeting(session: AsyncSession, meeting_id: int) -> int | None:
    return await session.scalar(select(ActionPlan.id).where(ActionPlan.meeting_id == meeting_id))


async def publication(session: AsyncSession, meeting_id: int) -> Publication | None:
    row = (
        await session.execute(
            select(ActionPlan.id, ActionPlan.published_at, ActionPlan.due_on).where(
                ActionPlan.meeting_id == meeting_id
            )
        )
    ).first()
    return Publication(*row) if row is not None else None


async def meeting_of_plan(session: AsyncSession, plan_id: int) -> int | None:
    return await session.scalar(select(ActionPlan.meeting_id).where(ActionPlan.id == plan_id))


async def add_plan(session: AsyncSession, meeting_id: int) -> ActionPlan:
    """A new draft plan for the meeting, flushed (it has its id). The meeting has one plan at
    most: a second one raises IntegrityError here or at the commit."""
    plan = ActionPlan(meeting_id=meeting_id)
    session.add(plan)
    await session.flush()
    return plan


async def publish_plan(
    session: AsyncSession, plan_id: int, now: datetime, actor_id: int, due_on: date | None
) -> bool:
    """Mark the draft published; False when it already was (another official, a double tap):
    the conditional UPDATE lets only one of them through."""
    changed = await session.execute(
        update(ActionPlan)
        .where(ActionPlan.id == plan_id, ActionPlan.published_at.is_(None))
        .values(published_at=now, published_by=actor_id, due_on=due_on)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(changed) > 0


# --- items ---------------------------------------------------------------------------------------


async def items_of(session: AsyncSession, plan_id: int) -> Sequence[PlanItem]:
    """The plan's items in order."""
    return (
        await session.scalars(
            select(PlanItem).where(PlanItem.plan_id == plan_id).order_by(PlanItem.position)
        )
    ).all()


async def links_of(session: AsyncSession, item_ids: Collection[int]) -> list[LinkRow]:
    """The questions linked to these items, in question order."""
    rows = await session.execute(
        select(PlanItemQuestion.item_id, Question.id, Question.public_number)
        .join(Question, Question.id == PlanItemQuestion.question_id)
        .where(PlanItemQuestion.item_id.in_(item_ids))
        .order_by(Question.id)
    )
    return [LinkRow(*row) for row in rows]


async def count_items(session: AsyncSession, plan_id: int) -> int:
    return int(
        await session.scalar(select(func.count(PlanItem.id)).where(PlanItem.plan_id == plan_id))
        or 0
    )


async def last_position(session: AsyncSession, plan_id: int) -> int:
    """The position of the plan's last item, 0 without items."""
    last = await session.scalar(
        select(func.max(PlanItem.position)).where(PlanItem.plan_id == plan_id)
    )
    return int(last or 0)


async def get_item(session: AsyncSession, item_id: int) -> PlanItem | None:
    return await session.get(PlanItem, item_id)


async def add_items(
    session: AsyncSession, plan_id: int, first_position: int, contents: Sequence[ItemContent]
) -> list[int]:
    """Store ``contents`` as items numbered from ``first_position``, not started, each linked
    to its questions; returns their ids. One flush for the items (their ids), the links go out
    with the caller's commit."""
    items = [
        PlanItem(
            plan_id=plan_id,
            position=position,
            problem=content.problem,
            measure=content.measure,
            executor=content.executor,
            due_on=content.due_on,
            status=PlanItemStatus.NOT_STARTED,
            percent=0,
        )
        for position, content in enumerate(contents, start=first_position)
    ]
    session.add_all(items)
    await session.flush()
    for item, content in zip(items, contents, strict=True):
        session.add_all(
            PlanItemQuestion(item_id=item.id, question_id=question_id)
            for question_id in content.question_ids
        )
    return [item.id for item in items]


async def delete_items(session: AsyncSession, plan_id: int) -> None:
    """Every item of the plan (their links and progress entries go by cascade)."""
    await session.execute(delete(PlanItem).where(PlanItem.plan_id == plan_id))


async def remove_item(session: AsyncSession, plan_id: int, position: int) -> bool:
    """Delete item ``position``; the ones after it move up. False when there is no such item."""
    item = await session.scalar(
        select(PlanItem).where(PlanItem.plan_id == plan_id, PlanItem.position == position)
    )
    if item is None:
        return False
    await session.delete(item)
    await session.flush()
    later = (
        await session.scalars(
            select(PlanItem)
            .where(PlanItem.plan_id == plan_id, PlanItem.position > position)
            .order_by(PlanItem.position)
        )
    ).all()
    # One by one, lowest first: (plan_id, position) is unique at every step.
    for moved in later:
        moved.position -= 1
        await session.flush()
    return True


async def set_item_state(
    session: AsyncSession,
    item_id: int,
    status: PlanItemStatus,
    percent: int,
    comment: str | None,
) -> None:
    """The item's current state, as a published report says."""
    await session.execute(
        update(PlanItem)
        .where(PlanItem.id == item_id)
        .values(status=status, percent=percent, comment=comment)
        .execution_options(synchronize_session=False)
    )


# --- lists ---------------------------------------------------------------------------------------


async def meetings_awaiting_plan(
    session: AsyncSession,
    akimat_ids: Sequence[int] | None,
    now: datetime,
    open_statuses: Collection[MeetingStatus],
    limit: int,
) -> list[int]:
    """Ids of the meetings of these akimats (every akimat: None) that are held or closed, or in
    one of ``open_statuses`` and ended by ``now``, and have no published plan; oldest first."""
    unpublished = ~exists().where(
        ActionPlan.meeting_id == Meeting.id, ActionPlan.published_at.is_not(None)
    )
    over = or_(
        Meeting.status.in_([MeetingStatus.HELD, MeetingStatus.CLOSED]),
        and_(Meeting.status.in_(list(open_statuses)), Meeting.ends_at <= now),
    )
    query = select(Meeting.id).where(over, unpublished)
    if akimat_ids is not None:
        query = query.where(Meeting.host_akimat_id.in_(akimat_ids))
    return list(await session.scalars(query.order_by(Meeting.starts_at).limit(limit)))


async def meetings_with_published_plan(
    session: AsyncSession, akimat_ids: Sequence[int] | None, limit: int
) -> list[int]:
    """Ids of the meetings of these akimats (every akimat: None) with a published plan, the
    newest plan first."""
    query = (
        select(ActionPlan.meeting_id)
        .join(Meeting, Meeting.id == ActionPlan.meeting_id)
        .where(ActionPlan.published_at.is_not(None))
    )
    if akimat_ids is not None:
        query = query.where(Meeting.host_akimat_id.in_(akimat_ids))
    return list(await session.scalars(query.order_by(ActionPlan.published_at.desc()).limit(limit)))


async def plan_brief(session: AsyncSession, meeting_id: int) -> tuple[int, datetime | None] | None:
    """(plan id, published at) of the meeting's plan, None without one."""
    row = (
        await session.execute(
            select(ActionPlan.id, ActionPlan.published_at).where(
                ActionPlan.meeting_id == meeting_id
            )
        )
    ).first()
    return (row[0], row[1]) if row is not None else None


def _visible_plans(user_id: int, seen: ColumnElement[bool]) -> Select[int]:
    followed = exists().where(PlanFollow.plan_id == ActionPlan.id, PlanFollow.user_id == user_id)
    return (
        select(ActionPlan.meeting_id)
        .join(Meeting, Meeting.id == ActionPlan.meeting_id)
        .where(ActionPlan.published_at.is_not(None), or_(followed, seen))
    )


async def count_visible_plans(
    session: AsyncSession, user_id: int, seen: ColumnElement[bool]
) -> int:
    """How many published plans the person follows or whose meeting matches ``seen`` (the
    meetings they hear of, services.audience.meetings_seen_by)."""
    base = _visible_plans(user_id, seen)
    return int(await session.scalar(select(func.count()).select_from(base.subquery())) or 0)


async def visible_plan_meetings(
    session: AsyncSession, user_id: int, seen: ColumnElement[bool], offset: int, limit: int
) -> list[int]:
    """Meeting ids of the plans `count_visible_plans` counts, newest plan first."""
    base = _visible_plans(user_id, seen)
    return list(
        await session.scalars(
            base.order_by(ActionPlan.published_at.desc(), ActionPlan.id.desc())
            .offset(offset)
            .limit(limit)
        )
    )


# --- followers -----------------------------------------------------------------------------------


async def is_following(session: AsyncSession, plan_id: int, user_id: int) -> bool:
    return await session.get(PlanFollow, (plan_id, user_id)) is not None


async def set_following(session: AsyncSession, plan_id: int, user_id: int, on: bool) -> None:
    """Add or remove the follow as ``on`` says, nothing when it is so already. Two adds at
    once raise IntegrityError at the caller's commit."""
    current = await session.get(PlanFollow, (plan_id, user_id))
    if on and current is None:
        session.add(PlanFollow(plan_id=plan_id, user_id=user_id))
    elif not on and current is not None:
        await session.delete(current)


def followers_query(plan_id: int) -> Select[int, str | None]:
    """(user id, locale) of the plan's followers who can be written to: for the outbox to copy
    in one statement."""
    return (
        select(User.id, User.locale)
        .join(PlanFollow, PlanFollow.user_id == User.id)
        .where(
            PlanFollow.plan_id == plan_id,
            User.is_active.is_(True),
            User.consent_at.is_not(None),
        )
    )


# --- quarterly reports ---------------------------------------------------------------------------


async def get_report(
    session: AsyncSession, report_id: int, *, for_update: bool = False
) -> ProgressReport | None:
    return await session.get(ProgressReport, report_id, with_for_update=for_update)


async def report_id_for(
    session: AsyncSession, plan_id: int, year: int, quarter: int
) -> int | None:
    return await session.scalar(
        select(ProgressReport.id).where(
            ProgressReport.plan_id == plan_id,
            ProgressReport.year == year,
            ProgressReport.quarter == quarter,
        )
    )


async def report_published(session: AsyncSession, plan_id: int, year: int, quarter: int) -> bool:
    found = await session.scalar(
        select(ProgressReport.id).where(
            ProgressReport.plan_id == plan_id,
            ProgressReport.year == year,
            ProgressReport.quarter == quarter,
            ProgressReport.published_at.is_not(None),
        )
    )
    return found is not None


async def published_reports(session: AsyncSession, plan_id: int) -> Sequence[ProgressReport]:
    """The plan's published reports, newest quarter first."""
    return (
        await session.scalars(
            select(ProgressReport)
            .where(ProgressReport.plan_id == plan_id, ProgressReport.published_at.is_not(None))
            .order_by(ProgressReport.year.desc(), ProgressReport.quarter.desc())
        )
    ).all()


async def published_quarters(session: AsyncSession, plan_id: int) -> list[tuple[int, int]]:
    """(year, quarter) of every published report of the plan."""
    rows = await session.execute(
        select(ProgressReport.year, ProgressReport.quarter).where(
            ProgressReport.plan_id == plan_id,
            ProgressReport.published_at.is_not(None),
        )
    )
    return [(year, quarter) for year, quarter in rows]


async def meeting_of_report(session: AsyncSession, report_id: int) -> int | None:
    return await session.scalar(
        select(ActionPlan.meeting_id)
        .join(ProgressReport, ProgressReport.plan_id == ActionPlan.id)
        .where(ProgressReport.id == report_id)
    )


def add_report(session: AsyncSession, plan_id: int, year: int, quarter: int) -> ProgressReport:
    """A new draft report, written at the caller's commit (where a concurrent twin raises
    IntegrityError)."""
    report = ProgressReport(plan_id=plan_id, year=year, quarter=quarter)
    session.add(report)
    return report


async def entries_of(session: AsyncSession, report_id: int) -> Sequence[ProgressEntry]:
    return (
        await session.scalars(select(ProgressEntry).where(ProgressEntry.report_id == report_id))
    ).all()


async def put_entry(
    session: AsyncSession,
    report_id: int,
    item_id: int,
    status: PlanItemStatus,
    percent: int,
    comment: str | None,
) -> None:
    """Set one item's entry in the report, created if missing."""
    entry = await session.get(ProgressEntry, (report_id, item_id))
    if entry is None:
        entry = ProgressEntry(report_id=report_id, item_id=item_id)
        session.add(entry)
    entry.status = status
    entry.percent = percent
    entry.comment = comment


async def publish_report(
    session: AsyncSession, report_id: int, now: datetime, actor_id: int
) -> bool:
    """Mark the draft report published; False when it already was (the conditional UPDATE lets
    one of two concurrent publishers through)."""
    changed = await session.execute(
        update(ProgressReport)
        .where(ProgressReport.id == report_id, ProgressReport.published_at.is_(None))
        .values(published_at=now, published_by=actor_id)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(changed) > 0
