"""Akimats' channels, and what of their publication reached them (the outbox's own rows)."""

from collections.abc import Collection
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import delete, func, or_, select
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


class PublicationRow(NamedTuple):
    """One channel post of a plan or quarterly report, for the record of its akimat."""

    akimat_id: int
    title: str
    state: ChannelState
    key: str | None
    status: OutboxStatus | None
    sent_at: datetime | None


async def publication(
    session: AsyncSession, akimat_ids: Collection[int], start: datetime, end: datetime
) -> list[PublicationRow]:
    """Each akimat's channel (if any) and its posts of plans and quarterly reports that
    reached it in [start, end) (or, not sent, were last tried then, on the bot's clock): one
    row per post, or one row with no post for a channel without any."""
    if not akimat_ids:
        return []
    moment = func.coalesce(OutboxMessage.sent_at, OutboxMessage.next_attempt_at)
    posts = (
        select(
            OutboxMessage.chat_id,
            OutboxMessage.key,
            OutboxMessage.status,
            OutboxMessage.sent_at,
        )
        .where(
            or_(
                OutboxMessage.key.like("channel:plan:%"),
                OutboxMessage.key.like("channel:progress:%"),
            ),
            moment >= start,
            moment < end,
        )
        .subquery()
    )
    found = await session.execute(
        select(
            AkimatChannel.akimat_id,
            AkimatChannel.title,
            AkimatChannel.state,
            posts.c.key,
            posts.c.status,
            posts.c.sent_at,
        )
        .outerjoin(posts, posts.c.chat_id == AkimatChannel.chat_id)
        .where(AkimatChannel.akimat_id.in_(sorted(akimat_ids)))
        .order_by(AkimatChannel.akimat_id)
    )
    return [PublicationRow(*row) for row in found.all()]
