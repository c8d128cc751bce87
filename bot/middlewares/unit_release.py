"""Before each Bot API request, the update's database connection goes back to the pool.

What the update did so far is committed by then (each service's block commits or discards its
own writes, storage/unit_of_work.py), so this ends a transaction that only read: no
transaction stays open, and no lock is held, while Telegram answers, and whatever the person is
told is already stored. The next database step of the update takes a connection again.
"""

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

from storage.unit_of_work import release_current


class UnitReleaseMiddleware(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        await release_current()
        return await make_request(bot, method)
