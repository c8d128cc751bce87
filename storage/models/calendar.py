"""The annual calendar of meetings (seed 001, clause 2; 2016: seed 000, clause 6): per akimat
and year, the planned meetings, the maslikhat's agreement, approval, submission and every
correction agreed again."""

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime
from storage.models.enums import CalendarEntryKind, CalendarStatus, enum_column


class MeetingCalendar(Base):
    __tablename__ = "meeting_calendars"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    akimat_id: Mapped[int] = mapped_column(ForeignKey("akimats.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[CalendarStatus] = mapped_column(
        enum_column(CalendarStatus), default=CalendarStatus.DRAFT
    )
    # The maslikhat's agreement: the date and the number of its decision.
    agreed_on: Mapped[date | None] = mapped_column(Date)
    agreement_number: Mapped[str | None] = mapped_column(String(100))
    approved_on: Mapped[date | None] = mapped_column(Date)
    submitted_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())

    __table_args__ = (UniqueConstraint("akimat_id", "year"),)


class CalendarEntry(Base):
    """One planned meeting: a month, or a date, at a venue unit, reporting or visiting."""

    __tablename__ = "calendar_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    calendar_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_calendars.id", ondelete="CASCADE"), index=True
    )
    month: Mapped[int] = mapped_column(SmallInteger)
    # The day when the calendar names one; its month is then ``month``.
    planned_on: Mapped[date | None] = mapped_column(Date)
    venue_code: Mapped[str] = mapped_column(
        String(9), ForeignKey("localities.code", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[CalendarEntryKind] = mapped_column(enum_column(CalendarEntryKind))
    # The draft meeting made from this entry (one press), if any.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


class CalendarCorrection(Base):
    """A correction of an approved calendar (seed 001, clause 2.1: "түзетуге жол беріледі",
    agreed with the maslikhat again): what changed, and its own agreement."""

    __tablename__ = "calendar_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    calendar_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_calendars.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(SmallInteger)
    # One line per change, written by the service as it happens ("+ 2027-03 …", "− …").
    changes: Mapped[str] = mapped_column(Text, default="", server_default="")
    agreed_on: Mapped[date | None] = mapped_column(Date)
    agreement_number: Mapped[str | None] = mapped_column(String(100))
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())

    __table_args__ = (UniqueConstraint("calendar_id", "number"),)
