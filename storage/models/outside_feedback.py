"""Questions and proposals an akimat received outside the bot: at a reception, by letter, on
its site. An official enters them so the feedback index (seed 004, clauses 20-22) is not
computed on Telegram alone; they are counted in C and G and marked by their channel."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime
from storage.models.enums import QuestionKind, QuestionStatus, enum_column


class FeedbackChannel(StrEnum):
    RECEPTION = "reception"
    LETTER = "letter"
    SITE = "site"


class OutsideFeedback(Base):
    __tablename__ = "outside_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    akimat_id: Mapped[int] = mapped_column(ForeignKey("akimats.id", ondelete="CASCADE"))
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind))
    channel: Mapped[FeedbackChannel] = mapped_column(enum_column(FeedbackChannel))
    # The local day the akimat received it: what places it in a quarter.
    received_on: Mapped[date] = mapped_column(Date)
    # new (pending), accepted, answered or rejected, as for a question in the bot.
    status: Mapped[QuestionStatus] = mapped_column(enum_column(QuestionStatus))
    text: Mapped[str] = mapped_column(Text)
    # For an accepted proposal: the confirming reference (a plan item, an act's clause, a
    # budget programme) of seed 004, clause 20.1.
    reference: Mapped[str | None] = mapped_column(String(300))
    entered_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())

    __table_args__ = (Index("ix_outside_feedback_akimat_received", "akimat_id", "received_on"),)
