"""A stop that comes while the bot is still starting (an operator's Ctrl+C, a test that ends
early) lets the start finish and then stops polling: cancelling the start cut the read of
the handled updates in half, and the session's rollback of the cut read failed the stop. A
start held up past its grace is cut short all the same. (`kezdesu run` itself, stopped while
starting: tests/e2e/test_stop.py.)"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import pytest

from bot import app as app_module
from bot.app import App, build_app
from bot.config import Settings
from bot.local import polling
from bot.redelivery import HandledUpdates
from sandbox.config import EmulatorConfig
from sandbox.server import run_emulator
from services.clock import ManualClock
from tests.e2e.harness import START


@contextlib.asynccontextmanager
async def a_bot(database_url: str) -> AsyncIterator[tuple[App, HandledUpdates]]:
    """A bot against the emulator, not started, and its handled updates (whose read at the
    start the tests hold)."""
    config = EmulatorConfig(rate_limits_enabled=False)
    settings = Settings(_env_file=None, database_url=database_url)
    async with run_emulator(config) as emulator:
        app = build_app(
            settings, token=config.bot_token, api_url=emulator.url, clock=ManualClock(START)
        )
        assert app.handled is not None
        try:
            yield app, app.handled
        finally:
            await app.close()


@pytest.mark.usefixtures("engine")  # the schema
async def test_a_stop_during_the_start_lets_it_finish(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with a_bot(database_url) as (app, handled):
        reading, go_on = asyncio.Event(), asyncio.Event()
        loaded: list[bool] = []
        load = handled.load

        async def held_load() -> None:
            reading.set()
            await go_on.wait()
            await load()
            loaded.append(True)

        monkeypatch.setattr(handled, "load", held_load)
        async with polling(app):
            await reading.wait()
            # The stop begins while the start is reading; the read goes on after.
            asyncio.get_running_loop().call_soon(go_on.set)

    assert loaded == [True]
    assert app.polling.is_set()
    assert not app.dispatcher._running_lock.locked()  # polling stopped, not left running


@pytest.mark.usefixtures("engine")
async def test_a_start_held_up_past_its_grace_is_cut_short(
    database_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(app_module, "START_GRACE_SECONDS", 0.2)
    async with a_bot(database_url) as (app, handled):
        reading, never = asyncio.Event(), asyncio.Event()

        async def stuck_load() -> None:
            reading.set()
            await never.wait()

        monkeypatch.setattr(handled, "load", stuck_load)
        stop = asyncio.Event()
        polling_task = asyncio.create_task(app.poll_until(stop))
        await reading.wait()
        stop.set()
        # Bounded: the grace is 0.2 s.
        await asyncio.wait_for(polling_task, timeout=10)

    assert not app.polling.is_set()
    assert "the start took over 0.2 s and is cut short" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
