"""The bot's session with the Bot API (bot/api_session.py): requests as one JSON body, a file
still as multipart; aiogram's errors unchanged; the answers' models kept."""

import gc
import weakref
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError
from aiogram.methods import GetMyDescription, GetMyName, TelegramMethod
from aiogram.methods.base import Response
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.api_session import ApiSession
from bot.app import create_bot
from bot.config import Settings

ANSWER = '{"ok":true,"result":{"name":"Kezdesu","description":"Әкіммен кездесу"}}'
SENT = {
    "message_id": 7,
    "date": 1765000000,
    "chat": {"id": 1001, "type": "private", "first_name": "Айгүл"},
    "text": "Сәлем",
}


class FakeApi:
    """A Bot API that records what each request carried and answers as told."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, Any]] = []  # (method, content type, fields)
        self.status = 200
        self.answer: dict[str, Any] = {"ok": True, "result": SENT}

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            fields: Any = await request.json()
        else:
            fields = dict((await request.post()).items())
        self.requests.append((method, request.content_type, fields))
        return web.json_response(self.answer, status=self.status)


@pytest.fixture
async def api() -> AsyncIterator[tuple[FakeApi, Bot]]:
    fake = FakeApi()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", fake.handle)
    server = TestServer(app)
    await server.start_server()
    session = ApiSession(api=TelegramAPIServer.from_base(str(server.make_url(""))))
    bot = Bot("42:TEST", session=session)
    try:
        yield fake, bot
    finally:
        await session.close()
        await server.close()


async def test_a_request_is_one_json_body_with_its_nested_fields_native(
    api: tuple[FakeApi, Bot],
) -> None:
    fake, bot = api
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Иә", callback_data="yes")]]
    )
    message = await bot.send_message(1001, "Сәлем", reply_markup=keyboard, parse_mode="HTML")
    assert message.message_id == 7 and message.text == "Сәлем"
    method, content_type, fields = fake.requests[0]
    assert (method, content_type) == ("sendMessage", "application/json")
    # Nested objects are JSON, not JSON in a string; what was not given is left out.
    assert fields == {
        "chat_id": 1001,
        "text": "Сәлем",
        "parse_mode": "HTML",
        "reply_markup": {"inline_keyboard": [[{"text": "Иә", "callback_data": "yes"}]]},
    }


async def test_a_request_with_a_file_is_still_multipart(api: tuple[FakeApi, Bot]) -> None:
    fake, bot = api
    fake.answer = {"ok": True, "result": {**SENT, "text": None, "caption": "Сурет"}}
    await bot.send_photo(1001, BufferedInputFile(b"\x89PNG...", "a.png"), caption="Сурет")
    method, content_type, fields = fake.requests[0]
    assert (method, content_type) == ("sendPhoto", "multipart/form-data")
    assert fields["caption"] == "Сурет"
    assert str(fields["photo"]).startswith("attach://")


async def test_telegram_refusing_is_aiograms_error(api: tuple[FakeApi, Bot]) -> None:
    fake, bot = api
    fake.status = 400
    fake.answer = {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(1001, "Сәлем")


async def test_no_server_is_a_network_error() -> None:
    session = ApiSession(api=TelegramAPIServer.from_base("http://127.0.0.1:9"))
    bot = Bot("42:TEST", session=session)
    try:
        with pytest.raises(TelegramNetworkError):
            await bot.send_message(1001, "Сәлем")
    finally:
        await session.close()


async def ask(bot: Bot, method: TelegramMethod[Any]) -> Any:
    """``method`` through the bot's middlewares and its session's reading of the answer; only
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
    """The bot `kezdesu run` builds keeps the models it reads answers with; a bare aiogram bot
    lets the garbage collector free them, and builds them again on a later request."""
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
