"""The durable outbox: every notification is a row before it is a Telegram message.

A payload holds what is said, rendered once per language; a message is one recipient of it, in
that recipient's language. So a broadcast to a million people stores its text once, and every
recipient row is small: the enqueue stays fast and the table stays lean.
"""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime
from storage.models.enums import NoticeKind, OutboxStatus, enum_column

# SQLite auto-increments only an INTEGER PRIMARY KEY; PostgreSQL needs 64 bits for millions.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class OutboxPayload(Base):
    __tablename__ = "outbox_payloads"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[NoticeKind] = mapped_column(enum_column(NoticeKind))
    # What the notice is about, like "meeting:12": finds everyone who was told of it.
    topic: Mapped[str | None] = mapped_column(String(64), index=True)
    # JSON: {"kk": {"text": ..., "reply_markup": {...} | null}, "ru": ..., "en": ...}
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
    # From this moment its rows not yet sent are dropped as stale (a meeting's reminder once
    # the meeting has begun); None: delivered however late.
    stale_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class OutboxMessage(Base):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    payload_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("outbox_payloads.id", ondelete="CASCADE"), index=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    locale: Mapped[str] = mapped_column(String(2))
    # Enqueueing the same key twice stores one row: what makes a reminder go out exactly once.
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[NoticeKind] = mapped_column(enum_column(NoticeKind))
    # Urgent notices (a cancelled meeting) ignore quiet hours.
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    status: Mapped[OutboxStatus] = mapped_column(
        enum_column(OutboxStatus), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    # When it may be (re)tried; for a claimed row, when the claim lapses if its sender died.
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (Index("ix_outbox_messages_status_next", "status", "next_attempt_at"),)
