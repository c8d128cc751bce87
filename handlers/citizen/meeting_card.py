"""The card of a meeting: who meets whom, when, where, and what a citizen can do about it.

Rendered for the person reading it (their language, local time); used by /meetings, deep
links and the announcement that goes to subscribers.
"""

from collections.abc import Sequence
from datetime import date, datetime, time
from html import escape

from aiogram.types import InlineKeyboardMarkup

from handlers.callbacks import MeetingAction, MeetingCb, PlanViewCb
from handlers.keyboards import InlineKeyboard
from handlers.names import locality_name
from locales import Text
from services.meetings import MeetingView
from services.statuses import MeetingStatus


def host_line(meeting: MeetingView, t: Text) -> str:
    """The "akim of <host>" line in the reader's language, the name escaped."""
    host = locality_name(meeting.host.name_kk, meeting.host.name_ru, t.locale)
    return t("meet-card-host", host=host)


def render_card_text(meeting: MeetingView, t: Text, receptions: Sequence[date] = ()) -> str:
    """``receptions``: the personal-reception days still ahead (seed 000, clause 7-3)."""
    locale = t.locale
    lines = [t("meet-card-title", id=meeting.id)]
    if meeting.status is MeetingStatus.DRAFT:
        lines.append(t("meet-card-draft"))
    elif meeting.is_cancelled:
        lines.append(t("meet-card-cancelled"))
        if meeting.cancel_reason:
            lines.append(t("lc-card-cancel-reason", reason=escape(meeting.cancel_reason)))
    lines.append(host_line(meeting, t))
    lines.append(t("meet-card-when", when=t.weekday_datetime(meeting.starts_at)))
    if meeting.was_moved and meeting.previous_starts_at is not None:
        lines.append(t("lc-card-moved-from", when=t.weekday_datetime(meeting.previous_starts_at)))
    venue = locality_name(meeting.venue.name_kk, meeting.venue.name_ru, locale)
    lines.append(t("meet-card-place", venue=venue, place=escape(meeting.place)))
    audience = locality_name(meeting.audience.name_kk, meeting.audience.name_ru, locale)
    lines.append(t("meet-card-audience", audience=audience))
    # The broadcast is a button of the card (card_keyboard), not a line of it too.
    if meeting.is_cancelled:
        # Neither held nor taking questions: the reason above says it all.
        return "\n".join(lines)
    if receptions:
        # Noon of each local day: formatting it cannot move it to another day.
        days = ", ".join(
            t.date(datetime.combine(day, time(12), tzinfo=t.tz)) for day in receptions
        )
        lines.append(t("reception-card-planned", days=days))
    if meeting.is_over:
        lines.append(t("meet-card-over"))
    elif meeting.questions_open:
        lines.append(t("meet-card-questions-until", until=t.datetime(meeting.questions_cutoff)))
    else:
        lines.append(t("meet-card-questions-closed"))
    return "\n".join(lines)


def card_keyboard(meeting: MeetingView, t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    if meeting.is_cancelled:
        # Nothing to ask, browse or put in a calendar any more.
        return builder.as_markup()
    sizes: list[int] = []
    if meeting.questions_open:
        builder.button(
            text=t("meet-btn-ask"),
            callback_data=MeetingCb(action=MeetingAction.ASK, meeting_id=meeting.id),
        )
        builder.button(
            text=t("meet-btn-propose"),
            callback_data=MeetingCb(action=MeetingAction.PROPOSE, meeting_id=meeting.id),
        )
        sizes.append(2)
    builder.button(
        text=t("meet-btn-questions"),
        callback_data=MeetingCb(action=MeetingAction.QUESTIONS, meeting_id=meeting.id),
    )
    sizes.append(1)
    if not meeting.is_over:
        builder.button(
            text=t("meet-btn-calendar"),
            callback_data=MeetingCb(action=MeetingAction.CALENDAR, meeting_id=meeting.id),
        )
        sizes.append(1)
    if meeting.status is MeetingStatus.CLOSED:
        # Publishing the action plan is what closes a meeting (services/plans/publishing.py).
        builder.button(text=t("plan-open-button"), callback_data=PlanViewCb(meeting_id=meeting.id))
        sizes.append(1)
    if meeting.broadcast_url:
        builder.button(text=t("meet-btn-broadcast"), url=meeting.broadcast_url)
        sizes.append(1)
    builder.adjust(*sizes)
    return builder.as_markup()


def render_card(
    meeting: MeetingView, t: Text, receptions: Sequence[date] = ()
) -> tuple[str, InlineKeyboardMarkup]:
    """The card's text (HTML, every DB text escaped) and its buttons.

    When the questions cutoff has passed, Ask and Propose are hidden and the card says the
    collection is closed: questions are gathered before the meeting (seed 001, clause 3.4).
    """
    return render_card_text(meeting, t, receptions), card_keyboard(meeting, t)


def render_announcement(meeting: MeetingView, t: Text) -> tuple[str, InlineKeyboardMarkup]:
    """The card as it goes to subscribers when the meeting is announced."""
    text, keyboard = render_card(meeting, t)
    return t("meet-announcement-header") + "\n\n" + text, keyboard


def list_line(meeting: MeetingView, t: Text, number: int) -> str:
    """One line of the compact list: number, local date and time, which akim."""
    return t(
        "meet-list-line",
        number=number,
        when=t.weekday_datetime(meeting.starts_at),
        host=host_line(meeting, t),
    )
