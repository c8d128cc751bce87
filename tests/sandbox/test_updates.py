"""getUpdates: long polling, offsets, allowed_updates, webhook and polling conflicts, delay."""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramConflictError

from sandbox import RunningEmulator
from sandbox.client import SandboxClient
from tests.sandbox.conftest import eventually


async def test_offset_confirms_and_negative_offset_keeps_the_tail(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    ids = [(await client.send_text(user, f"m{i}")).update_id for i in range(4)]
    assert None not in ids
    updates = await bot.get_updates()
    assert [u.update_id for u in updates] == ids
    assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]
    # still there: nothing is confirmed until an offset above them is sent
    assert len(await bot.get_updates()) == 4
    assert [u.update_id for u in await bot.get_updates(offset=ids[2])] == ids[2:]
    assert [u.update_id for u in await bot.get_updates()] == ids[2:]  # the first two are gone
    assert [u.update_id for u in await bot.get_updates(offset=-1)] == ids[3:]
    last = ids[3]
    assert last is not None
    assert await bot.get_updates(offset=last + 1) == []
    assert await client.pending_updates() == []


async def test_long_poll_wakes_up_when_an_update_arrives(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0)  # let the poll reach the emulator first
    await client.send_text(user, "/start")
    updates = await poll
    assert len(updates) == 1
    message = updates[0].message
    assert message is not None
    assert message.text == "/start"
    assert message.entities is not None
    assert message.entities[0].type == "bot_command"


async def test_long_poll_returns_empty_list_after_timeout(bot: Bot) -> None:
    assert await bot.get_updates(timeout=1) == []


async def test_allowed_updates_filters_new_updates(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    assert await bot.get_updates(allowed_updates=["callback_query"]) == []
    dropped = await client.send_text(user, "not delivered")
    assert dropped.update_id is None
    assert await bot.get_updates(allowed_updates=[]) == []  # [] = every default type
    kept = await client.send_text(user, "delivered")
    assert [u.update_id for u in await bot.get_updates()] == [kept.update_id]


async def test_blocking_produces_my_chat_member(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    await client.set_blocked(user, True)
    updates = await bot.get_updates()
    member = updates[-1].my_chat_member
    assert member is not None
    assert member.old_chat_member.status == "member"
    assert member.new_chat_member.status == "kicked"


async def test_webhook_blocks_get_updates(bot: Bot) -> None:
    with pytest.raises(Exception, match="HTTPS URL must be provided"):
        await bot.set_webhook("http://example.com/hook")
    assert await bot.set_webhook("https://example.com/hook")
    info = await bot.get_webhook_info()
    assert info.url == "https://example.com/hook"
    with pytest.raises(TelegramConflictError) as error:
        await bot.get_updates()
    assert error.value.message == (
        "Conflict: can't use getUpdates method while webhook is active; "
        "use deleteWebhook to delete the webhook first"
    )
    assert await bot.delete_webhook()
    assert await bot.get_updates() == []
    assert (await bot.get_webhook_info()).url == ""


async def test_second_poller_terminates_the_first(bot: Bot, emulator: RunningEmulator) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=30))
    await eventually(lambda: emulator.state.active_poll is not None)  # the first poll waits
    second = asyncio.create_task(bot.get_updates(timeout=1))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await first
    assert await second == []


async def test_delay_is_applied_to_every_answer(
    bot: Bot,
    client: SandboxClient,
    emulator: RunningEmulator,
    user: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await client.configure(delay_ms=50)
    import sandbox.bot_api as bot_api

    delays: list[float] = []
    real_delay = bot_api.network_delay

    async def recording_delay(seconds: float) -> None:
        delays.append(seconds)
        await real_delay(seconds)

    monkeypatch.setattr(bot_api, "network_delay", recording_delay)
    await bot.get_me()
    await bot.send_message(user, "hi")
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0.1)
    await client.send_text(user, "wake up")
    assert len(await poll) == 1  # a delayed long poll still wakes up on the update
    assert delays == [0.05, 0.05, 0.05]
    assert emulator.config.delay_ms == 50
