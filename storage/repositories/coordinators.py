"""Queries on coordinators, their one-time invitations, and the akimats of their territories.

Who may do what is decided in services/access.py and services/coordinators.py; this module only
answers their questions and writes what they decided. Repositories never commit.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Akimat, Coordinator, CoordinatorInvite
from storage.repositories.officials import AkimatRow, akimat_rows_statement


def _open(now: datetime) -> ColumnElement[bool]:
    return and_(
        CoordinatorInvite.used_at.is_(None),
        CoordinatorInvite.revoked_at.is_(None),
        CoordinatorInvite.expires_at > now,
    )


def _same_territory(code: str | None) -> ColumnElement[bool]:
    column = Coordinator.territory_code
    return column.is_(None) if code is None else column == code


# --- coordinators -----------------------------------------------------------------------------


async def territories_of(session: AsyncSession, user_id: int) -> list[str | None]:
    """The territories ``user_id`` coordinates (None: the whole republic)."""
    rows = await session.scalars(
        select(Coordinator.territory_code).where(Coordinator.user_id == user_id)
    )
    return list(rows)


async def is_coordinator(session: AsyncSession, user_id: int) -> bool:
    found = await session.scalar(
        select(Coordinator.id).where(Coordinator.user_id == user_id).limit(1)
    )
    return found is not None


async def is_coordinator_of(session: AsyncSession, user_id: int, code: str | None) -> bool:
    found = await session.scalar(
        select(Coordinator.id)
        .where(Coordinator.user_id == user_id, _same_territory(code))
        .limit(1)
    )
    return found is not None


def add_coordinator(
    session: AsyncSession,
    *,
    user_id: int,
    territory_code: str | None,
    invited_by: int | None,
    created_at: datetime,
) -> Coordinator:
    coordinator = Coordinator(
        user_id=user_id,
        territory_code=territory_code,
        invited_by=invited_by,
        created_at=created_at,
    )
    session.add(coordinator)
    return coordinator


async def remove_coordinator(session: AsyncSession, user_id: int, code: str | None) -> bool:
    result = await session.execute(
        delete(Coordinator)
        .where(Coordinator.user_id == user_id, _same_territory(code))
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) > 0


async def all_coordinators(session: AsyncSession) -> list[Coordinator]:
    """Every coordinator, the whole republic first, then by territory code and since when."""
    statement = select(Coordinator).order_by(
        Coordinator.territory_code.is_not(None),
        Coordinator.territory_code,
        Coordinator.created_at,
        Coordinator.id,
    )
    return list(await session.scalars(statement))


async def coordinators_over(session: AsyncSession, codes: Sequence[str]) -> list[int]:
    """The coordinators whose territory is one of ``codes`` or the whole republic (the
    caller passes a locality's ancestors)."""
    rows = await session.scalars(
        select(Coordinator.user_id)
        .where(or_(Coordinator.territory_code.is_(None), Coordinator.territory_code.in_(codes)))
        .distinct()
    )
    return sorted(rows)


# --- the akimats of territories ---------------------------------------------------------------


async def akimats_within(
    session: AsyncSession, code_ranges: Sequence[tuple[str, str]] | None
) -> list[AkimatRow]:
    """Every akimat whose locality code lies in one of the inclusive ``code_ranges`` (None:
    every akimat), by KATO code."""
    statement = akimat_rows_statement()
    if code_ranges is not None:
        if not code_ranges:
            return []
        statement = statement.where(
            or_(*(Akimat.locality_code.between(low, high) for low, high in code_ranges))
        )
    statement = statement.order_by(Akimat.locality_code)
    return [AkimatRow._make(row) for row in await session.execute(statement)]


# --- invitations ------------------------------------------------------------------------------


def add_invite(
    session: AsyncSession,
    *,
    token: str,
    territory_code: str | None,
    created_by: int,
    created_at: datetime,
    expires_at: datetime,
) -> CoordinatorInvite:
    invite = CoordinatorInvite(
        token=token,
        territory_code=territory_code,
        created_by=created_by,
        created_at=created_at,
        expires_at=expires_at,
    )
    session.add(invite)
    return invite


async def get_invite(session: AsyncSession, token: str) -> CoordinatorInvite | None:
    return await session.get(CoordinatorInvite, token)


async def reload_invite(session: AsyncSession, invite: CoordinatorInvite) -> CoordinatorInvite:
    await session.refresh(invite)
    return invite


async def take_invite(session: AsyncSession, token: str, user_id: int, now: datetime) -> bool:
    """Mark the invitation used by ``user_id`` if still open: one conditional UPDATE, so of two
    people opening the link at once exactly one wins."""
    result = await session.execute(
        update(CoordinatorInvite)
        .where(CoordinatorInvite.token == token, _open(now))
        .values(used_at=now, used_by=user_id)
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


async def revoke_invite(session: AsyncSession, token: str, now: datetime) -> bool:
    result = await session.execute(
        update(CoordinatorInvite)
        .where(
            CoordinatorInvite.token == token,
            CoordinatorInvite.used_at.is_(None),
            CoordinatorInvite.revoked_at.is_(None),
        )
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


async def open_invites(session: AsyncSession, now: datetime) -> list[CoordinatorInvite]:
    statement = (
        select(CoordinatorInvite)
        .where(_open(now))
        .order_by(CoordinatorInvite.created_at, CoordinatorInvite.token)
    )
    return list(await session.scalars(statement))
