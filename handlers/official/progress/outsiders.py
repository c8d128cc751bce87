"""Officials' commands and buttons from someone who is not (or no longer) staff: a clear answer,
and the attempt in the audit log."""

from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import (
    PlanEditCb,
    PlanLinkCb,
    ProgressCb,
)
from handlers.filters import IsStaff
from handlers.official.plans import ACTION as PLAN_ACTION
from handlers.official.plans import PlanStates
from handlers.official.progress.flow import (
    ProgressStates,
)
from handlers.routes import Routes
from locales import Text
from services.access import AccessDeniedError, Right
from services.audit import AuditAction
from services.container import Services
from services.users import UserView

# --- people who are not (or no longer) staff ---------------------------------------------------

outsiders = Routes(name=f"{__name__}.outsiders")
# Staff fall through to here too when none of their handlers matched (a command typed in the
# middle of a step): these handlers are for the others only.
outsiders.message.filter(~IsStaff())
outsiders.callback_query.filter(~IsStaff())


async def _refuse(user: UserView, action: AuditAction, services: Services) -> None:
    """Audit the attempt of someone who is not staff (always refused: no akimat)."""
    try:
        await services.access.require(user.id, None, Right.ACT, action=action)
    except AccessDeniedError:
        return


@outsiders.callback_query(PlanEditCb.filter())
@outsiders.callback_query(PlanLinkCb.filter())
@outsiders.callback_query(ProgressCb.filter())
async def outsider_button(
    query: CallbackQuery, user: UserView, t: Text, services: Services
) -> None:
    await _refuse(user, PLAN_ACTION, services)
    await query.answer(t("access-denied"), show_alert=True)


@outsiders.message(StateFilter(PlanStates, ProgressStates))
async def outsider_typing(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    """Someone removed from the akimat mid-way: what they were typing goes nowhere."""
    await _refuse(user, PLAN_ACTION, services)
    await state.set_state(None)
    await message.answer(t("access-denied"))
