"""/deadlines: what the akimat owes under the regulation and by when, and the buttons that come
with duty reminders.

An official sees their own akimat (acting) and every akimat inside its territory (reading); an
admin sees all of them, or one: `/deadlines <KATO code>` or a button. Each duty shows its due
date, the days left or overdue, and the seed and clause it comes from. The annual calendar has
no record in the bot, so its steps are marked done here (two taps), which ends their duty.

The parent `staff` router lets only admins and officials in; every handler here checks the
right on the akimat again (a button is not a permission).
"""

from datetime import date
from html import escape

from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import (
    CalendarMarkCb,
    DeadlinesCb,
    LcAction,
    LcMeetingCb,
    PlanEditAction,
    PlanEditCb,
    ProgressAction,
    ProgressCb,
)
from handlers.keyboards import InlineKeyboard
from handlers.official.duty_words import describe, due_text, source_text, timing
from handlers.official.progress import encode_quarter
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.access import Right
from services.audit import AuditAction
from services.container import Services
from services.duties import (
    CalendarStep,
    Duty,
    DutyKind,
    DutyLine,
    MarkOutcome,
    Scope,
)
from services.paging import Page
from services.plans import Quarter

router = Routes(name=__name__)

PAGE_SIZE = 8


# --- rendering ----------------------------------------------------------------------------------


def render_deadlines(
    t: Text,
    services: Services,
    scope: Scope,
    lines: list[DutyLine],
    akimat_id: int,
    page: int,
    today: date,
) -> tuple[str, InlineKeyboardMarkup]:
    chosen = scope.get(akimat_id) if akimat_id else None
    if chosen is None and len(scope.akimats) == 1:
        chosen = scope.akimats[0]
    title = chosen.name(t.locale) if chosen else t("deadlines-scope-all")
    shown = Page.of(lines, page, PAGE_SIZE)
    parts = [t("deadlines-title", scope=title)]
    if not lines:
        parts.append(t("deadlines-none"))
    for number, line in enumerate(shown.items, start=shown.offset + 1):
        parts.append(item_text(t, services, line, number, today, read_only=not scope.is_admin))
    if shown.pages > 1:
        parts.append(t("deadlines-page", page=shown.page + 1, pages=shown.pages))
    return "\n\n".join(parts), deadlines_keyboard(t, scope, shown, akimat_id)


def item_text(
    t: Text, services: Services, line: DutyLine, number: int, today: date, *, read_only: bool
) -> str:
    duty = line.duty
    when = t(
        "deadlines-item-when",
        akimat=duty.akimat.name(t.locale),
        due=due_text(t, duty),
        timing=timing(t, duty, today),
    )
    if read_only and not line.can_act:
        when += " · " + t("deadlines-read-only")
    return "\n".join(
        (
            t("deadlines-item-title", n=number, duty=describe(t, duty)),
            when,
            t("deadlines-item-source", source=source_text(t, *services.duties.source(duty))),
        )
    )


def deadlines_keyboard(
    t: Text, scope: Scope, shown: Page[DutyLine], akimat_id: int
) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    widths: list[int] = []
    on_page = {line.duty.akimat.id: line.duty.akimat for line in shown.items}
    for line in shown.items:
        step = line.duty.calendar_step
        if step is not None and line.can_act and line.duty.year is not None:
            text = mark_button_text(t, step, line.duty.year)
            if len(on_page) > 1:
                # Several oblasts on one page (an admin's view): say whose calendar it is.
                text = t(
                    "deadlines-mark-button-of",
                    button=text,
                    akimat=line.duty.akimat.plain_name(t.locale),
                )
            builder.button(
                text=text,
                callback_data=CalendarMarkCb(
                    akimat_id=line.duty.akimat.id, year=line.duty.year, step=step
                ),
            )
            widths.append(1)
    pager = 0
    if shown.has_prev:
        builder.button(
            text=t("deadlines-prev"),
            callback_data=DeadlinesCb(akimat_id=akimat_id, page=shown.page - 1),
        )
        pager += 1
    if shown.has_next:
        builder.button(
            text=t("deadlines-next"),
            callback_data=DeadlinesCb(akimat_id=akimat_id, page=shown.page + 1),
        )
        pager += 1
    if pager:
        widths.append(pager)
    if akimat_id:
        if len(scope.akimats) > 1:
            builder.button(text=t("deadlines-all-button"), callback_data=DeadlinesCb())
            widths.append(1)
    else:
        # One akimat at a time, among those on this page (a bounded list, whatever the scope).
        if len(on_page) > 1:
            for akimat in on_page.values():
                builder.button(
                    text=t("deadlines-filter-button", akimat=akimat.plain_name(t.locale)),
                    callback_data=DeadlinesCb(akimat_id=akimat.id),
                )
                widths.append(1)
    if widths:
        builder.adjust(*widths)
    return builder.as_markup()


def mark_button_text(t: Text, step: CalendarStep, year: int) -> str:
    return t(f"deadlines-mark-{step.value}-button", year=str(year))


def duty_keyboard(t: Text, duty: Duty, escalation: bool) -> InlineKeyboardMarkup:
    """The buttons under a duty reminder (handlers/notices/duties.py): where the
    akimat's own officials do what is owed (the plan, the quarterly report, the calendar's
    mark), the meeting's card for those who oversee it, and the akimat's deadlines.

    Every one is `fresh`: what it opens comes as a new message, and the reminder (its due date,
    its clause) stays in the chat as it was sent."""
    builder = InlineKeyboard()
    meeting_id = duty.meeting_id
    step = duty.calendar_step
    if meeting_id is not None and not escalation and duty.kind is DutyKind.ACTION_PLAN:
        builder.button(
            text=t("deadlines-plan-button"),
            callback_data=PlanEditCb(
                action=PlanEditAction.OPEN, meeting_id=meeting_id, fresh=True
            ),
        )
    elif (
        meeting_id is not None
        and not escalation
        and duty.kind is DutyKind.PROGRESS
        and duty.year is not None
        and duty.quarter is not None
    ):
        builder.button(
            text=t("deadlines-progress-button"),
            callback_data=ProgressCb(
                action=ProgressAction.OPEN,
                meeting_id=meeting_id,
                value=encode_quarter(Quarter(duty.year, duty.quarter)),
                fresh=True,
            ),
        )
    elif meeting_id is not None:
        builder.button(
            text=t("deadlines-meeting-button"),
            callback_data=LcMeetingCb(action=LcAction.OPEN, meeting_id=meeting_id, fresh=True),
        )
    elif step is not None and not escalation and duty.year is not None:
        builder.button(
            text=mark_button_text(t, step, duty.year),
            callback_data=CalendarMarkCb(
                akimat_id=duty.akimat.id, year=duty.year, step=step, fresh=True
            ),
        )
    builder.button(
        text=t("deadlines-open-button"),
        callback_data=DeadlinesCb(akimat_id=duty.akimat.id, fresh=True),
    )
    builder.adjust(1)
    return builder.as_markup()


# --- handlers -----------------------------------------------------------------------------------


@router.message(Command("deadlines"))
async def cmd_deadlines(
    message: Message, command: CommandObject, t: Text, services: Services
) -> None:
    assert message.from_user is not None
    user_id = message.from_user.id
    akimat_id = 0
    code = (command.args or "").strip()
    if code:
        found = await services.duties.akimat_id_of(code)
        if found is None:
            await message.answer(t("deadlines-unknown-akimat", code=_quote(code)))
            return
        await _require_read(services, user_id, found)
        akimat_id = found
    text, keyboard = await _deadlines(t, services, user_id, akimat_id, 0)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(DeadlinesCb.filter())
async def cb_deadlines(
    query: CallbackQuery, callback_data: DeadlinesCb, t: Text, services: Services
) -> None:
    user_id = query.from_user.id
    if callback_data.akimat_id:
        await _require_read(services, user_id, callback_data.akimat_id)
    await query.answer()
    text, keyboard = await _deadlines(
        t, services, user_id, callback_data.akimat_id, callback_data.page
    )
    await edit_or_answer(query, text, keyboard, fresh=callback_data.fresh)


@router.callback_query(CalendarMarkCb.filter())
async def cb_mark_calendar(
    query: CallbackQuery, callback_data: CalendarMarkCb, t: Text, services: Services
) -> None:
    user_id = query.from_user.id
    akimat_id = callback_data.akimat_id
    await services.access.require(
        user_id,
        akimat_id,
        Right.ACT,
        action=AuditAction.DEADLINES_MARK,
        target=f"{callback_data.step.value}:{callback_data.year}",
    )
    scope = await services.duties.scope_of(user_id)
    akimat = scope.get(akimat_id)
    if not callback_data.confirm:
        await query.answer()
        builder = InlineKeyboard()
        builder.button(
            text=t("deadlines-mark-yes"),
            callback_data=CalendarMarkCb(
                akimat_id=akimat_id,
                year=callback_data.year,
                step=callback_data.step,
                confirm=True,
            ),
        )
        builder.button(text=t("back-button"), callback_data=DeadlinesCb(akimat_id=akimat_id))
        builder.adjust(1)
        question = t(
            f"deadlines-mark-confirm-{callback_data.step.value}",
            akimat=akimat.name(t.locale) if akimat else "",
            year=str(callback_data.year),
        )
        # From under a reminder the question comes as a new message; its two buttons then
        # replace that message, not the reminder.
        await edit_or_answer(query, question, builder.as_markup(), fresh=callback_data.fresh)
        return
    result = await services.duties.mark_calendar(
        user_id, akimat_id, callback_data.year, callback_data.step
    )
    if result.outcome is MarkOutcome.NOT_APPLICABLE:
        await query.answer(t("deadlines-mark-not-applicable"), show_alert=True)
        return
    if result.outcome is MarkOutcome.BAD_YEAR:
        await query.answer(
            t("deadlines-mark-bad-year", year=str(callback_data.year)), show_alert=True
        )
        return
    if result.outcome is MarkOutcome.ALREADY and result.at is not None:
        status = t("deadlines-mark-already", date=t.date(result.at))
    else:
        status = t("deadlines-marked")
    await query.answer(status)
    text, keyboard = await _deadlines(t, services, user_id, akimat_id, 0)
    await edit_or_answer(query, status + "\n\n" + text, keyboard, fresh=callback_data.fresh)


async def _require_read(services: Services, user_id: int, akimat_id: int) -> None:
    await services.access.require(
        user_id, akimat_id, Right.READ, action=AuditAction.DEADLINES_VIEW, target=str(akimat_id)
    )


async def _deadlines(
    t: Text, services: Services, user_id: int, akimat_id: int, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    now = services.clock.now()
    scope, lines = await services.duties.lines_for(user_id, akimat_id or None, now)
    return render_deadlines(t, services, scope, lines, akimat_id, page, services.duties.today(now))


def _quote(text: str) -> str:
    return escape(text[:40])


__all__ = ["duty_keyboard", "render_deadlines", "router"]
