"""Prometheus metrics, served at /metrics (bot/probes.py): by the webhook mode's server, or
in polling mode by a small server of its own when METRICS_PORT is set.

- ``kezdesu_updates_total{handler, outcome}`` and ``kezdesu_update_seconds{handler}``: each
  update as its log line tells it (bot/middlewares/logging.py);
- ``kezdesu_outbox_backlog{kind}``: notices still to be sent, read from the database when
  Prometheus scrapes (several instances share one outbox, so each reports the same number);
- ``kezdesu_sender_*_total``: what this instance's sender did (scheduler/sender/): sent,
  failed, retried, and the 429s Telegram answered;
- ``kezdesu_retry_after_seconds{who}``: the retry_after of each 429, for the outbox sender
  (``sender``) and for the bot's own requests, its replies (``reply``): how hard Telegram
  pushed back;
- ``kezdesu_duty_reminders_total{kind, stage}``: the compliance clock's reminders and
  escalations (services/duties.py), outbox messages enqueued by this instance, counted
  once their transaction commits;
- ``kezdesu_db_pool_*``: the connection pool read at each scrape (size, checked out, idle,
  overflow), and on PostgreSQL ``kezdesu_db_pool_checkout_seconds``, the time each checkout
  took to get a connection (storage/timed_pool.py).

A registry of its own per app, so two apps in one process (tests) count apart. No label
carries anything a citizen wrote: handler names and fixed words only.
"""

import logging
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.pool import QueuePool

from scheduler.sender import OutboxSender
from services.duties import ESCALATION, DutyKind, DutyService, ReminderReport, Stage
from storage.models import NoticeKind
from storage.repositories import outbox as outbox_rows
from storage.timed_pool import TimedQueuePool

log = logging.getLogger(__name__)

# From a cached screen (a few ms) to an update that waited for Telegram twice.
UPDATE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# Telegram's retry_after is whole seconds: mostly 1-5 under a burst, up to hours for a bot
# flooding one chat.
RETRY_AFTER_BUCKETS = (1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 60.0, 300.0, 3600.0)
# A free connection is microseconds; opening one (or pinging an idle one) a round trip; a
# wait for a busy pool up to its timeout (30 s).
CHECKOUT_BUCKETS = (0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0)
# Who met the 429: the outbox sender, or the bot's own requests (its replies to people).
RETRY_AFTER_WHO = ("sender", "reply")


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._updates = Counter(
            "kezdesu_updates",
            "Updates handled, by handler and outcome (ok, unhandled, denied, error).",
            ["handler", "outcome"],
            registry=self.registry,
        )
        self._update_seconds = Histogram(
            "kezdesu_update_seconds",
            "Time to handle an update, its replies included.",
            ["handler"],
            buckets=UPDATE_BUCKETS,
            registry=self.registry,
        )
        self._retry_after = Histogram(
            "kezdesu_retry_after_seconds",
            "retry_after of Telegram's 429 answers, by who got them (sender, reply).",
            ["who"],
            buckets=RETRY_AFTER_BUCKETS,
            registry=self.registry,
        )
        self._duty_reminders = Counter(
            "kezdesu_duty_reminders",
            "Duty reminders and escalations enqueued (outbox messages), by duty kind and stage.",
            ["kind", "stage"],
            registry=self.registry,
        )
        self._checkout_seconds = Histogram(
            "kezdesu_db_pool_checkout_seconds",
            "Time each checkout took to get a database connection (waiting for a free one, "
            "or opening it).",
            buckets=CHECKOUT_BUCKETS,
            registry=self.registry,
        )
        # Every series from the start, at zero: a rate over a series that appears only with
        # its first event misses that event, and a dashboard shows "no data" for "none".
        for who in RETRY_AFTER_WHO:
            self._retry_after.labels(who)
        for kind in DutyKind:
            for stage in (*Stage, ESCALATION):
                self._duty_reminders.labels(kind.value, str(stage))
        self._backlog = _Backlog()
        self.registry.register(self._backlog)

    def observe_update(self, handler: str, outcome: str, seconds: float) -> None:
        self._updates.labels(handler, outcome).inc()
        self._update_seconds.labels(handler).observe(seconds)

    def observe_retry_after(self, who: str, seconds: float) -> None:
        self._retry_after.labels(who).observe(seconds)

    def reply_retry_after(self, seconds: float) -> None:
        """A 429 on one of the bot's own requests (bot/retry.py)."""
        self.observe_retry_after("reply", seconds)

    def watch_sender(self, sender: OutboxSender) -> None:
        self.registry.register(_SenderCollector(sender))
        sender.on_retry_after(lambda seconds: self.observe_retry_after("sender", seconds))

    def watch_duties(self, duties: DutyService) -> None:
        duties.on_reminders(self._count_reminders)

    def _count_reminders(self, report: ReminderReport) -> None:
        for (kind, stage), written in report.enqueued.items():
            self._duty_reminders.labels(kind.value, stage).inc(written)

    def watch_pool(self, engine: AsyncEngine) -> None:
        """The engine's pool at each scrape; on PostgreSQL (a TimedQueuePool) each checkout's
        time as well."""
        self.registry.register(_PoolCollector(engine))
        pool = engine.sync_engine.pool
        if isinstance(pool, TimedQueuePool):
            pool.on_checkout = self._checkout_seconds.observe

    async def render(self, sessions: async_sessionmaker[AsyncSession]) -> bytes:
        """The text exposition, the backlog read afresh (kept as it was if the database does
        not answer: a scrape must not fail for it)."""
        try:
            async with sessions() as session:
                self._backlog.counts = await outbox_rows.backlog_by_kind(session)
        except (SQLAlchemyError, OSError) as error:
            log.warning("outbox backlog not read for /metrics: %s", type(error).__name__)
        return self.exposition()

    def exposition(self) -> bytes:
        """The text exposition as it stands, the backlog as last read."""
        return generate_latest(self.registry)


class _Backlog(Collector):
    def __init__(self) -> None:
        self.counts: dict[NoticeKind, int] = {}

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "kezdesu_outbox_backlog", "Notices still to be sent, by kind.", labels=["kind"]
        )
        for kind in NoticeKind:
            family.add_metric([kind.value], self.counts.get(kind, 0))
        yield family


class _SenderCollector(Collector):
    """Read from the sender's own counters at each scrape: nothing added to its hot path."""

    def __init__(self, sender: OutboxSender) -> None:
        self._sender = sender

    def collect(self) -> Iterator[CounterMetricFamily]:
        stats = self._sender.stats
        for name, value, text in (
            ("sent", stats.sent, "Notices Telegram accepted."),
            ("failed", stats.failed, "Notices given up (refused for good or out of attempts)."),
            ("retried", stats.retried, "Sends to be tried again later."),
            ("unreachable", stats.unreachable, "Notices to chats that are gone."),
            ("rate_limited", stats.rate_limited, "429 Too Many Requests answers."),
        ):
            yield CounterMetricFamily(f"kezdesu_sender_{name}", text, value=value)


class _PoolCollector(Collector):
    """The pool as it is at the scrape. The engine's pool, not one held here: a dispose
    replaces it. Only a queue pool (PostgreSQL, an SQLite file) has these figures; SQLite in
    memory keeps its one connection and shows none."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        pool = self._engine.sync_engine.pool
        if not isinstance(pool, QueuePool):
            return
        for name, value, text in (
            ("size", pool.size(), "Connections the pool keeps open (pool_size)."),
            # Private in SQLAlchemy, but the one way to know the ceiling: size + max_overflow.
            ("max_overflow", pool._max_overflow, "Connections it may open beyond its size."),
            ("checked_out", pool.checkedout(), "Connections in use."),
            ("idle", pool.checkedin(), "Connections open and free."),
            ("overflow", max(0, pool.overflow()), "Connections open beyond its size."),
        ):
            yield GaugeMetricFamily(f"kezdesu_db_pool_{name}", text, value=value)
