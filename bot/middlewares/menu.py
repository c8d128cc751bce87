"""An official's or an admin's own command menu, set on their first message since the bot
started (handlers/menus.py): an admin who had not opened the bot at start-up, or an official
appointed before this version, gets it without doing anything."""

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.enums import ChatType
from aiogram.types import Message, TelegramObject

from handlers.menus import MenuKeeper, role_for
from locales import Translator
from services.users import UserView


class MenuMiddleware(BaseMiddleware):
    def __init__(
        self,
        keeper: MenuKeeper,
        translator: Translator,
        default_locale: str,
        admin_ids: frozenset[int],
    ) -> None:
        self._keeper = keeper
        self._translator = translator
        self._default_locale = default_locale
        self._admin_ids = admin_ids

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = data.get("user")
        bot = data.get("bot")
        if (
            isinstance(event, Message)
            and event.chat.type == ChatType.PRIVATE
            and isinstance(user, UserView)
            and isinstance(bot, Bot)
            and not self._keeper.has(user.id)
            and (user.id in self._admin_ids or data.get("is_official"))
        ):
            role = await role_for(data["services"], user.id, bool(data.get("is_official")))
            await self._keeper.ensure(bot, self._translator, self._default_locale, user.id, role)
        return await handler(event, data)
