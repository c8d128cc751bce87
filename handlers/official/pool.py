"""/pool <meeting>: a meeting's questions and proposals for the akimat, and what it does with them.

An official of the host akimat accepts an item into the list of problem issues, answers it,
rejects it with a reason, or merges a duplicate into another item; a higher akimat's official
may only look. The parent (staff) router lets officials and admins in; every handler here asks
the pool service again, which re-checks the right on the meeting's akimat in the database.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from aiogram import Bot, F
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from handlers.callbacks import (
    PoolExportCb,
    PoolItemAction,
    PoolItemCb,
    PoolKindFilter,
    PoolListCb,
    PoolMergeCb,
    PoolSendAction,
    PoolSendCb,
    PoolStatusFilter,
)
from handlers.fit import Fitted, fit, parts
from handlers.keyboards import InlineKeyboard
from handlers.names import locality_name
from handlers.numbers import parse_meeting_id
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.access import AccessDeniedError
from services.audit import AuditAction
from services.container import Services
from services.pool import (
    ActionResult,
    PoolAction,
    PoolError,
    PoolErrorReason,
    PoolItem,
    PoolMeeting,
    resolution_bounds,
    shorten,
    validate_resolution,
)
from services.pool_export import export_filename, export_pool
from services.statuses import QuestionKind, QuestionStatus
from services.users import UserView

router = Routes(name=__name__)

PAGE_SIZE = 5
# Lists quote the start of each text, so a page of five stays far below Telegram's 4096.
LIST_TEXT_LIMIT = 250
PICK_TEXT_LIMIT = 150
DRAFT_KEY = "pool_draft"

STATUS_FILTERS: dict[PoolStatusFilter, QuestionStatus | None] = {
    PoolStatusFilter.ALL: None,
    PoolStatusFilter.NEW: QuestionStatus.NEW,
    PoolStatusFilter.ACCEPTED: QuestionStatus.ACCEPTED,
    PoolStatusFilter.ANSWERED: QuestionStatus.ANSWERED,
    PoolStatusFilter.REJECTED: QuestionStatus.REJECTED,
    PoolStatusFilter.MERGED: QuestionStatus.MERGED,
}
KIND_FILTERS: dict[PoolKindFilter, QuestionKind | None] = {
    PoolKindFilter.ALL: None,
    PoolKindFilter.QUESTION: QuestionKind.QUESTION,
    PoolKindFilter.PROPOSAL: QuestionKind.PROPOSAL,
}
RESOLUTION_ACTIONS = {
    PoolItemAction.ANSWER: PoolAction.ANSWER,
    PoolItemAction.REJECT: PoolAction.REJECT,
}


class PoolStates(StatesGroup):
    # Typing the answer or the reason; then looking at it before it is sent.
    text = State()
    confirm = State()


@dataclass(frozen=True, slots=True)
class ListContext:
    """The page of the pool an official came from, to go back to it."""

    meeting_id: int
    status: PoolStatusFilter = PoolStatusFilter.ALL
    kind: PoolKindFilter = PoolKindFilter.ALL
    page: int = 0

    def list_cb(
        self,
        *,
        status: PoolStatusFilter | None = None,
        kind: PoolKindFilter | None = None,
        page: int | None = None,
    ) -> PoolListCb:
        return PoolListCb(
            meeting_id=self.meeting_id,
            status=self.status if status is None else status,
            kind=self.kind if kind is None else kind,
            page=self.page if page is None else page,
        )

    def item_cb(self, action: PoolItemAction, question_id: int) -> PoolItemCb:
        return PoolItemCb(
            action=action,
            question_id=question_id,
            status=self.status,
            kind=self.kind,
            page=self.page,
        )

    def merge_cb(
        self, question_id: int, target_id: int = 0, pick_page: int = 0, confirm: bool = False
    ) -> PoolMergeCb:
        return PoolMergeCb(
            question_id=question_id,
            target_id=target_id,
            pick_page=pick_page,
            confirm=confirm,
            status=self.status,
            kind=self.kind,
            page=self.page,
        )


@dataclass(frozen=True, slots=True)
class PoolDraft:
    """An answer or reason being typed; kept in the FSM storage (a restart loses nothing)."""

    question_id: int
    action: PoolAction
    context: ListContext
    text: str | None = None

    def dump(self) -> dict[str, object]:
        return {
            "question_id": self.question_id,
            "action": self.action.value,
            "meeting_id": self.context.meeting_id,
            "status": self.context.status.value,
            "kind": self.context.kind.value,
            "page": self.context.page,
            "text": self.text,
        }

    @classmethod
    def load(cls, data: dict[str, object]) -> "PoolDraft | None":
        raw = data.get(DRAFT_KEY)
        if not isinstance(raw, dict):
            return None
        try:
            context = ListContext(
                meeting_id=int(raw["meeting_id"]),
                status=PoolStatusFilter(raw["status"]),
                kind=PoolKindFilter(raw["kind"]),
                page=int(raw["page"]),
            )
            text = raw.get("text")
            return cls(
                question_id=int(raw["question_id"]),
                action=PoolAction(raw["action"]),
                context=context,
                text=text if isinstance(text, str) else None,
            )
        except (KeyError, TypeError, ValueError):
            return None


def pool_button(meeting_id: int, t: Text) -> InlineKeyboardButton:
    """The button that opens a meeting's pool, for other features' meeting cards."""
    return InlineKeyboardButton(
        text=t("pool-button"), callback_data=PoolListCb(meeting_id=meeting_id).pack()
    )


# --- rendering --------------------------------------------------------------------------------


def meeting_line(t: Text, meeting: PoolMeeting) -> str:
    return t(
        "q-meeting-line",
        when=t.datetime(meeting.starts_at),
        host=locality_name(meeting.host_name_kk, meeting.host_name_ru, t.locale),
    )


ERROR_KEYS = {
    PoolErrorReason.QUESTION_NOT_FOUND: "pool-question-not-found",
    PoolErrorReason.ALREADY_ACCEPTED: "pool-already-accepted",
    PoolErrorReason.BAD_TARGET: "pool-bad-target",
}


def error_text(t: Text, error: PoolError | AccessDeniedError, meeting_id: int = 0) -> str:
    """A short answer (it fits a pop-up) to a refused look or act."""
    if isinstance(error, AccessDeniedError):
        return t("access-denied")
    if error.reason is PoolErrorReason.MEETING_NOT_FOUND:
        return t("pool-meeting-not-found", id=str(meeting_id))
    if error.reason is PoolErrorReason.ALREADY_DONE:
        return t("pool-already-done", status=error.status.value if error.status else "other")
    # Too short and too long come from typed text and are answered where it is typed.
    return t(ERROR_KEYS.get(error.reason, "pool-question-not-found"))


async def render_list(
    user: UserView, t: Text, services: Services, context: ListContext
) -> tuple[str, InlineKeyboardMarkup]:
    status = STATUS_FILTERS[context.status]
    kind = KIND_FILTERS[context.kind]
    meeting, counts, page = await services.pool.page(
        user.id,
        context.meeting_id,
        status=status,
        kind=kind,
        offset=max(context.page, 0) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    context = ListContext(context.meeting_id, context.status, context.kind, page.page)
    cutoff = t.datetime(meeting.questions_cutoff)
    blocks = [
        t("pool-title", id=str(meeting.id), meeting=meeting_line(t, meeting)),
        t("pool-collection-open", cutoff=cutoff)
        if meeting.collection_open
        else t("pool-collection-closed", cutoff=cutoff),
        t(
            "pool-counts",
            **{state.value: counts.of(state) for state in QuestionStatus},
        ),
    ]
    if not meeting.can_act:
        blocks.append(t("pool-read-only"))
    blocks.append(
        t(
            "pool-filter-line",
            status=status.value if status else "all",
            kind=kind.value if kind else "all",
        )
    )
    for index, item in enumerate(page.items, start=page.offset + 1):
        blocks.append(
            t(
                "pool-item",
                index=index,
                number=item.public_number,
                kind=t("pool-kind-icon", kind=item.kind.value),
                status=t("pool-status-icon", status=item.status.value),
                count=item.support_count,
                text=escape(shorten(item.text, LIST_TEXT_LIMIT)),
            )
        )
    if not page.items:
        blocks.append(t("pool-empty") if counts.total == 0 else t("pool-empty-filter"))
    else:
        blocks.append(t("pool-open-hint"))
    if page.pages > 1:
        blocks.append(t("pool-page", page=page.page + 1, pages=page.pages))

    builder = InlineKeyboard()
    sizes: list[int] = []
    for index, item in enumerate(page.items, start=page.offset + 1):
        builder.button(
            text=t("pool-open-button", index=index),
            callback_data=context.item_cb(PoolItemAction.OPEN, item.id),
        )
    if page.items:
        sizes.append(len(page.items))
    navigation = 0
    if page.has_prev:
        builder.button(text=t("q-prev-button"), callback_data=context.list_cb(page=page.page - 1))
        navigation += 1
    if page.has_next:
        builder.button(text=t("q-next-button"), callback_data=context.list_cb(page=page.page + 1))
        navigation += 1
    if navigation:
        sizes.append(navigation)
    for status_filter, filter_status in STATUS_FILTERS.items():
        builder.button(
            text=t(
                "pool-filter-status",
                status=filter_status.value if filter_status else "all",
                count=counts.of(filter_status),
                current="yes" if status_filter is context.status else "no",
            ),
            callback_data=context.list_cb(status=status_filter, page=0),
        )
    sizes += [3, 3]
    for kind_filter, filter_kind in KIND_FILTERS.items():
        builder.button(
            text=t(
                "pool-filter-kind",
                kind=filter_kind.value if filter_kind else "all",
                current="yes" if kind_filter is context.kind else "no",
            ),
            callback_data=context.list_cb(kind=kind_filter, page=0),
        )
    sizes.append(3)
    builder.button(text=t("pool-export-button"), callback_data=PoolExportCb(meeting_id=meeting.id))
    sizes.append(1)
    builder.adjust(*sizes)
    return "\n\n".join(blocks), builder.as_markup()


def card_text(t: Text, meeting: PoolMeeting, item: PoolItem) -> Fitted:
    """The card of one question; the question and its answer (1,500 and 2,000 characters at
    most, emoji count twice) are shortened when together they would not fit a message."""

    def render(texts: Mapping[str, str]) -> str:
        blocks = [
            t(
                "pool-card",
                number=item.public_number,
                kind=t("q-kind", kind=item.kind.value),
                status=t("q-status", status=item.status.value),
                supports=t("q-supports", count=item.support_count),
                created=t.datetime(item.created_at),
                photo="yes" if item.photo_file_id else "no",
                meeting=meeting_line(t, meeting),
                text=texts["text"],
            )
        ]
        when = t.datetime(item.status_changed_at) if item.status_changed_at else "—"
        resolution = texts.get("resolution", "")
        if item.status is QuestionStatus.ANSWERED:
            blocks.append(t("pool-card-answer", when=when, resolution=resolution))
        elif item.status is QuestionStatus.REJECTED:
            blocks.append(t("pool-card-reason", when=when, resolution=resolution))
        elif item.status is QuestionStatus.MERGED:
            blocks.append(t("pool-card-merged", when=when, number=item.merged_into_number or "—"))
        elif item.status is QuestionStatus.ACCEPTED:
            blocks.append(t("pool-card-accepted", when=when))
        return "\n\n".join(blocks)

    return fit(render, {"text": item.text, "resolution": item.resolution or ""})


def full_text(t: Text, item: PoolItem) -> list[str]:
    """The question and its answer or reason in full, as plain messages that fit."""
    text = f"{item.public_number}\n\n{item.text}"
    if item.resolution and item.status is QuestionStatus.ANSWERED:
        text += "\n\n" + t("pool-full-answer") + "\n" + item.resolution
    elif item.resolution and item.status is QuestionStatus.REJECTED:
        text += "\n\n" + t("pool-full-reason") + "\n" + item.resolution
    return parts(text)


def card_keyboard(
    t: Text, meeting: PoolMeeting, item: PoolItem, context: ListContext, *, shortened: bool = False
) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    sizes: list[int] = []
    if shortened:
        builder.button(
            text=t("screen-full-text-button"),
            callback_data=context.item_cb(PoolItemAction.FULL, item.id),
        )
        sizes.append(1)
    if meeting.can_act and item.is_open:
        acts = [
            (PoolItemAction.ANSWER, "pool-answer-button"),
            (PoolItemAction.REJECT, "pool-reject-button"),
            (PoolItemAction.MERGE, "pool-merge-button"),
        ]
        if item.status is QuestionStatus.NEW:
            acts.insert(0, (PoolItemAction.ACCEPT, "pool-accept-button"))
        for action, key in acts:
            builder.button(text=t(key), callback_data=context.item_cb(action, item.id))
        sizes += [2] * (len(acts) // 2) + [1] * (len(acts) % 2)
    if item.photo_file_id:
        builder.button(
            text=t("pool-photo-button"),
            callback_data=context.item_cb(PoolItemAction.PHOTO, item.id),
        )
        sizes.append(1)
    builder.button(text=t("pool-back-button"), callback_data=context.list_cb())
    sizes.append(1)
    builder.adjust(*sizes)
    return builder.as_markup()


async def render_card(
    user: UserView, t: Text, services: Services, question_id: int, context: ListContext
) -> tuple[str, InlineKeyboardMarkup]:
    meeting, item = await services.pool.item(user.id, question_id)
    context = ListContext(meeting.id, context.status, context.kind, context.page)
    card = card_text(t, meeting, item)
    return card.html, card_keyboard(t, meeting, item, context, shortened=card.shortened)


async def render_merge_pick(
    user: UserView,
    t: Text,
    services: Services,
    question_id: int,
    pick_page: int,
    context: ListContext,
) -> tuple[str, InlineKeyboardMarkup]:
    duplicate, page = await services.pool.merge_candidates(
        user.id, question_id, max(pick_page, 0) * PAGE_SIZE, PAGE_SIZE
    )
    blocks = [
        t(
            "pool-merge-pick",
            number=duplicate.public_number,
            text=escape(shorten(duplicate.text, PICK_TEXT_LIMIT)),
        )
    ]
    builder = InlineKeyboard()
    sizes: list[int] = []
    for index, item in enumerate(page.items, start=page.offset + 1):
        blocks.append(
            t(
                "pool-merge-candidate",
                index=index,
                number=item.public_number,
                kind=t("pool-kind-icon", kind=item.kind.value),
                status=t("pool-status-icon", status=item.status.value),
                count=item.support_count,
                text=escape(shorten(item.text, PICK_TEXT_LIMIT)),
            )
        )
        builder.button(
            text=t("pool-open-button", index=index),
            callback_data=context.merge_cb(question_id, target_id=item.id, pick_page=page.page),
        )
    if page.items:
        sizes.append(len(page.items))
    else:
        blocks.append(t("pool-merge-none"))
    if page.pages > 1:
        blocks.append(t("pool-page", page=page.page + 1, pages=page.pages))
    navigation = 0
    if page.has_prev:
        builder.button(
            text=t("q-prev-button"),
            callback_data=context.merge_cb(question_id, pick_page=page.page - 1),
        )
        navigation += 1
    if page.has_next:
        builder.button(
            text=t("q-next-button"),
            callback_data=context.merge_cb(question_id, pick_page=page.page + 1),
        )
        navigation += 1
    if navigation:
        sizes.append(navigation)
    builder.button(
        text=t("pool-back-to-question-button"),
        callback_data=context.item_cb(PoolItemAction.OPEN, question_id),
    )
    sizes.append(1)
    builder.adjust(*sizes)
    return "\n\n".join(blocks), builder.as_markup()


async def render_merge_confirm(
    user: UserView,
    t: Text,
    services: Services,
    callback_data: PoolMergeCb,
    context: ListContext,
) -> tuple[str, InlineKeyboardMarkup]:
    _, duplicate = await services.pool.item(user.id, callback_data.question_id)
    _, target = await services.pool.item(user.id, callback_data.target_id)
    text = t(
        "pool-merge-confirm",
        number=duplicate.public_number,
        count=duplicate.support_count,
        target=target.public_number,
        target_count=target.support_count,
        target_text=escape(shorten(target.text, LIST_TEXT_LIMIT)),
    )
    builder = InlineKeyboard()
    builder.button(
        text=t("pool-merge-confirm-button"),
        callback_data=context.merge_cb(duplicate.id, target_id=target.id, confirm=True),
    )
    builder.button(
        text=t("cancel-button"),
        callback_data=context.merge_cb(duplicate.id, pick_page=callback_data.pick_page),
    )
    builder.adjust(2)
    return text, builder.as_markup()


def back_keyboard(t: Text, context: ListContext) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("pool-back-button"), callback_data=context.list_cb())
    return builder.as_markup()


def send_keyboard(t: Text, question_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("pool-send-button"),
        callback_data=PoolSendCb(action=PoolSendAction.SEND, question_id=question_id),
    )
    builder.button(
        text=t("cancel-button"),
        callback_data=PoolSendCb(action=PoolSendAction.CANCEL, question_id=question_id),
    )
    builder.adjust(2)
    return builder.as_markup()


def cancel_keyboard(t: Text, question_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("cancel-button"),
        callback_data=PoolSendCb(action=PoolSendAction.CANCEL, question_id=question_id),
    )
    return builder.as_markup()


def context_of(callback_data: PoolItemCb | PoolMergeCb, meeting_id: int = 0) -> ListContext:
    return ListContext(meeting_id, callback_data.status, callback_data.kind, callback_data.page)


async def in_pool_flow(state: FSMContext) -> bool:
    current = await state.get_state()
    return current is not None and current in PoolStates.__all_states_names__


# --- /pool and the list -----------------------------------------------------------------------


@router.message(Command("pool"))
async def cmd_pool(
    message: Message,
    command: CommandObject,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    if await in_pool_flow(state):
        # A new look at the pool drops a half-typed answer rather than sending it later.
        await state.clear()
    meeting_id = parse_meeting_id(command.args)
    if meeting_id is None:
        text, choice = await render_meeting_choice(user, t, services)
        await message.answer(text, reply_markup=choice)
        return
    try:
        text, keyboard = await render_list(user, t, services, ListContext(meeting_id))
    except PoolError as error:
        await message.answer(error_text(t, error, meeting_id))
        return
    await message.answer(text, reply_markup=keyboard)


async def render_meeting_choice(
    user: UserView, t: Text, services: Services
) -> tuple[str, InlineKeyboardMarkup | None]:
    meetings = await services.pool.meetings_for(user.id)
    if not meetings:
        return t("pool-usage-none"), None
    builder = InlineKeyboard()
    for meeting in meetings:
        builder.button(
            text=t(
                "pool-meeting-button",
                id=str(meeting.id),
                when=t.date(meeting.starts_at),
                host=locality_name(meeting.host_name_kk, meeting.host_name_ru, t.locale),
                open=meeting.open_items,
            ),
            callback_data=PoolListCb(meeting_id=meeting.id),
        )
    builder.adjust(1)
    return t("pool-usage"), builder.as_markup()


def held_text(t: Text, result: ActionResult) -> str:
    """ " N more wait for their quiet hours to end." after the count of those told now; empty
    when nobody waits."""
    return " " + t("pool-held", count=result.held) if result.held else ""


@router.callback_query(PoolListCb.filter())
async def cb_pool_list(
    query: CallbackQuery,
    callback_data: PoolListCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    context = ListContext(
        callback_data.meeting_id, callback_data.status, callback_data.kind, callback_data.page
    )
    try:
        text, keyboard = await render_list(user, t, services, context)
    except PoolError as error:
        await query.answer(error_text(t, error, callback_data.meeting_id), show_alert=True)
        return
    await query.answer()
    await edit_or_answer(query, text, reply_markup=keyboard)


@router.callback_query(PoolExportCb.filter())
async def cb_pool_export(
    query: CallbackQuery,
    callback_data: PoolExportCb,
    bot: Bot,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    meeting_id = callback_data.meeting_id
    try:
        await services.pool.open(user.id, meeting_id, action=AuditAction.POOL_EXPORT)
    except PoolError as error:
        await query.answer(error_text(t, error, meeting_id), show_alert=True)
        return
    await query.answer(t("pool-export-preparing"))
    try:
        export = await export_pool(services.pool, user.id, meeting_id, t)
    except (PoolError, AccessDeniedError) as error:
        # Lost between the check and the export (the meeting deleted, the official removed).
        await bot.send_message(query.from_user.id, error_text(t, error, meeting_id))
        return
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(export.data, filename=export_filename(meeting_id)),
        caption=t(
            "pool-export-caption",
            id=str(meeting_id),
            count=export.rows,
            when=t.datetime(services.clock.now()),
        ),
    )


# --- one question -----------------------------------------------------------------------------


@router.callback_query(PoolItemCb.filter(F.action == PoolItemAction.OPEN))
async def cb_pool_open(
    query: CallbackQuery,
    callback_data: PoolItemCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    try:
        text, keyboard = await render_card(
            user, t, services, callback_data.question_id, context_of(callback_data)
        )
    except PoolError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    await query.answer()
    await edit_or_answer(query, text, reply_markup=keyboard)


@router.callback_query(PoolItemCb.filter(F.action == PoolItemAction.PHOTO))
async def cb_pool_photo(
    query: CallbackQuery,
    callback_data: PoolItemCb,
    bot: Bot,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    try:
        _, item = await services.pool.item(user.id, callback_data.question_id)
    except PoolError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    if not item.photo_file_id:
        await query.answer(t("pool-no-photo"), show_alert=True)
        return
    await query.answer()
    await bot.send_photo(query.from_user.id, item.photo_file_id, caption=item.public_number)


@router.callback_query(PoolItemCb.filter(F.action == PoolItemAction.FULL))
async def cb_pool_full_text(
    query: CallbackQuery,
    callback_data: PoolItemCb,
    bot: Bot,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    """The card was shortened to fit a message: the full texts, in as many as they need."""
    try:
        _, item = await services.pool.item(user.id, callback_data.question_id)
    except PoolError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    await query.answer()
    for part in full_text(t, item):
        await bot.send_message(query.from_user.id, part, parse_mode=None)


@router.callback_query(PoolItemCb.filter(F.action == PoolItemAction.ACCEPT))
async def cb_pool_accept(
    query: CallbackQuery,
    callback_data: PoolItemCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    try:
        result = await services.pool.accept(user.id, callback_data.question_id)
        text, keyboard = await render_card(
            user, t, services, callback_data.question_id, context_of(callback_data)
        )
    except PoolError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    await query.answer(t("pool-accepted", notified=result.notified) + held_text(t, result))
    await edit_or_answer(query, text, reply_markup=keyboard)


@router.callback_query(
    PoolItemCb.filter(F.action.in_({PoolItemAction.ANSWER, PoolItemAction.REJECT}))
)
async def cb_pool_resolve(
    query: CallbackQuery,
    callback_data: PoolItemCb,
    bot: Bot,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    action = RESOLUTION_ACTIONS[callback_data.action]
    try:
        await services.pool.authorize(user.id, callback_data.question_id, action)
        meeting, item = await services.pool.item(user.id, callback_data.question_id)
    except PoolError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    if not item.is_open:
        await query.answer(t("pool-already-done", status=item.status.value), show_alert=True)
        return
    draft = PoolDraft(item.id, action, context_of(callback_data, meeting.id))
    await state.set_state(PoolStates.text)
    await state.update_data({DRAFT_KEY: draft.dump()})
    low, high = resolution_bounds(action)
    key = "pool-answer-prompt" if action is PoolAction.ANSWER else "pool-reject-prompt"
    await query.answer()
    await bot.send_message(
        query.from_user.id,
        t(key, number=item.public_number, min=low, max=high),
        reply_markup=cancel_keyboard(t, item.id),
    )


@router.message(Command("cancel"), StateFilter(PoolStates))
async def cmd_pool_cancel(message: Message, t: Text, state: FSMContext) -> None:
    await state.clear()
    await message.answer(t("pool-cancelled"))


@router.message(StateFilter(PoolStates), F.text, ~F.text.startswith("/"))
async def msg_pool_text(
    message: Message, user: UserView, t: Text, state: FSMContext, services: Services
) -> None:
    draft = PoolDraft.load(await state.get_data())
    if draft is None:
        await state.clear()
        await message.answer(t("pool-draft-lost"))
        return
    low, high = resolution_bounds(draft.action)
    try:
        cleaned = validate_resolution(message.text or "", draft.action)
        _, item = await services.pool.item(user.id, draft.question_id)
    except PoolError as error:
        if error.reason is PoolErrorReason.TOO_SHORT:
            await message.answer(t("pool-too-short", length=error.length, min=low, max=high))
        elif error.reason is PoolErrorReason.TOO_LONG:
            await message.answer(
                t("pool-too-long", length=error.length, max=high, over=error.length - high)
            )
        else:
            await state.clear()
            await message.answer(error_text(t, error))
        return
    except AccessDeniedError as error:
        await state.clear()
        await message.answer(error_text(t, error))
        return
    draft = PoolDraft(draft.question_id, draft.action, draft.context, cleaned)
    await state.set_state(PoolStates.confirm)
    await state.update_data({DRAFT_KEY: draft.dump()})
    if draft.action is PoolAction.ANSWER:
        preview = fit(
            lambda texts: t(
                "pool-preview-answer",
                number=item.public_number,
                text=texts["text"],
                supporters=item.support_count,
            ),
            {"text": cleaned},
        )
    else:
        preview = fit(
            lambda texts: t("pool-preview-reject", number=item.public_number, text=texts["text"]),
            {"text": cleaned},
        )
    await message.answer(preview.html, reply_markup=send_keyboard(t, draft.question_id))


@router.message(StateFilter(PoolStates), ~F.text.startswith("/"))
async def msg_pool_unexpected(message: Message, t: Text) -> None:
    # Stickers, photos, voice: an answer is text the citizen can read.
    await message.answer(t("pool-expect-text"))


@router.callback_query(PoolSendCb.filter(F.action == PoolSendAction.CANCEL))
async def cb_pool_send_cancel(
    query: CallbackQuery, callback_data: PoolSendCb, t: Text, state: FSMContext
) -> None:
    draft = PoolDraft.load(await state.get_data())
    if draft is not None and draft.question_id == callback_data.question_id:
        await state.clear()
    await query.answer()
    await edit_or_answer(query, t("pool-cancelled"))


@router.callback_query(PoolSendCb.filter(F.action == PoolSendAction.SEND))
async def cb_pool_send(
    query: CallbackQuery,
    callback_data: PoolSendCb,
    user: UserView,
    t: Text,
    state: FSMContext,
    services: Services,
) -> None:
    draft = PoolDraft.load(await state.get_data())
    if (
        await state.get_state() != PoolStates.confirm.state
        or draft is None
        or draft.question_id != callback_data.question_id
        or not draft.text
    ):
        await query.answer(t("pool-draft-lost"), show_alert=True)
        return
    try:
        if draft.action is PoolAction.ANSWER:
            result = await services.pool.answer(user.id, draft.question_id, draft.text)
        else:
            result = await services.pool.reject(user.id, draft.question_id, draft.text)
    except (PoolError, AccessDeniedError) as error:
        await state.clear()
        await query.answer(error_text(t, error), show_alert=True)
        return
    await state.clear()
    key = "pool-answered" if draft.action is PoolAction.ANSWER else "pool-rejected"
    await query.answer()
    done = t(key, number=result.item.public_number, notified=result.notified)
    done += held_text(t, result)
    preview = query.message.html_text if isinstance(query.message, Message) else ""
    # The preview keeps what was sent, with the outcome below it and no buttons.
    await edit_or_answer(
        query,
        f"{preview}\n\n{done}" if preview else done,
        reply_markup=back_keyboard(t, draft.context),
    )


# --- merging ----------------------------------------------------------------------------------


@router.callback_query(PoolItemCb.filter(F.action == PoolItemAction.MERGE))
async def cb_pool_merge_start(
    query: CallbackQuery,
    callback_data: PoolItemCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    try:
        await services.pool.authorize(user.id, callback_data.question_id, PoolAction.MERGE)
        text, keyboard = await render_merge_pick(
            user, t, services, callback_data.question_id, 0, context_of(callback_data)
        )
    except PoolError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    await query.answer()
    await edit_or_answer(query, text, reply_markup=keyboard)


@router.callback_query(PoolMergeCb.filter())
async def cb_pool_merge(
    query: CallbackQuery,
    callback_data: PoolMergeCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    context = context_of(callback_data)
    try:
        await services.pool.authorize(user.id, callback_data.question_id, PoolAction.MERGE)
        if not callback_data.target_id:
            text, keyboard = await render_merge_pick(
                user, t, services, callback_data.question_id, callback_data.pick_page, context
            )
        elif not callback_data.confirm:
            text, keyboard = await render_merge_confirm(user, t, services, callback_data, context)
        else:
            result = await services.pool.merge(
                user.id, callback_data.question_id, callback_data.target_id
            )
            target = result.target
            assert target is not None
            text = t(
                "pool-merged",
                number=result.item.public_number,
                target=target.public_number,
                count=target.support_count,
                notified=result.notified,
            ) + held_text(t, result)
            context = ListContext(
                result.item.meeting_id, context.status, context.kind, context.page
            )
            keyboard = back_keyboard(t, context)
    except PoolError as error:
        await query.answer(error_text(t, error), show_alert=True)
        return
    await query.answer()
    await edit_or_answer(query, text, reply_markup=keyboard)


__all__ = ["PoolStates", "pool_button", "router"]
