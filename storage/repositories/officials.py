"""Queries on officials of akimats, their one-time invitations, and the akimats as the officials'
screens show them (with the names of their locality and of the unit it belongs to).

Who may do what is decided in services/access.py and services/officials.py; this module only
answers their questions and writes what they decided. Repositories never commit: the caller's
unit of work does.
"""

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import ColumnElement, Select, and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import Akimat, Invite, Locality, Official


class AkimatRow(NamedTuple):
    """An akimat with its locality's names; the parent's names are None at the top."""

    id: int
    locality_code: str
    name_kk: str
    name_ru: str
    akim_level: str | None
    parent_kk: str | None
    parent_ru: str | None


class AkimatName(NamedTuple):
    id: int
    locality_code: str
    name_kk: str
    name_ru: str


def _akimat_rows() -> Select[int, str, str, str, str | None, str, str]:
    parent = aliased(Locality)
    return (
        select(
            Akimat.id,
            Akimat.locality_code,
            Locality.name_kk,
            Locality.name_ru,
            Locality.akim_level,
            parent.name_kk,
            parent.name_ru,
        )
        .join(Locality, Locality.code == Akimat.locality_code)
        .outerjoin(parent, parent.code == Locality.parent_code)
    )


def akimat_rows_statement() -> Select[int, str, str, str, str | None, str, str]:
    """The statement behind AkimatRow, for other repositories to narrow."""
    return _akimat_rows()


def _open(now: datetime) -> ColumnElement[bool]:
    """Invitations that can still be used at ``now``: InviteView.status() PENDING, in SQL."""
    return and_(Invite.used_at.is_(None), Invite.revoked_at.is_(None), Invite.expires_at > now)


# --- akimats --------------------------------------------------------------------------------


async def get_akimat(session: AsyncSession, akimat_id: int) -> Akimat | None:
    return await session.get(Akimat, akimat_id)


async def akimat_by_locality(session: AsyncSession, code: str) -> Akimat | None:
    return await session.scalar(select(Akimat).where(Akimat.locality_code == code))


async def add_akimat(session: AsyncSession, code: str) -> Akimat:
    """A new akimat of locality ``code``, flushed at once: the caller needs its id."""
    akimat = Akimat(locality_code=code)
    session.add(akimat)
    await session.flush()
    return akimat


async def akimat_row(session: AsyncSession, akimat_id: int) -> AkimatRow | None:
    row = (await session.execute(_akimat_rows().where(Akimat.id == akimat_id))).first()
    return AkimatRow._make(row) if row else None


async def akimat_rows(session: AsyncSession, akimat_ids: Collection[int]) -> list[AkimatRow]:
    """The akimats with these ids, in no particular order (one statement even when empty)."""
    statement = _akimat_rows().where(Akimat.id.in_(akimat_ids))
    return [AkimatRow._make(row) for row in await session.execute(statement)]


async def staffed_or_invited(session: AsyncSession, now: datetime) -> list[AkimatRow]:
    """The akimats with officials or with invitations still open at ``now``, by KATO code."""
    with_officials = select(Official.akimat_id)
    with_invites = select(Invite.akimat_id).where(_open(now))
    statement = (
        _akimat_rows()
        .where(or_(Akimat.id.in_(with_officials), Akimat.id.in_(with_invites)))
        .order_by(Akimat.locality_code)
    )
    return [AkimatRow._make(row) for row in await session.execute(statement)]


async def own_akimats(session: AsyncSession, user_id: int) -> list[AkimatRow]:
    """The akimats ``user_id`` is an official of, by KATO code."""
    statement = (
        _akimat_rows()
        .join(Official, Official.akimat_id == Akimat.id)
        .where(Official.user_id == user_id)
        .order_by(Akimat.locality_code)
    )
    return [AkimatRow._make(row) for row in await session.execute(statement)]


async def staffed_within(
    session: AsyncSession, code_ranges: Sequence[tuple[str, str]], excluding: Collection[int]
) -> list[AkimatRow]:
    """The akimats with officials whose locality code lies in one of the inclusive
    ``code_ranges`` (territories, services/kato/codes.py), other than ``excluding``, by KATO
    code."""
    inside = or_(*(Akimat.locality_code.between(low, high) for low, high in code_ranges))
    statement = (
        _akimat_rows()
        .where(
            inside,
            Akimat.id.not_in(list(excluding)),
            Akimat.id.in_(select(Official.akimat_id)),
        )
        .order_by(Akimat.locality_code)
    )
    return [AkimatRow._make(row) for row in await session.execute(statement)]


async def own_akimat_names(session: AsyncSession, user_id: int) -> list[AkimatName]:
    """The akimats ``user_id`` is an official of, with their locality's names, by KATO code."""
    rows = await session.execute(
        select(Akimat.id, Akimat.locality_code, Locality.name_kk, Locality.name_ru)
        .join(Official, Official.akimat_id == Akimat.id)
        .join(Locality, Locality.code == Akimat.locality_code)
        .where(Official.user_id == user_id)
        .order_by(Akimat.locality_code)
    )
    return [AkimatName._make(row) for row in rows]


async def own_akimat_codes(session: AsyncSession, user_id: int) -> list[tuple[int, str]]:
    """(id, locality code) of each akimat ``user_id`` is an official of."""
    rows = await session.execute(
        select(Akimat.id, Akimat.locality_code)
        .join(Official, Official.akimat_id == Akimat.id)
        .where(Official.user_id == user_id)
    )
    return list(rows.all())


async def akimat_locality_code(session: AsyncSession, akimat_id: int) -> str | None:
    return await session.scalar(select(Akimat.locality_code).where(Akimat.id == akimat_id))


async def count_staffed_akimats(session: AsyncSession) -> int:
    return await session.scalar(select(func.count(func.distinct(Official.akimat_id)))) or 0


# --- officials ------------------------------------------------------------------------------


async def is_official(session: AsyncSession, user_id: int) -> bool:
    """Whether ``user_id`` is an official of at least one akimat."""
    found = await session.scalar(select(Official.id).where(Official.user_id == user_id).limit(1))
    return found is not None


async def is_official_of(session: AsyncSession, user_id: int, akimat_id: int) -> bool:
    found = await session.scalar(
        select(Official.id).where(Official.user_id == user_id, Official.akimat_id == akimat_id)
    )
    return found is not None


def add_official(
    session: AsyncSession, *, user_id: int, akimat_id: int, invited_by: int, created_at: datetime
) -> Official:
    """A new official, written with the caller's commit; a second role of the same person in
    the same akimat fails there (unique user and akimat)."""
    official = Official(
        user_id=user_id, akimat_id=akimat_id, invited_by=invited_by, created_at=created_at
    )
    session.add(official)
    return official


async def remove_official(session: AsyncSession, akimat_id: int, user_id: int) -> bool:
    """Delete the role; whether there was one."""
    result = await session.execute(
        delete(Official).where(Official.akimat_id == akimat_id, Official.user_id == user_id)
    )
    return getattr(result, "rowcount", 0) == 1


async def officials_of(session: AsyncSession, akimat_ids: Collection[int]) -> list[Official]:
    """The officials of these akimats, longest serving first."""
    statement = (
        select(Official)
        .where(Official.akimat_id.in_(akimat_ids))
        .order_by(Official.created_at, Official.user_id)
    )
    return list(await session.scalars(statement))


async def count_officials(session: AsyncSession) -> int:
    """People with a role, each counted once however many akimats they act for."""
    return await session.scalar(select(func.count(func.distinct(Official.user_id)))) or 0


# --- invitations ----------------------------------------------------------------------------


def add_invite(
    session: AsyncSession,
    *,
    token: str,
    akimat_id: int,
    created_by: int,
    created_at: datetime,
    expires_at: datetime,
) -> Invite:
    """A new invitation, written with the caller's next flush or commit."""
    invite = Invite(
        token=token,
        akimat_id=akimat_id,
        created_by=created_by,
        created_at=created_at,
        expires_at=expires_at,
    )
    session.add(invite)
    return invite


async def get_invite(session: AsyncSession, token: str) -> Invite | None:
    return await session.get(Invite, token)


async def reload_invite(session: AsyncSession, invite: Invite) -> Invite:
    """The invitation as the database has it now (after a conditional UPDATE that bypassed the
    session)."""
    await session.refresh(invite)
    return invite


async def take_invite(session: AsyncSession, token: str, user_id: int, now: datetime) -> bool:
    """Mark the invitation used by ``user_id`` if it is still open at ``now``; whether it was.

    One conditional UPDATE: of two people opening the link at once exactly one gets True, on
    SQLite and PostgreSQL alike."""
    result = await session.execute(
        update(Invite)
        .where(
            Invite.token == token,
            Invite.used_at.is_(None),
            Invite.revoked_at.is_(None),
            Invite.expires_at > now,
        )
        .values(used_at=now, used_by=user_id)
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


async def revoke_invite(session: AsyncSession, token: str, now: datetime) -> bool:
    """Revoke the invitation unless it was used or revoked already; whether this call did.
    Conditional, like :func:`take_invite`, so revoking races with taking fairly."""
    result = await session.execute(
        update(Invite)
        .where(Invite.token == token, Invite.used_at.is_(None), Invite.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


async def open_invites_of(
    session: AsyncSession, akimat_ids: Collection[int], now: datetime
) -> list[Invite]:
    """The invitations to these akimats still open at ``now``, oldest first."""
    statement = (
        select(Invite)
        .where(Invite.akimat_id.in_(akimat_ids), _open(now))
        .order_by(Invite.created_at, Invite.token)
    )
    return list(await session.scalars(statement))


async def count_open_invites(session: AsyncSession, now: datetime) -> int:
    statement = select(func.count()).select_from(Invite).where(_open(now))
    return await session.scalar(statement) or 0
