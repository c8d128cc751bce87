"""Text a person sends loses U+0000, the one character no database here can store.

PostgreSQL refuses it in text ("invalid byte sequence for encoding UTF8: 0x00"), so a question
that carried one ended in a generic error and a log line. Nobody types it on purpose and no
screen shows it: dropping it changes nothing a reader sees.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject

NUL = "\x00"


class DropNulMiddleware(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Message):
            cleaned = {
                field: value.replace(NUL, "")
                for field, value in (("text", event.text), ("caption", event.caption))
                if value and NUL in value
            }
            if cleaned:
                event = event.model_copy(update=cleaned)
        return await handler(event, data)
