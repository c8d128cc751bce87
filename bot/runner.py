"""Running the bot: against Telegram, or in sandbox mode against the local emulator."""

import asyncio
import contextlib
import json
import logging
import signal
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path

from bot.app import build_app
from bot.config import Settings
from bot.event_loop import loop_name
from bot.memory import settle_garbage_collector
from services.clock import ShiftedClock
from services.container import Services
from services.localities import ImportReport
from storage.db import create_engine, create_session_factory

SAMPLE_MEETING = Path(__file__).resolve().parent.parent / "storage" / "sample" / "meeting.json"
SANDBOX_ADMIN_ID = 1

log = logging.getLogger(__name__)


async def run_bot(settings: Settings) -> None:
    assert settings.bot_token is not None
    app = build_app(settings, token=settings.bot_token.get_secret_value())
    settle_garbage_collector()
    log.info("event loop: %s", loop_name())
    try:
        # SIGINT and SIGTERM are taken from the first line, so a stop that comes while the bot
        # is still starting is honoured once it has started, in either mode.
        with stop_signals() as stop:
            if settings.webhook_mode:
                await app.serve_webhook(stop)
            else:
                await app.poll_until(stop)
    finally:
        await app.close()


async def run_sandbox(settings: Settings) -> None:
    """No token: start the Bot API emulator, the bot against it, and a web chat page."""
    log.info("event loop: %s", loop_name())
    from bot.local import local_bot
    from sandbox.config import EmulatorConfig

    config = EmulatorConfig(
        host=settings.sandbox.host,
        port=settings.sandbox.port,
        delay_ms=settings.sandbox.delay_ms,
        state_path=str(settings.sandbox_state_file),
    )
    if not settings.admin_ids:
        # Somebody has to be able to create meetings in the sandbox: user 1 of the chat page.
        settings = settings.model_copy(update={"admin_ids": frozenset({SANDBOX_ADMIN_ID})})
    with stop_signals() as stop:
        async with local_bot(settings, config, demo_clock=ShiftedClock()) as local:
            await ensure_sample_meeting(local.app.services)
            settle_garbage_collector()
            print(
                f"\nKezdesu sandbox is running.\n"
                f"  Open {local.emulator.url}/ in a browser and talk to the bot as a citizen.\n"
                f"  User id {min(settings.admin_ids)} is an admin (/newmeeting, /announce).\n"
                f"  The demo clock in the page's header moves time forward.\n"
                f"  Stop with Ctrl+C.\n",
                flush=True,
            )
            await stop.wait()


@contextlib.contextmanager
def stop_signals() -> Iterator[asyncio.Event]:
    """An event set by SIGINT or SIGTERM, from the start: a stop that comes while the bot is
    still starting is honoured once it has started (App.poll_until, App.serve_webhook). Then
    the updates in flight are answered and the sender gives back what it holds."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # a platform without signal handlers
            loop.add_signal_handler(signum, stop.set)
    try:
        yield stop
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(signum)


async def ensure_sample_meeting(services: Services) -> None:
    """An announced meeting in the sample district, so /meetings shows something at once."""
    if await services.meetings.list_recent(limit=1):
        return
    sample = json.loads(SAMPLE_MEETING.read_text(encoding="utf-8"))
    local_day = services.clock.now().astimezone(services.tz).date()
    local_day += timedelta(days=sample["days_ahead"])
    starts_at = datetime.combine(
        local_day, time.fromisoformat(sample["local_time"]), tzinfo=services.tz
    )
    meeting = await services.meetings.create_meeting(
        host_code=sample["host_code"],
        venue_code=sample["host_code"],
        audience_code=sample["host_code"],
        starts_at=starts_at,
        duration_minutes=sample["duration_minutes"],
        place=sample["place"],
        broadcast_url=sample["broadcast_url"],
        created_by=None,
    )
    await services.lifecycle.announce_by_system(meeting.id)


async def import_localities(settings: Settings, path: Path) -> ImportReport:
    from services.localities import LocalityService

    engine = create_engine(settings.database_url)
    try:
        return await LocalityService(create_session_factory(engine)).import_file(path)
    finally:
        await engine.dispose()
