"""Queries on meetings (storage/models/meeting.py) and what hangs on them: the akimat that
hosts them, their personal receptions, who hears of them, and the outbox rows of their
announcement. The rules (which statuses are open, how far a subscription reaches in the KATO
tree, when a planned announcement is due) stay in services/meetings.py, services/audience.py
and services/lifecycle.py, which hand the bounds in. Repositories never commit: the caller's
unit of work does.
"""

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    distinct,
    exists,
    false,
    func,
    or_,
    select,
    union,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import (
    Akimat,
    Locality,
    Meeting,
    MeetingStatus,
    NoticeKind,
    OutboxMessage,
    OutboxPayload,
    OutboxStatus,
    Question,
    Reception,
    Subscription,
    User,
)

# (chat id, locale) pairs for the outbox to copy in one statement (as services/outbox.py's
# `AudienceQuery`: storage cannot import it, the type is the same).
AudienceQuery = Select[int, str | None]
# A condition on Meeting (and on the host's Akimat, joined by the view queries), and a sort key.
MeetingFilter = ColumnElement[bool]
MeetingOrder = Any
# A KATO code range, both ends included (services/kato/codes.py computes them).
CodeRange = tuple[str, str]


class MeetingRow(NamedTuple):
    """A meeting with the localities its view names."""

    meeting: Meeting
    host: Locality
    venue: Locality
    audience: Locality


_Host = aliased(Locality, name="host")
_Venue = aliased(Locality, name="venue")
_Audience = aliased(Locality, name="audience")


def _select_rows() -> Select[Meeting, Locality, Locality, Locality]:
    return (
        select(Meeting, _Host, _Venue, _Audience)
        .join(Akimat, Akimat.id == Meeting.host_akimat_id)
        .join(_Host, _Host.code == Akimat.locality_code)
        .join(_Venue, _Venue.code == Meeting.venue_code)
        .join(_Audience, _Audience.code == Meeting.audience_code)
    )


# --- the meeting and its view ------------------------------------------------------------------


def add(session: AsyncSession, meeting: Meeting) -> None:
    """Stage a new meeting; its id comes with the caller's flush or commit."""
    session.add(meeting)


async def locked(session: AsyncSession, meeting_id: int) -> Meeting | None:
    """The meeting's row, locked for the caller's transaction (PostgreSQL `FOR UPDATE`; SQLite
    has a single writer anyway), so two acts on one meeting run one after the other."""
    return await session.get(Meeting, meeting_id, with_for_update=True)


async def view_row(session: AsyncSession, meeting_id: int) -> MeetingRow | None:
    """The meeting as the caller's transaction sees it (its flushed changes included)."""
    found = (await session.execute(_select_rows().where(Meeting.id == meeting_id))).first()
    return MeetingRow._make(found) if found else None


async def recent_rows(session: AsyncSession, limit: int) -> list[MeetingRow]:
    """The newest meetings first, drafts included."""
    statement = _select_rows().order_by(Meeting.id.desc()).limit(limit)
    return [MeetingRow._make(found) for found in await session.execute(statement)]


async def find_rows(
    session: AsyncSession,
    where: Sequence[MeetingFilter],
    order_by: Sequence[MeetingOrder],
    offset: int,
    limit: int,
) -> list[MeetingRow]:
    """The meetings matching ``where`` (conditions on Meeting and the host's Akimat)."""
    statement = _select_rows().where(*where).order_by(*order_by).offset(offset).limit(limit)
    return [MeetingRow._make(found) for found in await session.execute(statement)]


async def count(session: AsyncSession, where: Sequence[MeetingFilter]) -> int:
    """How many meetings match ``where`` (conditions on Meeting and the host's Akimat)."""
    total = await session.scalar(
        select(func.count(Meeting.id))
        .join(Akimat, Akimat.id == Meeting.host_akimat_id)
        .where(*where)
    )
    return int(total or 0)


def _coming(statuses: Collection[MeetingStatus], now: datetime) -> tuple[MeetingFilter, ...]:
    return (Meeting.status.in_(statuses), Meeting.ends_at > now)


def _coming_statement(
    statuses: Collection[MeetingStatus], now: datetime, seen: MeetingFilter
) -> Select[Meeting, Locality, Locality, Locality]:
    return (
        _select_rows().where(*_coming(statuses, now), seen).order_by(Meeting.starts_at, Meeting.id)
    )


async def coming_rows(
    session: AsyncSession,
    statuses: Collection[MeetingStatus],
    now: datetime,
    seen: MeetingFilter,
    offset: int,
    limit: int,
) -> list[MeetingRow]:
    """Meetings in ``statuses`` not ended at ``now`` that match ``seen`` (`seen_among`),
    soonest first."""
    statement = _coming_statement(statuses, now, seen).offset(offset).limit(limit)
    return [MeetingRow._make(found) for found in await session.execute(statement)]


async def coming_page(
    session: AsyncSession,
    statuses: Collection[MeetingStatus],
    now: datetime,
    seen: MeetingFilter,
    offset: int,
    limit: int,
) -> tuple[int, list[MeetingRow]]:
    """`coming_rows` and, in the same statement, how many there are on all pages together
    (0 when ``offset`` is past the end: nothing comes back to count with)."""
    statement = (
        _coming_statement(statuses, now, seen)
        .add_columns(func.count().over().label("total"))
        .offset(offset)
        .limit(limit)
    )
    found = (await session.execute(statement)).all()
    total = int(found[0][-1]) if found else 0
    return total, [MeetingRow._make(row[:-1]) for row in found]


async def count_coming(
    session: AsyncSession, statuses: Collection[MeetingStatus], now: datetime, seen: MeetingFilter
) -> int:
    """How many meetings `coming_rows` would list, all pages together."""
    total = await session.scalar(
        select(func.count(Meeting.id)).where(*_coming(statuses, now), seen)
    )
    return int(total or 0)


def managed_filter(
    statuses: Collection[MeetingStatus], territories: Sequence[CodeRange] | None
) -> list[MeetingFilter]:
    """Meetings in ``statuses`` hosted by an akimat inside one of ``territories`` (None:
    anywhere), for `find_rows` and `count`."""
    where: list[MeetingFilter] = [Meeting.status.in_(statuses)]
    if territories is not None:
        where.append(or_(*(Akimat.locality_code.between(low, high) for low, high in territories)))
    return where


def managed_order(soonest_first: bool) -> list[MeetingOrder]:
    """By start, soonest first, or newest first; the id breaks ties."""
    if soonest_first:
        return [Meeting.starts_at, Meeting.id]
    return [Meeting.starts_at.desc(), Meeting.id.desc()]


async def planned_announcements_due(session: AsyncSession, now: datetime) -> list[int]:
    """Drafts whose planned announcement moment is at or before ``now`` and that have not
    ended, in the order they were planned for."""
    ids = await session.scalars(
        select(Meeting.id)
        .where(
            Meeting.status == MeetingStatus.DRAFT,
            Meeting.announce_at.is_not(None),
            Meeting.announce_at <= now,
            Meeting.ends_at > now,
        )
        .order_by(Meeting.announce_at, Meeting.id)
    )
    return list(ids.all())


async def mark_ended_held(
    session: AsyncSession, statuses: Collection[MeetingStatus], now: datetime
) -> int:
    """Meetings in ``statuses`` that ended by ``now`` become held at ``now``, in one
    conditional UPDATE (safe on several instances). Returns how many changed."""
    result = await session.execute(
        update(Meeting)
        .where(Meeting.status.in_(statuses), Meeting.ends_at <= now)
        .values(status=MeetingStatus.HELD, held_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


# --- the host's akimat -------------------------------------------------------------------------


async def akimat_id_of(session: AsyncSession, locality_code: str) -> int | None:
    """The akimat of a locality, if one was ever registered."""
    return await session.scalar(select(Akimat.id).where(Akimat.locality_code == locality_code))


async def akimat_for(session: AsyncSession, locality_code: str) -> Akimat:
    """The akimat of a locality, registered (and flushed, for its id) when it is the first
    meeting there."""
    akimat = await session.scalar(select(Akimat).where(Akimat.locality_code == locality_code))
    if akimat is None:
        akimat = Akimat(locality_code=locality_code)
        session.add(akimat)
        await session.flush()
    return akimat


# --- personal receptions -----------------------------------------------------------------------

# Meeting ids per `IN (...)` when reading their receptions.
RECEPTIONS_CHUNK = 1000


async def reception_days(session: AsyncSession, meeting_id: int) -> tuple[date, ...]:
    """The days of the meeting's personal receptions, earliest first."""
    days = await session.scalars(
        select(Reception.held_on)
        .where(Reception.meeting_id == meeting_id)
        .order_by(Reception.held_on)
    )
    return tuple(days.all())


async def reception_days_of(
    session: AsyncSession, meeting_ids: Sequence[int]
) -> dict[int, tuple[date, ...]]:
    """The days of every personal reception recorded for each meeting that has one, earliest
    first: held and planned alike (services/plan_deadline.py decides which count)."""
    result: dict[int, list[date]] = {}
    for start in range(0, len(meeting_ids), RECEPTIONS_CHUNK):
        rows = await session.execute(
            select(Reception.meeting_id, Reception.held_on)
            .where(Reception.meeting_id.in_(meeting_ids[start : start + RECEPTIONS_CHUNK]))
            .order_by(Reception.meeting_id, Reception.held_on)
        )
        for meeting_id, day in rows:
            result.setdefault(meeting_id, []).append(day)
    return {meeting_id: tuple(days) for meeting_id, days in result.items()}


def add_reception(
    session: AsyncSession, meeting_id: int, held_on: date, note: str | None, created_by: int
) -> None:
    session.add(
        Reception(meeting_id=meeting_id, held_on=held_on, note=note, created_by=created_by)
    )


# --- who hears of a meeting --------------------------------------------------------------------


def audience_query(subtree: CodeRange, containing: Sequence[str]) -> AudienceQuery:
    """(user id, locale) of every reachable person with consent who follows a unit in
    ``subtree`` (the audience and everything inside it), or one of the ``containing`` units
    (those above the audience) with "everything inside" on; each once."""
    low, high = subtree
    follows = exists().where(
        Subscription.user_id == User.id,
        or_(
            Subscription.locality_code.between(low, high),
            and_(
                Subscription.include_descendants.is_(True),
                Subscription.locality_code.in_(containing) if containing else false(),
            ),
        ),
    )
    return select(User.id, User.locale).where(
        User.is_active.is_(True), User.consent_at.is_not(None), follows
    )


async def audience_batch(
    session: AsyncSession, audience: AudienceQuery, after: int | None, limit: int
) -> list[tuple[int, str | None]]:
    """Up to ``limit`` people of ``audience`` with ids above ``after`` (None: from the first),
    by id: one keyset page."""
    query = audience if after is None else audience.where(User.id > after)
    rows = await session.execute(query.order_by(User.id).limit(limit))
    return [(user_id, locale) for user_id, locale in rows]


async def audience_code_of(session: AsyncSession, meeting_id: int) -> str | None:
    return await session.scalar(select(Meeting.audience_code).where(Meeting.id == meeting_id))


def seen_among(codes: Sequence[str], ranges: Sequence[CodeRange]) -> MeetingFilter:
    """Meetings whose audience is one of ``codes`` or lies in one of ``ranges``; none at all
    when both are empty."""
    if not codes and not ranges:
        return false()
    return or_(
        Meeting.audience_code.in_(codes),
        *(Meeting.audience_code.between(low, high) for low, high in ranges),
    )


# --- the announcement in the outbox ------------------------------------------------------------


def _announcement(topic: str) -> tuple[ColumnElement[bool], ...]:
    """Conditions on OutboxPayload: the payloads of the announcement of ``topic`` (a meeting's
    outbox topic, services/notices.py)."""
    return (OutboxPayload.topic == topic, OutboxPayload.kind == NoticeKind.ANNOUNCEMENT)


async def count_told(session: AsyncSession, topic: str, statuses: Collection[OutboxStatus]) -> int:
    """How many people the announcement has rows for in ``statuses``."""
    told = await session.scalar(
        select(func.count(distinct(OutboxMessage.chat_id)))
        .join(OutboxPayload, OutboxPayload.id == OutboxMessage.payload_id)
        .where(*_announcement(topic), OutboxMessage.status.in_(statuses))
    )
    return int(told or 0)


async def count_question_authors(session: AsyncSession, meeting_id: int) -> int:
    """How many people (still known) asked a question for the meeting."""
    authors = await session.scalar(
        select(func.count(distinct(Question.author_id))).where(
            Question.meeting_id == meeting_id, Question.author_id.is_not(None)
        )
    )
    return int(authors or 0)


def told_and_authors(
    topic: str, meeting_id: int, statuses: Collection[OutboxStatus]
) -> AudienceQuery:
    """(chat id, locale) of the announcement's recipients with a row in ``statuses`` and of
    the active authors of the meeting's questions, each once: for the outbox to copy in one
    INSERT … SELECT, so nothing of a large audience is loaded."""
    told = (
        select(OutboxMessage.chat_id.label("chat_id"), OutboxMessage.locale.label("locale"))
        .join(OutboxPayload, OutboxPayload.id == OutboxMessage.payload_id)
        .where(*_announcement(topic), OutboxMessage.status.in_(statuses))
    )
    authors = select(User.id.label("chat_id"), User.locale.label("locale")).where(
        User.id.in_(select(Question.author_id).where(Question.meeting_id == meeting_id)),
        User.is_active.is_(True),
    )
    crowd = union(told, authors).subquery("crowd")
    return select(crowd.c.chat_id, crowd.c.locale)


async def skip_pending_announcement(session: AsyncSession, topic: str, reason: str) -> None:
    """The announcement's rows not sent yet are skipped, with ``reason`` as their error."""
    payloads = select(OutboxPayload.id).where(*_announcement(topic))
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.payload_id.in_(payloads),
            OutboxMessage.status == OutboxStatus.PENDING,
        )
        .values(status=OutboxStatus.SKIPPED, last_error=reason)
        .execution_options(synchronize_session=False)
    )


__all__ = [
    "AudienceQuery",
    "CodeRange",
    "MeetingFilter",
    "MeetingOrder",
    "MeetingRow",
    "add",
    "add_reception",
    "akimat_for",
    "akimat_id_of",
    "audience_batch",
    "audience_code_of",
    "audience_query",
    "count",
    "count_coming",
    "count_question_authors",
    "count_told",
    "find_rows",
    "locked",
    "managed_filter",
    "managed_order",
    "mark_ended_held",
    "planned_announcements_due",
    "recent_rows",
    "reception_days",
    "seen_among",
    "skip_pending_announcement",
    "told_and_authors",
    "view_row",
]
