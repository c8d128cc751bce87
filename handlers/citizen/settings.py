"""/settings: which kinds of notifications a citizen gets, and quiet hours.

Each kind is a button that shows its state and sets the opposite; the screen is re-rendered in
place. Quiet hours are chosen from presets or typed ("22-7"); typing is a short FSM step that
remembers what the person was doing before (writing a question, say) and returns them to it.
The outbox sender applies the settings at send time (scheduler/sender/delivery_policy.py).
"""

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import QuietAction, QuietHoursCb, SettingsSwitchCb
from handlers.keyboards import InlineKeyboard
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.preferences import (
    NoticeSwitch,
    Preferences,
    QuietHours,
    QuietHoursError,
    parse_quiet_hours,
)
from services.users import UserView

router = Routes(name=__name__)

# The common choices, offered as buttons (local hours, start to end).
QUIET_PRESETS = ((22, 8), (23, 7))
# What the person was in before typing quiet hours, restored afterwards.
PREVIOUS_STATE_KEY = "settings_previous_state"


class SettingsStates(StatesGroup):
    quiet_hours = State()


# --- rendering --------------------------------------------------------------------------------


def hours_text(t: Text, quiet: QuietHours) -> str:
    return t("settings-quiet-range", start=f"{quiet.start:02d}:00", end=f"{quiet.end:02d}:00")


def switch_label(t: Text, switch: NoticeSwitch) -> str:
    return t(f"settings-switch-{switch.value}")


def render_settings(t: Text, preferences: Preferences) -> tuple[str, InlineKeyboardMarkup]:
    lines = [t("settings-title"), ""]
    builder = InlineKeyboard()
    for switch in NoticeSwitch:
        on = preferences.is_on(switch)
        label = switch_label(t, switch)
        lines.append(t("settings-state-on" if on else "settings-state-off", label=label))
        builder.button(
            text=t("settings-button-on" if on else "settings-button-off", label=label),
            callback_data=SettingsSwitchCb(switch=switch, on=not on),
        )
    lines.append("")
    if preferences.quiet is not None:
        lines.append(t("settings-quiet-on", range=hours_text(t, preferences.quiet)))
    else:
        lines.append(t("settings-quiet-off"))
    lines += ["", t("settings-urgent-note")]
    builder.button(
        text=t("settings-quiet-button"), callback_data=QuietHoursCb(action=QuietAction.MENU)
    )
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def render_quiet_menu(t: Text, preferences: Preferences) -> tuple[str, InlineKeyboardMarkup]:
    quiet = preferences.quiet
    now = (
        t("settings-quiet-now-on", range=hours_text(t, quiet))
        if quiet is not None
        else t("settings-quiet-now-off")
    )
    builder = InlineKeyboard()
    for start, end in QUIET_PRESETS:
        preset = QuietHours(start, end)
        builder.button(
            text=t("settings-quiet-preset-button", range=hours_text(t, preset)),
            callback_data=QuietHoursCb(action=QuietAction.SET, start=start, end=end),
        )
    builder.button(
        text=t("settings-quiet-type-button"), callback_data=QuietHoursCb(action=QuietAction.TYPE)
    )
    builder.button(
        text=t("settings-quiet-off-button"), callback_data=QuietHoursCb(action=QuietAction.OFF)
    )
    builder.button(text=t("back-button"), callback_data=QuietHoursCb(action=QuietAction.BACK))
    builder.adjust(len(QUIET_PRESETS), 1, 1, 1)
    return t("settings-quiet-title") + "\n\n" + now, builder.as_markup()


def typing_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("cancel-button"), callback_data=QuietHoursCb(action=QuietAction.CANCEL))
    return builder.as_markup()


# --- typing quiet hours: entering and leaving the step -----------------------------------------


async def start_typing(state: FSMContext) -> None:
    current = await state.get_state()
    if current != SettingsStates.quiet_hours.state:
        await state.update_data({PREVIOUS_STATE_KEY: current})
    await state.set_state(SettingsStates.quiet_hours)


async def stop_typing(state: FSMContext) -> bool:
    """Leave the typing step for whatever came before it; False if not in it."""
    if await state.get_state() != SettingsStates.quiet_hours.state:
        return False
    data = await state.get_data()
    previous = data.pop(PREVIOUS_STATE_KEY, None)
    await state.set_data(data)
    await state.set_state(previous if isinstance(previous, str) else None)
    return True


# --- /settings and the switches ---------------------------------------------------------------


@router.message(Command("settings"))
async def cmd_settings(
    message: Message, user: UserView, t: Text, services: Services, state: FSMContext
) -> None:
    # /settings while typing quiet hours starts over from the screen.
    await stop_typing(state)
    text, keyboard = render_settings(t, await services.preferences.get(user.id))
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(SettingsSwitchCb.filter())
async def cb_switch(
    query: CallbackQuery,
    callback_data: SettingsSwitchCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    switch, on = callback_data.switch, callback_data.on
    before = await services.preferences.get(user.id)
    after = await services.preferences.set_switch(user.id, switch, on)
    label = switch_label(t, switch)
    if before.is_on(switch) == on:
        await query.answer(t("settings-unchanged"))
    else:
        await query.answer(t("settings-turned-on" if on else "settings-turned-off", label=label))
    await edit_or_answer(query, *render_settings(t, after))


# --- quiet hours ------------------------------------------------------------------------------


@router.callback_query(QuietHoursCb.filter(F.action == QuietAction.MENU))
async def cb_quiet_menu(query: CallbackQuery, user: UserView, t: Text, services: Services) -> None:
    await query.answer()
    await edit_or_answer(query, *render_quiet_menu(t, await services.preferences.get(user.id)))


@router.callback_query(QuietHoursCb.filter(F.action == QuietAction.BACK))
async def cb_quiet_back(query: CallbackQuery, user: UserView, t: Text, services: Services) -> None:
    await query.answer()
    await edit_or_answer(query, *render_settings(t, await services.preferences.get(user.id)))


@router.callback_query(QuietHoursCb.filter(F.action == QuietAction.SET))
async def cb_quiet_set(
    query: CallbackQuery,
    callback_data: QuietHoursCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    try:
        quiet = QuietHours(callback_data.start, callback_data.end)
    except QuietHoursError:
        # Forged data: the presets are always valid.
        await query.answer(t("settings-quiet-stale"), show_alert=True)
        return
    preferences = await services.preferences.set_quiet_hours(user.id, quiet)
    await query.answer(t("settings-quiet-saved", range=hours_text(t, quiet)))
    await edit_or_answer(query, *render_settings(t, preferences))


@router.callback_query(QuietHoursCb.filter(F.action == QuietAction.OFF))
async def cb_quiet_off(query: CallbackQuery, user: UserView, t: Text, services: Services) -> None:
    preferences = await services.preferences.set_quiet_hours(user.id, None)
    await query.answer(t("settings-quiet-removed"))
    await edit_or_answer(query, *render_settings(t, preferences))


@router.callback_query(QuietHoursCb.filter(F.action == QuietAction.TYPE))
async def cb_quiet_type(query: CallbackQuery, t: Text, state: FSMContext) -> None:
    await query.answer()
    await start_typing(state)
    await edit_or_answer(query, t("settings-quiet-prompt"), typing_keyboard(t))


@router.callback_query(QuietHoursCb.filter(F.action == QuietAction.CANCEL))
async def cb_quiet_cancel(
    query: CallbackQuery, user: UserView, t: Text, services: Services, state: FSMContext
) -> None:
    if not await stop_typing(state):
        await query.answer(t("settings-quiet-stale"))
    else:
        await query.answer(t("settings-quiet-cancelled"))
    await edit_or_answer(query, *render_settings(t, await services.preferences.get(user.id)))


@router.message(Command("cancel"), StateFilter(SettingsStates.quiet_hours))
async def cmd_cancel_typing(
    message: Message, user: UserView, t: Text, services: Services, state: FSMContext
) -> None:
    await stop_typing(state)
    text, keyboard = render_settings(t, await services.preferences.get(user.id))
    await message.answer(t("settings-quiet-cancelled") + "\n\n" + text, reply_markup=keyboard)


@router.message(StateFilter(SettingsStates.quiet_hours), F.text, ~F.text.startswith("/"))
async def msg_quiet_hours(
    message: Message, user: UserView, t: Text, services: Services, state: FSMContext
) -> None:
    try:
        quiet = parse_quiet_hours(message.text or "")
    except QuietHoursError as error:
        # Still typing: they answer again or cancel.
        await message.answer(
            t(f"settings-quiet-error-{error.reason.value}"), reply_markup=typing_keyboard(t)
        )
        return
    preferences = await services.preferences.set_quiet_hours(user.id, quiet)
    await stop_typing(state)
    text, keyboard = render_settings(t, preferences)
    saved = t("settings-quiet-saved", range=hours_text(t, quiet))
    await message.answer(saved + "\n\n" + text, reply_markup=keyboard)


@router.message(StateFilter(SettingsStates.quiet_hours), ~F.text.startswith("/"))
async def msg_quiet_hours_not_text(message: Message, t: Text) -> None:
    """A sticker, a voice message, a photo where hours were expected."""
    await message.answer(t("settings-quiet-expect-text"), reply_markup=typing_keyboard(t))


__all__ = [
    "QUIET_PRESETS",
    "SettingsStates",
    "hours_text",
    "render_quiet_menu",
    "render_settings",
    "router",
]
