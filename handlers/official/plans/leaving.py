"""Leaving a plan's conversation (Cancel, /cancel), and a clear answer to anything unexpected in
the middle of it. Included after the other plan routers: its catch-all comes last."""

from aiogram import Bot, F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import (
    PlanEditAction,
    PlanEditCb,
)
from handlers.official.plans.flow import (
    Flow,
    PlanStates,
    drop_flow,
)
from handlers.official.plans.screen import (
    cancel_keyboard,
    remove_keyboard,
    send_screen,
)
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.plan_xlsx import (
    MAX_FILE_BYTES,
)
from services.users import UserView

router = Routes(name=__name__)

# --- leaving -----------------------------------------------------------------------------------


@router.callback_query(PlanEditCb.filter(F.action == PlanEditAction.CANCEL))
async def cb_cancel(
    query: CallbackQuery,
    callback_data: PlanEditCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    if await state.get_state() in PlanStates.__all_states_names__:
        await drop_flow(state)
    await query.answer()
    await remove_keyboard(query)
    await bot.send_message(query.from_user.id, t("plan-flow-cancelled"))
    await send_screen(bot, query.from_user.id, user, callback_data.meeting_id, t, services)


@router.message(Command("cancel"), StateFilter(PlanStates))
async def cmd_cancel(message: Message, t: Text, state: FSMContext) -> None:
    await drop_flow(state)
    await message.answer(t("plan-flow-cancelled"))


@router.message(StateFilter(PlanStates), ~F.text.startswith("/"))
async def msg_unexpected(message: Message, t: Text, state: FSMContext) -> None:
    """Stickers, photos, voice...: say what the step expects; what was typed stays."""
    flow = Flow.load(await state.get_data())
    meeting_id = flow.meeting_id if flow else 0
    if await state.get_state() == PlanStates.upload.state:
        await message.answer(
            t("plan-expect-file", megabytes=MAX_FILE_BYTES // (1024 * 1024)),
            reply_markup=cancel_keyboard(t, meeting_id),
        )
    else:
        await message.answer(t("plan-expect-text"), reply_markup=cancel_keyboard(t, meeting_id))
