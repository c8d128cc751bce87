"""A callback query answered a second time is not an error of the update.

An update handled again after a crash mid-handling (an instance killed after its
answerCallbackQuery went out and before the update was recorded: Telegram delivers it again,
bot/webhook.py) answers the same query once more, and Telegram refuses: "query is too old and
response timeout expired or query ID is invalid". The same refusal comes when the person
pressed long ago. Either way the answer only stops the button's spinner, and there is nothing
left to stop, so the refusal is taken as done: the handler goes on to show its screen instead
of failing before it.
"""

import logging
from typing import cast

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.methods.base import Response, TelegramType

log = logging.getLogger(__name__)

# Telegram's words for a query that can no longer be answered (Bot API, answerCallbackQuery).
STALE_QUERY = ("query is too old", "query id is invalid")


class StaleCallbackAnswerMiddleware(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramBadRequest as error:
            stale = any(words in error.message.lower() for words in STALE_QUERY)
            if not (stale and isinstance(method, AnswerCallbackQuery)):
                raise
            log.info("callback query already answered or too old: not answered again")
            # What answerCallbackQuery returns when it succeeds (aiogram passes the method's
            # result down the chain, though it types it as the Response around it).
            return cast("Response[TelegramType]", True)
