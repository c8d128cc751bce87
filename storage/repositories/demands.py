"""Queries on citizens' demands for a meeting and their supports. Repositories never commit."""

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Demand, DemandSupport, Subscription, User
from storage.repositories.outbox import AudienceQuery


def add(
    session: AsyncSession,
    *,
    locality_code: str,
    akimat_id: int,
    author_id: int,
    topic: str,
    status: str,
    created_at: datetime,
) -> Demand:
    demand = Demand(
        locality_code=locality_code,
        akimat_id=akimat_id,
        author_id=author_id,
        topic=topic,
        status=status,
        support_count=1,
        created_at=created_at,
    )
    session.add(demand)
    return demand


def add_support(session: AsyncSession, demand_id: int, user_id: int, at: datetime) -> None:
    session.add(DemandSupport(demand_id=demand_id, user_id=user_id, created_at=at))


async def get(session: AsyncSession, demand_id: int) -> Demand | None:
    return await session.get(Demand, demand_id)


async def count_open_by(session: AsyncSession, author_id: int, status: str) -> int:
    return (
        await session.scalar(
            select(func.count())
            .select_from(Demand)
            .where(Demand.author_id == author_id, Demand.status == status)
        )
        or 0
    )


async def of_locality(
    session: AsyncSession, code: str, status: str, user_id: int, limit: int
) -> list[tuple[Demand, bool]]:
    """The demands of one locality in ``status``, most supported first, each with whether
    ``user_id`` supports it."""
    mine = (
        exists()
        .where(DemandSupport.demand_id == Demand.id, DemandSupport.user_id == user_id)
        .correlate(Demand)
    )
    rows = await session.execute(
        select(Demand, mine)
        .where(Demand.locality_code == code, Demand.status == status)
        .order_by(Demand.support_count.desc(), Demand.id)
        .limit(limit)
    )
    return [(demand, bool(supported)) for demand, supported in rows]


async def of_akimats(
    session: AsyncSession, akimat_ids: Collection[int] | None, status: str, limit: int
) -> list[Demand]:
    """The demands in ``status`` to these akimats (None: to any), most supported first."""
    statement = select(Demand).where(Demand.status == status)
    if akimat_ids is not None:
        statement = statement.where(Demand.akimat_id.in_(list(akimat_ids)))
    statement = statement.order_by(Demand.support_count.desc(), Demand.id).limit(limit)
    return list(await session.scalars(statement))


async def bump_support(session: AsyncSession, demand_id: int) -> int:
    """One more supporter: the new count (one UPDATE, so concurrent supports all count)."""
    await session.execute(
        update(Demand)
        .where(Demand.id == demand_id)
        .values(support_count=Demand.support_count + 1)
        .execution_options(synchronize_session=False)
    )
    return await session.scalar(select(Demand.support_count).where(Demand.id == demand_id)) or 0


async def mark_threshold(session: AsyncSession, demand_id: int, at: datetime) -> bool:
    """Record that support reached the threshold, once: whether this call did."""
    result = await session.execute(
        update(Demand)
        .where(Demand.id == demand_id, Demand.threshold_reached_at.is_(None))
        .values(threshold_reached_at=at)
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


async def answer(
    session: AsyncSession,
    demand_id: int,
    *,
    from_status: str,
    to_status: str,
    at: datetime,
    by: int,
    meeting_id: int | None = None,
    reason: str | None = None,
) -> bool:
    """Answer a demand still in ``from_status``; whether this call did (of two officials
    answering at once, one wins)."""
    result = await session.execute(
        update(Demand)
        .where(Demand.id == demand_id, Demand.status == from_status)
        .values(
            status=to_status,
            answered_at=at,
            answered_by=by,
            meeting_id=meeting_id,
            decline_reason=reason,
        )
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


def supporters(demand_id: int) -> AudienceQuery:
    """(user id, locale) of every reachable supporter of the demand."""
    supports = exists().where(
        DemandSupport.demand_id == demand_id, DemandSupport.user_id == User.id
    )
    return select(User.id, User.locale).where(User.is_active.is_(True), supports)


async def follows_any(session: AsyncSession, user_id: int, codes: Sequence[str]) -> bool:
    found = await session.scalar(
        select(Subscription.id)
        .where(Subscription.user_id == user_id, Subscription.locality_code.in_(list(codes)))
        .limit(1)
    )
    return found is not None


# --- a person's own, for /mydata and /forget ----------------------------------------------------


async def authored_by(session: AsyncSession, user_id: int) -> list[Demand]:
    return list(
        await session.scalars(
            select(Demand).where(Demand.author_id == user_id).order_by(Demand.id)
        )
    )


async def supported_by(session: AsyncSession, user_id: int) -> list[tuple[int, datetime]]:
    rows = await session.execute(
        select(DemandSupport.demand_id, DemandSupport.created_at)
        .where(DemandSupport.user_id == user_id)
        .order_by(DemandSupport.id)
    )
    return [(demand_id, at) for demand_id, at in rows]


async def forget(session: AsyncSession, user_id: int) -> None:
    """The person's supports go, their demands stay without an author (the counts too, as for
    questions: the akimat's record of what was asked is kept)."""
    await session.execute(
        update(Demand)
        .where(Demand.author_id == user_id)
        .values(author_id=None)
        .execution_options(synchronize_session=False)
    )
    await session.execute(delete(DemandSupport).where(DemandSupport.user_id == user_id))
