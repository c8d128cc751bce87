"""The command menus at start-up, in each language (setMyCommands with language_code): the
citizens' menu for every private chat, and each admin's full menu for their own chat. The lists
are the roles' own (handlers/menus.py)."""

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats

from handlers.menus import (
    ADMIN_COMMANDS,
    CITIZEN_COMMANDS,
    MenuKeeper,
    Role,
    menu,
    set_chat_menu,
)
from locales import Translator


def commands_for(translator: Translator, locale: str, *, admin: bool = False) -> list[BotCommand]:
    return menu(translator, locale, Role.ADMIN if admin else Role.CITIZEN)


async def set_bot_commands(
    bot: Bot,
    translator: Translator,
    default_locale: str = "kk",
    admin_ids: frozenset[int] = frozenset(),
    keeper: MenuKeeper | None = None,
) -> None:
    scope = BotCommandScopeAllPrivateChats()
    # Without a language_code: what a user whose app language we don't speak sees.
    await bot.set_my_commands(commands_for(translator, default_locale), scope=scope)
    for locale in translator.locales:
        await bot.set_my_commands(
            commands_for(translator, locale), scope=scope, language_code=locale
        )
    for admin_id in admin_ids:
        # An admin who has never opened the bot has no chat yet ("chat not found"): the bot
        # starts anyway, and their first message sets the menu (bot/middlewares/menu.py).
        done = await set_chat_menu(bot, translator, default_locale, admin_id, Role.ADMIN)
        if done and keeper is not None:
            keeper.mark(admin_id, Role.ADMIN)


__all__ = ["ADMIN_COMMANDS", "CITIZEN_COMMANDS", "commands_for", "set_bot_commands"]
