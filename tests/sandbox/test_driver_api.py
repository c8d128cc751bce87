"""The driver API: events feed, current messages, callbacks, answers, errors, the chat page."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InaccessibleMessage, InlineKeyboardButton, InlineKeyboardMarkup

from sandbox import RunningEmulator
from sandbox.__main__ import parse_args
from sandbox.client import SandboxClient, SandboxError

MENU = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="Иә", callback_data="yes")]]
)


async def test_events_long_poll_and_seq(bot: Bot, client: SandboxClient, user: int) -> None:
    waiting = asyncio.create_task(client.events(user, after_seq=0, wait=30))
    await asyncio.sleep(0)
    sent = await bot.send_message(user, "first")
    events = await waiting
    assert [(e.type, e.message_id) for e in events] == [("sent", sent.message_id)]
    await bot.edit_message_text("second", chat_id=user, message_id=sent.message_id)
    await bot.delete_message(user, sent.message_id)
    later = await client.events(user, after_seq=events[-1].seq)
    assert [e.type for e in later] == ["edited", "deleted"]
    assert later[0].seq < later[1].seq
    assert later[1].message is not None
    assert later[1].message.text == "second"
    assert await client.events(user, after_seq=later[-1].seq) == []


async def test_everything_feed_includes_user_messages(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    await client.send_text(user, "сәлем")
    await bot.send_message(user, "hi")
    assert [e.type for e in await client.events(user)] == ["sent"]
    assert [e.type for e in await client.events(user, everything=True)] == ["incoming", "sent"]
    current = await client.current_messages(user)
    assert [(m.from_bot, m.content) for m in current] == [(False, "сәлем"), (True, "hi")]


async def test_wait_for_messages(bot: Bot, client: SandboxClient, user: int) -> None:
    seq = await client.last_seq(user)
    await bot.send_message(user, "one")
    await bot.send_message(user, "two")
    messages = await client.wait_for_messages(user, count=2, after_seq=seq)
    assert [m.text for m in messages] == ["one", "two"]
    with pytest.raises(AssertionError, match=r"expected 3 new message\(s\)"):
        await client.wait_for_messages(user, count=3, timeout=0.3, after_seq=seq)


async def test_callbacks_and_answers(bot: Bot, client: SandboxClient, user: int) -> None:
    sent = await bot.send_message(user, "Келесіз бе?", reply_markup=MENU)
    delivery = await client.press(user, sent.message_id, "yes")
    update = (await bot.get_updates())[-1]
    query = update.callback_query
    assert query is not None
    assert query.id == delivery.callback_query_id
    assert query.data == "yes"
    assert query.from_user.id == user
    assert query.message is not None
    assert query.message.message_id == sent.message_id
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query.id, text="x" * 201)
    assert await bot.answer_callback_query(query.id, text="Рақмет!", show_alert=True)
    with pytest.raises(TelegramBadRequest) as error:
        await bot.answer_callback_query(query.id)
    assert error.value.message == (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )
    answers = await client.callback_answers(user)
    assert [(a["text"], a["show_alert"], a["data"]) for a in answers] == [("Рақмет!", True, "yes")]


async def test_press_on_deleted_message_delivers_inaccessible_message(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    sent = await bot.send_message(user, "old menu", reply_markup=MENU)
    await bot.delete_message(user, sent.message_id)
    await client.press(user, sent.message_id, "yes")
    query = (await bot.get_updates())[-1].callback_query
    assert query is not None
    assert query.message is not None
    assert isinstance(query.message, InaccessibleMessage)
    assert query.message.message_id == sent.message_id
    with pytest.raises(SandboxError) as error:
        await client.press(user, 9999, "yes")
    assert error.value.status == 404


async def test_driver_validation_errors(client: SandboxClient, user: int) -> None:
    with pytest.raises(SandboxError) as error:
        await client.send_text(777, "who am I")
    assert error.value.status == 404
    with pytest.raises(SandboxError, match="text is empty"):
        await client.send_text(user, "   ")
    with pytest.raises(SandboxError, match="unknown or read-only config field"):
        await client.configure(bot_token="1:X")


async def test_blocked_user_writing_again_unblocks(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    await client.set_blocked(user, True)
    await client.send_text(user, "/start")  # the "Restart" button in Telegram's apps
    assert (await client.chat(user))["blocked"] is False
    kinds = ["my_chat_member" if u.my_chat_member else "message" for u in await bot.get_updates()]
    assert kinds == ["my_chat_member", "my_chat_member", "message"]


async def test_reset_forgets_everything_but_ids_keep_growing(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    first = await client.send_text(user, "x")
    await client.reset()
    assert await client.stats() is not None
    with pytest.raises(SandboxError):
        await client.chat(user)
    await client.add_user(user, "Again")
    second = await client.send_text(user, "y")
    assert first.update_id is not None
    assert second.update_id is not None
    assert second.update_id > first.update_id
    assert [u.update_id for u in await bot.get_updates()] == [second.update_id]


async def test_chat_page_is_served_without_external_resources(
    emulator: RunningEmulator,
) -> None:
    async with aiohttp.ClientSession() as http, http.get(emulator.url + "/") as response:
        assert response.status == 200
        assert response.content_type == "text/html"
        page = await response.text()
    assert "/_driver/chats/" in page
    assert "innerHTML" not in page
    assert "insertAdjacentHTML" not in page
    assert 'src="http' not in page
    assert "<link" not in page


def test_main_arguments() -> None:
    args = parse_args(["--port", "0", "--delay-ms", "50", "--no-rate-limits"])
    assert (args.port, args.delay_ms, args.no_rate_limits) == (0, 50, True)
