"""The plan's screen: who may see and change it, its texts and keyboards, /plan and the
meetings list."""

from html import escape

from aiogram import Bot, F
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.acts import act_name
from handlers.callbacks import (
    PlanEditAction,
    PlanEditCb,
    PlanLinkCb,
    PlanViewCb,
    ProgressAction,
    ProgressCb,
)
from handlers.citizen.plans import (
    day_text,
    items_page,
    meeting_line,
    shorten,
)
from handlers.keyboards import InlineKeyboard
from handlers.numbers import parse_meeting_id
from handlers.official.plans.flow import (
    ACTION,
    LINK_PAGE_SIZE,
    LINK_TEXT_LIMIT,
    LIST_LIMIT,
    READ_ACTION,
    Flow,
    drop_flow,
    source,
)
from handlers.replies import edit_markup, edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.access import AccessDeniedError, Right
from services.container import Services
from services.plan_xlsx import (
    HEADER_KEYS,
    MAX_FILE_BYTES,
    FileError,
    FileProblem,
    PlanFileError,
)
from services.plans import (
    MAX_ITEMS,
    MAX_LINKED,
    PlanError,
    PlanMeeting,
    PlanView,
    QuestionRef,
)
from services.statuses import MeetingStatus
from services.users import UserView

router = Routes(name=__name__)

# --- rights ------------------------------------------------------------------------------------


async def guard(
    user: UserView, meeting_id: int, services: Services, right: Right = Right.ACT
) -> PlanMeeting | None:
    """The meeting, once the right on its host akimat is checked (AccessDeniedError, audited,
    when missing); None when there is no such meeting."""
    meeting = await services.plans.meeting(meeting_id)
    if meeting is None:
        return None
    await services.access.require(
        user.id,
        meeting.host_akimat_id,
        right,
        action=ACTION if right is Right.ACT else READ_ACTION,
        target=f"meeting:{meeting_id}",
    )
    return meeting


# --- texts -------------------------------------------------------------------------------------


def error_text(t: Text, error: PlanError) -> str:
    return t(
        f"plan-error-{error.reason.value}",
        limit=error.limit,
        length=error.length,
        value=escape(error.value),
    )


def due_line(plan: PlanView | None, meeting: PlanMeeting, t: Text, services: Services) -> str:
    """By when the plan is due and where the law says so; late or on time once published."""
    due = plan.due_on if plan is not None else meeting.due_on
    if due is None:
        return t("plan-due-none")
    seed, clause = source(services.profile, "action_plan")
    today = services.plans.today()
    if plan is not None and plan.published_on is not None:
        late = max(0, (plan.published_on - due).days)
        return t(
            "plan-published-late" if late else "plan-published-on-time",
            date=day_text(t, plan.published_on),
            due=day_text(t, due),
            days=late,
        )
    if today > due:
        return t(
            "plan-due-overdue",
            due=day_text(t, due),
            days=(today - due).days,
            act=act_name(t, seed),
            clause=clause,
        )
    return t(
        "plan-due-ahead",
        due=day_text(t, due),
        days=(due - today).days,
        act=act_name(t, seed),
        clause=clause,
    )


def render_screen(
    plan: PlanView | None,
    meeting: PlanMeeting,
    t: Text,
    services: Services,
    page: int,
    *,
    can_act: bool,
) -> tuple[str, InlineKeyboardMarkup]:
    """The official's screen of a plan: its state, the deadline, the items, what can be done."""
    published = plan is not None and plan.published
    blocks = [
        t("plan-official-title", id=str(meeting.id), published="yes" if published else "no"),
        meeting_line(meeting, t),
        due_line(plan, meeting, t, services),
    ]
    items = plan.items if plan else ()
    summary = plan.summary if plan else None
    if summary:
        blocks.append(t("plan-summary", text=escape(shorten(summary, 600))))
    else:
        blocks.append(t("plan-summary-missing"))
    if not items:
        blocks.append(t("plan-items-count", count=0, max=MAX_ITEMS))
    item_blocks, current = items_page(t, items, page, with_state=published, limit=MAX_ITEMS)
    blocks += item_blocks
    if current.pages > 1:
        blocks.append(t("plan-page", page=current.page + 1, pages=current.pages))
    if not can_act:
        blocks.append(t("plan-read-only"))

    builder = InlineKeyboard()
    sizes: list[int] = []

    def edit(action: PlanEditAction, page: int = 0) -> PlanEditCb:
        return PlanEditCb(action=action, meeting_id=meeting.id, page=page)

    if can_act and not published:
        builder.button(text=t("plan-summary-button"), callback_data=edit(PlanEditAction.SUMMARY))
        builder.button(text=t("plan-add-button"), callback_data=edit(PlanEditAction.ADD))
        builder.button(text=t("plan-template-button"), callback_data=edit(PlanEditAction.TEMPLATE))
        builder.button(text=t("plan-upload-button"), callback_data=edit(PlanEditAction.UPLOAD))
        sizes += [2, 2]
        if items:
            builder.button(text=t("plan-remove-button"), callback_data=edit(PlanEditAction.REMOVE))
            sizes.append(1)
    navigation = 0
    if current.has_prev:
        builder.button(
            text=t("plan-prev-button"), callback_data=edit(PlanEditAction.OPEN, current.page - 1)
        )
        navigation += 1
    if current.has_next:
        builder.button(
            text=t("plan-next-button"), callback_data=edit(PlanEditAction.OPEN, current.page + 1)
        )
        navigation += 1
    if navigation:
        sizes.append(navigation)
    if can_act and not published and summary and items:
        builder.button(text=t("plan-publish-button"), callback_data=edit(PlanEditAction.PUBLISH))
        sizes.append(1)
    if published:
        if can_act:
            builder.button(
                text=t("plan-progress-button"),
                callback_data=ProgressCb(action=ProgressAction.OPEN, meeting_id=meeting.id),
            )
            sizes.append(1)
        builder.button(
            text=t("plan-public-view-button"), callback_data=PlanViewCb(meeting_id=meeting.id)
        )
        sizes.append(1)
    builder.button(text=t("plan-list-button"), callback_data=edit(PlanEditAction.LIST))
    sizes.append(1)
    builder.adjust(*sizes)
    return "\n\n".join(blocks), builder.as_markup()


async def screen_for(
    user: UserView, meeting_id: int, t: Text, services: Services, page: int = 0
) -> tuple[str, InlineKeyboardMarkup] | str:
    """The plan's screen for this person, or the text saying why it cannot be shown."""
    try:
        meeting = await guard(user, meeting_id, services, Right.READ)
    except AccessDeniedError:
        return t("access-denied")
    if meeting is None:
        return t("plan-error-meeting-not-found")
    can_act = await services.access.allowed(user.id, meeting.host_akimat_id, Right.ACT)
    plan = await services.plans.plan(meeting_id)
    if plan is None or not plan.published:
        if meeting.status is MeetingStatus.CANCELLED:
            return t("plan-error-meeting-cancelled")
        if not meeting.plannable:
            return t("plan-error-meeting-not-over")
    return render_screen(plan, meeting, t, services, page, can_act=can_act)


async def render_awaiting(
    user: UserView, t: Text, services: Services
) -> tuple[str, InlineKeyboardMarkup | None]:
    """/plan without a number: this person's meetings that wait for their results."""
    akimat_ids = await services.access.listed_akimat_ids(user.id)
    briefs = await services.plans.awaiting(akimat_ids, LIST_LIMIT)
    if not briefs:
        return t("plan-awaiting-empty"), None
    today = services.plans.today()
    lines = [t("plan-awaiting-title", count=len(briefs))]
    builder = InlineKeyboard()
    for brief in briefs:
        due = brief.meeting.due_on
        lines.append(
            t(
                "plan-awaiting-line",
                meeting=meeting_line(brief.meeting, t),
                due=day_text(t, due) if due else "—",
                overdue=max(0, (today - due).days) if due else 0,
                items=brief.item_count,
            )
        )
        builder.button(
            text=t("plan-awaiting-button", id=str(brief.meeting.id)),
            callback_data=PlanEditCb(action=PlanEditAction.OPEN, meeting_id=brief.meeting.id),
        )
    builder.adjust(4)
    return "\n\n".join(lines), builder.as_markup()


def cancel_keyboard(t: Text, meeting_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("cancel-button"),
        callback_data=PlanEditCb(action=PlanEditAction.CANCEL, meeting_id=meeting_id),
    )
    return builder.as_markup()


def link_keyboard(
    t: Text, meeting_id: int, choices: list[QuestionRef], chosen: list[int], page: int
) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    sizes: list[int] = []
    last = max(0, (len(choices) - 1) // LINK_PAGE_SIZE)
    page = min(max(page, 0), last)
    for question in choices[page * LINK_PAGE_SIZE : (page + 1) * LINK_PAGE_SIZE]:
        builder.button(
            text=t(
                "plan-link-choice",
                chosen="yes" if question.id in chosen else "no",
                number=question.public_number,
                supports=question.support_count,
                text=shorten(" ".join(question.text.split()), LINK_TEXT_LIMIT),
            ),
            callback_data=PlanLinkCb(meeting_id=meeting_id, question_id=question.id, page=page),
        )
        sizes.append(1)
    navigation = 0
    if page > 0:
        builder.button(
            text=t("plan-prev-button"),
            callback_data=PlanLinkCb(meeting_id=meeting_id, page=page - 1),
        )
        navigation += 1
    if page < last:
        builder.button(
            text=t("plan-next-button"),
            callback_data=PlanLinkCb(meeting_id=meeting_id, page=page + 1),
        )
        navigation += 1
    if navigation:
        sizes.append(navigation)
    builder.button(
        text=t("plan-link-done-button", count=len(chosen)),
        callback_data=PlanEditCb(action=PlanEditAction.LINK_DONE, meeting_id=meeting_id),
    )
    builder.button(
        text=t("cancel-button"),
        callback_data=PlanEditCb(action=PlanEditAction.CANCEL, meeting_id=meeting_id),
    )
    sizes.append(2)
    builder.adjust(*sizes)
    return builder.as_markup()


async def link_prompt(
    flow: Flow, t: Text, services: Services, page: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    accepted = await services.plans.meeting_questions(flow.meeting_id, accepted_only=True)
    # Questions linked by typing their numbers show too, so they can be unlinked.
    shown = {question.id for question in accepted}
    extra = [
        question
        for question in await services.plans.meeting_questions(flow.meeting_id)
        if question.id in flow.questions and question.id not in shown
    ]
    choices = extra + accepted
    numbers = [q.public_number for q in choices if q.id in flow.questions]
    text = t(
        "plan-ask-questions",
        max=MAX_LINKED,
        accepted=len(accepted),
        chosen=", ".join(numbers) if numbers else "—",
    )
    return text, link_keyboard(t, flow.meeting_id, choices, flow.questions, page)


def file_error_line(t: Text, error: FileError, expected: list[str]) -> str:
    return t(
        f"plan-file-{error.problem.value}",
        row=error.row or 0,
        column=error.column or "",
        value=escape(error.value),
        expected=escape(error.expected),
        limit=error.limit,
        count=error.count,
        megabytes=MAX_FILE_BYTES // (1024 * 1024),
        columns=escape(", ".join(expected)),
    )


def file_errors_text(t: Text, failure: PlanFileError) -> str:
    expected = [t(key) for key in HEADER_KEYS]
    lines = [t("plan-file-rejected")]
    lines += ["• " + file_error_line(t, error, expected) for error in failure.errors]
    if failure.total > len(failure.errors):
        lines.append(t("plan-file-more", count=failure.total - len(failure.errors)))
    if any(
        e.problem in {FileProblem.HEADER_WRONG, FileProblem.HEADER_MISSING} for e in failure.errors
    ):
        lines.append(t("plan-file-columns-hint", columns=escape(", ".join(expected))))
    return "\n".join(lines)


# --- /plan and the screen ----------------------------------------------------------------------


@router.message(Command("plan"))
async def cmd_plan(
    message: Message, command: CommandObject, user: UserView, t: Text, services: Services
) -> None:
    if not command.args:
        text, keyboard = await render_awaiting(user, t, services)
        await message.answer(text, reply_markup=keyboard)
        return
    meeting_id = parse_meeting_id(command.args)
    if meeting_id is None:
        await message.answer(t("plan-usage"))
        return
    screen = await screen_for(user, meeting_id, t, services)
    if isinstance(screen, str):
        await message.answer(screen)
        return
    await message.answer(screen[0], reply_markup=screen[1])


@router.callback_query(PlanEditCb.filter(F.action == PlanEditAction.LIST))
async def cb_list(query: CallbackQuery, user: UserView, t: Text, services: Services) -> None:
    text, keyboard = await render_awaiting(user, t, services)
    await query.answer()
    await edit_or_answer(query, text, reply_markup=keyboard)


@router.callback_query(PlanEditCb.filter(F.action == PlanEditAction.OPEN))
async def cb_open(
    query: CallbackQuery,
    callback_data: PlanEditCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    screen = await screen_for(user, callback_data.meeting_id, t, services, callback_data.page)
    if isinstance(screen, str):
        await query.answer(screen, show_alert=True)
        return
    await query.answer()
    # `fresh`: pressed under a duty reminder, which stays as it was; the screen is a new message.
    await edit_or_answer(query, screen[0], reply_markup=screen[1], fresh=callback_data.fresh)


async def send_screen(
    bot: Bot, chat_id: int, user: UserView, meeting_id: int, t: Text, services: Services
) -> None:
    screen = await screen_for(user, meeting_id, t, services)
    if isinstance(screen, str):
        await bot.send_message(chat_id, screen)
    else:
        await bot.send_message(chat_id, screen[0], reply_markup=screen[1])


async def acting(
    query: CallbackQuery, meeting_id: int, user: UserView, t: Text, services: Services
) -> PlanMeeting | None:
    """The meeting if this person may change its plan now; else None, the person told why."""
    try:
        meeting = await guard(user, meeting_id, services)
    except AccessDeniedError:
        await query.answer(t("access-denied"), show_alert=True)
        return None
    if meeting is None:
        await query.answer(t("plan-error-meeting-not-found"), show_alert=True)
        return None
    plan = await services.plans.plan(meeting_id)
    if plan is not None and plan.published:
        await query.answer(t("plan-error-already-published"), show_alert=True)
        return None
    try:
        await services.plans.start(meeting_id)
    except PlanError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return None
    return meeting


async def flow_or_reset(message: Message, t: Text, state: FSMContext) -> Flow | None:
    flow = Flow.load(await state.get_data())
    if flow is None:
        await drop_flow(state)
        await message.answer(t("plan-flow-lost"))
    return flow


async def still_acting(
    message: Message, flow: Flow, user: UserView, t: Text, state: FSMContext, services: Services
) -> PlanMeeting | None:
    """Typed text re-checks the right too: it may have been taken away mid-flow."""
    try:
        meeting = await guard(user, flow.meeting_id, services)
    except AccessDeniedError:
        await drop_flow(state)
        await message.answer(t("access-denied"))
        return None
    if meeting is None:
        await drop_flow(state)
        await message.answer(t("plan-error-meeting-not-found"))
    return meeting


async def remove_keyboard(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await edit_markup(query.message, None)
