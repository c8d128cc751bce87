"""A callback query answered again (an update handled a second time after a crash) is taken as
answered (bot/middlewares/callback_answers.py); any other refusal stays an error."""

from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import AnswerCallbackQuery, SendMessage, TelegramMethod

from bot.app import create_bot
from bot.config import Settings

STALE = "Bad Request: query is too old and response timeout expired or query ID is invalid"


async def refused(bot: Bot, method: TelegramMethod[Any], message: str) -> Any:
    """``method`` through the bot's middlewares, Telegram refusing it with ``message``."""

    async def make_request(
        _bot: Bot,
        sent: TelegramMethod[Any],
        timeout: int | None = None,  # noqa: ASYNC109
    ) -> Any:
        raise TelegramBadRequest(method=sent, message=message)

    bot.session.make_request = make_request  # type: ignore[method-assign,assignment]
    return await bot(method)


@pytest.fixture
async def bot() -> Any:
    ours = create_bot(Settings(_env_file=None), "42:TEST")
    yield ours
    await ours.session.close()


async def test_a_stale_callback_answer_counts_as_done(bot: Bot) -> None:
    assert await refused(bot, AnswerCallbackQuery(callback_query_id="7"), STALE) is True


async def test_other_refusals_of_an_answer_are_errors(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="text is too long"):
        await refused(
            bot, AnswerCallbackQuery(callback_query_id="7"), "Bad Request: text is too long"
        )


async def test_other_methods_are_left_alone(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await refused(bot, SendMessage(chat_id=1, text="Сәлем"), STALE)
