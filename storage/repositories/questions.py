"""Queries on citizens' questions and proposals (storage/models/question.py) and their
supports, for both sides of them: the citizens' (services/questions.py) and the officials' pool
(services/pool.py). The rules (which statuses are public, open or final, when a meeting takes
questions, who may act) stay in those services and come in here as arguments; this module only
answers questions and performs writes. Repositories never commit: the caller's unit of work does.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, case, delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import (
    Akimat,
    Locality,
    Meeting,
    MeetingStatus,
    Question,
    QuestionKind,
    QuestionStatus,
    Support,
    User,
)

# A meeting and the names of its host akimat's locality (kk, ru).
MeetingWithHost = tuple[Meeting, str, str]
# A question with its meeting's start and the host's names (kk, ru).
QuestionWithHost = tuple[Question, datetime, str, str]
# A question and the public number of the question it was merged into (None if not merged).
QuestionWithTarget = tuple[Question, str | None]
# id, status, starts_at, host name kk, host name ru, how many items are still open.
PoolMeetingRow = tuple[int, MeetingStatus, datetime, str, str, int]
# Per kind: received, with an outcome counted as accepted, with one counted as answered.
FeedbackTotals = dict[QuestionKind, tuple[int, int, int]]

# The question a merged duplicate went into (self-join on `merged_into_id`).
_Target = aliased(Question, name="merge_target")


# --- meetings, as the question flow sees them --------------------------------------------------


def _meeting_with_host() -> Select[Meeting, str, str]:
    return (
        select(Meeting, Locality.name_kk, Locality.name_ru)
        .join(Akimat, Akimat.id == Meeting.host_akimat_id)
        .join(Locality, Locality.code == Akimat.locality_code)
    )


async def meeting_with_host(session: AsyncSession, meeting_id: int) -> MeetingWithHost | None:
    """The meeting with its host's names, or None if there is no such meeting."""
    found = await session.execute(_meeting_with_host().where(Meeting.id == meeting_id))
    return found.first()


async def pool_meetings(
    session: AsyncSession,
    *,
    counted_statuses: Collection[QuestionStatus],
    without_status: MeetingStatus,
    akimat_ids: Collection[int] | None,
    limit: int,
) -> Sequence[PoolMeetingRow]:
    """Meetings newest first (ties: the higher id), each with how many of its items are in
    ``counted_statuses``; meetings in ``without_status`` are left out, and unless
    ``akimat_ids`` is None only those the given akimats host are listed."""
    query = (
        select(
            Meeting.id,
            Meeting.status,
            Meeting.starts_at,
            Locality.name_kk,
            Locality.name_ru,
            select(func.count())
            .select_from(Question)
            .where(Question.meeting_id == Meeting.id, Question.status.in_(counted_statuses))
            .scalar_subquery(),
        )
        .join(Akimat, Akimat.id == Meeting.host_akimat_id)
        .join(Locality, Locality.code == Akimat.locality_code)
        .where(Meeting.status != without_status)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(limit)
    )
    if akimat_ids is not None:
        query = query.where(Meeting.host_akimat_id.in_(akimat_ids))
    return (await session.execute(query)).all()


async def host_akimat_of(session: AsyncSession, question_id: int) -> int | None:
    """The akimat hosting the question's meeting (None: no such question)."""
    return await session.scalar(
        select(Meeting.host_akimat_id)
        .join(Question, Question.meeting_id == Meeting.id)
        .where(Question.id == question_id)
    )


# --- questions, as citizens see them -----------------------------------------------------------


def _with_host(query: Select[Question]) -> Select[Question, datetime, str, str]:
    return (
        query.add_columns(Meeting.starts_at, Locality.name_kk, Locality.name_ru)
        .join(Meeting, Meeting.id == Question.meeting_id)
        .join(Akimat, Akimat.id == Meeting.host_akimat_id)
        .join(Locality, Locality.code == Akimat.locality_code)
    )


async def question_with_host(session: AsyncSession, question_id: int) -> QuestionWithHost | None:
    found = await session.execute(_with_host(select(Question)).where(Question.id == question_id))
    return found.first()


async def fresh_question_with_host(session: AsyncSession, question_id: int) -> QuestionWithHost:
    """The question as the current transaction left it (what it changed is read back, not
    taken from the identity map), for a notice written in that same transaction. The question
    must exist (NoResultFound otherwise)."""
    found = await session.execute(
        _with_host(select(Question))
        .where(Question.id == question_id)
        .execution_options(populate_existing=True)
    )
    return found.one()


async def count_by_author(session: AsyncSession, author_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Question).where(Question.author_id == author_id)
    )
    return total or 0


async def by_author(
    session: AsyncSession, author_id: int, offset: int, limit: int
) -> Sequence[QuestionWithHost]:
    """The author's questions, newest first."""
    return (
        await session.execute(
            _with_host(select(Question))
            .where(Question.author_id == author_id)
            .order_by(Question.created_at.desc(), Question.id.desc())
            .offset(offset)
            .limit(limit)
        )
    ).all()


async def count_in_meeting(
    session: AsyncSession, meeting_id: int, statuses: Collection[QuestionStatus]
) -> int:
    total = await session.scalar(
        select(func.count())
        .select_from(Question)
        .where(Question.meeting_id == meeting_id, Question.status.in_(statuses))
    )
    return total or 0


async def in_meeting(
    session: AsyncSession,
    meeting_id: int,
    statuses: Collection[QuestionStatus],
    *,
    most_supported_first: bool,
    offset: int,
    limit: int,
) -> Sequence[QuestionWithHost]:
    """A meeting's questions in ``statuses``: most supported first (ties: the one asked
    first), or else newest first."""
    order: tuple[Any, ...] = (
        (Question.support_count.desc(), Question.id.asc())
        if most_supported_first
        else (Question.id.desc(),)
    )
    return (
        await session.execute(
            _with_host(select(Question))
            .where(Question.meeting_id == meeting_id, Question.status.in_(statuses))
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        )
    ).all()


async def supported_by(
    session: AsyncSession, user_id: int, question_ids: Collection[int]
) -> set[int]:
    """Which of ``question_ids`` the user supported."""
    if not question_ids:
        return set()
    found = await session.scalars(
        select(Support.question_id).where(
            Support.user_id == user_id, Support.question_id.in_(question_ids)
        )
    )
    return set(found.all())


async def public_numbers(
    session: AsyncSession, question_ids: Collection[int]
) -> dict[int, str | None]:
    if not question_ids:
        return {}
    found = await session.execute(
        select(Question.id, Question.public_number).where(Question.id.in_(question_ids))
    )
    return dict(found.all())


# --- sending and supporting --------------------------------------------------------------------


async def lock_author(session: AsyncSession, user_id: int) -> None:
    """A no-op write to the user's row locks it until the end of the transaction (a row lock on
    PostgreSQL, the write lock on SQLite, where SELECT ... FOR UPDATE does not exist)."""
    await session.execute(update(User).where(User.id == user_id).values(locale=User.locale))


async def same_text(
    session: AsyncSession, meeting_id: int, author_id: int, text: str
) -> Question | None:
    """The first question of the author for the meeting with exactly this text, if any."""
    return await session.scalar(
        select(Question)
        .where(
            Question.meeting_id == meeting_id,
            Question.author_id == author_id,
            Question.text == text,
        )
        .order_by(Question.id)
        .limit(1)
    )


async def add(session: AsyncSession, question: Question) -> Question:
    """Insert the question now (flushed, not committed), so its id is known."""
    session.add(question)
    await session.flush()
    return question


async def get(session: AsyncSession, question_id: int) -> Question | None:
    return await session.get(Question, question_id)


async def has_support(session: AsyncSession, question_id: int, user_id: int) -> bool:
    return await session.get(Support, (question_id, user_id)) is not None


async def add_support(
    session: AsyncSession, question_id: int, user_id: int, created_at: datetime
) -> None:
    """Insert the support now (flushed, not committed): a second one of the same person fails
    here with IntegrityError on the primary key (question, user), for the caller to handle."""
    session.add(Support(question_id=question_id, user_id=user_id, created_at=created_at))
    await session.flush()


async def count_support(session: AsyncSession, question_id: int) -> None:
    """One more support on the question's counter. Incremented in the database, not
    read-modify-write: concurrent supports of different people all count."""
    await session.execute(
        update(Question)
        .where(Question.id == question_id)
        .values(support_count=Question.support_count + 1)
    )


# --- the pool ----------------------------------------------------------------------------------


def _item_query() -> Select[Question, str | None]:
    return select(Question, _Target.public_number).outerjoin(
        _Target, _Target.id == Question.merged_into_id
    )


def _item_filter(
    meeting_id: int,
    *,
    exclude_id: int | None = None,
    kind: QuestionKind | None = None,
    status: QuestionStatus | None = None,
    statuses: Collection[QuestionStatus] | None = None,
) -> list[Any]:
    where: list[Any] = [Question.meeting_id == meeting_id]
    if exclude_id is not None:
        where.append(Question.id != exclude_id)
    if kind is not None:
        where.append(Question.kind == kind)
    if status is not None:
        where.append(Question.status == status)
    if statuses is not None:
        where.append(Question.status.in_(statuses))
    return where


async def item(session: AsyncSession, question_id: int) -> QuestionWithTarget | None:
    found = await session.execute(_item_query().where(Question.id == question_id))
    return found.first()


async def count_by_status(
    session: AsyncSession, meeting_id: int, kind: QuestionKind | None = None
) -> dict[QuestionStatus, int]:
    """How many of the meeting's items (of ``kind``, if given) are in each status; statuses
    with none are left out."""
    grouped = await session.execute(
        select(Question.status, func.count())
        .where(*_item_filter(meeting_id, kind=kind))
        .group_by(Question.status)
    )
    return dict(grouped.all())


async def count_items(
    session: AsyncSession,
    meeting_id: int,
    *,
    exclude_id: int | None = None,
    statuses: Collection[QuestionStatus] | None = None,
) -> int:
    where = _item_filter(meeting_id, exclude_id=exclude_id, statuses=statuses)
    return int(await session.scalar(select(func.count()).select_from(Question).where(*where)) or 0)


async def items(
    session: AsyncSession,
    meeting_id: int,
    *,
    exclude_id: int | None = None,
    kind: QuestionKind | None = None,
    status: QuestionStatus | None = None,
    statuses: Collection[QuestionStatus] | None = None,
    offset: int,
    limit: int,
) -> Sequence[QuestionWithTarget]:
    """One page of the meeting's items matching the filters, most supported first (ties: the
    oldest first, it waited longest)."""
    where = _item_filter(
        meeting_id, exclude_id=exclude_id, kind=kind, status=status, statuses=statuses
    )
    return (
        await session.execute(
            _item_query()
            .where(*where)
            .order_by(Question.support_count.desc(), Question.id.asc())
            .offset(offset)
            .limit(limit)
        )
    ).all()


async def items_after(
    session: AsyncSession, meeting_id: int, after: tuple[int, int] | None, limit: int
) -> Sequence[QuestionWithTarget]:
    """The next ``limit`` items of the meeting in the pool's order (most supported first, ties:
    the lower id), after the item whose (support count, id) is ``after`` (None: from the
    start). A keyset, so a batch costs the same at any depth."""
    query = _item_query().where(Question.meeting_id == meeting_id)
    if after is not None:
        count, last_id = after
        query = query.where(
            or_(
                Question.support_count < count,
                and_(Question.support_count == count, Question.id > last_id),
            )
        )
    return (
        await session.execute(
            query.order_by(Question.support_count.desc(), Question.id.asc()).limit(limit)
        )
    ).all()


async def status_of(session: AsyncSession, question_id: int) -> QuestionStatus | None:
    return await session.scalar(select(Question.status).where(Question.id == question_id))


async def change_status(
    session: AsyncSession,
    question_id: int,
    *,
    only_from: Collection[QuestionStatus],
    status: QuestionStatus,
    resolved_by: int,
    at: datetime,
    resolution: str | None = None,
) -> bool:
    """Move the question to ``status`` if it is in one of ``only_from`` now; False if it is not
    (or does not exist). Conditional in the UPDATE itself, so of two officials acting at once
    exactly one changes it. ``resolution`` (the answer or the reason) is written only if
    given: accepting leaves it as it is."""
    values: dict[str, Any] = {
        "status": status,
        "resolved_by": resolved_by,
        "status_changed_at": at,
    }
    if resolution is not None:
        values["resolution"] = resolution
    changed = await session.execute(
        update(Question)
        .where(Question.id == question_id, Question.status.in_(only_from))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(changed, "rowcount", 0) or 0) > 0


async def lock(session: AsyncSession, question_ids: Iterable[int]) -> None:
    """Lock the questions' rows until the end of the transaction, in id order (so two
    transactions locking the same rows never wait on each other in a circle), with a no-op
    write; on SQLite the first write takes the database's write lock, which serialises the
    same way."""
    for question_id in sorted(set(question_ids)):
        await session.execute(
            update(Question)
            .where(Question.id == question_id)
            .values(status=Question.status)
            .execution_options(synchronize_session=False)
        )


async def get_fresh(session: AsyncSession, question_id: int) -> Question | None:
    """The question as stored now, not as the identity map remembers it."""
    return await session.get(Question, question_id, populate_existing=True)


async def supporter_ids(session: AsyncSession, question_id: int) -> list[int]:
    return list(
        (
            await session.scalars(
                select(Support.user_id)
                .where(Support.question_id == question_id)
                .order_by(Support.user_id)
            )
        ).all()
    )


async def support_rows(session: AsyncSession, question_id: int) -> dict[int, datetime]:
    """Who supports the question (a row each; supports of people who used /forget are gone
    as rows), and since when."""
    rows = await session.execute(
        select(Support.user_id, Support.created_at).where(Support.question_id == question_id)
    )
    return dict(rows.all())


async def move_supports(
    session: AsyncSession, duplicate_id: int, target_id: int, moved: Mapping[int, datetime]
) -> None:
    """The supports of a merged duplicate: ``moved`` (user -> since when) become supports of
    the target, the duplicate's own are dropped, and earlier duplicates of the duplicate now
    point at the target (no chains)."""
    if moved:
        await session.execute(
            insert(Support),
            [
                {"question_id": target_id, "user_id": user_id, "created_at": at}
                for user_id, at in moved.items()
            ],
        )
    await session.execute(delete(Support).where(Support.question_id == duplicate_id))
    await session.execute(
        update(Question)
        .where(Question.merged_into_id == duplicate_id)
        .values(merged_into_id=target_id)
        .execution_options(synchronize_session=False)
    )


async def mark_merged(
    session: AsyncSession,
    duplicate: Question,
    target: Question,
    *,
    resolved_by: int,
    at: datetime,
    target_support_count: int,
) -> None:
    """Record the duplicate as merged into the target (its supports went with it) and the
    target's new count; flushed, so what the transaction reads next sees it."""
    duplicate.status = QuestionStatus.MERGED
    duplicate.merged_into_id = target.id
    duplicate.support_count = 0
    duplicate.resolved_by = resolved_by
    duplicate.status_changed_at = at
    target.support_count = target_support_count
    await session.flush()


async def active_locales(
    session: AsyncSession, user_ids: Collection[int]
) -> list[tuple[int, str | None]]:
    """Those of ``user_ids`` who are still active, with their language (None: not chosen)."""
    rows = await session.execute(
        select(User.id, User.locale).where(User.id.in_(user_ids), User.is_active.is_(True))
    )
    return list(rows)


async def feedback_totals(
    session: AsyncSession,
    akimat_id: int,
    since: datetime,
    until: datetime,
    *,
    counted_as_accepted: Collection[QuestionStatus],
    counted_as_answered: Collection[QuestionStatus],
) -> FeedbackTotals:
    """Per kind, over the items of the meetings ``akimat_id`` hosted received in [since,
    until): how many, how many with an outcome in ``counted_as_accepted`` and how many with
    one in ``counted_as_answered``. The outcome of a merged duplicate is the status of the
    item it went into. Kinds with no items are left out."""
    outcome = case(
        (Question.status == QuestionStatus.MERGED, _Target.status),
        else_=Question.status,
    )
    accepted = outcome.in_(counted_as_accepted)
    answered = outcome.in_(counted_as_answered)
    query = (
        select(
            Question.kind,
            func.count(),
            func.sum(case((accepted, 1), else_=0)),
            func.sum(case((answered, 1), else_=0)),
        )
        .join(Meeting, Meeting.id == Question.meeting_id)
        .outerjoin(_Target, _Target.id == Question.merged_into_id)
        .where(
            Meeting.host_akimat_id == akimat_id,
            Question.created_at >= since,
            Question.created_at < until,
        )
        .group_by(Question.kind)
    )
    totals: FeedbackTotals = {}
    for kind, received, accepted_count, answered_count in await session.execute(query):
        totals[kind] = (int(received), int(accepted_count or 0), int(answered_count or 0))
    return totals
