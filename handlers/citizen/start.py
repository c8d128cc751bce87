"""/start: language, what the bot does, consent, then the first locality. Also /language,
/help and deep links (`?start=m<id>` opens a meeting card, `?start=inv_<token>` makes an
official of an akimat: see handlers/official/officials.py; `?start=crd_<token>` a coordinator:
handlers/admin/coordinators.py)."""

from aiogram import Bot, F
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.admin.coordinators import coordinator_before_consent, open_coordinator_invite
from handlers.callbacks import (
    BrowseCb,
    ConsentAction,
    ConsentCb,
    LanguageCb,
    SearchStartCb,
)
from handlers.citizen.locality_states import LocalitySearch
from handlers.citizen.meetings import show_meeting_card
from handlers.keyboards import InlineKeyboard
from handlers.menus import command_list, role_for
from handlers.numbers import MAX_ID, whole_number
from handlers.official.officials import invite_before_consent, open_invite
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import LOCALES, Text
from services.container import Services
from services.coordinators import parse_coordinator_payload
from services.officials import AcceptOutcome, parse_invite_payload
from services.users import UserView

router = Routes(name=__name__)

PENDING_MEETING = "pending_meeting"
PENDING_INVITE = "pending_invite"
PENDING_COORDINATOR = "pending_coordinator"


def language_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for code in LOCALES:
        builder.button(text=t(f"language-name-{code}"), callback_data=LanguageCb(code=code))
    builder.adjust(3)
    return builder.as_markup()


def consent_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("consent-accept"), callback_data=ConsentCb(action=ConsentAction.ACCEPT))
    builder.button(
        text=t("consent-decline"), callback_data=ConsentCb(action=ConsentAction.DECLINE)
    )
    builder.adjust(1)
    return builder.as_markup()


def locality_entry_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("start-browse-localities"), callback_data=BrowseCb(code=""))
    builder.button(text=t("start-search-locality"), callback_data=SearchStartCb())
    builder.adjust(1)
    return builder.as_markup()


def parse_meeting_payload(payload: str | None) -> int | None:
    """`m123` → 123; anything else (a mistyped or forged link) → None."""
    if payload and payload.startswith("m"):
        return whole_number(payload[1:], 1, MAX_ID)
    return None


@router.message(CommandStart())
async def cmd_start(
    message: Message,
    command: CommandObject,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
    bot: Bot,
    is_official: bool,
) -> None:
    meeting_id = parse_meeting_payload(command.args)
    invite_token = parse_invite_payload(command.args)
    coordinator_token = parse_coordinator_payload(command.args)
    if command.args and meeting_id is None and invite_token is None and coordinator_token is None:
        await message.answer(t("start-bad-link"))
    if user.has_consent:
        await state.set_state(None)
        if coordinator_token is not None:
            await open_coordinator_invite(message, coordinator_token, user, t, services, bot)
            return
        if invite_token is not None:
            name = message.from_user.full_name if message.from_user else str(user.id)
            await open_invite(message, invite_token, user, name, t, services, bot)
            return
        if meeting_id is not None:
            await show_meeting_card(message, meeting_id, user, t, services)
            return
        role = await role_for(services, user.id, is_official)
        await message.answer(t("menu-welcome-back") + "\n\n" + command_list(t, role))
        return
    # Not yet agreed: remember where the link pointed and ask language first.
    await state.clear()
    if meeting_id is not None:
        await state.update_data({PENDING_MEETING: meeting_id})
    if invite_token is not None and await invite_before_consent(
        message, invite_token, t, services
    ):
        # Applied once consent is given (the invitation is checked again then).
        await state.update_data({PENDING_INVITE: invite_token})
    if coordinator_token is not None and await coordinator_before_consent(
        message, coordinator_token, t, services
    ):
        await state.update_data({PENDING_COORDINATOR: coordinator_token})
    await message.answer(t("start-choose-language"), reply_markup=language_keyboard(t))


@router.message(Command("language"))
async def cmd_language(message: Message, t: Text) -> None:
    await message.answer(t("start-choose-language"), reply_markup=language_keyboard(t))


@router.callback_query(LanguageCb.filter())
async def cb_language(
    query: CallbackQuery,
    callback_data: LanguageCb,
    user: UserView,
    services: Services,
) -> None:
    if callback_data.code not in LOCALES:
        await query.answer(services.translator.get(user.locale, "error-stale-button"))
        return
    user = await services.users.set_locale(user.id, callback_data.code)
    t = services.translator.bind(user.locale, services.tz)
    await query.answer(t("start-language-set"))
    if user.has_consent:
        await edit_or_answer(query, t("start-language-set"))
        return
    await edit_or_answer(query, t("start-intro"), reply_markup=consent_keyboard(t))


@router.callback_query(ConsentCb.filter(F.action == ConsentAction.SHOW))
async def cb_consent_show(query: CallbackQuery, t: Text) -> None:
    await query.answer()
    await edit_or_answer(query, t("start-intro"), reply_markup=consent_keyboard(t))


@router.callback_query(ConsentCb.filter(F.action == ConsentAction.ACCEPT))
async def cb_consent_accept(
    query: CallbackQuery,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
    bot: Bot,
) -> None:
    already = user.has_consent
    user = await services.users.accept_consent(user.id)
    await query.answer()
    if already and await services.subscriptions.count(user.id):
        await edit_or_answer(query, t("consent-already"))
        return
    # Agreed before but following nothing: the next step was never shown (this press handled
    # again after an instance died between recording the consent and answering, or a person
    # who left there). Go on as after a first agreement.
    await edit_or_answer(query, t("consent-already" if already else "consent-thanks"))
    data = await state.get_data()
    pending = data.get(PENDING_MEETING)
    invite_token = data.get(PENDING_INVITE)
    coordinator_token = data.get(PENDING_COORDINATOR)
    await state.clear()
    if isinstance(query.message, Message):
        if isinstance(coordinator_token, str):
            outcome = await open_coordinator_invite(
                query.message, coordinator_token, user, t, services, bot
            )
            if outcome is AcceptOutcome.ACCEPTED:
                # A coordinator came to read their territory, not (yet) to follow a village.
                return
        if isinstance(invite_token, str):
            outcome = await open_invite(
                query.message, invite_token, user, query.from_user.full_name, t, services, bot
            )
            if outcome is AcceptOutcome.ACCEPTED:
                # An official came for the office, not (yet) to follow a village.
                return
        if isinstance(pending, int):
            await show_meeting_card(query.message, pending, user, t, services)
        # The text says a typed name works: the next message is the search.
        await state.set_state(LocalitySearch.waiting_query)
        await query.message.answer(
            t("start-choose-locality"), reply_markup=locality_entry_keyboard(t)
        )


@router.callback_query(ConsentCb.filter(F.action == ConsentAction.DECLINE))
async def cb_consent_decline(
    query: CallbackQuery, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    if user.has_consent:
        # Withdrawing consent later is /forget: it deletes data, which a button press here
        # on an old message must not do by accident.
        await query.answer(t("consent-withdraw-hint"), show_alert=True)
        return
    await services.users.decline_consent(user.id)
    await state.clear()
    await query.answer()
    await edit_or_answer(query, t("consent-declined"))


@router.message(Command("help"))
async def cmd_help(
    message: Message, t: Text, user: UserView, services: Services, is_official: bool
) -> None:
    role = await role_for(services, user.id, is_official)
    await message.answer(t("menu-help-title") + "\n" + command_list(t, role))


@router.message(Command("privacy"))
async def cmd_privacy(message: Message, t: Text) -> None:
    await message.answer(t("privacy-text"))
