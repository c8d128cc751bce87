"""Obey Telegram's 429 everywhere: wait `retry_after` seconds and send the same request again.

A reply to a person is worth a second's wait; dropping it would leave them in silence.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

log = logging.getLogger(__name__)


class RetryAfterMiddleware(BaseRequestMiddleware):
    """``on_retry_after`` is told every 429's retry_after, the ones too long to wait for too
    (bot/metrics.py counts them); ``sleep`` waits it out (a test's own does not)."""

    def __init__(
        self,
        max_attempts: int = 5,
        max_wait: float = 60.0,
        *,
        on_retry_after: Callable[[float], None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._max_attempts = max_attempts
        self._max_wait = max_wait
        self._on_retry_after = on_retry_after
        self._sleep = sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        for _ in range(self._max_attempts - 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                self._observe(error)
                if error.retry_after > self._max_wait:
                    raise
                log.info("429 on %s: waiting %ss", type(method).__name__, error.retry_after)
                await self._sleep(error.retry_after)
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter as error:
            self._observe(error)
            raise

    def _observe(self, error: TelegramRetryAfter) -> None:
        if self._on_retry_after is not None:
            self._on_retry_after(error.retry_after)
