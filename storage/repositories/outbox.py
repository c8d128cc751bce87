"""Queries on the outbox (storage/models/outbox.py). The enqueueing side: store a notice's
payload, copy its recipients in as rows (given, or as an audience query the database runs),
count deliveries. The sender's side: claim due rows, read their payloads and recipients,
record what became of them, renew leases. What a notice says and in which languages is
services/outbox.py's business. Repositories never commit: the caller's unit of work does.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeGuard, cast

from sqlalchemy import (
    Select,
    String,
    Table,
    bindparam,
    case,
    delete,
    func,
    literal,
    select,
    true,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    NoticeKind,
    NotificationSettings,
    OutboxMessage,
    OutboxPayload,
    OutboxStatus,
    User,
)
from storage.models.base import UtcDateTime
from storage.repositories.dialect import insert_ignoring_duplicates

# Ids per statement when writing outcomes or renewing leases.
WRITE_CHUNK = 500
# Rows per INSERT when enqueueing recipients the caller holds: 1,000 rows x 9 columns stays
# under the bind-parameter limits of asyncpg (32,767) and SQLite (32,766).
INSERT_BATCH = 1000

# Who is told, as a query selecting (chat id, locale) pairs, each chat id at most once: the
# database copies them into the outbox without loading them into this process.
AudienceQuery = Select[int, str | None]


def is_audience_query(audience: object) -> TypeGuard[AudienceQuery]:
    """Whether an audience is a query (rather than recipients already in hand)."""
    return isinstance(audience, Select)


@dataclass(frozen=True, slots=True)
class Envelope:
    """What every recipient row of one notice shares. A row's key is ``key_prefix`` followed
    by its chat id: unique, so the same notice enqueued again adds nothing."""

    payload_id: int
    key_prefix: str
    kind: NoticeKind
    urgent: bool
    due: datetime


_ROW_COLUMNS = (
    "payload_id",
    "chat_id",
    "locale",
    "key",
    "kind",
    "urgent",
    "status",
    "attempts",
    "next_attempt_at",
)


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


async def add_payload(
    session: AsyncSession,
    kind: NoticeKind,
    topic: str | None,
    body: str,
    stale_at: datetime | None = None,
) -> OutboxPayload:
    """Store a notice's rendered body; flushed, so its id is known for the rows."""
    payload = OutboxPayload(kind=kind, topic=topic, body=body, stale_at=stale_at)
    session.add(payload)
    await session.flush()
    return payload


async def drop_payload(session: AsyncSession, payload: OutboxPayload) -> None:
    """Delete a payload no row points to (everyone already had the notice), and forget it."""
    await session.execute(delete(OutboxPayload).where(OutboxPayload.id == payload.id))
    session.expunge(payload)


async def insert_for_recipients(
    session: AsyncSession, envelope: Envelope, locales_by_chat: Mapping[int, str]
) -> int:
    """One row per chat (in its locale), skipping keys already there; returns how many were
    written."""
    rows = [
        {
            "payload_id": envelope.payload_id,
            "chat_id": chat_id,
            "locale": locale,
            "key": f"{envelope.key_prefix}{chat_id}",
            "kind": envelope.kind,
            "urgent": envelope.urgent,
            "status": OutboxStatus.PENDING,
            "attempts": 0,
            "next_attempt_at": envelope.due,
        }
        for chat_id, locale in locales_by_chat.items()
    ]
    written = 0
    # RETURNING counts the rows really written: a driver's rowcount for a batch of many
    # parameter sets is not reliable (SQLite reports 0).
    insert = insert_ignoring_duplicates(session, OutboxMessage).returning(OutboxMessage.id)
    for start in range(0, len(rows), INSERT_BATCH):
        result = await session.execute(insert, rows[start : start + INSERT_BATCH])
        written += len(result.all())
    return written


async def insert_for_audience(
    session: AsyncSession,
    envelope: Envelope,
    audience: AudienceQuery,
    locales: Sequence[str],
    default_locale: str,
) -> int:
    """One row per chat the ``audience`` query selects, copied by a single
    ``INSERT … SELECT``, skipping keys already there; a locale not in ``locales`` (or NULL)
    becomes ``default_locale``. Returns how many rows were written."""
    crowd = audience.subquery("audience")
    chat_id, locale = crowd.c[0], crowd.c[1]
    columns = OutboxMessage.__table__.c
    rows = select(
        literal(envelope.payload_id, columns.payload_id.type),
        chat_id,
        case((locale.in_(locales), locale), else_=literal(default_locale, String(2))),
        literal(envelope.key_prefix, String()) + sql_cast(chat_id, String()),
        literal(envelope.kind, columns.kind.type),
        literal(envelope.urgent, columns.urgent.type),
        literal(OutboxStatus.PENDING, columns.status.type),
        literal(0, columns.attempts.type),
        literal(envelope.due, columns.next_attempt_at.type),
    ).select_from(crowd)
    # SQLite reads "SELECT … FROM x ON CONFLICT" as a join's ON: a WHERE ends the SELECT.
    rows = rows.where(true())
    insert = insert_ignoring_duplicates(session, OutboxMessage).from_select(
        list(_ROW_COLUMNS), rows
    )
    result = await session.execute(insert)
    return max(0, getattr(result, "rowcount", 0) or 0)


async def delivery_counts(
    session: AsyncSession, *, topic: str, kind: NoticeKind
) -> dict[OutboxStatus, int]:
    """How many messages of a topic's notices of one kind are in each state."""
    payloads = select(OutboxPayload.id).where(
        OutboxPayload.topic == topic, OutboxPayload.kind == kind
    )
    rows = await session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.payload_id.in_(payloads.scalar_subquery()))
        .group_by(OutboxMessage.status)
    )
    return {OutboxStatus(status): int(count) for status, count in rows.all()}


async def withdraw_pending(
    session: AsyncSession, *, topic: str, kind: NoticeKind, key_prefix: str, reason: str
) -> int:
    """Skip the rows not sent yet of a topic's notices of one kind whose key starts with
    ``key_prefix`` (taken literally), noting ``reason``; returns how many were withdrawn.
    A conditional UPDATE: a row the sender has claimed meanwhile is left to it."""
    payloads = select(OutboxPayload.id).where(
        OutboxPayload.topic == topic, OutboxPayload.kind == kind
    )
    result = await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.payload_id.in_(payloads.scalar_subquery()),
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.key.startswith(key_prefix, autoescape=True),
        )
        .values(status=OutboxStatus.SKIPPED, last_error=reason)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def message_id_by_key(session: AsyncSession, key: str) -> int | None:
    """The outbox row of one recipient's notice (``<notice key>:<chat id>``), if enqueued."""
    return await session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key))


async def database_now(session: AsyncSession) -> datetime:
    """The database server's clock: the one every instance measures leases by."""
    moment = await session.scalar(select(func.now(type_=UtcDateTime())))
    assert moment is not None
    return moment


async def claim(
    session: AsyncSession, now: datetime, leased_at: datetime, lease_until: datetime, limit: int
) -> list[ClaimedRow]:
    """Take up to ``limit`` rows due at ``now`` (status sending, leased until
    ``lease_until``), oldest due first; a lease is over when it ended before ``leased_at``
    (leases are measured on the database's clock, see services/outbox.py). On PostgreSQL
    with ``FOR UPDATE SKIP LOCKED``, so several senders never take the same row; SQLite has
    one writer and needs none."""
    table = OutboxMessage
    # Rows of a sender that died: its lease ran out, so they wait again.
    await session.execute(
        update(table)
        .where(table.status == OutboxStatus.SENDING, table.next_attempt_at <= leased_at)
        .values(status=OutboxStatus.PENDING)
        .execution_options(synchronize_session=False)
    )
    # Due rows whose notice no longer makes sense (a reminder of a meeting that has begun,
    # after quiet hours or an outage held it back) are dropped, not sent.
    # Correlated, so only the due rows' payloads are looked at (by primary key).
    stale = (
        select(OutboxPayload.id)
        .where(OutboxPayload.id == table.payload_id, OutboxPayload.stale_at <= now)
        .exists()
    )
    await session.execute(
        update(table)
        .where(table.status == OutboxStatus.PENDING, table.next_attempt_at <= now, stale)
        .values(status=OutboxStatus.EXPIRED, last_error="stale")
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


# --- the admin's view (services/delivery.py) ---------------------------------------------------


async def status_counts(session: AsyncSession) -> dict[OutboxStatus, int]:
    """How many rows of the whole outbox are in each state."""
    rows = await session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    )
    return {OutboxStatus(status): int(count) for status, count in rows.all()}


async def failure_reasons(session: AsyncSession, limit: int) -> list[tuple[str, int]]:
    """The commonest errors of the failed rows, most frequent first."""
    count = func.count().label("count")
    rows = await session.execute(
        select(OutboxMessage.last_error, count)
        .where(OutboxMessage.status == OutboxStatus.FAILED)
        .group_by(OutboxMessage.last_error)
        .order_by(count.desc(), OutboxMessage.last_error)
        .limit(limit)
    )
    return [(str(error or ""), int(found)) for error, found in rows.all()]


async def oldest_due(session: AsyncSession, now: datetime) -> datetime | None:
    """When the longest-waiting row that is due now became due: how far behind the sender is."""
    return await session.scalar(
        select(func.min(OutboxMessage.next_attempt_at)).where(
            OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_at <= now
        )
    )


async def requeue_failed(session: AsyncSession, now: datetime) -> int:
    """Every failed row waits again, due ``now``, with its attempts counted afresh; returns
    how many. A notice that has gone stale meanwhile is expired by the next claim."""
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.FAILED)
        .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def backlog_by_kind(session: AsyncSession) -> dict[NoticeKind, int]:
    """Rows still to be sent (pending, or being sent), by notice kind: /metrics."""
    rows = await session.execute(
        select(OutboxMessage.kind, func.count())
        .where(OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)))
        .group_by(OutboxMessage.kind)
    )
    return {NoticeKind(kind): int(count) for kind, count in rows.all()}
