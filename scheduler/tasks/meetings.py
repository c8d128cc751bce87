"""The meetings' own clock: planned announcements go out, and ended meetings become held."""

import logging
from datetime import datetime

from services.container import Services

log = logging.getLogger(__name__)


async def meetings(services: Services, now: datetime) -> None:
    """Announce every draft whose planned moment (``announce_at``) has come, then mark the
    announced (or moved) meetings that have ended as held.

    Both are idempotent: announcing is conditional on the draft status and the outbox keys are
    unique, so two instances or a repeated tick announce once; a scheduler that was down
    catches up on its first tick (a draft whose meeting ended meanwhile is left alone).
    """
    for outcome in await services.lifecycle.announce_scheduled(now):
        if outcome.late:
            log.info(
                "meeting %s announced as planned, %s day(s) late",
                outcome.meeting.id,
                outcome.days_late,
            )
    await services.lifecycle.mark_ended_held(now)
