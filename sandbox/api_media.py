"""Files: sendDocument, sendPhoto, sendVoice, sendSticker, getFile."""

from __future__ import annotations

import mimetypes
from typing import Any

from sandbox.api_common import finish_send, method, read_markup
from sandbox.api_messages import caption_content, parse_caption
from sandbox.errors import ApiError, bad_request
from sandbox.files import MAX_DOWNLOAD_BYTES, StoredFile
from sandbox.images import image_size
from sandbox.params import Params, UploadedFile
from sandbox.state import EmulatorState

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_PHOTO_BYTES = 10 * 1024 * 1024
_TYPE_NAMES = {
    "photo": "Photo",
    "document": "Document",
    "voice": "VoiceNote",
    "sticker": "Sticker",
}


def _reuse(state: EmulatorState, value: str, kind: str) -> StoredFile:
    if value.lower().startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    stored = state.files.get(value.strip())
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if stored.kind != kind and not (kind == "document" and stored.kind != "photo"):
        raise bad_request(
            f"can't use file of type {_TYPE_NAMES.get(stored.kind, stored.kind)} "
            f"as {_TYPE_NAMES.get(kind, kind)}"
        )
    return stored


def _check_upload(upload: UploadedFile, limit: int = MAX_UPLOAD_BYTES) -> None:
    if len(upload.data) > limit:
        raise ApiError(413, "Request Entity Too Large")
    if not upload.data:
        raise bad_request("file must be non-empty")


def _mime_type(upload: UploadedFile) -> str:
    guessed = mimetypes.guess_type(upload.filename)[0]
    if guessed:
        return guessed
    if upload.content_type and upload.content_type != "application/octet-stream":
        return upload.content_type
    return "application/octet-stream"


def _document(state: EmulatorState, params: Params) -> StoredFile:
    value = params.input_file("document")
    if value is None:
        raise bad_request("there is no document in the request")
    if isinstance(value, str):
        return _reuse(state, value, "document")
    _check_upload(value)
    return state.files.add(
        "document", value.data, file_name=value.filename, mime_type=_mime_type(value)
    )


def _photo(state: EmulatorState, params: Params) -> StoredFile:
    value = params.input_file("photo")
    if value is None:
        raise bad_request("there is no photo in the request")
    if isinstance(value, str):
        return _reuse(state, value, "photo")
    _check_upload(value, MAX_PHOTO_BYTES)
    size = image_size(value.data)
    if size is None:
        raise bad_request("IMAGE_PROCESS_FAILED")
    width, height, _mime = size
    if (
        width <= 0
        or height <= 0
        or width + height > 10000
        or max(width, height) > 20 * min(width, height)
    ):
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    return state.files.add(
        "photo", value.data, mime_type="image/jpeg", width=width, height=height, extension=".jpg"
    )


@method("sendDocument", sending=True)
async def send_document(state: EmulatorState, params: Params) -> Any:
    caption = parse_caption(state, params)
    markup = read_markup(params)
    stored = _document(state, params)
    content = {"document": stored.document_json(), **caption_content(caption)}
    return finish_send(state, params, "sendDocument", content, markup)


@method("sendPhoto", sending=True)
async def send_photo(state: EmulatorState, params: Params) -> Any:
    caption = parse_caption(state, params)
    markup = read_markup(params)
    stored = _photo(state, params)
    content: dict[str, Any] = {"photo": stored.photo_json(), **caption_content(caption)}
    if params.flag("has_spoiler"):
        content["has_media_spoiler"] = True
    return finish_send(state, params, "sendPhoto", content, markup)


@method("sendVoice", sending=True)
async def send_voice(state: EmulatorState, params: Params) -> Any:
    caption = parse_caption(state, params)
    markup = read_markup(params)
    value = params.input_file("voice")
    if value is None:
        raise bad_request("there is no voice in the request")
    if isinstance(value, str):
        stored = _reuse(state, value, "voice")
    else:
        _check_upload(value)
        stored = state.files.add("voice", value.data, mime_type="audio/ogg", extension=".oga")
    voice = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "duration": params.integer("duration", 0) or 0,
        "mime_type": "audio/ogg",
        "file_size": stored.size,
    }
    content = {"voice": voice, **caption_content(caption)}
    return finish_send(state, params, "sendVoice", content, markup)


@method("getFile")
async def get_file(state: EmulatorState, params: Params) -> Any:
    file_id = params.text("file_id")
    stored = state.files.get(file_id.strip()) if file_id else None
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.size > MAX_DOWNLOAD_BYTES:
        raise bad_request("file is too big")
    return stored.file_json()
