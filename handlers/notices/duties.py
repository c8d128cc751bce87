"""How the compliance clock's reminders to officials read (services/duties.py decides when)."""

from handlers.notices.registry import Rendered
from handlers.official.deadlines import duty_keyboard
from handlers.official.duty_words import describe, due_text, source_text, timing
from locales import Text
from services.notices import DutyDue, DutyEscalated


def due(notice: DutyDue, t: Text) -> Rendered:
    duty = notice.duty
    text = t(
        "deadlines-reminder",
        akimat=duty.akimat.name(t.locale),
        duty=describe(t, duty),
        due=due_text(t, duty),
        timing=timing(t, duty, notice.today),
        source=source_text(t, notice.source.seed, notice.source.clause),
    )
    return Rendered(text, duty_keyboard(t, duty, escalation=False))


def escalated(notice: DutyEscalated, t: Text) -> Rendered:
    duty = notice.duty
    text = t(
        "deadlines-escalation",
        akimat=duty.akimat.name(t.locale),
        days=-duty.days_left(notice.today),
        duty=describe(t, duty),
        due=due_text(t, duty),
        source=source_text(t, notice.source.seed, notice.source.clause),
    )
    return Rendered(text, duty_keyboard(t, duty, escalation=True))
