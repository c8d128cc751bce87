"""Injected faults: the driver makes the next calls of a method fail, so that tests can see
how the bot lives through Telegram's 5xx, slow answers and odd refusals."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError, TelegramServerError

from sandbox.client import SandboxClient, SandboxError


async def test_the_next_calls_fail_then_all_is_well(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    armed = await client.inject_fault("sendMessage", count=2, error_code=502)
    assert armed == [
        {
            "method": "sendMessage",
            "remaining": 2,
            "error_code": 502,
            "description": "Bad Gateway",
            "chat_id": None,
            "delay_ms": 0,
        }
    ]
    for _ in range(2):
        with pytest.raises(TelegramServerError, match="Bad Gateway"):
            await bot.send_message(user, "hi")
    await bot.send_message(user, "hi")
    # Other methods were never affected.
    await bot.get_me()
    stats = await client.stats()
    assert stats["faults_injected"] == 2
    assert stats["errors"] == {"502": 2}
    assert stats["messages_sent"] == 1
    assert await client.faults() == [{**armed[0], "remaining": 0}]


async def test_a_fault_for_one_chat_and_a_slow_answer(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    await client.add_user(2002, "Other")
    await client.inject_fault(
        "sendmessage", error_code=400, description="Bad Request: message is too long", chat_id=2002
    )
    await bot.send_message(user, "not this chat")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(2002, "this one")
    await client.inject_fault("sendMessage", error_code=500, delay_ms=1500)
    with pytest.raises(TelegramNetworkError):
        await bot.send_message(user, "too slow", request_timeout=1)
    await client.clear_faults()
    assert await client.faults() == []


@pytest.mark.parametrize(
    "body",
    [
        {"method": "noSuchMethod"},
        {"method": "sendMessage", "count": 0},
        {"method": "sendMessage", "error_code": 200},
        {"method": "sendMessage", "delay_ms": -1},
    ],
)
async def test_bad_fault_requests_are_refused(
    client: SandboxClient, body: dict[str, object]
) -> None:
    with pytest.raises(SandboxError) as error:
        await client._request("POST", "/_driver/faults", body)
    assert error.value.status == 400
