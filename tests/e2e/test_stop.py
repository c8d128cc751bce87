"""Stopping `kezdesu run` itself, as an operator does (SIGTERM from systemd or docker): the
process as production starts it, not a test's own wiring of the app.

With a token, the person who wrote a moment before the stop gets the whole answer: the bot's
HTTP session stays open until the updates in flight are answered (bot/app.py). In sandbox mode
the same stop runs: the bot and the sender shut down and the process ends cleanly.
"""

import asyncio
import contextlib
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from deploy.topology import bot_environment as topology_environment
from deploy.topology import free_port
from sandbox import EmulatorConfig, RunningEmulator, bot_api, run_emulator
from sandbox.client import SandboxClient
from tests.sandbox.conftest import eventually

USER_ID = 7301


def bot_environment(**settings: str) -> dict[str, str]:
    """This process's environment without the developer's own settings, plus ``settings``
    (LOG_LEVEL INFO unless given): deploy/topology.py's, for one bot."""
    return topology_environment({"LOG_LEVEL": "INFO", **settings})


@contextlib.asynccontextmanager
async def kezdesu_run(cwd: Path, env: dict[str, str]) -> AsyncIterator[asyncio.subprocess.Process]:
    """`kezdesu run` (python -m bot run) in ``cwd``, an empty folder (no .env is read)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=cwd,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def stopped(process: asyncio.subprocess.Process) -> str:
    """SIGTERM, then the process's whole log once it has ended."""
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    return stderr.decode(errors="replace")


@pytest.fixture
async def slow_emulator() -> AsyncIterator[RunningEmulator]:
    # A second on every answer: the reply to an update is in flight for that long.
    async with run_emulator(EmulatorConfig(rate_limits_enabled=False, delay_ms=1000)) as emulator:
        yield emulator


async def test_sigterm_lets_the_reply_in_flight_arrive(
    slow_emulator: RunningEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = bot_environment(
        BOT_TOKEN=slow_emulator.bot_token,
        TELEGRAM_API_URL=slow_emulator.url,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'kezdesu.db'}",
    )
    stats = slow_emulator.state.stats
    # Requests that have reached the emulator and wait for their answer (a second).
    arrived = 0

    async def counted_delay(seconds: float) -> None:
        nonlocal arrived
        arrived += 1
        await asyncio.sleep(seconds)

    monkeypatch.setattr(bot_api, "network_delay", counted_delay)
    async with (
        SandboxClient(slow_emulator.url) as client,
        kezdesu_run(tmp_path, env) as process,
    ):
        await client.add_user(USER_ID, "Aigerim", language_code="kk")
        # Polling: one getUpdates waits for an update.
        await eventually(lambda: stats.requests["getUpdates"] > 0, attempts=3000)
        before = arrived
        await client.send_text(USER_ID, "/start")
        # The waiting getUpdates returns the update; the bot asks for the next ones and sends
        # its reply: two requests in flight. Stop now, while the reply is on its way.
        await eventually(lambda: arrived >= before + 2, attempts=3000)
        log = await stopped(process)
        replies = await client.current_messages(USER_ID, sender="bot")

    assert process.returncode == 0, log
    assert "Traceback" not in log, log
    # As production runs: on uvloop, a dependency wherever the tests run (bot/event_loop.py).
    assert "event loop: uvloop" in log, log
    # The update's log line: handled to the end, and said once (not again by aiogram).
    assert log.count("update=1 ") == 1, log
    assert "outcome=ok" in log, log
    assert "Update id=1 is handled" not in log, log
    assert replies, "the reply to /start never arrived"


async def test_sigterm_while_starting_lets_the_start_finish_then_stops(
    slow_emulator: RunningEmulator, tmp_path: Path
) -> None:
    """With a token, SIGTERM while the bot is still setting its menus (each request a second):
    the start finishes, polling stops at once, the shutdown runs, the process ends cleanly.
    Before, the signal came before aiogram's handlers and ended the process where it stood."""
    env = bot_environment(
        BOT_TOKEN=slow_emulator.bot_token,
        TELEGRAM_API_URL=slow_emulator.url,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'kezdesu.db'}",
    )
    stats = slow_emulator.state.stats
    async with kezdesu_run(tmp_path, env) as process:
        # The start's first request (the citizens' menu) has reached the emulator.
        await eventually(lambda: stats.requests["setMyCommands"] > 0, attempts=3000)
        assert stats.requests["getUpdates"] == 0
        log = await stopped(process)

    assert process.returncode == 0, log
    assert "Traceback" not in log, log
    # The start went on to its end (every menu set, polling begun), then the stop ran.
    assert stats.requests["setMyCommands"] == 4, log
    assert "outbox sender stopped" in log, log


async def test_sigterm_stops_sandbox_mode_cleanly(tmp_path: Path) -> None:
    env = bot_environment(SANDBOX__PORT=str(free_port()))
    async with kezdesu_run(tmp_path, env) as process:
        assert process.stderr is not None
        # Up: the emulator, and the bot polling it with its sender.
        started = ""
        while "Run polling" not in started:
            line = await asyncio.wait_for(process.stderr.readline(), timeout=60)
            assert line, f"kezdesu run ended while starting: {started}"
            started += line.decode(errors="replace")
        log = started + await stopped(process)

    assert process.returncode == 0, log
    # The shutdown ran: the sender reports when it stops.
    assert "outbox sender stopped" in log, log
    assert "Traceback" not in log, log
