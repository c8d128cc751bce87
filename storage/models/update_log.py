"""Updates the bot has handled, by Telegram's update_id: a redelivered one is not handled twice
(bot/redelivery.py). Kept for a day: Telegram keeps an unconfirmed update no longer.

In webhook mode on PostgreSQL a row is written first as a claim (``claimed_by``, leased until
``lease_until`` on the database's clock) when an instance begins the update, and marked
handled (``handled_at``) once its handling has ended: another instance that receives the same
update meanwhile sees whose it is (bot/redelivery.py)."""

from datetime import datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UtcDateTime


class HandledUpdate(Base):
    __tablename__ = "handled_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # None while claimed and not yet handled.
    handled_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
