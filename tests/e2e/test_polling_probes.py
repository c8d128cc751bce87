"""Polling mode with METRICS_PORT, through `kezdesu run` itself (python -m bot run, as
test_stop.py starts it): /metrics, /healthz and /readyz on a small server of their own beside
polling (bot/probes.py), from the start to the end of the stop."""

import asyncio
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from sandbox import EmulatorConfig, RunningEmulator, run_emulator
from sandbox.client import SandboxClient
from storage.db import POOL_SIZE
from tests.conftest import scratch_postgres_database
from tests.e2e.test_stop import bot_environment, free_port
from tests.e2e.test_webhook import BotProcess, get, get_text, running_bot

USER_ID = 7601
# A start takes tens of seconds on a busy machine, most of it importing and migrating.
pytestmark = pytest.mark.timeout(300)


@pytest.fixture
async def emulator() -> AsyncIterator[RunningEmulator]:
    async with run_emulator(EmulatorConfig(rate_limits_enabled=False, delay_ms=1)) as running:
        yield running


def polling_bot(env: dict[str, str], cwd: Path) -> AbstractAsyncContextManager[BotProcess]:
    return running_bot(env, cwd, ready="Run polling")


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_polling_serves_metrics_and_probes_on_metrics_port(
    emulator: RunningEmulator, tmp_path: Path
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with scratch_postgres_database() as database_url:
        env = bot_environment(
            BOT_TOKEN=emulator.bot_token,
            TELEGRAM_API_URL=emulator.url,
            DATABASE_URL=database_url,
            METRICS_PORT=str(port),
        )
        async with SandboxClient(emulator.url) as client, polling_bot(env, tmp_path) as bot:
            assert f"/metrics, /healthz and /readyz on 127.0.0.1:{port}" in bot.log
            await client.add_user(USER_ID, "Aigerim", language_code="kk")
            await client.send_text(USER_ID, "/start")
            await client.wait_for_messages(USER_ID, timeout=60)

            assert await get(f"{base}/healthz") == (200, {"status": "ok"})
            assert await get(f"{base}/readyz") == (200, {"status": "ready"})
            found = samples(await get_text(f"{base}/metrics"))
            log = await bot.stop()
        # Stopped: nothing listens on the port any more.
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0

    assert bot.process.returncode == 0, log
    assert "Traceback" not in log, log
    assert emulator.state.stats.requests["getUpdates"] > 0
    handled = {
        labels: value
        for (name, labels), value in found.items()
        if name == "kezdesu_updates_total" and ("outcome", "ok") in labels
    }
    assert list(handled.values()) == [1], found
    assert found[("kezdesu_outbox_backlog", (("kind", "announcement"),))] == 0
    assert found[("kezdesu_retry_after_seconds_count", (("who", "reply"),))] == 0
    # PostgreSQL's pool, timed: the update and the scrape's backlog count took connections.
    assert found[("kezdesu_db_pool_size", ())] == POOL_SIZE
    assert found[("kezdesu_db_pool_checkout_seconds_count", ())] > 0


async def test_a_metrics_port_already_taken_stops_the_start_with_one_line(
    emulator: RunningEmulator, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = bot_environment(
            BOT_TOKEN=emulator.bot_token,
            TELEGRAM_API_URL=emulator.url,
            DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'k.db'}",
            METRICS_PORT=str(port),
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=tmp_path,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    log = stderr.decode(errors="replace")
    assert process.returncode == 1, log
    assert f"kezdesu: cannot listen on 127.0.0.1:{port}" in log, log
    assert "Traceback" not in log, log
    # Nothing was started before the port was found taken.
    assert emulator.state.stats.requests["getUpdates"] == 0
