"""/plan: the results of a meeting and its action plan, written by the host akimat and published.

After the meeting (held, or announced and over) the official writes the results summary and the
items (problem → measure → responsible executor → deadline → linked questions), one by one in
chat or all at once from the XLSX template the bot sends; then publishes within 10 calendar days
after the meetings and receptions end (seed 001, clause 3.5). The draft is in the database, the
item being typed in the FSM storage: a restart loses nothing.

The parent (staff) router lets officials and admins in; every handler and every button checks the
right on the meeting's host akimat again (services.access): acting needs the host akimat itself,
reading is open to the akimats above it.
"""

import asyncio
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from html import escape
from typing import Any

from aiogram import Bot, F
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

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
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from regulation import explain
from services.access import AccessDeniedError, Right
from services.container import Services
from services.plan_xlsx import (
    HEADER_KEYS,
    MAX_FILE_BYTES,
    FileError,
    FileProblem,
    PlanFileError,
    build_template,
    header_names,
    parse_plan,
)
from services.plans import (
    MAX_EXECUTOR,
    MAX_ITEMS,
    MAX_LINKED,
    MAX_MEASURE,
    MAX_PROBLEM,
    MAX_SUMMARY,
    MIN_TEXT,
    ItemDraft,
    PlanError,
    PlanErrorReason,
    PlanMeeting,
    PlanView,
    QuestionRef,
    check_deadline,
    check_text,
)
from services.statuses import MeetingStatus
from services.users import UserView

router = Routes(name=__name__)

ACTION = "plan.publish"
READ_ACTION = "plan.read"
FLOW_KEY = "plan_flow"
MAX_MEETING_ID = 2**31 - 1
LINK_PAGE_SIZE = 6
LINK_TEXT_LIMIT = 40
LIST_LIMIT = 20
ERROR_LINES = 20

_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class PlanStates(StatesGroup):
    summary = State()
    problem = State()
    measure = State()
    executor = State()
    deadline = State()
    questions = State()
    remove = State()
    upload = State()


@dataclass
class Flow:
    """What is being typed for which meeting; the item's fields as far as they are given."""

    meeting_id: int
    problem: str | None = None
    measure: str | None = None
    executor: str | None = None
    due_on: str | None = None  # ISO date
    questions: list[int] = field(default_factory=list)

    @classmethod
    def load(cls, data: dict[str, Any]) -> "Flow | None":
        raw = data.get(FLOW_KEY)
        if not isinstance(raw, dict):
            return None
        try:
            return cls(
                meeting_id=int(raw["meeting_id"]),
                problem=raw.get("problem"),
                measure=raw.get("measure"),
                executor=raw.get("executor"),
                due_on=raw.get("due_on"),
                questions=[int(q) for q in raw.get("questions") or []],
            )
        except (KeyError, TypeError, ValueError):
            return None

    def item(self) -> ItemDraft | None:
        if not (self.problem and self.measure and self.executor and self.due_on):
            return None
        return ItemDraft(
            problem=self.problem,
            measure=self.measure,
            executor=self.executor,
            due_on=date.fromisoformat(self.due_on),
            question_ids=tuple(self.questions),
        )


async def save_flow(state: FSMContext, flow: Flow, step: State) -> None:
    await state.update_data({FLOW_KEY: asdict(flow)})
    await state.set_state(step)


async def drop_flow(state: FSMContext) -> None:
    """Leave the flow, keeping whatever other features keep in FSM data."""
    data = await state.get_data()
    data.pop(FLOW_KEY, None)
    await state.set_data(data)
    await state.set_state(None)


def parse_local_date(text: str) -> date | None:
    """`DD.MM.YYYY` (or with slashes) or `YYYY-MM-DD`; None when it is not a real date."""
    cleaned = text.strip()
    if match := _DMY.match(cleaned):
        day, month, year = (int(part) for part in match.groups())
    elif match := _YMD.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_meeting_id(args: str | None) -> int | None:
    text = (args or "").strip().lstrip("№#")
    if text.isdigit() and 0 < int(text) <= MAX_MEETING_ID:
        return int(text)
    return None


def source(profile: str, rule_key: str) -> tuple[str, str]:
    """The short seed number ("001") and clause ("3.5") of a rule."""
    found = explain(rule_key, profile)
    return found.seed.split("_")[0], found.clause


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
            seed=seed,
            clause=clause,
        )
    return t(
        "plan-due-ahead", due=day_text(t, due), days=(due - today).days, seed=seed, clause=clause
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
    blocks.append(t("plan-items-count", count=len(items), max=MAX_ITEMS))
    item_blocks, current = items_page(t, items, page, with_state=published)
    blocks += item_blocks
    if current.pages > 1:
        blocks.append(t("plan-page", page=current.page + 1, pages=current.pages))
    if not can_act:
        blocks.append(t("plan-read-only"))

    builder = InlineKeyboardBuilder()
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
    akimat_ids = (
        None
        if services.access.is_admin(user.id)
        else [akimat.id for akimat in await services.access.akimats_of(user.id)]
    )
    briefs = await services.plans.awaiting(akimat_ids, LIST_LIMIT)
    if not briefs:
        return t("plan-awaiting-empty"), None
    today = services.plans.today()
    lines = [t("plan-awaiting-title", count=len(briefs))]
    builder = InlineKeyboardBuilder()
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
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("cancel-button"),
        callback_data=PlanEditCb(action=PlanEditAction.CANCEL, meeting_id=meeting_id),
    )
    return builder.as_markup()


def link_keyboard(
    t: Text, meeting_id: int, choices: list[QuestionRef], chosen: list[int], page: int
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
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


# --- the summary -------------------------------------------------------------------------------


@router.callback_query(PlanEditCb.filter(F.action == PlanEditAction.SUMMARY))
async def cb_summary(
    query: CallbackQuery,
    callback_data: PlanEditCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    meeting_id = callback_data.meeting_id
    if await acting(query, meeting_id, user, t, services) is None:
        return
    await query.answer()
    await save_flow(state, Flow(meeting_id), PlanStates.summary)
    await bot.send_message(
        query.from_user.id,
        t("plan-ask-summary", min=MIN_TEXT, max=MAX_SUMMARY),
        reply_markup=cancel_keyboard(t, meeting_id),
    )


# --- an item, step by step ---------------------------------------------------------------------


@router.callback_query(PlanEditCb.filter(F.action == PlanEditAction.ADD))
async def cb_add(
    query: CallbackQuery,
    callback_data: PlanEditCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    meeting_id = callback_data.meeting_id
    if await acting(query, meeting_id, user, t, services) is None:
        return
    plan = await services.plans.plan(meeting_id)
    count = len(plan.items) if plan else 0
    if count >= MAX_ITEMS:
        await query.answer(t("plan-error-too-many-items", limit=MAX_ITEMS), show_alert=True)
        return
    await query.answer()
    await save_flow(state, Flow(meeting_id), PlanStates.problem)
    await bot.send_message(
        query.from_user.id,
        t("plan-ask-problem", position=count + 1, max=MAX_PROBLEM),
        reply_markup=cancel_keyboard(t, meeting_id),
    )


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


@router.message(StateFilter(PlanStates.summary), F.text, ~F.text.startswith("/"))
async def msg_summary(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    flow = await flow_or_reset(message, t, state)
    if flow is None or await still_acting(message, flow, user, t, state, services) is None:
        return
    try:
        await services.plans.set_summary(flow.meeting_id, message.text or "")
    except PlanError as error:
        await message.answer(error_text(t, error))
        if error.reason not in {PlanErrorReason.TOO_SHORT, PlanErrorReason.TOO_LONG}:
            await drop_flow(state)
        return
    await drop_flow(state)
    await message.answer(t("plan-summary-saved"))
    screen = await screen_for(user, flow.meeting_id, t, services)
    if not isinstance(screen, str):
        await message.answer(screen[0], reply_markup=screen[1])


TEXT_STEPS: dict[State, tuple[str, int, State, str]] = {
    # step: (field, limit, next step, its prompt's key)
    PlanStates.problem: ("problem", MAX_PROBLEM, PlanStates.measure, "plan-ask-measure"),
    PlanStates.measure: ("measure", MAX_MEASURE, PlanStates.executor, "plan-ask-executor"),
    PlanStates.executor: (
        "executor",
        MAX_EXECUTOR,
        PlanStates.deadline,
        "plan-ask-deadline",
    ),
}


@router.message(
    StateFilter(PlanStates.problem, PlanStates.measure, PlanStates.executor),
    F.text,
    ~F.text.startswith("/"),
)
async def msg_item_text(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    flow = await flow_or_reset(message, t, state)
    if flow is None:
        return
    meeting = await still_acting(message, flow, user, t, state, services)
    if meeting is None:
        return
    current = await state.get_state()
    step = next(step for step in TEXT_STEPS if step.state == current)
    name, limit, next_state, prompt = TEXT_STEPS[step]
    try:
        value = check_text(message.text or "", limit, single_line=name == "executor")
    except PlanError as error:
        await message.answer(error_text(t, error))
        return
    setattr(flow, name, value)
    await save_flow(state, flow, next_state)
    await message.answer(
        t(
            prompt,
            max=MAX_MEASURE if name == "problem" else MAX_EXECUTOR,
            date=day_text(t, meeting.local_date),
        ),
        reply_markup=cancel_keyboard(t, flow.meeting_id),
    )


@router.message(StateFilter(PlanStates.deadline), F.text, ~F.text.startswith("/"))
async def msg_deadline(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    flow = await flow_or_reset(message, t, state)
    if flow is None:
        return
    meeting = await still_acting(message, flow, user, t, state, services)
    if meeting is None:
        return
    day = parse_local_date(message.text or "")
    if day is None:
        await message.answer(t("plan-bad-date", value=escape(shorten(message.text or "", 40))))
        return
    try:
        check_deadline(day, meeting.local_date)
    except PlanError as error:
        await message.answer(
            t(
                f"plan-error-{error.reason.value}",
                limit=error.limit,
                length=0,
                value=day_text(t, meeting.local_date),
            )
        )
        return
    flow.due_on = day.isoformat()
    await save_flow(state, flow, PlanStates.questions)
    text, keyboard = await link_prompt(flow, t, services)
    await message.answer(text, reply_markup=keyboard)


@router.message(StateFilter(PlanStates.questions), F.text, ~F.text.startswith("/"))
async def msg_question_numbers(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    flow = await flow_or_reset(message, t, state)
    if flow is None or await still_acting(message, flow, user, t, state, services) is None:
        return
    try:
        found = await services.plans.resolve_numbers(flow.meeting_id, message.text or "")
    except PlanError as error:
        await message.answer(error_text(t, error))
        return
    for question_id in found:
        if question_id not in flow.questions:
            flow.questions.append(question_id)
    if len(flow.questions) > MAX_LINKED:
        flow.questions = flow.questions[:MAX_LINKED]
        await message.answer(t("plan-error-too-many-questions", limit=MAX_LINKED, length=0))
    await save_flow(state, flow, PlanStates.questions)
    text, keyboard = await link_prompt(flow, t, services)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(PlanLinkCb.filter())
async def cb_link(
    query: CallbackQuery,
    callback_data: PlanLinkCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    flow = Flow.load(await state.get_data())
    if (
        await state.get_state() != PlanStates.questions.state
        or flow is None
        or flow.meeting_id != callback_data.meeting_id
    ):
        await query.answer(t("plan-stale-step"), show_alert=True)
        return
    try:
        await guard(user, flow.meeting_id, services)
    except AccessDeniedError:
        await drop_flow(state)
        await query.answer(t("access-denied"), show_alert=True)
        return
    question_id = callback_data.question_id
    if question_id:
        known = {q.id for q in await services.plans.meeting_questions(flow.meeting_id)}
        if question_id not in known:
            await query.answer(t("plan-stale-step"), show_alert=True)
            return
        if question_id in flow.questions:
            flow.questions.remove(question_id)
        elif len(flow.questions) >= MAX_LINKED:
            await query.answer(
                t("plan-error-too-many-questions", limit=MAX_LINKED, length=0), show_alert=True
            )
            return
        else:
            flow.questions.append(question_id)
        await save_flow(state, flow, PlanStates.questions)
    await query.answer()
    text, keyboard = await link_prompt(flow, t, services, callback_data.page)
    await edit_or_answer(query, text, reply_markup=keyboard)


@router.callback_query(PlanEditCb.filter(F.action == PlanEditAction.LINK_DONE))
async def cb_link_done(
    query: CallbackQuery,
    callback_data: PlanEditCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    flow = Flow.load(await state.get_data())
    draft = flow.item() if flow else None
    if (
        await state.get_state() != PlanStates.questions.state
        or flow is None
        or draft is None
        or flow.meeting_id != callback_data.meeting_id
    ):
        # The second tap of a double tap lands here: the item is already saved.
        await query.answer(t("plan-stale-step"))
        await remove_keyboard(query)
        return
    if await acting(query, flow.meeting_id, user, t, services) is None:
        await drop_flow(state)
        return
    try:
        item = await services.plans.add_item(flow.meeting_id, draft)
    except PlanError as error:
        await query.answer(error_text(t, error), show_alert=True)
        if error.reason is PlanErrorReason.UNKNOWN_QUESTION:
            # A linked question was deleted meanwhile: choose again.
            flow.questions = []
            await save_flow(state, flow, PlanStates.questions)
        else:
            await drop_flow(state)
        return
    await drop_flow(state)
    await query.answer()
    await remove_keyboard(query)
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("plan-add-next-button"),
        callback_data=PlanEditCb(action=PlanEditAction.ADD, meeting_id=flow.meeting_id),
    )
    builder.button(
        text=t("plan-review-button"),
        callback_data=PlanEditCb(action=PlanEditAction.OPEN, meeting_id=flow.meeting_id),
    )
    builder.adjust(1)
    await bot.send_message(
        query.from_user.id,
        t("plan-item-saved", position=item.position, due=day_text(t, item.due_on)),
        reply_markup=builder.as_markup(),
    )


# --- removing an item --------------------------------------------------------------------------


@router.callback_query(PlanEditCb.filter(F.action == PlanEditAction.REMOVE))
async def cb_remove(
    query: CallbackQuery,
    callback_data: PlanEditCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    meeting_id = callback_data.meeting_id
    if await acting(query, meeting_id, user, t, services) is None:
        return
    plan = await services.plans.plan(meeting_id)
    if plan is None or not plan.items:
        await query.answer(t("plan-error-no-items"), show_alert=True)
        return
    await query.answer()
    await save_flow(state, Flow(meeting_id), PlanStates.remove)
    await bot.send_message(
        query.from_user.id,
        t("plan-ask-remove", count=len(plan.items)),
        reply_markup=cancel_keyboard(t, meeting_id),
    )


@router.message(StateFilter(PlanStates.remove), F.text, ~F.text.startswith("/"))
async def msg_remove(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    flow = await flow_or_reset(message, t, state)
    if flow is None or await still_acting(message, flow, user, t, state, services) is None:
        return
    text = (message.text or "").strip().lstrip("№#")
    if not text.isdigit() or not 0 < int(text) <= MAX_ITEMS:
        await message.answer(t("plan-bad-position"))
        return
    try:
        await services.plans.remove_item(flow.meeting_id, int(text))
    except PlanError as error:
        await message.answer(error_text(t, error))
        if error.reason is not PlanErrorReason.ITEM_NOT_FOUND:
            await drop_flow(state)
        return
    await drop_flow(state)
    await message.answer(t("plan-item-removed", position=int(text)))
    screen = await screen_for(user, flow.meeting_id, t, services)
    if not isinstance(screen, str):
        await message.answer(screen[0], reply_markup=screen[1])


# --- the XLSX template and upload --------------------------------------------------------------


@router.callback_query(PlanEditCb.filter(F.action == PlanEditAction.TEMPLATE))
async def cb_template(
    query: CallbackQuery,
    callback_data: PlanEditCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    meeting_id = callback_data.meeting_id
    if await acting(query, meeting_id, user, t, services) is None:
        return
    await query.answer()
    plan = await services.plans.plan(meeting_id)
    questions = await services.plans.meeting_questions(meeting_id)
    data = await asyncio.to_thread(
        build_template, t, items=plan.items if plan else (), questions=questions
    )
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(data, filename=f"plan-{meeting_id}.xlsx"),
        caption=t(
            "plan-template-caption",
            max=MAX_ITEMS,
            megabytes=MAX_FILE_BYTES // (1024 * 1024),
        ),
    )
    await save_flow(state, Flow(meeting_id), PlanStates.upload)


@router.callback_query(PlanEditCb.filter(F.action == PlanEditAction.UPLOAD))
async def cb_upload(
    query: CallbackQuery,
    callback_data: PlanEditCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    meeting_id = callback_data.meeting_id
    if await acting(query, meeting_id, user, t, services) is None:
        return
    await query.answer()
    await save_flow(state, Flow(meeting_id), PlanStates.upload)
    await bot.send_message(
        query.from_user.id,
        t("plan-ask-upload", megabytes=MAX_FILE_BYTES // (1024 * 1024), max=MAX_ITEMS),
        reply_markup=cancel_keyboard(t, meeting_id),
    )


@router.message(StateFilter(PlanStates), F.document)
async def msg_document(
    message: Message,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    """A file sent at any step of the plan: the filled-in template. Nothing of it is saved
    unless all of it is right."""
    flow = await flow_or_reset(message, t, state)
    if flow is None:
        return
    meeting = await still_acting(message, flow, user, t, state, services)
    if meeting is None or message.document is None:
        return
    document = message.document
    # Checked before downloading: Telegram lets bots download up to 20 MB, we take 10.
    if document.file_size is not None and document.file_size > MAX_FILE_BYTES:
        too_big = FileError(FileProblem.TOO_BIG, limit=MAX_FILE_BYTES, count=document.file_size)
        await message.answer(t("plan-file-rejected") + "\n• " + file_error_line(t, too_big, []))
        return
    try:
        downloaded = await bot.download(document)
    except TelegramBadRequest:
        await message.answer(t("plan-file-download-failed"))
        return
    data = downloaded.read() if downloaded is not None else b""
    try:
        parsed = await asyncio.to_thread(
            parse_plan,
            data,
            headers=header_names(t.translator),
            expected_headers=[t(key) for key in HEADER_KEYS],
            meeting_date=meeting.local_date,
            questions=await services.plans.question_numbers(flow.meeting_id),
        )
    except PlanFileError as failure:
        await message.answer(file_errors_text(t, failure))
        return
    drafts = [
        ItemDraft(
            problem=item.problem,
            measure=item.measure,
            executor=item.executor,
            due_on=item.due_on,
            question_ids=item.question_ids,
        )
        for item in parsed
    ]
    try:
        await services.plans.replace_items(flow.meeting_id, drafts)
    except PlanError as error:
        await message.answer(t("plan-file-rejected") + "\n" + error_text(t, error))
        return
    await drop_flow(state)
    await message.answer(t("plan-file-accepted", count=len(drafts)))
    screen = await screen_for(user, flow.meeting_id, t, services)
    if not isinstance(screen, str):
        await message.answer(screen[0], reply_markup=screen[1])


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
    builder = InlineKeyboardBuilder()
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
    builder = InlineKeyboardBuilder()
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


async def remove_keyboard(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        try:
            await query.message.edit_reply_markup(reply_markup=None)
        except TelegramBadRequest:
            # Already without buttons (the other tap of a double tap removed them).
            return


__all__ = [
    "PlanStates",
    "parse_local_date",
    "render_screen",
    "router",
    "screen_for",
]
