"""/myquestions, and a meeting's list of questions and proposals with "👍 Me too".

Writing one is in ask.py.
"""

from html import escape

from aiogram import Bot, F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import (
    MeetingAction,
    MeetingCb,
    MyQuestionsCb,
    QuestionSort,
    QuestionsPageCb,
    SupportCb,
)
from handlers.citizen.ask import in_flow, meeting_line
from handlers.fit import shorten
from handlers.keyboards import InlineKeyboard
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.questions import QuestionOrder, QuestionView, SupportResult
from services.statuses import MeetingStatus, QuestionStatus
from services.users import UserView

router = Routes(name=__name__)

PAGE_SIZE = 5
# Lists show the start of long texts so a page stays far below Telegram's 4096 characters.
LIST_TEXT_LIMIT = 300
MINE_TEXT_LIMIT = 200
# The akimat's answer or reason in /myquestions; five items with both stay under 4096.
MINE_RESOLUTION_LIMIT = 250

SUPPORT_ANSWERS = {
    SupportResult.ADDED: "q-supported",
    SupportResult.ALREADY: "q-already-supported",
    SupportResult.OWN: "q-support-own",
    SupportResult.NOT_FOUND: "q-support-not-found",
    SupportResult.CLOSED: "q-support-closed",
}


# --- rendering --------------------------------------------------------------------------------


async def render_mine(
    user: UserView, t: Text, services: Services, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    result = await services.questions.mine(user.id, max(page, 0) * PAGE_SIZE, PAGE_SIZE)
    if not result.items and result.total:
        # A stale page number (questions gone since): show the last page there is.
        last = (result.pages - 1) * PAGE_SIZE
        result = await services.questions.mine(user.id, last, PAGE_SIZE)
    builder = InlineKeyboard()
    if not result.total:
        builder.button(
            text=t("q-meetings-button"),
            callback_data=MeetingCb(action=MeetingAction.LIST, meeting_id=0),
        )
        return t("q-mine-empty"), builder.as_markup()
    page = result.page
    blocks = [t("q-mine-title", total=result.total)]
    blocks += [mine_item(t, question) for question in result.items]
    if result.pages > 1:
        blocks.append(t("q-page", page=page + 1, pages=result.pages))
    if result.has_prev:
        builder.button(text=t("q-prev-button"), callback_data=MyQuestionsCb(page=page - 1))
    if result.has_next:
        builder.button(text=t("q-next-button"), callback_data=MyQuestionsCb(page=page + 1))
    return "\n\n".join(blocks), builder.as_markup()


def mine_item(t: Text, question: QuestionView) -> str:
    item = t(
        "q-mine-item",
        number=question.public_number,
        kind=t("q-kind", kind=question.kind.value),
        status=t("q-status", status=question.status.value),
        supports=t("q-supports", count=question.support_count),
        meeting=meeting_line(
            t, question.meeting_starts_at, question.host_name_kk, question.host_name_ru
        ),
        text=escape(shorten(question.text, MINE_TEXT_LIMIT)),
    )
    outcome = mine_outcome(t, question)
    return f"{item}\n{outcome}" if outcome else item


def mine_outcome(t: Text, question: QuestionView) -> str:
    """What the akimat decided (services/pool.py), shortened: the full answer or reason came
    to the author as a message of its own."""
    resolution = escape(shorten(question.resolution or "", MINE_RESOLUTION_LIMIT))
    if question.status is QuestionStatus.ANSWERED and resolution:
        return t("pool-mine-answer", resolution=resolution)
    if question.status is QuestionStatus.REJECTED and resolution:
        return t("pool-mine-reason", resolution=resolution)
    if question.status is QuestionStatus.MERGED and question.merged_into_number:
        return t("pool-mine-merged", number=question.merged_into_number)
    return ""


async def render_questions(
    user: UserView,
    t: Text,
    services: Services,
    meeting_id: int,
    page: int,
    sort: QuestionSort,
) -> tuple[str, InlineKeyboardMarkup] | str:
    """A page of a meeting's public list of questions, or the locale key saying why not."""
    brief = await services.questions.meeting(meeting_id)
    if brief is None or brief.status is MeetingStatus.DRAFT:
        return "q-meeting-not-found"
    if brief.status is MeetingStatus.CANCELLED:
        return "q-list-unavailable"
    order = QuestionOrder.NEWEST if sort is QuestionSort.NEW else QuestionOrder.SUPPORT
    result = await services.questions.browse(
        meeting_id, user.id, max(page, 0) * PAGE_SIZE, PAGE_SIZE, order
    )
    if not result.items and result.total:
        last = (result.pages - 1) * PAGE_SIZE
        result = await services.questions.browse(meeting_id, user.id, last, PAGE_SIZE, order)
    page = result.page
    now = services.clock.now()
    supports_open = brief.supports_open(now)
    blocks = [
        t(
            "q-list-title",
            total=result.total,
            meeting=meeting_line(t, brief.starts_at, brief.host_name_kk, brief.host_name_ru),
            sort="newest" if sort is QuestionSort.NEW else "support",
        )
    ]
    builder = InlineKeyboard()
    sizes: list[int] = []
    for index, question in enumerate(result.items, start=result.offset + 1):
        blocks.append(
            t(
                "q-list-item",
                index=index,
                number=question.public_number,
                kind=t("q-kind", kind=question.kind.value),
                count=question.support_count,
                own="yes" if question.is_own else "no",
                photo="yes" if question.photo_file_id else "no",
                text=escape(shorten(question.text, LIST_TEXT_LIMIT)),
            )
        )
        if supports_open and not question.is_own:
            builder.button(
                text=t(
                    "q-support-button",
                    index=index,
                    count=question.support_count,
                    supported="yes" if question.supported_by_viewer else "no",
                ),
                callback_data=SupportCb(question_id=question.id, page=page, sort=sort),
            )
            sizes.append(1)
    if not result.items:
        blocks.append(t("q-list-empty"))
    elif not supports_open:
        blocks.append(t("q-list-supports-closed"))
    elif any(not question.is_own for question in result.items):
        blocks.append(t("q-list-supports-hint"))
    if result.pages > 1:
        blocks.append(t("q-page", page=page + 1, pages=result.pages))

    navigation = 0
    if result.has_prev:
        builder.button(
            text=t("q-prev-button"),
            callback_data=QuestionsPageCb(meeting_id=meeting_id, page=page - 1, sort=sort),
        )
        navigation += 1
    if result.has_next:
        builder.button(
            text=t("q-next-button"),
            callback_data=QuestionsPageCb(meeting_id=meeting_id, page=page + 1, sort=sort),
        )
        navigation += 1
    if navigation:
        sizes.append(navigation)
    if result.total > 1:
        other = QuestionSort.SUPPORT if sort is QuestionSort.NEW else QuestionSort.NEW
        label = (
            "q-sort-support-button" if other is QuestionSort.SUPPORT else "q-sort-newest-button"
        )
        builder.button(
            text=t(label), callback_data=QuestionsPageCb(meeting_id=meeting_id, sort=other)
        )
        sizes.append(1)
    if brief.questions_open(now):
        builder.button(
            text=t("q-ask-button"),
            callback_data=MeetingCb(action=MeetingAction.ASK, meeting_id=meeting_id),
        )
        builder.button(
            text=t("q-propose-button"),
            callback_data=MeetingCb(action=MeetingAction.PROPOSE, meeting_id=meeting_id),
        )
        sizes.append(2)
    builder.button(
        text=t("q-back-to-meeting-button"),
        callback_data=MeetingCb(action=MeetingAction.OPEN, meeting_id=meeting_id),
    )
    sizes.append(1)
    builder.adjust(*sizes)
    return "\n\n".join(blocks), builder.as_markup()


# --- /myquestions -------------------------------------------------------------------------------


@router.message(Command("myquestions"))
async def cmd_myquestions(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    text, keyboard = await render_mine(user, t, services, 0)
    await message.answer(text, reply_markup=keyboard)
    if await in_flow(state):
        await message.answer(t("q-draft-pending"))


@router.callback_query(MyQuestionsCb.filter())
async def cb_myquestions_page(
    query: CallbackQuery,
    callback_data: MyQuestionsCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    text, keyboard = await render_mine(user, t, services, callback_data.page)
    await query.answer()
    await edit_or_answer(query, text, reply_markup=keyboard)


# --- a meeting's questions and "me too" ------------------------------------------------------


@router.callback_query(MeetingCb.filter(F.action == MeetingAction.QUESTIONS))
async def cb_meeting_questions(
    query: CallbackQuery,
    callback_data: MeetingCb,
    bot: Bot,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    rendered = await render_questions(
        user, t, services, callback_data.meeting_id, 0, QuestionSort.SUPPORT
    )
    if isinstance(rendered, str):
        await query.answer(t(rendered), show_alert=True)
        return
    await query.answer()
    # A new message: the meeting card it was opened from stays where it is.
    await bot.send_message(query.from_user.id, rendered[0], reply_markup=rendered[1])


@router.callback_query(QuestionsPageCb.filter())
async def cb_questions_page(
    query: CallbackQuery,
    callback_data: QuestionsPageCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    rendered = await render_questions(
        user, t, services, callback_data.meeting_id, callback_data.page, callback_data.sort
    )
    if isinstance(rendered, str):
        await query.answer(t(rendered), show_alert=True)
        return
    await query.answer()
    await edit_or_answer(query, rendered[0], reply_markup=rendered[1])


@router.callback_query(SupportCb.filter())
async def cb_support(
    query: CallbackQuery,
    callback_data: SupportCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    result = await services.questions.support(user.id, callback_data.question_id)
    await query.answer(
        t(SUPPORT_ANSWERS[result]),
        show_alert=result in (SupportResult.NOT_FOUND, SupportResult.CLOSED),
    )
    if result not in (SupportResult.ADDED, SupportResult.CLOSED):
        return
    question = await services.questions.get(callback_data.question_id)
    if question is None:
        return
    # Re-rendered so the new count shows (or, once closed, the buttons go).
    rendered = await render_questions(
        user, t, services, question.meeting_id, callback_data.page, callback_data.sort
    )
    if not isinstance(rendered, str):
        await edit_or_answer(query, rendered[0], reply_markup=rendered[1])


__all__ = ["render_mine", "render_questions", "router"]
