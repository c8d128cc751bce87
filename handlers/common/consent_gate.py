"""Everything past the greeting needs consent: without it, a clear answer and the way to give
it, instead of silence."""

from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import ConsentAction, ConsentCb
from handlers.keyboards import InlineKeyboard
from handlers.routes import Routes
from locales import Text

router = Routes(name=__name__)


def consent_needed_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("consent-show"), callback_data=ConsentCb(action=ConsentAction.SHOW))
    return builder.as_markup()


@router.message()
async def msg_consent_needed(message: Message, t: Text) -> None:
    await message.answer(t("consent-required"), reply_markup=consent_needed_keyboard(t))


@router.callback_query()
async def cb_consent_needed(query: CallbackQuery, t: Text) -> None:
    await query.answer(t("consent-required-short"), show_alert=True)
