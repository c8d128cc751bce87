"""/office: the home of staff. An official sees the akimats they act for and may read, and the
commands open to them; an admin sees the state of the officials and of the audit log.

Also the officials' command menu: set for their chat when they accept an invitation, removed
when they are no longer an official anywhere.
"""

import logging
from html import escape

from aiogram import Bot
from aiogram.filters import Command
from aiogram.types import Message

from handlers.menus import (
    COORDINATOR_COMMANDS,
    OFFICIAL_COMMANDS,
    Role,
    clear_chat_menu,
    set_chat_menu,
)
from handlers.routes import Routes
from locales import Text, Translator
from services.container import Services
from services.officials import AkimatView
from services.users import UserView

router = Routes(name=__name__)
log = logging.getLogger(__name__)

# What an admin may use besides (everything an official may, for every akimat).
ADMIN_OFFICE_COMMANDS: tuple[str, ...] = (
    "officials",
    "audit",
    "mymeetings",
    "newmeeting",
    "announce",
    "pool",
    "plan",
    "progress",
    "deadlines",
    "report",
    "demands",
    "coverage",
    "coordinators",
)


def akimat_title(akimat: AkimatView, locale: str) -> str:
    """The akimat's unit with its parent in brackets (an okrug, then its district), escaped for
    HTML: the parent tells namesakes apart."""
    parent = akimat.parent(locale)
    name = escape(akimat.name(locale))
    return f"{name} ({escape(parent)})" if parent else name


def command_lines(names: tuple[str, ...], t: Text) -> list[str]:
    return [t("office-command-line", command=name, description=t(f"cmd-{name}")) for name in names]


@router.message(Command("office"))
async def cmd_office(message: Message, user: UserView, t: Text, services: Services) -> None:
    await message.answer(await office_text(user.id, t, services))


async def office_text(user_id: int, t: Text, services: Services) -> str:
    if services.access.is_admin(user_id):
        summary = await services.officials.summary(user_id)
        return "\n".join(
            [
                t("office-title-admin"),
                "",
                t(
                    "office-admin-summary",
                    akimats=summary.akimats,
                    officials=summary.officials,
                    invites=summary.open_invites,
                    denied=summary.denied_recently,
                ),
                "",
                t("office-commands"),
                *command_lines(ADMIN_OFFICE_COMMANDS, t),
            ]
        )
    # Asked again here, not taken from the filter that let the person in: they may have been
    # removed a moment ago.
    own, below = await services.officials.readable_akimats(user_id)
    territories = await services.coordinators.territories_of(user_id)
    if not own and not territories:
        return t("office-not-staff")
    lines = [t("office-title-official"), ""]
    if own:
        lines.append(t("office-acts-for"))
        lines += [t("office-akimat-line", name=akimat_title(akimat, t.locale)) for akimat in own]
    if below:
        lines += ["", t("office-reads", count=len(below))]
        lines += [t("office-akimat-line", name=akimat_title(akimat, t.locale)) for akimat in below]
    if territories:
        if own:
            lines.append("")
        readable = await services.access.readable_akimats(user_id)
        lines.append(t("office-coordinates"))
        lines += [
            t(
                "office-akimat-line",
                name=t("coord-republic")
                if territory.code is None
                else escape(territory.name(t.locale)),
            )
            for territory in territories
        ]
        lines.append(t("office-coordinator-reads", count=len(readable)))
    commands = OFFICIAL_COMMANDS if own else COORDINATOR_COMMANDS
    lines += ["", t("office-commands"), *command_lines(commands, t)]
    return "\n".join(lines)


# --- the officials' command menu -----------------------------------------------------------------


async def set_office_menu(
    bot: Bot,
    translator: Translator,
    default_locale: str,
    chat_id: int,
    role: Role = Role.OFFICIAL,
) -> None:
    """The person's whole menu (handlers/menus.py: the officials' or the coordinators'), for
    this chat only. A failure is logged, never raised: /office works without a menu."""
    await set_chat_menu(bot, translator, default_locale, chat_id, role)


async def clear_office_menu(bot: Bot, translator: Translator, chat_id: int) -> None:
    """Back to the menu everyone has (the chat's own menu is deleted in every language)."""
    await clear_chat_menu(bot, translator, chat_id)
