"""Telegram's HTML parse mode: markup -> plain text + MessageEntity list.

A port of tdlib's ``parse_html`` (td/telegram/MessageEntity.cpp), which is what the Bot API
server runs: it walks the UTF-8 bytes, so error offsets are byte offsets, and entity offsets
are counted in UTF-16 code units. Error texts are tdlib's; the Bot API prefixes them with
``Bad Request: can't parse entities: ``.

Entity handling, as in tdlib:
* ``&lt; &gt; &amp; &quot;`` and numeric ``&#NN; &#xNN;`` are decoded, the ``;`` is optional.
* A ``&`` that does not start one of those is kept as a literal ``&`` ("Q&A" is fine).
* Unknown named entities (``&nbsp;``): tdlib keeps them as literal text. With ``strict=True``
  (the emulator's default) a ``&name;`` with an unknown name is rejected instead, with an
  emulator-specific message, because it is always a bug in the bot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox.links import check_link, link_user_id

SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
NAMED_ENTITIES = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}
SPACES = frozenset(b" \t\r\n\f\v")


class EntityParseError(Exception):
    """Markup that Telegram refuses; ``str(err)`` is tdlib's message."""


@dataclass
class _Open:
    tag: str
    argument: str
    utf16_offset: int
    text_pos: int
    expandable: bool = False


@dataclass
class _Entity:
    type: str
    offset: int
    length: int
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "offset": self.offset, "length": self.length, **self.extra}


def _is_alpha(c: int) -> bool:
    return 65 <= c <= 90 or 97 <= c <= 122


def _is_digit(c: int) -> bool:
    return 48 <= c <= 57


def _is_hex(c: int) -> bool:
    return _is_digit(c) or 65 <= c <= 70 or 97 <= c <= 102


def _decode_entity(s: bytes, pos: int) -> tuple[int, int] | None:
    """Decode the HTML entity at ``s[pos] == '&'``: (code point, position after it)."""
    end = pos + 1
    res = 0
    if s[end] == ord("#"):
        end += 1
        if s[end] == ord("x"):
            end += 1
            while _is_hex(s[end]):
                res = res * 16 + int(chr(s[end]), 16)
                end += 1
                if res >= 0x10FFFF:
                    return None
        else:
            while _is_digit(s[end]):
                res = res * 10 + s[end] - 48
                end += 1
                if res >= 0x10FFFF:
                    return None
        if res == 0 or end - pos > 10:
            return None
    else:
        while _is_alpha(s[end]):
            end += 1
        name = s[pos + 1 : end]
        if name not in NAMED_ENTITIES:
            return None
        res = ord(NAMED_ENTITIES[name])
    if s[end] == ord(";"):
        end += 1
    return res, end


def _unknown_named_entity(s: bytes, pos: int) -> str | None:
    end = pos + 1
    while _is_alpha(s[end]):
        end += 1
    if end > pos + 1 and s[end] == ord(";"):
        return s[pos : end + 1].decode()
    return None


def _utf16_units(ch: int) -> int:
    return 2 if ch > 0xFFFF else 1


def parse_html(
    markup: str, *, strict: bool = True, known_user: Any = None
) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML. Returns (plain text, entities as Bot API JSON).

    ``known_user`` is an optional callable ``user_id -> user JSON | None`` used for
    ``tg://user?id=`` links (text_mention entities).
    """
    s = markup.encode("utf-8", "surrogatepass") + b"\0"
    size = len(s) - 1
    text: list[str] = []
    utf16 = 0
    stack: list[_Open] = []
    entities: list[_Entity] = []
    i = 0
    while i < size:
        c = s[i]
        if c == ord("&"):
            decoded = _decode_entity(s, i)
            if decoded is not None:
                ch, i = decoded
                if 0xD800 <= ch <= 0xDFFF:
                    raise EntityParseError(
                        "Text contains invalid Unicode characters after decoding HTML entities, "
                        "check for unmatched surrogate code units"
                    )
                text.append(chr(ch))
                utf16 += _utf16_units(ch)
                continue
            if strict:
                unknown = _unknown_named_entity(s, i)
                if unknown is not None:
                    raise EntityParseError(
                        f'Unsupported HTML entity "{unknown}" at byte offset {i} '
                        "(emulator: Telegram would show it as literal text; "
                        "use &lt; &gt; &amp; &quot; or a numeric entity)"
                    )
        if c != ord("<"):
            # copy one whole UTF-8 character
            length = 1 if c < 0x80 else 2 if c < 0xE0 else 3 if c < 0xF0 else 4
            chunk = s[i : i + length].decode("utf-8", "surrogatepass")
            text.append(chunk)
            utf16 += sum(_utf16_units(ord(x)) for x in chunk)
            i += length
            continue

        begin = i
        i += 1
        if s[i] != ord("/"):
            while s[i] != 0 and s[i] not in SPACES and s[i] != ord(">"):
                i += 1
            if s[i] == 0:
                raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
            tag = s[begin + 1 : i].decode("utf-8", "replace").lower()
            if tag not in SUPPORTED_TAGS:
                raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
            argument = ""
            expandable = False
            while s[i] != ord(">"):
                while s[i] != 0 and s[i] in SPACES:
                    i += 1
                if s[i] == ord(">"):
                    break
                attr_begin = i
                while s[i] != 0 and s[i] not in SPACES and s[i] not in b"=>/\"'":
                    i += 1
                attr_name = s[attr_begin:i].decode("utf-8", "replace")
                if not attr_name:
                    raise EntityParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                    )
                while s[i] != 0 and s[i] in SPACES:
                    i += 1
                if s[i] != ord("="):
                    if s[i] == 0:
                        raise EntityParseError(
                            f'Unclosed start tag "{tag}" at byte offset {begin}'
                        )
                    if tag == "blockquote" and attr_name == "expandable":
                        expandable = True
                    continue
                i += 1
                while s[i] != 0 and s[i] in SPACES:
                    i += 1
                if s[i] == 0:
                    raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
                if s[i] not in b"'\"":
                    token_begin = i
                    while _is_alpha(s[i]) or _is_digit(s[i]) or s[i] in b".-":
                        i += 1
                    value = s[token_begin:i].decode().lower()
                    if s[i] not in SPACES and s[i] != ord(">"):
                        raise EntityParseError(
                            f"Unexpected end of name token at byte offset {token_begin}"
                        )
                else:
                    quote = s[i]
                    i += 1
                    raw = bytearray()
                    while s[i] != quote and s[i] != 0:
                        if s[i] == ord("&"):
                            decoded = _decode_entity(s, i)
                            if decoded is not None:
                                raw += chr(decoded[0]).encode("utf-8", "replace")
                                i = decoded[1]
                                continue
                        raw.append(s[i])
                        i += 1
                    if s[i] == quote:
                        i += 1
                    value = raw.decode("utf-8", "replace")
                if s[i] == 0:
                    raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
                if tag == "a" and attr_name == "href":
                    argument = value
                elif tag == "code" and attr_name == "class" and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif tag == "span" and attr_name == "class" and value.startswith("tg-"):
                    argument = value[len("tg-") :]
                elif tag == "tg-emoji" and attr_name == "emoji-id":
                    argument = value
                elif tag == "blockquote" and attr_name == "expandable":
                    expandable = True
            if tag == "span" and argument != "spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {begin}'
                )
            stack.append(_Open(tag, argument, utf16, len(text), expandable))
            i += 1  # skip '>'
            continue

        # end tag
        if not stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {begin}")
        i += 1  # skip '/'
        name_begin = i
        while s[i] != 0 and s[i] not in SPACES and s[i] != ord(">"):
            i += 1
        end_name = s[name_begin:i].decode("utf-8", "replace").lower()
        while s[i] != 0 and s[i] in SPACES:
            i += 1
        if s[i] != ord(">"):
            raise EntityParseError(f"Unclosed end tag at byte offset {begin}")
        i += 1
        top = stack.pop()
        if end_name and end_name != top.tag:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{top.tag}>", '
                f'found "</{end_name}>"'
            )
        if utf16 > top.utf16_offset:
            _close_entity(top, utf16, text, entities, known_user)
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    for entity in entities:
        if entity.type == "code":
            entity.extra.pop("language", None)
    entities.sort(key=lambda e: (e.offset, -e.length))
    return "".join(text), [e.to_json() for e in entities]


_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}


def _close_entity(
    top: _Open, utf16: int, text: list[str], entities: list[_Entity], known_user: Any
) -> None:
    offset = top.utf16_offset
    length = utf16 - offset
    tag = top.tag
    if tag in _SIMPLE:
        entities.append(_Entity(_SIMPLE[tag], offset, length))
    elif tag == "tg-emoji":
        if not top.argument.isdigit() or int(top.argument) == 0:
            raise EntityParseError("Invalid custom emoji identifier specified")
        entities.append(_Entity("custom_emoji", offset, length, {"custom_emoji_id": top.argument}))
    elif tag == "a":
        url = top.argument or "".join(text[top.text_pos :])
        user_id = link_user_id(url)
        user = known_user(user_id) if (user_id is not None and known_user) else None
        if user is not None:
            entities.append(_Entity("text_mention", offset, length, {"user": user}))
        else:
            checked = check_link(url)
            if checked is not None:
                entities.append(_Entity("text_link", offset, length, {"url": checked}))
    elif tag == "pre":
        last = entities[-1] if entities else None
        if (
            last is not None
            and last.type == "code"
            and last.offset == offset
            and last.length == length
            and last.extra.get("language")
        ):
            last.type = "pre"
        else:
            entities.append(_Entity("pre", offset, length))
    elif tag == "code":
        last = entities[-1] if entities else None
        if (
            last is not None
            and last.type == "pre"
            and last.offset == offset
            and last.length == length
            and top.argument
        ):
            last.extra["language"] = top.argument
        else:
            extra = {"language": top.argument} if top.argument else {}
            entities.append(_Entity("code", offset, length, extra))
    elif tag == "blockquote":
        kind = "expandable_blockquote" if top.expandable else "blockquote"
        entities.append(_Entity(kind, offset, length))
