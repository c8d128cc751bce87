"""The update_ids the bot has handled (bot/redelivery.py)."""

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import HandledUpdate
from storage.repositories.dialect import insert_ignoring_duplicates


async def recent(session: AsyncSession, limit: int) -> list[int]:
    """The ``limit`` highest update_ids handled, lowest first."""
    found = await session.scalars(
        select(HandledUpdate.update_id).order_by(HandledUpdate.update_id.desc()).limit(limit)
    )
    return sorted(found)


async def add(session: AsyncSession, update_ids: Collection[int], at: datetime) -> None:
    if not update_ids:
        return
    await session.execute(
        insert_ignoring_duplicates(session, HandledUpdate),
        [{"update_id": update_id, "handled_at": at} for update_id in update_ids],
    )


async def forget_before(session: AsyncSession, moment: datetime) -> None:
    await session.execute(delete(HandledUpdate).where(HandledUpdate.handled_at < moment))
