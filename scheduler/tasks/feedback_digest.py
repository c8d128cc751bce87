"""The quarterly feedback digest to coordinators (services/feedback_digest.py)."""

from datetime import datetime

from services.container import Services


async def feedback_digest(services: Services, now: datetime) -> None:
    """Enqueue the last quarter's digest once its progress due date has passed; a job mark
    makes every later tick of the quarter a single read."""
    await services.feedback_digest.send_due(now)
