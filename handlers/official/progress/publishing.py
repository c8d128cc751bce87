"""Publishing a complete report: a confirmation, then the service makes it the items' state and
tells the plan's followers and the linked questions' people in one transaction."""

from aiogram import F
from aiogram.types import CallbackQuery

from handlers.callbacks import (
    PlanEditAction,
    PlanEditCb,
    PlanHistoryCb,
    ProgressAction,
    ProgressCb,
)
from handlers.citizen.plans import (
    quarter_text,
)
from handlers.keyboards import InlineKeyboard
from handlers.official.progress.entry import (
    report_for,
)
from handlers.official.progress.flow import (
    encode_quarter,
)
from handlers.official.progress.screen import (
    error_text,
    guard_report,
)
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.plans import (
    PlanError,
)
from services.users import UserView

router = Routes(name=__name__)

# --- publishing --------------------------------------------------------------------------------


@router.callback_query(ProgressCb.filter(F.action == ProgressAction.PUBLISH))
async def cb_publish(
    query: CallbackQuery,
    callback_data: ProgressCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    draft = await report_for(query, callback_data.report_id, user, t, services)
    if draft is None:
        return
    if not draft.complete:
        await query.answer(
            t("plan-error-report-incomplete", length=len(draft.missing), limit=0, value=""),
            show_alert=True,
        )
        return
    builder = InlineKeyboard()
    builder.button(
        text=t("progress-confirm-button"),
        callback_data=ProgressCb(
            action=ProgressAction.CONFIRM,
            meeting_id=draft.plan.meeting.id,
            report_id=draft.report.id,
        ),
    )
    builder.button(
        text=t("plan-not-yet-button"),
        callback_data=ProgressCb(
            action=ProgressAction.OPEN,
            meeting_id=draft.plan.meeting.id,
            value=encode_quarter(draft.report.quarter),
        ),
    )
    builder.adjust(1)
    await query.answer()
    await edit_or_answer(
        query,
        t(
            "progress-confirm",
            quarter=quarter_text(t, draft.report.quarter),
            id=str(draft.plan.meeting.id),
            total=len(draft.plan.items),
        ),
        reply_markup=builder.as_markup(),
    )


@router.callback_query(ProgressCb.filter(F.action == ProgressAction.CONFIRM))
async def cb_confirm(
    query: CallbackQuery,
    callback_data: ProgressCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    draft = await guard_report(user, callback_data.report_id, services)
    if draft is None:
        await query.answer(t("plan-error-report-not-found"), show_alert=True)
        return
    try:
        result = await services.plans.publish_report(callback_data.report_id, user.id)
    except PlanError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    await query.answer()
    quarter = quarter_text(t, result.draft.report.quarter)
    meeting_id = result.draft.plan.meeting.id
    if result.already:
        await edit_or_answer(
            query, t("progress-already-done", quarter=quarter, id=str(meeting_id))
        )
        return
    builder = InlineKeyboard()
    builder.button(
        text=t("progress-history-button"),
        callback_data=PlanHistoryCb(meeting_id=meeting_id),
    )
    builder.button(
        text=t("progress-plan-button"),
        callback_data=PlanEditCb(action=PlanEditAction.OPEN, meeting_id=meeting_id),
    )
    builder.adjust(1)
    lines = [t("progress-published", quarter=quarter, id=str(meeting_id), count=result.notified)]
    if result.days_late:
        lines.append(t("progress-published-late", days=result.days_late))
    await edit_or_answer(query, "\n\n".join(lines), reply_markup=builder.as_markup())
