"""The one sender of outgoing notifications.

Handlers answer the person in front of them directly; everything that goes to people who did
not just write to the bot (announcements, and later reminders and plans) leaves through here,
so that Telegram's limits and its refusals are handled in one place.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup

log = logging.getLogger(__name__)


class Delivery(StrEnum):
    SENT = "sent"
    UNREACHABLE = "unreachable"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Outgoing:
    chat_id: int
    text: str
    reply_markup: InlineKeyboardMarkup | None = None


@dataclass(slots=True)
class BroadcastReport:
    sent: int = 0
    unreachable: int = 0
    failed: int = 0
    unreachable_ids: list[int] = field(default_factory=list)

    def add(self, outgoing: Outgoing, delivery: Delivery) -> None:
        if delivery is Delivery.SENT:
            self.sent += 1
        elif delivery is Delivery.UNREACHABLE:
            self.unreachable += 1
            self.unreachable_ids.append(outgoing.chat_id)
        else:
            self.failed += 1


class Sender:
    """Sends with global pacing, obeys 429 `retry_after`, and reports unreachable chats."""

    def __init__(
        self,
        bot: Bot,
        *,
        rate_per_second: float = 25.0,
        concurrency: int = 8,
        max_attempts: int = 5,
        on_unreachable: Callable[[int], Awaitable[None]] | None = None,
    ) -> None:
        self._bot = bot
        self._interval = 1.0 / rate_per_second
        self._concurrency = concurrency
        self._max_attempts = max_attempts
        self._on_unreachable = on_unreachable
        self._pace_lock = asyncio.Lock()
        self._next_slot = 0.0

    async def send(self, outgoing: Outgoing) -> Delivery:
        for attempt in range(1, self._max_attempts + 1):
            await self._pace()
            try:
                await self._bot.send_message(
                    outgoing.chat_id, outgoing.text, reply_markup=outgoing.reply_markup
                )
            except TelegramRetryAfter as error:
                # Telegram asks us to wait: wait exactly that long, then try the same message.
                await asyncio.sleep(error.retry_after)
                continue
            except TelegramForbiddenError:
                return await self._unreachable(outgoing.chat_id)
            except TelegramBadRequest as error:
                if "chat not found" in error.message.lower():
                    return await self._unreachable(outgoing.chat_id)
                log.warning("send to %s refused: %s", outgoing.chat_id, error.message)
                return Delivery.FAILED
            except (TelegramServerError, TelegramNetworkError) as error:
                backoff = min(30.0, 0.5 * 2**attempt)
                log.warning("send attempt %d failed (%s); retry in %.1fs", attempt, error, backoff)
                await asyncio.sleep(backoff)
                continue
            return Delivery.SENT
        return Delivery.FAILED

    async def broadcast(self, messages: AsyncIterator[Outgoing]) -> BroadcastReport:
        """Send a stream of messages with a bounded number in flight; the stream is never
        loaded whole, so memory stays flat however large the audience."""
        report = BroadcastReport()
        queue: asyncio.Queue[Outgoing | None] = asyncio.Queue(maxsize=self._concurrency * 2)

        async def worker() -> None:
            while (outgoing := await queue.get()) is not None:
                report.add(outgoing, await self.send(outgoing))

        workers = [asyncio.create_task(worker()) for _ in range(self._concurrency)]
        try:
            async for outgoing in messages:
                await queue.put(outgoing)
        finally:
            for _ in workers:
                await queue.put(None)
            await asyncio.gather(*workers)
        return report

    async def _pace(self) -> None:
        # A global slot every `interval` seconds keeps us under Telegram's ~30 messages/s.
        loop = asyncio.get_running_loop()
        async with self._pace_lock:
            now = loop.time()
            wait = self._next_slot - now
            self._next_slot = max(now, self._next_slot) + self._interval
        if wait > 0:
            await asyncio.sleep(wait)

    async def _unreachable(self, chat_id: int) -> Delivery:
        if self._on_unreachable is not None:
            await self._on_unreachable(chat_id)
        return Delivery.UNREACHABLE
