"""The coverage clock: units without a visiting meeting, 30 and 10 days before the period's
end and at its end (services/coverage.py)."""

from datetime import datetime

from services.container import Services


async def coverage(services: Services, now: datetime) -> None:
    """Once a local day from 09:00; each warning and report once (outbox keys)."""
    await services.coverage.send_warnings(now)
