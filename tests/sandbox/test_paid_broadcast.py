"""Paid broadcasts: with ``allow_paid_broadcast`` a bot may send up to 1000 messages a second,
beyond the regular limit, for 0.1 Telegram Star a message (Bot API, sendMessage). The
emulator models it as a separate, higher global bucket used only by such requests; the
per-chat limit still holds; requests within the regular limit are free."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter

from sandbox import EmulatorConfig
from sandbox.client import SandboxClient
from sandbox.limits import PaidVerdict, RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def config() -> EmulatorConfig:
    return EmulatorConfig(
        global_rate=1,
        global_burst=2,
        chat_rate=1,
        chat_burst=1,
        paid_broadcast_rate=5,
        paid_broadcast_burst=4,
    )


def test_paid_requests_use_regular_tokens_first_then_pay() -> None:
    clock = FakeClock()
    limiter = RateLimiter(
        global_rate=1,
        global_burst=2,
        chat_rate=1,
        chat_burst=1,
        clock=clock,
        paid_rate=5,
        paid_burst=4,
    )
    assert limiter.check_paid(1) == PaidVerdict("ok")
    assert limiter.check_paid(2) == PaidVerdict("ok")
    # The regular bucket is empty: beyond it, billed.
    assert limiter.check_paid(3) == PaidVerdict("ok", billed=True)
    assert limiter.check_paid(4) == PaidVerdict("ok", billed=True)
    # The paid bucket is empty too.
    assert limiter.check_paid(5) == PaidVerdict("paid", 1)
    # Unpaid requests meanwhile find no regular token.
    assert limiter.check(6) == ("global", 1)
    # The per-chat limit is not lifted by paying.
    clock.now += 10
    assert limiter.check_paid(7) == PaidVerdict("ok")
    assert limiter.check_paid(7) == PaidVerdict("chat", 1)


async def test_paid_broadcast_over_http(bot: Bot, client: SandboxClient) -> None:
    for user_id in range(1, 7):
        await client.add_user(user_id, f"U{user_id}")
    for user_id in (1, 2, 3, 4):
        await bot.send_message(user_id, "hi", allow_paid_broadcast=True)
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(5, "hi", allow_paid_broadcast=True)
    # Without the flag, the regular limit (burst 2, used up) applies.
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(6, "hi")
    stats = await client.stats()
    assert stats["paid_requests"] == 5
    assert stats["paid_billed"] == 2
    assert stats["stars_spent"] == pytest.approx(0.2)
    assert stats["paid_violations"] == 1
    assert stats["global_violations"] == 1
    assert stats["messages_sent"] == 4


async def test_paid_limits_are_configurable_at_run_time(bot: Bot, client: SandboxClient) -> None:
    changed = await client.configure(paid_broadcast_rate=1000, paid_broadcast_burst=1000)
    assert changed["paid_broadcast_rate"] == 1000
    for user_id in range(1, 21):
        await client.add_user(user_id, f"U{user_id}")
        await bot.send_message(user_id, "hi", allow_paid_broadcast=True)
    stats = await client.stats()
    assert stats["paid_requests"] == 20 and stats["rate_limited"] == 0
    with pytest.raises(Exception, match="paid_broadcast_burst must be at least 1"):
        await client.configure(paid_broadcast_burst=0)


async def test_the_flag_is_counted_even_without_flood_control(
    bot: Bot, client: SandboxClient
) -> None:
    await client.configure(rate_limits_enabled=False)
    await client.add_user(1, "U1")
    await bot.send_message(1, "hi", allow_paid_broadcast=True)
    stats = await client.stats()
    assert stats["paid_requests"] == 1 and stats["paid_billed"] == 0
