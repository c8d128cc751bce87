"""The sender's queries on the outbox (storage/models/outbox.py): claim due rows, read their
payloads and recipients, record what became of them, renew leases. The writing side
(enqueueing) is services/outbox.py. Repositories never commit: the caller's unit of work does.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    NoticeKind,
    NotificationSettings,
    OutboxMessage,
    OutboxPayload,
    OutboxStatus,
    User,
)

# Ids per statement when writing outcomes or renewing leases.
WRITE_CHUNK = 500


@dataclass(frozen=True, slots=True)
class ClaimedRow:
    id: int
    payload_id: int
    chat_id: int
    locale: str
    kind: NoticeKind
    urgent: bool
    attempts: int


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """A row's new state, other than plain "sent" (written in bulk apart)."""

    id: int
    status: OutboxStatus
    # Whether a request was made (it counts towards max_attempts).
    attempted: bool
    next_attempt_at: datetime | None = None
    error: str | None = None


# Per chat id: whether the user is active, and their notification settings (None: all on).
RecipientStates = dict[int, tuple[bool, NotificationSettings | None]]


async def claim(
    session: AsyncSession, now: datetime, lease_until: datetime, limit: int
) -> list[ClaimedRow]:
    """Take up to ``limit`` due rows (status sending, leased until ``lease_until``), oldest
    due first. On PostgreSQL with ``FOR UPDATE SKIP LOCKED``, so several senders never take
    the same row; SQLite has one writer and needs none."""
    table = OutboxMessage
    # Rows of a sender that died: its lease ran out, so they wait again.
    await session.execute(
        update(table)
        .where(table.status == OutboxStatus.SENDING, table.next_attempt_at <= now)
        .values(status=OutboxStatus.PENDING)
        .execution_options(synchronize_session=False)
    )
    due = (
        select(table.id)
        .where(table.status == OutboxStatus.PENDING, table.next_attempt_at <= now)
        .order_by(table.next_attempt_at)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    rows = (
        await session.execute(
            update(table)
            .where(table.id.in_(due.scalar_subquery()))
            .values(status=OutboxStatus.SENDING, next_attempt_at=lease_until)
            .returning(
                table.id,
                table.payload_id,
                table.chat_id,
                table.locale,
                table.kind,
                table.urgent,
                table.attempts,
            )
            .execution_options(synchronize_session=False)
        )
    ).all()
    return sorted((ClaimedRow(*row) for row in rows), key=lambda row: row.id)


async def payload_bodies(session: AsyncSession, ids: Collection[int]) -> dict[int, str]:
    if not ids:
        return {}
    found = await session.execute(
        select(OutboxPayload.id, OutboxPayload.body).where(OutboxPayload.id.in_(ids))
    )
    return {int(payload_id): str(body) for payload_id, body in found.all()}


async def recipient_states(session: AsyncSession, chat_ids: Collection[int]) -> RecipientStates:
    if not chat_ids:
        return {}
    found = await session.execute(
        select(User.id, User.is_active, NotificationSettings)
        .outerjoin(NotificationSettings, NotificationSettings.user_id == User.id)
        .where(User.id.in_(chat_ids))
    )
    return {user_id: (active, prefs) for user_id, active, prefs in found}


async def record(
    session: AsyncSession,
    now: datetime,
    sent: Sequence[int],
    outcomes: Sequence[RowOutcome],
    blocked: Collection[int],
) -> None:
    """What became of claimed rows: ``sent``, the other ``outcomes``, and the chats found
    ``blocked`` (their users become inactive)."""
    table = cast(Table, OutboxMessage.__table__)
    for start in range(0, len(sent), WRITE_CHUNK):
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(sent[start : start + WRITE_CHUNK]))
            .values(
                status=OutboxStatus.SENT,
                sent_at=now,
                attempts=OutboxMessage.attempts + 1,
                last_error=None,
            )
            .execution_options(synchronize_session=False)
        )
    if outcomes:
        columns = table.c
        await session.execute(
            update(table)
            .where(columns.id == bindparam("row_id"))
            .values(
                status=bindparam("new_status", type_=columns.status.type),
                attempts=columns.attempts + bindparam("attempted"),
                next_attempt_at=func.coalesce(
                    bindparam("retry_at", type_=columns.next_attempt_at.type),
                    columns.next_attempt_at,
                ),
                last_error=bindparam("error", type_=columns.last_error.type),
            ),
            [
                {
                    "row_id": outcome.id,
                    "new_status": outcome.status,
                    "attempted": int(outcome.attempted),
                    "retry_at": outcome.next_attempt_at,
                    "error": outcome.error,
                }
                for outcome in outcomes
            ],
        )
    if blocked:
        # As services.users.mark_unreachable does, for all of them in one statement.
        await session.execute(
            update(User)
            .where(User.id.in_(sorted(blocked)), User.is_active.is_(True))
            .values(is_active=False, blocked_at=now)
            .execution_options(synchronize_session=False)
        )


async def renew(session: AsyncSession, ids: Sequence[int], lease_until: datetime) -> None:
    """Extend the claim on rows still held, so no other sender takes them."""
    for start in range(0, len(ids), WRITE_CHUNK):
        await session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(ids[start : start + WRITE_CHUNK]),
                OutboxMessage.status == OutboxStatus.SENDING,
            )
            .values(next_attempt_at=lease_until)
            .execution_options(synchronize_session=False)
        )
