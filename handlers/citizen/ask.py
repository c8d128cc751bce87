"""Writing a question or a proposal for a meeting: text → photo → preview → send.

The draft lives in FSM data, which is kept in the database: a restart in the middle of writing
loses nothing. Commands typed in the middle of writing work as usual and keep the draft.
"""

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from aiogram import Bot, F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import AskAction, AskCb, MeetingAction, MeetingCb
from handlers.fit import fit
from handlers.keyboards import InlineKeyboard
from handlers.names import locality_name
from handlers.replies import edit_markup, edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.questions import (
    MAX_LENGTH,
    MIN_LENGTH,
    MeetingBrief,
    QuestionError,
    QuestionErrorReason,
    validate_text,
)
from services.statuses import QuestionKind
from services.users import UserView

router = Routes(name=__name__)

DRAFT_KEY = "question_draft"

MEETING_ERRORS = {
    QuestionErrorReason.MEETING_NOT_FOUND: "q-meeting-not-found",
    QuestionErrorReason.MEETING_NOT_OPEN: "q-meeting-not-open",
    QuestionErrorReason.MEETING_CLOSED: "q-meeting-closed",
}


class AskStates(StatesGroup):
    text = State()
    photo = State()
    confirm = State()


@dataclass
class Draft:
    meeting_id: int
    kind: QuestionKind
    text: str | None = None
    photo: str | None = None
    # True once a photo came or "Skip" was pressed: the photo step is done.
    photo_decided: bool = False

    @classmethod
    def load(cls, data: dict[str, Any]) -> "Draft | None":
        raw = data.get(DRAFT_KEY)
        if not isinstance(raw, dict):
            return None
        try:
            return cls(
                meeting_id=int(raw["meeting_id"]),
                kind=QuestionKind(raw["kind"]),
                text=raw.get("text"),
                photo=raw.get("photo"),
                photo_decided=bool(raw.get("photo_decided")),
            )
        except (KeyError, TypeError, ValueError):
            return None


# --- rendering --------------------------------------------------------------------------------


def meeting_line(t: Text, starts_at: datetime, host_kk: str, host_ru: str) -> str:
    return t(
        "q-meeting-line",
        when=t.datetime(starts_at),
        host=locality_name(host_kk, host_ru, t.locale),
    )


def text_error(t: Text, error: QuestionError, kind: QuestionKind) -> str:
    bounds = {"min": MIN_LENGTH, "max": MAX_LENGTH, "length": error.length, "kind": kind.value}
    if error.reason is QuestionErrorReason.TOO_LONG:
        return t("q-too-long", over=error.length - MAX_LENGTH, **bounds)
    if error.reason is QuestionErrorReason.TOO_FEW_WORDS:
        return t("q-too-few-words", **bounds)
    if error.reason is QuestionErrorReason.TOO_SHORT:
        return t("q-too-short", **bounds)
    return t(MEETING_ERRORS[error.reason])


def step_keyboard(t: Text, *buttons: tuple[str, AskAction]) -> InlineKeyboardMarkup:
    """A writing step's own buttons (locale key, action), then Cancel, in one row."""
    builder = InlineKeyboard()
    for key, action in (*buttons, ("cancel-button", AskAction.CANCEL)):
        builder.button(text=t(key), callback_data=AskCb(action=action))
    builder.adjust(2)
    return builder.as_markup()


def cancel_keyboard(t: Text) -> InlineKeyboardMarkup:
    return step_keyboard(t)


def photo_keyboard(t: Text) -> InlineKeyboardMarkup:
    return step_keyboard(t, ("q-skip-button", AskAction.SKIP_PHOTO))


def confirm_keyboard(t: Text) -> InlineKeyboardMarkup:
    return step_keyboard(t, ("q-send-button", AskAction.SEND))


def receipt_keyboard(t: Text, meeting_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("q-others-button"),
        callback_data=MeetingCb(action=MeetingAction.QUESTIONS, meeting_id=meeting_id),
    )
    builder.button(
        text=t("q-open-meeting-button"),
        callback_data=MeetingCb(action=MeetingAction.OPEN, meeting_id=meeting_id),
    )
    builder.adjust(1)
    return builder.as_markup()


def write_prompt(t: Text, brief: MeetingBrief, kind: QuestionKind) -> str:
    return t(
        "q-write",
        kind=kind.value,
        meeting=meeting_line(t, brief.starts_at, brief.host_name_kk, brief.host_name_ru),
        cutoff=t.datetime(brief.questions_cutoff),
        min=MIN_LENGTH,
        max=MAX_LENGTH,
    )


def preview_text(t: Text, brief: MeetingBrief, draft: Draft) -> str:
    """The question as it will be sent; its text is put in after Fluent (handlers/fit.py):
    1,500 characters of "&" escape to 7,500, past what a Fluent placeable holds."""
    line = meeting_line(t, brief.starts_at, brief.host_name_kk, brief.host_name_ru)
    return fit(
        lambda texts: t(
            "q-preview",
            kind_label=t("q-kind", kind=draft.kind.value),
            meeting_line=line,
            text=texts["text"],
            photo="yes" if draft.photo else "no",
        ),
        {"text": draft.text or ""},
    ).html


# --- the draft ---------------------------------------------------------------------------


async def save_draft(state: FSMContext, draft: Draft) -> None:
    await state.update_data({DRAFT_KEY: asdict(draft)})


async def drop_draft(state: FSMContext) -> None:
    """Forget the draft and leave the flow, keeping whatever other features keep in FSM data."""
    data = await state.get_data()
    data.pop(DRAFT_KEY, None)
    await state.set_data(data)
    await state.set_state(None)


async def in_flow(state: FSMContext) -> bool:
    current = await state.get_state()
    return current is not None and current in AskStates.__all_states_names__


async def advance(
    bot: Bot, chat_id: int, draft: Draft, t: Text, state: FSMContext, services: Services
) -> None:
    """Ask for whatever the draft still lacks; when nothing, show the preview."""
    if draft.text is None:
        await state.set_state(AskStates.text)
        await bot.send_message(
            chat_id,
            t("q-photo-attached", min=MIN_LENGTH, max=MAX_LENGTH),
            reply_markup=cancel_keyboard(t),
        )
        return
    if not draft.photo_decided:
        await state.set_state(AskStates.photo)
        await bot.send_message(chat_id, t("q-photo-prompt"), reply_markup=photo_keyboard(t))
        return
    brief = await services.questions.meeting(draft.meeting_id)
    if brief is None:
        await drop_draft(state)
        await bot.send_message(chat_id, t("q-meeting-not-found"))
        return
    await state.set_state(AskStates.confirm)
    await bot.send_message(
        chat_id, preview_text(t, brief, draft), reply_markup=confirm_keyboard(t)
    )


@router.message(Command("cancel"), StateFilter(AskStates))
async def cmd_cancel(message: Message, t: Text, state: FSMContext) -> None:
    await drop_draft(state)
    await message.answer(t("q-cancelled"))


# --- writing ----------------------------------------------------------------------------------


@router.callback_query(MeetingCb.filter(F.action.in_({MeetingAction.ASK, MeetingAction.PROPOSE})))
async def cb_ask(
    query: CallbackQuery,
    callback_data: MeetingCb,
    bot: Bot,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    kind = (
        QuestionKind.PROPOSAL
        if callback_data.action is MeetingAction.PROPOSE
        else QuestionKind.QUESTION
    )
    try:
        brief = await services.questions.ensure_open(callback_data.meeting_id)
    except QuestionError as error:
        await query.answer(
            t(MEETING_ERRORS.get(error.reason, "q-meeting-closed")), show_alert=True
        )
        return
    await query.answer()
    # A new draft replaces an unsent one: the person chose to start over on this meeting.
    await save_draft(state, Draft(meeting_id=brief.id, kind=kind))
    await state.set_state(AskStates.text)
    await bot.send_message(
        query.from_user.id, write_prompt(t, brief, kind), reply_markup=cancel_keyboard(t)
    )


@router.message(StateFilter(AskStates), F.text, ~F.text.startswith("/"))
async def msg_draft_text(
    message: Message, bot: Bot, t: Text, state: FSMContext, services: Services
) -> None:
    draft = Draft.load(await state.get_data())
    if draft is None:
        await drop_draft(state)
        await message.answer(t("q-draft-lost"))
        return
    appending = draft.text is not None and await state.get_state() == AskStates.photo.state
    if appending:
        # At the photo step the text is already there: people write in several messages, so a
        # second one continues the first rather than silently replacing it.
        try:
            draft.text = validate_text(f"{draft.text}\n{message.text or ''}")
        except QuestionError as error:
            await message.answer(
                text_error(t, error, draft.kind) + "\n\n" + t("q-append-not-used"),
                reply_markup=photo_keyboard(t),
            )
            return
    else:
        try:
            draft.text = validate_text(message.text or "")
        except QuestionError as error:
            await message.answer(text_error(t, error, draft.kind))
            return
    await save_draft(state, draft)
    if appending:
        # The whole text so far, put in after Fluent (handlers/fit.py), as the preview does.
        appended = fit(
            lambda texts: t("q-text-appended", text=texts["text"]), {"text": draft.text}
        )
        await message.answer(appended.html)
    await advance(bot, message.chat.id, draft, t, state, services)


@router.message(StateFilter(AskStates), F.photo)
async def msg_draft_photo(
    message: Message, bot: Bot, t: Text, state: FSMContext, services: Services
) -> None:
    draft = Draft.load(await state.get_data())
    if draft is None or not message.photo:
        await drop_draft(state)
        await message.answer(t("q-draft-lost"))
        return
    # Telegram sends every size of the photo; the last is the largest.
    draft.photo = message.photo[-1].file_id
    draft.photo_decided = True
    problem = None
    if message.caption and message.caption.strip():
        # A caption is text written with the photo: the newest text wins, as when typed.
        try:
            draft.text = validate_text(message.caption)
        except QuestionError as error:
            problem = text_error(t, error, draft.kind) + "\n\n" + t("q-caption-not-used")
    await save_draft(state, draft)
    if problem:
        await message.answer(problem)
    await advance(bot, message.chat.id, draft, t, state, services)


@router.message(StateFilter(AskStates), ~F.text.startswith("/"))
async def msg_draft_unexpected(message: Message, t: Text, state: FSMContext) -> None:
    """Stickers, voice, video, files, locations...: say what is expected; the draft stays."""
    current = await state.get_state()
    if current == AskStates.photo.state:
        await message.answer(t("q-expect-photo"), reply_markup=photo_keyboard(t))
    elif current == AskStates.confirm.state:
        await message.answer(t("q-expect-confirm"), reply_markup=confirm_keyboard(t))
    else:
        await message.answer(t("q-expect-text"), reply_markup=cancel_keyboard(t))


@router.callback_query(AskCb.filter(F.action == AskAction.SKIP_PHOTO))
async def cb_skip_photo(
    query: CallbackQuery, bot: Bot, t: Text, state: FSMContext, services: Services
) -> None:
    draft = Draft.load(await state.get_data())
    if await state.get_state() != AskStates.photo.state or draft is None:
        await query.answer(t("q-button-stale"))
        return
    draft.photo, draft.photo_decided = None, True
    await save_draft(state, draft)
    await query.answer()
    await remove_keyboard(query)
    await advance(bot, query.from_user.id, draft, t, state, services)


@router.callback_query(AskCb.filter(F.action == AskAction.SEND))
async def cb_send(
    query: CallbackQuery, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    draft = Draft.load(await state.get_data())
    if await state.get_state() != AskStates.confirm.state or draft is None or not draft.text:
        # The second tap of a double tap lands here: the first one already sent it.
        await query.answer(t("q-send-stale"))
        await remove_keyboard(query)
        return
    try:
        question = await services.questions.ask(
            user.id, draft.meeting_id, draft.kind, draft.text, draft.photo
        )
    except QuestionError as error:
        await query.answer()
        if error.reason in MEETING_ERRORS:
            # The meeting closed while they wrote: nothing can be sent, but give the text back.
            await drop_draft(state)
            reason = t(MEETING_ERRORS[error.reason])
            given_back = fit(
                lambda texts: t("q-closed-while-writing", reason=reason, text=texts["text"]),
                {"text": draft.text},
            )
            await edit_or_answer(query, given_back.html)
            return
        await state.set_state(AskStates.text)
        await edit_or_answer(query, text_error(t, error, draft.kind))
        return
    # Cleared only after the question is stored: a failure above keeps the draft.
    await drop_draft(state)
    await query.answer()
    key = "q-sent-duplicate" if question.duplicate else "q-sent"
    await edit_or_answer(
        query,
        t(key, kind=question.kind.value, number=question.public_number),
        reply_markup=receipt_keyboard(t, question.meeting_id),
    )


@router.callback_query(AskCb.filter(F.action == AskAction.CANCEL))
async def cb_cancel(query: CallbackQuery, t: Text, state: FSMContext) -> None:
    if not await in_flow(state):
        await query.answer(t("q-nothing-to-cancel"))
        await remove_keyboard(query)
        return
    await drop_draft(state)
    await query.answer()
    await edit_or_answer(query, t("q-cancelled"))


async def remove_keyboard(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await edit_markup(query.message, None)


__all__ = [
    "AskStates",
    "Draft",
    "in_flow",
    "meeting_line",
    "preview_text",
    "router",
    "write_prompt",
]
