"""Webhooks as Telegram delivers them: the secret header, confirmation by a 2xx, redelivery
after anything else (in order within a chat), getWebhookInfo's errors and count."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiohttp import web

from sandbox import EmulatorConfig, RunningEmulator, run_emulator
from sandbox.client import SandboxClient
from tests.sandbox.conftest import eventually, make_bot

OTHER_USER = 5102


@dataclass
class Receiver:
    """The bot's side: records each delivery and answers with the next scripted status."""

    url: str = ""
    deliveries: list[tuple[str | None, dict[str, Any]]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        self.deliveries.append((secret, json.loads(await request.read())))
        status = self.statuses.pop(0) if self.statuses else 200
        return web.json_response({}, status=status)

    def update_ids(self) -> list[int]:
        return [update["update_id"] for _, update in self.deliveries]


@pytest.fixture
def config() -> EmulatorConfig:
    return EmulatorConfig(rate_limits_enabled=False, local_mode=True, webhook_retry_ms=50)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    found = Receiver()
    app = web.Application()
    app.router.add_post("/hook", found.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    found.url = f"http://127.0.0.1:{port}/hook"
    yield found
    await runner.cleanup()


async def test_updates_are_posted_with_the_secret_and_confirmed_by_a_2xx(
    bot: Bot, client: SandboxClient, user: int, receiver: Receiver, emulator: RunningEmulator
) -> None:
    first = await client.send_text(user, "before the webhook")
    assert await bot.set_webhook(
        receiver.url, secret_token="s3cret_-X", allowed_updates=["message"], max_connections=5
    )
    second = await client.send_text(user, "after")
    await eventually(lambda: len(receiver.deliveries) == 2)
    assert {secret for secret, _ in receiver.deliveries} == {"s3cret_-X"}
    assert receiver.update_ids() == [first.update_id, second.update_id]
    assert receiver.deliveries[1][1]["message"]["text"] == "after"
    info = await bot.get_webhook_info()
    assert info.url == receiver.url
    assert info.max_connections == 5
    assert info.allowed_updates == ["message"]
    assert info.last_error_message is None
    await eventually(lambda: not emulator.state.updates)
    assert (await bot.get_webhook_info()).pending_update_count == 0


async def test_a_failed_delivery_is_retried_and_a_chat_keeps_its_order(
    bot: Bot, client: SandboxClient, user: int, receiver: Receiver, emulator: RunningEmulator
) -> None:
    await client.add_user(OTHER_USER, "Dias", language_code="ru")
    # Long enough for the chat's next update to arrive before the refused one is tried again.
    emulator.state.reconfigure({"webhook_retry_ms": 300})
    receiver.statuses = [401]  # the first delivery is refused
    await bot.set_webhook(receiver.url, secret_token="right")
    first = await client.send_text(user, "one")
    await eventually(lambda: len(receiver.deliveries) >= 1)
    second = await client.send_text(user, "two")
    other = await client.send_text(OTHER_USER, "elsewhere")
    await eventually(lambda: len(receiver.deliveries) == 4)

    delivered = receiver.update_ids()
    assert first.update_id is not None and second.update_id is not None
    # The refused update came again, and its chat's next one waited for it; the other chat
    # did not wait.
    assert delivered.count(first.update_id) == 2
    assert delivered.index(second.update_id) > delivered.index(first.update_id, 1)
    assert other.update_id in delivered
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 401 Unauthorized"
    assert info.last_error_date is not None
    assert info.pending_update_count == 0


async def test_an_unreachable_webhook_keeps_the_update_pending(
    bot: Bot, client: SandboxClient, user: int, emulator: RunningEmulator
) -> None:
    await bot.set_webhook("http://127.0.0.1:9/hook")  # the discard port: nobody listens
    await client.send_text(user, "anyone there?")
    await eventually(lambda: emulator.state.stats.webhook_errors >= 2)
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 1
    assert info.last_error_message == "Connection refused"
    # Back to polling: the update is still there.
    assert await bot.delete_webhook()
    assert [u.message.text for u in await bot.get_updates() if u.message] == ["anyone there?"]


async def test_set_webhook_refuses_what_telegram_refuses(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="secret token contains unallowed characters"):
        await bot.set_webhook("https://example.com/hook", secret_token="123:token")
    assert (await bot.get_webhook_info()).url == ""


async def test_drop_pending_updates(
    bot: Bot, client: SandboxClient, user: int, emulator: RunningEmulator
) -> None:
    await client.send_text(user, "old")
    await bot.set_webhook("http://127.0.0.1:9/hook", drop_pending_updates=True)
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 0


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://example.com/hook", "An HTTPS URL must be provided"),
        ("https://example.com:8080/hook", "only on ports 80, 88, 443 or 8443"),
    ],
)
async def test_telegrams_cloud_takes_only_https_on_its_ports(url: str, reason: str) -> None:
    async with run_emulator(EmulatorConfig()) as cloud:
        bot = make_bot(cloud)
        try:
            with pytest.raises(TelegramBadRequest, match=reason):
                await bot.set_webhook(url)
            assert await bot.set_webhook("https://example.com:8443/hook")
        finally:
            await bot.session.close()
