"""Buttons of officials and admins pressed by someone who may not press them: a citizen who
forged one, an official removed since the keyboard was sent (their old pool, meeting or
deadline buttons), an official pressing an admin's button. Each press is a denied attempt in
the audit log, named for the feature the button belongs to, and the person reads why.

The officials' own buttons (handlers/official/officials.py) and the plans' and reports'
(handlers/official/progress/outsiders.py) have their outsiders beside them; these are the rest.
"""

from aiogram import F
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery

from handlers.callbacks import (
    AdminDurationCb,
    AdminMeetingCb,
    AdminPickCb,
    CalendarMarkCb,
    DeadlinesCb,
    LcCalendarCb,
    LcListCb,
    LcMeetingCb,
    LcPresentationCb,
    OutboxCb,
    PoolExportCb,
    PoolItemCb,
    PoolListCb,
    PoolMergeCb,
    PoolSendCb,
)
from handlers.filters import IsStaff
from handlers.routes import Routes
from locales import Text
from services.audit import AuditAction
from services.container import Services


def _heads(*factories: type[CallbackData]) -> tuple[str, ...]:
    return tuple(f"{factory.__prefix__}{factory.__separator__}" for factory in factories)


# The audit log's action for each feature's buttons, and the buttons.
STAFF_BUTTONS: dict[AuditAction, tuple[str, ...]] = {
    AuditAction.POOL_BUTTON: _heads(PoolListCb, PoolItemCb, PoolMergeCb, PoolSendCb, PoolExportCb),
    AuditAction.LIFECYCLE_BUTTON: _heads(LcListCb, LcMeetingCb, LcPresentationCb, LcCalendarCb),
    AuditAction.NEWMEETING_BUTTON: _heads(AdminPickCb, AdminMeetingCb, AdminDurationCb),
    AuditAction.DEADLINES_BUTTON: _heads(DeadlinesCb, CalendarMarkCb),
}
ADMIN_BUTTONS: dict[AuditAction, tuple[str, ...]] = {AuditAction.OUTBOX_BUTTON: _heads(OutboxCb)}

# Officials who pressed a button none of their handlers took get what they got before (the
# stale button's answer): these are for people who are not staff at all.
staff_buttons = Routes(name=f"{__name__}.staff")
staff_buttons.callback_query.filter(~IsStaff())
# Filtered to those who are not admins where the routers are put together (handlers/__init__.py
# knows the admins' ids).
admin_buttons = Routes(name=f"{__name__}.admin")


def action_of(data: str, families: dict[AuditAction, tuple[str, ...]]) -> AuditAction | None:
    """The audit action of a button's callback data, None when it is none of ``families``."""
    for action, heads in families.items():
        if data.startswith(heads):
            return action
    return None


async def _refuse(query: CallbackQuery, action: AuditAction, services: Services) -> None:
    await services.access.audit(
        query.from_user.id, action, target=(query.data or "")[:100], allowed=False
    )


@staff_buttons.callback_query(F.data.func(lambda data: action_of(data, STAFF_BUTTONS)))
async def cb_staff_button(query: CallbackQuery, t: Text, services: Services) -> None:
    await _refuse(
        query, action_of(query.data or "", STAFF_BUTTONS) or AuditAction.STAFF_BUTTON, services
    )
    await query.answer(t("outsider-staff-button"), show_alert=True)


@admin_buttons.callback_query(F.data.func(lambda data: action_of(data, ADMIN_BUTTONS)))
async def cb_admin_button(query: CallbackQuery, t: Text, services: Services) -> None:
    await _refuse(
        query, action_of(query.data or "", ADMIN_BUTTONS) or AuditAction.ADMIN_BUTTON, services
    )
    await query.answer(t("outsider-admin-button"), show_alert=True)
