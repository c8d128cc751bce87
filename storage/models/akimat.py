"""The akim's office of a locality: the host of meetings."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime


class Akimat(Base):
    __tablename__ = "akimats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    locality_code: Mapped[str] = mapped_column(
        String(9), ForeignKey("localities.code", ondelete="RESTRICT"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
