"""A meeting of an akim with the population."""

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
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
from storage.models.enums import MeetingStatus, enum_column


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    host_akimat_id: Mapped[int] = mapped_column(
        ForeignKey("akimats.id", ondelete="RESTRICT"), index=True
    )
    # Where it takes place, and whose population it is for (an oblast-wide meeting held in one
    # town concerns every village of the oblast).
    venue_code: Mapped[str] = mapped_column(
        String(9), ForeignKey("localities.code", ondelete="RESTRICT")
    )
    audience_code: Mapped[str] = mapped_column(
        String(9), ForeignKey("localities.code", ondelete="RESTRICT"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    place: Mapped[str] = mapped_column(String(500))
    broadcast_url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus), default=MeetingStatus.DRAFT
    )
    questions_cutoff: Mapped[datetime] = mapped_column(UtcDateTime())
    announced_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Held on the population's demand, outside the annual calendar (seed 001, clause 3.1).
    off_calendar: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The akim's report; at most a quarter of the duration (seed 001, clause 3.3).
    presentation_minutes: Mapped[int | None] = mapped_column(SmallInteger)
    # An announcement scheduled for later: the scheduler announces at this moment.
    announce_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The regulation's last day to announce, and whether the announcement came after it.
    announce_due_on: Mapped[date | None] = mapped_column(Date)
    announced_late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The start before the last move, shown to citizens as "moved from ...".
    previous_starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    held_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())

    __table_args__ = (Index("ix_meetings_status_starts_at", "status", "starts_at"),)


class Reception(Base):
    """A day of personal reception of citizens held around a meeting (seed 001, clause 3.5);
    the last one moves the action plan's deadline."""

    __tablename__ = "receptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(300))
    created_by: Mapped[int | None] = mapped_column(BigInteger)
