"""Build each Bot API answer's model once per process, not once in every few requests.

aiogram reads every answer with the pydantic model ``Response[T]``, T being what the method
returns (aiogram/client/session/base.py, ``check_response``). Pydantic keeps such parametrised
models in a weak cache (pydantic/_internal/_generics.py), and nothing else holds them, so the
garbage collector frees them and the next request builds the model again, schema and
validator included: in bench/citizens_bench.py about one request in four did, and that was a
fifth of the bot's CPU. One strong reference per T keeps the cached model alive.
"""

from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

# What methods return (a type, or a union or list of types) → its Response model.
_kept: dict[Any, type[Response[Any]]] = {}


class KeepResponseModels(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        returning = method.__returning__
        if returning not in _kept:
            _kept[returning] = Response[returning]  # type: ignore[valid-type]
        return await make_request(bot, method)
