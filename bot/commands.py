"""The command menus, in each language (setMyCommands with language_code)."""

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat

from locales import Translator

log = logging.getLogger(__name__)

CITIZEN_COMMANDS = (
    "start",
    "meetings",
    "subscribe",
    "subscriptions",
    "myquestions",
    "plans",
    "demand",
    "calendar",
    "settings",
    "language",
    "help",
    "privacy",
    "mydata",
    "forget",
)
ADMIN_COMMANDS = (
    "newmeeting",
    "mymeetings",
    "announce",
    "pool",
    "plan",
    "progress",
    "deadlines",
    "report",
    "demands",
    "coverage",
    "office",
    "officials",
    "audit",
    "outbox",
    "coordinators",
)


def commands_for(translator: Translator, locale: str, *, admin: bool = False) -> list[BotCommand]:
    names = CITIZEN_COMMANDS + (ADMIN_COMMANDS if admin else ())
    return [
        BotCommand(command=name, description=translator.get(locale, f"cmd-{name}"))
        for name in names
    ]


async def set_bot_commands(
    bot: Bot,
    translator: Translator,
    default_locale: str = "kk",
    admin_ids: frozenset[int] = frozenset(),
) -> None:
    scope = BotCommandScopeAllPrivateChats()
    # Without a language_code: what a user whose app language we don't speak sees.
    await bot.set_my_commands(commands_for(translator, default_locale), scope=scope)
    for locale in translator.locales:
        await bot.set_my_commands(
            commands_for(translator, locale), scope=scope, language_code=locale
        )
    for admin_id in admin_ids:
        try:
            await _set_admin_commands(bot, translator, default_locale, admin_id)
        except TelegramBadRequest as error:
            # An admin who has never opened the bot has no chat yet ("chat not found"): the
            # bot must start anyway; they get the admin menu on the next start after that.
            log.warning("admin menu for %s not set: %s", admin_id, error.message)


async def _set_admin_commands(
    bot: Bot, translator: Translator, default_locale: str, admin_id: int
) -> None:
    admin_scope = BotCommandScopeChat(chat_id=admin_id)
    await bot.set_my_commands(
        commands_for(translator, default_locale, admin=True), scope=admin_scope
    )
    for locale in translator.locales:
        await bot.set_my_commands(
            commands_for(translator, locale, admin=True),
            scope=admin_scope,
            language_code=locale,
        )
