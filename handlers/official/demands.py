"""/demands: citizens' demands for a meeting as the akimat and the coordinators see them, most
supported first (seed 001, 3.1; services/demands.py). An official of the demand's akimat
answers it: schedules an off-calendar meeting (the new-meeting wizard, pre-filled) or declines
with a reason; the supporters are told either way. A coordinator reads only: the buttons are
not shown, and a forged one is refused by the service (audited).
"""

from html import escape

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import DemandStaffAction, DemandStaffCb
from handlers.citizen.demands import shorten
from handlers.keyboards import InlineKeyboard
from handlers.official.new_meeting import start_for_demand
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.demands import MAX_REASON, MIN_REASON, DemandError, DemandView
from services.users import UserView

router = Routes(name=__name__)


class DeclineFlow(StatesGroup):
    reason = State()


def _line(demand: DemandView, t: Text) -> str:
    return t(
        "demand-staff-line",
        id=demand.id,
        locality=escape(demand.locality(t.locale)),
        topic=escape(shorten(demand.topic)),
        supports=demand.supports,
    )


async def list_screen(
    user: UserView, t: Text, services: Services
) -> tuple[str, InlineKeyboardMarkup | None]:
    ranked = await services.demands.ranked_for(user.id)
    if not ranked:
        return t("demand-staff-empty"), None
    lines = [t("demand-staff-title", threshold=services.demands.threshold), ""]
    lines += [_line(demand, t) for demand in ranked]
    builder = InlineKeyboard()
    for demand in ranked:
        builder.button(
            text=t("demand-open-button", id=demand.id),
            callback_data=DemandStaffCb(action=DemandStaffAction.OPEN, demand_id=demand.id),
        )
    builder.adjust(4)
    return "\n".join(lines), builder.as_markup()


@router.message(Command("demands"))
async def cmd_demands(message: Message, user: UserView, t: Text, services: Services) -> None:
    text, markup = await list_screen(user, t, services)
    await message.answer(text, reply_markup=markup)


@router.callback_query(DemandStaffCb.filter(F.action == DemandStaffAction.LIST))
async def cb_list(query: CallbackQuery, user: UserView, t: Text, services: Services) -> None:
    await query.answer()
    text, markup = await list_screen(user, t, services)
    await edit_or_answer(query, text, markup)


@router.callback_query(DemandStaffCb.filter(F.action == DemandStaffAction.OPEN))
async def cb_open(
    query: CallbackQuery,
    callback_data: DemandStaffCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    try:
        demand, can_act = await services.demands.get_for(user.id, callback_data.demand_id)
    except DemandError as error:
        await query.answer(t(f"demand-error-{error.reason.value}", min=0, max=0), show_alert=True)
        return
    await query.answer()
    text = t(
        "demand-card",
        id=demand.id,
        locality=escape(demand.locality(t.locale)),
        topic=escape(demand.topic),
        supports=demand.supports,
        when=t.datetime(demand.created_at),
        status=t(f"demand-status-{demand.status.value}"),
    )
    builder = InlineKeyboard()
    if can_act and demand.status.value == "open":
        builder.button(
            text=t("demand-schedule-button"),
            callback_data=DemandStaffCb(action=DemandStaffAction.SCHEDULE, demand_id=demand.id),
        )
        builder.button(
            text=t("demand-decline-button"),
            callback_data=DemandStaffCb(action=DemandStaffAction.DECLINE, demand_id=demand.id),
        )
    elif not can_act:
        text += "\n\n" + t("demand-read-only")
    builder.button(
        text=t("demand-all-button"), callback_data=DemandStaffCb(action=DemandStaffAction.LIST)
    )
    builder.adjust(1)
    await edit_or_answer(query, text, builder.as_markup(), fresh=True)


@router.callback_query(DemandStaffCb.filter(F.action == DemandStaffAction.SCHEDULE))
async def cb_schedule(
    query: CallbackQuery,
    callback_data: DemandStaffCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    try:
        # The right to act is checked (and a refusal audited) here, again when saving.
        demand = await services.demands.require_answerable(user.id, callback_data.demand_id)
    except DemandError as error:
        await query.answer(t(f"demand-error-{error.reason.value}", min=0, max=0), show_alert=True)
        return
    akimat = await services.officials.akimat(demand.akimat_id)
    await query.answer()
    if akimat is None or not isinstance(query.message, Message):
        return
    await query.message.answer(t("demand-schedule-intro", id=demand.id))
    await start_for_demand(
        query.message, demand.id, akimat.locality_code, demand.locality_code, t, state, services
    )


@router.callback_query(DemandStaffCb.filter(F.action == DemandStaffAction.DECLINE))
async def cb_decline(
    query: CallbackQuery,
    callback_data: DemandStaffCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    try:
        demand = await services.demands.require_answerable(user.id, callback_data.demand_id)
    except DemandError as error:
        await query.answer(t(f"demand-error-{error.reason.value}", min=0, max=0), show_alert=True)
        return
    await query.answer()
    await state.set_state(DeclineFlow.reason)
    await state.set_data({"decline_demand": demand.id})
    if isinstance(query.message, Message):
        await query.message.answer(
            t("demand-ask-reason", id=demand.id, min=MIN_REASON, max=MAX_REASON)
        )


@router.message(StateFilter(DeclineFlow.reason), Command("cancel"))
async def cmd_cancel(message: Message, t: Text, state: FSMContext) -> None:
    await state.clear()
    await message.answer(t("demand-cancelled"))


@router.message(StateFilter(DeclineFlow.reason), F.text, ~F.text.startswith("/"))
async def step_reason(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    demand_id = int(str((await state.get_data()).get("decline_demand", 0)))
    try:
        demand = await services.demands.decline(user.id, demand_id, message.text or "")
    except DemandError as error:
        await message.answer(
            t(f"demand-error-{error.reason.value}", min=MIN_REASON, max=MAX_REASON)
        )
        if not error.reason.value.startswith("reason-"):
            await state.clear()
        return
    await state.clear()
    await message.answer(t("demand-declined", id=demand.id))


@router.message(StateFilter(DeclineFlow.reason), ~F.text.startswith("/"))
async def step_not_text(message: Message, t: Text) -> None:
    await message.answer(t("demand-expect-text"))
