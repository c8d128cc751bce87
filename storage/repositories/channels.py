"""Akimats' channels, and what of their publication reached them (the outbox's own rows)."""

from collections.abc import Collection
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AkimatChannel, OutboxMessage, OutboxStatus, User
from storage.models.channel import ChannelState
from storage.models.official import Official


class ChannelPostRow(NamedTuple):
    key: str
    status: OutboxStatus
    sent_at: datetime | None
    last_error: str | None


async def get(session: AsyncSession, akimat_id: int) -> AkimatChannel | None:
    return await session.get(AkimatChannel, akimat_id)


async def of_akimats(session: AsyncSession, akimat_ids: Collection[int]) -> list[AkimatChannel]:
    if not akimat_ids:
        return []
    found = await session.scalars(
        select(AkimatChannel).where(AkimatChannel.akimat_id.in_(sorted(akimat_ids)))
    )
    return list(found)


async def by_chat(session: AsyncSession, chat_id: int) -> list[AkimatChannel]:
    """The links to one channel (an akimat's, or, rarely, several akimats sharing one)."""
    found = await session.scalars(select(AkimatChannel).where(AkimatChannel.chat_id == chat_id))
    return list(found)


async def active(session: AsyncSession) -> list[AkimatChannel]:
    found = await session.scalars(
        select(AkimatChannel)
        .where(AkimatChannel.state == ChannelState.ACTIVE)
        .order_by(AkimatChannel.akimat_id)
    )
    return list(found)


def put(session: AsyncSession, row: AkimatChannel) -> None:
    session.add(row)


async def remove(session: AsyncSession, akimat_id: int) -> bool:
    result = await session.execute(
        delete(AkimatChannel).where(AkimatChannel.akimat_id == akimat_id)
    )
    return getattr(result, "rowcount", 0) == 1


async def failed_posts(session: AsyncSession, chat_ids: Collection[int]) -> dict[int, str]:
    """Of these channels, those with a post that failed for good, with Telegram's words."""
    if not chat_ids:
        return {}
    found = await session.execute(
        select(OutboxMessage.chat_id, OutboxMessage.last_error)
        .where(
            OutboxMessage.chat_id.in_(sorted(chat_ids)),
            OutboxMessage.key.like("channel:%"),
            OutboxMessage.status.in_([OutboxStatus.FAILED, OutboxStatus.UNREACHABLE]),
        )
        .order_by(OutboxMessage.id)
    )
    return {int(chat_id): error or "" for chat_id, error in found.all()}


async def posts(session: AsyncSession, chat_id: int, key_prefix: str) -> list[ChannelPostRow]:
    """The posts to a channel whose notice key starts with ``key_prefix`` (outbox rows)."""
    found = await session.execute(
        select(
            OutboxMessage.key,
            OutboxMessage.status,
            OutboxMessage.sent_at,
            OutboxMessage.last_error,
        )
        .where(
            OutboxMessage.chat_id == chat_id,
            OutboxMessage.key.like(
                key_prefix.replace("%", r"\%").replace("_", r"\_") + "%", escape="\\"
            ),
        )
        .order_by(OutboxMessage.id)
    )
    return [ChannelPostRow(*row) for row in found.all()]


async def posted(session: AsyncSession, key: str) -> bool:
    """Whether a post with this outbox key exists (whatever became of it)."""
    found = await session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key))
    return found is not None


async def officials(session: AsyncSession, akimat_id: int) -> list[tuple[int, str | None]]:
    """The akimat's active officials and their locales."""
    found = await session.execute(
        select(User.id, User.locale)
        .join(Official, Official.user_id == User.id)
        .where(Official.akimat_id == akimat_id, User.is_active.is_(True))
        .order_by(User.id)
    )
    return [(int(user_id), locale) for user_id, locale in found.all()]
