"""Inline keyboards: aiogram's builder, without its copies.

aiogram's ``InlineKeyboardBuilder`` deep-copies every button it holds each time a button is
added, the rows adjusted or the markup exported (``KeyboardBuilder.export``), so building a
keyboard costs the square of its buttons in copies of pydantic models: 490 µs of CPU for
seven buttons, 90 without the copies (this machine; bench/README.md), and under
bench/citizens_bench.py the builder was about a twentieth of the bot's CPU. Its copies keep a
builder's buttons apart from the markups it has exported, in case either is changed later;
the bot builds each keyboard, exports it once and changes no button, so the rows are copied
and the buttons shared. Everything else (the layout, the checks of Telegram's limits) is
aiogram's.
"""

from aiogram.types import InlineKeyboardButton
from aiogram.utils.keyboard import InlineKeyboardBuilder


class InlineKeyboard(InlineKeyboardBuilder):
    def export(self) -> list[list[InlineKeyboardButton]]:
        return [list(row) for row in self._markup]
