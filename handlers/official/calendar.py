"""/calendar for officials: the akimat's annual calendar of meetings (services/calendar.py).

The year's entries with a button each to make a draft meeting and to remove it; add an entry
in chat (month or date, then the venue by name among the units of the territory, then the
kind), or download the XLSX template and upload it back; record the maslikhat's agreement,
approval and submission; corrections after the agreement are shown with their history.

`/calendar` opens the official's own akimat for this year; `/calendar 2028` another year;
`/calendar <KATO code> [year]` an akimat inside the reader's territory (an admin: any). Every
button re-checks the right in the service (AccessDeniedError is answered once, in errors.py).
"""

import asyncio
from datetime import date
from html import escape

from aiogram import Bot, F
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import CalendarAction, CalendarCb
from handlers.citizen.calendar import citizen_calendar_text, when_text
from handlers.keyboards import InlineKeyboard
from handlers.notices.coverage import day_text
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.access import Right
from services.audit import AuditAction
from services.calendar import (
    MAX_ENTRIES,
    CalendarEntryKind,
    CalendarError,
    CalendarStatus,
    CalendarView,
    NewEntry,
    parse_agreement,
    parse_when,
)
from services.calendar_xlsx import (
    MAX_FILE_BYTES,
    CalendarFileError,
    CalendarFileProblem,
    CalendarFileRejectedError,
    build_template,
    header_names,
    kind_names,
    parse_calendar,
)
from services.container import Services
from services.kato.codes import kato_contains
from services.kato.names import name_for_locale
from services.meetings import MeetingError

router = Routes(name=__name__)

ENTRIES_SHOWN = 30
ENTRY_BUTTONS = 10
VENUE_BUTTONS = 8
KIND_ICONS = {CalendarEntryKind.VISITING: "🚗", CalendarEntryKind.REPORTING: "📋"}


class CalendarStates(StatesGroup):
    when = State()
    venue = State()
    agreement = State()
    upload = State()


def error_text(t: Text, error: CalendarError) -> str:
    return t(f"calendar-error-{error.reason.value}", detail=escape(error.detail))


def file_error_line(t: Text, error: CalendarFileError, year: int) -> str:
    problem = t(
        f"calendar-file-{error.problem.value}",
        value=escape(error.value),
        max=MAX_ENTRIES,
        megabytes=MAX_FILE_BYTES // (1024 * 1024),
        year=str(year),
    )
    if error.row is None:
        return problem
    return t("calendar-row", row=error.row, column=error.column or "", problem=problem)


def file_errors_text(t: Text, failure: CalendarFileRejectedError, year: int) -> str:
    lines = [t("calendar-file-rejected")]
    lines += ["• " + file_error_line(t, error, year) for error in failure.errors]
    if failure.total > len(failure.errors):
        lines.append(t("calendar-file-more", count=failure.total - len(failure.errors)))
    return "\n".join(lines)


def _status(t: Text, view: CalendarView) -> str:
    args = {
        "date": day_text(t, view.agreed_on) if view.agreed_on else "",
        "number": escape(view.agreement_number or ""),
        "approved": day_text(t, view.approved_on) if view.approved_on else "—",
        "submitted": day_text(t, view.submitted_on) if view.submitted_on else "",
    }
    if view.agreed_on is None and view.status is CalendarStatus.APPROVED:
        # Marked approved in /deadlines, the maslikhat's agreement never recorded here.
        return t("calendar-status-approved-unagreed", **args)
    if view.agreed_on is None and view.status is CalendarStatus.SUBMITTED:
        return t("calendar-status-submitted-unagreed", **args)
    return t(f"calendar-status-{view.status.value}", **args)


def render_calendar(
    t: Text, view: CalendarView, akimat_name: str, *, can_act: bool
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [t("calendar-title", year=str(view.year), akimat=escape(akimat_name))]
    lines.append(_status(t, view))
    if "approve" in view.deadlines and "submit" in view.deadlines:
        lines.append(
            t(
                "calendar-deadlines",
                approve=day_text(t, view.deadlines["approve"]),
                submit=day_text(t, view.deadlines["submit"]),
            )
        )
    elif "submit" in view.deadlines:
        lines.append(t("calendar-deadline-submit", submit=day_text(t, view.deadlines["submit"])))
    lines.append("")
    if not view.entries:
        lines.append(t("calendar-empty"))
    for number, entry in enumerate(view.entries[:ENTRIES_SHOWN], start=1):
        lines.append(
            t(
                "calendar-entry",
                number=number,
                icon=KIND_ICONS[entry.kind],
                when=when_text(t, view.year, entry.month, entry.planned_on),
                venue=escape(entry.venue(t.locale)),
                kind=t(f"calendar-kind-{entry.kind.value}"),
                draft=t("calendar-entry-draft", id=entry.meeting_id) if entry.meeting_id else "",
            )
        )
    if len(view.entries) > ENTRIES_SHOWN:
        lines.append(t("calendar-more-entries", count=len(view.entries) - ENTRIES_SHOWN))
    if view.corrections:
        lines += ["", t("calendar-corrections")]
        for correction in view.corrections[-5:]:
            changes = escape("; ".join(correction.changes))[:600]
            if correction.open:
                lines.append(
                    t("calendar-correction-open", number=correction.number, changes=changes)
                )
            else:
                assert correction.agreed_on is not None
                lines.append(
                    t(
                        "calendar-correction-agreed",
                        number=correction.number,
                        date=day_text(t, correction.agreed_on),
                        decision=escape(correction.agreement_number or ""),
                        changes=changes,
                    )
                )
    builder = InlineKeyboard()
    widths: list[int] = []

    def cb(action: CalendarAction, **fields: int | str) -> CalendarCb:
        return CalendarCb(action=action, akimat_id=view.akimat_id, year=view.year, **fields)

    if can_act:
        for number, entry in enumerate(view.entries[:ENTRY_BUTTONS], start=1):
            if entry.meeting_id is None:
                builder.button(
                    text=t("calendar-btn-draft", number=number),
                    callback_data=cb(CalendarAction.DRAFT, entry_id=entry.id),
                )
            builder.button(
                text=t("calendar-btn-remove", number=number),
                callback_data=cb(CalendarAction.REMOVE, entry_id=entry.id),
            )
            widths.append(1 if entry.meeting_id is not None else 2)
        builder.button(text=t("calendar-btn-add"), callback_data=cb(CalendarAction.ADD))
        builder.button(text=t("calendar-btn-template"), callback_data=cb(CalendarAction.TEMPLATE))
        builder.button(text=t("calendar-btn-upload"), callback_data=cb(CalendarAction.UPLOAD))
        widths.append(3)
        builder.button(text=t("calendar-btn-agree"), callback_data=cb(CalendarAction.AGREE))
        widths.append(1)
        if view.status is CalendarStatus.AGREED:
            builder.button(
                text=t("calendar-btn-approve"), callback_data=cb(CalendarAction.APPROVE)
            )
            widths.append(1)
        if view.status is CalendarStatus.APPROVED:
            builder.button(text=t("calendar-btn-submit"), callback_data=cb(CalendarAction.SUBMIT))
            widths.append(1)
    else:
        builder.button(text=t("calendar-btn-template"), callback_data=cb(CalendarAction.TEMPLATE))
        widths.append(1)
    builder.button(text=t("calendar-btn-mine"), callback_data=cb(CalendarAction.MINE))
    widths.append(1)
    builder.adjust(*widths)
    return "\n".join(lines), builder.as_markup()


async def _screen(
    t: Text, services: Services, user_id: int, akimat_id: int, year: int
) -> tuple[str, InlineKeyboardMarkup]:
    view = await services.calendar.view(user_id, akimat_id, year)
    code = await services.calendar.akimat_code(akimat_id)
    place = await services.localities.get(code) if code else None
    name = place.name(t.locale) if place else ""
    can_act = await services.access.allowed(user_id, akimat_id, Right.ACT)
    return render_calendar(t, view, name, can_act=can_act)


def _cancel_keyboard(t: Text, akimat_id: int, year: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("calendar-btn-cancel"),
        callback_data=CalendarCb(action=CalendarAction.CANCEL, akimat_id=akimat_id, year=year),
    )
    return builder.as_markup()


async def _begin_step(
    query: CallbackQuery,
    callback_data: CalendarCb,
    t: Text,
    state: FSMContext,
    services: Services,
    action: AuditAction,
    step: State,
    prompt: str,
) -> None:
    """A press that starts a step in chat (an entry, the agreement, a file): the right to act
    checked again, the step and its calendar remembered, the question asked."""
    await services.access.require(
        query.from_user.id, callback_data.akimat_id, Right.ACT, action=action
    )
    await query.answer()
    await state.set_state(step)
    await state.set_data({"akimat_id": callback_data.akimat_id, "year": callback_data.year})
    assert query.bot is not None
    await query.bot.send_message(
        query.from_user.id,
        prompt,
        reply_markup=_cancel_keyboard(t, callback_data.akimat_id, callback_data.year),
    )


@router.message(Command("calendar"))
async def cmd_calendar(
    message: Message, command: CommandObject, t: Text, state: FSMContext, services: Services
) -> None:
    assert message.from_user is not None
    user_id = message.from_user.id
    await state.clear()
    year = services.calendar.today().year
    code = ""
    for word in (command.args or "").split()[:2]:
        if len(word) == 4 and word.isdigit():
            year = int(word)
        else:
            code = word
    if code:
        akimat_id = await services.duties.akimat_id_of(code)
        if akimat_id is None:
            await message.answer(t("calendar-unknown-akimat", code=escape(code[:20])))
            return
    else:
        own = await services.access.akimats_of(user_id)
        if not own:
            # An admin with no akimat of their own: what a citizen sees, and how to pick one.
            await message.answer(await citizen_calendar_text(t, services, user_id))
            await message.answer(t("calendar-no-akimat"))
            return
        akimat_id = own[0].id
    try:
        services.calendar.check_year(year)
    except CalendarError as error:
        await message.answer(error_text(t, error))
        return
    text, keyboard = await _screen(t, services, user_id, akimat_id, year)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(CalendarCb.filter(F.action == CalendarAction.OPEN))
@router.callback_query(CalendarCb.filter(F.action == CalendarAction.CANCEL))
async def cb_open(
    query: CallbackQuery, callback_data: CalendarCb, t: Text, state: FSMContext, services: Services
) -> None:
    await state.clear()
    text, keyboard = await _screen(
        t, services, query.from_user.id, callback_data.akimat_id, callback_data.year
    )
    await query.answer()
    await edit_or_answer(query, text, keyboard)


@router.callback_query(CalendarCb.filter(F.action == CalendarAction.MINE))
async def cb_mine(query: CallbackQuery, t: Text, services: Services) -> None:
    await query.answer()
    assert query.bot is not None
    await query.bot.send_message(
        query.from_user.id, await citizen_calendar_text(t, services, query.from_user.id)
    )


async def _act(
    query: CallbackQuery, callback_data: CalendarCb, t: Text, services: Services, done: str
) -> None:
    """Refresh the screen after an act, with the act's short answer."""
    text, keyboard = await _screen(
        t, services, query.from_user.id, callback_data.akimat_id, callback_data.year
    )
    await query.answer(t(done))
    await edit_or_answer(query, text, keyboard)


@router.callback_query(CalendarCb.filter(F.action == CalendarAction.REMOVE))
async def cb_remove(
    query: CallbackQuery, callback_data: CalendarCb, t: Text, services: Services
) -> None:
    try:
        await services.calendar.remove_entry(query.from_user.id, callback_data.entry_id)
    except CalendarError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    await _act(query, callback_data, t, services, "calendar-removed")


@router.callback_query(CalendarCb.filter(F.action == CalendarAction.APPROVE))
@router.callback_query(CalendarCb.filter(F.action == CalendarAction.SUBMIT))
async def cb_step(
    query: CallbackQuery, callback_data: CalendarCb, t: Text, services: Services
) -> None:
    approve = callback_data.action is CalendarAction.APPROVE
    step = services.calendar.approve if approve else services.calendar.submit
    try:
        await step(query.from_user.id, callback_data.akimat_id, callback_data.year)
    except CalendarError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    await _act(
        query,
        callback_data,
        t,
        services,
        "calendar-approved" if approve else "calendar-submitted",
    )


@router.callback_query(CalendarCb.filter(F.action == CalendarAction.DRAFT))
async def cb_draft(
    query: CallbackQuery, callback_data: CalendarCb, t: Text, services: Services
) -> None:
    try:
        meeting = await services.calendar.to_draft(query.from_user.id, callback_data.entry_id)
    except CalendarError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    except MeetingError:
        await query.answer(t("calendar-draft-failed"), show_alert=True)
        return
    text, keyboard = await _screen(
        t, services, query.from_user.id, callback_data.akimat_id, callback_data.year
    )
    await query.answer()
    await edit_or_answer(query, text, keyboard)
    assert query.bot is not None
    await query.bot.send_message(
        query.from_user.id,
        t(
            "calendar-draft-made",
            id=meeting.id,
            when=t.datetime(meeting.starts_at),
            venue=escape(name_for_locale(meeting.venue.name_kk, meeting.venue.name_ru, t.locale)),
        ),
    )


# --- adding an entry in chat --------------------------------------------------------------------


@router.callback_query(CalendarCb.filter(F.action == CalendarAction.ADD))
async def cb_add(
    query: CallbackQuery, callback_data: CalendarCb, t: Text, state: FSMContext, services: Services
) -> None:
    await _begin_step(
        query,
        callback_data,
        t,
        state,
        services,
        AuditAction.CALENDAR_ENTRY_ADD,
        CalendarStates.when,
        t("calendar-ask-when", year=str(callback_data.year)),
    )


@router.message(CalendarStates.when, F.text, ~F.text.startswith("/"))
async def msg_when(message: Message, t: Text, state: FSMContext, services: Services) -> None:
    assert message.from_user is not None and message.text is not None
    data = await state.get_data()
    akimat_id, year = int(data["akimat_id"]), int(data["year"])
    try:
        month, day = parse_when(message.text, year)
    except CalendarError as error:
        await message.answer(
            error_text(t, error), reply_markup=_cancel_keyboard(t, akimat_id, year)
        )
        return
    await state.update_data(month=month, day=day.isoformat() if day else "")
    await state.set_state(CalendarStates.venue)
    units = await services.calendar.venues(message.from_user.id, akimat_id, VENUE_BUTTONS)
    builder = InlineKeyboard()
    for unit in units:
        builder.button(
            text=unit.venue(t.locale)[:60],
            callback_data=CalendarCb(
                action=CalendarAction.VENUE, akimat_id=akimat_id, year=year, code=unit.venue_code
            ),
        )
    builder.button(
        text=t("calendar-btn-cancel"),
        callback_data=CalendarCb(action=CalendarAction.CANCEL, akimat_id=akimat_id, year=year),
    )
    builder.adjust(1)
    await message.answer(t("calendar-ask-venue"), reply_markup=builder.as_markup())


@router.message(CalendarStates.venue, F.text, ~F.text.startswith("/"))
async def msg_venue(message: Message, t: Text, state: FSMContext, services: Services) -> None:
    assert message.from_user is not None and message.text is not None
    data = await state.get_data()
    akimat_id, year = int(data["akimat_id"]), int(data["year"])
    code = await services.calendar.akimat_code(akimat_id)
    hits = await services.localities.search(message.text[:100], limit=50)
    inside = [hit for hit in hits if code is not None and kato_contains(code, hit.code)]
    builder = InlineKeyboard()
    for hit in inside[:VENUE_BUTTONS]:
        chain = " · ".join(hit.chain(t.locale)[-1:])
        label = f"{hit.name(t.locale)} ({chain})" if chain else hit.name(t.locale)
        builder.button(
            text=label[:60],
            callback_data=CalendarCb(
                action=CalendarAction.VENUE, akimat_id=akimat_id, year=year, code=hit.code
            ),
        )
    builder.button(
        text=t("calendar-btn-cancel"),
        callback_data=CalendarCb(action=CalendarAction.CANCEL, akimat_id=akimat_id, year=year),
    )
    builder.adjust(1)
    text = (
        t("calendar-venue-found")
        if inside
        else t("calendar-venue-none", query=escape(message.text[:40]))
    )
    await message.answer(text, reply_markup=builder.as_markup())


@router.callback_query(CalendarCb.filter(F.action == CalendarAction.VENUE))
async def cb_venue(
    query: CallbackQuery, callback_data: CalendarCb, t: Text, services: Services
) -> None:
    place = await services.localities.get(callback_data.code)
    await query.answer()
    builder = InlineKeyboard()
    for kind in (CalendarEntryKind.VISITING, CalendarEntryKind.REPORTING):
        builder.button(
            text=f"{KIND_ICONS[kind]} {t(f'calendar-kind-{kind.value}')}",
            callback_data=CalendarCb(
                action=CalendarAction.KIND,
                akimat_id=callback_data.akimat_id,
                year=callback_data.year,
                code=callback_data.code,
                value=kind.value,
            ),
        )
    builder.button(
        text=t("calendar-btn-cancel"),
        callback_data=CalendarCb(
            action=CalendarAction.CANCEL,
            akimat_id=callback_data.akimat_id,
            year=callback_data.year,
        ),
    )
    builder.adjust(2, 1)
    name = place.name(t.locale) if place else callback_data.code
    await edit_or_answer(query, t("calendar-ask-kind", venue=escape(name)), builder.as_markup())


@router.callback_query(CalendarCb.filter(F.action == CalendarAction.KIND))
async def cb_kind(
    query: CallbackQuery, callback_data: CalendarCb, t: Text, state: FSMContext, services: Services
) -> None:
    data = await state.get_data()
    if await state.get_state() != CalendarStates.venue.state or "month" not in data:
        # A stale button from an earlier, finished or cancelled, addition.
        await query.answer(t("calendar-error-no-entry"), show_alert=True)
        return
    try:
        kind = CalendarEntryKind(callback_data.value)
    except ValueError:
        await query.answer(t("calendar-error-no-entry"), show_alert=True)
        return
    day = date.fromisoformat(data["day"]) if data.get("day") else None
    entry = NewEntry(int(data["month"]), day, callback_data.code, kind)
    try:
        await services.calendar.add_entry(
            query.from_user.id, callback_data.akimat_id, callback_data.year, entry
        )
    except CalendarError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    await state.clear()
    await _act(query, callback_data, t, services, "calendar-added")


# --- agreement ----------------------------------------------------------------------------------


@router.callback_query(CalendarCb.filter(F.action == CalendarAction.AGREE))
async def cb_agree(
    query: CallbackQuery, callback_data: CalendarCb, t: Text, state: FSMContext, services: Services
) -> None:
    await _begin_step(
        query,
        callback_data,
        t,
        state,
        services,
        AuditAction.CALENDAR_AGREE,
        CalendarStates.agreement,
        t("calendar-ask-agreement", year=str(callback_data.year)),
    )


@router.message(CalendarStates.agreement, F.text, ~F.text.startswith("/"))
async def msg_agreement(message: Message, t: Text, state: FSMContext, services: Services) -> None:
    assert message.from_user is not None and message.text is not None
    data = await state.get_data()
    akimat_id, year = int(data["akimat_id"]), int(data["year"])
    try:
        agreed_on, number = parse_agreement(message.text)
        await services.calendar.record_agreement(
            message.from_user.id, akimat_id, year, agreed_on, number
        )
    except CalendarError as error:
        await message.answer(
            error_text(t, error), reply_markup=_cancel_keyboard(t, akimat_id, year)
        )
        return
    await state.clear()
    await message.answer(t("calendar-agreed"))
    text, keyboard = await _screen(t, services, message.from_user.id, akimat_id, year)
    await message.answer(text, reply_markup=keyboard)


# --- the XLSX -----------------------------------------------------------------------------------


@router.callback_query(CalendarCb.filter(F.action == CalendarAction.TEMPLATE))
async def cb_template(
    query: CallbackQuery, callback_data: CalendarCb, bot: Bot, t: Text, services: Services
) -> None:
    user_id = query.from_user.id
    view = await services.calendar.view(user_id, callback_data.akimat_id, callback_data.year)
    units = await services.calendar.venues(user_id, callback_data.akimat_id, limit=2000)
    await query.answer()
    data = await asyncio.to_thread(build_template, t, view.year, view.entries, units)
    await bot.send_document(
        user_id,
        BufferedInputFile(data, filename=f"calendar-{view.year}.xlsx"),
        caption=t("calendar-template-caption", year=str(view.year)),
    )


@router.callback_query(CalendarCb.filter(F.action == CalendarAction.UPLOAD))
async def cb_upload(
    query: CallbackQuery, callback_data: CalendarCb, t: Text, state: FSMContext, services: Services
) -> None:
    await _begin_step(
        query,
        callback_data,
        t,
        state,
        services,
        AuditAction.CALENDAR_UPLOAD,
        CalendarStates.upload,
        t("calendar-ask-upload", max=MAX_ENTRIES),
    )


@router.message(CalendarStates.upload, F.document)
async def msg_document(
    message: Message, bot: Bot, t: Text, state: FSMContext, services: Services
) -> None:
    assert message.from_user is not None and message.document is not None
    data = await state.get_data()
    akimat_id, year = int(data["akimat_id"]), int(data["year"])
    document = message.document
    # Checked before downloading anything.
    if document.file_size is not None and document.file_size > MAX_FILE_BYTES:
        failure = CalendarFileRejectedError(
            [CalendarFileError(CalendarFileProblem.TOO_BIG, limit=MAX_FILE_BYTES)]
        )
        await message.answer(file_errors_text(t, failure, year))
        return
    try:
        downloaded = await bot.download(document)
    except TelegramBadRequest:
        await message.answer(t("calendar-file-download-failed"))
        return
    content = downloaded.read() if downloaded is not None else b""
    venues = await services.calendar.territory_codes(message.from_user.id, akimat_id)
    try:
        entries = await asyncio.to_thread(
            parse_calendar,
            content,
            year=year,
            headers=header_names(t.translator),
            kinds=kind_names(t.translator),
            venues=venues,
        )
        await services.calendar.replace_entries(message.from_user.id, akimat_id, year, entries)
    except CalendarFileRejectedError as failure:
        await message.answer(
            file_errors_text(t, failure, year), reply_markup=_cancel_keyboard(t, akimat_id, year)
        )
        return
    except CalendarError as error:
        await message.answer(t("calendar-file-rejected") + "\n" + error_text(t, error))
        return
    await state.clear()
    await message.answer(t("calendar-file-accepted", count=len(entries)))
    text, keyboard = await _screen(t, services, message.from_user.id, akimat_id, year)
    await message.answer(text, reply_markup=keyboard)


@router.message(StateFilter(CalendarStates.when, CalendarStates.venue, CalendarStates.agreement))
async def msg_not_text(message: Message, t: Text) -> None:
    await message.answer(t("calendar-text-expected"))


@router.message(CalendarStates.upload)
async def msg_not_file(message: Message, t: Text) -> None:
    await message.answer(t("calendar-file-expected"))
