"""Queries behind what citizens are told around a meeting (services/citizen_notices.py): the
meetings that may have a reminder, a broadcast link or a rating request due, who is told of
a meeting, and the ratings themselves. The service decides the moments and their windows;
the outbox rows and the done marks are storage/repositories/outbox.py's and job_marks.py's.
Repositories never commit: the caller's unit of work does.
"""

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import and_, func, or_, select, union, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Meeting, MeetingStatus, Question, Rating, Reception, Support, User
from storage.repositories.dialect import insert_ignoring_duplicates
from storage.repositories.outbox import AudienceQuery


class MeetingMoments(NamedTuple):
    """What deciding a meeting's notices needs of it."""

    id: int
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime
    has_broadcast: bool
    announced_at: datetime | None


class MeetingSpan(NamedTuple):
    id: int
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime


async def meetings_in_windows(
    session: AsyncSession,
    now: datetime,
    *,
    upcoming: Collection[MeetingStatus],
    upcoming_until: datetime,
    live: Collection[MeetingStatus],
    ended: Collection[MeetingStatus],
    ended_since: datetime,
) -> list[MeetingMoments]:
    """Meetings that may have a notice due at ``now``, by start then id: those of an
    ``upcoming`` status starting after ``now`` and by ``upcoming_until``; those of a ``live``
    status with a broadcast link, under way; those of an ``ended`` status that ended after
    ``ended_since``."""
    query = select(
        Meeting.id,
        Meeting.status,
        Meeting.starts_at,
        Meeting.ends_at,
        Meeting.broadcast_url.is_not(None),
        Meeting.announced_at,
    ).where(
        or_(
            and_(
                Meeting.status.in_(upcoming),
                Meeting.starts_at > now,
                Meeting.starts_at <= upcoming_until,
            ),
            and_(
                Meeting.status.in_(live),
                Meeting.broadcast_url.is_not(None),
                Meeting.starts_at <= now,
                Meeting.ends_at > now,
            ),
            and_(
                Meeting.status.in_(ended),
                Meeting.ends_at <= now,
                Meeting.ends_at > ended_since,
            ),
        )
    )
    rows = await session.execute(query.order_by(Meeting.starts_at, Meeting.id))
    return [MeetingMoments(*row) for row in rows.all()]


def meeting_recipients(meeting_id: int, audience: AudienceQuery) -> AudienceQuery:
    """(user id, locale) of who is told of a meeting: its ``audience`` (a query of the same
    two columns), and the active, consenting authors and supporters of its questions (who may
    follow another locality), each once."""
    authors = select(Question.author_id).where(
        Question.meeting_id == meeting_id, Question.author_id.is_not(None)
    )
    supporters = (
        select(Support.user_id)
        .join(Question, Question.id == Support.question_id)
        .where(Question.meeting_id == meeting_id)
    )
    involved = select(User.id, User.locale).where(
        User.is_active.is_(True),
        User.consent_at.is_not(None),
        or_(User.id.in_(authors), User.id.in_(supporters)),
    )
    crowd = union(audience, involved).subquery("crowd")
    return select(crowd.c[0], crowd.c[1])


async def meeting_spans(
    session: AsyncSession, meeting_ids: Sequence[int]
) -> dict[int, MeetingSpan]:
    """Status, start and end of those of these meetings that exist."""
    rows = await session.execute(
        select(Meeting.id, Meeting.status, Meeting.starts_at, Meeting.ends_at).where(
            Meeting.id.in_(meeting_ids)
        )
    )
    return {row.id: MeetingSpan(*row) for row in rows.all()}


async def meeting_status(session: AsyncSession, meeting_id: int) -> MeetingStatus | None:
    return await session.scalar(select(Meeting.status).where(Meeting.id == meeting_id))


async def rating_of(session: AsyncSession, user_id: int, meeting_id: int) -> int | None:
    """The person's rating of the meeting, if they gave one."""
    return await session.scalar(
        select(Rating.score).where(Rating.meeting_id == meeting_id, Rating.user_id == user_id)
    )


async def add_score_if_missing(
    session: AsyncSession, user_id: int, meeting_id: int, score: int, at: datetime
) -> bool:
    """Store a first rating; False when one was there already (ON CONFLICT DO NOTHING, so a
    second press at the same instant is not an error)."""
    inserted = await session.execute(
        insert_ignoring_duplicates(session, Rating).values(
            meeting_id=meeting_id, user_id=user_id, score=score, created_at=at
        )
    )
    return bool(getattr(inserted, "rowcount", 0))


async def change_score(session: AsyncSession, user_id: int, meeting_id: int, score: int) -> None:
    await session.execute(
        update(Rating)
        .where(Rating.meeting_id == meeting_id, Rating.user_id == user_id)
        .values(score=score)
        .execution_options(synchronize_session=False)
    )


async def score_counts(
    session: AsyncSession,
    *,
    meeting_id: int | None = None,
    akimat_id: int | None = None,
    starts_from: datetime | None = None,
    starts_before: datetime | None = None,
) -> dict[int, int]:
    """How many ratings gave each score: of one meeting, or of the meetings an akimat hosted,
    optionally of those starting in [``starts_from``, ``starts_before``)."""
    query = (
        select(Rating.score, func.count())
        .join(Meeting, Meeting.id == Rating.meeting_id)
        .group_by(Rating.score)
    )
    if meeting_id is not None:
        query = query.where(Meeting.id == meeting_id)
    else:
        query = query.where(Meeting.host_akimat_id == akimat_id)
    if starts_from is not None and starts_before is not None:
        query = query.where(Meeting.starts_at >= starts_from, Meeting.starts_at < starts_before)
    return {int(score): int(count) for score, count in await session.execute(query)}


async def receptions_on(
    session: AsyncSession, days: Collection[date], statuses: Collection[MeetingStatus]
) -> list[tuple[int, date]]:
    """(meeting id, day) of the personal receptions held on one of ``days`` around a meeting
    in one of ``statuses``, by day then meeting."""
    if not days:
        return []
    rows = await session.execute(
        select(Reception.meeting_id, Reception.held_on)
        .join(Meeting, Meeting.id == Reception.meeting_id)
        .where(Reception.held_on.in_(list(days)), Meeting.status.in_(list(statuses)))
        .order_by(Reception.held_on, Reception.meeting_id)
    )
    return [(meeting_id, day) for meeting_id, day in rows]
