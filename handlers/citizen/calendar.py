"""/calendar for citizens: when the akims plan to come to their localities (the annual
calendars' entries at the subscribed localities or inside them, services/calendar.py)."""

from datetime import date, datetime, time
from html import escape

from aiogram.filters import Command
from aiogram.types import Message

from handlers.routes import Routes
from locales import Text
from services.calendar import CalendarEntryKind
from services.container import Services

router = Routes(name=__name__)

KIND_ICONS = {CalendarEntryKind.VISITING: "🚗", CalendarEntryKind.REPORTING: "📋"}


def when_text(t: Text, year: int, month: int, planned_on: date | None) -> str:
    """ "12 March 2027" for a date, "March 2027" for a month only."""
    if planned_on is not None:
        return t.date(datetime.combine(planned_on, time(12), tzinfo=t.tz))
    return f"{t('calendar-month', month=month)} {year}"


async def citizen_calendar_text(t: Text, services: Services, user_id: int) -> str:
    planned = await services.calendar.planned_for(user_id)
    if not planned:
        return t("calendar-citizen-empty")
    lines = [t("calendar-citizen-title"), ""]
    for item in planned:
        lines.append(
            t(
                "calendar-citizen-entry",
                icon=KIND_ICONS[item.kind],
                when=when_text(t, item.year, item.month, item.planned_on),
                venue=escape(item.venue(t.locale)),
                host=escape(item.host(t.locale)),
                kind=t(f"calendar-kind-{item.kind.value}"),
            )
        )
    lines += ["", t("calendar-citizen-hint")]
    return "\n".join(lines)


@router.message(Command("calendar"))
async def cmd_calendar(message: Message, t: Text, services: Services) -> None:
    assert message.from_user is not None
    await message.answer(await citizen_calendar_text(t, services, message.from_user.id))
