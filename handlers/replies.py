"""Small helpers for answering: edit the message a button sits on, or send a new one.

Editing a message into what it already shows is refused by Telegram ("Bad Request: message is
not modified"): pressing the tab or filter already shown, refreshing a list with nothing new,
the second tap of a double tap. The press is then answered without an edit: `unchanged`
compares the new screen with the message the button sits on (the callback query carries it).
"""

import re
from html import unescape
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

NOT_MODIFIED = "message is not modified"
_TAG = re.compile(r"<[^>]*>")


def _keyboard(markup: InlineKeyboardMarkup | None) -> list[list[dict[str, Any]]]:
    if markup is None:
        return []
    return [
        [button.model_dump(exclude_none=True, exclude_defaults=True) for button in row]
        for row in markup.inline_keyboard
    ]


def unchanged(
    message: Message, text: str | None, reply_markup: InlineKeyboardMarkup | None
) -> bool:
    """True when ``message`` already shows ``text`` (HTML; None: the text is not being
    changed) and ``reply_markup``. The text is compared as the person reads it: Telegram's
    copy of a message comes back as text and entities, not as the HTML that was sent."""
    shown = message.text
    if text is not None and (shown is None or unescape(_TAG.sub("", text)).strip() != shown):
        return False
    return _keyboard(message.reply_markup) == _keyboard(reply_markup)


async def edit_or_answer(
    query: CallbackQuery,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
    *,
    fresh: bool = False,
) -> None:
    """Replace the text of the message the button was on; if it cannot be edited (too old,
    or a photo), send a new message instead. ``fresh``: the button sits under a notice, which
    stays as it was: always a new message. A screen that would not change is left alone."""
    message = query.message
    if fresh or not isinstance(message, Message):
        await query.bot.send_message(query.from_user.id, text, reply_markup=reply_markup)  # type: ignore[union-attr]
        return
    if unchanged(message, text, reply_markup):
        return
    try:
        await message.edit_text(text, reply_markup=reply_markup)
    except TelegramBadRequest as error:
        # Both taps of a double tap can carry the message as it was before either edit.
        if NOT_MODIFIED in error.message:
            return
        await message.answer(text, reply_markup=reply_markup)


async def edit_markup(message: Message, reply_markup: InlineKeyboardMarkup | None) -> None:
    """Replace (None: remove) the buttons of ``message``, unless it has them already; a
    message too old to edit keeps its buttons (each press re-checks what it may do)."""
    if unchanged(message, None, reply_markup):
        return
    try:
        await message.edit_reply_markup(reply_markup=reply_markup)
    except TelegramBadRequest:
        # Too old to edit, or already so (the other tap of a double tap).
        return
