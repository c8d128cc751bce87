"""The driver API's channels: create one owned by a user, post in it as its owner, change its
members (the bot among them), forward one of its posts to the bot, read its posts."""

from __future__ import annotations

import copy
import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox.bot_api import STATE_KEY
from sandbox.channels import ChannelRecord, create_channel, find_channel, new_post, set_member
from sandbox.state import EmulatorState
from sandbox.user_messages import DriverError, build_content

_COPIED = ("text", "entities", "caption", "caption_entities", "photo", "document")


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(
        data, status=status, dumps=lambda v: json.dumps(v, ensure_ascii=False)
    )


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError:
        raise DriverError(400, "the body must be a JSON object") from None
    if not isinstance(body, dict):
        raise DriverError(400, "the body must be a JSON object")
    return body


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or value is None:
        raise DriverError(400, f"{what} must be an integer")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DriverError(400, f"{what} must be an integer") from None


def _state(request: web.Request) -> EmulatorState:
    return request.app[STATE_KEY]


def _channel(request: web.Request) -> ChannelRecord:
    channel_id = _int(request.match_info["channel_id"], "channel_id")
    channel = find_channel(_state(request), channel_id)
    if channel is None:
        raise DriverError(404, f"unknown channel {channel_id}")
    return channel


def _channel_json(state: EmulatorState, channel: ChannelRecord) -> dict[str, Any]:
    bot_id = state.config.bot_id
    members = {
        str(user_id): member.to_json({"id": user_id})
        for user_id, member in channel.members.items()
    }
    return {
        "chat": channel.to_json(),
        "members": members,
        "bot": channel.member(bot_id).to_json(state.bot_user_json()),
        "posts": channel.posts(),
    }


RouteHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _guarded(handler: RouteHandler) -> RouteHandler:
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except DriverError as error:
            return _json({"error": error.message}, error.status)

    return wrapped


@_guarded
async def add_channel(request: web.Request) -> web.StreamResponse:
    state = _state(request)
    body = await _body(request)
    owner_id = _int(body.get("owner_id"), "owner_id")
    title = str(body.get("title") or "").strip()
    if not title:
        raise DriverError(400, "title is empty")
    username = body.get("username")
    try:
        channel = create_channel(state, owner_id, title, str(username) if username else None)
    except KeyError:
        raise DriverError(404, f"unknown user {owner_id}: POST /_driver/users first") from None
    except ValueError as error:
        raise DriverError(409, str(error)) from None
    return _json(_channel_json(state, channel))


@_guarded
async def channel_info(request: web.Request) -> web.StreamResponse:
    return _json(_channel_json(_state(request), _channel(request)))


@_guarded
async def change_member(request: web.Request) -> web.StreamResponse:
    """``{"user_id" | "bot": true, "status", "rights": {...}, "by": admin user id}``."""
    state = _state(request)
    channel = _channel(request)
    body = await _body(request)
    user_id = state.config.bot_id if body.get("bot") else _int(body.get("user_id"), "user_id")
    by = body.get("by")
    if by is None:
        by = next(uid for uid, m in channel.members.items() if m.status == "creator")
    by_id = _int(by, "by")
    if channel.member(by_id).status not in ("creator", "administrator"):
        raise DriverError(403, f"user {by_id} is not an administrator of the channel")
    rights = body.get("rights")
    if rights is not None and not isinstance(rights, dict):
        raise DriverError(400, "rights must be an object")
    try:
        update_id = set_member(state, channel, user_id, str(body.get("status")), rights, by_id)
    except (ValueError, KeyError) as error:
        raise DriverError(400, str(error)) from None
    return _json({"update_id": update_id, **_channel_json(state, channel)})


@_guarded
async def owner_posts(request: web.Request) -> web.StreamResponse:
    """The channel's creator posts (as the channel: no ``from``)."""
    state = _state(request)
    channel = _channel(request)
    body = await _body(request)
    owner_id = next(uid for uid, m in channel.members.items() if m.status == "creator")
    content = build_content(state, state.users[owner_id], body)
    message = new_post(state, channel, content, by_bot=False)
    return _json({"message": message.snapshot()})


@_guarded
async def forward_post(request: web.Request) -> web.StreamResponse:
    """A user forwards one of the channel's posts to the bot (``forward_origin`` of type
    "channel", as Telegram sends it)."""
    state = _state(request)
    channel = _channel(request)
    body = await _body(request)
    user_id = _int(body.get("user_id"), "user_id")
    chat = state.chats.get(user_id)
    if chat is None:
        raise DriverError(404, f"unknown user {user_id}: POST /_driver/users first")
    post = channel.messages.get(_int(body.get("message_id"), "message_id"))
    if post is None or post.deleted:
        raise DriverError(404, "no such post in the channel")
    content = {k: copy.deepcopy(v) for k, v in post.payload.items() if k in _COPIED}
    content["forward_origin"] = {
        "type": "channel",
        "chat": channel.to_json(),
        "message_id": post.message_id,
        "date": post.payload["date"],
    }
    message = state.new_message(chat, outgoing=False, content=content)
    update_id = state.push_update("message", message.snapshot())
    return _json({"update_id": update_id, "message_id": message.message_id})


def setup_channel_routes(app: web.Application) -> None:
    r = app.router
    r.add_post("/_driver/channels", add_channel)
    r.add_get("/_driver/channels/{channel_id}", channel_info)
    r.add_post("/_driver/channels/{channel_id}/members", change_member)
    r.add_post("/_driver/channels/{channel_id}/posts", owner_posts)
    r.add_post("/_driver/channels/{channel_id}/forward", forward_post)
