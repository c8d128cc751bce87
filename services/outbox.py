"""Enqueueing notifications into the durable outbox.

Every notification is written as rows (see storage/models/outbox.py) in the same transaction as
the change it tells of: a question answered and the message to its author commit together, or
neither does. The sender (services/outbox_sender.py) delivers them later.

Each recipient row has a unique key, ``<notice key>:<chat id>``; enqueueing the same notice
again adds nothing. That is what makes a reminder go out exactly once however many times, or
on however many instances, the job that computes it runs.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from sqlalchemy import Insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from locales import Text, Translator
from services.clock import Clock
from storage.models import NoticeKind, OutboxMessage, OutboxPayload, OutboxStatus

INSERT_BATCH = 1000


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
    def __init__(self, clock: Clock, translator: Translator, tz: ZoneInfo) -> None:
        self._clock = clock
        self._translator = translator
        self._tz = tz

    def text(self, locale: str) -> Text:
        return self._translator.bind(locale, self._tz)

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
        for start in range(0, len(rows), INSERT_BATCH):
            result = await session.execute(
                insert_ignoring_duplicates(session, OutboxMessage),
                rows[start : start + INSERT_BATCH],
            )
            written += max(0, getattr(result, "rowcount", 0) or 0)
        return written
