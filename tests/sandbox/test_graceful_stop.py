"""A stop lets the updates being handled finish (bot/dispatcher.py): the person who wrote a
moment before the stop gets the whole answer, sent over a session that is still open."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from aiogram import Bot, Router
from aiogram.types import Message

from bot.dispatcher import GracefulDispatcher
from sandbox import RunningEmulator
from sandbox.client import SandboxClient
from tests.sandbox.conftest import eventually, make_bot


@dataclass
class SlowHandler:
    """Answers once the test lets it, so a stop can be asked for in the middle."""

    entered: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    finished: bool = False
    cancelled: bool = False

    def router(self) -> Router:
        router = Router()

        @router.message()
        async def slow(message: Message) -> None:
            self.entered.set()
            try:
                await self.release.wait()
            except asyncio.CancelledError:
                self.cancelled = True
                raise
            await message.answer("done")
            self.finished = True

        return router


@dataclass
class Polling:
    dispatcher: GracefulDispatcher
    bot: Bot
    task: asyncio.Task[None]
    handler: SlowHandler


@pytest.fixture
async def polling(emulator: RunningEmulator) -> AsyncIterator[Polling]:
    handler = SlowHandler()
    dispatcher = GracefulDispatcher()
    dispatcher.include_router(handler.router())
    bot = make_bot(emulator)
    task = asyncio.create_task(
        dispatcher.start_polling(
            bot, handle_signals=False, close_bot_session=False, polling_timeout=1
        )
    )
    try:
        yield Polling(dispatcher, bot, task, handler)
    finally:
        handler.release.set()
        if not task.done():
            await dispatcher.stop_polling()
        await task
        await bot.session.close()


async def stop_while_handling(polling: Polling, client: SandboxClient, user_id: int) -> None:
    """A person writes; polling stops while the bot is still handling it."""
    await client.add_user(user_id, "Aigerim", language_code="kk")
    await client.send_text(user_id, "сәлем")
    await asyncio.wait_for(polling.handler.entered.wait(), 5)
    assert polling.dispatcher.in_flight == 1
    await polling.dispatcher.stop_polling()
    await polling.task
    assert not polling.handler.finished  # polling is over, the handler is not


async def test_an_update_in_flight_is_finished_after_polling_stops(
    polling: Polling, client: SandboxClient
) -> None:
    await stop_while_handling(polling, client, 6001)

    waiting = asyncio.create_task(polling.dispatcher.wait_in_flight(5))
    await asyncio.sleep(0)
    assert not waiting.done()
    polling.handler.release.set()
    await waiting
    assert polling.handler.finished
    assert polling.dispatcher.in_flight == 0
    sent = await client.current_messages(6001, sender="bot")
    assert [m.text for m in sent] == ["done"]


async def test_an_update_past_the_grace_period_is_cancelled(
    polling: Polling, client: SandboxClient
) -> None:
    await stop_while_handling(polling, client, 6002)
    await polling.dispatcher.wait_in_flight(0.05)
    await eventually(lambda: polling.dispatcher.in_flight == 0)
    assert polling.handler.cancelled
    assert not polling.handler.finished
    assert await client.current_messages(6002, sender="bot") == []


async def test_nothing_in_flight_returns_at_once(polling: Polling) -> None:
    await asyncio.wait_for(polling.dispatcher.wait_in_flight(60), 1)
