"""/meetings: the upcoming meetings a person hears of; a meeting's card; its calendar file.

Deep links (`t.me/<bot>?start=m<id>`) are parsed in start.py and land in `show_meeting_card`.
"""

from aiogram import Bot, F
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import (
    BrowseCb,
    MeetingAction,
    MeetingCb,
    MeetingListCb,
    SearchStartCb,
)
from handlers.citizen.meeting_card import list_line, render_card
from handlers.keyboards import InlineKeyboard
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.ics import meeting_ics
from services.kato.names import name_for_locale
from services.meetings import MeetingView
from services.paging import Page
from services.statuses import MeetingStatus
from services.users import UserView

router = Routes(name=__name__)

# Up to this many upcoming meetings are shown as full cards; more become a compact list.
MAX_CARDS = 5
LIST_PAGE_SIZE = 10
assert MAX_CARDS <= LIST_PAGE_SIZE  # send_meetings reads the cards from the list's first page


def choose_locality_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("meet-btn-browse"), callback_data=BrowseCb(code=""))
    builder.button(text=t("meet-btn-search"), callback_data=SearchStartCb())
    builder.adjust(1)
    return builder.as_markup()


def list_keyboard(meetings: Page[MeetingView], t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    count = len(meetings.items)
    for number, meeting in enumerate(meetings.items, start=meetings.offset + 1):
        builder.button(
            text=t("meet-btn-open", number=number),
            callback_data=MeetingCb(action=MeetingAction.OPEN, meeting_id=meeting.id),
        )
    sizes = [5] * (count // 5) + ([count % 5] if count % 5 else [])
    navigation = 0
    if meetings.has_prev:
        builder.button(
            text=t("meet-btn-prev"), callback_data=MeetingListCb(page=meetings.page - 1)
        )
        navigation += 1
    if meetings.has_next:
        builder.button(
            text=t("meet-btn-next"), callback_data=MeetingListCb(page=meetings.page + 1)
        )
        navigation += 1
    if navigation:
        sizes.append(navigation)
    builder.adjust(*sizes)
    return builder.as_markup()


async def render_list_page(
    user: UserView, t: Text, services: Services, page: int
) -> tuple[str, InlineKeyboardMarkup] | None:
    meetings = await services.meetings.upcoming_page(user.id, page, LIST_PAGE_SIZE)
    if meetings is None or not meetings.items:
        return None
    return list_page(meetings, t)


def list_page(meetings: Page[MeetingView], t: Text) -> tuple[str, InlineKeyboardMarkup]:
    lines = [t("meet-list-title", count=meetings.total)]
    lines += [
        list_line(meeting, t, number)
        for number, meeting in enumerate(meetings.items, start=meetings.offset + 1)
    ]
    if meetings.pages > 1:
        lines.append(t("meet-list-page", page=meetings.page + 1, pages=meetings.pages))
    return "\n\n".join(lines), list_keyboard(meetings, t)


async def send_meetings(message: Message, user: UserView, t: Text, services: Services) -> None:
    """What /meetings shows: cards, a compact list, or the way to choose a locality."""
    # The list's first page holds every card there may be: one query serves both.
    meetings = await services.meetings.upcoming_page(user.id, 0, LIST_PAGE_SIZE)
    if meetings is None:
        await message.answer(t("meet-no-subscriptions"), reply_markup=choose_locality_keyboard(t))
        return
    if meetings.total == 0:
        await message.answer(t("meet-none"))
        return
    if meetings.total <= MAX_CARDS:
        ahead = await services.meetings.planned_receptions([m.id for m in meetings.items])
        for meeting in meetings.items:
            text, keyboard = render_card(meeting, t, ahead.get(meeting.id, ()))
            await message.answer(text, reply_markup=keyboard)
        return
    text, keyboard = list_page(meetings, t)
    await message.answer(text, reply_markup=keyboard)


async def show_meeting_card(
    message: Message, meeting_id: int, user: UserView, t: Text, services: Services
) -> None:
    """Send the card of meeting ``meeting_id`` as a new message (deep links, buttons).

    Citizens see announced meetings (moved ones with the old time, cancelled ones marked so);
    administrators also see drafts, to check them before announcing.
    """
    meeting = await _openable(meeting_id, user, services)
    if isinstance(meeting, str):
        await message.answer(t(meeting))
        return
    ahead = await services.meetings.planned_receptions([meeting.id])
    text, keyboard = render_card(meeting, t, ahead.get(meeting.id, ()))
    await message.answer(text, reply_markup=keyboard)


async def _openable(meeting_id: int, user: UserView, services: Services) -> MeetingView | str:
    """The meeting, if this person may open it; else the locale key saying why not."""
    meeting = await services.meetings.get(meeting_id)
    if meeting is None:
        return "meet-not-found"
    never_public = meeting.status is MeetingStatus.DRAFT or (
        meeting.is_cancelled and meeting.announced_at is None
    )
    if never_public and user.id not in services.admin_ids:
        # A draft's number is not a secret, but its content is not public (yet, or ever: a
        # draft cancelled before it was announced).
        return "meet-not-found"
    return meeting


async def _pressed(
    query: CallbackQuery, callback_data: MeetingCb, user: UserView, t: Text, services: Services
) -> tuple[MeetingView, Message] | None:
    """The meeting a card's button points at and the message it sits on; None (the person
    told why) when the meeting cannot be opened or the message is gone."""
    meeting = await _openable(callback_data.meeting_id, user, services)
    if isinstance(meeting, str) or not isinstance(query.message, Message):
        problem = meeting if isinstance(meeting, str) else "meet-not-found"
        await query.answer(t(problem), show_alert=True)
        return None
    return meeting, query.message


@router.message(Command("meetings"))
async def cmd_meetings(message: Message, user: UserView, t: Text, services: Services) -> None:
    await send_meetings(message, user, t, services)


@router.callback_query(MeetingCb.filter(F.action == MeetingAction.LIST))
async def cb_meetings_list(
    query: CallbackQuery, user: UserView, t: Text, services: Services
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await send_meetings(query.message, user, t, services)


@router.callback_query(MeetingListCb.filter())
async def cb_meetings_page(
    query: CallbackQuery,
    callback_data: MeetingListCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    page = await render_list_page(user, t, services, callback_data.page)
    if page is None:
        await query.answer(t("meet-none-short"), show_alert=True)
        return
    await query.answer()
    await edit_or_answer(query, page[0], reply_markup=page[1])


@router.callback_query(MeetingCb.filter(F.action == MeetingAction.OPEN))
async def cb_meeting_open(
    query: CallbackQuery,
    callback_data: MeetingCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    pressed = await _pressed(query, callback_data, user, t, services)
    if pressed is None:
        return
    meeting, message = pressed
    await query.answer()
    ahead = await services.meetings.planned_receptions([meeting.id])
    text, keyboard = render_card(meeting, t, ahead.get(meeting.id, ()))
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(MeetingCb.filter(F.action == MeetingAction.CALENDAR))
async def cb_meeting_calendar(
    query: CallbackQuery,
    callback_data: MeetingCb,
    user: UserView,
    t: Text,
    services: Services,
    bot: Bot,
) -> None:
    pressed = await _pressed(query, callback_data, user, t, services)
    if pressed is None:
        return
    meeting, message = pressed
    if meeting.is_cancelled:
        await query.answer(t("meet-cancelled"), show_alert=True)
        return
    if meeting.is_over:
        await query.answer(t("meet-calendar-over"), show_alert=True)
        return
    await query.answer()
    me = await bot.me()
    link = f"https://t.me/{me.username}?start=m{meeting.id}" if me.username else None
    await message.answer_document(
        BufferedInputFile(calendar_file(meeting, t, link), filename=f"meeting-{meeting.id}.ics"),
        caption=t("meet-calendar-caption"),
    )


def calendar_file(meeting: MeetingView, t: Text, bot_link: str | None) -> bytes:
    """The .ics in the reader's language. Calendar apps show plain text, so names go in
    unescaped here (no HTML is involved)."""
    host = name_for_locale(meeting.host.name_kk, meeting.host.name_ru, t.locale)
    audience = name_for_locale(meeting.audience.name_kk, meeting.audience.name_ru, t.locale)
    venue = name_for_locale(meeting.venue.name_kk, meeting.venue.name_ru, t.locale)
    summary = t("meet-ics-summary", host=host)
    description = t("meet-ics-description", audience=audience, host=host)
    if meeting.broadcast_url:
        description += "\n" + t("meet-ics-broadcast", url=meeting.broadcast_url)
    if bot_link:
        description += "\n" + t("meet-ics-questions", link=bot_link)
    return meeting_ics(
        meeting,
        summary=summary,
        description=description,
        url=meeting.broadcast_url or bot_link,
        location=f"{meeting.place}, {venue}",
    )


__all__ = ["calendar_file", "router", "send_meetings", "show_meeting_card"]
