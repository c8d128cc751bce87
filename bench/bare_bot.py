"""The baseline: a bare aiogram bot doing one SQL query per update, for citizens_bench.py.

    BOT_TOKEN=... TELEGRAM_API_URL=... DATABASE_URL=postgresql+asyncpg://... \
        python bench/bare_bot.py

What a minimal bot on the same parts costs: aiogram's polling Dispatcher, SQLAlchemy's async
engine on asyncpg, HTML replies with an inline button. A message is answered with a new
message; a button press with answerCallbackQuery and an edit of the message, as Kezdesu's
buttons do. Every update runs one query (the person's row by their Telegram id, in the
database the bench prepared) in a transaction of its own. No FSM, no middlewares, no logging
per update: whatever Kezdesu spends beyond this line is what its features cost. It runs on
the event loop Kezdesu is given (EVENT_LOOP, bot/event_loop.py), so that the loop is not
counted among them.
"""

import logging
import os
import signal
from typing import cast

from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.event_loop import EventLoopChoice, loop_factory, run

QUERY = text("SELECT locale FROM users WHERE id = :id")


def keyboard(step: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=f"Next {step}", callback_data=f"n:{step}")]]
    )


def build(engine: AsyncEngine) -> Dispatcher:
    dispatcher = Dispatcher()

    async def locale_of(user_id: int) -> str | None:
        async with engine.connect() as connection:
            value = await connection.scalar(QUERY, {"id": user_id})
        return None if value is None else str(value)

    @dispatcher.message(F.text)
    async def on_message(message: Message) -> None:
        assert message.from_user is not None
        locale = await locale_of(message.from_user.id)
        await message.answer(f"<b>Got it</b> ({locale or '-'})", reply_markup=keyboard(1))

    @dispatcher.callback_query(F.data.startswith("n:"))
    async def on_press(query: CallbackQuery) -> None:
        assert query.data is not None and isinstance(query.message, Message)
        step = int(query.data[2:]) + 1
        locale = await locale_of(query.from_user.id)
        await query.answer()
        await query.message.edit_text(
            f"<b>Step {step}</b> ({locale or '-'})", reply_markup=keyboard(step)
        )

    return dispatcher


async def main() -> None:
    # The format of bot/cli.py, so that the bench counts its warnings and errors alike.
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    engine = create_async_engine(os.environ["DATABASE_URL"], pool_size=10, max_overflow=20)
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(
        os.environ["BOT_TOKEN"],
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    dispatcher = build(engine)
    try:
        await dispatcher.start_polling(bot, handle_signals=True, close_bot_session=True)
    finally:
        await engine.dispose()


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    choice = cast(EventLoopChoice, os.environ.get("EVENT_LOOP", "auto"))
    run(main(), loop_factory(choice))
