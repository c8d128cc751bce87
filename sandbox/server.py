"""Building and running the emulator's aiohttp application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from sandbox.bot_api import STATE_KEY, setup_bot_api
from sandbox.config import EmulatorConfig
from sandbox.driver_api import setup_driver_api
from sandbox.state import EmulatorState

# aiogram's sendDocument may carry up to 50 MB; a little more so that we can answer 413
# ourselves in the Bot API format.
MAX_REQUEST_BYTES = 52 * 1024 * 1024


async def _on_shutdown(app: web.Application) -> None:
    app[STATE_KEY].close()  # long polls return at once instead of holding the shutdown


def create_app(config: EmulatorConfig | None = None) -> web.Application:
    app = web.Application(client_max_size=MAX_REQUEST_BYTES)
    app[STATE_KEY] = EmulatorState(config or EmulatorConfig())
    setup_bot_api(app)
    setup_driver_api(app)
    app.on_shutdown.append(_on_shutdown)
    return app


@dataclass(frozen=True)
class RunningEmulator:
    url: str
    host: str
    port: int
    app: web.Application

    @property
    def state(self) -> EmulatorState:
        return self.app[STATE_KEY]

    @property
    def config(self) -> EmulatorConfig:
        return self.state.config

    @property
    def bot_token(self) -> str:
        return self.state.config.bot_token


@asynccontextmanager
async def run_emulator(
    config: EmulatorConfig | None = None, *, access_log: bool = False
) -> AsyncIterator[RunningEmulator]:
    """Serve the emulator on ``config.host``/``config.port`` (0 = a free port) while inside."""
    config = config or EmulatorConfig()
    app = create_app(config)
    extra: dict[str, Any] = {} if access_log else {"access_log": None}
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=2.0, **extra)
    await runner.setup()
    try:
        site = web.TCPSite(runner, config.host, config.port)
        await site.start()
        address = runner.addresses[0]
        host, port = str(address[0]), int(address[1])
        shown_host = f"[{host}]" if ":" in host else host
        yield RunningEmulator(f"http://{shown_host}:{port}", host, port, app)
    finally:
        await runner.cleanup()
