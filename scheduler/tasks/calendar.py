"""The annual calendar's escalation: a missed approval or submission
(services/calendar_duties.py)."""

from datetime import datetime

from services.container import Services


async def calendar_escalation(services: Services, now: datetime) -> None:
    await services.calendar_duties.escalate(now)
