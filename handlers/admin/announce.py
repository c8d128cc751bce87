"""/announce and the "Announce now" button: announce a draft meeting and send its card to
everyone who follows its audience; tell the administrator by when the law wanted it announced.

The parent router lets only ADMIN_IDS in, in private chats.
"""

from collections.abc import AsyncIterator
from contextlib import suppress
from datetime import date, datetime, time

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.callbacks import AdminMeetingAction, AdminMeetingCb
from handlers.citizen.meeting_card import render_announcement
from locales import Text
from regulation import explain
from services.container import Services
from services.meetings import AnnounceResult, MeetingError, MeetingView
from services.sender import BroadcastReport, Outgoing

router = Router(name=__name__)

MAX_MEETING_ID = 2**31 - 1


def parse_meeting_id(args: str | None) -> int | None:
    text = (args or "").strip().lstrip("№#")
    if text.isdigit() and 0 < int(text) <= MAX_MEETING_ID:
        return int(text)
    return None


def announce_keyboard(meeting_id: int, t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
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
        t("admin-due-source", seed=seed, clause=clause),
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
    "announce_and_send",
    "announce_keyboard",
    "announcement_messages",
    "due_lines",
    "parse_meeting_id",
    "report_text",
    "router",
]
