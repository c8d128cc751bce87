"""Bot settings and chat info: commands, menu button, descriptions, names, getChat."""

from __future__ import annotations

import re
from typing import Any

from sandbox.api_common import method, require_chat
from sandbox.channels import visible_channel
from sandbox.errors import CHAT_NOT_FOUND, bad_request
from sandbox.params import Params
from sandbox.state import EmulatorState

MAX_COMMANDS = 100
_COMMAND_RE = re.compile(r"^[a-z0-9_]+$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2}$")
_SCOPES_WITH_CHAT = ("chat", "chat_administrators", "chat_member")
_SCOPES = ("default", "all_private_chats", "all_group_chats", "all_chat_administrators")


def language_code(params: Params) -> str:
    code = (params.text("language_code") or "").strip()
    if code and not _LANGUAGE_RE.match(code):
        raise bad_request("invalid language code specified")
    return code


def scope_key(state: EmulatorState, raw: Any) -> str:
    """A BotCommandScope object -> "default", "all_private_chats", "chat:42", ..."""
    if raw is None:
        return "default"
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise bad_request("can't parse BotCommandScope: an Object expected")
    kind = raw["type"]
    if kind in _SCOPES:
        return str(kind)
    if kind not in _SCOPES_WITH_CHAT:
        raise bad_request("can't parse BotCommandScope: unsupported type specified")
    chat_id = raw.get("chat_id")
    try:
        chat = state.find_chat(int(chat_id)) if chat_id is not None else None
    except (TypeError, ValueError):
        chat = None
    if chat is None:
        raise bad_request(CHAT_NOT_FOUND)
    if kind == "chat_member":
        user_id = raw.get("user_id")
        if not isinstance(user_id, int):
            raise bad_request("can't parse BotCommandScope: user_id expected")
        return f"chat_member:{chat.id}:{user_id}"
    return f"{kind}:{chat.id}"


def _scope(state: EmulatorState, params: Params) -> str:
    return scope_key(state, params.json("scope", "can't parse BotCommandScope JSON object"))


def _commands(raw: Any) -> list[dict[str, str]]:
    if not isinstance(raw, list):
        raise bad_request("can't parse commands JSON object")
    if len(raw) > MAX_COMMANDS:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    result = []
    for item in raw:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand: an Object expected")
        command = item.get("command")
        description = item.get("description")
        if not isinstance(command, str):
            raise bad_request('can\'t parse BotCommand: Field "command" must be of type String')
        if not isinstance(description, str):
            raise bad_request(
                'can\'t parse BotCommand: Field "description" must be of type String'
            )
        command = command.strip().removeprefix("/")
        description = description.strip()
        if not command:
            raise bad_request("command must be non-empty")
        if len(command) > 32:
            raise bad_request("command length must not exceed 32")
        if not description:
            raise bad_request("command description must be non-empty")
        if len(description) > 256:
            raise bad_request("command description length must not exceed 256")
        if not _COMMAND_RE.match(command):
            raise bad_request("BOT_COMMAND_INVALID")
        result.append({"command": command, "description": description})
    return result


@method("setMyCommands")
async def set_my_commands(state: EmulatorState, params: Params) -> Any:
    commands = _commands(params.json("commands", "can't parse commands JSON object"))
    key = (_scope(state, params), language_code(params))
    if commands:
        state.commands[key] = commands
    else:
        state.commands.pop(key, None)
    return True


@method("getMyCommands")
async def get_my_commands(state: EmulatorState, params: Params) -> Any:
    key = (_scope(state, params), language_code(params))
    return list(state.commands.get(key, []))


@method("deleteMyCommands")
async def delete_my_commands(state: EmulatorState, params: Params) -> Any:
    state.commands.pop((_scope(state, params), language_code(params)), None)
    return True


def effective_commands(state: EmulatorState, user_id: int) -> list[dict[str, str]]:
    """What a user's client shows in the private chat with the bot: the first list set of
    BotCommandScopeChat, AllPrivateChats, Default, each with the user's language_code before
    without one (Bot API, "Determining list of commands"). The chat_member, administrators and
    group scopes are for group chats and never apply here."""
    user = state.users.get(user_id)
    lang = (user.language_code or "")[:2].lower() if user else ""
    scopes = [f"chat:{user_id}", "all_private_chats", "default"]
    for scope in scopes:
        for code in ([lang] if lang else []) + [""]:
            commands = state.commands.get((scope, code))
            if commands:
                return list(commands)
    return []


def _menu_button(raw: Any) -> dict[str, Any]:
    if raw is None:
        return {"type": "default"}
    if not isinstance(raw, dict):
        raise bad_request("can't parse menu button JSON object")
    kind = raw.get("type")
    if kind in ("default", "commands"):
        return {"type": kind}
    if kind == "web_app":
        text = raw.get("text")
        web_app = raw.get("web_app")
        url = web_app.get("url") if isinstance(web_app, dict) else None
        if not isinstance(text, str) or not text.strip():
            raise bad_request("menu button text must be non-empty")
        if not isinstance(url, str) or not url.lower().startswith("https://"):
            raise bad_request("can't parse menu button: Web App URL must be HTTPS")
        return {"type": "web_app", "text": text, "web_app": {"url": url}}
    raise bad_request("can't parse menu button: unsupported type specified")


@method("setChatMenuButton")
async def set_chat_menu_button(state: EmulatorState, params: Params) -> Any:
    button = _menu_button(params.json("menu_button", "can't parse menu button JSON object"))
    if "chat_id" in params:
        require_chat(state, params).menu_button = button
    else:
        state.default_menu_button = {"type": "commands"} if button["type"] == "default" else button
    return True


@method("getChatMenuButton")
async def get_chat_menu_button(state: EmulatorState, params: Params) -> Any:
    if "chat_id" in params:
        chat = require_chat(state, params)
        if chat.menu_button is not None and chat.menu_button["type"] != "default":
            return dict(chat.menu_button)
    return dict(state.default_menu_button)


def _set_text(state: EmulatorState, params: Params, field: str, limit: int) -> bool:
    value = (params.text(field) or "").strip()
    if len(value) > limit:
        raise bad_request(f"{field.replace('_', ' ')} is too long")
    key = (field, language_code(params))
    if value:
        state.descriptions[key] = value
    else:
        state.descriptions.pop(key, None)
    return True


def _get_text(state: EmulatorState, params: Params, field: str) -> dict[str, str]:
    return {field: state.descriptions.get((field, language_code(params)), "")}


@method("setMyDescription")
async def set_my_description(state: EmulatorState, params: Params) -> Any:
    return _set_text(state, params, "description", 512)


@method("getMyDescription")
async def get_my_description(state: EmulatorState, params: Params) -> Any:
    return _get_text(state, params, "description")


@method("setMyShortDescription")
async def set_my_short_description(state: EmulatorState, params: Params) -> Any:
    return _set_text(state, params, "short_description", 120)


@method("getMyShortDescription")
async def get_my_short_description(state: EmulatorState, params: Params) -> Any:
    return _get_text(state, params, "short_description")


@method("setMyName")
async def set_my_name(state: EmulatorState, params: Params) -> Any:
    return _set_text(state, params, "name", 64)


@method("getMyName")
async def get_my_name(state: EmulatorState, params: Params) -> Any:
    result = _get_text(state, params, "name")
    return {"name": result["name"] or state.config.bot_first_name}


@method("getChat")
async def get_chat(state: EmulatorState, params: Params) -> Any:
    channel = visible_channel(state, params.chat_id())
    chat = channel.to_json() if channel is not None else require_chat(state, params).to_json()
    return {
        **chat,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": True,
            "limited_gifts": True,
            "unique_gifts": True,
            "premium_subscription": True,
            "gifts_from_channels": True,
        },
    }
