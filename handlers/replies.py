"""Small helpers for answering: edit the message a button sits on, or send a new one."""

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message


async def edit_or_answer(
    query: CallbackQuery,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
    *,
    fresh: bool = False,
) -> None:
    """Replace the text of the message the button was on; if it cannot be edited (too old,
    or a photo), send a new message instead. ``fresh``: the button sits under a notice, which
    stays as it was: always a new message."""
    message = query.message
    if fresh or not isinstance(message, Message):
        await query.bot.send_message(query.from_user.id, text, reply_markup=reply_markup)  # type: ignore[union-attr]
        return
    try:
        await message.edit_text(text, reply_markup=reply_markup)
    except TelegramBadRequest as error:
        if "message is not modified" in error.message:
            return
        await message.answer(text, reply_markup=reply_markup)
