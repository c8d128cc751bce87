"""What the scheduler remembers between runs, so it catches up after being down."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime


class JobMark(Base):
    """The last moment a periodic job covered, per job name."""

    __tablename__ = "job_marks"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    covered_until: Mapped[datetime] = mapped_column(UtcDateTime())
