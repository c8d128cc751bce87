"""A citizen's notification settings and their satisfaction ratings of meetings."""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    SmallInteger,
    func,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime


class NotificationSettings(Base):
    """Absent row = everything on, no quiet hours."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    announcements: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    reminders: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    broadcasts: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    plans: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    progress: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    questions: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    ratings: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Local hours [start, end) during which only urgent notices are sent; NULL = none.
    quiet_from: Mapped[int | None] = mapped_column(SmallInteger)
    quiet_to: Mapped[int | None] = mapped_column(SmallInteger)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


class Rating(Base):
    """A citizen's satisfaction with a meeting, 1 to 5 (seed 004, clause 21)."""

    __tablename__ = "ratings"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    score: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())

    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),)
