"""Meeting reminders, the broadcast link and the rating request for citizens.

Runs on every tick of the scheduler (every minute); each run enqueues what is due at ``now``
and was not sent yet, and withdraws what went stale (services/citizen_notices.py explains the
moments and why a late run stays correct).
"""

from datetime import datetime

from services.container import Services


async def citizen_reminders(services: Services, now: datetime) -> None:
    await services.citizen_notices.run(now)
