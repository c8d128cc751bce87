"""The update_ids the bot has handled, and claims of those being handled (bot/redelivery.py)."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Interval, Table, and_, bindparam, case, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.sql.dml import ReturningInsert

from storage.lazy_begin import COMMITS_ALONE
from storage.models import HandledUpdate
from storage.repositories.dialect import insert_updating


async def recent(session: AsyncSession, limit: int) -> list[int]:
    """The ``limit`` highest update_ids handled, lowest first (claims still being handled are
    not handled)."""
    found = await session.scalars(
        select(HandledUpdate.update_id)
        .where(HandledUpdate.handled_at.is_not(None))
        .order_by(HandledUpdate.update_id.desc())
        .limit(limit)
    )
    return sorted(found)


async def add(session: AsyncSession, update_ids: Collection[int], at: datetime) -> None:
    """Mark handled: new rows, or the claims this instance took. One statement, its own
    transaction when the caller commits right after it (COMMITS_ALONE: on PostgreSQL the
    driver's executemany of the rows is atomic by itself, one Sync for all)."""
    if not update_ids:
        return
    rows = [{"update_id": update_id, "handled_at": at} for update_id in update_ids]
    statement = insert_updating(session, HandledUpdate, [HandledUpdate.update_id], ["handled_at"])
    await session.execute(statement, rows, execution_options={COMMITS_ALONE: True})


async def forget_before(session: AsyncSession, moment: datetime) -> None:
    """Handled before ``moment``, and claims whose lease ended before it (never handled: their
    instance died and Telegram gave the update up). One statement, committed alone."""
    await session.execute(
        delete(HandledUpdate).where(
            or_(
                HandledUpdate.handled_at < moment,
                and_(HandledUpdate.handled_at.is_(None), HandledUpdate.lease_until < moment),
            )
        ),
        execution_options={COMMITS_ALONE: True},
    )


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """The row after a claim: who holds the update, and whether it was handled."""

    claimed_by: str | None
    handled: bool


def _claim_statement() -> ReturningInsert[str, bool]:
    """Built once: building it (an ON CONFLICT with two CASEs) cost more than running it."""
    insert = postgresql.insert(HandledUpdate).values(
        update_id=bindparam("update_id"),
        claimed_by=bindparam("owner"),
        lease_until=func.now() + bindparam("lease", type_=Interval()),
    )
    incoming = insert.excluded
    takes_over = and_(
        HandledUpdate.handled_at.is_(None),
        or_(
            HandledUpdate.lease_until < func.now(), HandledUpdate.claimed_by == incoming.claimed_by
        ),
    )
    return insert.on_conflict_do_update(
        index_elements=[HandledUpdate.update_id],
        set_={
            "claimed_by": case((takes_over, incoming.claimed_by), else_=HandledUpdate.claimed_by),
            "lease_until": case(
                (takes_over, incoming.lease_until), else_=HandledUpdate.lease_until
            ),
        },
    ).returning(HandledUpdate.claimed_by, HandledUpdate.handled_at.is_not(None))


_CLAIM = _claim_statement()


async def claim(
    connection: AsyncConnection, update_id: int, owner: str, lease: timedelta
) -> ClaimRow:
    """Claim ``update_id`` for ``owner`` until ``lease`` from now on the database's clock, in
    one statement (PostgreSQL only): a new update is inserted; a claim whose lease is over (its
    instance died) or that ``owner`` holds already is taken; a live claim of another instance
    and a handled update are left as they are. The row comes back in every case (a no-op
    update rather than DO NOTHING, which would return nothing), so the caller tells "handled"
    from "someone else's" without a second query. A statement of Core on a connection: no
    entity is loaded, so the ORM's machinery would only cost."""
    result = await connection.execute(
        _CLAIM, {"update_id": update_id, "owner": owner, "lease": lease}
    )
    row = result.one()
    return ClaimRow(claimed_by=row[0], handled=bool(row[1]))


_TABLE = cast(Table, HandledUpdate.__table__)
_RENEW = (
    update(_TABLE)
    .where(
        _TABLE.c.update_id.in_(bindparam("update_ids", expanding=True)),
        _TABLE.c.claimed_by == bindparam("owner"),
        _TABLE.c.handled_at.is_(None),
    )
    .values(lease_until=func.now() + bindparam("lease", type_=Interval()))
)


async def renew(
    connection: AsyncConnection, update_ids: Collection[int], owner: str, lease: timedelta
) -> None:
    """Extend ``owner``'s claims on ``update_ids`` to ``lease`` from now on the database's
    clock; a claim another instance took over meanwhile, or one recorded as handled, is left
    as it is."""
    await connection.execute(
        _RENEW, {"update_ids": list(update_ids), "owner": owner, "lease": lease}
    )
