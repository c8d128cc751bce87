"""Queries on the scheduler's job marks (storage/models/scheduler.py): the moment a periodic job
last covered (the compliance clock, services/duties.py) and the done marks of notices whose
fan-out is complete (services/citizen_notices.py). Repositories never commit: the caller's
unit of work does.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import JobMark
from storage.repositories.dialect import insert_ignoring_duplicates


async def covered_until(
    session: AsyncSession, name: str, *, lock: bool = False
) -> datetime | None:
    """Up to when the job ``name`` covered, if it ever ran; with ``lock`` the row is locked
    (FOR UPDATE) until the transaction ends, so a second instance waits for this one."""
    query = select(JobMark.covered_until).where(JobMark.name == name)
    return await session.scalar(query.with_for_update() if lock else query)


async def exists(session: AsyncSession, name: str) -> bool:
    return await session.get(JobMark, name) is not None


async def add_if_missing(session: AsyncSession, name: str, covered_until: datetime) -> None:
    """Create the mark unless it is there already (another instance may have just made it:
    ON CONFLICT DO NOTHING rather than an error)."""
    await session.execute(
        insert_ignoring_duplicates(session, JobMark).values(name=name, covered_until=covered_until)
    )


async def advance(session: AsyncSession, name: str, until: datetime) -> None:
    """Move the mark forward to ``until``; never back (a conditional UPDATE)."""
    await session.execute(
        update(JobMark)
        .where(JobMark.name == name, JobMark.covered_until < until)
        .values(covered_until=until)
    )


async def names_starting_with(session: AsyncSession, prefixes: Sequence[str]) -> list[str]:
    """The names of the marks that start with any of ``prefixes`` (taken literally)."""
    if not prefixes:
        return []
    found = await session.scalars(
        select(JobMark.name).where(
            or_(*(JobMark.name.startswith(prefix, autoescape=True) for prefix in prefixes))
        )
    )
    return list(found.all())


async def remove(session: AsyncSession, name: str) -> None:
    await session.execute(delete(JobMark).where(JobMark.name == name))
