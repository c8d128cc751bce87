"""What users do (driven through the driver API): messages, button presses, blocking."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from sandbox.images import image_size, make_jpeg
from sandbox.state import ChatRecord, EmulatorState, UserRecord
from sandbox.text import MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH, detect_entities, utf16_len

MEDIA_KINDS = ("text", "photo", "sticker", "voice", "location", "document", "contact")


class DriverError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Delivered:
    update_id: int | None
    message_id: int | None = None
    callback_query_id: str | None = None
    message: dict[str, Any] | None = None


def _decode(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise DriverError(400, f"{what} must be base64 text")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise DriverError(400, f"{what} is not valid base64") from None


def _text_part(text: str, limit: int, what: str) -> dict[str, Any]:
    stripped = text.strip()
    if not stripped:
        raise DriverError(400, f"{what} is empty")
    if utf16_len(stripped) > limit:
        raise DriverError(400, f"{what} is longer than {limit} UTF-16 code units")
    return {"text": stripped, "entities": detect_entities(stripped, [])}


def _caption(body: dict[str, Any]) -> dict[str, Any]:
    caption = body.get("caption")
    if caption is None or not str(caption).strip():
        return {}
    part = _text_part(str(caption), MAX_CAPTION_LENGTH, "caption")
    result: dict[str, Any] = {"caption": part["text"]}
    if part["entities"]:
        result["caption_entities"] = part["entities"]
    return result


def build_content(state: EmulatorState, user: UserRecord, body: dict[str, Any]) -> dict[str, Any]:
    kinds = [kind for kind in MEDIA_KINDS if body.get(kind) not in (None, False)]
    if len(kinds) != 1:
        raise DriverError(400, f"exactly one of {', '.join(MEDIA_KINDS)} is required")
    kind = kinds[0]
    value = body[kind]
    files = state.files
    if kind == "text":
        part = _text_part(str(value), MAX_TEXT_LENGTH, "text")
        content: dict[str, Any] = {"text": part["text"]}
        if part["entities"]:
            content["entities"] = part["entities"]
        return content
    if kind == "photo":
        data = make_jpeg(seed=files.count) if value is True else _decode(value, "photo")
        size = image_size(data)
        if size is None:
            raise DriverError(400, "photo is not a JPEG/PNG/GIF/WebP image")
        stored = files.add(
            "photo", data, mime_type=size[2], width=size[0], height=size[1], extension=".jpg"
        )
        return {"photo": stored.photo_json(), **_caption(body)}
    if kind == "document":
        if not isinstance(value, dict) or not value.get("file_name"):
            raise DriverError(400, "document needs file_name and data (base64)")
        data = _decode(value.get("data", ""), "document data")
        stored = files.add(
            "document", data, file_name=str(value["file_name"]), mime_type=value.get("mime_type")
        )
        return {"document": stored.document_json(), **_caption(body)}
    if kind == "sticker":
        emoji = value.get("emoji", "👍") if isinstance(value, dict) else "👍"
        stored = files.add("sticker", make_jpeg(4, 4), mime_type="image/jpeg", extension=".jpg")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": stored.size,
        }
        return {"sticker": sticker}
    if kind == "voice":
        options = value if isinstance(value, dict) else {}
        data = _decode(options["data"], "voice data") if "data" in options else b"OggS" + bytes(60)
        stored = files.add("voice", data, mime_type="audio/ogg", extension=".oga")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": int(options.get("duration", 2)),
            "mime_type": "audio/ogg",
            "file_size": stored.size,
        }
        return {"voice": voice, **_caption(body)}
    if kind == "location":
        try:
            latitude = float(value["latitude"])
            longitude = float(value["longitude"])
        except (TypeError, KeyError, ValueError):
            raise DriverError(400, "location needs latitude and longitude") from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise DriverError(400, "location is out of range")
        return {"location": {"latitude": latitude, "longitude": longitude}}
    # contact: true = the user's own contact (what "share my phone number" sends)
    options = value if isinstance(value, dict) else {}
    contact: dict[str, Any] = {
        "phone_number": str(options.get("phone_number", f"+7701{user.id % 10_000_000:07d}")),
        "first_name": str(options.get("first_name", user.first_name)),
    }
    last_name = options.get("last_name", user.last_name if value is True else None)
    if last_name:
        contact["last_name"] = str(last_name)
    user_id = options.get("user_id", user.id if value is True else None)
    if user_id is not None:
        contact["user_id"] = int(user_id)
    return {"contact": contact}


def _hide_one_time_keyboard(chat: ChatRecord, text: str | None) -> None:
    keyboard = chat.reply_keyboard
    if keyboard is None or not keyboard.get("one_time_keyboard") or text is None:
        return
    labels = {button.get("text") for row in keyboard.get("keyboard", []) for button in row}
    if text in labels:
        chat.reply_keyboard = None


def user_sends(state: EmulatorState, user_id: int, body: dict[str, Any]) -> Delivered:
    user = state.users.get(user_id)
    chat = state.chats.get(user_id)
    if user is None or chat is None:
        raise DriverError(404, f"unknown user {user_id}: POST /_driver/users first")
    content = build_content(state, user, body)
    reply_to = None
    reply_id = body.get("reply_to_message_id")
    if reply_id is not None:
        reply_to = chat.live_message(int(reply_id))
        if reply_to is None:
            raise DriverError(404, f"message {reply_id} to reply to is not in chat {chat.id}")
    if user.blocked:
        # A user who blocked the bot must unblock it (the "Restart" button) to write to it.
        state.set_blocked(user, False)
    message = state.new_message(chat, outgoing=False, content=content, reply_to=reply_to)
    _hide_one_time_keyboard(chat, content.get("text"))
    update_id = state.push_update("message", message.snapshot())
    return Delivered(update_id, message_id=message.message_id, message=message.snapshot())


def user_presses(state: EmulatorState, user_id: int, message_id: int, data: str) -> Delivered:
    user = state.users.get(user_id)
    chat = state.chats.get(user_id)
    if user is None or chat is None:
        raise DriverError(404, f"unknown user {user_id}: POST /_driver/users first")
    message = chat.messages.get(message_id)
    if message is None:
        raise DriverError(404, f"message {message_id} never existed in chat {chat.id}")
    if not message.outgoing:
        raise DriverError(400, f"message {message_id} is the user's own message")
    if user.blocked:
        raise DriverError(409, f"user {user_id} has blocked the bot")
    if message.deleted:
        # Telegram embeds an InaccessibleMessage (date 0) for a message the bot can't see.
        embedded: dict[str, Any] = {
            "chat": chat.to_json(),
            "message_id": message_id,
            "date": 0,
        }
    else:
        embedded = message.snapshot()
    record = state.new_callback(chat, message_id, data)
    payload = {
        "id": record.id,
        "from": user.to_json(),
        "message": embedded,
        "chat_instance": chat.chat_instance,
        "data": data,
    }
    update_id = state.push_update("callback_query", payload)
    return Delivered(update_id, message_id=message_id, callback_query_id=record.id)
