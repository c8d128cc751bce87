"""The Bot API surface: ``/bot<token>/<method>`` and ``/file/bot<token>/<path>``."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from aiohttp import web

from sandbox import (  # noqa: F401  (importing registers the methods)
    api_callbacks,
    api_channels,
    api_media,
    api_messages,
    api_settings,
    api_updates,
)
from sandbox.api_common import METHODS
from sandbox.errors import NOT_FOUND, UNAUTHORIZED, ApiError
from sandbox.params import Params, read_params
from sandbox.state import EmulatorState

log = logging.getLogger("sandbox.bot_api")
STATE_KEY = web.AppKey("sandbox_state", EmulatorState)


async def network_delay(seconds: float) -> None:
    """Stands in for the network round trip (``delay_ms``); tests may replace it."""
    await asyncio.sleep(seconds)


def _answer(body: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(body, status=status, dumps=_dumps)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _error(state: EmulatorState, error: ApiError) -> web.Response:
    state.stats.errors[str(error.code)] += 1
    return _answer(error.to_json(), error.code)


async def injected_fault(state: EmulatorState, name: str, params: Params) -> None:
    """Answer with an injected fault (driver API ``/_driver/faults``) when one matches."""
    if not state.faults:
        return
    chat_id = params.integer("chat_id")
    fault = state.take_fault(name, chat_id)
    if fault is None:
        return
    if fault.delay_ms > 0:
        await network_delay(fault.delay_ms / 1000)
    raise ApiError(fault.error_code, fault.description)


async def handle_method(request: web.Request) -> web.Response:
    state = request.app[STATE_KEY]
    delay = state.config.delay_ms
    if delay > 0:
        await network_delay(delay / 1000)
    if request.match_info["token"] != state.config.bot_token:
        return _error(state, UNAUTHORIZED)
    entry = METHODS.get(request.match_info["method"].lower())
    if entry is None:
        return _error(state, NOT_FOUND)
    name, handler = entry
    state.stats.requests[name] += 1
    try:
        params = await read_params(request)
        await injected_fault(state, name, params)
        result = await handler(state, params)
    except ApiError as error:
        return _error(state, error)
    except web.HTTPRequestEntityTooLarge:
        return _error(state, ApiError(413, "Request Entity Too Large"))
    except Exception:  # an emulator bug must still answer in the Bot API format
        log.exception("internal error in %s", name)
        return _error(state, ApiError(500, "Internal Server Error"))
    return _answer({"ok": True, "result": result})


async def handle_file(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE_KEY]
    if request.match_info["token"] != state.config.bot_token:
        return _error(state, UNAUTHORIZED)
    stored = state.files.by_path.get(request.match_info["path"])
    if stored is None:
        return _error(state, NOT_FOUND)
    return web.Response(
        body=stored.data, content_type=stored.mime_type or "application/octet-stream"
    )


def setup_bot_api(app: web.Application) -> None:
    app.router.add_route("*", "/bot{token}/{method}", handle_method)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_file)
