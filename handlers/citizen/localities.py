"""Choosing a locality to follow: down the KATO tree level by level, or by typing its name.

Entry points: the "browse" and "search" buttons (`BrowseCb(code="")`, `SearchStartCb()`, sent by
/start, /meetings and /subscriptions) and /subscribe, which also takes a name
(`/subscribe Qoskol`). A unit with nothing inside (a village) is followed with one tap; any
other unit is opened, and its level offers "Follow" for the whole of it.
"""

from html import escape

from aiogram import F
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import (
    BrowseCb,
    MeetingAction,
    MeetingCb,
    PickCb,
    SearchStartCb,
    SubAction,
    SubscriptionCb,
)
from handlers.citizen.locality_states import LocalitySearch
from handlers.citizen.start import locality_entry_keyboard
from handlers.keyboards import InlineKeyboard
from handlers.names import chain_text
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.kato.names import name_key, name_language
from services.localities import MIN_QUERY_LENGTH, LocalityHit, LocalityView
from services.paging import Page
from services.subscriptions import MAX_SUBSCRIPTIONS, SubscribeStatus
from services.users import UserView

router = Routes(name=__name__)

PAGE_SIZE = 8
MAX_HITS = 8
# Longer than any name in the classifier (39 characters) with room for a typo or two.
MAX_QUERY_LENGTH = 100
# Buttons stay readable on a phone; the full name is in the message text.
BUTTON_NAME_LENGTH = 32
# Paging far past the end (forged data) is clamped before it reaches the database.
MAX_PAGE = 10_000


def sort_language(t: Text) -> str:
    """Names are shown (and sorted) in Kazakh for Kazakh readers, in Russian for the rest:
    the classifier has no English names."""
    return name_language(t.locale)


def short(name: str, limit: int = BUTTON_NAME_LENGTH) -> str:
    """A name cut to fit on a button (not escaped: button texts are plain text)."""
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def place_text(t: Text, name: str, chain: tuple[str, ...] | list[str]) -> str:
    """`<b>name</b> (oblast › district › okrug)`, escaped; the chain is left out for a unit at
    the top of the tree."""
    if not chain:
        return t("loc-place-top", name=escape(name))
    return t("loc-place", name=escape(name), chain=chain_text([escape(unit) for unit in chain]))


async def ask_for_locality(message: Message, t: Text, state: FSMContext) -> None:
    """The way into choosing a locality: browse or search, and a typed name works at once."""
    await state.set_state(LocalitySearch.waiting_query)
    await message.answer(t("start-choose-locality"), reply_markup=locality_entry_keyboard(t))


async def leave_search(state: FSMContext) -> None:
    """Forget the search state, and only it: another feature's state is not ours to clear."""
    if await state.get_state() == LocalitySearch.waiting_query.state:
        await state.set_state(None)


# --- Browsing the tree -------------------------------------------------------------------


def level_keyboard(
    t: Text, unit: LocalityView | None, page: Page[LocalityView]
) -> InlineKeyboardMarkup:
    lang = sort_language(t)
    code = unit.code if unit else ""
    builder = InlineKeyboard()
    sizes: list[int] = []
    for child in page.items:
        # A unit with something inside opens; one with nothing inside (a village) is followed.
        target: BrowseCb | PickCb = (
            BrowseCb(code=child.code) if child.has_children else PickCb(code=child.code)
        )
        builder.button(text=short(child.name(lang)), callback_data=target)
        sizes.append(1)
    if page.pages > 1:
        navigation = 0
        if page.has_prev:
            builder.button(
                text=t("loc-page-prev"), callback_data=BrowseCb(code=code, page=page.page - 1)
            )
            navigation += 1
        builder.button(
            text=t("loc-page-counter", page=page.page + 1, pages=page.pages),
            callback_data=BrowseCb(code=code, page=page.page),
        )
        navigation += 1
        if page.has_next:
            builder.button(
                text=t("loc-page-next"), callback_data=BrowseCb(code=code, page=page.page + 1)
            )
            navigation += 1
        sizes.append(navigation)
    if unit is None:
        builder.button(text=t("loc-search-button"), callback_data=SearchStartCb())
        sizes.append(1)
    else:
        builder.button(
            text=t("loc-follow-button", name=short(unit.name(lang))),
            callback_data=PickCb(code=unit.code),
        )
        builder.button(text=t("back-button"), callback_data=BrowseCb(code=unit.parent_code or ""))
        sizes += [1, 1]
    builder.adjust(*sizes)
    return builder.as_markup()


def level_text(t: Text, chain: list[LocalityView], page: Page[LocalityView]) -> str:
    lang = sort_language(t)
    if not chain:
        text = t("loc-top-title")
    else:
        unit = chain[-1]
        path = chain_text([escape(step.name(lang)) for step in chain])
        name = escape(unit.name(lang))
        if page.total:
            text = t("loc-level-title", path=path, count=page.total, name=name)
        else:
            text = t("loc-level-empty", path=path, name=name)
    if page.pages > 1:
        text += "\n\n" + t("loc-page", page=page.page + 1, pages=page.pages)
    return text


@router.callback_query(BrowseCb.filter())
async def cb_browse(
    query: CallbackQuery,
    callback_data: BrowseCb,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    code = callback_data.code or None
    unit: LocalityView | None = None
    chain: list[LocalityView] = []
    if code is not None:
        unit = await services.localities.get(code)
        if unit is None:
            await query.answer(t("loc-unknown"), show_alert=True)
            return
        chain = await services.localities.chain(code)
    lang = sort_language(t)
    number = min(max(callback_data.page, 0), MAX_PAGE)
    page = await services.localities.children(code, number, PAGE_SIZE, lang=lang)
    if not page.items and page.total:
        # A page past the end (the level shrank after an import, or forged data): the last one.
        page = await services.localities.children(code, page.pages - 1, PAGE_SIZE, lang=lang)
    await leave_search(state)
    await query.answer()
    await edit_or_answer(query, level_text(t, chain, page), level_keyboard(t, unit, page))


# --- Searching by name -------------------------------------------------------------------


def browse_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("loc-browse-button"), callback_data=BrowseCb(code=""))
    return builder.as_markup()


def hits_keyboard(t: Text, hits: list[LocalityHit]) -> InlineKeyboardMarkup:
    lang = sort_language(t)
    builder = InlineKeyboard()
    for number, hit in enumerate(hits, start=1):
        builder.button(
            text=t("loc-search-hit-button", number=number, name=short(hit.name(lang))),
            callback_data=PickCb(code=hit.code),
        )
    builder.button(text=t("loc-browse-button"), callback_data=BrowseCb(code=""))
    builder.adjust(1)
    return builder.as_markup()


def hits_text(t: Text, query: str, hits: list[LocalityHit]) -> str:
    """The hits as a numbered list with their chains, so that two villages of one name (in
    different okrugs) can be told apart; the buttons carry the same numbers."""
    lang = sort_language(t)
    lines = [t("loc-search-results", count=len(hits), query=escape(query))]
    lines += [
        t("loc-search-hit", number=number, place=place_text(t, hit.name(lang), hit.chain(lang)))
        for number, hit in enumerate(hits, start=1)
    ]
    return "\n".join(lines) + "\n\n" + t("loc-search-footer")


async def answer_search(
    message: Message, text: str, t: Text, state: FSMContext, services: Services
) -> None:
    """Search for `text` and answer with the hits; the search stays open for another try."""
    await state.set_state(LocalitySearch.waiting_query)
    query = " ".join(text.split())
    if len(query) > MAX_QUERY_LENGTH:
        await message.answer(t("loc-search-too-long"))
        return
    if len(name_key(query)) < MIN_QUERY_LENGTH:
        await message.answer(t("loc-search-too-short"))
        return
    hits = await services.localities.search(query, MAX_HITS)
    if not hits:
        await message.answer(
            t("loc-search-not-found", query=escape(query)), reply_markup=browse_keyboard(t)
        )
        return
    await message.answer(hits_text(t, query, hits), reply_markup=hits_keyboard(t, hits))


@router.message(Command("subscribe"))
async def cmd_subscribe(
    message: Message,
    command: CommandObject,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    if command.args and command.args.strip():
        await answer_search(message, command.args, t, state, services)
        return
    await ask_for_locality(message, t, state)


@router.callback_query(SearchStartCb.filter())
async def cb_search_start(query: CallbackQuery, t: Text, state: FSMContext) -> None:
    await state.set_state(LocalitySearch.waiting_query)
    await query.answer()
    await edit_or_answer(query, t("loc-search-ask"), browse_keyboard(t))


@router.message(LocalitySearch.waiting_query, F.text.startswith("/"))
async def msg_command_during_search(message: Message, state: FSMContext) -> None:
    # Another command ends the search and runs as usual: SkipHandler passes the update on to
    # the next matching handler (the filters below exclude commands, so another router's).
    await state.set_state(None)
    raise SkipHandler


@router.message(LocalitySearch.waiting_query, F.text, ~F.text.startswith("/"))
async def msg_search_query(
    message: Message, t: Text, state: FSMContext, services: Services
) -> None:
    await answer_search(message, message.text or "", t, state, services)


@router.message(LocalitySearch.waiting_query, ~F.text)
async def msg_search_not_text(message: Message, t: Text) -> None:
    # A sticker, voice, photo or location: say what is expected; the search stays open.
    await message.answer(t("loc-search-non-text"), reply_markup=browse_keyboard(t))


# --- Following the chosen unit -----------------------------------------------------------


def followed_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("loc-add-another-button"), callback_data=SubscriptionCb(action=SubAction.ADD)
    )
    builder.button(
        text=t("loc-meetings-button"),
        callback_data=MeetingCb(action=MeetingAction.LIST, meeting_id=0),
    )
    builder.adjust(1)
    return builder.as_markup()


@router.callback_query(PickCb.filter())
async def cb_pick_locality(
    query: CallbackQuery,
    callback_data: PickCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    result = await services.subscriptions.subscribe(user.id, callback_data.code)
    if result.status is SubscribeStatus.UNKNOWN_LOCALITY:
        await query.answer(t("loc-unknown"), show_alert=True)
        return
    if result.status is SubscribeStatus.LIMIT_REACHED:
        await query.answer(t("loc-limit-reached", limit=MAX_SUBSCRIPTIONS), show_alert=True)
        return
    view = result.subscription
    if view is None:  # CREATED and ALREADY_SUBSCRIBED always carry the subscription
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    await leave_search(state)
    lang = sort_language(t)
    place = place_text(t, view.name(lang), view.chain(lang))
    if result.status is SubscribeStatus.ALREADY_SUBSCRIBED:
        await query.answer(t("loc-already-followed-short"))
        await edit_or_answer(query, t("loc-already-followed", place=place), followed_keyboard(t))
        return
    text = t("loc-followed", place=place)
    if view.has_children and not view.include_descendants:
        text += "\n\n" + t("loc-followed-inside-hint")
    await query.answer(t("loc-followed-short"))
    await edit_or_answer(query, text, followed_keyboard(t))
