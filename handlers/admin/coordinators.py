"""/coordinators: who reads which territory. Admins invite a coordinator for an oblast, a city
of republican significance, the capital or the whole republic with a one-time link, revoke open
links and take a territory away. And the link itself (`/start crd_<token>`, see
handlers/citizen/start.py).

`router` hangs under the admin router; the services check the admin's right again and audit
each act. `outsiders` answers the command and the buttons for everyone else (a denied attempt,
recorded).
"""

from html import escape

from aiogram import Bot, F
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import CoordinatorsAction, CoordinatorsCb
from handlers.keyboards import InlineKeyboard
from handlers.menus import Role
from handlers.official.office import (
    clear_office_menu,
    set_office_menu,
)
from handlers.official.officials import bot_username, person_html, person_names
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.audit import AuditAction
from services.container import Services
from services.coordinators import (
    REPUBLIC_TERRITORY,
    CoordinatorInviteView,
    CoordinatorsError,
    CoordinatorsOverview,
    TerritoryView,
    coordinator_link,
    territory_of_key,
)
from services.officials import AcceptOutcome, InviteStatus
from services.users import UserView

router = Routes(name=__name__)
outsiders = Routes(name=f"{__name__}.outsiders")

# What an admin may type after /coordinators: a name or a code, not an essay.
MAX_QUERY = 64
_PREFIX = f"{CoordinatorsCb.__prefix__}{CoordinatorsCb.__separator__}"


def territory_name(territory: TerritoryView, t: Text) -> str:
    """For HTML: the unit's name escaped, or the whole republic."""
    if territory.code is None:
        return t("coord-republic")
    return escape(territory.name(t.locale))


def territory_plain(territory: TerritoryView, t: Text) -> str:
    """For button texts (plain text)."""
    return t("coord-republic") if territory.code is None else territory.name(t.locale)


# --- the screen ----------------------------------------------------------------------------------


def overview_text(overview: CoordinatorsOverview, names: dict[int, str], t: Text) -> list[str]:
    lines = [t("coord-title"), ""]
    if overview.coordinators:
        lines += [
            t(
                "coord-line",
                n=index,
                name=person_html(person.user_id, names),
                id=str(person.user_id),
                territory=territory_name(person.territory, t),
                since=t.date(person.since),
            )
            for index, person in enumerate(overview.coordinators, 1)
        ]
    else:
        lines.append(t("coord-none"))
    if overview.invites:
        lines += ["", t("coord-invites", count=len(overview.invites))]
        lines += [
            t(
                "coord-invite-line",
                n=index,
                territory=territory_name(invite.territory, t),
                until=t.datetime(invite.expires_at),
            )
            for index, invite in enumerate(overview.invites, 1)
        ]
    return lines


def territory_buttons(builder: InlineKeyboard, territories: list[TerritoryView], t: Text) -> None:
    for territory in territories:
        builder.button(
            text=t("coord-invite-button", territory=territory_plain(territory, t)),
            callback_data=CoordinatorsCb(action=CoordinatorsAction.INVITE, key=territory.key),
        )


async def home(
    user_id: int, t: Text, services: Services, bot: Bot, notice: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    overview = await services.coordinators.overview(user_id)
    names = await person_names(bot, [person.user_id for person in overview.coordinators])
    lines = [notice, ""] if notice else []
    lines += overview_text(overview, names, t)
    lines += ["", t("coord-pick-intro")]
    builder = InlineKeyboard()
    for person in overview.coordinators:
        builder.button(
            text=t(
                "coord-remove-button",
                name=names.get(person.user_id, str(person.user_id)),
                territory=territory_plain(person.territory, t),
            ),
            callback_data=CoordinatorsCb(
                action=CoordinatorsAction.REMOVE, key=person.territory.key, user_id=person.user_id
            ),
        )
    for index, invite in enumerate(overview.invites, 1):
        builder.button(
            text=t("coord-revoke-button", n=index),
            callback_data=CoordinatorsCb(action=CoordinatorsAction.REVOKE, token=invite.token),
        )
    territory_buttons(builder, [REPUBLIC_TERRITORY, *await services.coordinators.territories()], t)
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


@router.message(Command("coordinators"))
async def cmd_coordinators(
    message: Message,
    command: CommandObject,
    user: UserView,
    t: Text,
    services: Services,
    bot: Bot,
) -> None:
    query = (command.args or "").strip()
    if not query:
        text, markup = await home(user.id, t, services, bot)
        await message.answer(text, reply_markup=markup)
        return
    if len(query) > MAX_QUERY:
        await message.answer(t("coord-territory-none", query=escape(query[:MAX_QUERY])))
        return
    found = await services.coordinators.matching(query)
    if not found:
        await message.answer(t("coord-territory-none", query=escape(query)))
        return
    builder = InlineKeyboard()
    territory_buttons(builder, found, t)
    builder.adjust(1)
    await message.answer(t("coord-pick-found"), reply_markup=builder.as_markup())


def invite_text(invite: CoordinatorInviteView, username: str, t: Text) -> str:
    return t(
        "coord-invite-created",
        territory=territory_name(invite.territory, t),
        until=t.datetime(invite.expires_at),
        link=escape(coordinator_link(username, invite.token)),
    )


@router.callback_query(CoordinatorsCb.filter(F.action == CoordinatorsAction.INVITE))
async def cb_invite(
    query: CallbackQuery,
    callback_data: CoordinatorsCb,
    user: UserView,
    t: Text,
    services: Services,
    bot: Bot,
) -> None:
    try:
        invite = await services.coordinators.invite(user.id, territory_of_key(callback_data.key))
    except CoordinatorsError as error:
        await query.answer(t(f"coord-error-{error.reason.value}"), show_alert=True)
        return
    await query.answer()
    builder = InlineKeyboard()
    builder.button(
        text=t("coord-revoke-link-button"),
        callback_data=CoordinatorsCb(action=CoordinatorsAction.REVOKE, token=invite.token),
    )
    builder.button(
        text=t("coord-back-button"), callback_data=CoordinatorsCb(action=CoordinatorsAction.LIST)
    )
    builder.adjust(1)
    await edit_or_answer(
        query, invite_text(invite, await bot_username(bot), t), builder.as_markup()
    )


@router.callback_query(CoordinatorsCb.filter(F.action == CoordinatorsAction.LIST))
async def cb_list(
    query: CallbackQuery, user: UserView, t: Text, services: Services, bot: Bot
) -> None:
    await query.answer()
    text, markup = await home(user.id, t, services, bot)
    await edit_or_answer(query, text, markup)


@router.callback_query(CoordinatorsCb.filter(F.action == CoordinatorsAction.REVOKE))
async def cb_revoke(
    query: CallbackQuery,
    callback_data: CoordinatorsCb,
    user: UserView,
    t: Text,
    services: Services,
    bot: Bot,
) -> None:
    invite, changed = await services.coordinators.revoke(user.id, callback_data.token)
    if changed:
        notice = t("coord-revoked")
    elif invite is None:
        notice = t("coord-accept-unknown")
    else:
        status = invite.status(services.clock.now())
        notice = {
            InviteStatus.USED: t("coord-revoke-used"),
            InviteStatus.EXPIRED: t("coord-revoke-expired"),
        }.get(status, t("coord-revoke-revoked"))
    await query.answer()
    text, markup = await home(user.id, t, services, bot, notice)
    await edit_or_answer(query, text, markup)


@router.callback_query(CoordinatorsCb.filter(F.action == CoordinatorsAction.REMOVE))
async def cb_remove(
    query: CallbackQuery,
    callback_data: CoordinatorsCb,
    t: Text,
    services: Services,
    bot: Bot,
) -> None:
    territory = await _territory(callback_data.key, services)
    names = await person_names(bot, [callback_data.user_id])
    builder = InlineKeyboard()
    builder.button(
        text=t("coord-remove-yes"),
        callback_data=callback_data.model_copy(
            update={"action": CoordinatorsAction.REMOVE_CONFIRM}
        ),
    )
    builder.button(
        text=t("coord-back-button"), callback_data=CoordinatorsCb(action=CoordinatorsAction.LIST)
    )
    builder.adjust(1)
    await query.answer()
    text = t(
        "coord-remove-confirm",
        name=person_html(callback_data.user_id, names),
        id=str(callback_data.user_id),
        territory=territory_name(territory, t),
    )
    await edit_or_answer(query, text, builder.as_markup())


@router.callback_query(CoordinatorsCb.filter(F.action == CoordinatorsAction.REMOVE_CONFIRM))
async def cb_remove_confirm(
    query: CallbackQuery,
    callback_data: CoordinatorsCb,
    user: UserView,
    t: Text,
    services: Services,
    bot: Bot,
) -> None:
    removed_id = callback_data.user_id
    removed = await services.coordinators.remove(
        user.id, removed_id, territory_of_key(callback_data.key)
    )
    if removed:
        await _refresh_menu(removed_id, services, bot)
    await query.answer()
    notice = t("coord-removed" if removed else "coord-remove-gone", id=str(removed_id))
    text, markup = await home(user.id, t, services, bot, notice)
    await edit_or_answer(query, text, markup)


async def _territory(key: str, services: Services) -> TerritoryView:
    try:
        return await services.coordinators.territory(territory_of_key(key))
    except CoordinatorsError:
        # Gone from the classifier: the code stands for the name.
        return TerritoryView(key, key, key)


async def _refresh_menu(user_id: int, services: Services, bot: Bot) -> None:
    """The menu of someone who lost a territory: an official's, a coordinator's, or none."""
    if await services.officials.is_official(user_id):
        await set_office_menu(
            bot, services.translator, services.default_locale, user_id, Role.OFFICIAL
        )
    elif await services.access.is_coordinator(user_id):
        await set_office_menu(
            bot, services.translator, services.default_locale, user_id, Role.COORDINATOR
        )
    else:
        await clear_office_menu(bot, services.translator, user_id)


# --- everyone else -------------------------------------------------------------------------------


@outsiders.message(Command("coordinators"))
async def msg_not_admin(message: Message, t: Text, services: Services) -> None:
    if message.from_user is not None:
        await services.access.audit(
            message.from_user.id, AuditAction.COORDINATORS_LIST, allowed=False
        )
    await message.answer(t("access-denied-admin"))


@outsiders.callback_query(F.data.startswith(_PREFIX))
async def cb_not_admin(query: CallbackQuery, t: Text, services: Services) -> None:
    """A coordinators' button pressed by someone who is not an admin (a forged one): denied
    and recorded."""
    await services.access.audit(
        query.from_user.id,
        AuditAction.COORDINATORS_BUTTON,
        target=(query.data or "")[:100],
        allowed=False,
    )
    await query.answer(t("access-denied-admin"), show_alert=True)


# --- the invitation link -------------------------------------------------------------------------


def refused_text(outcome: AcceptOutcome, invite: CoordinatorInviteView | None, t: Text) -> str:
    if outcome is AcceptOutcome.EXPIRED and invite is not None:
        return t("coord-accept-expired", when=t.datetime(invite.expires_at))
    if outcome is AcceptOutcome.REVOKED:
        return t("coord-accept-revoked")
    if outcome is AcceptOutcome.USED_BY_YOU:
        return t("coord-accept-used-by-you")
    if outcome is AcceptOutcome.USED:
        return t("coord-accept-used")
    return t("coord-accept-unknown")


async def coordinator_before_consent(
    message: Message, token: str, t: Text, services: Services
) -> bool:
    """A newcomer opened a coordinator's link: say what it is (or why it no longer works)
    before the language and consent steps. True when it is worth keeping for after consent."""
    invite = await services.coordinators.peek(token)
    if invite is None:
        await message.answer(t("coord-accept-unknown"))
        return False
    refused = invite.refusal(message.chat.id, services.clock.now())
    if refused is not None:
        await message.answer(refused_text(refused, invite, t))
        return False
    if services.access.is_admin(message.chat.id):
        await message.answer(t("coord-accept-admin"))
        return False
    await message.answer(t("coord-invite-pending", territory=territory_name(invite.territory, t)))
    return True


async def open_coordinator_invite(
    message: Message, token: str, user: UserView, t: Text, services: Services, bot: Bot
) -> AcceptOutcome:
    """Take the link for ``user`` (who has consented) and say how it went."""
    name = message.chat.full_name or str(user.id)
    result = await services.coordinators.accept(user.id, token, name)
    territory = territory_name(result.invite.territory, t) if result.invite else ""
    if result.outcome is AcceptOutcome.ACCEPTED:
        await message.answer(t("coord-accept-done", territory=territory))
        await _refresh_menu(user.id, services, bot)
    elif result.outcome is AcceptOutcome.ALREADY_OFFICIAL:
        await message.answer(t("coord-accept-already", territory=territory))
    elif result.outcome is AcceptOutcome.ADMIN:
        await message.answer(t("coord-accept-admin"))
    else:
        await message.answer(refused_text(result.outcome, result.invite, t))
    return result.outcome


__all__ = [
    "coordinator_before_consent",
    "open_coordinator_invite",
    "outsiders",
    "router",
]
