"""The report's screen: who may see and fill it in, its texts, /progress and the choice of
quarter."""

from html import escape

from aiogram import F
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.acts import act_name
from handlers.callbacks import (
    PlanEditAction,
    PlanEditCb,
    PlanHistoryCb,
    ProgressAction,
    ProgressCb,
)
from handlers.citizen.plans import (
    day_text,
    meeting_line,
    quarter_text,
    shorten,
    state_text,
)
from handlers.keyboards import InlineKeyboard
from handlers.official.plans import parse_meeting_id, source
from handlers.official.progress.flow import (
    ACTION,
    LIST_LIMIT,
    PAGE_SIZE,
    PROBLEM_LIMIT,
    QUARTER_CHOICES,
    decode_quarter,
    encode_quarter,
)
from handlers.replies import edit_markup, edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.access import AccessDeniedError, Right
from services.container import Services
from services.paging import Page
from services.plans import (
    PlanError,
    PlanMeeting,
    Quarter,
    QuarterChoice,
    ReportDraft,
)
from services.users import UserView

router = Routes(name=__name__)

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
            act=act_name(t, seed),
            clause=clause,
        )
    return t(
        "progress-due-overdue",
        due=day_text(t, due),
        days=(today - due).days,
        act=act_name(t, seed),
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

    builder = InlineKeyboard()
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
    builder = InlineKeyboard()
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
    akimat_ids = await services.access.listed_akimat_ids(user.id)
    briefs = await services.plans.published_for_akimats(akimat_ids, LIST_LIMIT)
    if not briefs:
        return t("progress-list-empty"), None
    lines = [t("progress-list-title", count=len(briefs))]
    builder = InlineKeyboard()
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
    builder = InlineKeyboard()
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


async def remove_keyboard(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await edit_markup(query.message, None)
