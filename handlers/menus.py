"""Each role's commands, in one list: the Telegram menu, /help and the /start banner are all made
from it, so none of them can leave a command out.

Citizens have the default menu (every private chat). An official's and an admin's menu is set
for their own chat: admins (ADMIN_IDS) at start-up, officials when they accept an invitation,
and either of them again on their first message after a start of the bot, so that someone who
had never opened the bot at start-up ("chat not found") gets the menu as soon as they write.
"""

import logging
from enum import StrEnum
from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat

from locales import Text, Translator

if TYPE_CHECKING:
    from services.container import Services

log = logging.getLogger(__name__)


class Role(StrEnum):
    CITIZEN = "citizen"
    OFFICIAL = "official"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


CITIZEN_COMMANDS: tuple[str, ...] = (
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
# What an official may use besides, in menu order (each has its `cmd-<name>` description;
# /calendar is the citizens' too: for an official it opens the akimat's calendar).
OFFICIAL_COMMANDS: tuple[str, ...] = (
    "office",
    "mymeetings",
    "newmeeting",
    "announce",
    "pool",
    "plan",
    "progress",
    "deadlines",
    "report",
    "received",
    "demands",
    "coverage",
    "channel",
    "officials",
)
# What a coordinator may use besides: the reading screens, for every akimat of the territory.
COORDINATOR_COMMANDS: tuple[str, ...] = (
    "office",
    "mymeetings",
    "pool",
    "plan",
    "progress",
    "deadlines",
    "demands",
    "coverage",
    "channel",
    "report",
)
# What an admin may use besides the citizens' commands: everything an official may, for every
# akimat, and the log and the delivery of notifications.
ADMIN_COMMANDS: tuple[str, ...] = (
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
    "channel",
    "office",
    "officials",
    "coordinators",
    "audit",
    "outbox",
)
OWN_COMMANDS: dict[Role, tuple[str, ...]] = {
    Role.CITIZEN: (),
    Role.OFFICIAL: OFFICIAL_COMMANDS,
    Role.COORDINATOR: COORDINATOR_COMMANDS,
    Role.ADMIN: ADMIN_COMMANDS,
}
# Every command only staff may use: what a citizen who types one is told is not theirs
# (handlers/official/not_staff.py).
STAFF_COMMANDS: tuple[str, ...] = tuple(
    dict.fromkeys(
        name
        for role in (Role.OFFICIAL, Role.COORDINATOR, Role.ADMIN)
        for name in OWN_COMMANDS[role]
        if name not in CITIZEN_COMMANDS
    )
)


def commands_of(role: Role) -> tuple[str, ...]:
    """Every command of the role, in menu order, each once."""
    return tuple(dict.fromkeys(CITIZEN_COMMANDS + OWN_COMMANDS[role]))


def role_of(
    user_id: int, admin_ids: frozenset[int], is_official: bool, *, coordinator_only: bool = False
) -> Role:
    """``is_official``: staff (an official or a coordinator); ``coordinator_only``: a
    coordinator who is an official of no akimat (someone who is both has the officials' menu,
    which holds every coordinator's command)."""
    if user_id in admin_ids:
        return Role.ADMIN
    if not is_official:
        return Role.CITIZEN
    return Role.COORDINATOR if coordinator_only else Role.OFFICIAL


async def role_for(services: "Services", user_id: int, is_official: bool) -> Role:
    """The role whose menu the person has; a staff member is asked once more whether they
    are an official anywhere, or only a coordinator."""
    if user_id in services.admin_ids or not is_official:
        return role_of(user_id, services.admin_ids, is_official)
    only = not await services.officials.is_official(user_id)
    return role_of(user_id, services.admin_ids, is_official, coordinator_only=only)


def menu(translator: Translator, locale: str, role: Role) -> list[BotCommand]:
    # A command in both lists (/calendar) is listed once: Telegram refuses a repeated one.
    return [
        BotCommand(command=name, description=translator.get(locale, f"cmd-{name}"))
        for name in commands_of(role)
    ]


def command_list(t: Text, role: Role) -> str:
    """The lines of /help and of the /start banner: "/name: what it does", every command of the
    role, the role's own after a heading."""
    lines = _lines(t, CITIZEN_COMMANDS)
    own = tuple(name for name in OWN_COMMANDS[role] if name not in CITIZEN_COMMANDS)
    if own:
        lines += ["", t("menu-own-title", role=role.value), *_lines(t, own)]
    return "\n".join(lines)


def _lines(t: Text, names: tuple[str, ...]) -> list[str]:
    return [t("menu-command-line", command=name, description=t(f"cmd-{name}")) for name in names]


async def set_chat_menu(
    bot: Bot, translator: Translator, default_locale: str, chat_id: int, role: Role
) -> bool:
    """The role's menu for this chat, in every language (and for an app language we do not
    speak, the default one). False, logged, when Telegram refuses (an admin who never opened
    the bot: "chat not found"); never raised, the bot works without a menu."""
    scope = BotCommandScopeChat(chat_id=chat_id)
    try:
        await bot.set_my_commands(menu(translator, default_locale, role), scope=scope)
        for locale in translator.locales:
            await bot.set_my_commands(
                menu(translator, locale, role), scope=scope, language_code=locale
            )
    except TelegramAPIError as error:
        log.warning("%s menu for %s not set: %s", role.value, chat_id, error.message)
        return False
    return True


async def clear_chat_menu(bot: Bot, translator: Translator, chat_id: int) -> None:
    """Back to the menu everyone has (the chat's own menu is deleted in every language)."""
    scope = BotCommandScopeChat(chat_id=chat_id)
    try:
        for language in (None, *translator.locales):
            await bot.delete_my_commands(scope=scope, language_code=language)
    except TelegramAPIError as error:
        log.warning("menu for %s not removed: %s", chat_id, error.message)


class MenuKeeper:
    """Which chats have their role's menu since this process started: the first message of an
    official or an admin sets it (once), whatever happened at start-up."""

    def __init__(self) -> None:
        self._set: dict[int, Role] = {}

    def has(self, chat_id: int) -> bool:
        return chat_id in self._set

    def forget(self, chat_id: int) -> None:
        self._set.pop(chat_id, None)

    def mark(self, chat_id: int, role: Role) -> None:
        self._set[chat_id] = role

    async def ensure(
        self, bot: Bot, translator: Translator, default_locale: str, chat_id: int, role: Role
    ) -> None:
        if role is Role.CITIZEN or self._set.get(chat_id) is role:
            return
        if await set_chat_menu(bot, translator, default_locale, chat_id, role):
            self._set[chat_id] = role


__all__ = [
    "ADMIN_COMMANDS",
    "CITIZEN_COMMANDS",
    "COORDINATOR_COMMANDS",
    "OFFICIAL_COMMANDS",
    "STAFF_COMMANDS",
    "MenuKeeper",
    "Role",
    "clear_chat_menu",
    "command_list",
    "commands_of",
    "menu",
    "role_for",
    "role_of",
    "set_chat_menu",
]
