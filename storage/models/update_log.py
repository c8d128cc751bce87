"""Updates the bot has handled, by Telegram's update_id: a redelivered one is not handled twice
(bot/redelivery.py). Kept for a day: Telegram keeps an unconfirmed update no longer."""

from datetime import datetime

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime


class HandledUpdate(Base):
    __tablename__ = "handled_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    handled_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
