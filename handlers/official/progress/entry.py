"""Filling in an item of the report: status, percent, comment; cancel, and a clear answer to
anything unexpected mid-way."""

from html import escape

from aiogram import Bot, F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import (
    ProgressAction,
    ProgressCb,
)
from handlers.citizen.plans import (
    item_block,
    quarter_text,
    shorten,
    state_text,
)
from handlers.keyboards import InlineKeyboard
from handlers.numbers import whole_number
from handlers.official.progress.flow import (
    PERCENT_CHOICES,
    PROGRESS_STATUSES,
    EntryFlow,
    ProgressStates,
    drop_flow,
    save_flow,
)
from handlers.official.progress.screen import (
    error_text,
    guard_report,
    remove_keyboard,
    render_report,
)
from handlers.routes import Routes
from locales import Text
from services.access import AccessDeniedError
from services.container import Services
from services.plans import (
    MAX_COMMENT,
    PlanError,
    PlanErrorReason,
    PlanItemView,
    ReportDraft,
)
from services.statuses import PlanItemStatus
from services.users import UserView

router = Routes(name=__name__)

# --- filling in an item ------------------------------------------------------------------------


async def report_for(
    query: CallbackQuery, report_id: int, user: UserView, t: Text, services: Services
) -> ReportDraft | None:
    """The draft report if this person may fill it in now; else None, the person told why (a
    refusal raises AccessDeniedError, answered by the staff router's error handler)."""
    draft = await guard_report(user, report_id, services)
    if draft is None:
        await query.answer(t("plan-error-report-not-found"), show_alert=True)
        return None
    if draft.report.published:
        await query.answer(t("plan-error-report-published"), show_alert=True)
        return None
    return draft


def status_keyboard(
    t: Text, flow: EntryFlow, item: PlanItemView, has_history: bool
) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for index, status in enumerate(PROGRESS_STATUSES):
        builder.button(
            text=t("progress-status-button", status=status.value),
            callback_data=ProgressCb(
                action=ProgressAction.STATUS,
                meeting_id=flow.meeting_id,
                report_id=flow.report_id,
                item_id=flow.item_id,
                value=index,
                page=flow.page,
            ),
        )
    sizes = [2, 2]
    if has_history:
        builder.button(
            text=t(
                "progress-same-button",
                status=t("plan-status", status=item.status.value),
                percent=item.percent,
            ),
            callback_data=ProgressCb(
                action=ProgressAction.SAME,
                meeting_id=flow.meeting_id,
                report_id=flow.report_id,
                item_id=flow.item_id,
                page=flow.page,
            ),
        )
        sizes.append(1)
    builder.button(text=t("cancel-button"), callback_data=cancel_cb(flow))
    sizes.append(1)
    builder.adjust(*sizes)
    return builder.as_markup()


def cancel_cb(flow: EntryFlow) -> ProgressCb:
    return ProgressCb(
        action=ProgressAction.CANCEL,
        meeting_id=flow.meeting_id,
        report_id=flow.report_id,
        page=flow.page,
    )


def percent_keyboard(t: Text, flow: EntryFlow) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for percent in PERCENT_CHOICES:
        builder.button(
            text=t("progress-percent-button", percent=percent),
            callback_data=ProgressCb(
                action=ProgressAction.PERCENT,
                meeting_id=flow.meeting_id,
                report_id=flow.report_id,
                item_id=flow.item_id,
                value=percent,
                page=flow.page,
            ),
        )
    builder.button(text=t("cancel-button"), callback_data=cancel_cb(flow))
    builder.adjust(len(PERCENT_CHOICES), 1)
    return builder.as_markup()


def comment_keyboard(t: Text, flow: EntryFlow, item: PlanItemView) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("progress-no-comment-button"),
        callback_data=ProgressCb(
            action=ProgressAction.NO_COMMENT,
            meeting_id=flow.meeting_id,
            report_id=flow.report_id,
            item_id=flow.item_id,
            page=flow.page,
        ),
    )
    if item.comment:
        builder.button(
            text=t("progress-keep-comment-button"),
            callback_data=ProgressCb(
                action=ProgressAction.KEEP_COMMENT,
                meeting_id=flow.meeting_id,
                report_id=flow.report_id,
                item_id=flow.item_id,
                page=flow.page,
            ),
        )
    builder.button(text=t("cancel-button"), callback_data=cancel_cb(flow))
    builder.adjust(1)
    return builder.as_markup()


def find_item(draft: ReportDraft, item_id: int) -> PlanItemView | None:
    return next((item for item in draft.plan.items if item.id == item_id), None)


@router.callback_query(ProgressCb.filter(F.action == ProgressAction.ITEM))
async def cb_item(
    query: CallbackQuery,
    callback_data: ProgressCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    draft = await report_for(query, callback_data.report_id, user, t, services)
    if draft is None:
        return
    item = find_item(draft, callback_data.item_id)
    if item is None:
        await query.answer(t("plan-error-item-not-found"), show_alert=True)
        return
    flow = EntryFlow(
        meeting_id=draft.plan.meeting.id,
        report_id=draft.report.id,
        item_id=item.id,
        page=callback_data.page,
    )
    await save_flow(state, flow, None)
    has_history = bool(await services.plans.history(draft.plan.id))
    entry = draft.report.entries.get(item.id)
    blocks = [
        t(
            "progress-item-title",
            position=item.position,
            quarter=quarter_text(t, draft.report.quarter),
        ),
        item_block(t, item, with_state=has_history),
    ]
    if entry is not None:
        blocks.append(
            t(
                "progress-item-entered",
                state=state_text(t, entry.status, entry.percent, entry.comment),
            )
        )
    blocks.append(t("progress-ask-status"))
    await query.answer()
    await bot.send_message(
        query.from_user.id,
        "\n\n".join(blocks),
        reply_markup=status_keyboard(t, flow, item, has_history),
    )


async def entry_flow(
    query: CallbackQuery, callback_data: ProgressCb, t: Text, state: FSMContext
) -> EntryFlow | None:
    """The item being filled in, if this button belongs to it; else None, the person told."""
    flow = EntryFlow.load(await state.get_data())
    if (
        flow is None
        or flow.report_id != callback_data.report_id
        or flow.item_id != callback_data.item_id
    ):
        await query.answer(t("plan-stale-step"), show_alert=True)
        return None
    return flow


@router.callback_query(ProgressCb.filter(F.action == ProgressAction.STATUS))
async def cb_status(
    query: CallbackQuery,
    callback_data: ProgressCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    flow = await entry_flow(query, callback_data, t, state)
    if flow is None:
        return
    draft = await report_for(query, flow.report_id, user, t, services)
    item = find_item(draft, flow.item_id) if draft else None
    if draft is None or item is None or not 0 <= callback_data.value < len(PROGRESS_STATUSES):
        if draft is not None:
            await query.answer(t("plan-stale-step"), show_alert=True)
        return
    status = PROGRESS_STATUSES[callback_data.value]
    flow.status = status.value
    await query.answer()
    await remove_keyboard(query)
    if status in {PlanItemStatus.IN_PROGRESS, PlanItemStatus.OVERDUE}:
        flow.percent = None
        await save_flow(state, flow, ProgressStates.percent)
        await bot.send_message(
            query.from_user.id,
            t("progress-ask-percent", status=t("plan-status", status=status.value)),
            reply_markup=percent_keyboard(t, flow),
        )
        return
    flow.percent = 100 if status is PlanItemStatus.DONE else 0
    await ask_comment(bot, query.from_user.id, flow, item, t, state)


async def ask_comment(
    bot: Bot, chat_id: int, flow: EntryFlow, item: PlanItemView, t: Text, state: FSMContext
) -> None:
    await save_flow(state, flow, ProgressStates.comment)
    text = t("progress-ask-comment", max=MAX_COMMENT)
    if item.comment:
        text += "\n\n" + t("progress-last-comment", text=escape(shorten(item.comment, 300)))
    await bot.send_message(chat_id, text, reply_markup=comment_keyboard(t, flow, item))


@router.callback_query(ProgressCb.filter(F.action == ProgressAction.PERCENT))
async def cb_percent(
    query: CallbackQuery,
    callback_data: ProgressCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    flow = await entry_flow(query, callback_data, t, state)
    if flow is None:
        return
    if await state.get_state() != ProgressStates.percent.state:
        await query.answer(t("plan-stale-step"), show_alert=True)
        return
    draft = await report_for(query, flow.report_id, user, t, services)
    item = find_item(draft, flow.item_id) if draft else None
    if item is None or callback_data.value not in PERCENT_CHOICES:
        if draft is not None:
            await query.answer(t("plan-stale-step"), show_alert=True)
        return
    flow.percent = callback_data.value
    await query.answer()
    await remove_keyboard(query)
    await ask_comment(bot, query.from_user.id, flow, item, t, state)


@router.message(StateFilter(ProgressStates.percent), F.text, ~F.text.startswith("/"))
async def msg_percent(
    message: Message, bot: Bot, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    flow = EntryFlow.load(await state.get_data())
    if flow is None:
        await drop_flow(state)
        await message.answer(t("plan-flow-lost"))
        return
    percent = whole_number((message.text or "").strip().rstrip("%"), 0, 99)
    if percent is None:
        await message.answer(t("progress-bad-percent"), reply_markup=percent_keyboard(t, flow))
        return
    try:
        draft = await guard_report(user, flow.report_id, services)
    except AccessDeniedError:
        await drop_flow(state)
        await message.answer(t("access-denied"))
        return
    item = find_item(draft, flow.item_id) if draft else None
    if item is None:
        await drop_flow(state)
        await message.answer(t("plan-error-report-not-found"))
        return
    flow.percent = percent
    await ask_comment(bot, message.chat.id, flow, item, t, state)


async def finish_entry(
    chat_id: int,
    bot: Bot,
    flow: EntryFlow,
    comment: str | None,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    """Store the item's entry and show the report again, with the next item to fill in."""
    try:
        draft = await guard_report(user, flow.report_id, services)
    except AccessDeniedError:
        await drop_flow(state)
        await bot.send_message(chat_id, t("access-denied"))
        return
    if draft is None or flow.status is None:
        await drop_flow(state)
        await bot.send_message(chat_id, t("plan-flow-lost"))
        return
    try:
        draft = await services.plans.set_entry(
            flow.report_id, flow.item_id, PlanItemStatus(flow.status), flow.percent, comment
        )
    except PlanError as error:
        await bot.send_message(chat_id, error_text(t, error))
        if error.reason is not PlanErrorReason.TOO_LONG:
            await drop_flow(state)
        return
    await drop_flow(state)
    item = find_item(draft, flow.item_id)
    choice = await services.plans.quarters(flow.meeting_id)
    text, keyboard = render_report(draft, t, services, flow.page, choice)
    saved = t("progress-item-saved", position=item.position if item else 0)
    await bot.send_message(chat_id, saved + "\n\n" + text, reply_markup=keyboard)


@router.message(StateFilter(ProgressStates.comment), F.text, ~F.text.startswith("/"))
async def msg_comment(
    message: Message, bot: Bot, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    flow = EntryFlow.load(await state.get_data())
    if flow is None:
        await drop_flow(state)
        await message.answer(t("plan-flow-lost"))
        return
    await finish_entry(message.chat.id, bot, flow, message.text, user, t, state, services)


@router.callback_query(
    ProgressCb.filter(F.action.in_({ProgressAction.NO_COMMENT, ProgressAction.KEEP_COMMENT}))
)
async def cb_comment_choice(
    query: CallbackQuery,
    callback_data: ProgressCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    flow = await entry_flow(query, callback_data, t, state)
    if flow is None:
        return
    if await state.get_state() != ProgressStates.comment.state:
        await query.answer(t("plan-stale-step"), show_alert=True)
        return
    comment = None
    if callback_data.action is ProgressAction.KEEP_COMMENT:
        draft = await services.plans.report_draft(flow.report_id)
        item = find_item(draft, flow.item_id) if draft else None
        comment = item.comment if item else None
    await query.answer()
    await remove_keyboard(query)
    await finish_entry(query.from_user.id, bot, flow, comment, user, t, state, services)


@router.callback_query(ProgressCb.filter(F.action == ProgressAction.SAME))
async def cb_same(
    query: CallbackQuery,
    callback_data: ProgressCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    """Unchanged since the last published report: its status, percent and comment again."""
    flow = await entry_flow(query, callback_data, t, state)
    if flow is None:
        return
    draft = await report_for(query, flow.report_id, user, t, services)
    item = find_item(draft, flow.item_id) if draft else None
    if item is None:
        if draft is not None:
            await query.answer(t("plan-error-item-not-found"), show_alert=True)
        return
    flow.status = item.status.value
    flow.percent = item.percent
    await query.answer()
    await remove_keyboard(query)
    await finish_entry(query.from_user.id, bot, flow, item.comment, user, t, state, services)


@router.callback_query(ProgressCb.filter(F.action == ProgressAction.CANCEL))
async def cb_cancel(
    query: CallbackQuery,
    callback_data: ProgressCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    flow = EntryFlow.load(await state.get_data())
    if flow is not None and flow.report_id == callback_data.report_id:
        await drop_flow(state)
    await query.answer(t("progress-entry-cancelled"))
    await remove_keyboard(query)


@router.message(Command("cancel"), StateFilter(ProgressStates))
async def cmd_cancel(message: Message, t: Text, state: FSMContext) -> None:
    await drop_flow(state)
    await message.answer(t("progress-entry-cancelled"))


@router.message(StateFilter(ProgressStates), ~F.text.startswith("/"))
async def msg_unexpected(message: Message, t: Text, state: FSMContext) -> None:
    if await state.get_state() == ProgressStates.percent.state:
        await message.answer(t("progress-bad-percent"))
    else:
        await message.answer(t("plan-expect-text"))
