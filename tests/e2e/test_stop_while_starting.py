"""A stop that comes while the bot is still starting (the sandbox's Ctrl+C, a test that ends
early) lets the start finish and then stops polling: cancelling the start cut the read of
the handled updates in half, and the session's rollback of the cut read failed the stop."""

import asyncio

import pytest

from bot.app import build_app
from bot.config import Settings
from bot.local import polling
from sandbox.config import EmulatorConfig
from sandbox.server import run_emulator
from services.clock import ManualClock
from tests.e2e.harness import START


@pytest.mark.usefixtures("engine")  # the schema
async def test_a_stop_during_the_start_lets_it_finish(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = EmulatorConfig(rate_limits_enabled=False)
    settings = Settings(_env_file=None, database_url=database_url)
    async with run_emulator(config) as emulator:
        app = build_app(
            settings, token=config.bot_token, api_url=emulator.url, clock=ManualClock(START)
        )
        handled = app.handled
        assert handled is not None
        reading, go_on = asyncio.Event(), asyncio.Event()
        loaded: list[bool] = []
        load = handled.load

        async def held_load() -> None:
            reading.set()
            await go_on.wait()
            await load()
            loaded.append(True)

        monkeypatch.setattr(handled, "load", held_load)
        try:
            async with polling(app):
                await reading.wait()
                # The stop begins while the start is reading; the read goes on after.
                asyncio.get_running_loop().call_soon(go_on.set)
        finally:
            await app.close()

    assert loaded == [True]
    assert app.polling.is_set()
    assert not app.dispatcher._running_lock.locked()  # polling stopped, not left running
