"""Officials of akimats, their one-time invitations, and the audit log of their acts."""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime


class Official(Base):
    """A person who acts for one akimat (and may read the akimats below it)."""

    __tablename__ = "officials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    akimat_id: Mapped[int] = mapped_column(
        ForeignKey("akimats.id", ondelete="CASCADE"), index=True
    )
    invited_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())

    __table_args__ = (UniqueConstraint("user_id", "akimat_id"),)


class Invite(Base):
    """A one-time deep link (`start=inv_<token>`) that makes its user an official."""

    __tablename__ = "invites"

    token: Mapped[str] = mapped_column(String(40), primary_key=True)
    akimat_id: Mapped[int] = mapped_column(ForeignKey("akimats.id", ondelete="CASCADE"))
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    used_by: Mapped[int | None] = mapped_column(BigInteger)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class AuditEntry(Base):
    """One act of an official or admin, or one denied attempt at one."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor_id: Mapped[int] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(64))
    akimat_id: Mapped[int | None] = mapped_column(Integer)
    target: Mapped[str | None] = mapped_column(String(100))
    allowed: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_audit_log_actor_at", "actor_id", "at"),)
