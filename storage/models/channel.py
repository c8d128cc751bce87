"""An akimat's Telegram channel, where the bot posts what the akimat made public (issue 9,
section 7; seed 004, clause 16: interim results quarterly, final results annually)."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime
from storage.models.enums import enum_column


class ChannelLanguage(StrEnum):
    """The language of the posts: Kazakh, Russian, or both in one post (Kazakh first)."""

    KK = "kk"
    RU = "ru"
    BOTH = "both"


class ChannelState(StrEnum):
    ACTIVE = "active"
    # The bot can no longer post (removed, demoted, the right to post taken away): nothing is
    # posted until an official checks the channel again.
    BROKEN = "broken"


class AkimatChannel(Base):
    __tablename__ = "akimat_channels"

    # One channel per akimat.
    akimat_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("akimats.id", ondelete="CASCADE"), primary_key=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    title: Mapped[str] = mapped_column(String(255))
    username: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[ChannelLanguage] = mapped_column(enum_column(ChannelLanguage))
    state: Mapped[ChannelState] = mapped_column(enum_column(ChannelState))
    # Telegram's words, or what the bot saw (its status in the channel), when it broke.
    broken_reason: Mapped[str | None] = mapped_column(String(300))
    broken_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    linked_by: Mapped[int] = mapped_column(BigInteger)
    linked_at: Mapped[datetime] = mapped_column(UtcDateTime())
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime())
