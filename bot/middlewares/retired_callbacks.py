"""Buttons with a retired callback prefix still work: they read as their factory writes today.

Keyboards outlive a release: they sit in chats, and in outbox notices not yet sent (which hold
the rendered keyboard). handlers/callbacks.py lists the retired prefixes.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, TelegramObject

from handlers.callbacks import current_data


class RetiredCallbackMiddleware(BaseMiddleware):
    """Outer middleware on callback queries, before any filter sees the data."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, CallbackQuery) and event.data:
            current = current_data(event.data)
            if current != event.data:
                # Telegram objects are frozen; the copy keeps the bot the query answers with.
                event = event.model_copy(update={"data": current})
        return await handler(event, data)
