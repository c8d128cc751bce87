"""Queries on a citizen's notification settings (`notification_settings`). A person without a
row gets everything (storage/models/preferences.py). Repositories never commit: the caller's
unit of work does."""

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import NotificationSettings
from storage.repositories.dialect import insert_ignoring_duplicates


async def get(
    session: AsyncSession, user_id: int, *, fresh: bool = False
) -> NotificationSettings | None:
    """The user's settings row, if any. ``fresh`` reads it from the database even when the
    session already holds it (after a bulk UPDATE that bypassed the session)."""
    if fresh:
        return await session.get(NotificationSettings, user_id, populate_existing=True)
    return await session.get(NotificationSettings, user_id)


async def create_if_missing(session: AsyncSession, user_id: int) -> None:
    """A row with the defaults (everything on), unless there is one: an INSERT that skips an
    existing key, so two taps at once cannot both create it, nor fail."""
    statement = insert_ignoring_duplicates(session, NotificationSettings)
    await session.execute(statement.values(user_id=user_id))


async def change(
    session: AsyncSession,
    user_id: int,
    values: Mapping[str, bool | int | None],
    at: datetime,
) -> None:
    """Set columns of an existing row (see :func:`create_if_missing`). One UPDATE, not a read
    and a write, so concurrent changes to different switches do not undo each other."""
    await session.execute(
        update(NotificationSettings)
        .where(NotificationSettings.user_id == user_id)
        .values(**values, updated_at=at)
        .execution_options(synchronize_session=False)
    )
