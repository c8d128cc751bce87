"""How a duty of an akimat is named in a person's language: what is owed, by when, how long is
left, where the law says so. Shared by /deadlines and the duty reminders."""

from datetime import date, datetime, time

from handlers.acts import act_name
from locales import Text
from services.duties import Duty


def describe(t: Text, duty: Duty) -> str:
    """What is owed, in one line (escaped)."""
    args: dict[str, object] = {}
    if duty.meeting_starts_at is not None:
        args["when"] = t.datetime(duty.meeting_starts_at)
    if duty.year is not None:
        args["year"] = str(duty.year)
    if duty.quarter is not None:
        args["quarter"] = duty.quarter
    return t(f"deadlines-kind-{duty.kind.value}", **args)


def timing(t: Text, duty: Duty, today: date) -> str:
    left = duty.days_left(today)
    if left > 0:
        return t("deadlines-left", days=left)
    if left == 0:
        return t("deadlines-today")
    return t("deadlines-overdue", days=-left)


def due_text(t: Text, duty: Duty) -> str:
    # Noon of the local day: formatting it cannot move it to another day.
    return t.date(datetime.combine(duty.due, time(12), tzinfo=t.tz))


def source_text(t: Text, seed: str, clause: str) -> str:
    return t("deadlines-source", act=act_name(t, seed), clause=clause)
