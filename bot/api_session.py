"""The bot's HTTP session with the Bot API: aiogram's, sending its requests as JSON.

aiogram's ``AiohttpSession`` sends every request as a form: each nested field (a keyboard, a
list of entities) dumped to JSON on its own, then the whole urlencoded by aiohttp. For a
message with a keyboard of six buttons that took 120 µs of CPU, one JSON body 55 (this
machine; bench/README.md). This session:

- sends a request without a file as one JSON body, which the Bot API accepts for every method
  ("application/json (except for uploading files)", https://core.telegram.org/bots/api#making-
  requests); a request with a file is still multipart, as aiogram builds it;
- keeps one model per type a method returns. Pydantic holds the parametrised ``Response[T]`` in
  a weak cache only (pydantic/_internal/_generics.py), so a collection freed it and the next
  request built it again, schema and validator included: about one request in four did, a fifth
  of the bot's CPU, before models were kept.
"""

from typing import Any, cast

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import InputFile
from aiohttp import ClientError, ClientTimeout, FormData
from aiohttp.payload import BytesPayload


class ApiSession(AiohttpSession):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # What a method returns (a type, or a union or list of types) → its Response model.
        self._models: dict[Any, type[Response[Any]]] = {}

    def response_model(self, returning: Any) -> type[Response[Any]]:
        model = self._models.get(returning)
        if model is None:
            model = self._models[returning] = Response[returning]
        return model

    def check_response(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        status_code: int,
        content: str,
    ) -> Response[TelegramType]:
        self.response_model(method.__returning__)  # kept, so aiogram's reading finds it
        return super().check_response(bot, method, status_code, content)

    def build_body(self, bot: Bot, method: TelegramMethod[Any]) -> FormData | BytesPayload:
        """The request's body: JSON, or aiogram's multipart form when a file goes with it."""
        files: dict[str, InputFile] = {}
        fields: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files, _dumps_json=False)
            # aiogram's form leaves out what is empty; so does this body.
            if prepared is None or prepared == "":
                continue
            fields[key] = prepared
        if files:
            return self.build_form_data(bot, method)
        return BytesPayload(self.json_dumps(fields).encode(), content_type="application/json")

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
    ) -> TelegramType:
        # aiogram's make_request (aiogram/client/session/aiohttp.py), with the body above.
        session = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        body = self.build_body(bot, method)
        seconds = self.timeout if timeout is None else timeout
        try:
            async with session.post(
                url, data=body, timeout=ClientTimeout(total=seconds)
            ) as answer:
                raw = await answer.text()
        except TimeoutError as error:
            raise TelegramNetworkError(method=method, message="Request timeout error") from error
        except ClientError as error:
            message = f"{type(error).__name__}: {error}"
            raise TelegramNetworkError(method=method, message=message) from error
        response = self.check_response(bot, method, answer.status, raw)
        return cast(TelegramType, response.result)
