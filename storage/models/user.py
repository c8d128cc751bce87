"""A person who talks to the bot. Nothing but the Telegram id is kept until consent."""

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, String, func, true
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    locale: Mapped[str | None] = mapped_column(String(2))
    consent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    consent_declined_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # False once Telegram told us the user blocked the bot: nothing more is sent to them.
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    blocked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())

    @property
    def has_consent(self) -> bool:
        return self.consent_at is not None
