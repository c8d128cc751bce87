"""getMe, getUpdates (long polling) and the webhook methods."""

from __future__ import annotations

import asyncio
import re
from typing import Any
from urllib.parse import urlsplit

from sandbox.api_common import method
from sandbox.errors import ApiError, bad_request
from sandbox.params import Params
from sandbox.state import EmulatorState, PollTicket

WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
WEBHOOK_PORTS = frozenset({80, 88, 443, 8443})
# 1-256 characters, only A-Z, a-z, 0-9, _ and - (Bot API docs, setWebhook).
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


@method("getMe")
async def get_me(state: EmulatorState, params: Params) -> Any:
    return {
        **state.bot_user_json(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@method("getUpdates")
async def get_updates(state: EmulatorState, params: Params) -> Any:
    offset = params.integer("offset", 0) or 0
    limit = min(100, max(1, params.integer("limit", 100) or 100))
    timeout = min(state.config.max_long_poll_seconds, max(0, params.integer("timeout", 0) or 0))
    allowed = params.json("allowed_updates", "can't parse allowed updates JSON object")
    if state.webhook is not None:
        raise ApiError(409, WEBHOOK_CONFLICT)
    if isinstance(allowed, list):
        state.allowed_updates = [str(kind) for kind in allowed]
    if state.active_poll is not None:
        state.active_poll.superseded = True
        state.updates_changed.notify()
    ticket = PollTicket()
    state.active_poll = ticket
    try:
        state.confirm_updates(offset)
        updates = state.pending_updates(offset, limit)
        deadline = asyncio.get_running_loop().time() + timeout
        while not updates and not state.closing:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                break
            await state.updates_changed.wait(remaining)
            if ticket.superseded:
                raise ApiError(409, POLL_CONFLICT)
            if state.webhook is not None:
                raise ApiError(409, WEBHOOK_CONFLICT)
            updates = state.pending_updates(offset, limit)
    finally:
        if state.active_poll is ticket:
            state.active_poll = None
    state.stats.updates_delivered += len(updates)
    return [update.to_json() for update in updates]


@method("setWebhook")
async def set_webhook(state: EmulatorState, params: Params) -> Any:
    url = (params.text("url") or "").strip()
    if not url:
        state.webhook = None
        state.webhook_secret = None
        return True
    local = state.config.local_mode
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if not (scheme == "https" or (local and scheme == "http")) or not parts.hostname:
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if not local and (parts.port or 443) not in WEBHOOK_PORTS:
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
    secret = params.text("secret_token") or ""
    if secret and not SECRET_TOKEN.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    allowed = params.json("allowed_updates", "can't parse allowed updates JSON object")
    if isinstance(allowed, list):
        state.allowed_updates = [str(kind) for kind in allowed]
    if params.flag("drop_pending_updates"):
        state.updates.clear()
    # 1-100, 40 by default (Bot API docs); a local server allows up to 100000.
    most = 100_000 if local else 100
    connections = min(most, max(1, params.integer("max_connections", 40) or 40))
    state.webhook = {
        "url": url,
        "max_connections": connections,
        "has_custom_certificate": False,
    }
    state.webhook_secret = secret or None
    state.updates_changed.notify()  # a waiting getUpdates now fails with 409; delivery starts
    return True


@method("deleteWebhook")
async def delete_webhook(state: EmulatorState, params: Params) -> Any:
    state.webhook = None
    state.webhook_secret = None
    if params.flag("drop_pending_updates"):
        state.updates.clear()
    return True


@method("getWebhookInfo")
async def get_webhook_info(state: EmulatorState, params: Params) -> Any:
    info: dict[str, Any] = {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates),
    }
    if state.webhook is not None:
        info.update(state.webhook)
        if state.allowed_updates:
            info["allowed_updates"] = list(state.allowed_updates)
    return info


@method("logOut")
async def log_out(state: EmulatorState, params: Params) -> Any:
    return True


@method("close")
async def close(state: EmulatorState, params: Params) -> Any:
    return True
