"""Queries on the audit log (`audit_log`): the acts of officials and admins and their denied
attempts, written by services/access.py and read by the admins (services/officials.py).
Repositories never commit: the caller's unit of work does."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditEntry


def add(session: AsyncSession, entry: AuditEntry) -> None:
    """Write ``entry`` with the caller's next flush or commit, so it shares the fate of the act
    it records."""
    session.add(entry)


async def count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(AuditEntry)) or 0


async def newest_first(session: AsyncSession, offset: int, limit: int) -> list[AuditEntry]:
    """A page of the log, newest entry first."""
    statement = select(AuditEntry).order_by(AuditEntry.id.desc()).offset(offset).limit(limit)
    return list(await session.scalars(statement))


async def count_denied_since(session: AsyncSession, since: datetime) -> int:
    """Denied attempts after ``since``."""
    statement = (
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.allowed.is_(False), AuditEntry.at > since)
    )
    return await session.scalar(statement) or 0
