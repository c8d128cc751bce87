"""A meeting's action plan and its quarterly history, as citizens read them; /plans; following.

The plan is public once published (seed 001, clause 3.5): anyone who opens it from the meeting's
card, from a notice or from /plans sees every item with its current state, and the history of
published quarterly reports. "Follow" puts the person among those told of each new report.

The notices of a published plan and of a published report (handlers/notices/plans.py) use
this module's words and buttons.
"""

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from html import escape, unescape

from aiogram import Bot
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from handlers.callbacks import (
    MeetingAction,
    MeetingCb,
    PlanFollowCb,
    PlanHistoryCb,
    PlansListCb,
    PlanTextCb,
    PlanViewCb,
)
from handlers.fit import parts, shorten, units
from handlers.keyboards import InlineKeyboard
from handlers.names import locality_name
from handlers.replies import edit_markup, edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.paging import Page
from services.plans import (
    PlanBrief,
    PlanItemView,
    PlanMeeting,
    PlanView,
    Quarter,
    ReportView,
)
from services.statuses import PlanItemStatus
from services.users import UserView

router = Routes(name=__name__)

ITEMS_PAGE_SIZE = 3
LIST_PAGE_SIZE = 8
# Long texts are cut in lists so that a page of items stays far below Telegram's 4096
# characters; the whole plan is in the XLSX an official keeps, and every item in full is rare.
SUMMARY_LIMIT = 800
NOTICE_SUMMARY_LIMIT = 600
PROBLEM_LIMIT = 200
# An item may answer up to 30 questions, a person may be behind many linked questions: lists
# of them are cut, with "and N more".
QUESTION_NUMBERS_SHOWN = 5
NOTICE_LINES_SHOWN = 10
MEASURE_LIMIT = 200
EXECUTOR_LIMIT = 100
COMMENT_LIMIT = 150

STATUS_ICONS = {
    PlanItemStatus.NOT_STARTED: "⏳",
    PlanItemStatus.IN_PROGRESS: "🔄",
    PlanItemStatus.DONE: "✅",
    PlanItemStatus.OVERDUE: "⚠️",
}


# --- small pieces shared with the officials' screens -------------------------------------------


def day_text(t: Text, day: date) -> str:
    # Noon of the local day: formatting it through `t.date` cannot move it to another day.
    return t.date(datetime.combine(day, time(12), tzinfo=t.tz))


def quarter_text(t: Text, quarter: Quarter) -> str:
    return t("plan-quarter", year=str(quarter.year), quarter=quarter.number)


def host_name(meeting: PlanMeeting, t: Text) -> str:
    return locality_name(meeting.host_name_kk, meeting.host_name_ru, t.locale)


def meeting_line(meeting: PlanMeeting, t: Text) -> str:
    return t(
        "plan-meeting-line",
        id=str(meeting.id),
        host=host_name(meeting, t),
        date=day_text(t, meeting.local_date),
    )


def state_text(t: Text, status: PlanItemStatus, percent: int, comment: str | None) -> str:
    line = t(
        "plan-item-state",
        icon=STATUS_ICONS[status],
        status=t("plan-status", status=status.value),
        percent=percent,
    )
    if comment:
        line += " — " + escape(shorten(comment, COMMENT_LIMIT))
    return line


def item_block(t: Text, item: PlanItemView, *, with_state: bool) -> str:
    lines = [
        t(
            "plan-item-problem",
            position=item.position,
            text=escape(shorten(item.problem, PROBLEM_LIMIT)),
        ),
        t("plan-item-measure", text=escape(shorten(item.measure, MEASURE_LIMIT))),
        t("plan-item-executor", text=escape(shorten(item.executor, EXECUTOR_LIMIT))),
        t("plan-item-due", date=day_text(t, item.due_on)),
    ]
    if item.questions:
        numbers = ", ".join(
            question.public_number for question in item.questions[:QUESTION_NUMBERS_SHOWN]
        )
        hidden = len(item.questions) - QUESTION_NUMBERS_SHOWN
        if hidden > 0:
            numbers += " " + t("plan-more", count=hidden)
        lines.append(t("plan-item-questions", numbers=numbers))
    if with_state:
        lines.append(state_text(t, item.status, item.percent, item.comment))
    return "\n".join(lines)


def items_page(
    t: Text,
    items: Sequence[PlanItemView],
    page: int,
    *,
    with_state: bool,
    limit: int | None = None,
) -> tuple[list[str], Page[PlanItemView]]:
    """The blocks of one page of items, and the page (for its buttons). With ``limit`` the
    header says how many items a plan may have, too (the official's screen): one line, so the
    count is not said twice."""
    current = Page.of(items, page, ITEMS_PAGE_SIZE)
    blocks = []
    if current.items:
        blocks.append(
            t(
                "plan-items-range" if limit is None else "plan-items-range-limit",
                first=current.offset + 1,
                last=current.offset + len(current.items),
                total=current.total,
                max=limit or 0,
            )
        )
        blocks += [item_block(t, item, with_state=with_state) for item in current.items]
    return blocks, current


def add_page_buttons(
    builder: InlineKeyboard,
    t: Text,
    current: Page[PlanItemView],
    make: Callable[[int], CallbackData],
) -> int:
    """‹ and › for a page of items; returns how many were added (one row)."""
    added = 0
    if current.has_prev:
        builder.button(text=t("plan-prev-button"), callback_data=make(current.page - 1))
        added += 1
    if current.has_next:
        builder.button(text=t("plan-next-button"), callback_data=make(current.page + 1))
        added += 1
    return added


def done_count(statuses: Sequence[PlanItemStatus]) -> int:
    return sum(1 for status in statuses if status is PlanItemStatus.DONE)


# --- the plan as citizens read it --------------------------------------------------------------


def render_plan(
    plan: PlanView, t: Text, page: int, *, following: bool, reports: int
) -> tuple[str, InlineKeyboardMarkup]:
    blocks = [t("plan-title", id=str(plan.meeting.id)), meeting_line(plan.meeting, t)]
    if plan.published_on is not None:
        blocks[-1] += "\n" + t("plan-published-on", date=day_text(t, plan.published_on))
    if plan.summary:
        blocks.append(
            t("plan-summary", text=escape(shorten(plan.summary, SUMMARY_LIMIT)))
            if page == 0
            else t("plan-summary-on-first-page")
        )
    item_blocks, current = items_page(t, plan.items, page, with_state=True)
    blocks += item_blocks
    if current.pages > 1:
        blocks.append(t("plan-page", page=current.page + 1, pages=current.pages))
    builder = InlineKeyboard()
    sizes: list[int] = []
    meeting_id = plan.meeting.id
    navigation = add_page_buttons(
        builder,
        t,
        current,
        lambda number: PlanViewCb(meeting_id=meeting_id, page=number, here=True),
    )
    if navigation:
        sizes.append(navigation)
    if page_is_shortened(plan, current):
        builder.button(
            text=t("screen-full-text-button"),
            callback_data=PlanTextCb(meeting_id=meeting_id, page=current.page),
        )
        sizes.append(1)
    builder.button(
        text=t("plan-history-button", count=reports),
        callback_data=PlanHistoryCb(meeting_id=meeting_id, here=True),
    )
    builder.button(
        text=t("plan-unfollow-button" if following else "plan-follow-button"),
        callback_data=PlanFollowCb(
            meeting_id=meeting_id, on=not following, page=current.page, here=True
        ),
    )
    builder.button(
        text=t("plan-meeting-button"),
        callback_data=MeetingCb(action=MeetingAction.OPEN, meeting_id=plan.meeting.id),
    )
    sizes += [1, 1, 1]
    builder.adjust(*sizes)
    return "\n\n".join(blocks), builder.as_markup()


def page_is_shortened(plan: PlanView, current: Page[PlanItemView]) -> bool:
    """Some text on this page of the plan was shortened to fit its screen."""
    if current.page == 0 and plan.summary and units(plan.summary) > SUMMARY_LIMIT:
        return True
    return any(
        units(item.problem) > PROBLEM_LIMIT
        or units(item.measure) > MEASURE_LIMIT
        or units(item.executor) > EXECUTOR_LIMIT
        or units(item.comment or "") > COMMENT_LIMIT
        for item in current.items
    )


_MARK = "\ue000"
_TAG = re.compile(r"<[^>]*>")


def _plain(html: str) -> str:
    return unescape(_TAG.sub("", html))


def _labelled(t: Text, key: str, value: str, **args: object) -> str:
    """A line of the plan's screen as plain text, ``value`` put in after Fluent (whose
    placeables stop at 2,500 characters)."""
    return _plain(t(key, text=_MARK, **args)).replace(_MARK, value)


def full_page_text(plan: PlanView, t: Text, page: int) -> str:
    """One page of the plan with nothing shortened (the summary on the first), plain text:
    what "Full text" sends, in as many messages as it needs."""
    current = Page.of(plan.items, page, ITEMS_PAGE_SIZE)
    blocks = [_plain(t("plan-title", id=str(plan.meeting.id)))]
    if current.page == 0 and plan.summary:
        blocks.append(_labelled(t, "plan-summary", plan.summary))
    for item in current.items:
        lines = [
            _labelled(t, "plan-item-problem", item.problem, position=item.position),
            _labelled(t, "plan-item-measure", item.measure),
            _labelled(t, "plan-item-executor", item.executor),
            _plain(t("plan-item-due", date=day_text(t, item.due_on))),
            _plain(state_text(t, item.status, item.percent, None)),
        ]
        if item.comment:
            lines[-1] += " — " + item.comment
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_history(
    plan: PlanView, reports: Sequence[ReportView], t: Text
) -> tuple[str, InlineKeyboardMarkup]:
    blocks = [t("plan-history-title", id=str(plan.meeting.id)), meeting_line(plan.meeting, t)]
    builder = InlineKeyboard()
    if not reports:
        blocks.append(t("plan-history-empty"))
    for report in reports:
        # Only published reports are history (services.plans.PlanService.history).
        if report.published_at is None:
            continue
        statuses = [entry.status for entry in report.entries.values()]
        blocks.append(
            t(
                "plan-history-line",
                quarter=quarter_text(t, report.quarter),
                date=day_text(t, report.published_at.astimezone(t.tz).date()),
                done=done_count(statuses),
                total=len(plan.items),
            )
        )
        builder.button(
            text=t("plan-history-report-button", quarter=quarter_text(t, report.quarter)),
            callback_data=PlanHistoryCb(
                meeting_id=plan.meeting.id, report_id=report.id, here=True
            ),
        )
    builder.button(
        text=t("plan-back-to-plan-button"),
        callback_data=PlanViewCb(meeting_id=plan.meeting.id, here=True),
    )
    builder.adjust(1)
    return "\n\n".join(blocks), builder.as_markup()


def render_report(
    plan: PlanView, report: ReportView, t: Text, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    """One published quarterly report: each item's state as it was reported then."""
    published = (
        day_text(t, report.published_at.astimezone(t.tz).date()) if report.published_at else "—"
    )
    blocks = [
        t("plan-report-title", quarter=quarter_text(t, report.quarter), id=str(plan.meeting.id)),
        t("plan-report-published", date=published),
    ]
    current = Page.of(plan.items, page, ITEMS_PAGE_SIZE * 2)
    for item in current.items:
        entry = report.entries.get(item.id)
        state = (
            state_text(t, entry.status, entry.percent, entry.comment)
            if entry
            else t("plan-report-no-entry")
        )
        blocks.append(
            t(
                "plan-report-item",
                position=item.position,
                text=escape(shorten(item.problem, PROBLEM_LIMIT)),
                state=state,
            )
        )
    if current.pages > 1:
        blocks.append(t("plan-page", page=current.page + 1, pages=current.pages))
    builder = InlineKeyboard()
    sizes: list[int] = []
    meeting_id, report_id = plan.meeting.id, report.id
    navigation = add_page_buttons(
        builder,
        t,
        current,
        lambda number: PlanHistoryCb(
            meeting_id=meeting_id, report_id=report_id, page=number, here=True
        ),
    )
    if navigation:
        sizes.append(navigation)
    builder.button(
        text=t("plan-history-all-button"),
        callback_data=PlanHistoryCb(meeting_id=meeting_id, here=True),
    )
    builder.button(
        text=t("plan-back-to-plan-button"),
        callback_data=PlanViewCb(meeting_id=meeting_id, here=True),
    )
    sizes += [1, 1]
    builder.adjust(*sizes)
    return "\n\n".join(blocks), builder.as_markup()


def render_list(page: Page[PlanBrief], t: Text) -> tuple[str, InlineKeyboardMarkup | None]:
    if not page.total:
        return t("plan-list-empty"), None
    lines = [t("plan-list-title", count=page.total)]
    builder = InlineKeyboard()
    for number, brief in enumerate(page.items, start=page.offset + 1):
        published = brief.published_at.astimezone(t.tz).date() if brief.published_at else None
        lines.append(
            t(
                "plan-list-line",
                number=number,
                meeting=meeting_line(brief.meeting, t),
                items=brief.item_count,
                date=day_text(t, published) if published else "—",
            )
        )
        builder.button(
            text=t("plan-list-open-button", number=number),
            callback_data=PlanViewCb(meeting_id=brief.meeting.id),
        )
    count = len(page.items)
    sizes = [4] * (count // 4) + ([count % 4] if count % 4 else [])
    navigation = 0
    if page.has_prev:
        builder.button(text=t("plan-prev-button"), callback_data=PlansListCb(page=page.page - 1))
        navigation += 1
    if page.has_next:
        builder.button(text=t("plan-next-button"), callback_data=PlansListCb(page=page.page + 1))
        navigation += 1
    if navigation:
        sizes.append(navigation)
    if page.pages > 1:
        lines.append(t("plan-page", page=page.page + 1, pages=page.pages))
    builder.adjust(*sizes)
    return "\n\n".join(lines), builder.as_markup()


# --- handlers ----------------------------------------------------------------------------------


async def show(
    query: CallbackQuery, bot: Bot, here: bool, screen: tuple[str, InlineKeyboardMarkup]
) -> None:
    """Replace the plan screen the button sits on; a button elsewhere (a meeting's card, a
    notice) gets a message of its own, and what it sat on stays as it was."""
    if here:
        await edit_or_answer(query, screen[0], reply_markup=screen[1])
    else:
        await bot.send_message(query.from_user.id, screen[0], reply_markup=screen[1])


async def plan_screen(
    meeting_id: int, page: int, user: UserView, t: Text, services: Services
) -> tuple[str, InlineKeyboardMarkup] | None:
    plan = await services.plans.published_plan(meeting_id)
    if plan is None:
        return None
    following = await services.plans.is_following(plan.id, user.id)
    reports = await services.plans.history(plan.id)
    return render_plan(plan, t, page, following=following, reports=len(reports))


@router.message(Command("plans"))
async def cmd_plans(message: Message, user: UserView, t: Text, services: Services) -> None:
    page = await services.plans.plans_for_user(user.id, 0, LIST_PAGE_SIZE)
    text, keyboard = render_list(page, t)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(PlansListCb.filter())
async def cb_plans_page(
    query: CallbackQuery,
    callback_data: PlansListCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    page = await services.plans.plans_for_user(user.id, callback_data.page, LIST_PAGE_SIZE)
    text, keyboard = render_list(page, t)
    await query.answer()
    await edit_or_answer(query, text, reply_markup=keyboard)


@router.callback_query(PlanViewCb.filter())
async def cb_plan(
    query: CallbackQuery,
    callback_data: PlanViewCb,
    bot: Bot,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    screen = await plan_screen(callback_data.meeting_id, callback_data.page, user, t, services)
    if screen is None:
        await query.answer(t("plan-not-published"), show_alert=True)
        return
    await query.answer()
    await show(query, bot, callback_data.here, screen)


@router.callback_query(PlanTextCb.filter())
async def cb_plan_text(
    query: CallbackQuery, callback_data: PlanTextCb, bot: Bot, t: Text, services: Services
) -> None:
    """The page of a published plan whose texts were shortened, whole."""
    plan = await services.plans.published_plan(callback_data.meeting_id)
    if plan is None:
        await query.answer(t("plan-not-published"), show_alert=True)
        return
    await query.answer()
    for part in parts(full_page_text(plan, t, callback_data.page)):
        await bot.send_message(query.from_user.id, part, parse_mode=None)


def follow_button(t: Text, meeting_id: int, following: bool) -> InlineKeyboardButton:
    """The button under a plan notice, as it reads for someone who follows the plan or not."""
    return InlineKeyboardButton(
        text=t("plan-unfollow-button" if following else "plan-follow-button"),
        callback_data=PlanFollowCb(meeting_id=meeting_id, on=not following).pack(),
    )


def with_follow_state(
    markup: InlineKeyboardMarkup, t: Text, meeting_id: int, following: bool
) -> InlineKeyboardMarkup | None:
    """The notice's keyboard with its follow button showing ``following``; None when it is so
    already (a double tap) or has no such button. The other buttons stay as they are."""
    rows: list[list[InlineKeyboardButton]] = []
    changed = False
    wanted = follow_button(t, meeting_id, following)
    for row in markup.inline_keyboard:
        kept: list[InlineKeyboardButton] = []
        for button in row:
            if follows_meeting(button, meeting_id) and (
                button.text != wanted.text or button.callback_data != wanted.callback_data
            ):
                kept.append(wanted)
                changed = True
            else:
                kept.append(button)
        rows.append(kept)
    return InlineKeyboardMarkup(inline_keyboard=rows) if changed else None


def follows_meeting(button: InlineKeyboardButton, meeting_id: int) -> bool:
    if button.callback_data is None:
        return False
    try:
        data = PlanFollowCb.unpack(button.callback_data)
    except (TypeError, ValueError):
        return False
    return data.meeting_id == meeting_id


@router.callback_query(PlanFollowCb.filter())
async def cb_follow(
    query: CallbackQuery,
    callback_data: PlanFollowCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    plan = await services.plans.published_plan(callback_data.meeting_id)
    if plan is None:
        await query.answer(t("plan-not-published"), show_alert=True)
        return
    following = await services.plans.follow(callback_data.meeting_id, user.id, callback_data.on)
    await query.answer(t("plan-followed" if following else "plan-unfollowed"))
    if callback_data.here:
        # The button sits on the plan itself: show its new label.
        screen = await plan_screen(callback_data.meeting_id, callback_data.page, user, t, services)
        if screen is not None:
            await edit_or_answer(query, screen[0], reply_markup=screen[1])
        return
    # Under a notice: its text stays as it was sent, only the button turns into the other one
    # (Follow ↔ Stop following), so the notice never says "Follow" to a follower.
    message = query.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return
    markup = with_follow_state(message.reply_markup, t, callback_data.meeting_id, following)
    if markup is None:
        return
    # Too old to edit, or already so (the other tap of a double tap): the pop-up said it.
    await edit_markup(message, markup)


@router.callback_query(PlanHistoryCb.filter())
async def cb_history(
    query: CallbackQuery,
    callback_data: PlanHistoryCb,
    bot: Bot,
    t: Text,
    services: Services,
) -> None:
    plan = await services.plans.published_plan(callback_data.meeting_id)
    if plan is None:
        await query.answer(t("plan-not-published"), show_alert=True)
        return
    if callback_data.report_id == 0:
        text, keyboard = render_history(plan, await services.plans.history(plan.id), t)
    else:
        report = await services.plans.report(callback_data.report_id)
        if report is None or report.plan_id != plan.id or not report.published:
            await query.answer(t("plan-report-not-found"), show_alert=True)
            return
        text, keyboard = render_report(plan, report, t, callback_data.page)
    await query.answer()
    await show(query, bot, callback_data.here, (text, keyboard))


__all__ = [
    "day_text",
    "host_name",
    "item_block",
    "items_page",
    "meeting_line",
    "quarter_text",
    "render_history",
    "render_list",
    "render_plan",
    "render_report",
    "router",
    "shorten",
    "state_text",
]
