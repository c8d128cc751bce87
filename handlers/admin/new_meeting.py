"""/newmeeting: a short wizard that creates a draft meeting, then offers to announce it.

The parent router lets only ADMIN_IDS in, in private chats. Every step accepts /cancel and
keeps its state on bad input, saying what it expects.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.admin.announce import announce_keyboard, due_lines
from handlers.callbacks import (
    AdminDurationCb,
    AdminMeetingAction,
    AdminMeetingCb,
    AdminPickCb,
)
from handlers.citizen.meeting_card import host_line
from handlers.names import locality_name
from handlers.replies import edit_or_answer
from locales import Text
from services.container import Services
from services.localities import LocalityHit, LocalityView
from services.meetings import (
    DEFAULT_DURATION_MINUTES,
    MAX_DURATION_MINUTES,
    MAX_PLACE_LENGTH,
    MIN_DURATION_MINUTES,
    MIN_PLACE_LENGTH,
    QUESTIONS_LEAD,
    MeetingError,
    MeetingErrorReason,
    MeetingView,
    check_broadcast_url,
    check_duration,
    check_place,
    kato_contains,
)
from services.users import UserView

router = Router(name=__name__)

DURATION_CHOICES = (60, 90, DEFAULT_DURATION_MINUTES, 180)
SEARCH_LIMIT = 8
# Ask the index for more than we show: some hits are filtered out (no akim, outside the host).
SEARCH_POOL = 40

_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})$")


class NewMeeting(StatesGroup):
    host = State()
    venue = State()
    audience = State()
    starts = State()
    duration = State()
    place = State()
    url = State()
    confirm = State()


# Which step to go back to when saving fails for this reason.
_STEP_OF_REASON: dict[MeetingErrorReason, State] = {
    MeetingErrorReason.UNKNOWN_HOST: NewMeeting.host,
    MeetingErrorReason.HOST_WITHOUT_AKIM: NewMeeting.host,
    MeetingErrorReason.UNKNOWN_VENUE: NewMeeting.venue,
    MeetingErrorReason.VENUE_OUTSIDE_HOST: NewMeeting.venue,
    MeetingErrorReason.UNKNOWN_AUDIENCE: NewMeeting.audience,
    MeetingErrorReason.AUDIENCE_OUTSIDE_HOST: NewMeeting.audience,
    MeetingErrorReason.START_IN_PAST: NewMeeting.starts,
    MeetingErrorReason.BAD_DURATION: NewMeeting.duration,
    MeetingErrorReason.BAD_PLACE: NewMeeting.place,
    MeetingErrorReason.BAD_BROADCAST_URL: NewMeeting.url,
}


def parse_local_datetime(text: str, tz: ZoneInfo) -> datetime | None:
    """`DD.MM.YYYY HH:MM` (the hour may have one digit) or `YYYY-MM-DD HH:MM`, local time in
    ``tz``, as an aware datetime; None when it is not such a date or not a real one."""
    cleaned = " ".join(text.split())
    if match := _DMY.match(cleaned):
        day, month, year, hour, minute = (int(part) for part in match.groups())
    elif match := _YMD.match(cleaned):
        year, month, day, hour, minute = (int(part) for part in match.groups())
    else:
        return None
    try:
        return datetime(year, month, day, hour, minute, tzinfo=tz)
    except ValueError:
        return None


def error_text(t: Text, reason: MeetingErrorReason) -> str:
    return t(
        f"admin-error-{reason.value}",
        min_duration=MIN_DURATION_MINUTES,
        max_duration=MAX_DURATION_MINUTES,
        min_place=MIN_PLACE_LENGTH,
        max_place=MAX_PLACE_LENGTH,
    )


# --- keyboards -----------------------------------------------------------------------------------


def _add_cancel(builder: InlineKeyboardBuilder, t: Text) -> None:
    """Every step of the wizard can be left with a button too, not only with /cancel."""
    builder.button(
        text=t("cancel-button"), callback_data=AdminMeetingCb(action=AdminMeetingAction.CANCEL)
    )


def cancel_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _add_cancel(builder, t)
    return builder.as_markup()


def hits_keyboard(hits: list[LocalityHit], t: Text) -> InlineKeyboardMarkup:
    choices = []
    for hit in hits:
        chain = hit.chain(t.locale)
        name = hit.name(t.locale)
        # Button text is plain text: no escaping, and the parent tells namesakes apart.
        text = t("admin-hit-button", name=name, parent=chain[-1]) if chain else name
        choices.append((text, hit.code))
    return choices_keyboard(choices, t)


def choices_keyboard(choices: list[tuple[str, str]], t: Text) -> InlineKeyboardMarkup:
    """Buttons picking locality codes, then Cancel."""
    builder = InlineKeyboardBuilder()
    for text, code in choices:
        builder.button(text=text, callback_data=AdminPickCb(code=code))
    _add_cancel(builder, t)
    builder.adjust(1)
    return builder.as_markup()


def duration_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for minutes in DURATION_CHOICES:
        key = "admin-duration-default-button" if minutes == DEFAULT_DURATION_MINUTES else None
        builder.button(
            text=t(key or "admin-duration-button", minutes=minutes),
            callback_data=AdminDurationCb(minutes=minutes),
        )
    _add_cancel(builder, t)
    builder.adjust(len(DURATION_CHOICES), 1)
    return builder.as_markup()


def url_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("admin-url-skip"), callback_data=AdminMeetingCb(action=AdminMeetingAction.SKIP)
    )
    _add_cancel(builder, t)
    builder.adjust(1)
    return builder.as_markup()


def confirm_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("admin-save-button"), callback_data=AdminMeetingCb(action=AdminMeetingAction.SAVE)
    )
    _add_cancel(builder, t)
    builder.adjust(2)
    return builder.as_markup()


# --- the steps' questions ------------------------------------------------------------------------


def _name(unit: LocalityView | LocalityHit, t: Text) -> str:
    return locality_name(unit.name_kk, unit.name_ru, t.locale)


async def ask_step(
    message: Message, step: str | None, t: Text, state: FSMContext, services: Services
) -> None:
    """Send the question of ``step`` (the state's name) with its buttons."""
    data = await state.get_data()
    if step == NewMeeting.host.state:
        await message.answer(t("admin-ask-host"), reply_markup=cancel_keyboard(t))
    elif step == NewMeeting.venue.state:
        host = await services.localities.get(data["host"])
        if host is None:
            await _restart(message, t, state)
            return
        await message.answer(
            t("admin-ask-venue", host=_name(host, t)),
            reply_markup=choices_keyboard(
                [(t("admin-venue-host-button", name=host.name(t.locale)), host.code)], t
            ),
        )
    elif step == NewMeeting.audience.state:
        host = await services.localities.get(data["host"])
        venue = await services.localities.get(data["venue"])
        if host is None or venue is None:
            await _restart(message, t, state)
            return
        choices = [(t("admin-audience-venue-button", name=venue.name(t.locale)), venue.code)]
        if venue.code != host.code:
            choices.append((t("admin-audience-host-button", name=host.name(t.locale)), host.code))
        await message.answer(
            t("admin-ask-audience", host=_name(host, t)),
            reply_markup=choices_keyboard(choices, t),
        )
    elif step == NewMeeting.starts.state:
        await message.answer(t("admin-ask-starts"), reply_markup=cancel_keyboard(t))
    elif step == NewMeeting.duration.state:
        await message.answer(
            t("admin-ask-duration", min=MIN_DURATION_MINUTES, max=MAX_DURATION_MINUTES),
            reply_markup=duration_keyboard(t),
        )
    elif step == NewMeeting.place.state:
        await message.answer(t("admin-ask-place"), reply_markup=cancel_keyboard(t))
    elif step == NewMeeting.url.state:
        await message.answer(t("admin-ask-url"), reply_markup=url_keyboard(t))
    elif step == NewMeeting.confirm.state:
        await message.answer(
            await summary_text(data, t, services), reply_markup=confirm_keyboard(t)
        )


async def _go(
    message: Message, step: State, t: Text, state: FSMContext, services: Services
) -> None:
    await state.set_state(step)
    await ask_step(message, step.state, t, state, services)


async def _restart(message: Message, t: Text, state: FSMContext) -> None:
    # The wizard's data points at a locality that no longer exists: start again cleanly.
    await state.set_state(NewMeeting.host)
    await state.set_data({})
    await message.answer(t("admin-restart"), reply_markup=cancel_keyboard(t))


async def summary_text(data: dict[str, object], t: Text, services: Services) -> str:
    host = await services.localities.get(str(data["host"]))
    venue = await services.localities.get(str(data["venue"]))
    audience = await services.localities.get(str(data["audience"]))
    starts = datetime.fromisoformat(str(data["starts"]))
    url = data.get("url")
    cutoff = max(starts - QUESTIONS_LEAD, services.clock.now())
    missing = t("admin-summary-unknown")
    return "\n".join(
        [
            t("admin-summary-title"),
            t("admin-summary-host", host=_name(host, t) if host else missing),
            t("admin-summary-venue", venue=_name(venue, t) if venue else missing),
            t("admin-summary-audience", audience=_name(audience, t) if audience else missing),
            t("admin-summary-starts", when=t.weekday_datetime(starts)),
            t("admin-summary-duration", minutes=int(str(data["duration"]))),
            t("admin-summary-place", place=escape(str(data["place"]))),
            t("admin-summary-url", url=escape(str(url))) if url else t("admin-summary-no-url"),
            t("admin-summary-cutoff", when=t.datetime(cutoff)),
        ]
    )


# --- /newmeeting and cancelling ------------------------------------------------------------------


@router.message(Command("newmeeting"))
async def cmd_newmeeting(message: Message, t: Text, state: FSMContext, services: Services) -> None:
    await state.clear()
    await _go(message, NewMeeting.host, t, state, services)


@router.message(StateFilter(NewMeeting), Command("cancel"))
async def cmd_cancel(message: Message, t: Text, state: FSMContext) -> None:
    await state.clear()
    await message.answer(t("admin-cancelled"))


@router.callback_query(AdminMeetingCb.filter(F.action == AdminMeetingAction.CANCEL))
async def cb_cancel(query: CallbackQuery, t: Text, state: FSMContext) -> None:
    current = await state.get_state()
    await query.answer()
    if current in NewMeeting.__all_states_names__:
        await state.clear()
        await edit_or_answer(query, t("admin-cancelled"))
        return
    await edit_or_answer(query, t("admin-nothing-to-cancel"))


# --- localities: host, venue, audience -----------------------------------------------------------


# The host is a unit with an akim (the akimat that holds the meeting); the venue and the
# audience lie within its territory.
def _has_akim(unit: LocalityHit | LocalityView, data: dict[str, Any]) -> bool:
    return unit.akim_level is not None


def _inside_host(unit: LocalityHit | LocalityView, data: dict[str, Any]) -> bool:
    return kato_contains(str(data["host"]), unit.code)


@dataclass(frozen=True, slots=True)
class _LocalityStep:
    """A step that picks a locality: typed names are searched, a pressed one is re-checked."""

    key: str  # where the wizard's data keeps the choice
    fits: Callable[[LocalityHit | LocalityView, dict[str, Any]], bool]
    misfit: MeetingErrorReason  # said when a pressed locality does not fit
    none_found: str  # locale key: nothing typed fits
    pick: str  # locale key above the hits
    picked: str  # locale key of the choice that replaces the list
    next: State


_LOCALITY_STEPS: dict[str | None, _LocalityStep] = {
    NewMeeting.host.state: _LocalityStep(
        key="host",
        fits=_has_akim,
        misfit=MeetingErrorReason.HOST_WITHOUT_AKIM,
        none_found="admin-host-none",
        pick="admin-pick-host",
        picked="admin-picked-host",
        next=NewMeeting.venue,
    ),
    NewMeeting.venue.state: _LocalityStep(
        key="venue",
        fits=_inside_host,
        misfit=MeetingErrorReason.VENUE_OUTSIDE_HOST,
        none_found="admin-inside-none",
        pick="admin-pick-venue",
        picked="admin-picked-venue",
        next=NewMeeting.audience,
    ),
    NewMeeting.audience.state: _LocalityStep(
        key="audience",
        fits=_inside_host,
        misfit=MeetingErrorReason.AUDIENCE_OUTSIDE_HOST,
        none_found="admin-inside-none",
        pick="admin-pick-audience",
        picked="admin-picked-audience",
        next=NewMeeting.starts,
    ),
}


@router.message(StateFilter(*_LOCALITY_STEPS), F.text, ~F.text.startswith("/"))
async def step_locality_text(
    message: Message, raw_state: str | None, t: Text, state: FSMContext, services: Services
) -> None:
    """A name typed at the host, venue or audience step: the places that fit, as buttons."""
    step = _LOCALITY_STEPS[raw_state]
    data = await state.get_data()
    hits = await services.localities.search(message.text or "", limit=SEARCH_POOL)
    fitting = [hit for hit in hits if step.fits(hit, data)][:SEARCH_LIMIT]
    if not fitting:
        await message.answer(t(step.none_found), reply_markup=cancel_keyboard(t))
        return
    await message.answer(t(step.pick), reply_markup=hits_keyboard(fitting, t))


@router.callback_query(AdminPickCb.filter(), StateFilter(*_LOCALITY_STEPS))
async def cb_pick_locality(
    query: CallbackQuery,
    callback_data: AdminPickCb,
    raw_state: str | None,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    step = _LOCALITY_STEPS[raw_state]
    data = await state.get_data()
    unit = await services.localities.get(callback_data.code)
    if unit is None or not step.fits(unit, data):
        await query.answer(error_text(t, step.misfit), show_alert=True)
        return
    await query.answer()
    await state.update_data({step.key: unit.code})
    await _confirm_pick(query, t(step.picked, name=_name(unit, t)))
    if isinstance(query.message, Message):
        await _go(query.message, step.next, t, state, services)


async def _confirm_pick(query: CallbackQuery, text: str) -> None:
    """Replace the list of choices with the choice, so an old list cannot be pressed again."""
    await edit_or_answer(query, text)


# --- time, duration, place, link -----------------------------------------------------------------


@router.message(NewMeeting.starts, F.text, ~F.text.startswith("/"))
async def step_starts(message: Message, t: Text, state: FSMContext, services: Services) -> None:
    starts = parse_local_datetime(message.text or "", services.tz)
    if starts is None:
        await message.answer(t("admin-bad-datetime"), reply_markup=cancel_keyboard(t))
        return
    if starts <= services.clock.now():
        await message.answer(
            t("admin-datetime-past", now=t.datetime(services.clock.now())),
            reply_markup=cancel_keyboard(t),
        )
        return
    await state.update_data(starts=starts.isoformat())
    await _go(message, NewMeeting.duration, t, state, services)


@router.message(NewMeeting.duration, F.text, ~F.text.startswith("/"))
async def step_duration_text(
    message: Message, t: Text, state: FSMContext, services: Services
) -> None:
    text = (message.text or "").strip()
    try:
        minutes = check_duration(int(text)) if text.isdigit() and len(text) < 6 else None
    except MeetingError:
        minutes = None
    if minutes is None:
        await message.answer(
            error_text(t, MeetingErrorReason.BAD_DURATION), reply_markup=duration_keyboard(t)
        )
        return
    await state.update_data(duration=minutes)
    await _go(message, NewMeeting.place, t, state, services)


@router.callback_query(AdminDurationCb.filter(), NewMeeting.duration)
async def cb_duration(
    query: CallbackQuery,
    callback_data: AdminDurationCb,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    try:
        minutes = check_duration(callback_data.minutes)
    except MeetingError as error:
        await query.answer(error_text(t, error.reason), show_alert=True)
        return
    await query.answer()
    await state.update_data(duration=minutes)
    await _confirm_pick(query, t("admin-picked-duration", minutes=minutes))
    if isinstance(query.message, Message):
        await _go(query.message, NewMeeting.place, t, state, services)


@router.message(NewMeeting.place, F.text, ~F.text.startswith("/"))
async def step_place(message: Message, t: Text, state: FSMContext, services: Services) -> None:
    try:
        place = check_place(message.text or "")
    except MeetingError as error:
        await message.answer(error_text(t, error.reason), reply_markup=cancel_keyboard(t))
        return
    await state.update_data(place=place)
    await _go(message, NewMeeting.url, t, state, services)


@router.message(NewMeeting.url, F.text, ~F.text.startswith("/"))
async def step_url(message: Message, t: Text, state: FSMContext, services: Services) -> None:
    try:
        url = check_broadcast_url(message.text or "")
    except MeetingError as error:
        await message.answer(error_text(t, error.reason), reply_markup=url_keyboard(t))
        return
    await state.update_data(url=url)
    await _go(message, NewMeeting.confirm, t, state, services)


@router.callback_query(AdminMeetingCb.filter(F.action == AdminMeetingAction.SKIP), NewMeeting.url)
async def cb_skip_url(
    query: CallbackQuery, t: Text, state: FSMContext, services: Services
) -> None:
    await query.answer()
    await state.update_data(url=None)
    await _confirm_pick(query, t("admin-picked-no-url"))
    if isinstance(query.message, Message):
        await _go(query.message, NewMeeting.confirm, t, state, services)


# --- saving --------------------------------------------------------------------------------------


@router.callback_query(
    AdminMeetingCb.filter(F.action == AdminMeetingAction.SAVE), NewMeeting.confirm
)
async def cb_save(
    query: CallbackQuery, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    data = await state.get_data()
    try:
        meeting = await services.meetings.create_meeting(
            host_code=str(data["host"]),
            venue_code=str(data["venue"]),
            audience_code=str(data["audience"]),
            starts_at=datetime.fromisoformat(str(data["starts"])),
            duration_minutes=int(str(data["duration"])),
            place=str(data["place"]),
            broadcast_url=str(data["url"]) if data.get("url") else None,
            created_by=user.id,
        )
    except MeetingError as error:
        # Nothing is lost: the answers stay, and the step that needs a new answer is asked.
        await query.answer(error_text(t, error.reason), show_alert=True)
        step = _STEP_OF_REASON.get(error.reason, NewMeeting.host)
        if isinstance(query.message, Message):
            await query.message.answer(error_text(t, error.reason))
            await _go(query.message, step, t, state, services)
        return
    await state.clear()
    await query.answer()
    await edit_or_answer(query, saved_text(meeting, t, services), announce_keyboard(meeting.id, t))


def saved_text(meeting: MeetingView, t: Text, services: Services) -> str:
    return "\n".join(
        [
            t("admin-saved", id=str(meeting.id)),
            host_line(meeting, t),
            *due_lines(meeting, t, services),
            t("admin-saved-next", id=str(meeting.id)),
        ]
    )


# --- anything else during the wizard -------------------------------------------------------------


@router.message(StateFilter(NewMeeting), ~F.text.startswith("/"))
async def step_unexpected(
    message: Message, t: Text, state: FSMContext, services: Services
) -> None:
    """A photo, a sticker, or text where a button is expected: say what is expected."""
    current = await state.get_state()
    await message.answer(t("admin-expected-other"))
    await ask_step(message, current, t, state, services)


@router.callback_query(AdminPickCb.filter())
@router.callback_query(AdminDurationCb.filter())
@router.callback_query(
    AdminMeetingCb.filter(F.action.in_({AdminMeetingAction.SKIP, AdminMeetingAction.SAVE}))
)
async def cb_stale_step(query: CallbackQuery, t: Text) -> None:
    await query.answer(t("admin-stale-step"), show_alert=True)


__all__ = ["NewMeeting", "parse_local_datetime", "router"]
