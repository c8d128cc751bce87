"""Citizens' demands for an off-calendar meeting (seed 001, 3.1: akims hold meetings "at the
population's demand"), and the neighbours' support of them, once per person."""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime


class Demand(Base):
    __tablename__ = "demands"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The locality whose people ask, and the akimat that answers (the locality's own, or the
    # nearest one above it).
    locality_code: Mapped[str] = mapped_column(
        String(9), ForeignKey("localities.code", ondelete="RESTRICT")
    )
    akimat_id: Mapped[int] = mapped_column(
        ForeignKey("akimats.id", ondelete="CASCADE"), index=True
    )
    # None once the author asked to be forgotten: the demand and its support stay.
    author_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    topic: Mapped[str] = mapped_column(Text)
    # services.demands.DemandStatus: open, scheduled, declined.
    status: Mapped[str] = mapped_column(String(16))
    support_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # When support first reached the configured threshold (the akimat was told then, once).
    threshold_reached_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    answered_by: Mapped[int | None] = mapped_column(BigInteger)
    decline_reason: Mapped[str | None] = mapped_column(Text)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))

    __table_args__ = (Index("ix_demands_locality_status", "locality_code", "status"),)


class DemandSupport(Base):
    """One person's support of one demand; the author's own is the first."""

    __tablename__ = "demand_supports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    __table_args__ = (UniqueConstraint("demand_id", "user_id"),)
