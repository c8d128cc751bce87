"""/mymeetings: an akimat's meetings by status, and each meeting's management card: announce
now or at a set moment, move, cancel with a reason, record personal receptions, mark held,
close.

The staff router lets admins and officials in; every press asks services/lifecycle.py, which
checks the right on the meeting's akimat in the database again (an official of a higher akimat
reads the card but gets no buttons, and a forged button is refused and audited).
"""

import re
from collections.abc import Awaitable, Callable
from datetime import date, datetime, time
from html import escape
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.acts import act_name
from handlers.callbacks import LcAction, LcListCb, LcMeetingCb
from handlers.keyboards import InlineKeyboard
from handlers.names import locality_name
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from regulation import RuleNotInProfile, explain
from services.access import AccessDeniedError
from services.container import Services
from services.lifecycle import (
    MAX_REASON_LENGTH,
    MIN_REASON_LENGTH,
    RECEPTION_WINDOW,
    Act,
    AnnounceOutcome,
    LifecycleError,
    LifecycleErrorReason,
    LifecycleService,
    ListGroup,
    MeetingDossier,
    check_reason,
)
from services.meetings import MeetingView, latest_start, presentation_limit
from services.paging import Page
from services.statuses import MeetingStatus
from services.users import UserView

router = Routes(name=__name__)

# A scheduled announcement given as a day only goes out at this local hour: a working morning.
DEFAULT_ANNOUNCE_TIME = time(9, 0)

_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$")


class LifecycleInput(StatesGroup):
    """Typed answers to a card's button; the data holds the meeting's id."""

    schedule = State()
    move = State()
    move_confirm = State()
    cancel = State()
    cancel_confirm = State()
    reception = State()


# --- reading what an official types --------------------------------------------------------------


def _parts(text: str) -> tuple[int, int, int, int | None, int | None] | None:
    """(year, month, day, hour, minute) of `DD.MM.YYYY[ HH:MM]` or `YYYY-MM-DD[ HH:MM]`."""
    cleaned = " ".join(text.split())
    if match := _DMY.match(cleaned):
        day, month, year, hour, minute = match.groups()
    elif match := _YMD.match(cleaned):
        year, month, day, hour, minute = match.groups()
    else:
        return None
    return (
        int(year),
        int(month),
        int(day),
        int(hour) if hour is not None else None,
        int(minute) if minute is not None else None,
    )


def parse_local_datetime(text: str, tz: ZoneInfo) -> datetime | None:
    """`DD.MM.YYYY HH:MM` (the hour may have one digit) or `YYYY-MM-DD HH:MM`, local time in
    ``tz``, as an aware datetime; None when it is not such a date or not a real one."""
    parts = _parts(text)
    if parts is None:
        return None
    year, month, day, hour, minute = parts
    if hour is None or minute is None:
        return None
    try:
        return datetime(year, month, day, hour, minute, tzinfo=tz)
    except ValueError:
        return None


def parse_local_date(text: str) -> date | None:
    """`DD.MM.YYYY` or `YYYY-MM-DD`; None when it is not a real date."""
    parts = _parts(text)
    if parts is None or parts[3] is not None:
        return None
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def parse_announce_moment(text: str, tz: ZoneInfo) -> datetime | None:
    """A day (announced at 09:00 local time) or a day and a time."""
    if (day := parse_local_date(text)) is not None:
        return datetime.combine(day, DEFAULT_ANNOUNCE_TIME, tzinfo=tz)
    return parse_local_datetime(text, tz)


# --- the law's sources and dates -----------------------------------------------------------------


def rule_source(rule_key: str, profile: str) -> tuple[str, str] | None:
    """The short seed number ("001") and clause ("3.4") of a rule, for an official to check;
    None when the profile has no such rule."""
    try:
        source = explain(rule_key, profile)
    except RuleNotInProfile:
        return None
    return source.seed.split("_")[0], source.clause


def local_date_text(t: Text, day: date) -> str:
    # Noon of the local day: formatting it through `t.date` cannot move it to another day.
    return t.date(datetime.combine(day, time(12), tzinfo=t.tz))


def due_lines(meeting: MeetingView, t: Text, services: Services) -> list[str]:
    """By when a draft must be announced, and where the law says so (seed 001, clause 3.4)."""
    due = services.meetings.announcement_due_date(meeting)
    source = rule_source("announcement", services.profile)
    if due is None or source is None:
        return [t("admin-due-none")]
    lead = (meeting.starts_at.astimezone(services.tz).date() - due).days
    lines = [
        t("admin-due", due=local_date_text(t, due), days=lead),
        t("admin-due-source", act=act_name(t, source[0]), clause=source[1]),
    ]
    if due < services.clock.now().astimezone(services.tz).date():
        lines.append(t("admin-due-passed"))
    return lines


def timing_line(outcome: AnnounceOutcome, t: Text, services: Services) -> str:
    """On time or late against the last day to announce; lateness is also on the record."""
    source = rule_source("announcement", services.profile)
    if outcome.due is None or source is None:
        return t("lc-timing-no-rule")
    due = local_date_text(t, outcome.due)
    if outcome.late:
        return t(
            "lc-timing-late",
            days=outcome.days_late,
            due=due,
            act=act_name(t, source[0]),
            clause=source[1],
        )
    return t("lc-timing-on-time", due=due)


# --- the management card -------------------------------------------------------------------------


def status_label(meeting: MeetingView, t: Text) -> str:
    return t(f"lc-status-{meeting.status.value}")


def dossier_text(dossier: MeetingDossier, t: Text, services: Services) -> str:
    meeting = dossier.meeting
    host = locality_name(meeting.host.name_kk, meeting.host.name_ru, t.locale)
    venue = locality_name(meeting.venue.name_kk, meeting.venue.name_ru, t.locale)
    audience = locality_name(meeting.audience.name_kk, meeting.audience.name_ru, t.locale)
    lines = [
        t("lc-card-title", id=meeting.id, status=status_label(meeting, t)),
        t("meet-card-host", host=host),
        t("meet-card-when", when=t.weekday_datetime(meeting.starts_at)),
    ]
    if meeting.previous_starts_at is not None and not meeting.is_cancelled:
        lines.append(t("lc-card-moved-from", when=t.weekday_datetime(meeting.previous_starts_at)))
    lines += [
        t("meet-card-place", venue=venue, place=escape(meeting.place)),
        t("meet-card-audience", audience=audience),
        t("lc-card-duration", minutes=meeting.duration_minutes),
    ]
    if meeting.presentation_minutes is not None:
        limit = presentation_limit(meeting.duration_minutes, services.profile)
        lines.append(
            t(
                "lc-card-presentation",
                minutes=meeting.presentation_minutes,
                max=limit if limit is not None else meeting.duration_minutes,
            )
        )
    lines.append(t("lc-card-off-calendar" if meeting.off_calendar else "lc-card-in-calendar"))
    if meeting.broadcast_url:
        lines.append(t("lc-card-broadcast", url=escape(meeting.broadcast_url)))
    if meeting.status in _COMING:
        lines.append(t("meet-card-questions-until", until=t.datetime(meeting.questions_cutoff)))
    lines += _announcement_lines(dossier, t, services)
    lines.append(t("lc-card-audience-count", told=dossier.told, authors=dossier.question_authors))
    held = [day for day in dossier.receptions if day not in dossier.planned]
    if held:
        days = ", ".join(local_date_text(t, day) for day in held)
        lines.append(t("reception-official-held", days=days))
    if dossier.planned:
        days = ", ".join(local_date_text(t, day) for day in dossier.planned)
        lines.append(t("reception-official-planned", days=days))
    if not dossier.receptions and meeting.status is not MeetingStatus.DRAFT:
        lines.append(t("lc-card-no-receptions"))
    if dossier.action_plan_due is not None and not meeting.is_cancelled:
        source = rule_source("action_plan", services.profile)
        lines.append(
            t(
                "lc-card-plan-due",
                due=local_date_text(t, dossier.action_plan_due),
                act=act_name(t, source[0] if source else "-"),
                clause=source[1] if source else "-",
            )
        )
    if meeting.is_cancelled:
        lines.append(
            t(
                "lc-card-cancelled",
                when=t.datetime(meeting.cancelled_at) if meeting.cancelled_at else "-",
                reason=escape(meeting.cancel_reason or ""),
            )
        )
    if not dossier.acts and meeting.status in _LIVE:
        lines.append(t("lc-card-read-only"))
    return "\n".join(lines)


def _announcement_lines(dossier: MeetingDossier, t: Text, services: Services) -> list[str]:
    meeting = dossier.meeting
    if meeting.announced_at is not None:
        key = "lc-card-announced-late" if meeting.announced_late else "lc-card-announced"
        due = dossier.announcement_due
        return [
            t(
                key,
                when=t.datetime(meeting.announced_at),
                due=local_date_text(t, due) if due else "-",
            )
        ]
    if meeting.status is not MeetingStatus.DRAFT:
        return []
    lines = due_lines(meeting, t, services)
    if meeting.announce_at is not None:
        lines.append(t("lc-card-scheduled", when=t.datetime(meeting.announce_at)))
    return lines


# Still to take place: citizens' questions are still being collected.
_COMING = frozenset({MeetingStatus.DRAFT, MeetingStatus.ANNOUNCED, MeetingStatus.RESCHEDULED})
# The statuses in which something can still be done.
_LIVE = frozenset(
    {
        MeetingStatus.DRAFT,
        MeetingStatus.ANNOUNCED,
        MeetingStatus.RESCHEDULED,
        MeetingStatus.HELD,
    }
)

_BUTTONS: tuple[tuple[Act, LcAction, str], ...] = (
    (Act.ANNOUNCE, LcAction.ANNOUNCE, "lc-btn-announce"),
    (Act.SCHEDULE, LcAction.SCHEDULE, "lc-btn-schedule"),
    (Act.MOVE, LcAction.MOVE, "lc-btn-move"),
    (Act.RECEPTION, LcAction.RECEPTION, "lc-btn-reception"),
    (Act.HOLD, LcAction.HOLD, "lc-btn-hold"),
    (Act.CLOSE, LcAction.CLOSE, "lc-btn-close"),
    (Act.CANCEL, LcAction.CANCEL, "lc-btn-cancel"),
)


def manage_keyboard(dossier: MeetingDossier, t: Text) -> InlineKeyboardMarkup:
    """The acts the reader may do now, one per row, then the way back to the list."""
    meeting = dossier.meeting
    builder = InlineKeyboard()
    for act, action, key in _BUTTONS:
        if act not in dossier.acts:
            continue
        if act is Act.SCHEDULE and meeting.announce_at is not None:
            action, key = LcAction.UNSCHEDULE, "lc-btn-unschedule"
        builder.button(
            text=t(key), callback_data=LcMeetingCb(action=action, meeting_id=meeting.id)
        )
    builder.button(text=t("lc-btn-list"), callback_data=LcListCb(group=_group_of(meeting).value))
    builder.adjust(1)
    return builder.as_markup()


def _group_of(meeting: MeetingView) -> ListGroup:
    if meeting.status is MeetingStatus.HELD:
        return ListGroup.HELD
    if meeting.status in {MeetingStatus.CLOSED, MeetingStatus.CANCELLED}:
        return ListGroup.ARCHIVE
    return ListGroup.ACTIVE


def back_keyboard(meeting_id: int, t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("lc-btn-back"),
        callback_data=LcMeetingCb(action=LcAction.BACK, meeting_id=meeting_id),
    )
    return builder.as_markup()


def confirm_keyboard(meeting_id: int, action: LcAction, key: str, t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t(key), callback_data=LcMeetingCb(action=action, meeting_id=meeting_id))
    builder.button(
        text=t("lc-btn-back"),
        callback_data=LcMeetingCb(action=LcAction.BACK, meeting_id=meeting_id),
    )
    builder.adjust(1)
    return builder.as_markup()


def error_text(error: LifecycleError, t: Text, services: Services) -> str:
    if error.reason is LifecycleErrorReason.WRONG_STATUS and error.status is not None:
        return t("lc-error-wrong-status", status=t(f"lc-status-{error.status.value}"))
    return t(
        f"lc-error-{error.reason.value}",
        min=MIN_REASON_LENGTH,
        max=MAX_REASON_LENGTH,
        days=RECEPTION_WINDOW.days,
        now=t.datetime(services.clock.now()),
        bound=local_date_text(t, error.bound) if error.bound is not None else "-",
    )


async def send_card(
    message: Message, meeting_id: int, user: UserView, t: Text, services: Services
) -> None:
    """The management card as a new message (or why it cannot be shown)."""
    try:
        dossier = await services.lifecycle.dossier(meeting_id, user.id)
    except AccessDeniedError:
        await message.answer(t("access-denied"))
        return
    except LifecycleError as error:
        await message.answer(error_text(error, t, services))
        return
    await message.answer(
        dossier_text(dossier, t, services), reply_markup=manage_keyboard(dossier, t)
    )


# --- /mymeetings ---------------------------------------------------------------------------------


def list_text(page: Page[MeetingView], group: ListGroup, t: Text) -> str:
    lines = [t(f"lc-list-title-{group.value}", count=page.total)]
    if not page.items:
        lines.append(t(f"lc-list-empty-{group.value}"))
    for meeting in page.items:
        host = locality_name(meeting.host.name_kk, meeting.host.name_ru, t.locale)
        lines.append(
            t(
                "lc-list-line",
                id=meeting.id,
                status=status_label(meeting, t),
                when=t.weekday_datetime(meeting.starts_at),
                host=host,
            )
        )
    if page.pages > 1:
        lines.append(t("lc-list-page", page=page.page + 1, pages=page.pages))
    return "\n\n".join(lines)


def list_keyboard(page: Page[MeetingView], group: ListGroup, t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    sizes: list[int] = []
    for meeting in page.items:
        builder.button(
            text=t("lc-btn-open", id=meeting.id),
            callback_data=LcMeetingCb(action=LcAction.OPEN, meeting_id=meeting.id),
        )
    count = len(page.items)
    sizes += [4] * (count // 4) + ([count % 4] if count % 4 else [])
    navigation = 0
    if page.has_prev:
        builder.button(
            text=t("meet-btn-prev"), callback_data=LcListCb(group=group.value, page=page.page - 1)
        )
        navigation += 1
    if page.has_next:
        builder.button(
            text=t("meet-btn-next"), callback_data=LcListCb(group=group.value, page=page.page + 1)
        )
        navigation += 1
    if navigation:
        sizes.append(navigation)
    for tab in ListGroup:
        label = t(f"lc-tab-{tab.value}")
        builder.button(
            text=t("lc-tab-current", tab=label) if tab is group else label,
            callback_data=LcListCb(group=tab.value),
        )
    sizes.append(len(ListGroup))
    builder.adjust(*sizes)
    return builder.as_markup()


async def render_list(
    user: UserView, t: Text, services: Services, group: ListGroup, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    meetings = await services.lifecycle.list_for(user.id, group, page)
    return list_text(meetings, group, t), list_keyboard(meetings, group, t)


@router.message(Command("mymeetings"))
async def cmd_mymeetings(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    await _leave_input(state)
    text, keyboard = await render_list(user, t, services, ListGroup.ACTIVE, 0)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(LcListCb.filter())
async def cb_list(
    query: CallbackQuery,
    callback_data: LcListCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    try:
        group = ListGroup(callback_data.group)
    except ValueError:
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    await _leave_input(state)
    await query.answer()
    text, keyboard = await render_list(user, t, services, group, callback_data.page)
    await edit_or_answer(query, text, keyboard)


async def _leave_input(state: FSMContext) -> None:
    if await state.get_state() in LifecycleInput.__all_states_names__:
        await state.clear()


# --- the card's buttons --------------------------------------------------------------------------


@router.callback_query(LcMeetingCb.filter(F.action.in_({LcAction.OPEN, LcAction.BACK})))
async def cb_open(
    query: CallbackQuery,
    callback_data: LcMeetingCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    await _leave_input(state)
    try:
        dossier = await services.lifecycle.dossier(callback_data.meeting_id, user.id)
    except LifecycleError as error:
        await query.answer(error_text(error, t, services), show_alert=True)
        return
    await query.answer()
    await edit_or_answer(
        query,
        dossier_text(dossier, t, services),
        manage_keyboard(dossier, t),
        # Pressed under a duty reminder: the card comes as a new message, the reminder stays.
        fresh=callback_data.fresh,
    )


async def _done(
    query: CallbackQuery, result: str, meeting_id: int, user: UserView, t: Text, services: Services
) -> None:
    """An act is done: the pressed message says what happened, the fresh card follows."""
    await query.answer()
    await edit_or_answer(query, result)
    if isinstance(query.message, Message):
        await send_card(query.message, meeting_id, user, t, services)


@router.callback_query(LcMeetingCb.filter(F.action == LcAction.ANNOUNCE))
async def cb_announce(
    query: CallbackQuery, callback_data: LcMeetingCb, user: UserView, t: Text, services: Services
) -> None:
    meeting_id = callback_data.meeting_id
    try:
        outcome = await services.lifecycle.announce(meeting_id, user.id)
    except LifecycleError as error:
        await query.answer(error_text(error, t, services), show_alert=True)
        return
    if outcome.already:
        announced = outcome.meeting.announced_at
        result = t(
            "lc-announce-already",
            id=str(meeting_id),
            when=t.datetime(announced) if announced else "-",
        )
    else:
        result = "\n".join(
            [
                t("lc-announced", id=meeting_id, count=outcome.enqueued),
                timing_line(outcome, t, services),
            ]
        )
    await _done(query, result, meeting_id, user, t, services)


# The acts that need nothing but the press: the service call and what the official reads after.
SimpleAct = Callable[[LifecycleService, int, int], Awaitable[object]]
SIMPLE_ACTS: dict[LcAction, tuple[SimpleAct, str]] = {
    LcAction.UNSCHEDULE: (LifecycleService.unschedule_announcement, "lc-unscheduled"),
    LcAction.HOLD: (LifecycleService.mark_held, "lc-held"),
    LcAction.CLOSE: (LifecycleService.close, "lc-closed"),
}


@router.callback_query(LcMeetingCb.filter(F.action.in_(SIMPLE_ACTS)))
async def cb_simple_act(
    query: CallbackQuery, callback_data: LcMeetingCb, user: UserView, t: Text, services: Services
) -> None:
    act, result_key = SIMPLE_ACTS[callback_data.action]
    try:
        await act(services.lifecycle, callback_data.meeting_id, user.id)
    except LifecycleError as error:
        await query.answer(error_text(error, t, services), show_alert=True)
        return
    result = t(result_key, id=callback_data.meeting_id)
    await _done(query, result, callback_data.meeting_id, user, t, services)


# --- acts that need a typed answer ---------------------------------------------------------------


_INPUT: dict[LcAction, tuple[Act, State, str]] = {
    LcAction.SCHEDULE: (Act.SCHEDULE, LifecycleInput.schedule, "lc-ask-schedule"),
    LcAction.MOVE: (Act.MOVE, LifecycleInput.move, "lc-ask-move"),
    LcAction.CANCEL: (Act.CANCEL, LifecycleInput.cancel, "lc-ask-cancel"),
    LcAction.RECEPTION: (Act.RECEPTION, LifecycleInput.reception, "lc-ask-reception"),
}


@router.callback_query(LcMeetingCb.filter(F.action.in_(set(_INPUT))))
async def cb_ask_input(
    query: CallbackQuery,
    callback_data: LcMeetingCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    """Ask for the date or the reason the act needs, once the right and the status allow it
    (so nobody types a reason for nothing)."""
    act, step, key = _INPUT[callback_data.action]
    try:
        meeting = await services.lifecycle.check(callback_data.meeting_id, user.id, act)
    except LifecycleError as error:
        await query.answer(error_text(error, t, services), show_alert=True)
        return
    await query.answer()
    await state.set_state(step)
    await state.set_data({"meeting_id": meeting.id})
    if isinstance(query.message, Message):
        await query.message.answer(
            _question(key, meeting, t, services), reply_markup=back_keyboard(meeting.id, t)
        )


def _question(key: str, meeting: MeetingView, t: Text, services: Services) -> str:
    earliest = services.lifecycle.reception_earliest(meeting)
    due = services.meetings.announcement_due_date(meeting)
    return t(
        key,
        id=meeting.id,
        when=t.weekday_datetime(meeting.starts_at),
        due=local_date_text(t, due) if due else "-",
        earliest=local_date_text(t, earliest),
        min=MIN_REASON_LENGTH,
        max=MAX_REASON_LENGTH,
    )


@router.message(StateFilter(LifecycleInput), Command("cancel"))
async def cmd_cancel_input(message: Message, t: Text, state: FSMContext) -> None:
    await state.clear()
    await message.answer(t("cancelled"))


@router.message(LifecycleInput.schedule, F.text, ~F.text.startswith("/"))
async def step_schedule(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    meeting_id = int((await state.get_data())["meeting_id"])
    moment = parse_announce_moment(message.text or "", services.tz)
    if moment is None:
        await message.answer(t("lc-bad-moment"), reply_markup=back_keyboard(meeting_id, t))
        return
    try:
        outcome = await services.lifecycle.schedule_announcement(meeting_id, user.id, moment)
    except AccessDeniedError:
        await state.clear()
        await message.answer(t("access-denied"))
        return
    except LifecycleError as error:
        await message.answer(
            error_text(error, t, services), reply_markup=back_keyboard(meeting_id, t)
        )
        return
    await state.clear()
    lines = [t("lc-scheduled", id=meeting_id, when=t.datetime(outcome.announce_at))]
    if outcome.days_late and outcome.due is not None:
        source = rule_source("announcement", services.profile) or ("-", "-")
        lines.append(
            t(
                "lc-scheduled-late",
                days=outcome.days_late,
                due=local_date_text(t, outcome.due),
                act=act_name(t, source[0]),
                clause=source[1],
            )
        )
    await message.answer("\n".join(lines))
    await send_card(message, meeting_id, user, t, services)


@router.message(LifecycleInput.move, F.text, ~F.text.startswith("/"))
async def step_move(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    meeting_id = int((await state.get_data())["meeting_id"])
    starts = parse_local_datetime(message.text or "", services.tz)
    if starts is None:
        await message.answer(t("admin-bad-datetime"), reply_markup=back_keyboard(meeting_id, t))
        return
    if starts <= services.clock.now():
        await message.answer(
            t("admin-datetime-past", now=t.datetime(services.clock.now())),
            reply_markup=back_keyboard(meeting_id, t),
        )
        return
    if starts > (latest := latest_start(services.clock.now())):
        await message.answer(
            t("meeting-start-too-far", latest=t.date(latest)),
            reply_markup=back_keyboard(meeting_id, t),
        )
        return
    try:
        dossier = await services.lifecycle.dossier(meeting_id, user.id)
    except (AccessDeniedError, LifecycleError):
        await state.clear()
        await message.answer(t("access-denied"))
        return
    await state.update_data(starts=starts.isoformat())
    await state.set_state(LifecycleInput.move_confirm)
    meeting = dossier.meeting
    draft = meeting.status is MeetingStatus.DRAFT
    lines = [
        t(
            "lc-confirm-move-draft" if draft else "lc-confirm-move",
            id=meeting_id,
            old=t.weekday_datetime(meeting.starts_at),
            new=t.weekday_datetime(starts),
            told=dossier.told,
            authors=dossier.question_authors,
        )
    ]
    if not draft:
        # Seen before confirming: the notice period counts to the new start.
        due, days_late = services.lifecycle.move_lateness(meeting, starts)
        if due is not None and days_late:
            lines.append(t("lc-move-late", due=local_date_text(t, due), days=days_late))
        elif due is not None:
            lines.append(t("lc-move-due", due=local_date_text(t, due)))
    await message.answer(
        "\n".join(lines),
        reply_markup=confirm_keyboard(meeting_id, LcAction.MOVE_CONFIRM, "lc-btn-move-confirm", t),
    )


@router.callback_query(LcMeetingCb.filter(F.action == LcAction.MOVE_CONFIRM))
async def cb_move_confirm(
    query: CallbackQuery,
    callback_data: LcMeetingCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    data = await state.get_data()
    meeting_id = callback_data.meeting_id
    if (
        await state.get_state() != LifecycleInput.move_confirm.state
        or data.get("meeting_id") != meeting_id
    ):
        await query.answer(t("lc-stale"), show_alert=True)
        return
    starts = datetime.fromisoformat(str(data["starts"]))
    try:
        outcome = await services.lifecycle.move(meeting_id, user.id, starts)
    except AccessDeniedError:
        await state.clear()
        await query.answer(t("access-denied"), show_alert=True)
        return
    except LifecycleError as error:
        await state.clear()
        await query.answer(error_text(error, t, services), show_alert=True)
        return
    await state.clear()
    result = t(
        "lc-moved",
        id=meeting_id,
        when=t.weekday_datetime(outcome.meeting.starts_at),
        count=outcome.notified,
    )
    if outcome.due is not None and outcome.days_late:
        late = t("lc-moved-late", due=local_date_text(t, outcome.due), days=outcome.days_late)
        result = f"{result}\n{late}"
    await _done(query, result, meeting_id, user, t, services)


@router.message(LifecycleInput.cancel, F.text, ~F.text.startswith("/"))
async def step_cancel_reason(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    meeting_id = int((await state.get_data())["meeting_id"])
    try:
        reason = check_reason(message.text or "")
        dossier = await services.lifecycle.dossier(meeting_id, user.id)
    except AccessDeniedError:
        await state.clear()
        await message.answer(t("access-denied"))
        return
    except LifecycleError as error:
        await message.answer(
            error_text(error, t, services), reply_markup=back_keyboard(meeting_id, t)
        )
        return
    await state.update_data(reason=reason)
    await state.set_state(LifecycleInput.cancel_confirm)
    key = (
        "lc-confirm-cancel-draft"
        if dossier.meeting.status is MeetingStatus.DRAFT
        else "lc-confirm-cancel"
    )
    await message.answer(
        t(
            key,
            id=meeting_id,
            reason=escape(reason),
            told=dossier.told,
            authors=dossier.question_authors,
        ),
        reply_markup=confirm_keyboard(
            meeting_id, LcAction.CANCEL_CONFIRM, "lc-btn-cancel-confirm", t
        ),
    )


@router.callback_query(LcMeetingCb.filter(F.action == LcAction.CANCEL_CONFIRM))
async def cb_cancel_confirm(
    query: CallbackQuery,
    callback_data: LcMeetingCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    data = await state.get_data()
    meeting_id = callback_data.meeting_id
    if (
        await state.get_state() != LifecycleInput.cancel_confirm.state
        or data.get("meeting_id") != meeting_id
    ):
        await query.answer(t("lc-stale"), show_alert=True)
        return
    try:
        outcome = await services.lifecycle.cancel(meeting_id, user.id, str(data["reason"]))
    except AccessDeniedError:
        await state.clear()
        await query.answer(t("access-denied"), show_alert=True)
        return
    except LifecycleError as error:
        await state.clear()
        await query.answer(error_text(error, t, services), show_alert=True)
        return
    await state.clear()
    result = t("lc-cancelled", id=meeting_id, count=outcome.notified)
    await _done(query, result, meeting_id, user, t, services)


@router.message(LifecycleInput.reception, F.text, ~F.text.startswith("/"))
async def step_reception(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    meeting_id = int((await state.get_data())["meeting_id"])
    day = parse_local_date(message.text or "")
    if day is None:
        await message.answer(t("lc-bad-date"), reply_markup=back_keyboard(meeting_id, t))
        return
    try:
        outcome = await services.lifecycle.add_reception(meeting_id, user.id, day)
    except AccessDeniedError:
        await state.clear()
        await message.answer(t("access-denied"))
        return
    except LifecycleError as error:
        await message.answer(
            error_text(error, t, services), reply_markup=back_keyboard(meeting_id, t)
        )
        return
    await state.clear()
    key = "lc-reception-added" if outcome.added else "lc-reception-known"
    lines = [t(key, id=meeting_id, day=local_date_text(t, day))]
    if outcome.planned:
        lines.append(t("reception-added-planned", day=local_date_text(t, day)))
    if outcome.action_plan_due is not None:
        lines.append(t("lc-reception-plan-due", due=local_date_text(t, outcome.action_plan_due)))
    await message.answer("\n".join(lines))
    await send_card(message, meeting_id, user, t, services)


@router.message(StateFilter(LifecycleInput), ~F.text.startswith("/"))
async def step_unexpected(message: Message, t: Text, state: FSMContext) -> None:
    """A sticker, a photo, or text at a confirmation: say what is expected."""
    data = await state.get_data()
    meeting_id = int(data.get("meeting_id", 0))
    await message.answer(t("lc-expected-other"), reply_markup=back_keyboard(meeting_id, t))


__all__ = [
    "LifecycleInput",
    "due_lines",
    "manage_keyboard",
    "parse_announce_moment",
    "parse_local_date",
    "parse_local_datetime",
    "router",
    "rule_source",
    "send_card",
]
