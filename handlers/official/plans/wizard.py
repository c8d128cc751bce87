"""Writing the plan in chat: the results summary, an item step by step (problem, measure,
executor, deadline, linked questions), removing an item."""

from html import escape

from aiogram import Bot, F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import (
    PlanEditAction,
    PlanEditCb,
    PlanLinkCb,
)
from handlers.citizen.plans import (
    day_text,
    shorten,
)
from handlers.keyboards import InlineKeyboard
from handlers.numbers import whole_number
from handlers.official.plans.flow import (
    Flow,
    PlanStates,
    drop_flow,
    parse_local_date,
    save_flow,
)
from handlers.official.plans.screen import (
    acting,
    cancel_keyboard,
    error_text,
    flow_or_reset,
    guard,
    link_prompt,
    remove_keyboard,
    screen_for,
    still_acting,
)
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.access import AccessDeniedError
from services.container import Services
from services.plans import (
    MAX_EXECUTOR,
    MAX_ITEMS,
    MAX_LINKED,
    MAX_MEASURE,
    MAX_PROBLEM,
    MAX_SUMMARY,
    MIN_TEXT,
    PlanError,
    PlanErrorReason,
    check_deadline,
    check_text,
)
from services.users import UserView

router = Routes(name=__name__)

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
    builder = InlineKeyboard()
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
    position = whole_number((message.text or "").strip().lstrip("№#"), 1, MAX_ITEMS)
    if position is None:
        await message.answer(t("plan-bad-position"))
        return
    try:
        await services.plans.remove_item(flow.meeting_id, position)
    except PlanError as error:
        await message.answer(error_text(t, error))
        if error.reason is not PlanErrorReason.ITEM_NOT_FOUND:
            await drop_flow(state)
        return
    await drop_flow(state)
    await message.answer(t("plan-item-removed", position=position))
    screen = await screen_for(user, flow.meeting_id, t, services)
    if not isinstance(screen, str):
        await message.answer(screen[0], reply_markup=screen[1])
