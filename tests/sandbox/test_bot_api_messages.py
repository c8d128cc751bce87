"""sendMessage / edit / delete through aiogram's own Bot against the emulator."""

from __future__ import annotations

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    LinkPreviewOptions,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)

from sandbox import RunningEmulator
from sandbox.client import SandboxClient
from tests.sandbox.conftest import make_bot

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


def keyboard(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[list(buttons)])


async def test_send_html_message_returns_text_and_entities(bot: Bot, user: int) -> None:
    message = await bot.send_message(
        user,
        "  <b>Кездесу</b> 😀 <i>ертең</i>, see https://egov.kz  ",
        parse_mode="HTML",
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    assert message.text == "Кездесу 😀 ертең, see https://egov.kz"
    assert message.entities is not None
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bold", 0, 7),
        ("italic", 11, 5),
        ("url", 22, 15),
    ]
    assert message.from_user is not None
    assert message.from_user.is_bot
    assert message.chat.id == user


async def test_html_errors_surface_as_bad_request(bot: Bot, user: int) -> None:
    with pytest.raises(TelegramBadRequest) as error:
        await bot.send_message(user, "Hello <user>", parse_mode="HTML")
    assert error.value.message == (
        'Bad Request: can\'t parse entities: Unsupported start tag "user" at byte offset 6'
    )
    with pytest.raises(TelegramBadRequest, match="Can't find end tag corresponding"):
        await bot.send_message(user, "<b>bold", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="unsupported parse_mode"):
        await bot.send_message(user, "x", parse_mode="BBCode")
    with pytest.raises(TelegramBadRequest, match="MarkdownV2 is not supported by the sandbox"):
        await bot.send_message(user, "*x*", parse_mode="MarkdownV2")


async def test_text_length_is_counted_in_utf16_after_parsing(bot: Bot, user: int) -> None:
    assert (await bot.send_message(user, "a" * 4096)).text == "a" * 4096
    assert await bot.send_message(user, "😀" * 2048)  # 4096 UTF-16 code units
    assert await bot.send_message(user, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest) as error:
        await bot.send_message(user, "😀" * 2048 + "a")
    assert error.value.message == "Bad Request: message is too long"
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(user, "a" * 4097)


async def test_empty_text_after_trimming_or_parsing(bot: Bot, user: int) -> None:
    for text, mode in (("   \n ", None), ("<b> </b>", "HTML"), ("", None)):
        with pytest.raises(TelegramBadRequest) as error:
            await bot.send_message(user, text, parse_mode=mode)
        assert error.value.message == "Bad Request: message text is empty"


async def test_callback_data_limit_is_64_bytes(bot: Bot, user: int) -> None:
    ok = keyboard(InlineKeyboardButton(text="ok", callback_data="ж" * 32))  # 64 bytes
    sent = await bot.send_message(user, "menu", reply_markup=ok)
    assert isinstance(sent.reply_markup, InlineKeyboardMarkup)
    assert sent.reply_markup.inline_keyboard[0][0].callback_data == "ж" * 32
    too_long = keyboard(InlineKeyboardButton(text="no", callback_data="a" * 64 + "b"))
    with pytest.raises(TelegramBadRequest) as error:
        await bot.send_message(user, "menu", reply_markup=too_long)
    assert error.value.message == "Bad Request: BUTTON_DATA_INVALID"


async def test_inline_button_errors(bot: Bot, user: int) -> None:
    with pytest.raises(TelegramBadRequest) as error:
        await bot.send_message(user, "x", reply_markup=keyboard(InlineKeyboardButton(text="t")))
    assert error.value.message == (
        "Bad Request: can't parse inline keyboard button: "
        "Text buttons are unallowed in the inline keyboard"
    )
    empty = keyboard(InlineKeyboardButton(text="", callback_data="x"))
    with pytest.raises(TelegramBadRequest, match="BUTTON_TEXT_INVALID"):
        await bot.send_message(user, "x", reply_markup=empty)
    bad_url = keyboard(InlineKeyboardButton(text="site", url="http://localhost:8080/x"))
    with pytest.raises(TelegramBadRequest) as error:
        await bot.send_message(user, "x", reply_markup=bad_url)
    assert error.value.message == (
        "Bad Request: inline keyboard button URL 'http://localhost:8080/x' is invalid: "
        "Wrong HTTP URL"
    )
    good = keyboard(
        InlineKeyboardButton(text="site", url="https://egov.kz"),
        InlineKeyboardButton(text="tg", url="tg://resolve?domain=kezdesu_bot"),
    )
    sent = await bot.send_message(user, "x", reply_markup=good)
    assert isinstance(sent.reply_markup, InlineKeyboardMarkup)
    assert [b.url for b in sent.reply_markup.inline_keyboard[0]] == [
        "https://egov.kz",
        "tg://resolve?domain=kezdesu_bot",
    ]


async def test_reply_keyboards(bot: Bot, client: SandboxClient, user: int) -> None:
    markup = ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text="Қазақша"), KeyboardButton(text="Русский")]],
        resize_keyboard=True,
        one_time_keyboard=True,
        input_field_placeholder="Тілді таңдаңыз",
    )
    sent = await bot.send_message(user, "Тіл?", reply_markup=markup)
    assert sent.reply_markup is None  # Message objects carry only inline keyboards
    info = await client.chat(user)
    assert info["reply_keyboard"]["keyboard"] == [[{"text": "Қазақша"}, {"text": "Русский"}]]
    assert info["reply_keyboard"]["one_time_keyboard"] is True
    events = await client.events(user)
    assert events[-1].keyboard is not None
    await client.send_text(user, "Қазақша")  # a one-time keyboard hides after use
    assert (await client.chat(user))["reply_keyboard"] is None
    await bot.send_message(user, "again", reply_markup=markup)
    await bot.send_message(user, "bye", reply_markup=ReplyKeyboardRemove())
    assert (await client.chat(user))["reply_keyboard"] is None
    await bot.send_message(user, "name?", reply_markup=ForceReply(input_field_placeholder="Аты"))
    assert (await client.chat(user))["force_reply"]["input_field_placeholder"] == "Аты"


async def test_edit_text_and_markup(bot: Bot, client: SandboxClient, user: int) -> None:
    markup = keyboard(InlineKeyboardButton(text="A", callback_data="a"))
    sent = await bot.send_message(user, "<b>v1</b>", parse_mode="HTML", reply_markup=markup)
    with pytest.raises(TelegramBadRequest) as error:
        await bot.edit_message_text(
            "<b>v1</b>",
            chat_id=user,
            message_id=sent.message_id,
            parse_mode="HTML",
            reply_markup=markup,
        )
    assert error.value.message == NOT_MODIFIED
    edited = await bot.edit_message_text(
        "v2", chat_id=user, message_id=sent.message_id, reply_markup=markup
    )
    assert not isinstance(edited, bool)
    assert edited.text == "v2"
    assert edited.edit_date is not None
    # editing the text without reply_markup removes the keyboard, as in Telegram
    edited = await bot.edit_message_text("v2", chat_id=user, message_id=sent.message_id)
    assert not isinstance(edited, bool)
    assert edited.reply_markup is None
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=user, message_id=sent.message_id)
    new_markup = keyboard(InlineKeyboardButton(text="B", callback_data="b"))
    await bot.edit_message_reply_markup(
        chat_id=user, message_id=sent.message_id, reply_markup=new_markup
    )
    current = await client.current_messages(user, sender="bot")
    assert current[-1].text == "v2"
    assert [b.text for b in current[-1].buttons] == ["B"]
    kinds = [e.type for e in await client.events(user)]
    assert kinds == ["sent", "edited", "edited", "edited"]


async def test_edit_and_delete_missing_messages(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    with pytest.raises(TelegramBadRequest) as error:
        await bot.edit_message_text("x", chat_id=user, message_id=999)
    assert error.value.message == "Bad Request: message to edit not found"
    sent = await bot.send_message(user, "bye")
    assert await bot.delete_message(user, sent.message_id) is True
    with pytest.raises(TelegramBadRequest) as error:
        await bot.delete_message(user, sent.message_id)
    assert error.value.message == "Bad Request: message to delete not found"
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=user, message_id=sent.message_id)
    own = await client.send_text(user, "user text")
    assert own.message_id is not None
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("x", chat_id=user, message_id=own.message_id)
    assert await client.current_messages(user, sender="bot") == []
    assert [e.type for e in await client.events(user)] == ["sent", "deleted"]


async def test_caption_edit_and_no_text_to_edit(bot: Bot, user: int) -> None:
    sent = await bot.send_message(user, "text")
    with pytest.raises(TelegramBadRequest, match="there is no caption in the message to edit"):
        await bot.edit_message_caption(chat_id=user, message_id=sent.message_id, caption="c")


async def test_unknown_chat_blocked_user_token_and_method(
    bot: Bot, client: SandboxClient, emulator: RunningEmulator, user: int
) -> None:
    with pytest.raises(TelegramBadRequest) as error:
        await bot.send_message(424242, "hello")
    assert error.value.message == "Bad Request: chat not found"
    await client.set_blocked(user, True)
    with pytest.raises(TelegramForbiddenError) as forbidden:
        await bot.send_message(user, "hello")
    assert forbidden.value.message == "Forbidden: bot was blocked by the user"
    await client.set_blocked(user, False)
    assert await bot.send_message(user, "welcome back")

    stranger = make_bot(emulator, token="999:WRONG")
    try:
        with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
            await stranger.get_me()
    finally:
        await stranger.session.close()

    async with aiohttp.ClientSession() as http:
        url = f"{emulator.url}/bot{emulator.bot_token}/sendTelepathy"
        async with http.post(url) as response:
            assert response.status == 404
            assert await response.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found",
            }
        url = f"{emulator.url}/bot{emulator.bot_token}/SENDMESSAGE"  # case-insensitive
        async with http.post(url, json={"chat_id": user, "text": "json body"}) as response:
            body = await response.json()
            assert body["ok"] is True
            assert body["result"]["text"] == "json body"


async def test_reply_parameters(bot: Bot, client: SandboxClient, user: int) -> None:
    question = await client.send_text(user, "Когда встреча?")
    assert question.message_id is not None
    answer = await bot.send_message(
        user, "Завтра", reply_parameters=ReplyParameters(message_id=question.message_id)
    )
    assert answer.reply_to_message is not None
    assert answer.reply_to_message.text == "Когда встреча?"
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(user, "x", reply_parameters=ReplyParameters(message_id=777))
    lenient = ReplyParameters(message_id=777, allow_sending_without_reply=True)
    assert (await bot.send_message(user, "x", reply_parameters=lenient)).reply_to_message is None


async def test_chat_action_get_chat_copy_and_forward(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    assert await bot.send_chat_action(user, "typing")
    assert (await client.chat(user))["last_action"]["action"] == "typing"
    chat = await bot.get_chat(user)
    assert chat.first_name == "Aigerim"
    assert chat.type == "private"
    await client.add_user(2002, "Akim")
    original = await client.send_text(user, "Жол жөндеу керек")
    assert original.message_id is not None
    copied = await bot.copy_message(2002, user, original.message_id)
    forwarded = await bot.forward_message(2002, user, original.message_id)
    assert forwarded.forward_origin is not None
    current = await client.current_messages(2002)
    assert [m.text for m in current] == ["Жол жөндеу керек", "Жол жөндеу керек"]
    assert current[0].message_id == copied.message_id
