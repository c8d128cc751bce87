"""Building and running the emulator's aiohttp application."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from sandbox.bot_api import STATE_KEY, setup_bot_api
from sandbox.config import EmulatorConfig
from sandbox.driver_api import setup_driver_api
from sandbox.persist import StateFile
from sandbox.state import EmulatorState
from sandbox.webhook import webhook_delivery

STATE_FILE_KEY = web.AppKey("sandbox_state_file", StateFile)

# aiogram's sendDocument may carry up to 50 MB; a little more so that we can answer 413
# ourselves in the Bot API format.
MAX_REQUEST_BYTES = 52 * 1024 * 1024


async def _on_shutdown(app: web.Application) -> None:
    app[STATE_KEY].close()  # long polls return at once instead of holding the shutdown


async def _save_on_cleanup(app: web.Application) -> None:
    await app[STATE_FILE_KEY].close()


@web.middleware
async def _saves_changes(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Every request but a look (GET of the driver API or the page) may change the state:
    the state file saves it soon after (debounced, and only when it did change)."""
    try:
        return await handler(request)
    finally:
        looked = request.method == "GET" and (
            request.path == "/" or request.path.startswith(("/_driver/", "/file/"))
        )
        if not looked:
            request.app[STATE_FILE_KEY].touch()


def create_app(config: EmulatorConfig | None = None) -> web.Application:
    config = config or EmulatorConfig()
    state = EmulatorState(config)
    middlewares = []
    if config.state_path is not None:
        state_file = StateFile(state, Path(config.state_path))
        state_file.load()
        middlewares.append(_saves_changes)
    app = web.Application(client_max_size=MAX_REQUEST_BYTES, middlewares=middlewares)
    app[STATE_KEY] = state
    if config.state_path is not None:
        app[STATE_FILE_KEY] = state_file
        app.on_cleanup.append(_save_on_cleanup)
    setup_bot_api(app)
    setup_driver_api(app)
    app.cleanup_ctx.append(webhook_delivery)
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
