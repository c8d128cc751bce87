"""Audience filters, set once on parent routers."""

from typing import Any

from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message, TelegramObject

from services.container import Services
from services.users import UserView


class HasConsent(Filter):
    """The person accepted the processing of their personal data."""

    async def __call__(self, event: TelegramObject, user: UserView | None = None) -> bool:
        return user is not None and user.has_consent


class IsAdmin(Filter):
    def __init__(self, admin_ids: frozenset[int]) -> None:
        self._admin_ids = admin_ids

    async def __call__(self, event: TelegramObject, **_: Any) -> bool:
        if isinstance(event, Message | CallbackQuery) and event.from_user is not None:
            return event.from_user.id in self._admin_ids
        return False


class IsStaff(Filter):
    """An admin or an official of some akimat. Only lets the person into the staff handlers:
    each of those checks again, in the database, the right on the very akimat it touches.

    Whether the person is an official comes loaded with them for this update
    (bot/middlewares/user.py, ``is_official``); asked of the database only without it."""

    async def __call__(
        self,
        event: TelegramObject,
        services: Services,
        is_official: bool | None = None,
        **_: Any,
    ) -> bool:
        if isinstance(event, Message | CallbackQuery) and event.from_user is not None:
            if is_official is not None:
                return services.access.is_admin(event.from_user.id) or is_official
            return await services.access.is_staff(event.from_user.id)
        return False
