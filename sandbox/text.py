"""Message text as Telegram stores it: parse mode, trimming, UTF-16 lengths, auto entities."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sandbox.errors import ApiError, bad_request
from sandbox.html_entities import EntityParseError, parse_html
from sandbox.links import check_link

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
# Telegram trims these around a message text / caption before checking that it isn't empty.
_TRIMMED = " \t\r\n\f\v"

ENTITY_TYPES = frozenset(
    {
        "mention",
        "hashtag",
        "cashtag",
        "bot_command",
        "url",
        "email",
        "phone_number",
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "blockquote",
        "expandable_blockquote",
        "code",
        "pre",
        "text_link",
        "text_mention",
        "custom_emoji",
        "date_time",
    }
)
_ENTITY_EXTRA = {
    "text_link": "url",
    "text_mention": "user",
    "pre": "language",
    "custom_emoji": "custom_emoji_id",
}
# Auto-detected entities are not created inside these.
_OPAQUE = frozenset(
    {
        "code",
        "pre",
        "text_link",
        "text_mention",
        "custom_emoji",
        "url",
        "email",
        "mention",
        "hashtag",
        "bot_command",
    }
)

UserLookup = Callable[[int], dict[str, Any] | None]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf16_offsets(text: str) -> list[int]:
    """offsets[i] = UTF-16 offset of text[i]; offsets[len(text)] = total."""
    out = [0]
    for ch in text:
        out.append(out[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return out


@dataclass
class FormattedText:
    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)

    @property
    def length(self) -> int:
        return utf16_len(self.text)


def trim(formatted: FormattedText) -> FormattedText:
    """Strip leading/trailing whitespace, shifting/clipping entities (UTF-16 offsets)."""
    text = formatted.text
    left = len(text) - len(text.lstrip(_TRIMMED))
    stripped = text.strip(_TRIMMED)
    total = utf16_len(text)
    right_end = total - (len(text) - left - len(stripped))  # whitespace is 1 unit per char
    entities: list[dict[str, Any]] = []
    for entity in formatted.entities:
        start = max(entity["offset"], left)
        end = min(entity["offset"] + entity["length"], right_end)
        if end > start:
            entities.append({**entity, "offset": start - left, "length": end - start})
    return FormattedText(stripped, entities)


def _clean_entities(raw: Any, text: str) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise bad_request("can't parse entities JSON object")
    total = utf16_len(text)
    result: list[dict[str, Any]] = []
    for item in raw:
        if not isinstance(item, dict):
            raise bad_request("can't parse MessageEntity: an Object expected")
        kind = item.get("type")
        offset = item.get("offset")
        length = item.get("length")
        if not isinstance(kind, str) or kind not in ENTITY_TYPES:
            continue  # tdlib drops entities it does not know
        if not isinstance(offset, int) or not isinstance(length, int):
            raise bad_request('can\'t parse MessageEntity: Field "offset" must be a number')
        start = max(offset, 0)
        end = min(offset + length, total)
        if end <= start:
            continue
        entity: dict[str, Any] = {"type": kind, "offset": start, "length": end - start}
        extra_key = _ENTITY_EXTRA.get(kind)
        if extra_key and item.get(extra_key) is not None:
            entity[extra_key] = item[extra_key]
        if kind == "text_link":
            url = check_link(str(entity.get("url", "")))
            if url is None:
                continue
            entity["url"] = url
        result.append(entity)
    result.sort(key=lambda e: (e["offset"], -e["length"]))
    return result


_AUTO_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("url", re.compile(r"(?<![\w@/.])https?://[^\s<>\"'«»]+", re.IGNORECASE)),
    (
        "email",
        re.compile(r"(?<![\w.+\-@])[\w.+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b"),
    ),
    # tdlib: no word character, '/', '<' or '>' right before or after a command
    (
        "bot_command",
        re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>@])"),
    ),
    ("mention", re.compile(r"(?<!\w)@[A-Za-z0-9_]{2,32}(?![\w@])")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
]


def detect_entities(text: str, existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entities Telegram finds by itself (url, email, bot_command, mention, hashtag).

    Nothing is detected inside code/pre/links or overlapping another detected entity.
    """
    offsets = _utf16_offsets(text)
    taken: list[tuple[int, int]] = [
        (e["offset"], e["offset"] + e["length"]) for e in existing if e["type"] in _OPAQUE
    ]
    found: list[dict[str, Any]] = []
    for kind, pattern in _AUTO_PATTERNS:
        for match in pattern.finditer(text):
            start_char, end_char = match.span()
            if kind == "url":
                value = match.group().rstrip(".,;:!?)]}'")
                end_char = start_char + len(value)
                if check_link(value) is None:
                    continue
            start, end = offsets[start_char], offsets[end_char]
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            found.append({"type": kind, "offset": start, "length": end - start})
    merged = existing + found
    merged.sort(key=lambda e: (e["offset"], -e["length"]))
    return merged


def format_text(
    raw: str | None,
    parse_mode: str | None,
    entities: Any,
    *,
    strict_html: bool,
    known_user: UserLookup | None = None,
) -> FormattedText:
    """Apply parse_mode / explicit entities, trim, and auto-detect entities.

    Explicit ``entities`` win over ``parse_mode`` (as in the Bot API server). Length checks are
    left to the caller (they differ for texts and captions).
    """
    text = raw or ""
    mode = (parse_mode or "").strip().lower()
    if entities is not None:
        formatted = FormattedText(text, _clean_entities(entities, text))
    elif mode in ("", "none"):
        formatted = FormattedText(text)
    elif mode == "html":
        try:
            plain, parsed = parse_html(text, strict=strict_html, known_user=known_user)
        except EntityParseError as err:
            raise bad_request(f"can't parse entities: {err}") from err
        formatted = FormattedText(plain, parsed)
    elif mode in ("markdown", "markdownv2"):
        raise ApiError(
            400,
            f"Bad Request: parse_mode {parse_mode} is not supported by the sandbox emulator; "
            "use HTML or entities",
        )
    else:
        raise bad_request("unsupported parse_mode")
    formatted = trim(formatted)
    formatted.entities = detect_entities(formatted.text, formatted.entities)
    return formatted


def message_text(
    raw: str | None,
    parse_mode: str | None,
    entities: Any,
    *,
    strict_html: bool,
    known_user: UserLookup | None = None,
) -> FormattedText:
    """A message text: 1-4096 UTF-16 code units after parsing and trimming."""
    formatted = format_text(
        raw, parse_mode, entities, strict_html=strict_html, known_user=known_user
    )
    if not formatted.text:
        raise bad_request("message text is empty")
    if formatted.length > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return formatted


def caption_text(
    raw: str | None,
    parse_mode: str | None,
    entities: Any,
    *,
    strict_html: bool,
    known_user: UserLookup | None = None,
) -> FormattedText | None:
    """A media caption: 0-1024 UTF-16 code units after parsing and trimming."""
    if raw is None:
        return None
    formatted = format_text(
        raw, parse_mode, entities, strict_html=strict_html, known_user=known_user
    )
    if formatted.length > MAX_CAPTION_LENGTH:
        raise bad_request("message caption is too long")
    return formatted if formatted.text else None
