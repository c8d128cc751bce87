"""The compliance clock's task: reminders of what each akimat owes (services/duties.py)."""

from datetime import datetime

from services.container import Services


async def compliance(services: Services, now: datetime) -> None:
    """Enqueue the duty reminders and escalations whose moment fell since the last run.

    Catch-up and exactly-once live in DutyService.send_reminders: the job mark keeps what was
    covered, the outbox keys keep each reminder to one message per recipient.
    """
    await services.duties.send_reminders(now)
