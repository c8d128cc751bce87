"""/officials: who acts for which akimat. Admins invite officials with one-time links, remove
them and revoke links; an official reads the officials of their own akimat and of the akimats
inside its territory. /audit: the audit log, for admins. And the invitation links themselves
(`/start inv_<token>`, see handlers/citizen/start.py).

This router sits under the staff router (admins and officials). Nothing here trusts a button:
each handler asks the services, which check the right in the database and write every denied
attempt to the audit log; the person then reads `access-denied`. The `outsiders` router answers
the same commands and buttons for people who are not (or no longer) staff.
"""

import asyncio
from collections.abc import Mapping
from dataclasses import replace
from html import escape

from aiogram import Bot, F
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import (
    AuditPageCb,
    InviteRevokeCb,
    OfficialsAction,
    OfficialsCb,
    OfficialsPickCb,
)
from handlers.fit import fit, shorten
from handlers.keyboards import InlineKeyboard
from handlers.menus import Role
from handlers.official.audit_words import action_text, detail_parts, target_text
from handlers.official.office import akimat_title, clear_office_menu, set_office_menu
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.access import AccessDeniedError
from services.audit import AuditAction
from services.container import Services
from services.officials import (
    AcceptOutcome,
    AkimatStaff,
    AkimatView,
    AuditView,
    InviteStatus,
    InviteView,
    OfficialsError,
    invite_link,
    refusal,
)
from services.paging import Page
from services.users import UserView

router = Routes(name=__name__)
outsiders = Routes(name=f"{__name__}.outsiders")

PAGE_SIZE = 8
SEARCH_LIMIT = 8
# Ask the index for more than we show: units without an akim are filtered out.
SEARCH_POOL = 40

# Every button of this feature, so that none falls through to another feature's handlers.
_PREFIXES = tuple(
    f"{factory.__prefix__}{factory.__separator__}"
    for factory in (OfficialsCb, InviteRevokeCb, OfficialsPickCb, AuditPageCb)
)


class InviteFlow(StatesGroup):
    locality = State()


# --- shared bits ---------------------------------------------------------------------------------


def akimat_plain(akimat: AkimatView, locale: str) -> str:
    """For button texts, which are plain text: no escaping."""
    parent = akimat.parent(locale)
    return f"{akimat.name(locale)} · {parent}" if parent else akimat.name(locale)


async def person_names(bot: Bot, user_ids: list[int]) -> dict[int, str]:
    """The names people have in Telegram now, read live and never stored; an unreachable one
    (blocked the bot, deleted the account) is shown by id only."""

    async def one(user_id: int) -> str | None:
        try:
            return (await bot.get_chat(user_id)).full_name
        except TelegramAPIError:
            return None

    names = await asyncio.gather(*(one(user_id) for user_id in user_ids))
    return {user_id: name for user_id, name in zip(user_ids, names, strict=True) if name}


def person_html(user_id: int, names: dict[int, str]) -> str:
    name = names.get(user_id)
    shown = escape(name) if name else str(user_id)
    return f'<a href="tg://user?id={user_id}">{shown}</a>'


async def deny(event: Message | CallbackQuery, t: Text) -> None:
    """The clear "no" after a denied attempt (already in the audit log)."""
    if isinstance(event, CallbackQuery):
        await event.answer(t("access-denied"), show_alert=True)
    else:
        await event.answer(t("access-denied"))


def error_text(error: OfficialsError, t: Text) -> str:
    return t(f"officials-error-{error.reason.value}")


# --- /officials: the list ------------------------------------------------------------------------


async def home(
    user_id: int, page: int, t: Text, services: Services, bot: Bot
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Admins: every akimat with officials or open links. Officials: their own akimats' people
    (read-only) and buttons to the akimats inside their territory."""
    if services.access.is_admin(user_id):
        return overview(await services.officials.overview(user_id), page, t)
    own, below = await services.officials.readable_akimats(user_id)
    if not own:
        return t("office-not-staff"), None
    staffs = [await services.officials.staff_of(user_id, akimat.id) for akimat in own]
    names = await person_names(bot, [o.user_id for s in staffs for o in s.officials])
    blocks = [t("officials-title"), t("officials-own-intro")]
    blocks += [staff_text(staff, names, t) for staff in staffs]
    builder = InlineKeyboard()
    if below:
        blocks.append(t("officials-below-intro"))
        for akimat in below:
            builder.button(
                text=akimat_plain(akimat, t.locale),
                callback_data=OfficialsCb(action=OfficialsAction.AKIMAT, akimat_id=akimat.id),
            )
        builder.adjust(1)
    return "\n\n".join(blocks), builder.as_markup() if below else None


def overview(
    staffs: list[AkimatStaff], page: int, t: Text
) -> tuple[str, InlineKeyboardMarkup | None]:
    shown = Page.of(staffs, page, PAGE_SIZE)
    lines = [t("officials-title")]
    lines.append(t("officials-overview-intro") if staffs else t("officials-overview-empty"))
    if shown.pages > 1:
        lines.append(t("officials-page", page=shown.page + 1, pages=shown.pages))
    builder = InlineKeyboard()
    for staff in shown.items:
        builder.button(
            text=t(
                "officials-akimat-button",
                name=akimat_plain(staff.akimat, t.locale),
                officials=len(staff.officials),
                invites=len(staff.invites),
            ),
            callback_data=OfficialsCb(action=OfficialsAction.AKIMAT, akimat_id=staff.akimat.id),
        )
    sizes = [1] * len(shown.items)
    if shown.pages > 1:
        arrows = 0
        if shown.has_prev:
            builder.button(
                text=t("loc-page-prev"),
                callback_data=OfficialsCb(action=OfficialsAction.LIST, page=shown.page - 1),
            )
            arrows += 1
        if shown.has_next:
            builder.button(
                text=t("loc-page-next"),
                callback_data=OfficialsCb(action=OfficialsAction.LIST, page=shown.page + 1),
            )
            arrows += 1
        sizes.append(arrows)
    builder.button(
        text=t("officials-invite-other-button"),
        callback_data=OfficialsCb(action=OfficialsAction.PICK),
    )
    sizes.append(1)
    builder.adjust(*sizes)
    return "\n\n".join(lines), builder.as_markup()


def staff_text(staff: AkimatStaff, names: dict[int, str], t: Text) -> str:
    lines = [t("officials-akimat-title", name=akimat_title(staff.akimat, t.locale))]
    if staff.officials:
        lines.append(t("officials-akimat-officials", count=len(staff.officials)))
        lines += [
            t(
                "officials-official-line",
                n=index,
                name=person_html(official.user_id, names),
                id=str(official.user_id),
                since=t.date(official.since),
            )
            for index, official in enumerate(staff.officials, 1)
        ]
    else:
        lines.append(t("officials-akimat-no-officials"))
    return "\n".join(lines)


def invites_text(invites: tuple[InviteView, ...], t: Text) -> list[str]:
    if not invites:
        return []
    return [
        t("officials-akimat-invites", count=len(invites)),
        *(
            t(
                "officials-invite-line",
                n=index,
                created=t.datetime(invite.created_at),
                by=str(invite.created_by),
                until=t.datetime(invite.expires_at),
            )
            for index, invite in enumerate(invites, 1)
        ),
    ]


async def akimat_page(
    user_id: int, akimat_id: int, t: Text, services: Services, bot: Bot, notice: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """One akimat: its officials and open links; for admins with the buttons to manage them."""
    staff = await services.officials.staff_of(user_id, akimat_id)
    names = await person_names(bot, [official.user_id for official in staff.officials])
    manage = services.access.is_admin(user_id)
    lines = [notice, ""] if notice else []
    lines.append(staff_text(staff, names, t))
    builder = InlineKeyboard()
    if manage:
        invites = invites_text(staff.invites, t)
        if invites:
            lines += ["", *invites]
        for official in staff.officials:
            builder.button(
                text=t(
                    "officials-remove-button",
                    name=names.get(official.user_id, str(official.user_id)),
                ),
                callback_data=OfficialsCb(
                    action=OfficialsAction.REMOVE, akimat_id=akimat_id, user_id=official.user_id
                ),
            )
        for index, invite in enumerate(staff.invites, 1):
            builder.button(
                text=t("officials-revoke-button", n=index),
                callback_data=InviteRevokeCb(token=invite.token, akimat_id=akimat_id),
            )
        builder.button(
            text=t("officials-invite-button"),
            callback_data=OfficialsCb(action=OfficialsAction.INVITE, akimat_id=akimat_id),
        )
    else:
        lines += ["", t("officials-akimat-readonly")]
    builder.button(
        text=t("officials-all-button"), callback_data=OfficialsCb(action=OfficialsAction.LIST)
    )
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def invite_page(
    akimat: AkimatView, invite: InviteView, bot_username: str, t: Text
) -> tuple[str, InlineKeyboardMarkup]:
    text = t(
        "officials-invite-created",
        akimat=akimat_title(akimat, t.locale),
        until=t.datetime(invite.expires_at),
        link=escape(invite_link(bot_username, invite.token)),
    )
    builder = InlineKeyboard()
    builder.button(
        text=t("officials-revoke-link-button"),
        callback_data=InviteRevokeCb(token=invite.token, akimat_id=akimat.id),
    )
    builder.button(
        text=t("officials-back-to-akimat-button"),
        callback_data=OfficialsCb(action=OfficialsAction.AKIMAT, akimat_id=akimat.id),
    )
    builder.adjust(1)
    return text, builder.as_markup()


async def bot_username(bot: Bot) -> str:
    me = await bot.me()
    return me.username or ""


@router.message(Command("officials"))
async def cmd_officials(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services, bot: Bot
) -> None:
    if await state.get_state() in InviteFlow.__all_states_names__:
        await state.clear()
    text, markup = await home(user.id, 0, t, services, bot)
    await message.answer(text, reply_markup=markup)


@router.callback_query(OfficialsCb.filter(F.action == OfficialsAction.LIST))
async def cb_list(
    query: CallbackQuery,
    callback_data: OfficialsCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
    bot: Bot,
) -> None:
    # Also the Cancel button of the invitation's locality step.
    if await state.get_state() in InviteFlow.__all_states_names__:
        await state.clear()
    text, markup = await home(user.id, callback_data.page, t, services, bot)
    await query.answer()
    await edit_or_answer(query, text, markup)


@router.callback_query(OfficialsCb.filter(F.action == OfficialsAction.AKIMAT))
async def cb_akimat(
    query: CallbackQuery,
    callback_data: OfficialsCb,
    user: UserView,
    t: Text,
    services: Services,
    bot: Bot,
) -> None:
    try:
        text, markup = await akimat_page(user.id, callback_data.akimat_id, t, services, bot)
    except OfficialsError as error:
        await query.answer(error_text(error, t), show_alert=True)
        return
    await query.answer()
    await edit_or_answer(query, text, markup)


# --- inviting --------------------------------------------------------------------------------


@router.callback_query(OfficialsCb.filter(F.action == OfficialsAction.INVITE))
async def cb_invite(
    query: CallbackQuery,
    callback_data: OfficialsCb,
    user: UserView,
    t: Text,
    services: Services,
    bot: Bot,
) -> None:
    try:
        invite = await services.officials.invite(user.id, callback_data.akimat_id)
    except OfficialsError as error:
        await query.answer(error_text(error, t), show_alert=True)
        return
    akimat = await services.officials.akimat(invite.akimat_id)
    if akimat is None:
        await query.answer(t("officials-error-unknown-akimat"), show_alert=True)
        return
    await query.answer()
    text, markup = invite_page(akimat, invite, await bot_username(bot), t)
    await edit_or_answer(query, text, markup)


@router.callback_query(OfficialsCb.filter(F.action == OfficialsAction.PICK))
async def cb_pick_start(
    query: CallbackQuery, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    await services.access.require_admin(user.id, action=AuditAction.INVITE_CREATE)
    await query.answer()
    await state.set_state(InviteFlow.locality)
    await edit_or_answer(query, t("officials-ask-locality"), cancel_keyboard(t))


def cancel_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("cancel-button"), callback_data=OfficialsCb(action=OfficialsAction.LIST))
    return builder.as_markup()


@router.message(InviteFlow.locality, Command("cancel"))
async def cmd_cancel(message: Message, t: Text, state: FSMContext) -> None:
    await state.clear()
    await message.answer(t("officials-cancelled"))


@router.message(InviteFlow.locality, F.text, ~F.text.startswith("/"))
async def step_locality_text(
    message: Message, user: UserView, t: Text, services: Services
) -> None:
    if not services.access.is_admin(user.id):
        # Only an admin gets into this step; a lost admin right ends it here.
        await services.access.audit(user.id, AuditAction.INVITE_CREATE, allowed=False)
        await deny(message, t)
        return
    hits = await services.localities.search(message.text or "", limit=SEARCH_POOL)
    fitting = [hit for hit in hits if hit.akim_level is not None][:SEARCH_LIMIT]
    if not fitting:
        await message.answer(t("officials-locality-none"), reply_markup=cancel_keyboard(t))
        return
    builder = InlineKeyboard()
    for hit in fitting:
        chain = hit.chain(t.locale)
        name = hit.name(t.locale)
        builder.button(
            text=t("officials-hit-button", name=name, parent=chain[-1]) if chain else name,
            callback_data=OfficialsPickCb(code=hit.code),
        )
    builder.button(text=t("cancel-button"), callback_data=OfficialsCb(action=OfficialsAction.LIST))
    builder.adjust(1)
    await message.answer(t("officials-pick-locality"), reply_markup=builder.as_markup())


@router.message(InviteFlow.locality, ~F.text.startswith("/"))
async def step_locality_other(message: Message, t: Text) -> None:
    await message.answer(t("officials-expected-text"), reply_markup=cancel_keyboard(t))


@router.callback_query(OfficialsPickCb.filter(), InviteFlow.locality)
async def cb_pick_locality(
    query: CallbackQuery,
    callback_data: OfficialsPickCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
    bot: Bot,
) -> None:
    try:
        akimat, invite = await services.officials.invite_to_locality(user.id, callback_data.code)
    except AccessDeniedError:
        await state.clear()
        await deny(query, t)
        return
    except OfficialsError as error:
        # The step stays: another name can be typed.
        await query.answer(error_text(error, t), show_alert=True)
        return
    await state.clear()
    await query.answer()
    text, markup = invite_page(akimat, invite, await bot_username(bot), t)
    await edit_or_answer(query, text, markup)


@router.callback_query(InviteRevokeCb.filter())
async def cb_revoke(
    query: CallbackQuery,
    callback_data: InviteRevokeCb,
    user: UserView,
    t: Text,
    services: Services,
    bot: Bot,
) -> None:
    invite, changed = await services.officials.revoke(user.id, callback_data.token)
    if invite is None:
        await query.answer(t("officials-accept-unknown"), show_alert=True)
        return
    status = invite.status(services.clock.now())
    if changed or status is InviteStatus.PENDING:
        notice = t("officials-revoked")
    else:
        # Too late: say why (used by someone, expired, revoked already).
        notice = t(f"officials-revoke-{status.value}")
    await query.answer(None if changed else notice)
    try:
        text, markup = await akimat_page(user.id, invite.akimat_id, t, services, bot, notice)
    except (AccessDeniedError, OfficialsError):
        await edit_or_answer(query, notice)
        return
    await edit_or_answer(query, text, markup)


# --- removing ------------------------------------------------------------------------------------


@router.callback_query(OfficialsCb.filter(F.action == OfficialsAction.REMOVE))
async def cb_remove_ask(
    query: CallbackQuery,
    callback_data: OfficialsCb,
    user: UserView,
    t: Text,
    services: Services,
    bot: Bot,
) -> None:
    # Asking is harmless, but a forged button is still a denied attempt worth recording.
    await services.access.require_admin(
        user.id,
        action=AuditAction.OFFICIAL_REMOVE,
        akimat_id=callback_data.akimat_id,
        target=f"user:{callback_data.user_id}",
    )
    akimat = await services.officials.akimat(callback_data.akimat_id)
    if akimat is None:
        await query.answer(t("officials-error-unknown-akimat"), show_alert=True)
        return
    names = await person_names(bot, [callback_data.user_id])
    builder = InlineKeyboard()
    builder.button(
        text=t("officials-remove-yes"),
        callback_data=OfficialsCb(
            action=OfficialsAction.REMOVE_CONFIRM,
            akimat_id=callback_data.akimat_id,
            user_id=callback_data.user_id,
        ),
    )
    builder.button(
        text=t("cancel-button"),
        callback_data=OfficialsCb(action=OfficialsAction.AKIMAT, akimat_id=akimat.id),
    )
    builder.adjust(1)
    await query.answer()
    await edit_or_answer(
        query,
        t(
            "officials-remove-confirm",
            name=person_html(callback_data.user_id, names),
            id=str(callback_data.user_id),
            akimat=akimat_title(akimat, t.locale),
        ),
        builder.as_markup(),
    )


@router.callback_query(OfficialsCb.filter(F.action == OfficialsAction.REMOVE_CONFIRM))
async def cb_remove(
    query: CallbackQuery,
    callback_data: OfficialsCb,
    user: UserView,
    t: Text,
    services: Services,
    bot: Bot,
) -> None:
    removed_id = callback_data.user_id
    removed = await services.officials.remove(user.id, callback_data.akimat_id, removed_id)
    names = await person_names(bot, [removed_id])
    key = "officials-removed" if removed else "officials-remove-gone"
    notice = t(key, name=person_html(removed_id, names), id=str(removed_id))
    await query.answer()
    if (
        removed
        and not services.access.is_admin(removed_id)
        and not await services.officials.is_official(removed_id)
    ):
        if await services.access.is_coordinator(removed_id):
            # Still a coordinator: back to their reading menu, not to a citizen's.
            await set_office_menu(
                bot,
                services.translator,
                services.default_locale,
                removed_id,
                Role.COORDINATOR,
            )
        else:
            await clear_office_menu(bot, services.translator, removed_id)
    try:
        text, markup = await akimat_page(
            user.id, callback_data.akimat_id, t, services, bot, notice
        )
    except OfficialsError:
        await edit_or_answer(query, notice)
        return
    await edit_or_answer(query, text, markup)


# --- /audit --------------------------------------------------------------------------------------


# A person's text in an entry (a reason, an answer) is shown up to this many UTF-16 units; the
# page is fitted as a whole too.
AUDIT_DETAIL_LIMIT = 300


def audit_line(entry: AuditView, t: Text, text: str) -> str:
    """One entry; ``text``, the person's words in its particulars, comes escaped (and
    shortened) by `audit_view`."""
    parts = [action_text(t, entry.action)]
    if entry.akimat is not None:
        parts.append(akimat_title(entry.akimat, t.locale))
    elif entry.akimat_id is not None:
        parts.append(t("audit-akimat-id", id=str(entry.akimat_id)))
    if entry.target:
        parts.append(target_text(t, entry.target))
    line = t(
        "audit-line",
        mark=t("audit-allowed") if entry.allowed else t("audit-denied"),
        when=t.datetime(entry.at),
        actor=str(entry.actor_id),
        what=" · ".join(parts),
    )
    particulars = [] if entry.detail is None else detail_parts(t, replace(entry.detail, text=None))
    if text:
        particulars.append(t("audit-detail-text", text=text))
    if particulars:
        line += "\n" + t("audit-detail", detail=" · ".join(particulars))
    return line


def audit_view(page: Page[AuditView], t: Text) -> tuple[str, InlineKeyboardMarkup | None]:
    if not page.total:
        return t("audit-empty"), None
    texts: dict[str, str] = {}
    for index, entry in enumerate(page.items):
        said = entry.detail.text if entry.detail is not None else None
        texts[f"text{index}"] = shorten(said or "", AUDIT_DETAIL_LIMIT)

    def render(escaped: Mapping[str, str]) -> str:
        lines = [t("audit-title"), t("officials-page", page=page.page + 1, pages=page.pages), ""]
        lines += [
            audit_line(entry, t, escaped[f"text{index}"]) for index, entry in enumerate(page.items)
        ]
        return "\n".join(lines)

    builder = InlineKeyboard()
    if page.has_prev:
        builder.button(text=t("loc-page-prev"), callback_data=AuditPageCb(page=page.page - 1))
    if page.has_next:
        builder.button(text=t("loc-page-next"), callback_data=AuditPageCb(page=page.page + 1))
    builder.button(text=t("audit-refresh"), callback_data=AuditPageCb(page=0))
    builder.adjust(2, 1) if page.has_prev and page.has_next else builder.adjust(1, 1)
    return fit(render, texts).html, builder.as_markup()


@router.message(Command("audit"))
async def cmd_audit(message: Message, user: UserView, t: Text, services: Services) -> None:
    page = await services.officials.audit_page(user.id, 0)
    text, markup = audit_view(page, t)
    await message.answer(text, reply_markup=markup)


@router.callback_query(AuditPageCb.filter())
async def cb_audit_page(
    query: CallbackQuery, callback_data: AuditPageCb, user: UserView, t: Text, services: Services
) -> None:
    page = await services.officials.audit_page(user.id, callback_data.page)
    await query.answer()
    text, markup = audit_view(page, t)
    await edit_or_answer(query, text, markup)


@router.callback_query(F.data.startswith(_PREFIXES))
async def cb_stale(query: CallbackQuery, t: Text) -> None:
    """A button of this feature that fits no step any more (a locality pick after /cancel)."""
    await query.answer(t("officials-stale-step"), show_alert=True)


# --- people who are not staff --------------------------------------------------------------------


@outsiders.callback_query(F.data.startswith(_PREFIXES))
async def cb_not_staff(query: CallbackQuery, t: Text, services: Services) -> None:
    """A staff button pressed by someone who is not staff: an official removed since the
    keyboard was sent, or a forged button. Denied and recorded."""
    await services.access.audit(
        query.from_user.id,
        AuditAction.OFFICIALS_BUTTON,
        target=(query.data or "")[:100],
        allowed=False,
    )
    await deny(query, t)


# --- the invitation link -------------------------------------------------------------------------


async def invite_before_consent(message: Message, token: str, t: Text, services: Services) -> bool:
    """A newcomer opened an invitation: say what it is (or why it no longer works) before the
    language and consent steps. True when it is worth keeping for after consent."""
    person = message.chat.id
    invite = await services.officials.peek(token)
    if invite is None:
        await services.officials.record_refused(person, token, AcceptOutcome.UNKNOWN)
        await message.answer(t("officials-accept-unknown"))
        return False
    refused = refusal(invite, person, services.clock.now())
    if refused is not None:
        await services.officials.record_refused(person, token, refused, invite)
        await message.answer(refused_text(refused, invite, t))
        return False
    if services.access.is_admin(person):
        await services.officials.record_refused(person, token, AcceptOutcome.ADMIN, invite)
        await message.answer(t("officials-accept-admin"))
        return False
    akimat = await services.officials.akimat(invite.akimat_id)
    if akimat is None:
        await services.officials.record_refused(person, token, AcceptOutcome.UNKNOWN, invite)
        await message.answer(t("officials-accept-unknown"))
        return False
    await message.answer(t("officials-invite-pending", akimat=akimat_title(akimat, t.locale)))
    return True


async def open_invite(
    message: Message,
    token: str,
    user: UserView,
    display_name: str,
    t: Text,
    services: Services,
    bot: Bot,
) -> AcceptOutcome:
    """Take the invitation for ``user`` (who has consented) and say how it went."""
    result = await services.officials.accept(user.id, token, display_name)
    akimat = akimat_title(result.akimat, t.locale) if result.akimat else ""
    if result.outcome is AcceptOutcome.ACCEPTED:
        await message.answer(t("officials-accept-done", akimat=akimat))
        await set_office_menu(bot, services.translator, services.default_locale, user.id)
    elif result.outcome is AcceptOutcome.ALREADY_OFFICIAL:
        await message.answer(t("officials-accept-already", akimat=akimat))
    elif result.outcome is AcceptOutcome.ADMIN:
        await message.answer(t("officials-accept-admin"))
    elif result.outcome is AcceptOutcome.UNKNOWN or result.invite is None:
        await message.answer(t("officials-accept-unknown"))
    else:
        await message.answer(refused_text(result.outcome, result.invite, t))
    return result.outcome


def refused_text(outcome: AcceptOutcome, invite: InviteView, t: Text) -> str:
    if outcome is AcceptOutcome.EXPIRED:
        return t("officials-accept-expired", when=t.datetime(invite.expires_at))
    if outcome is AcceptOutcome.REVOKED:
        return t("officials-accept-revoked")
    if outcome is AcceptOutcome.USED_BY_YOU:
        return t("officials-accept-used-by-you")
    return t("officials-accept-used")


__all__ = [
    "InviteFlow",
    "invite_before_consent",
    "open_invite",
    "outsiders",
    "router",
]
