"""The last line of defence: a failure is logged with its traceback and the person gets a
plain apology in their language, never a traceback.

A refusal is no failure: `denied` (on the staff router) answers every AccessDeniedError that a
staff handler lets through. aiogram offers an error to the routers' error handlers in the order
of the tree, so `router`, which takes everything, comes last.
"""

import logging

from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from handlers.routes import Routes
from locales import normalize_locale
from services.access import AccessDeniedError, Right
from services.container import Services

router = Routes(name=__name__)
denied = Routes(name=f"{__name__}.denied")
log = logging.getLogger(__name__)


@router.errors()
async def on_error(event: ErrorEvent, services: Services) -> bool:
    log.error("update %s failed", event.update.update_id, exc_info=event.exception)
    await _tell(event, services, "error-internal")
    return True


@denied.errors(ExceptionTypeFilter(AccessDeniedError))
async def on_access_denied(event: ErrorEvent, services: Services) -> bool:
    """The clear "no" after a denied attempt, which services.access has already written to the
    audit log: an alert under a pressed button, a reply to a message."""
    log.info("update %s denied: %s", event.update.update_id, event.exception)
    key = "access-denied"
    error = event.exception
    if isinstance(error, AccessDeniedError) and error.right is Right.ACT:
        sender = _sender_id(event)
        if sender is not None and await services.access.is_coordinator(sender):
            # Coordinators read and never act: say so rather than "another akimat".
            key = "access-denied-coordinator"
    await _tell(event, services, key)
    return True


def _sender_id(event: ErrorEvent) -> int | None:
    query, message = event.update.callback_query, event.update.message
    sender = query.from_user if query else message.from_user if message else None
    return sender.id if sender else None


async def _tell(event: ErrorEvent, services: Services, key: str) -> None:
    """Say ``key`` to whoever sent the update: an alert under a pressed button, a reply to a
    message. Error handlers do not get the `t` of UserMiddleware (it sits on the message and
    callback observers, inside aiogram's error middleware), so the language is looked up here."""
    query, message = event.update.callback_query, event.update.message
    sender = query.from_user if query else message.from_user if message else None
    if sender is None:
        return
    locale = await _locale_of(services, sender.id, sender.language_code)
    text = services.translator.get(locale, key)
    try:
        if query is not None:
            await query.answer(text, show_alert=True)
        elif message is not None:
            await message.answer(text)
    except Exception:
        log.exception("could not tell user %s why their update failed", sender.id)


async def _locale_of(services: Services, user_id: int, language_code: str | None) -> str:
    """The person's chosen language; when the failure is the database itself (down, or
    restarting), the language of their Telegram app: an apology must not need the database."""
    try:
        # The error middleware sits outside the one that loads the user: look them up again.
        user = await services.users.get(user_id)
    except Exception:
        log.warning("could not read the language of user %s; using their app's", user_id)
        return normalize_locale(language_code, services.default_locale)
    return user.locale if user else services.default_locale
