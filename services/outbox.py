"""Enqueueing notifications into the durable outbox.

Every notification is written as rows (see storage/models/outbox.py) in the same transaction as
the change it tells of: a question answered and the message to its author commit together, or
neither does. The sender (services/outbox_sender.py) delivers them later.

Each recipient row has a unique key, ``<notice key>:<chat id>``; enqueueing the same notice
again adds nothing. That is what makes a reminder go out exactly once however many times, or
on however many instances, the job that computes it runs.

Two ways in: ``notify`` for recipients the caller already holds (a question's author and its
supporters), ``notify_audience`` for a crowd given as a query (everyone who hears of a
meeting): the database copies the crowd into the outbox with one ``INSERT … SELECT``, so a
million recipients never pass through this process's memory.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from sqlalchemy import (
    Insert,
    Select,
    String,
    case,
    cast,
    delete,
    event,
    func,
    literal,
    select,
    true,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from locales import Text, Translator
from services.clock import Clock
from storage.models import NoticeKind, OutboxMessage, OutboxPayload, OutboxStatus

INSERT_BATCH = 1000
# session.info key: callbacks to run once the transaction that enqueued something commits.
_ON_COMMIT = "outbox_on_commit"


@dataclass(frozen=True, slots=True)
class Rendered:
    """One language's version of a notice."""

    text: str
    reply_markup: InlineKeyboardMarkup | None = None

    def to_json(self) -> dict[str, Any]:
        markup = (
            self.reply_markup.model_dump(mode="json", exclude_none=True)
            if (self.reply_markup)
            else None
        )
        return {"text": self.text, "reply_markup": markup}


@dataclass(frozen=True, slots=True)
class Recipient:
    chat_id: int
    locale: str


Render = Callable[[Text], Rendered]


def insert_ignoring_duplicates(session: AsyncSession, table: Any) -> Insert:
    """INSERT that skips rows whose unique key already exists, on SQLite and PostgreSQL."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    raise NotImplementedError(f"no insert-or-ignore for {dialect}")


class Outbox:
    def __init__(
        self, clock: Clock, translator: Translator, tz: ZoneInfo, default_locale: str = "kk"
    ) -> None:
        self._clock = clock
        self._translator = translator
        self._tz = tz
        self._default_locale = default_locale
        self._listeners: list[Callable[[], None]] = []

    def text(self, locale: str) -> Text:
        return self._translator.bind(locale, self._tz)

    def on_enqueue(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after each commit that enqueued something (the sender wakes up
        at once instead of at its next poll). Other instances still find the rows by polling."""
        self._listeners.append(listener)

    def _wake_after_commit(self, session: AsyncSession) -> None:
        if self._listeners:
            session.sync_session.info.setdefault(_ON_COMMIT, set()).update(self._listeners)

    async def notify(
        self,
        session: AsyncSession,
        *,
        kind: NoticeKind,
        key: str,
        recipients: Iterable[Recipient],
        render: Render,
        topic: str | None = None,
        urgent: bool = False,
        not_before: datetime | None = None,
    ) -> int:
        """Enqueue one notice for ``recipients`` inside the caller's transaction.

        ``render`` is called once per language among the recipients. Returns how many new rows
        were written (recipients already holding ``key`` are skipped). The caller commits.
        """
        by_chat: dict[int, str] = {}
        for recipient in recipients:
            by_chat.setdefault(recipient.chat_id, recipient.locale)
        if not by_chat:
            return 0
        body = {locale: render(self.text(locale)).to_json() for locale in set(by_chat.values())}
        payload = OutboxPayload(kind=kind, topic=topic, body=json.dumps(body, ensure_ascii=False))
        session.add(payload)
        await session.flush()
        due = not_before or self._clock.now()
        rows = [
            {
                "payload_id": payload.id,
                "chat_id": chat_id,
                "locale": locale,
                "key": f"{key}:{chat_id}",
                "kind": kind,
                "urgent": urgent,
                "status": OutboxStatus.PENDING,
                "attempts": 0,
                "next_attempt_at": due,
            }
            for chat_id, locale in by_chat.items()
        ]
        written = 0
        # RETURNING counts the rows really written: a driver's rowcount for a batch of many
        # parameter sets is not reliable (SQLite reports 0).
        insert = insert_ignoring_duplicates(session, OutboxMessage).returning(OutboxMessage.id)
        for start in range(0, len(rows), INSERT_BATCH):
            result = await session.execute(insert, rows[start : start + INSERT_BATCH])
            written += len(result.all())
        await self._settle(session, payload, written)
        return written

    async def notify_audience(
        self,
        session: AsyncSession,
        *,
        kind: NoticeKind,
        key: str,
        audience: Select[int, str | None],
        render: Render,
        topic: str | None = None,
        urgent: bool = False,
        not_before: datetime | None = None,
    ) -> int:
        """Enqueue one notice for everyone ``audience`` selects, inside the caller's transaction.

        ``audience`` selects two columns: the chat id and the person's locale (NULL or a
        language we do not speak means the default one); each chat id at most once. The rows
        are written by a single ``INSERT … SELECT … ON CONFLICT DO NOTHING``, the language
        chosen in SQL: nothing is loaded here, however large the audience. ``render`` is called
        once per language we speak. Returns how many new rows were written. The caller commits.
        """
        locales = tuple(self._translator.locales)
        body = {locale: render(self.text(locale)).to_json() for locale in locales}
        payload = OutboxPayload(kind=kind, topic=topic, body=json.dumps(body, ensure_ascii=False))
        session.add(payload)
        await session.flush()
        crowd = audience.subquery("audience")
        chat_id, locale = crowd.c[0], crowd.c[1]
        default = self._default_locale if self._default_locale in locales else locales[0]
        columns = OutboxMessage.__table__.c
        rows = select(
            literal(payload.id, columns.payload_id.type),
            chat_id,
            case((locale.in_(locales), locale), else_=literal(default, String(2))),
            literal(f"{key}:", String()) + cast(chat_id, String()),
            literal(kind, columns.kind.type),
            literal(urgent, columns.urgent.type),
            literal(OutboxStatus.PENDING, columns.status.type),
            literal(0, columns.attempts.type),
            literal(not_before or self._clock.now(), columns.next_attempt_at.type),
        ).select_from(crowd)
        # SQLite reads "SELECT … FROM x ON CONFLICT" as a join's ON: a WHERE ends the SELECT.
        rows = rows.where(true())
        insert = insert_ignoring_duplicates(session, OutboxMessage).from_select(
            [
                "payload_id",
                "chat_id",
                "locale",
                "key",
                "kind",
                "urgent",
                "status",
                "attempts",
                "next_attempt_at",
            ],
            rows,
        )
        result = await session.execute(insert)
        written = max(0, getattr(result, "rowcount", 0) or 0)
        await self._settle(session, payload, written)
        return written

    async def delivery_counts(
        self, session: AsyncSession, *, topic: str, kind: NoticeKind
    ) -> dict[OutboxStatus, int]:
        """How many messages of a topic's notices of one kind are in each state (a clerk asks
        "has everyone got the announcement?")."""
        payloads = select(OutboxPayload.id).where(
            OutboxPayload.topic == topic, OutboxPayload.kind == kind
        )
        rows = await session.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.payload_id.in_(payloads.scalar_subquery()))
            .group_by(OutboxMessage.status)
        )
        return {OutboxStatus(status): int(count) for status, count in rows.all()}

    async def _settle(self, session: AsyncSession, payload: OutboxPayload, written: int) -> None:
        if written:
            self._wake_after_commit(session)
            return
        # Everyone already had it (the same key enqueued before): no payload nobody points to.
        await session.execute(delete(OutboxPayload).where(OutboxPayload.id == payload.id))
        session.expunge(payload)


@event.listens_for(Session, "after_commit")
def _run_commit_listeners(session: Session) -> None:
    for listener in session.info.pop(_ON_COMMIT, ()):
        listener()


@event.listens_for(Session, "after_rollback")
def _forget_commit_listeners(session: Session) -> None:
    session.info.pop(_ON_COMMIT, None)
