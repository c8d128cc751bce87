"""Obey Telegram's 429 everywhere: wait `retry_after` seconds and send the same request again.

A reply to a person is worth a second's wait; dropping it would leave them in silence.
"""

import asyncio
import logging

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
    def __init__(self, max_attempts: int = 5, max_wait: float = 60.0) -> None:
        self._max_attempts = max_attempts
        self._max_wait = max_wait

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
                if error.retry_after > self._max_wait:
                    raise
                log.info("429 on %s: waiting %ss", type(method).__name__, error.retry_after)
                await asyncio.sleep(error.retry_after)
        return await make_request(bot, method)
