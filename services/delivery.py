"""The admin's view of the outbox: what became of the notifications, and sending the failed
ones again (after an outage of a kind the sender does not wait out, or a fixed bot token)."""

from dataclasses import dataclass
from datetime import datetime

from services.access import AccessService
from services.audit import AuditAction, AuditDetail
from services.clock import Clock
from services.outbox import Outbox
from services.statuses import OutboxStatus
from storage.repositories import outbox as outbox_rows
from storage.unit_of_work import SessionSource

# The failed rows' commonest errors shown to the admin.
REASONS_SHOWN = 5


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    counts: dict[OutboxStatus, int]
    # (Telegram's or the network's words, how many failed rows say it), most frequent first.
    reasons: list[tuple[str, int]]
    # When the longest-waiting due row became due; None when none is waiting.
    oldest_due: datetime | None

    @property
    def failed(self) -> int:
        return self.counts.get(OutboxStatus.FAILED, 0)


class DeliveryService:
    def __init__(
        self, session_factory: SessionSource, clock: Clock, access: AccessService, outbox: Outbox
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._access = access
        self._outbox = outbox

    async def report(self, actor_id: int) -> DeliveryReport:
        """Admins only."""
        await self._access.require_admin(actor_id, action=AuditAction.OUTBOX_VIEW)
        async with self._sessions() as session:
            return DeliveryReport(
                counts=await outbox_rows.status_counts(session),
                reasons=await outbox_rows.failure_reasons(session, REASONS_SHOWN),
                oldest_due=await outbox_rows.oldest_due(session, self._clock.now()),
            )

    async def requeue_failed(self, actor_id: int) -> int:
        """Send every failed notification again; returns how many. Admins only; audited."""
        await self._access.require_admin(actor_id, action=AuditAction.OUTBOX_REQUEUE)
        async with self._sessions() as session:
            count = await outbox_rows.requeue_failed(session, self._clock.now())
            await self._access.audit(
                actor_id,
                AuditAction.OUTBOX_REQUEUE,
                detail=AuditDetail(rows=count),
                session=session,
            )
            if count:
                self._outbox.wake_after_commit(session)
            await session.commit()
        return count
