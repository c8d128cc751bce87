"""Coordinators: people who read every akimat of a territory (an oblast, a city of republican
significance, the capital, or the whole republic) and act for none; and their one-time
invitations (issue 9, section 1)."""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime


class Coordinator(Base):
    """``territory_code`` is the KATO code of the unit, or None for the whole republic."""

    __tablename__ = "coordinators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    territory_code: Mapped[str | None] = mapped_column(String(9))
    invited_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


class CoordinatorInvite(Base):
    """A one-time deep link (`start=crd_<token>`) that makes its user a coordinator."""

    __tablename__ = "coordinator_invites"

    token: Mapped[str] = mapped_column(String(40), primary_key=True)
    territory_code: Mapped[str | None] = mapped_column(String(9))
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    used_by: Mapped[int | None] = mapped_column(BigInteger)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
