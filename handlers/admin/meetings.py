"""/newmeeting: a short wizard that creates a draft meeting; /announce: announce it and send
its card to everyone who follows its audience.

The parent router lets only ADMIN_IDS in, in private chats. Every step accepts /cancel and
keeps its state on bad input, saying what it expects.
"""

import re
from collections.abc import AsyncIterator
from contextlib import suppress
from datetime import date, datetime, time
from html import escape
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.callbacks import (
    AdminDurationCb,
    AdminMeetingAction,
    AdminMeetingCb,
    AdminPickCb,
)
from handlers.citizen.meeting_card import host_line, render_announcement
from handlers.names import locality_name
from handlers.replies import edit_or_answer
from locales import Text
from regulation import explain
from services.container import Services
from services.localities import LocalityHit, LocalityView
from services.meetings import (
    DEFAULT_DURATION_MINUTES,
    MAX_DURATION_MINUTES,
    MAX_PLACE_LENGTH,
    MIN_DURATION_MINUTES,
    MIN_PLACE_LENGTH,
    QUESTIONS_LEAD,
    AnnounceResult,
    MeetingError,
    MeetingErrorReason,
    MeetingView,
    check_broadcast_url,
    check_duration,
    check_place,
    kato_contains,
)
from services.sender import BroadcastReport, Outgoing
from services.users import UserView

router = Router(name=__name__)

DURATION_CHOICES = (60, 90, DEFAULT_DURATION_MINUTES, 180)
SEARCH_LIMIT = 8
# Ask the index for more than we show: some hits are filtered out (no akim, outside the host).
SEARCH_POOL = 40
MAX_MEETING_ID = 2**31 - 1

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


def local_date_text(t: Text, day: date) -> str:
    # Noon of the local day: formatting it through `t.date` cannot move it to another day.
    return t.date(datetime.combine(day, time(12), tzinfo=t.tz))


# --- keyboards -----------------------------------------------------------------------------------


def cancel_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("cancel-button"), callback_data=AdminMeetingCb(action=AdminMeetingAction.CANCEL)
    )
    return builder.as_markup()


def hits_keyboard(hits: list[LocalityHit], t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for hit in hits:
        chain = hit.chain(t.locale)
        name = hit.name(t.locale)
        # Button text is plain text: no escaping, and the parent tells namesakes apart.
        text = t("admin-hit-button", name=name, parent=chain[-1]) if chain else name
        builder.button(text=text, callback_data=AdminPickCb(code=hit.code))
    builder.button(
        text=t("cancel-button"), callback_data=AdminMeetingCb(action=AdminMeetingAction.CANCEL)
    )
    builder.adjust(1)
    return builder.as_markup()


def choices_keyboard(choices: list[tuple[str, str]], t: Text) -> InlineKeyboardMarkup:
    """Buttons picking locality codes, then Cancel."""
    builder = InlineKeyboardBuilder()
    for text, code in choices:
        builder.button(text=text, callback_data=AdminPickCb(code=code))
    builder.button(
        text=t("cancel-button"), callback_data=AdminMeetingCb(action=AdminMeetingAction.CANCEL)
    )
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
    builder.button(
        text=t("cancel-button"), callback_data=AdminMeetingCb(action=AdminMeetingAction.CANCEL)
    )
    builder.adjust(len(DURATION_CHOICES), 1)
    return builder.as_markup()


def url_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("admin-url-skip"), callback_data=AdminMeetingCb(action=AdminMeetingAction.SKIP)
    )
    builder.button(
        text=t("cancel-button"), callback_data=AdminMeetingCb(action=AdminMeetingAction.CANCEL)
    )
    builder.adjust(1)
    return builder.as_markup()


def confirm_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("admin-save-button"), callback_data=AdminMeetingCb(action=AdminMeetingAction.SAVE)
    )
    builder.button(
        text=t("cancel-button"), callback_data=AdminMeetingCb(action=AdminMeetingAction.CANCEL)
    )
    builder.adjust(2)
    return builder.as_markup()


def announce_keyboard(meeting_id: int, t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("admin-announce-button"),
        callback_data=AdminMeetingCb(action=AdminMeetingAction.ANNOUNCE, meeting_id=meeting_id),
    )
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


async def _search(
    query: str, services: Services, *, within: str | None = None, with_akim: bool = False
) -> list[LocalityHit]:
    hits = await services.localities.search(query, limit=SEARCH_POOL)
    chosen = [
        hit
        for hit in hits
        if (not with_akim or hit.akim_level is not None)
        and (within is None or kato_contains(within, hit.code))
    ]
    return chosen[:SEARCH_LIMIT]


@router.message(NewMeeting.host, F.text, ~F.text.startswith("/"))
async def step_host_text(message: Message, t: Text, services: Services) -> None:
    hits = await _search(message.text or "", services, with_akim=True)
    if not hits:
        await message.answer(t("admin-host-none"), reply_markup=cancel_keyboard(t))
        return
    await message.answer(t("admin-pick-host"), reply_markup=hits_keyboard(hits, t))


@router.message(NewMeeting.venue, F.text, ~F.text.startswith("/"))
async def step_venue_text(
    message: Message, t: Text, state: FSMContext, services: Services
) -> None:
    host = str((await state.get_data())["host"])
    hits = await _search(message.text or "", services, within=host)
    if not hits:
        await message.answer(t("admin-inside-none"), reply_markup=cancel_keyboard(t))
        return
    await message.answer(t("admin-pick-venue"), reply_markup=hits_keyboard(hits, t))


@router.message(NewMeeting.audience, F.text, ~F.text.startswith("/"))
async def step_audience_text(
    message: Message, t: Text, state: FSMContext, services: Services
) -> None:
    host = str((await state.get_data())["host"])
    hits = await _search(message.text or "", services, within=host)
    if not hits:
        await message.answer(t("admin-inside-none"), reply_markup=cancel_keyboard(t))
        return
    await message.answer(t("admin-pick-audience"), reply_markup=hits_keyboard(hits, t))


@router.callback_query(AdminPickCb.filter(), NewMeeting.host)
async def cb_pick_host(
    query: CallbackQuery,
    callback_data: AdminPickCb,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    unit = await services.localities.get(callback_data.code)
    if unit is None or unit.akim_level is None:
        await query.answer(error_text(t, MeetingErrorReason.HOST_WITHOUT_AKIM), show_alert=True)
        return
    await query.answer()
    await state.update_data(host=unit.code)
    await _confirm_pick(query, t("admin-picked-host", name=_name(unit, t)))
    if isinstance(query.message, Message):
        await _go(query.message, NewMeeting.venue, t, state, services)


@router.callback_query(AdminPickCb.filter(), NewMeeting.venue)
async def cb_pick_venue(
    query: CallbackQuery,
    callback_data: AdminPickCb,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    host = str((await state.get_data())["host"])
    unit = await services.localities.get(callback_data.code)
    if unit is None or not kato_contains(host, unit.code):
        await query.answer(error_text(t, MeetingErrorReason.VENUE_OUTSIDE_HOST), show_alert=True)
        return
    await query.answer()
    await state.update_data(venue=unit.code)
    await _confirm_pick(query, t("admin-picked-venue", name=_name(unit, t)))
    if isinstance(query.message, Message):
        await _go(query.message, NewMeeting.audience, t, state, services)


@router.callback_query(AdminPickCb.filter(), NewMeeting.audience)
async def cb_pick_audience(
    query: CallbackQuery,
    callback_data: AdminPickCb,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    host = str((await state.get_data())["host"])
    unit = await services.localities.get(callback_data.code)
    if unit is None or not kato_contains(host, unit.code):
        await query.answer(
            error_text(t, MeetingErrorReason.AUDIENCE_OUTSIDE_HOST), show_alert=True
        )
        return
    await query.answer()
    await state.update_data(audience=unit.code)
    await _confirm_pick(query, t("admin-picked-audience", name=_name(unit, t)))
    if isinstance(query.message, Message):
        await _go(query.message, NewMeeting.starts, t, state, services)


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
    lines = [t("admin-saved", id=str(meeting.id)), host_line(meeting, t)]
    due = services.meetings.announcement_due_date(meeting)
    if due is None:
        lines.append(t("admin-due-none"))
    else:
        lead = (meeting.starts_at.astimezone(services.tz).date() - due).days
        lines.append(t("admin-due", due=local_date_text(t, due), days=lead))
        seed, clause = _source("announcement", services.profile)
        lines.append(t("admin-due-source", seed=seed, clause=clause))
        if due < services.clock.now().astimezone(services.tz).date():
            lines.append(t("admin-due-passed"))
    lines.append(t("admin-saved-next", id=str(meeting.id)))
    return "\n".join(lines)


def _source(rule_key: str, profile: str) -> tuple[str, str]:
    """The short seed number ("001") and clause ("3.4") of a rule, for an official to check."""
    source = explain(rule_key, profile)
    return source.seed.split("_")[0], source.clause


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


# --- /announce -----------------------------------------------------------------------------------


def parse_meeting_id(args: str | None) -> int | None:
    text = (args or "").strip().lstrip("№#")
    if text.isdigit() and 0 < int(text) <= MAX_MEETING_ID:
        return int(text)
    return None


@router.message(Command("announce"))
async def cmd_announce(
    message: Message, command: CommandObject, t: Text, services: Services
) -> None:
    meeting_id = parse_meeting_id(command.args)
    if meeting_id is None:
        await message.answer(t("admin-announce-usage"))
        return
    await announce_and_send(message, meeting_id, t, services)


@router.callback_query(AdminMeetingCb.filter(F.action == AdminMeetingAction.ANNOUNCE))
async def cb_announce(
    query: CallbackQuery, callback_data: AdminMeetingCb, t: Text, services: Services
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        # The button is one-shot: take it away before the (slow) sending starts.
        with suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)
        await announce_and_send(query.message, callback_data.meeting_id, t, services)


async def announce_and_send(
    message: Message, meeting_id: int, t: Text, services: Services
) -> None:
    try:
        result = await services.meetings.announce(meeting_id)
    except MeetingError as error:
        await message.answer(t(f"admin-announce-{error.reason.value}", id=str(meeting_id)))
        return
    if result.already:
        announced = result.meeting.announced_at
        await message.answer(
            t(
                "admin-announce-already",
                id=str(meeting_id),
                when=t.datetime(announced) if announced else "-",
            )
        )
        return
    await message.answer(t("admin-announce-sending", id=str(meeting_id)))
    # Sent inline for now: the sender paces itself (~25/s), so a big audience keeps this
    # handler busy for a while; a durable outbox replaces this in the next issue.
    report = await services.sender.broadcast(announcement_messages(result.meeting, services))
    await message.answer(report_text(result, report, t, services.profile))


async def announcement_messages(
    meeting: MeetingView, services: Services
) -> AsyncIterator[Outgoing]:
    """The card for each person of the audience, in their language (rendered once per
    language, not once per person)."""
    rendered: dict[str, tuple[str, InlineKeyboardMarkup]] = {}
    async for recipient in services.meetings.audience(meeting.id):
        locale = recipient.locale or services.default_locale
        if locale not in rendered:
            rendered[locale] = render_announcement(
                meeting, services.translator.bind(locale, services.tz)
            )
        text, keyboard = rendered[locale]
        yield Outgoing(chat_id=recipient.user_id, text=text, reply_markup=keyboard)


def report_text(result: AnnounceResult, report: BroadcastReport, t: Text, profile: str) -> str:
    lines = [
        t("admin-announce-done", id=str(result.meeting.id)),
        t("admin-report-sent", count=report.sent),
        t("admin-report-unreachable", count=report.unreachable),
    ]
    if report.failed:
        lines.append(t("admin-report-failed", count=report.failed))
    if result.due is None:
        lines.append(t("admin-timing-no-rule"))
    elif result.late:
        seed, clause = _source("announcement", profile)
        lines.append(
            t(
                "admin-timing-late",
                days=result.days_late,
                due=local_date_text(t, result.due),
                seed=seed,
                clause=clause,
            )
        )
    else:
        lines.append(t("admin-timing-on-time", due=local_date_text(t, result.due)))
    return "\n".join(lines)


__all__ = [
    "NewMeeting",
    "announce_and_send",
    "announcement_messages",
    "parse_local_datetime",
    "parse_meeting_id",
    "report_text",
    "router",
]
