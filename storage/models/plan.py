"""The action plan published after a meeting, its items, and the quarterly progress on them."""

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
from storage.models.enums import PlanItemStatus, enum_column


class ActionPlan(Base):
    """The list of problem issues and the plan to solve them (seed 001, clause 3.5)."""

    __tablename__ = "action_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    # The results of the meeting in a few sentences, shown above the items.
    summary: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    published_by: Mapped[int | None] = mapped_column(BigInteger)
    # The regulation's last day, kept as it was when the plan was published.
    due_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


class PlanItem(Base):
    __tablename__ = "plan_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("action_plans.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(SmallInteger)
    problem: Mapped[str] = mapped_column(Text)
    measure: Mapped[str] = mapped_column(Text)
    executor: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date] = mapped_column(Date)
    # The latest published progress; the history is in progress_entries.
    status: Mapped[PlanItemStatus] = mapped_column(
        enum_column(PlanItemStatus), default=PlanItemStatus.NOT_STARTED
    )
    percent: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    comment: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("plan_id", "position"),)


class PlanItemQuestion(Base):
    """A citizen's question that a plan item answers."""

    __tablename__ = "plan_item_questions"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ProgressReport(Base):
    """One quarter's published progress on a plan (seed 001, clause 3.5)."""

    __tablename__ = "progress_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plans.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(SmallInteger)
    quarter: Mapped[int] = mapped_column(SmallInteger)
    # NULL while the official is still filling it in.
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    published_by: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (UniqueConstraint("plan_id", "year", "quarter"),)


class ProgressEntry(Base):
    """The state of one item in one quarterly report: the plan's history."""

    __tablename__ = "progress_entries"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[PlanItemStatus] = mapped_column(enum_column(PlanItemStatus))
    percent: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)


class PlanFollow(Base):
    """A citizen who asked to hear of a plan's progress."""

    __tablename__ = "plan_follows"

    plan_id: Mapped[int] = mapped_column(
        ForeignKey("action_plans.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
