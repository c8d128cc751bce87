"""/announce and the "Announce now" button: announce a draft meeting and queue its card for
everyone who follows its audience (the outbox sender delivers it in the background); tell the
administrator for how many people, and by when the law wanted it announced. Asked again, it
says how the delivery is going.

Officials and admins (the staff router, in private chats): the lifecycle lets an official
announce only their own akimat's meetings, and a refusal is answered by the staff router's
one error handler (and audited).
"""

from datetime import date, datetime, time

from aiogram import F
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.acts import act_name
from handlers.callbacks import AdminMeetingAction, AdminMeetingCb
from handlers.keyboards import InlineKeyboard
from handlers.numbers import parse_meeting_id
from handlers.replies import edit_markup
from handlers.routes import Routes
from locales import Text
from regulation import explain
from services.container import Services
from services.lifecycle import AnnounceOutcome, LifecycleError, LifecycleErrorReason
from services.meetings import MeetingView
from services.statuses import MeetingStatus, OutboxStatus
from services.users import UserView

router = Routes(name=__name__)


def announce_keyboard(meeting_id: int, t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("admin-announce-button"),
        callback_data=AdminMeetingCb(action=AdminMeetingAction.ANNOUNCE, meeting_id=meeting_id),
    )
    return builder.as_markup()


def due_lines(meeting: MeetingView, t: Text, services: Services) -> list[str]:
    """By when a meeting just saved must be announced, and where the law says so."""
    due = services.meetings.announcement_due_date(meeting)
    if due is None:
        return [t("admin-due-none")]
    lead = (meeting.starts_at.astimezone(services.tz).date() - due).days
    seed, clause = _source("announcement", services.profile)
    lines = [
        t("admin-due", due=local_date_text(t, due), days=lead),
        t("admin-due-source", act=act_name(t, seed), clause=clause),
    ]
    if due < services.clock.now().astimezone(services.tz).date():
        lines.append(t("admin-due-passed"))
    return lines


def local_date_text(t: Text, day: date) -> str:
    # Noon of the local day: formatting it through `t.date` cannot move it to another day.
    return t.date(datetime.combine(day, time(12), tzinfo=t.tz))


def _source(rule_key: str, profile: str) -> tuple[str, str]:
    """The short seed number ("001") and clause ("3.4") of a rule, for an official to check."""
    source = explain(rule_key, profile)
    return source.seed.split("_")[0], source.clause


@router.message(Command("announce"))
async def cmd_announce(
    message: Message, command: CommandObject, user: UserView, t: Text, services: Services
) -> None:
    meeting_id = parse_meeting_id(command.args)
    if meeting_id is None:
        await message.answer(t("admin-announce-usage"))
        return
    await announce_and_send(message, meeting_id, user.id, t, services)


@router.callback_query(AdminMeetingCb.filter(F.action == AdminMeetingAction.ANNOUNCE))
async def cb_announce(
    query: CallbackQuery,
    callback_data: AdminMeetingCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        # The button is one-shot: take it away at once.
        await edit_markup(query.message, None)
        await announce_and_send(query.message, callback_data.meeting_id, user.id, t, services)


def _refusal_key(error: LifecycleError) -> str:
    if error.reason is LifecycleErrorReason.NOT_FOUND:
        return "admin-announce-not-found"
    if error.status is MeetingStatus.CANCELLED:
        return "admin-announce-cancelled"
    return "admin-announce-already-past"


async def announce_and_send(
    message: Message, meeting_id: int, actor_id: int, t: Text, services: Services
) -> None:
    """The same act as the official's "Announce now" (services/lifecycle.py)."""
    try:
        result = await services.lifecycle.announce(meeting_id, actor_id)
    except LifecycleError as error:
        await message.answer(t(_refusal_key(error), id=str(meeting_id)))
        return
    if result.already and result.meeting.status is MeetingStatus.HELD:
        await message.answer(t("admin-announce-already-past", id=str(meeting_id)))
        return
    if result.already:
        announced = result.meeting.announced_at
        lines = [
            t(
                "admin-announce-already",
                id=str(meeting_id),
                when=t.datetime(announced) if announced else "-",
            )
        ]
        progress = await services.meetings.announcement_progress(meeting_id)
        if progress:
            lines.append(progress_text(progress, t))
        await message.answer("\n".join(lines))
        return
    await message.answer(report_text(result, t, services.profile))


def progress_text(counts: dict[OutboxStatus, int], t: Text) -> str:
    return t(
        "admin-announce-progress",
        sent=counts.get(OutboxStatus.SENT, 0),
        waiting=counts.get(OutboxStatus.PENDING, 0) + counts.get(OutboxStatus.SENDING, 0),
        unreachable=counts.get(OutboxStatus.UNREACHABLE, 0),
        failed=counts.get(OutboxStatus.FAILED, 0),
        skipped=counts.get(OutboxStatus.SKIPPED, 0),
    )


def report_text(result: AnnounceOutcome, t: Text, profile: str) -> str:
    lines = [t("admin-announce-queued", id=str(result.meeting.id), count=result.enqueued)]
    if result.due is None:
        lines.append(t("admin-timing-no-rule"))
    elif result.late:
        seed, clause = _source("announcement", profile)
        lines.append(
            t(
                "admin-timing-late",
                days=result.days_late,
                due=local_date_text(t, result.due),
                act=act_name(t, seed),
                clause=clause,
            )
        )
    else:
        lines.append(t("admin-timing-on-time", due=local_date_text(t, result.due)))
    return "\n".join(lines)


__all__ = [
    "announce_and_send",
    "announce_keyboard",
    "due_lines",
    "parse_meeting_id",
    "progress_text",
    "report_text",
    "router",
]
