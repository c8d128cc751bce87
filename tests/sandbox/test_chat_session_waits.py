"""A ChatSession waiting for the bot's answer holds one long poll; it does not poll in a loop.

The feed holds the user's own message as well as the bot's. A session that passed over it
without moving past it asked again from before it, got it back at once, and so polled without
waiting until the bot answered: a hundred citizens of bench/ waiting on a slow bot burned a
core of the bench's process, taken from the bot they measured.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram import Bot

from sandbox.client import ChatEvent, ChatSession, SandboxClient


class CountingClient(SandboxClient):
    """Counts the feed's polls."""

    polls = 0

    async def events(self, *args: Any, **kwargs: Any) -> list[ChatEvent]:
        self.polls += 1
        return await super().events(*args, **kwargs)


async def test_a_wait_for_a_slow_answer_is_one_long_poll(emulator: Any, bot: Bot) -> None:
    client = CountingClient(emulator.url)
    async with client:
        chat = await ChatSession.create(client, 2001, "Asel", language_code="kk")

        async def answer_later() -> None:
            # Long enough for hundreds of polls if the session did not wait.
            await asyncio.sleep(0.3)
            await bot.send_message(chat.chat_id, "Сәлем!")

        answering = asyncio.create_task(answer_later())
        replies = await chat.say("/start")
        await answering

    assert [m.text for m in replies] == ["Сәлем!"]
    # The user's own message, at once; one long poll that the answer ends; one more until the
    # bot is quiet.
    assert client.polls == 3
    assert [e.type for e in chat.history] == ["sent"]


async def test_the_users_own_message_after_the_answer_is_passed_over(
    emulator: Any, bot: Bot
) -> None:
    client = CountingClient(emulator.url)
    async with client:
        chat = await ChatSession.create(client, 2002, "Asel", language_code="kk")
        await client.send_text(chat.chat_id, "first")
        await bot.send_message(chat.chat_id, "answer")
        await client.send_text(chat.chat_id, "second")
        events = await chat.collect()
        polls = client.polls
        # Nothing new: the next wait starts after "second", so it waits.
        assert await client.events(chat.chat_id, chat.seq, everything=True) == []

    assert [e.type for e in events] == ["sent"]
    assert chat.seq > events[-1].seq
    assert polls == 2
