"""The XLSX template the bot sends and the filled-in file the official uploads: every bad row
and cell named, nothing saved from a bad file."""

import asyncio

from aiogram import Bot, F
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from handlers.callbacks import (
    PlanEditAction,
    PlanEditCb,
)
from handlers.official.plans.flow import (
    Flow,
    PlanStates,
    drop_flow,
    save_flow,
)
from handlers.official.plans.screen import (
    acting,
    cancel_keyboard,
    error_text,
    file_error_line,
    file_errors_text,
    flow_or_reset,
    screen_for,
    still_acting,
)
from handlers.routes import Routes
from locales import Text
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
    MAX_ITEMS,
    ItemDraft,
    PlanError,
)
from services.users import UserView

router = Routes(name=__name__)

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
