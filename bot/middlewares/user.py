"""Loads the person behind an update and gives handlers `user` and `t` (their language), and
the staff filters `is_official` (handlers/filters.py), all from one statement."""

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
        arrival = await self._users.arrive(telegram_user.id, locale)
        data["user"] = arrival.user
        data["is_new_user"] = arrival.is_new
        data["is_official"] = arrival.is_official
        data["t"] = self._translator.bind(arrival.user.locale, self._tz)
        return await handler(event, data)
