"""/demand: citizens ask their akimat for an extra meeting on a topic, and neighbours support
such demands, once each (seed 001, 3.1; services/demands.py).

A person picks one of their localities, reads its open demands (most supported first),
supports one, or writes a new one. Every button is checked again by the service: who follows
the locality, whether the demand is still open.
"""

from html import escape

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import DemandAction, DemandCb
from handlers.keyboards import InlineKeyboard
from handlers.names import locality_name
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.demands import MAX_TOPIC, MIN_TOPIC, DemandError, SupportOutcome
from services.users import UserView

router = Routes(name=__name__)

# A topic as a list line: the start of it (the whole is at most MAX_TOPIC characters).
LINE_CHARS = 200


class DemandFlow(StatesGroup):
    topic = State()


def shorten(text: str, limit: int = LINE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def locality_screen(
    user: UserView, code: str, t: Text, services: Services
) -> tuple[str, InlineKeyboardMarkup]:
    unit = await services.localities.get(code)
    name = escape(locality_name(unit.name_kk, unit.name_ru, t.locale)) if unit else code
    lines = await services.demands.of_locality(user.id, code)
    text = [t("demand-list-title", locality=name), ""]
    builder = InlineKeyboard()
    if not lines:
        text.append(t("demand-list-empty"))
    for line in lines:
        demand = line.demand
        text.append(
            t(
                "demand-line",
                id=demand.id,
                topic=escape(shorten(demand.topic)),
                supports=demand.supports,
            )
            + (" " + t("demand-line-mine") if line.supported else "")
        )
        if not line.supported:
            builder.button(
                text=t("demand-support-button", id=demand.id),
                callback_data=DemandCb(
                    action=DemandAction.SUPPORT, demand_id=demand.id, code=code
                ),
            )
    builder.button(
        text=t("demand-new-button"), callback_data=DemandCb(action=DemandAction.NEW, code=code)
    )
    builder.adjust(1)
    return "\n".join(text), builder.as_markup()


@router.message(Command("demand"))
async def cmd_demand(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    await state.set_state(None)
    subscriptions = await services.subscriptions.list(user.id)
    if not subscriptions:
        await message.answer(t("demand-no-subscriptions"))
        return
    if len(subscriptions) == 1:
        text, markup = await locality_screen(user, subscriptions[0].locality_code, t, services)
        await message.answer(text, reply_markup=markup)
        return
    builder = InlineKeyboard()
    for subscription in subscriptions:
        builder.button(
            text=locality_name(subscription.name_kk, subscription.name_ru, t.locale),
            callback_data=DemandCb(action=DemandAction.LIST, code=subscription.locality_code),
        )
    builder.adjust(1)
    await message.answer(t("demand-pick-locality"), reply_markup=builder.as_markup())


@router.callback_query(DemandCb.filter(F.action == DemandAction.LIST))
async def cb_list(
    query: CallbackQuery, callback_data: DemandCb, user: UserView, t: Text, services: Services
) -> None:
    await query.answer()
    text, markup = await locality_screen(user, callback_data.code, t, services)
    await edit_or_answer(query, text, markup)


@router.callback_query(DemandCb.filter(F.action == DemandAction.SUPPORT))
async def cb_support(
    query: CallbackQuery, callback_data: DemandCb, user: UserView, t: Text, services: Services
) -> None:
    result = await services.demands.support(user.id, callback_data.demand_id)
    await query.answer(t(f"demand-support-{result.outcome.value}"), show_alert=True)
    if result.outcome in (SupportOutcome.SUPPORTED, SupportOutcome.ALREADY, SupportOutcome.CLOSED):
        text, markup = await locality_screen(user, callback_data.code, t, services)
        await edit_or_answer(query, text, markup)


@router.callback_query(DemandCb.filter(F.action == DemandAction.NEW))
async def cb_new(
    query: CallbackQuery, callback_data: DemandCb, t: Text, state: FSMContext
) -> None:
    await query.answer()
    await state.set_state(DemandFlow.topic)
    await state.set_data({"demand_code": callback_data.code})
    await edit_or_answer(query, t("demand-ask-topic", min=MIN_TOPIC, max=MAX_TOPIC))


@router.message(StateFilter(DemandFlow.topic), Command("cancel"))
async def cmd_cancel(message: Message, t: Text, state: FSMContext) -> None:
    await state.clear()
    await message.answer(t("demand-cancelled"))


@router.message(StateFilter(DemandFlow.topic), F.text, ~F.text.startswith("/"))
async def step_topic(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    code = str((await state.get_data()).get("demand_code", ""))
    try:
        demand = await services.demands.create(user.id, code, message.text or "")
    except DemandError as error:
        await message.answer(t(f"demand-error-{error.reason.value}", min=MIN_TOPIC, max=MAX_TOPIC))
        if error.reason.value.startswith("topic-"):
            return  # still in the step: the next message is the topic again
        await state.clear()
        return
    await state.clear()
    await message.answer(t("demand-created", id=demand.id, topic=escape(demand.topic)))
    text, markup = await locality_screen(user, code, t, services)
    await message.answer(text, reply_markup=markup)


@router.message(StateFilter(DemandFlow.topic), ~F.text.startswith("/"))
async def step_not_text(message: Message, t: Text) -> None:
    await message.answer(t("demand-expect-text"))
