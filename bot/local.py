"""The bot and the Bot API emulator together in one process: sandbox mode, end-to-end tests
and benchmarks all run this same pairing."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from bot.app import App, build_app
from bot.config import Settings
from sandbox.config import EmulatorConfig
from sandbox.server import RunningEmulator, run_emulator
from services.clock import Clock


@dataclass
class LocalBot:
    app: App
    emulator: RunningEmulator


@contextlib.asynccontextmanager
async def polling(app: App, *, polling_timeout: int = 10) -> AsyncIterator[App]:
    """The bot polls in the background while inside; stops cleanly on the way out."""
    task = asyncio.create_task(
        app.start_polling(handle_signals=False, polling_timeout=polling_timeout)
    )
    try:
        yield app
    finally:
        await _stop(app, task)


@contextlib.asynccontextmanager
async def local_bot(
    settings: Settings,
    config: EmulatorConfig,
    *,
    clock: Clock | None = None,
    load_sample: bool = True,
    polling_timeout: int = 10,
) -> AsyncIterator[LocalBot]:
    """Start the emulator and the bot polling it; stop both on the way out."""
    async with run_emulator(config) as emulator:
        app = build_app(settings, token=config.bot_token, api_url=emulator.url, clock=clock)
        try:
            if load_sample:
                await app.services.localities.load_sample()
            async with polling(app, polling_timeout=polling_timeout):
                yield LocalBot(app=app, emulator=emulator)
        finally:
            await app.close()


async def _stop(app: App, task: asyncio.Task[None]) -> None:
    try:
        await app.dispatcher.stop_polling()
    except RuntimeError:
        # Stopped before polling had even started.
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.wait_for(task, timeout=15)
