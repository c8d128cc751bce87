"""Citizens' questions and proposals sent before a meeting, and their supports ("me too")."""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime
from storage.models.enums import QuestionKind, QuestionStatus, enum_column


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    # NULL once the author used /forget: the question stays, anonymised, in the akimat's record.
    author_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind))
    text: Mapped[str] = mapped_column(Text)
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[QuestionStatus] = mapped_column(
        enum_column(QuestionStatus), default=QuestionStatus.NEW
    )
    # Like Q-2026-000123: what a citizen quotes at the meeting or on the phone.
    public_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    # Kept on the row so the pool sorts by support without counting; supports of a user who
    # left keep counting.
    support_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
    # The official's answer (status answered) or reason (status rejected), sent to the author.
    resolution: Mapped[str | None] = mapped_column(Text)
    # For status merged: the question this duplicate was folded into.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL")
    )
    resolved_by: Mapped[int | None] = mapped_column(BigInteger)
    status_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    __table_args__ = (Index("ix_questions_meeting_support", "meeting_id", "support_count"),)


class Support(Base):
    __tablename__ = "supports"

    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
