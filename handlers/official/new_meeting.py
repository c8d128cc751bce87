"""/newmeeting: a wizard that creates a draft meeting, then shows its management card (announce
now or later, move, cancel: handlers/official/meetings.py).

The staff router lets admins and officials in. An official creates meetings for their own
akimat only: its unit is the host (a choice among their akimats when they have several) and the
venue and audience lie within its territory; an admin picks any unit with an akim. Saving
checks the right on the akimat again (services/lifecycle.py). Every step accepts /cancel and
keeps its state on bad input, saying what it expects.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.acts import act_name
from handlers.callbacks import (
    AdminDurationCb,
    AdminMeetingAction,
    AdminMeetingCb,
    AdminPickCb,
    LcCalendarCb,
    LcPresentationCb,
)
from handlers.citizen.meeting_card import host_line
from handlers.keyboards import InlineKeyboard
from handlers.names import locality_name
from handlers.numbers import whole_number
from handlers.official.meetings import (
    due_lines,
    manage_keyboard,
    parse_local_datetime,
    rule_source,
)
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.access import AccessDeniedError
from services.audit import AuditAction
from services.container import Services
from services.demands import DemandError
from services.localities import LocalityHit, LocalityView
from services.meetings import (
    DEFAULT_DURATION_MINUTES,
    MAX_DURATION_MINUTES,
    MAX_PLACE_LENGTH,
    MIN_DURATION_MINUTES,
    MIN_PLACE_LENGTH,
    MeetingError,
    MeetingErrorReason,
    MeetingView,
    check_broadcast_url,
    check_duration,
    check_place,
    check_presentation,
    kato_contains,
    latest_start,
    presentation_limit,
    questions_cutoff,
)
from services.users import UserView

router = Routes(name=__name__)

# The wizard's data key of the citizens' demand the meeting answers (handlers/official/demands.py).
DEMAND_KEY = "demand_id"

DURATION_CHOICES = (60, 90, DEFAULT_DURATION_MINUTES, 180)
PRESENTATION_CHOICES = (10, 15, 20, 30)
SEARCH_LIMIT = 8
# Ask the index for more than we show: some hits are filtered out (no akim, outside the host).
SEARCH_POOL = 40


class NewMeeting(StatesGroup):
    host = State()
    venue = State()
    audience = State()
    starts = State()
    duration = State()
    presentation = State()
    place = State()
    url = State()
    calendar = State()
    confirm = State()


# The questions in order; an official of one akimat starts at the venue (the host is theirs).
_STEPS = (
    NewMeeting.host,
    NewMeeting.venue,
    NewMeeting.audience,
    NewMeeting.starts,
    NewMeeting.duration,
    NewMeeting.presentation,
    NewMeeting.place,
    NewMeeting.url,
    NewMeeting.calendar,
)

# A meeting answering a citizens' demand: host, venue, audience and calendar are the demand's.
_DEMAND_STEPS = (
    NewMeeting.starts,
    NewMeeting.duration,
    NewMeeting.presentation,
    NewMeeting.place,
    NewMeeting.url,
)

# Which step to go back to when saving fails for this reason.
_STEP_OF_REASON: dict[MeetingErrorReason, State] = {
    MeetingErrorReason.UNKNOWN_HOST: NewMeeting.host,
    MeetingErrorReason.HOST_WITHOUT_AKIM: NewMeeting.host,
    MeetingErrorReason.UNKNOWN_VENUE: NewMeeting.venue,
    MeetingErrorReason.VENUE_OUTSIDE_HOST: NewMeeting.venue,
    MeetingErrorReason.UNKNOWN_AUDIENCE: NewMeeting.audience,
    MeetingErrorReason.AUDIENCE_OUTSIDE_HOST: NewMeeting.audience,
    MeetingErrorReason.START_IN_PAST: NewMeeting.starts,
    MeetingErrorReason.START_TOO_FAR: NewMeeting.starts,
    MeetingErrorReason.BAD_DURATION: NewMeeting.duration,
    MeetingErrorReason.BAD_PRESENTATION: NewMeeting.presentation,
    MeetingErrorReason.PRESENTATION_TOO_LONG: NewMeeting.presentation,
    MeetingErrorReason.BAD_PLACE: NewMeeting.place,
    MeetingErrorReason.BAD_BROADCAST_URL: NewMeeting.url,
}


def error_text(
    t: Text,
    reason: MeetingErrorReason,
    data: dict[str, Any] | None = None,
    profile: str | None = None,
) -> str:
    """A MeetingError as the person reads it; ``data`` (the wizard's answers) and the
    regulation ``profile`` fill in the presentation's bounds."""
    duration = int(str((data or {}).get("duration", DEFAULT_DURATION_MINUTES)))
    limit = presentation_limit(duration, profile) if profile is not None else None
    return t(
        f"admin-error-{reason.value}",
        min_duration=MIN_DURATION_MINUTES,
        max_duration=MAX_DURATION_MINUTES,
        min_place=MIN_PLACE_LENGTH,
        max_place=MAX_PLACE_LENGTH,
        duration=duration,
        max=limit if limit is not None else duration,
    )


# --- keyboards -----------------------------------------------------------------------------------


def _add_cancel(builder: InlineKeyboard, t: Text) -> None:
    """Every step of the wizard can be left with a button too, not only with /cancel."""
    builder.button(
        text=t("cancel-button"), callback_data=AdminMeetingCb(action=AdminMeetingAction.CANCEL)
    )


def cancel_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
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
    builder = InlineKeyboard()
    for text, code in choices:
        builder.button(text=text, callback_data=AdminPickCb(code=code))
    _add_cancel(builder, t)
    builder.adjust(1)
    return builder.as_markup()


def duration_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for minutes in DURATION_CHOICES:
        key = "admin-duration-default-button" if minutes == DEFAULT_DURATION_MINUTES else None
        builder.button(
            text=t(key or "admin-duration-button", minutes=minutes),
            callback_data=AdminDurationCb(minutes=minutes),
        )
    _add_cancel(builder, t)
    builder.adjust(len(DURATION_CHOICES), 1)
    return builder.as_markup()


def presentation_choices(duration: int, limit: int | None) -> list[int]:
    """Lengths offered as buttons: the usual ones that fit, and the longest allowed."""
    bound = limit if limit is not None else duration
    choices = [minutes for minutes in PRESENTATION_CHOICES if minutes <= bound]
    if limit is not None and limit > 0 and limit not in choices:
        choices.append(limit)
    return choices


def presentation_keyboard(t: Text, duration: int, limit: int | None) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    choices = presentation_choices(duration, limit)
    for minutes in choices:
        builder.button(
            text=t("admin-presentation-button", minutes=minutes),
            callback_data=LcPresentationCb(minutes=minutes),
        )
    _add_cancel(builder, t)
    builder.adjust(*([len(choices)] if choices else []), 1)
    return builder.as_markup()


def url_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("admin-url-skip"), callback_data=AdminMeetingCb(action=AdminMeetingAction.SKIP)
    )
    _add_cancel(builder, t)
    builder.adjust(1)
    return builder.as_markup()


def calendar_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("admin-calendar-in-button"), callback_data=LcCalendarCb(off_calendar=False)
    )
    builder.button(
        text=t("admin-calendar-off-button"), callback_data=LcCalendarCb(off_calendar=True)
    )
    _add_cancel(builder, t)
    builder.adjust(1)
    return builder.as_markup()


def confirm_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("admin-save-button"), callback_data=AdminMeetingCb(action=AdminMeetingAction.SAVE)
    )
    _add_cancel(builder, t)
    builder.adjust(2)
    return builder.as_markup()


# --- the steps' questions ------------------------------------------------------------------------


def _name(unit: LocalityView | LocalityHit, t: Text) -> str:
    return locality_name(unit.name_kk, unit.name_ru, t.locale)


def _numbering(step: State, data: dict[str, Any]) -> dict[str, int]:
    """ "Step 3 of 9": the host step is not asked of an official with one akimat; a meeting
    for a citizens' demand asks neither the place of it nor the calendar."""
    steps: tuple[State, ...]
    if data.get(DEMAND_KEY) and step in _DEMAND_STEPS:
        steps = _DEMAND_STEPS
    else:
        steps = _STEPS[1:] if data.get("host_fixed") else _STEPS
    return {"step": steps.index(step) + 1, "steps": len(steps)}


async def ask_step(
    message: Message, step: str | None, t: Text, state: FSMContext, services: Services
) -> None:
    """Send the question of ``step`` (the state's name) with its buttons."""
    data = await state.get_data()
    if step == NewMeeting.host.state:
        await _ask_host(message, data, t, services)
    elif step == NewMeeting.venue.state:
        host = await services.localities.get(data["host"])
        if host is None:
            await _restart(message, t, state)
            return
        await message.answer(
            t("admin-ask-venue", host=_name(host, t), **_numbering(NewMeeting.venue, data)),
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
            t("admin-ask-audience", host=_name(host, t), **_numbering(NewMeeting.audience, data)),
            reply_markup=choices_keyboard(choices, t),
        )
    elif step == NewMeeting.starts.state:
        await message.answer(
            t("admin-ask-starts", **_numbering(NewMeeting.starts, data)),
            reply_markup=cancel_keyboard(t),
        )
    elif step == NewMeeting.duration.state:
        await message.answer(
            t(
                "admin-ask-duration",
                min=MIN_DURATION_MINUTES,
                max=MAX_DURATION_MINUTES,
                **_numbering(NewMeeting.duration, data),
            ),
            reply_markup=duration_keyboard(t),
        )
    elif step == NewMeeting.presentation.state:
        await message.answer(
            presentation_question(data, t, services),
            reply_markup=presentation_keyboard(
                t,
                int(data["duration"]),
                presentation_limit(int(data["duration"]), services.profile),
            ),
        )
    elif step == NewMeeting.place.state:
        await message.answer(
            t("admin-ask-place", **_numbering(NewMeeting.place, data)),
            reply_markup=cancel_keyboard(t),
        )
    elif step == NewMeeting.url.state:
        await message.answer(
            t("admin-ask-url", **_numbering(NewMeeting.url, data)), reply_markup=url_keyboard(t)
        )
    elif step == NewMeeting.calendar.state:
        await message.answer(
            t("admin-ask-calendar", **_numbering(NewMeeting.calendar, data)),
            reply_markup=calendar_keyboard(t),
        )
    elif step == NewMeeting.confirm.state:
        await message.answer(
            await summary_text(data, t, services), reply_markup=confirm_keyboard(t)
        )


async def _ask_host(message: Message, data: dict[str, Any], t: Text, services: Services) -> None:
    numbering = _numbering(NewMeeting.host, data)
    hosts = data.get("hosts")
    if hosts is None:
        # An admin: any unit with an akim, found by name.
        await message.answer(t("admin-ask-host", **numbering), reply_markup=cancel_keyboard(t))
        return
    # An official of several akimats: one of theirs.
    choices = []
    for code in hosts:
        unit = await services.localities.get(str(code))
        if unit is not None:
            choices.append((unit.name(t.locale), unit.code))
    await message.answer(
        t("admin-ask-host-own", **numbering), reply_markup=choices_keyboard(choices, t)
    )


def presentation_question(data: dict[str, Any], t: Text, services: Services) -> str:
    duration = int(data["duration"])
    numbering = _numbering(NewMeeting.presentation, data)
    limit = presentation_limit(duration, services.profile)
    source = rule_source("presentation_share", services.profile)
    if limit is None or source is None:
        return t("admin-ask-presentation-free", duration=duration, **numbering)
    seed, clause = source
    return t(
        "admin-ask-presentation",
        duration=duration,
        max=limit,
        act=act_name(t, seed),
        clause=clause,
        **numbering,
    )


def presentation_refusal(
    minutes: int, data: dict[str, Any], t: Text, services: Services, *, popup: bool = False
) -> str:
    """Why ``minutes`` is not accepted, naming the longest that is (``popup``: the short form,
    for a button's alert of at most 200 characters)."""
    duration = int(data["duration"])
    limit = presentation_limit(duration, services.profile)
    source = rule_source("presentation_share", services.profile)
    if limit is not None and source is not None and limit < minutes <= duration:
        if popup:
            return t("admin-error-presentation-too-long", max=limit, duration=duration)
        seed, clause = source
        return t(
            "admin-presentation-too-long",
            minutes=minutes,
            max=limit,
            duration=duration,
            act=act_name(t, seed),
            clause=clause,
        )
    return t("admin-error-bad-presentation", max=limit if limit is not None else duration)


async def _go(
    message: Message, step: State, t: Text, state: FSMContext, services: Services
) -> None:
    await state.set_state(step)
    await ask_step(message, step.state, t, state, services)


async def _restart(message: Message, t: Text, state: FSMContext) -> None:
    # The wizard's data points at a locality that no longer exists: start again cleanly.
    await state.clear()
    await message.answer(t("admin-restart"))


async def summary_text(data: dict[str, object], t: Text, services: Services) -> str:
    host = await services.localities.get(str(data["host"]))
    venue = await services.localities.get(str(data["venue"]))
    audience = await services.localities.get(str(data["audience"]))
    starts = datetime.fromisoformat(str(data["starts"]))
    url = data.get("url")
    cutoff = questions_cutoff(starts, services.clock.now())
    missing = t("admin-summary-unknown")
    return "\n".join(
        [
            t("admin-summary-title"),
            t("admin-summary-host", host=_name(host, t) if host else missing),
            t("admin-summary-venue", venue=_name(venue, t) if venue else missing),
            t("admin-summary-audience", audience=_name(audience, t) if audience else missing),
            t("admin-summary-starts", when=t.weekday_datetime(starts)),
            t("admin-summary-duration", minutes=int(str(data["duration"]))),
            t("admin-summary-presentation", minutes=int(str(data["presentation"]))),
            t("admin-summary-place", place=escape(str(data["place"]))),
            t("admin-summary-url", url=escape(str(url))) if url else t("admin-summary-no-url"),
            t("admin-summary-calendar-off")
            if data.get("off_calendar")
            else t("admin-summary-calendar-in"),
            t("admin-summary-cutoff", when=t.datetime(cutoff)),
            *([t("demand-summary", id=data[DEMAND_KEY])] if data.get(DEMAND_KEY) else []),
        ]
    )


# --- /newmeeting and cancelling ------------------------------------------------------------------


@router.message(Command("newmeeting"))
async def cmd_newmeeting(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    await state.clear()
    if services.access.is_admin(user.id):
        await _go(message, NewMeeting.host, t, state, services)
        return
    # Checked in the database again: the staff filter let them in, but only the akimats they
    # act for may host their meetings.
    codes = [akimat.locality_code for akimat in await services.access.akimats_of(user.id)]
    if not codes:
        # A coordinator reads akimats and hosts no meeting: refused, recorded, said so.
        await services.access.audit(user.id, AuditAction.MEETING_CREATE, allowed=False)
        coordinator = await services.access.is_coordinator(user.id)
        await message.answer(t("access-denied-coordinator" if coordinator else "access-denied"))
        return
    if len(codes) == 1:
        await state.set_data({"host": codes[0], "hosts": codes, "host_fixed": True})
        await _go(message, NewMeeting.venue, t, state, services)
        return
    await state.set_data({"hosts": codes})
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


# The host is a unit with an akim (the akimat that holds the meeting), one of the official's
# own when the wizard knows their akimats; the venue and the audience lie within its territory.
def _fits_host(unit: LocalityHit | LocalityView, data: dict[str, Any]) -> bool:
    hosts = data.get("hosts")
    return unit.akim_level is not None and (hosts is None or unit.code in hosts)


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
        fits=_fits_host,
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


# --- time, duration, presentation, place, link, calendar -----------------------------------------


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
    if starts > (latest := latest_start(services.clock.now())):
        await message.answer(
            t("meeting-start-too-far", latest=t.date(latest)), reply_markup=cancel_keyboard(t)
        )
        return
    await state.update_data(starts=starts.isoformat())
    await _go(message, NewMeeting.duration, t, state, services)


@router.message(NewMeeting.duration, F.text, ~F.text.startswith("/"))
async def step_duration_text(
    message: Message, t: Text, state: FSMContext, services: Services
) -> None:
    minutes = _minutes(message.text)
    try:
        minutes = check_duration(minutes) if minutes is not None else None
    except MeetingError:
        minutes = None
    if minutes is None:
        await message.answer(
            error_text(t, MeetingErrorReason.BAD_DURATION), reply_markup=duration_keyboard(t)
        )
        return
    await state.update_data(duration=minutes)
    await _go(message, NewMeeting.presentation, t, state, services)


def _minutes(text: str | None) -> int | None:
    return whole_number(text, 0, 99_999)


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
        await _go(query.message, NewMeeting.presentation, t, state, services)


@router.message(NewMeeting.presentation, F.text, ~F.text.startswith("/"))
async def step_presentation_text(
    message: Message, t: Text, state: FSMContext, services: Services
) -> None:
    """The akim's report: refused above a quarter of the duration (seed 001, clause 3.3), with
    the longest allowed named."""
    data = await state.get_data()
    duration = int(data["duration"])
    minutes = _minutes(message.text)
    limit = presentation_limit(duration, services.profile)
    keyboard = presentation_keyboard(t, duration, limit)
    if minutes is None:
        await message.answer(
            t("admin-error-bad-presentation", max=limit if limit is not None else duration),
            reply_markup=keyboard,
        )
        return
    try:
        check_presentation(minutes, duration, services.profile)
    except MeetingError:
        await message.answer(
            presentation_refusal(minutes, data, t, services), reply_markup=keyboard
        )
        return
    await state.update_data(presentation=minutes)
    await _go(message, NewMeeting.place, t, state, services)


@router.callback_query(LcPresentationCb.filter(), NewMeeting.presentation)
async def cb_presentation(
    query: CallbackQuery,
    callback_data: LcPresentationCb,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    data = await state.get_data()
    try:
        minutes = check_presentation(
            callback_data.minutes, int(data["duration"]), services.profile
        )
    except MeetingError:
        await query.answer(
            presentation_refusal(callback_data.minutes, data, t, services, popup=True),
            show_alert=True,
        )
        return
    await query.answer()
    await state.update_data(presentation=minutes)
    await _confirm_pick(query, t("admin-picked-presentation", minutes=minutes))
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
    await _go(message, await _after_url(state), t, state, services)


@router.callback_query(AdminMeetingCb.filter(F.action == AdminMeetingAction.SKIP), NewMeeting.url)
async def cb_skip_url(
    query: CallbackQuery, t: Text, state: FSMContext, services: Services
) -> None:
    await query.answer()
    await state.update_data(url=None)
    await _confirm_pick(query, t("admin-picked-no-url"))
    if isinstance(query.message, Message):
        await _go(query.message, await _after_url(state), t, state, services)


async def _after_url(state: FSMContext) -> State:
    """A meeting answering citizens' demand is off the calendar by definition (seed 001,
    3.1): the calendar question is skipped for it."""
    data = await state.get_data()
    return NewMeeting.confirm if data.get(DEMAND_KEY) else NewMeeting.calendar


@router.callback_query(LcCalendarCb.filter(), NewMeeting.calendar)
async def cb_calendar(
    query: CallbackQuery,
    callback_data: LcCalendarCb,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    await query.answer()
    await state.update_data(off_calendar=callback_data.off_calendar)
    picked = (
        "admin-summary-calendar-off" if callback_data.off_calendar else "admin-summary-calendar-in"
    )
    await _confirm_pick(query, t(picked))
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
        meeting = await services.lifecycle.create(
            user.id,
            host_code=str(data["host"]),
            venue_code=str(data["venue"]),
            audience_code=str(data["audience"]),
            starts_at=datetime.fromisoformat(str(data["starts"])),
            duration_minutes=int(str(data["duration"])),
            place=str(data["place"]),
            broadcast_url=str(data["url"]) if data.get("url") else None,
            off_calendar=bool(data.get("off_calendar")),
            presentation_minutes=int(str(data["presentation"])),
        )
    except AccessDeniedError:
        # The official lost the akimat while answering: nothing is saved for it.
        await state.clear()
        await query.answer()
        await edit_or_answer(query, t("access-denied"))
        return
    except MeetingError as error:
        # Nothing is lost: the answers stay, and the step that needs a new answer is asked.
        await query.answer(error_text(t, error.reason, data, services.profile), show_alert=True)
        step = _STEP_OF_REASON.get(error.reason, NewMeeting.host)
        if isinstance(query.message, Message):
            await query.message.answer(error_text(t, error.reason, data, services.profile))
            await _go(query.message, step, t, state, services)
        return
    await state.clear()
    await query.answer()
    demand_line: list[str] = []
    demand_id = data.get(DEMAND_KEY)
    if isinstance(demand_id, int):
        demand_line = [await _link_demand(user.id, demand_id, meeting, t, services)]
    dossier = await services.lifecycle.dossier(meeting.id, user.id)
    await edit_or_answer(
        query,
        "\n".join([saved_text(meeting, t, services), *demand_line]),
        manage_keyboard(dossier, t),
    )


async def start_for_demand(
    message: Message,
    demand_id: int,
    host_code: str,
    locality_code: str,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    """The wizard for a meeting answering a citizens' demand (handlers/official/demands.py):
    the host, venue and audience are the demand's, the meeting is off the calendar; it asks
    from the start time on."""
    await state.set_data(
        {
            "host": host_code,
            "hosts": [host_code],
            "host_fixed": True,
            "venue": locality_code,
            "audience": locality_code,
            "off_calendar": True,
            DEMAND_KEY: demand_id,
        }
    )
    await _go(message, NewMeeting.starts, t, state, services)


async def _link_demand(
    user_id: int, demand_id: int, meeting: MeetingView, t: Text, services: Services
) -> str:
    """Link the saved meeting to the demand it answers (its supporters are told); what
    happened, as a line under the saved meeting."""
    try:
        await services.demands.schedule(
            user_id, demand_id, meeting.id, meeting.host_akimat_id, meeting.starts_at
        )
    except DemandError as error:
        # Answered by a colleague meanwhile: the meeting stays a draft of its own.
        return t(f"demand-error-{error.reason.value}", min=0, max=0)
    return t("demand-scheduled", id=demand_id)


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
@router.callback_query(LcPresentationCb.filter())
@router.callback_query(LcCalendarCb.filter())
@router.callback_query(
    AdminMeetingCb.filter(F.action.in_({AdminMeetingAction.SKIP, AdminMeetingAction.SAVE}))
)
async def cb_stale_step(query: CallbackQuery, t: Text) -> None:
    await query.answer(t("admin-stale-step"), show_alert=True)


__all__ = ["NewMeeting", "parse_local_datetime", "router"]
