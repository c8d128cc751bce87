"""The bot and the Bot API emulator together in one process: sandbox mode, end-to-end tests
and benchmarks all run this same pairing."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

from bot.app import App, build_app
from bot.config import Settings
from sandbox.config import EmulatorConfig
from sandbox.server import RunningEmulator, run_emulator
from sandbox.state import EmulatorState
from scheduler.runner import tick
from services.clock import Clock, ShiftedClock

log = logging.getLogger(__name__)


@dataclass
class LocalBot:
    app: App
    emulator: RunningEmulator


@contextlib.asynccontextmanager
async def polling(app: App, *, polling_timeout: int = 10) -> AsyncIterator[App]:
    """The bot polls in the background while inside; stops on the way out as `kezdesu run`
    does (App.poll_until), a start still under way included."""
    stop = asyncio.Event()
    task = asyncio.create_task(app.poll_until(stop, polling_timeout=polling_timeout))
    try:
        yield app
    finally:
        stop.set()
        await task


@contextlib.asynccontextmanager
async def local_bot(
    settings: Settings,
    config: EmulatorConfig,
    *,
    clock: Clock | None = None,
    demo_clock: ShiftedClock | None = None,
    load_sample: bool = True,
    polling_timeout: int = 10,
) -> AsyncIterator[LocalBot]:
    """Start the emulator and the bot polling it; stop both on the way out.

    ``demo_clock`` (sandbox mode only): the bot runs on it, its offset kept with the
    emulator's state, and the chat page may move it forward (driver API ``/_driver/clock``);
    the scheduler ticks every minute on it as on the system clock."""
    if clock is not None and demo_clock is not None:
        raise ValueError("give a clock or a demo clock, not both")
    async with run_emulator(config) as emulator:
        if demo_clock is not None:
            demo_clock.set_offset(timedelta(seconds=max(0.0, emulator.state.clock_offset)))
        app = build_app(
            settings,
            token=config.bot_token,
            api_url=emulator.url,
            clock=demo_clock or clock,
            run_scheduler=True if demo_clock is not None else None,
        )
        if demo_clock is not None:
            follow_demo_clock(emulator.state, app, demo_clock)
        try:
            if load_sample:
                await app.services.localities.load_sample()
            async with polling(app, polling_timeout=polling_timeout):
                yield LocalBot(app=app, emulator=emulator)
        finally:
            await app.close()


def follow_demo_clock(state: EmulatorState, app: App, clock: ShiftedClock) -> None:
    """When the page moves the demo clock, the bot's clock moves with it and the scheduler
    ticks at once: the reminders and duties due by then go out without waiting a minute."""
    state.clock_zone = app.settings.timezone

    async def moved(offset_seconds: float) -> None:
        clock.set_offset(timedelta(seconds=offset_seconds))
        report = await tick(app.services, clock.now())
        log.info(
            "demo clock moved to %s; tasks ran: %s%s",
            clock.now().astimezone(app.settings.tz).isoformat(timespec="minutes"),
            ", ".join(report.ran),
            f"; failed: {', '.join(report.failed)}" if report.failed else "",
        )
        app.sender.wake()

    state.clock_follower = moved
