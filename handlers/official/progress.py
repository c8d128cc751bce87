"""/progress: the quarterly report on an action plan, item by item, then published.

Each quarter the host akimat reports on every item of the plan: its status (not started, in
progress, done, overdue), how far it is (percent) and a comment, by the 25th of the month after
the quarter (seed 001, clause 3.5). The report is a draft in the database until every item is
filled in; publishing makes it the items' current state and part of the plan's history, and
tells the plan's followers and the authors and supporters of the linked questions.

Which quarter: the earliest one since the plan was published that has ended and is not reported
yet (the one just ended, during its window; an overdue one first). The parent (staff) router
lets officials and admins in; every handler re-checks the right on the host akimat.
"""

from dataclasses import asdict, dataclass
from html import escape
from typing import Any

from aiogram import Bot, F
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.callbacks import (
    PlanEditAction,
    PlanEditCb,
    PlanHistoryCb,
    PlanLinkCb,
    ProgressAction,
    ProgressCb,
)
from handlers.citizen.plans import (
    day_text,
    item_block,
    meeting_line,
    quarter_text,
    shorten,
    state_text,
)
from handlers.filters import IsStaff
from handlers.official.plans import ACTION as PLAN_ACTION
from handlers.official.plans import PlanStates, parse_meeting_id, source
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.access import AccessDeniedError, Right
from services.container import Services
from services.paging import Page
from services.plans import (
    MAX_COMMENT,
    PlanError,
    PlanErrorReason,
    PlanItemView,
    PlanMeeting,
    Quarter,
    QuarterChoice,
    ReportDraft,
)
from services.statuses import PlanItemStatus
from services.users import UserView

router = Routes(name=__name__)

ACTION = "plan.progress"
FLOW_KEY = "progress_flow"
PROGRESS_STATUSES = (
    PlanItemStatus.NOT_STARTED,
    PlanItemStatus.IN_PROGRESS,
    PlanItemStatus.DONE,
    PlanItemStatus.OVERDUE,
)
PERCENT_CHOICES = (10, 25, 50, 75, 90)
PAGE_SIZE = 8
PROBLEM_LIMIT = 120
LIST_LIMIT = 20
QUARTER_CHOICES = 8


class ProgressStates(StatesGroup):
    percent = State()
    comment = State()


@dataclass
class EntryFlow:
    """The item being filled in, as far as it is given (kept in the FSM storage)."""

    meeting_id: int
    report_id: int
    item_id: int
    status: str | None = None
    percent: int | None = None
    page: int = 0

    @classmethod
    def load(cls, data: dict[str, Any]) -> "EntryFlow | None":
        raw = data.get(FLOW_KEY)
        if not isinstance(raw, dict):
            return None
        try:
            return cls(
                meeting_id=int(raw["meeting_id"]),
                report_id=int(raw["report_id"]),
                item_id=int(raw["item_id"]),
                status=raw.get("status"),
                percent=raw.get("percent"),
                page=int(raw.get("page") or 0),
            )
        except (KeyError, TypeError, ValueError):
            return None


async def save_flow(state: FSMContext, flow: EntryFlow, step: State | None) -> None:
    await state.update_data({FLOW_KEY: asdict(flow)})
    await state.set_state(step)


async def drop_flow(state: FSMContext) -> None:
    data = await state.get_data()
    data.pop(FLOW_KEY, None)
    await state.set_data(data)
    await state.set_state(None)


def encode_quarter(quarter: Quarter) -> int:
    return quarter.year * 10 + quarter.number


def decode_quarter(value: int) -> Quarter | None:
    year, number = divmod(value, 10)
    return Quarter(year, number) if 1 <= number <= 4 and 2000 <= year <= 2200 else None


# --- rights ------------------------------------------------------------------------------------


async def guard_meeting(user: UserView, meeting_id: int, services: Services) -> PlanMeeting | None:
    meeting = await services.plans.meeting(meeting_id)
    if meeting is None:
        return None
    await services.access.require(
        user.id, meeting.host_akimat_id, Right.ACT, action=ACTION, target=f"meeting:{meeting_id}"
    )
    return meeting


async def guard_report(user: UserView, report_id: int, services: Services) -> ReportDraft | None:
    draft = await services.plans.report_draft(report_id)
    if draft is None:
        return None
    meeting = draft.plan.meeting
    await services.access.require(
        user.id, meeting.host_akimat_id, Right.ACT, action=ACTION, target=f"meeting:{meeting.id}"
    )
    return draft


# --- texts -------------------------------------------------------------------------------------


def error_text(t: Text, error: PlanError) -> str:
    return t(
        f"plan-error-{error.reason.value}",
        limit=error.limit,
        length=error.length,
        value=escape(error.value),
    )


def due_line(t: Text, quarter: Quarter, services: Services, published: bool) -> str:
    due = services.plans.progress_due_date(quarter)
    if due is None:
        return t("progress-due-none")
    seed, clause = source(services.profile, "progress")
    today = services.plans.today()
    if published or today <= due:
        return t(
            "progress-due",
            due=day_text(t, due),
            days=max(0, (due - today).days),
            seed=seed,
            clause=clause,
        )
    return t(
        "progress-due-overdue",
        due=day_text(t, due),
        days=(today - due).days,
        seed=seed,
        clause=clause,
    )


def render_report(
    draft: ReportDraft, t: Text, services: Services, page: int, choice: QuarterChoice | None
) -> tuple[str, InlineKeyboardMarkup]:
    plan, report = draft.plan, draft.report
    quarter = report.quarter
    filled = len(plan.items) - len(draft.missing)
    blocks = [
        t(
            "progress-title",
            id=str(plan.meeting.id),
            quarter=quarter_text(t, quarter),
            first=day_text(t, quarter.first_day),
            last=day_text(t, quarter.last_day),
        ),
        meeting_line(plan.meeting, t),
        due_line(t, quarter, services, report.published),
        t("progress-filled", filled=filled, total=len(plan.items)),
    ]
    current = Page.of(plan.items, page, PAGE_SIZE)
    for item in current.items:
        entry = report.entries.get(item.id)
        blocks.append(
            t(
                "progress-item-line",
                position=item.position,
                text=escape(shorten(item.problem, PROBLEM_LIMIT)),
                state=state_text(t, entry.status, entry.percent, entry.comment)
                if entry
                else t("progress-item-empty"),
            )
        )
    if current.pages > 1:
        blocks.append(t("plan-page", page=current.page + 1, pages=current.pages))
    if report.published:
        blocks.append(t("progress-already-published"))
    elif draft.complete:
        blocks.append(t("progress-ready"))

    builder = InlineKeyboardBuilder()
    sizes: list[int] = []
    meeting_id = plan.meeting.id
    if not report.published:
        missing = draft.missing
        if missing:
            builder.button(
                text=t("progress-next-item-button", position=missing[0].position),
                callback_data=ProgressCb(
                    action=ProgressAction.ITEM,
                    meeting_id=meeting_id,
                    report_id=report.id,
                    item_id=missing[0].id,
                    page=current.page,
                ),
            )
            sizes.append(1)
        for item in current.items:
            builder.button(
                text=t(
                    "progress-item-button",
                    position=item.position,
                    filled="yes" if item.id in report.entries else "no",
                ),
                callback_data=ProgressCb(
                    action=ProgressAction.ITEM,
                    meeting_id=meeting_id,
                    report_id=report.id,
                    item_id=item.id,
                    page=current.page,
                ),
            )
        count = len(current.items)
        sizes += [4] * (count // 4) + ([count % 4] if count % 4 else [])
    navigation = 0
    for shift, key in ((-1, "plan-prev-button"), (1, "plan-next-button")):
        target = current.page + shift
        if (shift < 0 and current.has_prev) or (shift > 0 and current.has_next):
            builder.button(
                text=t(key),
                callback_data=ProgressCb(
                    action=ProgressAction.OPEN,
                    meeting_id=meeting_id,
                    value=encode_quarter(quarter),
                    page=target,
                ),
            )
            navigation += 1
    if navigation:
        sizes.append(navigation)
    if not report.published and draft.complete:
        builder.button(
            text=t("progress-publish-button"),
            callback_data=ProgressCb(
                action=ProgressAction.PUBLISH, meeting_id=meeting_id, report_id=report.id
            ),
        )
        sizes.append(1)
    if choice is not None and len(choice.open) > 1:
        builder.button(
            text=t("progress-quarters-button"),
            callback_data=ProgressCb(action=ProgressAction.QUARTERS, meeting_id=meeting_id),
        )
        sizes.append(1)
    builder.button(
        text=t("progress-plan-button"),
        callback_data=PlanEditCb(action=PlanEditAction.OPEN, meeting_id=meeting_id),
    )
    sizes.append(1)
    builder.adjust(*sizes)
    return "\n\n".join(blocks), builder.as_markup()


def render_nothing_due(
    meeting: PlanMeeting, choice: QuarterChoice, t: Text, services: Services
) -> tuple[str, InlineKeyboardMarkup]:
    """Every ended quarter is reported: say which comes next and when."""
    upcoming = choice.upcoming
    due = services.plans.progress_due_date(upcoming)
    blocks = [
        t("progress-nothing-due", id=str(meeting.id)),
        meeting_line(meeting, t),
        t(
            "progress-next-quarter",
            quarter=quarter_text(t, upcoming),
            opens=day_text(t, upcoming.next().first_day),
            due=day_text(t, due) if due else "—",
        ),
    ]
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("progress-history-button"), callback_data=PlanHistoryCb(meeting_id=meeting.id)
    )
    builder.button(
        text=t("progress-plan-button"),
        callback_data=PlanEditCb(action=PlanEditAction.OPEN, meeting_id=meeting.id),
    )
    builder.adjust(1)
    return "\n\n".join(blocks), builder.as_markup()


async def open_screen(
    user: UserView, meeting_id: int, value: int, page: int, t: Text, services: Services
) -> tuple[str, InlineKeyboardMarkup] | str:
    """The report screen of quarter ``value`` (0: the default one), or why it cannot be shown."""
    try:
        meeting = await guard_meeting(user, meeting_id, services)
    except AccessDeniedError:
        return t("access-denied")
    if meeting is None:
        return t("plan-error-meeting-not-found")
    try:
        choice = await services.plans.quarters(meeting_id)
    except PlanError:
        return t("progress-no-plan", id=str(meeting_id))
    quarter = decode_quarter(value) if value else choice.default
    if quarter is None:
        if value:
            return t("plan-error-quarter-not-open")
        return render_nothing_due(meeting, choice, t, services)
    try:
        draft = await services.plans.open_report(meeting_id, quarter)
    except PlanError as error:
        return error_text(t, error)
    return render_report(draft, t, services, page, choice)


async def render_plans(
    user: UserView, t: Text, services: Services
) -> tuple[str, InlineKeyboardMarkup | None]:
    akimat_ids = (
        None
        if services.access.is_admin(user.id)
        else [akimat.id for akimat in await services.access.akimats_of(user.id)]
    )
    briefs = await services.plans.published_for_akimats(akimat_ids, LIST_LIMIT)
    if not briefs:
        return t("progress-list-empty"), None
    lines = [t("progress-list-title", count=len(briefs))]
    builder = InlineKeyboardBuilder()
    for brief in briefs:
        choice = await services.plans.quarters(brief.meeting.id)
        pending = choice.default
        due = services.plans.progress_due_date(pending) if pending else None
        lines.append(
            t(
                "progress-list-line",
                meeting=meeting_line(brief.meeting, t),
                pending="yes" if pending else "no",
                quarter=quarter_text(t, pending or choice.upcoming),
                due=day_text(t, due) if due else "—",
            )
        )
        builder.button(
            text=t("plan-awaiting-button", id=str(brief.meeting.id)),
            callback_data=ProgressCb(action=ProgressAction.OPEN, meeting_id=brief.meeting.id),
        )
    builder.adjust(4)
    return "\n\n".join(lines), builder.as_markup()


# --- /progress and the report screen -----------------------------------------------------------


@router.message(Command("progress"))
async def cmd_progress(
    message: Message, command: CommandObject, user: UserView, t: Text, services: Services
) -> None:
    if not command.args:
        text, keyboard = await render_plans(user, t, services)
        await message.answer(text, reply_markup=keyboard)
        return
    meeting_id = parse_meeting_id(command.args)
    if meeting_id is None:
        await message.answer(t("progress-usage"))
        return
    screen = await open_screen(user, meeting_id, 0, 0, t, services)
    if isinstance(screen, str):
        await message.answer(screen)
    else:
        await message.answer(screen[0], reply_markup=screen[1])


@router.callback_query(ProgressCb.filter(F.action == ProgressAction.LIST))
async def cb_list(query: CallbackQuery, user: UserView, t: Text, services: Services) -> None:
    text, keyboard = await render_plans(user, t, services)
    await query.answer()
    await edit_or_answer(query, text, reply_markup=keyboard)


@router.callback_query(ProgressCb.filter(F.action == ProgressAction.OPEN))
async def cb_open(
    query: CallbackQuery,
    callback_data: ProgressCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    screen = await open_screen(
        user, callback_data.meeting_id, callback_data.value, callback_data.page, t, services
    )
    if isinstance(screen, str):
        await query.answer(screen, show_alert=True)
        return
    await query.answer()
    # `fresh`: pressed under a duty reminder, which stays as it was; the screen is a new message.
    await edit_or_answer(query, screen[0], reply_markup=screen[1], fresh=callback_data.fresh)


@router.callback_query(ProgressCb.filter(F.action == ProgressAction.QUARTERS))
async def cb_quarters(
    query: CallbackQuery,
    callback_data: ProgressCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    try:
        meeting = await guard_meeting(user, callback_data.meeting_id, services)
        choice = await services.plans.quarters(callback_data.meeting_id)
    except PlanError:
        await query.answer(
            t("progress-no-plan", id=str(callback_data.meeting_id)), show_alert=True
        )
        return
    if meeting is None:
        await query.answer(t("plan-error-meeting-not-found"), show_alert=True)
        return
    builder = InlineKeyboardBuilder()
    for quarter in choice.open[-QUARTER_CHOICES:]:
        due = services.plans.progress_due_date(quarter)
        builder.button(
            text=t(
                "progress-quarter-button",
                quarter=quarter_text(t, quarter),
                due=day_text(t, due) if due else "—",
            ),
            callback_data=ProgressCb(
                action=ProgressAction.OPEN,
                meeting_id=meeting.id,
                value=encode_quarter(quarter),
            ),
        )
    builder.adjust(1)
    await query.answer()
    await edit_or_answer(
        query, t("progress-choose-quarter", id=str(meeting.id)), reply_markup=builder.as_markup()
    )


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
    builder = InlineKeyboardBuilder()
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
    builder = InlineKeyboardBuilder()
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
    builder = InlineKeyboardBuilder()
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
    text = (message.text or "").strip().rstrip("%").strip()
    if not text.isdigit() or not 0 <= int(text) <= 99:
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
    flow.percent = int(text)
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
    builder = InlineKeyboardBuilder()
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
    builder = InlineKeyboardBuilder()
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


async def remove_keyboard(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        try:
            await query.message.edit_reply_markup(reply_markup=None)
        except TelegramBadRequest:
            return


# --- people who are not (or no longer) staff ---------------------------------------------------

outsiders = Routes(name=f"{__name__}.outsiders")
# Staff fall through to here too when none of their handlers matched (a command typed in the
# middle of a step): these handlers are for the others only.
outsiders.message.filter(~IsStaff())
outsiders.callback_query.filter(~IsStaff())


async def _refuse(user: UserView, action: str, services: Services) -> None:
    """Audit the attempt of someone who is not staff (always refused: no akimat)."""
    try:
        await services.access.require(user.id, None, Right.ACT, action=action)
    except AccessDeniedError:
        return


@outsiders.message(Command("plan", "progress"))
async def outsider_command(message: Message, user: UserView, t: Text, services: Services) -> None:
    await _refuse(user, PLAN_ACTION, services)
    await message.answer(t("access-denied"))


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


__all__ = ["ProgressStates", "decode_quarter", "encode_quarter", "outsiders", "router"]
