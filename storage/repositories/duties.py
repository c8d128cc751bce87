"""The compliance clock's questions to the database (services/duties.py): which akimats there
are, which meetings, plans and reports are still owed something, which calendar steps were
recorded, and who hears of it. The service turns the answers into duties and due dates under
the regulation profile; nothing here knows a deadline. Repositories never commit: the caller's
unit of work does.
"""

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    ActionPlan,
    Akimat,
    AuditEntry,
    Locality,
    Meeting,
    MeetingStatus,
    Official,
    PlanItem,
    PlanItemStatus,
    ProgressReport,
    User,
)


class AkimatRow(NamedTuple):
    id: int
    locality_code: str
    name_kk: str
    name_ru: str
    # The locality's akim level (regulation.AkimLevel's value), if it has one.
    akim_level: str | None


class DraftMeeting(NamedTuple):
    id: int
    host_akimat_id: int
    starts_at: datetime
    announce_at: datetime | None


class PastMeeting(NamedTuple):
    id: int
    host_akimat_id: int
    starts_at: datetime


class PublishedPlan(NamedTuple):
    id: int
    published_at: datetime
    meeting_id: int
    host_akimat_id: int
    meeting_starts_at: datetime


class OfficialChat(NamedTuple):
    akimat_id: int
    user_id: int
    locale: str | None


class UserState(NamedTuple):
    locale: str | None
    is_active: bool


async def akimats(session: AsyncSession, akimat_ids: Collection[int] | None) -> list[AkimatRow]:
    """The akimats with their localities' names and levels: all of them (``None``) or those
    of ``akimat_ids``."""
    query = select(
        Akimat.id,
        Akimat.locality_code,
        Locality.name_kk,
        Locality.name_ru,
        Locality.akim_level,
    ).join(Locality, Locality.code == Akimat.locality_code)
    if akimat_ids is not None:
        if not akimat_ids:
            return []
        query = query.where(Akimat.id.in_(list(akimat_ids)))
    return [AkimatRow(*row) for row in (await session.execute(query)).all()]


async def akimat_id_by_locality(session: AsyncSession, locality_code: str) -> int | None:
    return await session.scalar(select(Akimat.id).where(Akimat.locality_code == locality_code))


async def drafts_ahead(
    session: AsyncSession, now: datetime, akimat_ids: Sequence[int]
) -> list[DraftMeeting]:
    """Draft meetings of these akimats that have not started by ``now``, by id."""
    rows = await session.execute(
        select(Meeting.id, Meeting.host_akimat_id, Meeting.starts_at, Meeting.announce_at)
        .where(
            Meeting.status == MeetingStatus.DRAFT,
            Meeting.starts_at > now,
            Meeting.host_akimat_id.in_(akimat_ids),
        )
        .order_by(Meeting.id)
    )
    return [DraftMeeting(*row) for row in rows.all()]


async def past_meetings_without_plan(
    session: AsyncSession,
    now: datetime,
    akimat_ids: Sequence[int],
    *,
    took_place: Collection[MeetingStatus],
    over_when_ended: Collection[MeetingStatus],
) -> list[PastMeeting]:
    """Meetings of these akimats that are over (of a ``took_place`` status, or of an
    ``over_when_ended`` one and ended by ``now``) and have no published action plan yet,
    by id."""
    published = exists().where(
        ActionPlan.meeting_id == Meeting.id, ActionPlan.published_at.is_not(None)
    )
    over = or_(
        Meeting.status.in_(took_place),
        and_(Meeting.status.in_(over_when_ended), Meeting.ends_at <= now),
    )
    rows = await session.execute(
        select(Meeting.id, Meeting.host_akimat_id, Meeting.starts_at)
        .where(over, ~published, Meeting.host_akimat_id.in_(akimat_ids))
        .order_by(Meeting.id)
    )
    return [PastMeeting(*row) for row in rows.all()]


async def unfinished_plans(
    session: AsyncSession, akimat_ids: Sequence[int]
) -> list[PublishedPlan]:
    """Published action plans of these akimats' meetings with an item not done yet, by id."""
    unfinished = exists().where(
        PlanItem.plan_id == ActionPlan.id, PlanItem.status != PlanItemStatus.DONE
    )
    rows = await session.execute(
        select(
            ActionPlan.id,
            ActionPlan.published_at,
            Meeting.id,
            Meeting.host_akimat_id,
            Meeting.starts_at,
        )
        .join(Meeting, Meeting.id == ActionPlan.meeting_id)
        .where(
            ActionPlan.published_at.is_not(None),
            unfinished,
            Meeting.host_akimat_id.in_(akimat_ids),
        )
        .order_by(ActionPlan.id)
    )
    return [
        PublishedPlan(plan_id, published_at, meeting_id, akimat_id, starts_at)
        for plan_id, published_at, meeting_id, akimat_id, starts_at in rows.all()
        # Always true (the WHERE says so): it tells the type checker the column is set.
        if published_at is not None
    ]


async def published_quarters(
    session: AsyncSession, plan_ids: Sequence[int]
) -> set[tuple[int, int, int]]:
    """(plan id, year, quarter) of every published progress report of these plans."""
    rows = await session.execute(
        select(ProgressReport.plan_id, ProgressReport.year, ProgressReport.quarter).where(
            ProgressReport.plan_id.in_(plan_ids), ProgressReport.published_at.is_not(None)
        )
    )
    return {(plan_id, year, quarter) for plan_id, year, quarter in rows}


async def first_allowed_acts(
    session: AsyncSession, akimat_ids: Sequence[int], actions: Sequence[str]
) -> dict[tuple[int, str, str], datetime]:
    """When each of ``actions`` was first recorded (allowed) per akimat and target, keyed by
    (akimat id, action, target); a missing akimat or target reads 0 or ""."""
    rows = await session.execute(
        select(AuditEntry.akimat_id, AuditEntry.action, AuditEntry.target, func.min(AuditEntry.at))
        .where(
            AuditEntry.akimat_id.in_(akimat_ids),
            AuditEntry.action.in_(actions),
            AuditEntry.allowed.is_(True),
        )
        .group_by(AuditEntry.akimat_id, AuditEntry.action, AuditEntry.target)
    )
    return {(akimat_id or 0, action, target or ""): at for akimat_id, action, target, at in rows}


def add_allowed_act(
    session: AsyncSession, at: datetime, actor_id: int, action: str, akimat_id: int, target: str
) -> None:
    """Record an allowed act in the audit log (written with the caller's commit)."""
    session.add(
        AuditEntry(
            at=at,
            actor_id=actor_id,
            action=action,
            akimat_id=akimat_id,
            target=target,
            allowed=True,
        )
    )


async def akimat_ids_of_official(session: AsyncSession, user_id: int) -> set[int]:
    """The akimats ``user_id`` is an official of."""
    found = await session.scalars(select(Official.akimat_id).where(Official.user_id == user_id))
    return set(found.all())


async def active_officials(session: AsyncSession) -> list[OfficialChat]:
    """Every active official with their locale, by akimat then user."""
    rows = await session.execute(
        select(Official.akimat_id, User.id, User.locale)
        .join(User, User.id == Official.user_id)
        .where(User.is_active.is_(True))
        .order_by(Official.akimat_id, User.id)
    )
    return [OfficialChat(*row) for row in rows.all()]


async def user_states(session: AsyncSession, user_ids: Collection[int]) -> dict[int, UserState]:
    """The locale and whether active, of those of ``user_ids`` who are known."""
    rows = await session.execute(
        select(User.id, User.locale, User.is_active).where(User.id.in_(sorted(user_ids)))
    )
    return {user_id: UserState(locale, active) for user_id, locale, active in rows}
