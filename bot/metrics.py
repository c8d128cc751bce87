"""Prometheus metrics, served at /metrics by the webhook mode's server (bot/webhook.py).

- ``kezdesu_updates_total{handler, outcome}`` and ``kezdesu_update_seconds{handler}``: each
  update as its log line tells it (bot/middlewares/logging.py);
- ``kezdesu_outbox_backlog{kind}``: notices still to be sent, read from the database when
  Prometheus scrapes (several instances share one outbox, so each reports the same number);
- ``kezdesu_sender_*_total``: what this instance's sender did (scheduler/sender/): sent,
  failed, retried, and the 429s Telegram answered.

A registry of its own per app, so two apps in one process (tests) count apart. No label
carries anything a citizen wrote: handler names and fixed words only.
"""

import logging
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from scheduler.sender import OutboxSender
from storage.models import NoticeKind
from storage.repositories import outbox as outbox_rows

log = logging.getLogger(__name__)

# From a cached screen (a few ms) to an update that waited for Telegram twice.
UPDATE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


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
        self._backlog = _Backlog()
        self.registry.register(self._backlog)

    def observe_update(self, handler: str, outcome: str, seconds: float) -> None:
        self._updates.labels(handler, outcome).inc()
        self._update_seconds.labels(handler).observe(seconds)

    def watch_sender(self, sender: OutboxSender) -> None:
        self.registry.register(_SenderCollector(sender))

    async def render(self, sessions: async_sessionmaker[AsyncSession]) -> bytes:
        """The text exposition, the backlog read afresh (kept as it was if the database does
        not answer: a scrape must not fail for it)."""
        try:
            async with sessions() as session:
                self._backlog.counts = await outbox_rows.backlog_by_kind(session)
        except (SQLAlchemyError, OSError) as error:
            log.warning("outbox backlog not read for /metrics: %s", type(error).__name__)
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
