"""Screens that fit in one Telegram message, by construction.

Telegram refuses a message whose text, after its HTML is parsed, is longer than 4,096 UTF-16
code units (1,024 for a caption): "Bad Request: message is too long". Python counts code
points, and an emoji or any character outside the Basic Multilingual Plane is two UTF-16 units,
so a text of 2,100 emoji is 2,100 long to `len()` and 4,200 to Telegram. Every length here is
Telegram's: UTF-16 units of the text as the person reads it (tags removed, entities decoded,
surrounding whitespace trimmed).

- `shorten(text, limit)`: the start of a person's text, ending in "…", at most `limit` units.
- `fit(render, texts)`: a screen built from a template and people's texts; the longest texts
  are shortened until the whole screen fits; says whether anything was cut, so the screen can
  offer its full text. The texts never pass through Fluent, whose placeables hold at most
  2,500 characters (a longer one renders as "{???}").
- `parts(text)`: a long plain text split into messages that fit, at line or word breaks.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape, unescape

# Telegram's limits, in UTF-16 code units after entities parsing.
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
ELLIPSIS = "…"

_TAG = re.compile(r"<[^>]*>")


def units(text: str) -> int:
    """The length of ``text`` as Telegram counts it: UTF-16 code units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def visible_units(html: str) -> int:
    """The length of an HTML message as Telegram counts it: after parsing, trimmed."""
    return units(unescape(_TAG.sub("", html)).strip())


def _cut(text: str, limit: int) -> str:
    """The longest start of ``text`` of at most ``limit`` units (never half a character)."""
    used = 0
    for index, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > limit:
            return text[:index]
    return text


def shorten(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` units, else its start and "…" within ``limit``.
    Cut before escaping, so no HTML entity is cut in half."""
    if units(text) <= limit:
        return text
    return _cut(text, max(limit - 1, 0)).rstrip() + ELLIPSIS


@dataclass(frozen=True)
class Fitted:
    html: str
    # Some text was shortened: the screen offers the full text.
    shortened: bool


def fit(
    render: Callable[[Mapping[str, str]], str],
    texts: Mapping[str, str],
    limit: int = TEXT_LIMIT,
) -> Fitted:
    """Render a screen with people's ``texts`` (plain, not escaped: ``render`` gets them
    escaped, by name) so that it fits in ``limit`` units: while it is too long, the longest
    text is shortened by what is over (with "…"). The template alone must fit."""
    # The template is rendered once, with a marker for each text, and the texts put in after:
    # Fluent gives "{???}" for a placeable over 2,500 characters, which an escaped question
    # of 1,500 reaches ("&" is five).
    template = render({name: f"\ue000{index}\ue001" for index, name in enumerate(texts)})

    def filled(values: Mapping[str, str]) -> str:
        html = template
        for index, name in enumerate(texts):
            html = html.replace(f"\ue000{index}\ue001", escape(values[name]))
        return html

    current = dict(texts)
    html = filled(current)
    shortened = False
    while (over := visible_units(html) - limit) > 0:
        name = max(current, key=lambda key: units(current[key]), default=None)
        if name is None or units(current[name]) <= 1:
            raise ValueError(f"the screen does not fit even without its texts: {over} over")
        current[name] = shorten(current[name], max(units(current[name]) - over, 1))
        shortened = True
        html = filled(current)
    return Fitted(html, shortened)


def parts(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """``text`` (plain) in pieces of at most ``limit`` units, cut at a line break, else a
    space, else anywhere; no piece is empty."""
    pieces: list[str] = []
    rest = text.strip()
    while rest:
        if units(rest) <= limit:
            pieces.append(rest)
            break
        head = _cut(rest, limit)
        cut = max(head.rfind("\n"), head.rfind(" "))
        if cut <= 0:
            cut = len(head)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].strip()
    return [piece for piece in pieces if piece]
