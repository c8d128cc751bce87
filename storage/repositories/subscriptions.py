"""Queries on the localities people follow (storage/models/subscription.py). What a
subscription means, and how many one person may have, is services/subscriptions.py and
services/audience.py. Repositories never commit: the caller's unit of work does.
"""

from collections.abc import Sequence

from sqlalchemy import Row, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Subscription


def add(session: AsyncSession, subscription: Subscription) -> None:
    """Stage a new subscription; a duplicate (user, locality) fails on the caller's commit
    with IntegrityError (the unique key decides between parallel updates)."""
    session.add(subscription)


async def count(session: AsyncSession, user_id: int) -> int:
    statement = select(func.count()).select_from(Subscription)
    return int(await session.scalar(statement.where(Subscription.user_id == user_id)) or 0)


async def has_any(session: AsyncSession, user_id: int) -> bool:
    found = await session.scalar(
        select(Subscription.id).where(Subscription.user_id == user_id).limit(1)
    )
    return found is not None


async def by_code(session: AsyncSession, user_id: int, code: str) -> Subscription | None:
    """The person's subscription to locality ``code``, if any."""
    return await session.scalar(
        select(Subscription).where(
            Subscription.user_id == user_id, Subscription.locality_code == code
        )
    )


async def owned(session: AsyncSession, user_id: int, subscription_id: int) -> Subscription | None:
    """Subscription ``subscription_id`` if it is the person's; someone else's gives None."""
    return await session.scalar(
        select(Subscription).where(
            Subscription.id == subscription_id, Subscription.user_id == user_id
        )
    )


async def of_user(session: AsyncSession, user_id: int) -> list[Subscription]:
    """The person's subscriptions, oldest first."""
    found = await session.scalars(
        select(Subscription)
        .where(Subscription.user_id == user_id)
        .order_by(Subscription.created_at, Subscription.id)
    )
    return list(found.all())


async def follows(session: AsyncSession, user_id: int) -> Sequence[Row[str, bool]]:
    """The person's subscriptions as (locality code, include descendants) rows."""
    return (
        await session.execute(
            select(Subscription.locality_code, Subscription.include_descendants).where(
                Subscription.user_id == user_id
            )
        )
    ).all()


async def remove(session: AsyncSession, user_id: int, subscription_id: int) -> bool:
    """Delete subscription ``subscription_id`` if it is the person's; False when there was
    none such (one conditional DELETE, so a parallel removal is not an error)."""
    removed = await session.scalar(
        delete(Subscription)
        .where(Subscription.id == subscription_id, Subscription.user_id == user_id)
        .returning(Subscription.id)
    )
    return removed is not None


__all__ = ["add", "by_code", "count", "follows", "has_any", "of_user", "owned", "remove"]
