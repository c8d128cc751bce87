"""getChatMember and getChatAdministrators (channels; in a private chat, its two people)."""

from __future__ import annotations

from typing import Any

from sandbox.api_common import method, require_chat
from sandbox.channels import MEMBER_LIST_INACCESSIBLE, member_json, visible_channel
from sandbox.errors import CHAT_NOT_FOUND, bad_request
from sandbox.params import Params
from sandbox.state import EmulatorState


def _user_id(params: Params) -> int:
    user_id = params.integer("user_id")
    if user_id is None:
        raise bad_request(
            "user_id is empty" if "user_id" not in params else "invalid user_id specified"
        )
    return user_id


@method("getChatMember")
async def get_chat_member(state: EmulatorState, params: Params) -> Any:
    target = params.chat_id()
    user_id = _user_id(params)
    channel = visible_channel(state, target)
    if channel is not None:
        bot_id = state.config.bot_id
        # Only an administrator sees a channel's members; anyone may ask about itself.
        if user_id != bot_id and channel.member(bot_id).status not in ("administrator",):
            raise bad_request(MEMBER_LIST_INACCESSIBLE)
        return member_json(state, channel, user_id)
    if isinstance(target, str):
        raise bad_request(CHAT_NOT_FOUND)
    chat = require_chat(state, params)
    if user_id == state.config.bot_id:
        return {"user": state.bot_user_json(), "status": "member"}
    if user_id != chat.user.id:
        raise bad_request("user not found")
    return {"user": chat.user.to_json(), "status": "member"}


@method("getChatAdministrators")
async def get_chat_administrators(state: EmulatorState, params: Params) -> Any:
    target = params.chat_id()
    channel = visible_channel(state, target)
    if channel is None:
        if isinstance(target, str):
            raise bad_request(CHAT_NOT_FOUND)
        require_chat(state, params)
        # A private chat has no administrators.
        return []
    bot_id = state.config.bot_id
    if channel.member(bot_id).status != "administrator":
        raise bad_request(MEMBER_LIST_INACCESSIBLE)
    return [
        member_json(state, channel, user_id)
        for user_id, member in channel.members.items()
        if member.status in ("creator", "administrator")
    ]
