"""Publishing the plan: a confirmation, then the service closes the meeting and tells the
audience and the authors and supporters of the linked questions in one transaction."""

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from handlers.callbacks import (
    PlanEditAction,
    PlanEditCb,
    PlanViewCb,
    ProgressAction,
    ProgressCb,
)
from handlers.keyboards import InlineKeyboard
from handlers.official.plans.flow import (
    Flow,
    drop_flow,
)
from handlers.official.plans.screen import (
    acting,
    due_line,
    error_text,
    guard,
)
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.plans import (
    PlanError,
    PlanErrorReason,
)
from services.users import UserView

router = Routes(name=__name__)

# --- publishing --------------------------------------------------------------------------------


@router.callback_query(PlanEditCb.filter(F.action == PlanEditAction.PUBLISH))
async def cb_publish(
    query: CallbackQuery,
    callback_data: PlanEditCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    meeting_id = callback_data.meeting_id
    meeting = await acting(query, meeting_id, user, t, services)
    if meeting is None:
        return
    plan = await services.plans.plan(meeting_id)
    if plan is None or not plan.summary or not plan.items:
        reason = (
            PlanErrorReason.NO_SUMMARY if plan and not plan.summary else PlanErrorReason.NO_ITEMS
        )
        await query.answer(error_text(t, PlanError(reason)), show_alert=True)
        return
    linked = sum(len(item.questions) for item in plan.items)
    builder = InlineKeyboard()
    builder.button(
        text=t("plan-confirm-button"),
        callback_data=PlanEditCb(action=PlanEditAction.CONFIRM, meeting_id=meeting_id),
    )
    builder.button(
        text=t("plan-not-yet-button"),
        callback_data=PlanEditCb(action=PlanEditAction.OPEN, meeting_id=meeting_id),
    )
    builder.adjust(1)
    await query.answer()
    await edit_or_answer(
        query,
        "\n\n".join(
            [
                t("plan-confirm", id=str(meeting_id), items=len(plan.items), linked=linked),
                due_line(plan, meeting, t, services),
            ]
        ),
        reply_markup=builder.as_markup(),
    )


@router.callback_query(PlanEditCb.filter(F.action == PlanEditAction.CONFIRM))
async def cb_confirm(
    query: CallbackQuery,
    callback_data: PlanEditCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    meeting_id = callback_data.meeting_id
    meeting = await guard(user, meeting_id, services)
    if meeting is None:
        await query.answer(t("plan-error-meeting-not-found"), show_alert=True)
        return
    try:
        result = await services.plans.publish(meeting_id, user.id)
    except PlanError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    await query.answer()
    flow = Flow.load(await state.get_data())
    if flow is not None and flow.meeting_id == meeting_id:
        await drop_flow(state)
    if result.already:
        await edit_or_answer(query, t("plan-already-published", id=str(meeting_id)))
        return
    builder = InlineKeyboard()
    builder.button(
        text=t("plan-progress-button"),
        callback_data=ProgressCb(action=ProgressAction.OPEN, meeting_id=meeting_id),
    )
    builder.button(
        text=t("plan-public-view-button"), callback_data=PlanViewCb(meeting_id=meeting_id)
    )
    builder.adjust(1)
    await edit_or_answer(
        query,
        "\n\n".join(
            [
                t("plan-published", id=str(meeting_id), count=result.notified),
                due_line(result.plan, meeting, t, services),
            ]
        ),
        reply_markup=builder.as_markup(),
    )
