"""Text messages: send, edit, delete, copy, forward, chat actions, locations."""

from __future__ import annotations

import copy
import time
from typing import Any

from sandbox.api_common import (
    check_blocked,
    find_message,
    finish_send,
    method,
    read_entities,
    read_markup,
    require_chat,
)
from sandbox.errors import bad_request
from sandbox.markup import Markup, inline_only
from sandbox.params import Params
from sandbox.state import ChatRecord, EmulatorState, StoredMessage
from sandbox.text import FormattedText, caption_text, message_text

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
MEDIA_KEYS = ("photo", "document", "voice", "audio", "video", "animation", "sticker")


def text_content(formatted: FormattedText, params: Params) -> dict[str, Any]:
    content: dict[str, Any] = {"text": formatted.text}
    if formatted.entities:
        content["entities"] = formatted.entities
    preview = params.json("link_preview_options", "can't parse link preview options JSON object")
    if isinstance(preview, dict) and preview:
        content["link_preview_options"] = preview
    elif params.flag("disable_web_page_preview"):
        content["link_preview_options"] = {"is_disabled": True}
    return content


def caption_content(formatted: FormattedText | None) -> dict[str, Any]:
    if formatted is None:
        return {}
    content: dict[str, Any] = {"caption": formatted.text}
    if formatted.entities:
        content["caption_entities"] = formatted.entities
    return content


def parse_text(state: EmulatorState, params: Params) -> FormattedText:
    return message_text(
        params.text("text"),
        params.text("parse_mode"),
        read_entities(params, "entities"),
        strict_html=state.config.strict_html_entities,
        known_user=state.user_json,
    )


def parse_caption(state: EmulatorState, params: Params) -> FormattedText | None:
    return caption_text(
        params.text("caption"),
        params.text("parse_mode"),
        read_entities(params, "caption_entities"),
        strict_html=state.config.strict_html_entities,
        known_user=state.user_json,
    )


@method("sendMessage", sending=True)
async def send_message(state: EmulatorState, params: Params) -> Any:
    formatted = parse_text(state, params)
    markup = read_markup(params)
    return finish_send(state, params, "sendMessage", text_content(formatted, params), markup)


def _markup_json(markup: Markup | None) -> dict[str, Any] | None:
    if markup is None or not markup.data.get("inline_keyboard"):
        return None
    return markup.data


def _editable(state: EmulatorState, params: Params) -> tuple[ChatRecord, StoredMessage]:
    chat = require_chat(state, params)
    message = find_message(chat, params, "message to edit not found")
    if not message.outgoing:
        raise bad_request("message can't be edited")
    check_blocked(chat)
    return chat, message


@method("editMessageText")
async def edit_message_text(state: EmulatorState, params: Params) -> Any:
    formatted = parse_text(state, params)
    markup = inline_only(read_markup(params))
    chat, message = _editable(state, params)
    if "text" not in message.payload:
        raise bad_request("there is no text in the message to edit")
    content = text_content(formatted, params)
    new_markup = _markup_json(markup)
    old = message.payload
    if (
        old.get("text") == content["text"]
        and old.get("entities", []) == content.get("entities", [])
        and old.get("reply_markup") == new_markup
    ):
        raise bad_request(NOT_MODIFIED)
    changes: dict[str, Any] = {
        "text": content["text"],
        "entities": content.get("entities"),
        "reply_markup": new_markup,
    }
    if "link_preview_options" in content:
        changes["link_preview_options"] = content["link_preview_options"]
    state.edit_message(chat, message, changes)
    return message.snapshot()


@method("editMessageCaption")
async def edit_message_caption(state: EmulatorState, params: Params) -> Any:
    formatted = parse_caption(state, params)
    markup = inline_only(read_markup(params))
    chat, message = _editable(state, params)
    if not any(key in message.payload for key in MEDIA_KEYS):
        raise bad_request("there is no caption in the message to edit")
    content = caption_content(formatted)
    new_markup = _markup_json(markup)
    old = message.payload
    if (
        old.get("caption") == content.get("caption")
        and old.get("caption_entities", []) == content.get("caption_entities", [])
        and old.get("reply_markup") == new_markup
    ):
        raise bad_request(NOT_MODIFIED)
    state.edit_message(
        chat,
        message,
        {
            "caption": content.get("caption"),
            "caption_entities": content.get("caption_entities"),
            "reply_markup": new_markup,
        },
    )
    return message.snapshot()


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(state: EmulatorState, params: Params) -> Any:
    markup = inline_only(read_markup(params))
    chat, message = _editable(state, params)
    new_markup = _markup_json(markup)
    if message.payload.get("reply_markup") == new_markup:
        raise bad_request(NOT_MODIFIED)
    state.edit_message(chat, message, {"reply_markup": new_markup})
    return message.snapshot()


@method("deleteMessage")
async def delete_message(state: EmulatorState, params: Params) -> Any:
    chat = require_chat(state, params)
    message = find_message(chat, params, "message to delete not found")
    state.delete_message(chat, message)
    return True


@method("deleteMessages")
async def delete_messages(state: EmulatorState, params: Params) -> Any:
    chat = require_chat(state, params)
    ids = params.json("message_ids", "can't parse message identifiers JSON object")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message identifiers are not specified")
    for message_id in ids:
        message = chat.live_message(message_id) if isinstance(message_id, int) else None
        if message is not None:
            state.delete_message(chat, message)
    return True


def _source_message(state: EmulatorState, params: Params) -> StoredMessage:
    source_chat = require_chat(state, params, "from_chat_id")
    message_id = params.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = source_chat.live_message(message_id)
    if message is None:
        raise bad_request("message to copy not found")
    return message


_COPIED_KEYS = (
    "text",
    "entities",
    "caption",
    "caption_entities",
    "location",
    "venue",
    "contact",
    "link_preview_options",
    *MEDIA_KEYS,
)


@method("copyMessage", sending=True)
async def copy_message(state: EmulatorState, params: Params) -> Any:
    source = _source_message(state, params)
    markup = read_markup(params)
    content = {k: copy.deepcopy(v) for k, v in source.payload.items() if k in _COPIED_KEYS}
    if "caption" in params or params.flag("remove_caption"):
        if "text" in content:
            raise bad_request("there is no caption in the message to copy")
        content.pop("caption", None)
        content.pop("caption_entities", None)
        if not params.flag("remove_caption"):
            content.update(caption_content(parse_caption(state, params)))
    result = finish_send(state, params, "copyMessage", content, markup)
    return {"message_id": result["message_id"]}


@method("forwardMessage", sending=True)
async def forward_message(state: EmulatorState, params: Params) -> Any:
    source = _source_message(state, params)
    content = {k: copy.deepcopy(v) for k, v in source.payload.items() if k in _COPIED_KEYS}
    sender = source.payload.get("from", {})
    content["forward_origin"] = {
        "type": "user",
        "sender_user": sender,
        "date": source.payload.get("date", int(time.time())),
    }
    return finish_send(state, params, "forwardMessage", content, None)


@method("sendChatAction")
async def send_chat_action(state: EmulatorState, params: Params) -> Any:
    action = params.text("action")
    chat = require_chat(state, params)
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    check_blocked(chat)
    chat.last_action = {"action": action, "at": time.time()}
    return True


def _coordinate(params: Params, name: str, limit: float) -> float:
    value = params.number(name)
    if value is None or not -limit <= value <= limit:
        raise bad_request("wrong coordinates specified" if value is not None else f"{name} empty")
    return value


@method("sendLocation", sending=True)
async def send_location(state: EmulatorState, params: Params) -> Any:
    location = {
        "latitude": _coordinate(params, "latitude", 90),
        "longitude": _coordinate(params, "longitude", 180),
    }
    return finish_send(state, params, "sendLocation", {"location": location}, read_markup(params))


@method("sendVenue", sending=True)
async def send_venue(state: EmulatorState, params: Params) -> Any:
    location = {
        "latitude": _coordinate(params, "latitude", 90),
        "longitude": _coordinate(params, "longitude", 180),
    }
    title = params.text("title")
    address = params.text("address")
    if not title:
        raise bad_request("venue title is empty")
    if not address:
        raise bad_request("venue address is empty")
    venue = {"location": location, "title": title, "address": address}
    content = {"venue": venue, "location": location}
    return finish_send(state, params, "sendVenue", content, read_markup(params))


@method("sendContact", sending=True)
async def send_contact(state: EmulatorState, params: Params) -> Any:
    phone = params.text("phone_number")
    first_name = params.text("first_name")
    if not phone:
        raise bad_request("phone number is empty")
    if not first_name:
        raise bad_request("first name is empty")
    contact: dict[str, Any] = {"phone_number": phone, "first_name": first_name}
    if params.text("last_name"):
        contact["last_name"] = params.text("last_name")
    return finish_send(state, params, "sendContact", {"contact": contact}, read_markup(params))
