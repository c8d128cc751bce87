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
    each of those checks again, in the database, the right on the very akimat it touches."""

    async def __call__(self, event: TelegramObject, services: Services, **_: Any) -> bool:
        if isinstance(event, Message | CallbackQuery) and event.from_user is not None:
            return await services.access.is_staff(event.from_user.id)
        return False
