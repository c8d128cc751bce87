"""/received: an official enters a question or proposal the akimat received outside the bot (at
a reception, by letter, on its site), so the feedback index (seed 004, clauses 20-22) is not
computed on Telegram alone. Steps: the akimat (when they act for several), question or
proposal, the channel, the day received, its status, the confirming reference (an accepted
proposal), the text. Saving checks the right to act for the akimat again
(services/feedback.py). Every step accepts /cancel and keeps its state on bad input.
"""

import asyncio
import re
from datetime import date
from html import escape

from aiogram import Bot, F
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import EntryCb, EntryStep
from handlers.keyboards import InlineKeyboard
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.feedback import (
    ENTRY_STATUSES,
    EntryError,
    FeedbackChannel,
    OutsideEntry,
    QuestionKind,
    QuestionStatus,
    check_received_on,
    clean_entry_text,
    clean_reference,
)
from services.feedback_xlsx import (
    MAX_ROWS,
    EntryFileError,
    EntryFileIssue,
    build_entry_template,
    parse_entries,
)
from services.kato.names import name_for_locale
from services.plan_xlsx import MAX_FILE_BYTES

router = Routes(name=__name__)

# One key per kind and status (a key is built from one value at most: the locale tests).
STATUS_KEYS: dict[tuple[QuestionKind, QuestionStatus], str] = {
    (QuestionKind.QUESTION, QuestionStatus.NEW): "entry-status-question-new",
    (QuestionKind.QUESTION, QuestionStatus.ANSWERED): "entry-status-question-answered",
    (QuestionKind.QUESTION, QuestionStatus.REJECTED): "entry-status-question-rejected",
    (QuestionKind.PROPOSAL, QuestionStatus.NEW): "entry-status-proposal-new",
    (QuestionKind.PROPOSAL, QuestionStatus.ACCEPTED): "entry-status-proposal-accepted",
    (QuestionKind.PROPOSAL, QuestionStatus.REJECTED): "entry-status-proposal-rejected",
}
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


class EntryStates(StatesGroup):
    akimat = State()
    kind = State()
    channel = State()
    received_on = State()
    status = State()
    reference = State()
    text = State()
    upload = State()


def parse_day(value: str) -> date | None:
    match = _DMY.match(value.strip())
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _keyboard(t: Text, buttons: list[tuple[str, EntryCb]]) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for text, data in buttons:
        builder.button(text=text, callback_data=data)
    builder.button(text=t("cancel-button"), callback_data=EntryCb(step=EntryStep.CANCEL))
    builder.adjust(1)
    return builder.as_markup()


def kind_keyboard(t: Text) -> InlineKeyboardMarkup:
    return _keyboard(
        t,
        [
            (t(f"entry-kind-{kind.value}"), EntryCb(step=EntryStep.KIND, value=kind.value))
            for kind in QuestionKind
        ]
        + [(t("entry-file-button"), EntryCb(step=EntryStep.FILE))],
    )


def channel_keyboard(t: Text) -> InlineKeyboardMarkup:
    return _keyboard(
        t,
        [
            (t(f"entry-channel-{c.value}"), EntryCb(step=EntryStep.CHANNEL, value=c.value))
            for c in FeedbackChannel
        ],
    )


def status_keyboard(t: Text, kind: QuestionKind) -> InlineKeyboardMarkup:
    return _keyboard(
        t,
        [
            (
                t(STATUS_KEYS[kind, status]),
                EntryCb(step=EntryStep.STATUS, value=status.value),
            )
            for status in ENTRY_STATUSES[kind]
        ],
    )


@router.message(Command("received"))
async def cmd_received(message: Message, t: Text, state: FSMContext, services: Services) -> None:
    assert message.from_user is not None
    await state.clear()
    akimats = await services.access.akimats_of(message.from_user.id)
    if not akimats:
        await message.answer(t("entry-no-akimat"))
        return
    if len(akimats) == 1:
        await state.update_data(akimat_id=akimats[0].id)
        await state.set_state(EntryStates.kind)
        await message.answer(t("entry-ask-kind"), reply_markup=kind_keyboard(t))
        return
    await state.set_state(EntryStates.akimat)
    buttons = [
        (
            name_for_locale(akimat.name_kk, akimat.name_ru, t.locale),
            EntryCb(step=EntryStep.AKIMAT, value=str(akimat.id)),
        )
        for akimat in akimats
    ]
    await message.answer(t("entry-ask-akimat"), reply_markup=_keyboard(t, buttons))


@router.callback_query(EntryCb.filter(F.step == EntryStep.CANCEL))
async def cb_cancel(query: CallbackQuery, t: Text, state: FSMContext) -> None:
    await state.clear()
    await query.answer()
    await edit_or_answer(query, t("cancelled"), None)


@router.message(Command("cancel"), StateFilter(EntryStates))
async def cmd_cancel(message: Message, t: Text, state: FSMContext) -> None:
    await state.clear()
    await message.answer(t("cancelled"))


@router.callback_query(EntryCb.filter(F.step == EntryStep.AKIMAT), EntryStates.akimat)
async def cb_akimat(
    query: CallbackQuery, callback_data: EntryCb, t: Text, state: FSMContext, services: Services
) -> None:
    own = {akimat.id for akimat in await services.access.akimats_of(query.from_user.id)}
    if not callback_data.value.isdigit() or int(callback_data.value) not in own:
        await query.answer(t("entry-stale"), show_alert=True)
        return
    await state.update_data(akimat_id=int(callback_data.value))
    await state.set_state(EntryStates.kind)
    await query.answer()
    await edit_or_answer(query, t("entry-ask-kind"), kind_keyboard(t))


@router.callback_query(EntryCb.filter(F.step == EntryStep.KIND), EntryStates.kind)
async def cb_kind(
    query: CallbackQuery, callback_data: EntryCb, t: Text, state: FSMContext
) -> None:
    if callback_data.value not in {kind.value for kind in QuestionKind}:
        await query.answer(t("entry-stale"), show_alert=True)
        return
    await state.update_data(kind=callback_data.value)
    await state.set_state(EntryStates.channel)
    await query.answer()
    await edit_or_answer(query, t("entry-ask-channel"), channel_keyboard(t))


@router.callback_query(EntryCb.filter(F.step == EntryStep.CHANNEL), EntryStates.channel)
async def cb_channel(
    query: CallbackQuery, callback_data: EntryCb, t: Text, state: FSMContext
) -> None:
    if callback_data.value not in {channel.value for channel in FeedbackChannel}:
        await query.answer(t("entry-stale"), show_alert=True)
        return
    await state.update_data(channel=callback_data.value)
    await state.set_state(EntryStates.received_on)
    await query.answer()
    today = _keyboard(t, [(t("entry-today-button"), EntryCb(step=EntryStep.TODAY))])
    await edit_or_answer(query, t("entry-ask-date"), today)


async def _after_date(
    message: Message, day: date, t: Text, state: FSMContext, services: Services
) -> None:
    try:
        check_received_on(day, services.feedback.today())
    except EntryError as error:
        await message.answer(t(f"entry-error-{error.reason.value}"))
        return
    await state.update_data(received_on=day.isoformat())
    await state.set_state(EntryStates.status)
    kind = QuestionKind((await state.get_data())["kind"])
    await message.answer(t("entry-ask-status"), reply_markup=status_keyboard(t, kind))


@router.callback_query(EntryCb.filter(F.step == EntryStep.TODAY), EntryStates.received_on)
async def cb_today(query: CallbackQuery, t: Text, state: FSMContext, services: Services) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await _after_date(query.message, services.feedback.today(), t, state, services)


@router.message(EntryStates.received_on, F.text)
async def msg_date(message: Message, t: Text, state: FSMContext, services: Services) -> None:
    day = parse_day(message.text or "")
    if day is None:
        await message.answer(t("entry-error-date"))
        return
    await _after_date(message, day, t, state, services)


@router.callback_query(EntryCb.filter(F.step == EntryStep.STATUS), EntryStates.status)
async def cb_status(
    query: CallbackQuery, callback_data: EntryCb, t: Text, state: FSMContext
) -> None:
    data = await state.get_data()
    kind = QuestionKind(data["kind"])
    if callback_data.value not in {status.value for status in ENTRY_STATUSES[kind]}:
        await query.answer(t("entry-stale"), show_alert=True)
        return
    await state.update_data(status=callback_data.value)
    await query.answer()
    if kind is QuestionKind.PROPOSAL and callback_data.value == QuestionStatus.ACCEPTED.value:
        await state.set_state(EntryStates.reference)
        await edit_or_answer(query, t("entry-ask-reference"), None)
        return
    await state.set_state(EntryStates.text)
    await edit_or_answer(query, t("entry-ask-text"), None)


@router.message(EntryStates.reference, F.text)
async def msg_reference(message: Message, t: Text, state: FSMContext) -> None:
    try:
        reference = clean_reference(message.text or "")
    except EntryError as error:
        await message.answer(t(f"entry-error-{error.reason.value}"))
        return
    await state.update_data(reference=reference)
    await state.set_state(EntryStates.text)
    await message.answer(t("entry-ask-text"))


@router.message(EntryStates.text, F.text)
async def msg_text(message: Message, t: Text, state: FSMContext, services: Services) -> None:
    assert message.from_user is not None
    try:
        text = clean_entry_text(message.text or "")
    except EntryError as error:
        await message.answer(t(f"entry-error-{error.reason.value}"))
        return
    data = await state.get_data()
    entry = OutsideEntry(
        akimat_id=int(data["akimat_id"]),
        kind=QuestionKind(data["kind"]),
        channel=FeedbackChannel(data["channel"]),
        received_on=date.fromisoformat(data["received_on"]),
        status=QuestionStatus(data["status"]),
        text=text,
        reference=data.get("reference"),
    )
    try:
        saved = await services.feedback.enter_outside(message.from_user.id, entry)
    except EntryError as error:
        await message.answer(t(f"entry-error-{error.reason.value}"))
        return
    await state.clear()
    await message.answer(
        t(
            "entry-saved",
            number=saved.id,
            kind=t(f"entry-kind-{entry.kind.value}"),
            channel=t(f"entry-channel-{entry.channel.value}"),
            day=entry.received_on.strftime("%d.%m.%Y"),
            status=t(STATUS_KEYS[entry.kind, entry.status]),
            text=escape(saved.entry.text),
        )
    )


@router.callback_query(EntryCb.filter(F.step == EntryStep.FILE), EntryStates.kind)
async def cb_file(query: CallbackQuery, t: Text, state: FSMContext) -> None:
    await state.set_state(EntryStates.upload)
    await query.answer()
    assert isinstance(query.message, Message)
    template = await asyncio.to_thread(build_entry_template, t)
    await query.message.answer_document(
        BufferedInputFile(template, filename="entries.xlsx"),
        caption=t("entry-file-ask", max=MAX_ROWS, megabytes=MAX_FILE_BYTES // (1024 * 1024)),
    )


@router.message(EntryStates.upload, F.document)
async def msg_file(
    message: Message, bot: Bot, t: Text, state: FSMContext, services: Services
) -> None:
    """The filled-in template: every row saved, or nothing and the problems by row."""
    assert message.from_user is not None and message.document is not None
    document = message.document
    if document.file_size is not None and document.file_size > MAX_FILE_BYTES:
        await message.answer(t("entry-file-too-big", megabytes=MAX_FILE_BYTES // (1024 * 1024)))
        return
    try:
        downloaded = await bot.download(document)
    except TelegramBadRequest:
        await message.answer(t("plan-file-download-failed"))
        return
    data = downloaded.read() if downloaded is not None else b""
    try:
        parsed = await asyncio.to_thread(parse_entries, data, t, services.feedback.today())
    except EntryFileError as failure:
        lines = [t("entry-file-rejected")]
        lines += ["• " + issue_text(t, issue) for issue in failure.errors]
        if failure.total > len(failure.errors):
            lines.append(t("plan-file-more", count=failure.total - len(failure.errors)))
        await message.answer("\n".join(lines))
        return
    akimat_id = int((await state.get_data())["akimat_id"])
    entries = [
        OutsideEntry(akimat_id, p.kind, p.channel, p.received_on, p.status, p.text, p.reference)
        for p in parsed
    ]
    saved = await services.feedback.enter_outside_many(message.from_user.id, akimat_id, entries)
    await state.clear()
    await message.answer(t("entry-file-saved", count=len(saved)))


def issue_text(t: Text, issue: EntryFileIssue) -> str:
    return t(
        f"entry-file-{issue.problem.value}",
        row=issue.row,
        column=issue.column,
        value=escape(issue.value),
        max=MAX_ROWS,
    )


@router.message(StateFilter(EntryStates))
async def msg_not_text(message: Message, t: Text) -> None:
    # A photo, a sticker, or a word where a button is expected: say what the step wants.
    await message.answer(t("entry-use-buttons-or-text"))
