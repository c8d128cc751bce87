"""What nobody else handled: unknown commands, stickers, voice, stale or forged buttons."""

from aiogram import F
from aiogram.types import CallbackQuery, Message

from handlers.routes import Routes
from locales import Text

router = Routes(name=__name__)


@router.message(F.text.startswith("/"))
async def msg_unknown_command(message: Message, t: Text) -> None:
    await message.answer(t("fallback-unknown-command"))


@router.message(F.text)
async def msg_free_text(message: Message, t: Text) -> None:
    await message.answer(t("fallback-text"))


@router.message()
async def msg_unsupported(message: Message, t: Text) -> None:
    # Stickers, voice, locations, files: nothing here expects them.
    await message.answer(t("fallback-unsupported"))


@router.callback_query()
async def cb_stale(query: CallbackQuery, t: Text) -> None:
    await query.answer(t("error-stale-button"), show_alert=True)
