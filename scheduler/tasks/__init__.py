"""The periodic tasks of the scheduler, each `async def task(services, now) -> None`.

Every task is idempotent: it may run twice for the same moment (two instances, a restart) and
the outbox's unique keys make each notification go out once.
"""

from collections.abc import Awaitable, Callable
from datetime import datetime

from scheduler.tasks.channels import channels
from scheduler.tasks.citizen_reminders import citizen_reminders
from scheduler.tasks.compliance import compliance
from scheduler.tasks.coverage import coverage
from scheduler.tasks.feedback_digest import feedback_digest
from scheduler.tasks.meetings import meetings
from services.container import Services

Task = Callable[[Services, datetime], Awaitable[None]]

TASKS: dict[str, Task] = {
    # First: a meeting announced in this tick is then reminded of like any other.
    "meetings": meetings,
    "compliance": compliance,
    "coverage": coverage,
    "citizen_reminders": citizen_reminders,
    "feedback_digest": feedback_digest,
    "channels": channels,
}
