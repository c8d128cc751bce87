"""Loads the person behind an update and gives handlers `user` and `t` (their language)."""

from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from locales import Translator, normalize_locale
from services.users import UserService


class UserMiddleware(BaseMiddleware):
    def __init__(
        self, users: UserService, translator: Translator, default_locale: str, tz: ZoneInfo
    ) -> None:
        self._users = users
        self._translator = translator
        self._default_locale = default_locale
        self._tz = tz

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        telegram_user: User | None = data.get("event_from_user")
        if telegram_user is None or telegram_user.is_bot:
            return await handler(event, data)
        locale = normalize_locale(telegram_user.language_code, self._default_locale)
        user, is_new = await self._users.touch(telegram_user.id, locale)
        data["user"] = user
        data["is_new_user"] = is_new
        data["t"] = self._translator.bind(user.locale, self._tz)
        return await handler(event, data)
