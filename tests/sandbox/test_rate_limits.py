"""Flood control: token buckets, 429 with retry_after, statistics."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter
from aiogram.types import BufferedInputFile

from sandbox import EmulatorConfig
from sandbox.client import SandboxClient
from sandbox.limits import RateLimiter, TokenBucket, retry_after


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def config() -> EmulatorConfig:
    return EmulatorConfig(chat_rate=0.5, chat_burst=2, global_rate=1.0, global_burst=3)


def test_token_bucket_refills_at_its_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(rate=2.0, burst=2, clock=clock)
    bucket.take()
    bucket.take()
    assert bucket.wait_time() == pytest.approx(0.5)
    clock.now += 0.25
    assert bucket.wait_time() == pytest.approx(0.25)
    clock.now += 10
    assert bucket.wait_time() == 0
    bucket.take()
    bucket.take()
    assert bucket.wait_time() > 0  # capped at burst, however long it waited


def test_retry_after_is_a_whole_number_of_seconds_at_least_one() -> None:
    assert retry_after(0.01) == 1
    assert retry_after(1.0) == 1
    assert retry_after(1.2) == 2


def test_limiter_reports_which_bucket_refused() -> None:
    clock = FakeClock()
    limiter = RateLimiter(global_rate=1, global_burst=3, chat_rate=1, chat_burst=2, clock=clock)
    assert limiter.check(1) == ("ok", 0)
    assert limiter.check(1) == ("ok", 0)
    assert limiter.check(1) == ("chat", 1)
    assert limiter.check(2) == ("ok", 0)
    assert limiter.check(3) == ("global", 1)  # a refused send takes no token anywhere
    clock.now += 1
    assert limiter.check(3) == ("ok", 0)


async def test_per_chat_limit_raises_retry_after(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    await bot.send_message(user, "1")
    await bot.send_document(user, BufferedInputFile(b"x", filename="a.txt"))
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(user, "3")
    assert error.value.retry_after == 2  # one token at 0.5/s
    assert "Original description: Too Many Requests: retry after 2" in error.value.message
    stats = await client.stats()
    assert stats["rate_limited"] == 1
    assert stats["chat_violations"] == 1
    assert stats["chat_violations_by_chat"] == {str(user): 1}
    assert stats["requests"]["sendMessage"] == 2
    assert stats["errors"] == {"429": 1}
    await client.reset_stats()
    assert (await client.stats())["rate_limited"] == 0


async def test_global_limit_across_chats(bot: Bot, client: SandboxClient) -> None:
    for user_id in (1, 2, 3, 4):
        await client.add_user(user_id, f"U{user_id}")
    for user_id in (1, 2, 3):
        await bot.send_message(user_id, "hi")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(4, "hi")
    stats = await client.stats()
    assert stats["global_violations"] == 1
    assert stats["chat_violations"] == 0


async def test_limits_can_be_changed_at_run_time(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    await client.configure(rate_limits_enabled=False)
    for i in range(10):
        await bot.send_message(user, str(i))
    await client.configure(rate_limits_enabled=True, chat_burst=1, chat_rate=0.1)
    await bot.send_message(user, "one")
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(user, "two")
    assert error.value.retry_after == 10
    assert (await client.config())["chat_burst"] == 1


def test_the_bursts_default_to_a_second_globally_and_three_per_chat() -> None:
    defaults = EmulatorConfig()
    assert (defaults.global_burst, defaults.chat_burst, defaults.paid_broadcast_burst) == (
        30,
        3,
        1000,
    )


def test_every_burst_can_be_set_in_seconds_of_its_rate() -> None:
    small = EmulatorConfig().with_burst_seconds(0.1)
    assert (small.global_burst, small.chat_burst, small.paid_broadcast_burst) == (3, 1, 100)
    # The rates stay; a bucket holds at least one message, or nothing could pass.
    assert (small.global_rate, small.chat_rate, small.paid_broadcast_rate) == (30, 1, 1000)
    with pytest.raises(ValueError, match="burst must be positive"):
        EmulatorConfig().with_burst_seconds(0)


def test_the_command_line_sets_the_bursts() -> None:
    from sandbox.__main__ import parse_args

    args = parse_args(["--global-burst", "4", "--chat-burst", "2", "--paid-burst", "50"])
    assert (args.global_burst, args.chat_burst, args.paid_broadcast_burst) == (4, 2, 50)
    assert parse_args([]).global_burst == EmulatorConfig().global_burst


def test_a_small_global_burst_refuses_the_fourth_message_at_once() -> None:
    clock = FakeClock()
    config = EmulatorConfig().with_burst_seconds(0.1)
    limiter = RateLimiter(
        config.global_rate, config.global_burst, config.chat_rate, config.chat_burst, clock
    )
    assert [limiter.check(chat)[0] for chat in range(4)] == ["ok", "ok", "ok", "global"]
    clock.now += 0.04  # a little more than one token's time at 30/s
    assert limiter.check(5)[0] == "ok"
