"""/mydata: a JSON file of everything stored about the person (with the unsent question the
conversation state holds). /forget: delete it, the conversation state too."""

from aiogram import Bot, F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import ForgetAction, ForgetCb
from handlers.citizen.ask import AskStates, Draft
from handlers.keyboards import InlineKeyboard
from handlers.official.office import clear_office_menu
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.users import QuestionDraft, UserView

router = Routes(name=__name__)


def forget_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("forget-confirm"), callback_data=ForgetCb(action=ForgetAction.CONFIRM))
    builder.button(text=t("forget-cancel"), callback_data=ForgetCb(action=ForgetAction.CANCEL))
    builder.adjust(1)
    return builder.as_markup()


async def unsent_question(state: FSMContext) -> QuestionDraft | None:
    """The question being written, if any, and the step it waits at."""
    draft = Draft.load(await state.get_data())
    if draft is None:
        return None
    current = await state.get_state()
    step = None
    if current is not None and current in AskStates.__all_states_names__:
        step = current.rpartition(":")[2]
    return QuestionDraft(
        meeting_id=draft.meeting_id,
        kind=draft.kind.value,
        text=draft.text,
        has_photo=draft.photo is not None,
        step=step,
    )


@router.message(Command("mydata"))
async def cmd_mydata(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    payload = await services.users.export_json(user.id, await unsent_question(state))
    await message.answer_document(
        BufferedInputFile(payload, filename=f"kezdesu-{user.id}.json"),
        caption=t("mydata-caption"),
    )


@router.message(Command("forget"))
async def cmd_forget(message: Message, t: Text) -> None:
    await message.answer(t("forget-ask"), reply_markup=forget_keyboard(t))


@router.callback_query(ForgetCb.filter(F.action == ForgetAction.CONFIRM))
async def cb_forget_confirm(
    query: CallbackQuery,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
    bot: Bot,
) -> None:
    was_official = await services.officials.is_official(user.id)
    await services.users.forget(user.id)
    await state.clear()
    if was_official:
        # Their role went with them: the chat's office menu goes too.
        await clear_office_menu(bot, services.translator, user.id)
    await query.answer()
    await edit_or_answer(query, t("forget-done"))


@router.callback_query(ForgetCb.filter(F.action == ForgetAction.CANCEL))
async def cb_forget_cancel(query: CallbackQuery, t: Text) -> None:
    await query.answer()
    await edit_or_answer(query, t("forget-cancelled"))
