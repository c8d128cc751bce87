"""The bot's inline keyboards (handlers/keyboards.py) lay out as aiogram's builder does and
keep its checks; only the copies are gone."""

from collections.abc import Callable

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.keyboards import InlineKeyboard


class Pick(CallbackData, prefix="pick"):
    code: int


def twelve_then_back(builder: InlineKeyboardBuilder) -> InlineKeyboardBuilder:
    for code in range(12):
        builder.button(text=f"Ауыл {code}", callback_data=Pick(code=code))
    return builder.button(text="«", callback_data="up")


LAYOUTS: list[Callable[[InlineKeyboardBuilder], object]] = [
    twelve_then_back,  # past eight a row: aiogram starts another
    lambda b: twelve_then_back(b).adjust(2),
    lambda b: twelve_then_back(b).adjust(3, 1),
    lambda b: twelve_then_back(b).adjust(2, 1, repeat=True),
    lambda b: (
        twelve_then_back(b)
        .row(InlineKeyboardButton(text="x", callback_data="x"))
        .add(InlineKeyboardButton(text="y", url="https://egov.kz"))
    ),
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_layout_is_aiograms(layout: Callable[[InlineKeyboardBuilder], object]) -> None:
    ours, aiograms = InlineKeyboard(), InlineKeyboardBuilder()
    layout(ours)
    layout(aiograms)
    assert ours.as_markup() == aiograms.as_markup()


def test_a_markup_is_not_changed_by_what_the_builder_does_after() -> None:
    builder = InlineKeyboard()
    builder.button(text="a", callback_data="a")
    first = builder.as_markup()
    builder.button(text="b", callback_data="b")
    builder.adjust(1)
    assert [[button.text for button in row] for row in first.inline_keyboard] == [["a"]]
    assert len(builder.as_markup().inline_keyboard) == 2


def test_telegrams_limits_are_still_checked() -> None:
    builder = InlineKeyboard()
    with pytest.raises(ValueError, match="Row size 9 is not allowed"):
        builder.adjust(9)
    for code in range(100):
        builder.button(text=str(code), callback_data=str(code))
    with pytest.raises(ValueError, match="Too much buttons"):
        InlineKeyboard(markup=[*builder.export(), [builder.export()[0][0]]])
