"""The bot's routers, in the order they are tried.

Audience filters are set once on parent routers: citizen features run in private chats and
need consent; admin features need an id from ADMIN_IDS.
"""

from aiogram import F, Router

from handlers.admin import announce, coordinators, outbox
from handlers.citizen import (
    ask,
    calendar,
    demands,
    localities,
    meetings,
    privacy,
    questions,
    rating,
    start,
    subscriptions,
)

# Aliased: a bare `settings` would read as the bot's configuration.
from handlers.citizen import plans as citizen_plans
from handlers.citizen import settings as notification_settings
from handlers.common import consent_gate, errors, fallback, outsiders
from handlers.filters import HasConsent, IsAdmin, IsStaff
from handlers.official import calendar as calendar_office
from handlers.official import channel as channel_office
from handlers.official import coverage as coverage_office
from handlers.official import deadlines, feedback_entry, new_meeting, office, officials, report
from handlers.official import demands as demand_office
from handlers.official import meetings as meeting_office
from handlers.official import not_staff as staff_commands
from handlers.official import plans as plan_office
from handlers.official import pool as question_pool
from handlers.official import progress as plan_progress


def get_routers(admin_ids: frozenset[int]) -> list[Router]:
    """New routers on every call: a process may build the bot more than once (the tests build
    one per test), and aiogram lets a router hang in one tree only."""
    private = F.chat.type == "private"
    private_callback = F.message.chat.type == "private"

    open_to_all = Router(name="open")
    open_to_all.message.filter(private)
    open_to_all.callback_query.filter(private_callback)
    open_to_all.include_routers(start.router.build(), privacy.router.build())

    admin = Router(name="admin")
    admin.message.filter(private, IsAdmin(admin_ids))
    admin.callback_query.filter(private_callback, IsAdmin(admin_ids))
    admin.include_routers(outbox.router.build(), coordinators.router.build())

    # Officials and admins alike; every handler inside re-checks the right on its akimat.
    staff = Router(name="staff")
    staff.message.filter(private, IsStaff())
    staff.callback_query.filter(private_callback, IsStaff())
    # The one answer to a refusal (services.access raises AccessDeniedError, already audited).
    staff.include_routers(errors.denied.build())
    staff.include_routers(office.router.build(), officials.router.build())
    staff.include_routers(deadlines.router.build())
    staff.include_routers(feedback_entry.router.build(), report.router.build())
    staff.include_routers(calendar_office.router.build(), coverage_office.router.build())
    staff.include_routers(question_pool.router.build())
    staff.include_routers(new_meeting.router.build(), meeting_office.router.build())
    staff.include_routers(demand_office.router.build(), channel_office.router.build())
    # /announce <id>: an official for their akimat, an admin for any (the lifecycle checks).
    staff.include_routers(announce.router.build())
    staff.include_routers(*(routes.build() for routes in plan_office.ROUTES))
    staff.include_routers(*(routes.build() for routes in plan_progress.ROUTES))

    # Staff commands and buttons from someone who is not (or no longer) staff: a clear answer,
    # and a pressed staff button is a denied attempt in the audit log.
    not_staff = Router(name="not-staff")
    not_staff.message.filter(private)
    not_staff.callback_query.filter(private_callback)
    not_staff.include_routers(staff_commands.router.build())
    not_staff.include_routers(officials.outsiders.build(), coordinators.outsiders.build())
    not_staff.include_routers(plan_progress.outsiders.build())
    not_staff.include_routers(outsiders.staff_buttons.build())
    # An admin's button (the /outbox screen) pressed by anyone else, officials included.
    not_admin = outsiders.admin_buttons.build()
    not_admin.callback_query.filter(~IsAdmin(admin_ids))
    not_staff.include_routers(not_admin)
    not_staff.include_routers(coverage_office.outsiders.build())

    citizen = Router(name="citizen")
    citizen.message.filter(private, HasConsent())
    citizen.callback_query.filter(private_callback, HasConsent())
    citizen.include_routers(
        localities.router.build(),
        subscriptions.router.build(),
        meetings.router.build(),
        questions.router.build(),
        ask.router.build(),
        notification_settings.router.build(),
        rating.router.build(),
        citizen_plans.router.build(),
        demands.router.build(),
        calendar.router.build(),
    )

    gate = Router(name="gate")
    gate.message.filter(private, ~HasConsent())
    gate.callback_query.filter(private_callback, ~HasConsent())
    gate.include_routers(consent_gate.router.build())

    rest = Router(name="rest")
    rest.message.filter(private)
    rest.include_routers(fallback.router.build())

    # Last: an error goes to the error handlers in this order, and this one takes every error.
    # Telegram's word on the bot in channels (removed, demoted): no private chat, no person.
    channel_updates = Router(name="channel-updates")
    channel_updates.include_routers(channel_office.updates.build())
    return [
        open_to_all,
        admin,
        staff,
        not_staff,
        citizen,
        gate,
        rest,
        channel_updates,
        errors.router.build(),
    ]
