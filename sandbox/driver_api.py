"""The driver API under ``/_driver/``: how tests, the web chat and benchmarks act as users.

JSON in, JSON out; errors are ``{"error": "..."}`` with a 4xx status.
"""

from __future__ import annotations

import asyncio
import bisect
import calendar
import time as time_module
from datetime import date, datetime, time, timedelta
from http import HTTPStatus
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from sandbox.api_common import METHODS
from sandbox.api_settings import effective_commands, scope_key
from sandbox.driver_channels import setup_channel_routes
from sandbox.driver_io import driver_route, json_body, reply, state_of, whole
from sandbox.state import BOT_EVENT_TYPES, ChatEvent, ChatRecord, EmulatorState, Fault, Stats
from sandbox.user_messages import DriverError, user_presses, user_sends

MAX_WAIT_SECONDS = 60.0
STATIC_DIR = Path(__file__).parent / "static"


def _chat(request: web.Request) -> ChatRecord:
    chat_id = whole(request.match_info["chat_id"], "chat_id")
    chat = state_of(request).chats.get(chat_id)
    if chat is None:
        raise DriverError(404, f"unknown chat {chat_id}")
    return chat


# --- users ---------------------------------------------------------------------------------


@driver_route
async def add_user(request: web.Request) -> web.StreamResponse:
    body = await json_body(request)
    user_id = whole(body.get("id"), "id")
    if user_id <= 0:
        raise DriverError(400, "id must be positive (private chat id == user id)")
    first_name = str(body.get("first_name") or "").strip()
    if not first_name:
        raise DriverError(400, "first_name is required")

    def optional(key: str) -> str | None:
        value = body.get(key)
        return str(value) if value not in (None, "") else None

    user = state_of(request).add_user(
        user_id,
        first_name,
        optional("last_name"),
        optional("username"),
        optional("language_code"),
    )
    return reply({"user": user.to_json(), "chat_id": user.id, "blocked": user.blocked})


@driver_route
async def list_users(request: web.Request) -> web.StreamResponse:
    users = state_of(request).users.values()
    return reply({"users": [{**u.to_json(), "blocked": u.blocked} for u in users]})


@driver_route
async def set_blocked(request: web.Request) -> web.StreamResponse:
    state = state_of(request)
    user_id = whole(request.match_info["user_id"], "user_id")
    user = state.users.get(user_id)
    if user is None:
        raise DriverError(404, f"unknown user {user_id}")
    blocked = (await json_body(request)).get("blocked")
    if not isinstance(blocked, bool):
        raise DriverError(400, "blocked must be true or false")
    update_id = state.set_blocked(user, blocked)
    return reply({"blocked": user.blocked, "update_id": update_id})


# --- acting as a user ----------------------------------------------------------------------


@driver_route
async def send_message(request: web.Request) -> web.StreamResponse:
    body = await json_body(request)
    user_id = whole(body.get("user_id"), "user_id")
    delivered = user_sends(state_of(request), user_id, body)
    return reply(
        {
            "update_id": delivered.update_id,
            "message_id": delivered.message_id,
            "message": delivered.message,
        }
    )


@driver_route
async def press(request: web.Request) -> web.StreamResponse:
    body = await json_body(request)
    user_id = whole(body.get("user_id"), "user_id")
    message_id = whole(body.get("message_id"), "message_id")
    data = body.get("data")
    if not isinstance(data, str):
        raise DriverError(400, "data must be a string")
    delivered = user_presses(state_of(request), user_id, message_id, data)
    return reply(
        {"update_id": delivered.update_id, "callback_query_id": delivered.callback_query_id}
    )


# --- what the bot did ----------------------------------------------------------------------


def _events_after(chat: ChatRecord, after_seq: int, everything: bool) -> list[ChatEvent]:
    start = bisect.bisect_right(chat.events, after_seq, key=lambda e: e.seq)
    return [e for e in chat.events[start:] if everything or e.type in BOT_EVENT_TYPES]


@driver_route
async def chat_events(request: web.Request) -> web.StreamResponse:
    state = state_of(request)
    chat = _chat(request)
    after_seq = whole(request.query.get("after_seq", "0"), "after_seq")
    try:
        wait = min(MAX_WAIT_SECONDS, max(0.0, float(request.query.get("wait", "0"))))
    except ValueError:
        raise DriverError(400, "wait must be a number of seconds") from None
    everything = request.query.get("all", "0").lower() in ("1", "true", "yes")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    events = _events_after(chat, after_seq, everything)
    while not events and not state.closing:
        remaining = deadline - loop.time()
        if remaining <= 0:
            break
        await state.events_changed.wait(remaining, chat.id)
        events = _events_after(chat, after_seq, everything)
    last_seq = events[-1].seq if events else max(after_seq, 0)
    return reply({"events": [e.to_json() for e in events], "last_seq": last_seq})


@driver_route
async def current_messages(request: web.Request) -> web.StreamResponse:
    chat = _chat(request)
    who = request.query.get("from", "all")
    if who not in ("all", "bot", "user"):
        raise DriverError(400, "from must be all, bot or user")
    messages = [
        m.snapshot()
        for m in chat.messages.values()
        if not m.deleted and (who == "all" or m.outgoing == (who == "bot"))
    ]
    return reply({"messages": messages})


@driver_route
async def chat_info(request: web.Request) -> web.StreamResponse:
    state = state_of(request)
    chat = _chat(request)
    return reply(
        {
            "chat": chat.to_json(),
            "user": chat.user.to_json(),
            "blocked": chat.user.blocked,
            "reply_keyboard": chat.reply_keyboard,
            "force_reply": chat.force_reply,
            "last_action": chat.last_action,
            # A chat's "default" button is the bot's default one, as getChatMenuButton says.
            "menu_button": (
                chat.menu_button
                if chat.menu_button is not None and chat.menu_button["type"] != "default"
                else state.default_menu_button
            ),
            "last_seq": chat.events[-1].seq if chat.events else 0,
        }
    )


@driver_route
async def callback_answers(request: web.Request) -> web.StreamResponse:
    return reply({"answers": _chat(request).callback_answers})


@driver_route
async def download(request: web.Request) -> web.StreamResponse:
    stored = state_of(request).files.get(request.match_info["file_id"])
    if stored is None:
        raise DriverError(404, "unknown file_id")
    headers = {}
    if stored.file_name:
        safe = stored.file_name.replace('"', "")
        headers["Content-Disposition"] = f'attachment; filename="{safe}"'
    return web.Response(
        body=stored.data,
        content_type=stored.mime_type or "application/octet-stream",
        headers=headers,
    )


@driver_route
async def commands(request: web.Request) -> web.StreamResponse:
    state = state_of(request)
    if "user_id" in request.query:
        user_id = whole(request.query["user_id"], "user_id")
        return reply({"commands": effective_commands(state, user_id)})
    scope_text = request.query.get("scope", "default")
    kind, _, rest = scope_text.partition(":")
    scope: dict[str, Any] = {"type": kind}
    if rest:
        chat_id, _, user_id_text = rest.partition(":")
        scope["chat_id"] = whole(chat_id, "scope chat id")
        if user_id_text:
            scope["user_id"] = whole(user_id_text, "scope user id")
    key = (scope_key(state, scope), request.query.get("language_code", ""))
    return reply({"commands": state.commands.get(key, [])})


@driver_route
async def settings(request: web.Request) -> web.StreamResponse:
    state = state_of(request)
    return reply(
        {
            "commands": [
                {"scope": scope, "language_code": lang, "commands": cmds}
                for (scope, lang), cmds in state.commands.items()
            ],
            "descriptions": [
                {"field": field, "language_code": lang, "value": value}
                for (field, lang), value in state.descriptions.items()
            ],
            "menu_button": state.default_menu_button,
            "webhook": state.webhook,
            "allowed_updates": state.allowed_updates,
        }
    )


# --- the demo clock ------------------------------------------------------------------------

MAX_MONTHS = 120
# A date alone means the start of that working day, when the bot's daily reminders go out.
DAY_STARTS = time(9, 0)


def _clock_json(state: EmulatorState) -> dict[str, Any]:
    zone = ZoneInfo(state.clock_zone)
    return {
        "available": state.clock_follower is not None,
        "now": datetime.fromtimestamp(state.now(), zone).isoformat(timespec="seconds"),
        "zone": state.clock_zone,
        "offset_seconds": state.clock_offset,
    }


def plus_months(moment: datetime, months: int) -> datetime:
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _clock_target(state: EmulatorState, body: dict[str, Any]) -> datetime:
    zone = ZoneInfo(state.clock_zone)
    now = datetime.fromtimestamp(state.now(), zone)
    given = [key for key in ("days", "months", "to") if key in body]
    if len(given) != 1:
        raise DriverError(400, "give one of days, months or to")
    if "days" in body:
        days = whole(body["days"], "days")
        if not 1 <= days <= MAX_MONTHS * 31:
            raise DriverError(400, f"days must be within 1..{MAX_MONTHS * 31}")
        return now + timedelta(days=days)
    if "months" in body:
        months = whole(body["months"], "months")
        if not 1 <= months <= MAX_MONTHS:
            raise DriverError(400, f"months must be within 1..{MAX_MONTHS}")
        return plus_months(now, months)
    text = body["to"]
    if not isinstance(text, str):
        raise DriverError(400, "to must be a date (YYYY-MM-DD) or an ISO 8601 date and time")
    try:
        if len(text.strip()) == 10:
            target = datetime.combine(date.fromisoformat(text.strip()), DAY_STARTS, zone)
        else:
            target = datetime.fromisoformat(text.strip())
    except ValueError:
        raise DriverError(
            400, "to must be a date (YYYY-MM-DD) or an ISO 8601 date and time"
        ) from None
    if target.tzinfo is None:
        target = target.replace(tzinfo=zone)
    if target <= now:
        raise DriverError(
            400,
            f"the demo clock only moves forward: {target.isoformat(timespec='minutes')} is "
            f"not after {now.isoformat(timespec='minutes')}",
        )
    return target.astimezone(zone)


@driver_route
async def get_clock(request: web.Request) -> web.StreamResponse:
    return reply(_clock_json(state_of(request)))


@driver_route
async def move_clock(request: web.Request) -> web.StreamResponse:
    """Move the demo clock forward; the follower (the bot) runs what became due at once."""
    state = state_of(request)
    body = await json_body(request)
    async with state.clock_lock:
        follower = state.clock_follower
        if follower is None:
            raise DriverError(
                409,
                "the demo clock needs the bot in sandbox mode (kezdesu run without BOT_TOKEN)",
            )
        target = _clock_target(state, body)
        state.clock_offset = max(state.clock_offset, target.timestamp() - time_module.time())
        await follower(state.clock_offset)
    return reply(_clock_json(state))


# --- instrumentation -----------------------------------------------------------------------


@driver_route
async def stats(request: web.Request) -> web.StreamResponse:
    state = state_of(request)
    data = state.stats.to_json()
    data["pending_updates"] = len(state.updates)
    return reply(data)


@driver_route
async def reset_stats(request: web.Request) -> web.StreamResponse:
    state_of(request).stats = Stats()
    return reply({"ok": True})


@driver_route
async def get_config(request: web.Request) -> web.StreamResponse:
    state = state_of(request)
    return reply({"config": state.config.public_dict(), "bot": state.bot_user_json()})


@driver_route
async def set_config(request: web.Request) -> web.StreamResponse:
    try:
        config = state_of(request).reconfigure(await json_body(request))
    except ValueError as error:
        raise DriverError(400, str(error)) from None
    return reply({"config": config.public_dict()})


@driver_route
async def add_fault(request: web.Request) -> web.StreamResponse:
    """Fail the next ``count`` calls of ``method`` with ``error_code`` (e.g. 500)."""
    body = await json_body(request)
    method = body.get("method")
    if not isinstance(method, str) or method.lower() not in METHODS:
        raise DriverError(400, "method must be a Bot API method name, like sendMessage")
    count = whole(body.get("count", 1), "count")
    code = whole(body.get("error_code", 500), "error_code")
    if count < 1 or not 400 <= code <= 599:
        raise DriverError(400, "count must be at least 1 and error_code within 400..599")
    description = body.get("description")
    if description is None:
        try:
            description = HTTPStatus(code).phrase
        except ValueError:
            description = f"Error {code}"
    chat_id = body.get("chat_id")
    delay_ms = whole(body.get("delay_ms", 0), "delay_ms")
    if delay_ms < 0:
        raise DriverError(400, "delay_ms must not be negative")
    fault = Fault(
        method=METHODS[method.lower()][0],
        remaining=count,
        error_code=code,
        description=str(description),
        chat_id=None if chat_id is None else whole(chat_id, "chat_id"),
        delay_ms=delay_ms,
    )
    state = state_of(request)
    state.faults.append(fault)
    return reply({"faults": [f.to_json() for f in state.faults]})


@driver_route
async def list_faults(request: web.Request) -> web.StreamResponse:
    return reply({"faults": [f.to_json() for f in state_of(request).faults]})


@driver_route
async def clear_faults(request: web.Request) -> web.StreamResponse:
    state_of(request).faults.clear()
    return reply({"faults": []})


@driver_route
async def pending_updates(request: web.Request) -> web.StreamResponse:
    return reply({"updates": [u.to_json() for u in state_of(request).updates]})


@driver_route
async def reset(request: web.Request) -> web.StreamResponse:
    """Forget users, chats, files, updates, commands and stats; keep the config."""
    state_of(request).reset()
    return reply({"ok": True})


async def chat_page(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(STATIC_DIR / "chat.html")


def setup_driver_api(app: web.Application) -> None:
    setup_channel_routes(app)
    r = app.router
    r.add_get("/", chat_page)
    r.add_post("/_driver/users", add_user)
    r.add_get("/_driver/users", list_users)
    r.add_post("/_driver/users/{user_id}/blocked", set_blocked)
    r.add_post("/_driver/messages", send_message)
    r.add_post("/_driver/callbacks", press)
    r.add_get("/_driver/chats/{chat_id}", chat_info)
    r.add_get("/_driver/chats/{chat_id}/messages", chat_events)
    r.add_get("/_driver/chats/{chat_id}/current", current_messages)
    r.add_get("/_driver/chats/{chat_id}/callback_answers", callback_answers)
    r.add_get("/_driver/files/{file_id}", download)
    r.add_get("/_driver/commands", commands)
    r.add_get("/_driver/settings", settings)
    r.add_get("/_driver/stats", stats)
    r.add_post("/_driver/stats/reset", reset_stats)
    r.add_get("/_driver/config", get_config)
    r.add_post("/_driver/config", set_config)
    r.add_get("/_driver/updates", pending_updates)
    r.add_post("/_driver/faults", add_fault)
    r.add_get("/_driver/faults", list_faults)
    r.add_delete("/_driver/faults", clear_faults)
    r.add_post("/_driver/reset", reset)
    r.add_get("/_driver/clock", get_clock)
    r.add_post("/_driver/clock", move_clock)
