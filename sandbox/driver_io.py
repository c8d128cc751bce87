"""What every route of the driver API shares: JSON in and out, whole numbers checked, and a
DriverError (or a Bot API error the route ran into) answered as a JSON error, never a 500."""

import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox.bot_api import STATE_KEY
from sandbox.errors import ApiError
from sandbox.state import EmulatorState
from sandbox.user_messages import DriverError

RouteHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def reply(data: Any, status: int = 200) -> web.Response:
    return web.json_response(
        data, status=status, dumps=lambda v: json.dumps(v, ensure_ascii=False)
    )


def driver_route(handler: RouteHandler) -> RouteHandler:
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except DriverError as error:
            return reply({"error": error.message}, error.status)
        except ApiError as error:
            return reply({"error": error.description}, error.code)

    return wrapped


async def json_body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError:
        raise DriverError(400, "the body must be a JSON object") from None
    if not isinstance(body, dict):
        raise DriverError(400, "the body must be a JSON object")
    return body


def whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or value is None:
        raise DriverError(400, f"{what} must be an integer")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DriverError(400, f"{what} must be an integer") from None


def state_of(request: web.Request) -> EmulatorState:
    return request.app[STATE_KEY]
