"""Webhook mode through `kezdesu run` itself (python -m bot run, as test_stop.py starts it):
the emulator posts updates to the bot's own server as Telegram does (sandbox/webhook.py).

An update is answered only once it is durably taken (bot/webhook.py): a crash before that is
redelivered and handled once; a request without the secret gets 401 and changes nothing; a
stop lets the update in flight reply and leaves the webhook set.
"""

import asyncio
import contextlib
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

from sandbox import EmulatorConfig, RunningEmulator, bot_api, run_emulator
from sandbox.client import SandboxClient
from tests.conftest import POSTGRES_URL, scratch_postgres_database
from tests.e2e.test_stop import bot_environment, free_port
from tests.sandbox.conftest import eventually

USER_ID = 7501
SECRET = "kezdesu-test-secret_1"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Each test starts `kezdesu run` (a crash test three times): on a busy machine a start takes
# tens of seconds, most of it importing and migrating.
pytestmark = pytest.mark.timeout(300)
STARTUP_SECONDS = 120


class BotProcess:
    """`kezdesu run` in webhook mode; its log is read as it comes (a full pipe would stall it)."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.log = ""
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process.stderr is not None
        while line := await self.process.stderr.readline():
            self.log += line.decode(errors="replace")

    async def wait_for_log(self, text: str, timeout: float = STARTUP_SECONDS) -> None:  # noqa: ASYNC109
        async with asyncio.timeout(timeout):
            while text not in self.log:
                assert self.process.returncode is None, f"kezdesu run ended:\n{self.log}"
                await asyncio.sleep(0.02)

    async def stop(self, signum: int = signal.SIGTERM) -> str:
        """Send ``signum``; the whole log once the process has ended."""
        if self.process.returncode is None:
            self.process.send_signal(signum)
        await asyncio.wait_for(self.process.wait(), timeout=60)
        await self._reader
        return self.log


def webhook_bot(env: dict[str, str], cwd: Path) -> AbstractAsyncContextManager[BotProcess]:
    return running_bot(env, cwd, ready="webhook mode: listening")


@contextlib.asynccontextmanager
async def running_bot(env: dict[str, str], cwd: Path, *, ready: str) -> AsyncIterator[BotProcess]:
    """`kezdesu run` (python -m bot run) in ``cwd``, once its log says ``ready``; killed on
    the way out if the test has not stopped it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=cwd,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    running = BotProcess(process)
    try:
        await running.wait_for_log(ready)
        yield running
    finally:
        if process.returncode is None:
            process.kill()
        await running.stop(signal.SIGKILL)


def webhook_environment(
    emulator: RunningEmulator, port: int, database_url: str, **settings: str
) -> dict[str, str]:
    return bot_environment(
        BOT_TOKEN=emulator.bot_token,
        TELEGRAM_API_URL=emulator.url,
        DATABASE_URL=database_url,
        WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/updates",
        WEBHOOK_PORT=str(port),
        WEBHOOK_SECRET=SECRET,
        **settings,
    )


@pytest.fixture
async def emulator() -> AsyncIterator[RunningEmulator]:
    # As a local Bot API server, so that the webhook may be plain HTTP on a test's port; a
    # second between a failed delivery and the next try (Telegram waits longer).
    config = EmulatorConfig(
        rate_limits_enabled=False, local_mode=True, webhook_retry_ms=200, delay_ms=1
    )
    async with run_emulator(config) as running:
        yield running


async def replies(client: SandboxClient) -> list[Any]:
    """The bot's messages in the chat, once there is one (a minute at most: the bot is
    another process on a machine that may be busy)."""
    await client.wait_for_messages(USER_ID, timeout=60)
    return await client.current_messages(USER_ID, sender="bot")


async def get(url: str) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status, await response.json()


async def get_text(url: str) -> str:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        assert response.status == 200
        return await response.text()


async def post(url: str, body: dict[str, Any], headers: dict[str, str]) -> int:
    async with aiohttp.ClientSession() as http, http.post(url, json=body, headers=headers) as r:
        return r.status


async def test_webhook_mode_answers_and_is_healthy(
    emulator: RunningEmulator, tmp_path: Path
) -> None:
    port = free_port()
    env = webhook_environment(emulator, port, f"sqlite+aiosqlite:///{tmp_path / 'k.db'}")
    async with SandboxClient(emulator.url) as client, webhook_bot(env, tmp_path) as bot:
        webhook = emulator.state.webhook
        assert webhook is not None
        assert webhook["url"] == f"http://127.0.0.1:{port}/telegram/updates"
        assert webhook["max_connections"] == 40
        assert emulator.state.webhook_secret == SECRET
        # allowed_updates from the routers: what the bot handles, not every kind.
        allowed = emulator.state.allowed_updates
        assert allowed is not None and {"message", "callback_query"} <= set(allowed)
        assert "chat_member" not in allowed

        await client.add_user(USER_ID, "Aigerim", language_code="kk")
        await client.send_text(USER_ID, "/start")
        assert await replies(client)
        await eventually(lambda: not emulator.state.updates, attempts=3000)

        assert await get(f"http://127.0.0.1:{port}/healthz") == (200, {"status": "ok"})
        assert await get(f"http://127.0.0.1:{port}/readyz") == (200, {"status": "ready"})
        metrics = await get_text(f"http://127.0.0.1:{port}/metrics")
        handled = [
            line
            for line in metrics.splitlines()
            if line.startswith("kezdesu_updates_total{") and 'outcome="ok"' in line
        ]
        assert len(handled) == 1 and handled[0].endswith(" 1.0"), metrics
        assert 'kezdesu_outbox_backlog{kind="announcement"} 0.0' in metrics
        assert "kezdesu_sender_rate_limited_total 0.0" in metrics
        log = await bot.stop()
    assert bot.process.returncode == 0, log
    assert "Traceback" not in log, log
    assert emulator.state.stats.requests["getUpdates"] == 0


async def test_a_request_without_the_secret_gets_401_and_changes_nothing(
    emulator: RunningEmulator, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/updates"
    env = webhook_environment(emulator, port, f"sqlite+aiosqlite:///{tmp_path / 'k.db'}")
    async with SandboxClient(emulator.url) as client, webhook_bot(env, tmp_path) as bot:
        await client.add_user(USER_ID, "Aigerim", language_code="kk")
        # A forged /start, with the update_id Telegram will give the real one next.
        person = {"id": USER_ID, "is_bot": False, "first_name": "Aigerim"}
        forged = {
            "update_id": emulator.state.next_update_id,
            "message": {
                "message_id": 1,
                "date": 1_700_000_000,
                "chat": {"id": USER_ID, "type": "private", "first_name": "Aigerim"},
                "from": person,
                "text": "/start",
            },
        }
        assert await post(url, forged, {SECRET_HEADER: "wrong"}) == 401
        assert await post(url, forged, {}) == 401
        assert await client.current_messages(USER_ID, sender="bot") == []
        assert f"update={forged['update_id']} " not in bot.log

        # The real update with that id is not taken for a copy: it is handled.
        real = await client.send_text(USER_ID, "/start")
        assert real.update_id == forged["update_id"]
        assert len(await replies(client)) == 1
        log = await bot.stop()
    assert log.count(f"update={forged['update_id']} ") == 1, log


@pytest.mark.timeout(600)
async def test_a_crash_before_the_answer_is_redelivered_and_handled_once(
    emulator: RunningEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/updates"
    env = webhook_environment(emulator, port, f"sqlite+aiosqlite:///{tmp_path / 'k.db'}")
    state = emulator.state
    # While ``held`` is set, the bot's requests never reach "Telegram": the process dies with
    # its reply on the wire.
    held = asyncio.Event()
    caught = asyncio.Event()
    forever = asyncio.Event()

    async def on_the_wire(seconds: float) -> None:
        if held.is_set():
            caught.set()
            await forever.wait()

    monkeypatch.setattr(bot_api, "network_delay", on_the_wire)
    async with SandboxClient(emulator.url) as client:
        await client.add_user(USER_ID, "Aigerim", language_code="kk")
        async with webhook_bot(env, tmp_path) as first:
            held.set()
            start = await client.send_text(USER_ID, "/start")
            await asyncio.wait_for(caught.wait(), timeout=60)
            first.process.kill()  # kill -9, mid-update
            await first.stop(signal.SIGKILL)
        held.clear()
        await eventually(lambda: state.stats.webhook_errors > 0, attempts=3000)
        assert [u.update_id for u in state.updates] == [start.update_id]
        assert state.webhook is not None and state.webhook["last_error_message"]

        # Back up: Telegram's redelivery is handled, once.
        async with webhook_bot(env, tmp_path) as second:
            assert len(await replies(client)) == 1
            await eventually(lambda: not state.updates, attempts=3000)
            # Answered means written: killed at once, the next instance still knows it.
            second.process.kill()
            second_log = await second.stop(signal.SIGKILL)
        assert second_log.count(f"update={start.update_id} ") == 1, second_log

        async with webhook_bot(env, tmp_path) as third:
            copy = {"update_id": start.update_id, "message": start.message}
            assert await post(url, copy, {SECRET_HEADER: SECRET}) == 200
            third_log = await third.stop()
        assert "delivered again: already handled, skipped" in third_log, third_log
        assert len(await client.current_messages(USER_ID, sender="bot")) == 1


async def test_sigterm_lets_the_reply_in_flight_arrive_and_keeps_the_webhook(
    emulator: RunningEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    env = webhook_environment(emulator, port, f"sqlite+aiosqlite:///{tmp_path / 'k.db'}")
    state = emulator.state
    slow = asyncio.Event()
    arrived = 0

    async def counted_delay(seconds: float) -> None:
        # Once the bot is up, a second on every answer: its reply is in flight that long.
        nonlocal arrived
        if slow.is_set():
            arrived += 1
            await asyncio.sleep(1.0)

    monkeypatch.setattr(bot_api, "network_delay", counted_delay)
    async with SandboxClient(emulator.url) as client, webhook_bot(env, tmp_path) as bot:
        await client.add_user(USER_ID, "Aigerim", language_code="kk")
        slow.set()
        await client.send_text(USER_ID, "/start")
        await eventually(lambda: arrived >= 1, attempts=6000)
        log = await bot.stop(signal.SIGTERM)
        assert await client.current_messages(USER_ID, sender="bot"), "the reply never arrived"

    assert bot.process.returncode == 0, log
    assert "Traceback" not in log, log
    assert "outcome=ok" in log, log
    # The update was answered before the process ended: Telegram does not send it again.
    assert not state.updates
    assert state.stats.requests["deleteWebhook"] == 0
    assert state.webhook is not None


async def test_readyz_fails_when_the_database_is_gone(
    emulator: RunningEmulator, tmp_path: Path
) -> None:
    port = free_port()
    async with scratch_postgres_database() as database_url:
        env = webhook_environment(emulator, port, database_url)
        async with webhook_bot(env, tmp_path) as bot:
            ready = f"http://127.0.0.1:{port}/readyz"
            assert await get(ready) == (200, {"status": "ready"})

            await drop_database(database_url)
            status, body = await get(ready)
            assert status == 503
            assert body["status"] == "not ready"
            assert body["reasons"][0].startswith("database: "), body
            # Alive all the same: an orchestrator must not restart it for the database.
            assert await get(f"http://127.0.0.1:{port}/healthz") == (200, {"status": "ok"})
            await bot.stop()


async def drop_database(url: str) -> None:
    name = make_url(url).database
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()
