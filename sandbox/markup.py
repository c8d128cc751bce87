"""reply_markup validation: inline keyboards, reply keyboards, ReplyKeyboardRemove, ForceReply.

Error texts are the Bot API's (``can't parse inline keyboard button: ...``,
``BUTTON_DATA_INVALID``, ``BUTTON_TEXT_INVALID``, tdlib's invalid-URL message).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sandbox.errors import ApiError, bad_request
from sandbox.links import check_link

MAX_CALLBACK_DATA_BYTES = 64
MarkupKind = Literal["inline", "keyboard", "remove", "force_reply"]

INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_INLINE_EXTRAS = ("style", "icon_custom_emoji_id")
_REPLY_BUTTON_FIELDS = (
    "request_users",
    "request_chat",
    "request_contact",
    "request_location",
    "request_poll",
    "web_app",
    "style",
    "icon_custom_emoji_id",
)


@dataclass(frozen=True)
class Markup:
    kind: MarkupKind
    data: dict[str, Any]


def _inline_button_error(reason: str) -> ApiError:
    return bad_request(f"can't parse inline keyboard button: {reason}")


def _button_text(button: dict[str, Any], error: Any) -> str:
    if "text" not in button:
        raise error('Can\'t find field "text"')
    text = button["text"]
    if not isinstance(text, str):
        raise error('Field "text" must be of type String')
    if not text.strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    return text


def _inline_button(button: Any) -> dict[str, Any]:
    if not isinstance(button, dict):
        raise _inline_button_error("InlineKeyboardButton must be an Object")
    text = _button_text(button, _inline_button_error)
    actions = [key for key in INLINE_ACTIONS if button.get(key) is not None]
    if not actions:
        raise _inline_button_error("Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise _inline_button_error(
            "exactly one of the optional fields must be used, got " + ", ".join(actions)
        )
    action = actions[0]
    value = button[action]
    result: dict[str, Any] = {"text": text}
    if action == "callback_data":
        if not isinstance(value, str):
            raise _inline_button_error('Field "callback_data" must be of type String')
        if not 1 <= len(value.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    elif action == "url":
        if not isinstance(value, str):
            raise _inline_button_error('Field "url" must be of type String')
        checked = check_link(value)
        if checked is None:
            raise bad_request(f"inline keyboard button URL '{value}' is invalid: Wrong HTTP URL")
        value = checked
    elif action == "web_app":
        url = value.get("url") if isinstance(value, dict) else None
        if not isinstance(url, str) or not url.lower().startswith("https://"):
            raise bad_request("BUTTON_TYPE_INVALID")
    elif action == "copy_text":
        copied = value.get("text") if isinstance(value, dict) else None
        if not isinstance(copied, str) or not 1 <= len(copied) <= 256:
            raise bad_request("BUTTON_COPY_TEXT_INVALID")
    result[action] = value
    for key in _INLINE_EXTRAS:
        if button.get(key) is not None:
            result[key] = button[key]
    return result


def _reply_button(button: Any) -> dict[str, Any]:
    def error(reason: str) -> ApiError:
        return bad_request(f"can't parse keyboard button: {reason}")

    if isinstance(button, str):
        button = {"text": button}
    if not isinstance(button, dict):
        raise error("KeyboardButton must be a String or an Object")
    result: dict[str, Any] = {"text": _button_text(button, error)}
    for key in _REPLY_BUTTON_FIELDS:
        if button.get(key) is not None:
            result[key] = button[key]
    return result


def _rows(value: Any, field: str, owner: str) -> list[list[Any]]:
    if not isinstance(value, list):
        raise bad_request(f'field "{field}" of the {owner} must be an Array')
    for row in value:
        if not isinstance(row, list):
            raise bad_request(f'field "{field}" of the {owner} must be an Array of Arrays')
    return value


def parse_markup(raw: Any) -> Markup | None:
    """Validate a decoded reply_markup object; None when absent."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise bad_request("object expected as reply markup")
    if "inline_keyboard" in raw:
        rows = _rows(raw["inline_keyboard"], "inline_keyboard", "InlineKeyboardMarkup")
        keyboard = [[_inline_button(b) for b in row] for row in rows]
        return Markup("inline", {"inline_keyboard": [row for row in keyboard if row]})
    if "keyboard" in raw:
        rows = _rows(raw["keyboard"], "keyboard", "ReplyKeyboardMarkup")
        data: dict[str, Any] = {"keyboard": [[_reply_button(b) for b in row] for row in rows]}
        for flag in ("is_persistent", "resize_keyboard", "one_time_keyboard", "selective"):
            if raw.get(flag) is not None:
                data[flag] = bool(raw[flag])
        placeholder = raw.get("input_field_placeholder")
        if placeholder is not None:
            if not isinstance(placeholder, str) or len(placeholder) > 64:
                raise bad_request("INPUT_PLACEHOLDER_INVALID")
            data["input_field_placeholder"] = placeholder
        return Markup("keyboard", data)
    if raw.get("remove_keyboard") or raw.get("hide_keyboard"):
        return Markup("remove", {"remove_keyboard": True})
    if raw.get("force_reply"):
        data = {"force_reply": True}
        placeholder = raw.get("input_field_placeholder")
        if isinstance(placeholder, str):
            data["input_field_placeholder"] = placeholder
        return Markup("force_reply", data)
    raise bad_request("unsupported reply markup type")


def inline_only(markup: Markup | None) -> Markup | None:
    """Edit methods accept only an inline keyboard."""
    if markup is not None and markup.kind != "inline":
        raise bad_request("inline keyboard expected")
    return markup
