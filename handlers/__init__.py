"""The bot's routers, in the order they are tried.

Audience filters are set once on parent routers: citizen features run in private chats and
need consent; admin features need an id from ADMIN_IDS.
"""

from aiogram import F, Router

from bot.config import Settings
from handlers.admin import announce
from handlers.citizen import (
    ask,
    localities,
    meetings,
    privacy,
    questions,
    rating,
    start,
    subscriptions,
)

# Aliased: `settings` is the bot's configuration in get_routers.
from handlers.citizen import plans as citizen_plans
from handlers.citizen import settings as notification_settings
from handlers.common import consent_gate, errors, fallback
from handlers.filters import HasConsent, IsAdmin, IsStaff
from handlers.official import deadlines, new_meeting, office, officials
from handlers.official import meetings as meeting_office
from handlers.official import plans as plan_office
from handlers.official import pool as question_pool
from handlers.official import progress as plan_progress


def _detached(*routers: Router) -> tuple[Router, ...]:
    """The module routers, free to be included again.

    aiogram lets a router hang in one tree only, but a process may build the bot more than
    once (the tests build one per test); the old tree is discarded by then.
    """
    for router in routers:
        parent = router.parent_router
        if parent is not None:
            parent.sub_routers.remove(router)
            router._parent_router = None
    return routers


def get_routers(settings: Settings) -> list[Router]:
    private = F.chat.type == "private"
    private_callback = F.message.chat.type == "private"

    open_to_all = Router(name="open")
    open_to_all.message.filter(private)
    open_to_all.callback_query.filter(private_callback)
    open_to_all.include_routers(*_detached(start.router, privacy.router))

    admin = Router(name="admin")
    admin.message.filter(private, IsAdmin(settings.admin_ids))
    admin.callback_query.filter(private_callback, IsAdmin(settings.admin_ids))
    admin.include_routers(*_detached(announce.router))

    # Officials and admins alike; every handler inside re-checks the right on its akimat.
    staff = Router(name="staff")
    staff.message.filter(private, IsStaff())
    staff.callback_query.filter(private_callback, IsStaff())
    staff.include_routers(*_detached(office.router, officials.router))
    staff.include_routers(*_detached(deadlines.router))
    staff.include_routers(*_detached(question_pool.router))
    staff.include_routers(*_detached(new_meeting.router, meeting_office.router))
    staff.include_routers(*_detached(plan_office.router, plan_progress.router))

    # Staff commands and buttons from someone who is not (or no longer) staff: a clear answer,
    # and a pressed staff button is a denied attempt in the audit log.
    not_staff = Router(name="not-staff")
    not_staff.message.filter(private)
    not_staff.callback_query.filter(private_callback)
    not_staff.include_routers(*_detached(officials.outsiders))
    not_staff.include_routers(*_detached(plan_progress.outsiders))

    citizen = Router(name="citizen")
    citizen.message.filter(private, HasConsent())
    citizen.callback_query.filter(private_callback, HasConsent())
    citizen.include_routers(
        *_detached(
            localities.router,
            subscriptions.router,
            meetings.router,
            questions.router,
            ask.router,
            notification_settings.router,
            rating.router,
            citizen_plans.router,
        )
    )

    gate = Router(name="gate")
    gate.message.filter(private, ~HasConsent())
    gate.callback_query.filter(private_callback, ~HasConsent())
    gate.include_routers(*_detached(consent_gate.router))

    rest = Router(name="rest")
    rest.message.filter(private)
    rest.include_routers(*_detached(fallback.router))

    return [*_detached(errors.router), open_to_all, admin, staff, not_staff, citizen, gate, rest]
