"""A tiny aiogram Dispatcher polls the emulator; a ChatSession talks to it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Dispatcher, F, Router, html
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from sandbox import RunningEmulator
from sandbox.client import ChatSession, SandboxClient
from tests.sandbox.conftest import make_bot

LANGUAGES = InlineKeyboardMarkup(
    inline_keyboard=[
        [
            InlineKeyboardButton(text="🇰🇿 Қазақша", callback_data="lang:kk"),
            InlineKeyboardButton(text="🇷🇺 Русский", callback_data="lang:ru"),
        ]
    ]
)


def build_router() -> Router:
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        name = message.from_user.first_name if message.from_user else "?"
        await message.answer(f"Сәлем, <b>{html.quote(name)}</b>!", parse_mode="HTML")
        await message.answer("Тілді таңдаңыз:", reply_markup=LANGUAGES)

    @router.callback_query(F.data.startswith("lang:"))
    async def choose(callback: CallbackQuery) -> None:
        assert callback.data is not None
        await callback.answer("✅")
        if isinstance(callback.message, Message):
            await callback.message.edit_text(f"Тіл: {callback.data.removeprefix('lang:')}")

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    return router


@pytest.fixture
async def polling_bot(emulator: RunningEmulator) -> AsyncIterator[Dispatcher]:
    dispatcher = Dispatcher()
    dispatcher.include_router(build_router())
    bot = make_bot(emulator)
    task = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=1)
    )
    try:
        yield dispatcher
    finally:
        await dispatcher.stop_polling()
        await task


async def test_start_and_language_callback(polling_bot: Dispatcher, client: SandboxClient) -> None:
    chat = await ChatSession.create(client, 5005, "<Aigerim>", language_code="kk")
    replies = await chat.say("/start")
    assert [m.text for m in replies] == ["Сәлем, <Aigerim>!", "Тілді таңдаңыз:"]
    assert replies[0].entities == [{"type": "bold", "offset": 7, "length": 9}]
    events = await chat.press(replies[1], "Қазақша")
    assert sorted(e.type for e in events) == ["callback_answer", "edited"]
    assert chat.last.text == "Тіл: kk"
    assert chat.last.buttons == []  # edit_text without markup removed the keyboard
    assert chat.callback_answers[-1]["text"] == "✅"
    # the stale keyboard still delivers a press (the message exists), the bot edits again
    stale = await chat.press(replies[1], "Русский", stale=True)
    assert sorted(e.type for e in stale) == ["callback_answer", "edited"]
    assert chat.last.text == "Тіл: ru"
    assert (await chat.say("echo <b>me</b>"))[0].text == "echo <b>me</b>"
    answers = await client.callback_answers(5005)
    assert [a["data"] for a in answers] == ["lang:kk", "lang:ru"]


async def test_chat_session_reports_silence_clearly(
    polling_bot: Dispatcher, client: SandboxClient
) -> None:
    chat = await ChatSession.create(client, 5006, "Test", timeout=0.5)
    await chat.say("hello")
    with pytest.raises(AssertionError, match="expected at least 1 bot event"):
        await chat.send("sticker", emoji="🙂")
