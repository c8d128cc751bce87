"""The scheduler: one APScheduler job that ticks every minute and runs every registered task.

Each tick takes the moment from ``services.clock`` and hands it to every task of
``scheduler.tasks.TASKS``; tests call :func:`tick` directly with a ManualClock instead of
waiting. Tasks carry their own catch-up (a task that owes something since its last run reads
its job mark) and their own idempotency (outbox keys), so a tick may run late, twice, or on two
instances at once without a notification going out twice. The first tick runs at start, so a
restarted bot catches up at once.
"""

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from scheduler.tasks import TASKS
from services.container import Services

log = logging.getLogger(__name__)

TICK_INTERVAL = timedelta(minutes=1)
# A tick in flight when the bot stops is let finish (it is one short transaction per task);
# past this it is cancelled and its transaction rolls back.
STOP_GRACE = timedelta(seconds=30)
JOB_ID = "tick"


@dataclass
class TickReport:
    now: datetime
    ran: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


async def tick(services: Services, now: datetime) -> TickReport:
    """Run every registered task for the moment ``now``.

    One task failing does not stop the others: it is logged and tried again on the next tick
    (its job mark did not move, so nothing is lost).
    """
    report = TickReport(now=now)
    for name, task in TASKS.items():
        try:
            # One session for the task (storage/unit_of_work.py).
            async with services.sessions.unit():
                await task(services, now)
        except Exception:
            log.exception("scheduler task %s failed at %s", name, now.isoformat())
            report.failed.append(name)
        else:
            report.ran.append(name)
    return report


class SchedulerRunner:
    """Starts and stops the interval job on the running event loop."""

    def __init__(self, services: Services, *, interval: timedelta = TICK_INTERVAL) -> None:
        self._services = services
        self._interval = interval
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._current: asyncio.Task[object] | None = None
        self._stopping = False
        self.ticks = 0

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def start(self) -> None:
        """Schedule the tick; the first runs at once. Needs a running event loop."""
        self._stopping = False
        self._scheduler.add_job(
            self._run,
            IntervalTrigger(seconds=self._interval.total_seconds(), timezone=UTC),
            id=JOB_ID,
            replace_existing=True,
            next_run_time=datetime.now(UTC),
            # Late is better than never (a busy loop, a suspended laptop): run once for all the
            # ticks missed, never two at a time.
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        self._scheduler.start()
        # APScheduler's own "Running job ..." line every minute would drown the bot's log.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)

    async def _run(self) -> None:
        if self._stopping:
            return
        self._current = asyncio.current_task()
        try:
            await tick(self._services, self._services.clock.now())
            self.ticks += 1
        finally:
            self._current = None

    async def stop(self) -> None:
        """Let a tick in flight finish, then shut the scheduler down."""
        self._stopping = True
        current = self._current
        if current is not None and not current.done():
            await asyncio.wait({current}, timeout=STOP_GRACE.total_seconds())
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
            # The shutdown is scheduled on the loop: let it run before the loop may close.
            await asyncio.sleep(0)


__all__ = ["JOB_ID", "TICK_INTERVAL", "SchedulerRunner", "TickReport", "tick"]
