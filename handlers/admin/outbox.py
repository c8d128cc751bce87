"""/outbox: what became of the notifications (sent, waiting, failed and why), and a button to
send the failed ones again. Admins only (the parent router lets only ADMIN_IDS in)."""

from html import escape

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import OutboxAction, OutboxCb
from handlers.keyboards import InlineKeyboard
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.container import Services
from services.delivery import DeliveryReport
from services.statuses import OutboxStatus
from services.users import UserView

router = Routes(name=__name__)

# In the order a clerk reads them: what went, what waits, what did not go and why.
SHOWN = (
    OutboxStatus.SENT,
    OutboxStatus.PENDING,
    OutboxStatus.SENDING,
    OutboxStatus.FAILED,
    OutboxStatus.UNREACHABLE,
    OutboxStatus.SKIPPED,
    OutboxStatus.EXPIRED,
)
# An error is Telegram's or the network's words, up to 300 characters; a line of the screen
# shows the start of it.
REASON_CHARS = 120


def report_text(report: DeliveryReport, t: Text) -> str:
    if not report.counts:
        return "\n".join([t("admin-outbox-title"), t("admin-outbox-empty")])
    lines = [t("admin-outbox-title")]
    lines += [
        t(f"admin-outbox-status-{status.value}", count=report.counts.get(status, 0))
        for status in SHOWN
    ]
    if report.oldest_due is not None:
        lines.append(t("admin-outbox-behind", since=t.datetime(report.oldest_due)))
    if report.reasons:
        lines.append(t("admin-outbox-reasons"))
        lines += [
            t("admin-outbox-reason", reason=escape(_short(reason)), count=count)
            for reason, count in report.reasons
        ]
    return "\n".join(lines)


def report_keyboard(report: DeliveryReport, t: Text) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    if report.failed:
        builder.button(
            text=t("admin-outbox-requeue-button", count=report.failed),
            callback_data=OutboxCb(action=OutboxAction.REQUEUE),
        )
    builder.button(
        text=t("admin-outbox-refresh-button"), callback_data=OutboxCb(action=OutboxAction.REFRESH)
    )
    builder.adjust(1)
    return builder.as_markup()


def _short(reason: str) -> str:
    reason = reason.strip() or "-"
    return reason if len(reason) <= REASON_CHARS else reason[: REASON_CHARS - 1] + "…"


@router.message(Command("outbox"))
async def cmd_outbox(message: Message, user: UserView, t: Text, services: Services) -> None:
    report = await services.delivery.report(user.id)
    await message.answer(report_text(report, t), reply_markup=report_keyboard(report, t))


@router.callback_query(OutboxCb.filter(F.action == OutboxAction.REFRESH))
async def cb_refresh(query: CallbackQuery, user: UserView, t: Text, services: Services) -> None:
    report = await services.delivery.report(user.id)
    await query.answer()
    await edit_or_answer(query, report_text(report, t), report_keyboard(report, t))


@router.callback_query(OutboxCb.filter(F.action == OutboxAction.REQUEUE))
async def cb_requeue(query: CallbackQuery, user: UserView, t: Text, services: Services) -> None:
    count = await services.delivery.requeue_failed(user.id)
    await query.answer(t("admin-outbox-requeued", count=count), show_alert=True)
    report = await services.delivery.report(user.id)
    await edit_or_answer(query, report_text(report, t), report_keyboard(report, t))
