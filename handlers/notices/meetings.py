"""How the notices about a meeting read: its announcement, a move or a cancellation, the
reminders, the broadcast link and the rating request."""

from datetime import datetime, time
from html import escape

from handlers.callbacks import RatingCb
from handlers.citizen.meeting_card import render_announcement
from handlers.keyboards import InlineKeyboard
from handlers.names import locality_name
from handlers.notices.registry import Rendered
from locales import Text
from services.citizen_notices import MAX_SCORE, MIN_SCORE
from services.meetings import LocalityRef, MeetingView
from services.notices import (
    BroadcastStarted,
    MeetingAnnounced,
    MeetingCancelled,
    MeetingMoved,
    MeetingReminder,
    RatingRequested,
    ReceptionPlanned,
    ReminderLead,
)


def _name(ref: LocalityRef, t: Text) -> str:
    return locality_name(ref.name_kk, ref.name_ru, t.locale)


def announced(notice: MeetingAnnounced, t: Text) -> Rendered:
    """The card each subscriber gets, in their language."""
    text, keyboard = render_announcement(notice.meeting, t)
    return Rendered(text, keyboard)


def moved(notice: MeetingMoved, t: Text) -> Rendered:
    meeting = notice.meeting
    return Rendered(
        t(
            "lc-notice-moved",
            id=meeting.id,
            host=_name(meeting.host, t),
            old=t.weekday_datetime(notice.old_start),
            new=t.weekday_datetime(meeting.starts_at),
            venue=_name(meeting.venue, t),
            place=escape(meeting.place),
            cutoff=t.datetime(meeting.questions_cutoff),
        )
    )


def cancelled(notice: MeetingCancelled, t: Text) -> Rendered:
    meeting = notice.meeting
    return Rendered(
        t(
            "lc-notice-cancelled",
            id=meeting.id,
            host=_name(meeting.host, t),
            when=t.weekday_datetime(meeting.starts_at),
            reason=escape(meeting.cancel_reason or ""),
        )
    )


def _broadcast_keyboard(meeting: MeetingView, t: Text) -> InlineKeyboard | None:
    if meeting.broadcast_url is None:
        return None
    builder = InlineKeyboard()
    builder.button(text=t("notice-broadcast-button"), url=meeting.broadcast_url)
    return builder


def reminder(notice: MeetingReminder, t: Text) -> Rendered:
    meeting = notice.meeting
    text = t(
        "notice-remind-day" if notice.lead is ReminderLead.DAY else "notice-remind-hour",
        host=_name(meeting.host, t),
        when=t.weekday_datetime(meeting.starts_at),
        time=t.time(meeting.starts_at),
        venue=_name(meeting.venue, t),
        place=escape(meeting.place),
    )
    builder = _broadcast_keyboard(meeting, t)
    if meeting.broadcast_url is not None:
        text += "\n" + t("notice-broadcast-line", url=escape(meeting.broadcast_url, quote=True))
    return Rendered(
        text + "\n\n" + t("notice-settings-hint"),
        builder.as_markup() if builder is not None else None,
    )


def broadcast_started(notice: BroadcastStarted, t: Text) -> Rendered:
    meeting = notice.meeting
    url = escape(meeting.broadcast_url, quote=True) if meeting.broadcast_url else ""
    builder = _broadcast_keyboard(meeting, t)
    return Rendered(
        t("notice-live", host=_name(meeting.host, t), url=url)
        + "\n\n"
        + t("notice-settings-hint"),
        builder.as_markup() if builder is not None else None,
    )


def rating_request(meeting: MeetingView, t: Text, chosen: int | None = None) -> Rendered:
    """The question and its five buttons; with ``chosen``, as it reads after a press."""
    text = t(
        "notice-rate", host=_name(meeting.host, t), when=t.weekday_datetime(meeting.starts_at)
    )
    if chosen is not None:
        text += "\n\n" + t("notice-rate-chosen", score=chosen)
    else:
        text += "\n\n" + t("notice-settings-hint")
    builder = InlineKeyboard()
    for score in range(MIN_SCORE, MAX_SCORE + 1):
        label = "notice-rate-button-chosen" if score == chosen else "notice-rate-button"
        builder.button(
            text=t(label, score=score),
            callback_data=RatingCb(meeting_id=meeting.id, score=score),
        )
    builder.adjust(MAX_SCORE)
    return Rendered(text, builder.as_markup())


def rating_requested(notice: RatingRequested, t: Text) -> Rendered:
    return rating_request(notice.meeting, t)


def reception_planned(notice: ReceptionPlanned, t: Text) -> Rendered:
    meeting = notice.meeting
    # Noon of the local day: formatting it cannot move it to another day.
    day = t.date(datetime.combine(notice.day, time(12), tzinfo=t.tz))
    text = t(
        "reception-notice",
        host=_name(meeting.host, t),
        day=day,
        when=t.weekday_datetime(meeting.starts_at),
        venue=_name(meeting.venue, t),
        place=escape(meeting.place),
    )
    return Rendered(text + "\n\n" + t("notice-settings-hint"))
