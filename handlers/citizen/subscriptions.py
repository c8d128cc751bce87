"""/subscriptions: the localities a person follows; remove one, turn "everything inside" on or
off, add another. The list is re-rendered in place after every change."""

from aiogram import F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import SubAction, SubscriptionCb
from handlers.citizen.localities import ask_for_locality, place_text, sort_language
from handlers.citizen.start import locality_entry_keyboard
from handlers.keyboards import InlineKeyboard
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.paging import Page
from services.subscriptions import MAX_SUBSCRIPTIONS, SubscriptionView
from services.users import UserView

router = Routes(name=__name__)

# Ten per page keeps the longest names and chains of the classifier well under 4096 characters.
PAGE_SIZE = 10


def render_list(
    t: Text, views: list[SubscriptionView], page: int
) -> tuple[str, InlineKeyboardMarkup]:
    if not views:
        return t("subs-empty"), locality_entry_keyboard(t)
    lang = sort_language(t)
    shown = Page.of(views, page, PAGE_SIZE)
    page = shown.page

    header = t("subs-title", count=len(views), limit=MAX_SUBSCRIPTIONS)
    if shown.pages > 1:
        header += "\n" + t("subs-page", page=page + 1, pages=shown.pages)
    blocks = [header]
    builder = InlineKeyboard()
    sizes: list[int] = []
    for number, view in enumerate(shown.items, start=shown.offset + 1):
        lines = [
            t("subs-item", number=number, place=place_text(t, view.name(lang), view.chain(lang)))
        ]
        builder.button(
            text=t("subs-remove-button", number=number),
            callback_data=SubscriptionCb(action=SubAction.REMOVE, sub_id=view.id, page=page),
        )
        sizes.append(1)
        # "Everything inside" means nothing for a village with nothing inside, unless it was
        # turned on while there was (then it can still be turned off).
        if view.has_children or view.include_descendants:
            on = view.include_descendants
            lines.append(t("subs-item-inside-on" if on else "subs-item-inside-off"))
            builder.button(
                text=t("subs-inside-on-button" if on else "subs-inside-off-button", number=number),
                callback_data=SubscriptionCb(
                    action=SubAction.TOGGLE_INSIDE, sub_id=view.id, page=page, on=not on
                ),
            )
            sizes.append(1)
        blocks.append("\n".join(lines))
    if shown.pages > 1:
        navigation = 0
        if shown.has_prev:
            builder.button(
                text=t("loc-page-prev"),
                callback_data=SubscriptionCb(action=SubAction.LIST, page=page - 1),
            )
            navigation += 1
        if shown.has_next:
            builder.button(
                text=t("loc-page-next"),
                callback_data=SubscriptionCb(action=SubAction.LIST, page=page + 1),
            )
            navigation += 1
        sizes.append(navigation)
    if len(views) < MAX_SUBSCRIPTIONS:
        builder.button(
            text=t("subs-add-button"), callback_data=SubscriptionCb(action=SubAction.ADD)
        )
        sizes.append(1)
    builder.adjust(*sizes)
    return "\n\n".join(blocks), builder.as_markup()


async def show_list(
    query: CallbackQuery, user: UserView, t: Text, services: Services, page: int
) -> None:
    text, keyboard = render_list(t, await services.subscriptions.list(user.id), page)
    await edit_or_answer(query, text, keyboard)


@router.message(Command("subscriptions"))
async def cmd_subscriptions(message: Message, user: UserView, t: Text, services: Services) -> None:
    text, keyboard = render_list(t, await services.subscriptions.list(user.id), 0)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(SubscriptionCb.filter(F.action == SubAction.LIST))
async def cb_subscriptions_page(
    query: CallbackQuery,
    callback_data: SubscriptionCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    await query.answer()
    await show_list(query, user, t, services, callback_data.page)


@router.callback_query(SubscriptionCb.filter(F.action == SubAction.ADD))
async def cb_subscription_add(query: CallbackQuery, t: Text, state: FSMContext) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        # A new message: the list (or the confirmation) the button sat on stays readable.
        await ask_for_locality(query.message, t, state)
        return
    await edit_or_answer(query, t("start-choose-locality"), locality_entry_keyboard(t))


@router.callback_query(SubscriptionCb.filter(F.action == SubAction.REMOVE))
async def cb_subscription_remove(
    query: CallbackQuery,
    callback_data: SubscriptionCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    view = await _own(callback_data, user, services)
    if view is None or not await services.subscriptions.remove(user.id, view.id):
        # Removed already (a double tap, another device) or not theirs: show what is true now.
        await query.answer(t("subs-already-removed"), show_alert=True)
    else:
        await query.answer(t("subs-removed", name=view.name(sort_language(t))))
    await show_list(query, user, t, services, callback_data.page)


@router.callback_query(SubscriptionCb.filter(F.action == SubAction.TOGGLE_INSIDE))
async def cb_subscription_toggle_inside(
    query: CallbackQuery,
    callback_data: SubscriptionCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    before = await _own(callback_data, user, services)
    view = (
        await services.subscriptions.set_include_descendants(user.id, before.id, callback_data.on)
        if before is not None
        else None
    )
    if before is None or view is None:
        await query.answer(t("subs-already-removed"), show_alert=True)
    elif before.include_descendants == view.include_descendants:
        # The second of a double tap: the value is already what the button asked for.
        await query.answer(t("subs-inside-unchanged"))
    else:
        key = "subs-inside-turned-on" if view.include_descendants else "subs-inside-turned-off"
        await query.answer(t(key, name=view.name(sort_language(t))))
    await show_list(query, user, t, services, callback_data.page)


async def _own(
    callback_data: SubscriptionCb, user: UserView, services: Services
) -> SubscriptionView | None:
    """The subscription the button points at, if it is still the person's own."""
    # A forged id past what the database holds never gets here (handlers/callbacks.py).
    if callback_data.sub_id <= 0:
        return None
    return await services.subscriptions.get(user.id, callback_data.sub_id)
