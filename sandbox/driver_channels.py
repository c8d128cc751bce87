"""The driver API's channels: create one owned by a user, post in it as its owner, change its
members (the bot among them), forward one of its posts to the bot, read its posts."""

from __future__ import annotations

import copy
from typing import Any

from aiohttp import web

from sandbox.channels import ChannelRecord, create_channel, find_channel, new_post, set_member
from sandbox.driver_io import driver_route, json_body, reply, state_of, whole
from sandbox.state import EmulatorState
from sandbox.user_messages import DriverError, build_content

_COPIED = ("text", "entities", "caption", "caption_entities", "photo", "document")


def _channel(request: web.Request) -> ChannelRecord:
    channel_id = whole(request.match_info["channel_id"], "channel_id")
    channel = find_channel(state_of(request), channel_id)
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


@driver_route
async def add_channel(request: web.Request) -> web.StreamResponse:
    state = state_of(request)
    body = await json_body(request)
    owner_id = whole(body.get("owner_id"), "owner_id")
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
    return reply(_channel_json(state, channel))


@driver_route
async def channel_info(request: web.Request) -> web.StreamResponse:
    return reply(_channel_json(state_of(request), _channel(request)))


@driver_route
async def change_member(request: web.Request) -> web.StreamResponse:
    """``{"user_id" | "bot": true, "status", "rights": {...}, "by": admin user id}``."""
    state = state_of(request)
    channel = _channel(request)
    body = await json_body(request)
    user_id = state.config.bot_id if body.get("bot") else whole(body.get("user_id"), "user_id")
    by = body.get("by")
    if by is None:
        by = next(uid for uid, m in channel.members.items() if m.status == "creator")
    by_id = whole(by, "by")
    if channel.member(by_id).status not in ("creator", "administrator"):
        raise DriverError(403, f"user {by_id} is not an administrator of the channel")
    rights = body.get("rights")
    if rights is not None and not isinstance(rights, dict):
        raise DriverError(400, "rights must be an object")
    try:
        update_id = set_member(state, channel, user_id, str(body.get("status")), rights, by_id)
    except (ValueError, KeyError) as error:
        raise DriverError(400, str(error)) from None
    return reply({"update_id": update_id, **_channel_json(state, channel)})


@driver_route
async def owner_posts(request: web.Request) -> web.StreamResponse:
    """The channel's creator posts (as the channel: no ``from``)."""
    state = state_of(request)
    channel = _channel(request)
    body = await json_body(request)
    owner_id = next(uid for uid, m in channel.members.items() if m.status == "creator")
    content = build_content(state, state.users[owner_id], body)
    message = new_post(state, channel, content, by_bot=False)
    return reply({"message": message.snapshot()})


@driver_route
async def forward_post(request: web.Request) -> web.StreamResponse:
    """A user forwards one of the channel's posts to the bot (``forward_origin`` of type
    "channel", as Telegram sends it)."""
    state = state_of(request)
    channel = _channel(request)
    body = await json_body(request)
    user_id = whole(body.get("user_id"), "user_id")
    chat = state.chats.get(user_id)
    if chat is None:
        raise DriverError(404, f"unknown user {user_id}: POST /_driver/users first")
    post = channel.messages.get(whole(body.get("message_id"), "message_id"))
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
    return reply({"update_id": update_id, "message_id": message.message_id})


def setup_channel_routes(app: web.Application) -> None:
    r = app.router
    r.add_post("/_driver/channels", add_channel)
    r.add_get("/_driver/channels/{channel_id}", channel_info)
    r.add_post("/_driver/channels/{channel_id}/members", change_member)
    r.add_post("/_driver/channels/{channel_id}/posts", owner_posts)
    r.add_post("/_driver/channels/{channel_id}/forward", forward_post)
