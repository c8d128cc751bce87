"""/channel: the akimat's Telegram channel, where the bot posts announcements, published plans,
quarterly reports and the year's results (services/channels.py).

An official links it by sending the channel's @username or t.me link, or by forwarding one of
its posts; the bot checks with Telegram that it may post there and that the official runs the
channel. The screen shows the channel, re-checks it, or unlinks it (confirmed). Coordinators
and officials of a higher akimat read it. Telegram's word that the bot was removed or demoted
(``my_chat_member`` in a channel) breaks the link.
"""

from html import escape

from aiogram import Bot, F
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    ChatMemberAdministrator,
    ChatMemberUpdated,
    InlineKeyboardMarkup,
    Message,
    MessageOriginChannel,
)

from handlers.callbacks import ChannelAction, ChannelCb
from handlers.keyboards import InlineKeyboard
from handlers.names import locality_name
from handlers.notices.channel import reason_text
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.channels import (
    ChannelCheckError,
    ChannelLanguage,
    ChannelRefusal,
    ChannelView,
    ProbedChat,
    ProbedMember,
    parse_reference,
)
from services.container import Services

router = Routes(name=__name__)
# Telegram's updates about the bot itself in channels (not a private chat: no staff filter).
updates = Routes(name=__name__ + ".updates")


class ChannelStates(StatesGroup):
    reference = State()


class TelegramProbe:
    """services.channels.ChannelProbe over the Bot API: getChat and getChatMember."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    @property
    def bot_id(self) -> int:
        return self._bot.id

    async def chat(self, reference: int | str) -> ProbedChat | None:
        try:
            chat = await self._bot.get_chat(reference)
        except TelegramAPIError:
            # "chat not found", or a private channel the bot is not in.
            return None
        return ProbedChat(chat.id, chat.type, chat.title or "", chat.username)

    async def member(self, chat_id: int, user_id: int) -> ProbedMember | None:
        try:
            member = await self._bot.get_chat_member(chat_id, user_id)
        except TelegramAPIError:
            # "member list is inaccessible": the bot is not an administrator there.
            return None
        can_post = isinstance(member, ChatMemberAdministrator) and bool(member.can_post_messages)
        return ProbedMember(member.status, can_post)


def channel_name(view: ChannelView) -> str:
    title = escape(view.title)
    return f"{title} (@{escape(view.username)})" if view.username else title


def render_channel(
    t: Text, akimat_name: str, view: ChannelView | None, akimat_id: int, *, may_act: bool
) -> tuple[str, InlineKeyboardMarkup | None]:
    if view is None:
        text = t("channel-none", akimat=akimat_name)
        if may_act:
            text += "\n\n" + t("channel-how")
        return text, None
    parts = [
        t("channel-title", akimat=akimat_name),
        t(
            "channel-linked",
            name=channel_name(view),
            language=t(f"channel-language-{view.language.value}"),
            checked=t.datetime(view.checked_at),
        ),
    ]
    if view.active:
        parts.append(t("channel-active"))
    else:
        assert view.broken_at is not None
        parts.append(
            t(
                "channel-broken",
                at=t.datetime(view.broken_at),
                reason=reason_text(t, view.broken_reason or ""),
            )
        )
    if not may_act:
        return "\n\n".join(parts), None
    builder = InlineKeyboard()
    builder.button(
        text=t("channel-check-button"),
        callback_data=ChannelCb(action=ChannelAction.CHECK, akimat_id=akimat_id),
    )
    builder.button(
        text=t("channel-unlink-button"),
        callback_data=ChannelCb(action=ChannelAction.UNLINK, akimat_id=akimat_id),
    )
    builder.adjust(1)
    return "\n\n".join(parts), builder.as_markup()


def language_keyboard(t: Text, akimat_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for language in ChannelLanguage:
        builder.button(
            text=t(f"channel-language-{language.value}"),
            callback_data=ChannelCb(
                action=ChannelAction.LANGUAGE, akimat_id=akimat_id, language=language
            ),
        )
    builder.adjust(1)
    return builder.as_markup()


async def _akimat(services: Services, user_id: int, t: Text) -> tuple[int, str] | None:
    """The akimat whose channel this person manages: their own (the first, if several)."""
    own = await services.access.akimats_of(user_id)
    if not own:
        return None
    ref = own[0]
    return ref.id, locality_name(ref.name_kk, ref.name_ru, t.locale)


async def _screen(
    services: Services, t: Text, user_id: int, akimat_id: int, name: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    view = await services.channels.view(user_id, akimat_id)
    may_act = await services.channels.may_act(user_id, akimat_id)
    return render_channel(t, name, view, akimat_id, may_act=may_act)


@router.message(Command("channel"))
async def cmd_channel(
    message: Message, command: CommandObject, t: Text, state: FSMContext, services: Services
) -> None:
    assert message.from_user is not None
    user_id = message.from_user.id
    if command.args:
        # A reader (an official of a higher akimat, a coordinator, an admin) names the akimat.
        akimat = await services.channels.akimat(command.args)
        if akimat is None:
            await message.answer(t("channel-no-akimat"))
            return
        found: tuple[int, str] | None = (akimat.id, akimat.name(t.locale))
    else:
        found = await _akimat(services, user_id, t)
    if found is None:
        await message.answer(t("channel-no-akimat"))
        return
    akimat_id, name = found
    text, keyboard = await _screen(services, t, user_id, akimat_id, name)
    await state.clear()
    if keyboard is None and await services.channels.may_act(user_id, akimat_id):
        # Nothing linked yet: the next message names the channel.
        await state.set_state(ChannelStates.reference)
        await state.update_data(akimat_id=akimat_id)
    await message.answer(text, reply_markup=keyboard)


def _reference(message: Message) -> int | str:
    origin = message.forward_origin
    if isinstance(origin, MessageOriginChannel):
        return origin.chat.id
    if origin is not None or not message.text:
        raise ChannelCheckError(ChannelRefusal.BAD_REFERENCE)
    return parse_reference(message.text)


@router.message(ChannelStates.reference, ~F.text.startswith("/"))
async def msg_reference(
    message: Message, t: Text, state: FSMContext, services: Services, bot: Bot
) -> None:
    assert message.from_user is not None
    data = await state.get_data()
    akimat_id = int(data.get("akimat_id", 0))
    try:
        chat = await services.channels.inspect(
            message.from_user.id, akimat_id, TelegramProbe(bot), _reference(message)
        )
    except ChannelCheckError as error:
        await message.answer(t(f"channel-refused-{error.reason.value}"))
        return
    await state.update_data(reference=chat.id)
    await message.answer(t("channel-pick-language"), reply_markup=language_keyboard(t, akimat_id))


@router.callback_query(ChannelCb.filter(F.action == ChannelAction.LANGUAGE))
async def cb_language(
    query: CallbackQuery,
    callback_data: ChannelCb,
    t: Text,
    state: FSMContext,
    services: Services,
    bot: Bot,
) -> None:
    data = await state.get_data()
    reference = data.get("reference")
    if reference is None or int(data.get("akimat_id", 0)) != callback_data.akimat_id:
        await query.answer(t("channel-expired"), show_alert=True)
        return
    akimat_id = callback_data.akimat_id
    try:
        await services.channels.link(
            query.from_user.id, akimat_id, TelegramProbe(bot), reference, callback_data.language
        )
    except ChannelCheckError as error:
        await query.answer()
        await edit_or_answer(query, t(f"channel-refused-{error.reason.value}"))
        return
    await state.clear()
    await query.answer(t("channel-linked-toast"))
    await _show(query, t, services, akimat_id)


async def _show(query: CallbackQuery, t: Text, services: Services, akimat_id: int) -> None:
    found = await _akimat(services, query.from_user.id, t)
    name = found[1] if found and found[0] == akimat_id else ""
    text, keyboard = await _screen(services, t, query.from_user.id, akimat_id, name)
    await edit_or_answer(query, text, keyboard)


@router.callback_query(ChannelCb.filter(F.action == ChannelAction.CHECK))
async def cb_check(
    query: CallbackQuery, callback_data: ChannelCb, t: Text, services: Services, bot: Bot
) -> None:
    try:
        await services.channels.recheck(
            query.from_user.id, callback_data.akimat_id, TelegramProbe(bot)
        )
    except ChannelCheckError as error:
        await query.answer(t(f"channel-refused-{error.reason.value}"), show_alert=True)
    else:
        await query.answer(t("channel-check-ok"))
    await _show(query, t, services, callback_data.akimat_id)


@router.callback_query(ChannelCb.filter(F.action == ChannelAction.UNLINK))
async def cb_unlink(
    query: CallbackQuery, callback_data: ChannelCb, t: Text, services: Services
) -> None:
    view = await services.channels.view(query.from_user.id, callback_data.akimat_id)
    await query.answer()
    if view is None:
        await _show(query, t, services, callback_data.akimat_id)
        return
    builder = InlineKeyboard()
    builder.button(
        text=t("channel-unlink-yes"),
        callback_data=ChannelCb(action=ChannelAction.UNLINK_YES, akimat_id=view.akimat_id),
    )
    builder.button(
        text=t("channel-unlink-no"),
        callback_data=ChannelCb(action=ChannelAction.SHOW, akimat_id=view.akimat_id),
    )
    builder.adjust(2)
    await edit_or_answer(
        query, t("channel-unlink-confirm", name=channel_name(view)), builder.as_markup()
    )


@router.callback_query(ChannelCb.filter(F.action == ChannelAction.UNLINK_YES))
async def cb_unlink_yes(
    query: CallbackQuery, callback_data: ChannelCb, t: Text, state: FSMContext, services: Services
) -> None:
    await services.channels.unlink(query.from_user.id, callback_data.akimat_id)
    await query.answer(t("channel-unlinked"))
    await state.set_state(ChannelStates.reference)
    await state.update_data(akimat_id=callback_data.akimat_id)
    await _show(query, t, services, callback_data.akimat_id)


@router.callback_query(ChannelCb.filter(F.action == ChannelAction.SHOW))
async def cb_show(
    query: CallbackQuery, callback_data: ChannelCb, t: Text, services: Services
) -> None:
    await query.answer()
    await _show(query, t, services, callback_data.akimat_id)


@updates.my_chat_member(F.chat.type == "channel")
async def on_bot_member(event: ChatMemberUpdated, services: Services) -> None:
    member = event.new_chat_member
    can_post = isinstance(member, ChatMemberAdministrator) and bool(member.can_post_messages)
    await services.channels.bot_status_changed(event.chat.id, member.status, can_post)
