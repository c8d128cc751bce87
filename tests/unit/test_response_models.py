"""The bot `kezdesu run` builds keeps the models aiogram reads Bot API answers with
(bot/middlewares/response_types.py); a bare aiogram bot lets the garbage collector free them,
and builds them again on a later request."""

import gc
import weakref
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods import GetMyDescription, GetMyName, TelegramMethod
from aiogram.methods.base import Response

from bot.app import create_bot
from bot.config import Settings

ANSWER = '{"ok":true,"result":{"name":"Kezdesu","description":"Әкіммен кездесу"}}'


async def ask(bot: Bot, method: TelegramMethod[Any]) -> Any:
    """``method`` through the bot's middlewares and aiogram's own reading of the answer; only
    the network is left out."""

    async def make_request(
        _bot: Bot,
        sent: TelegramMethod[Any],
        timeout: int | None = None,  # noqa: ASYNC109
    ) -> Any:
        return bot.session.check_response(_bot, sent, 200, ANSWER).result

    bot.session.make_request = make_request  # type: ignore[method-assign,assignment]
    return await bot(method)


def answer_model(returning: Any) -> type[Response[Any]]:
    return Response[returning]


async def test_answer_models_outlive_a_garbage_collection() -> None:
    bare = Bot("42:TEST", session=AiohttpSession())
    ours = create_bot(Settings(_env_file=None), "42:TEST")
    try:
        # Two methods returning different types, so each bot has a model of its own.
        await ask(bare, GetMyName())
        await ask(ours, GetMyDescription())
        bare_model = weakref.ref(answer_model(GetMyName.__returning__))
        our_model = weakref.ref(answer_model(GetMyDescription.__returning__))
        gc.collect()
        assert bare_model() is None  # aiogram alone: built again on the next answer
        assert our_model() is not None
    finally:
        await bare.session.close()
        await ours.session.close()
