"""The Grafana dashboard (deploy/grafana/kezdesu.json) cannot drift from the code: every metric
its queries name is one a live registry exports once each metric has been exercised, and every
metric the registry exports is on the dashboard."""

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from bot.metrics import Metrics
from scheduler.sender.outbox_sender import SenderStats
from services.duties import DutyKind, ReminderReport, Stage
from storage.db import create_engine

DASHBOARD = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "kezdesu.json"
METRIC_NAME = re.compile(r"\bkezdesu_[a-z0-9_]+\b")


class SenderDouble:
    def __init__(self) -> None:
        self.stats = SenderStats(sent=3, rate_limited=1)
        self.listeners: list[Callable[[float], None]] = []

    def on_retry_after(self, listener: Callable[[float], None]) -> None:
        self.listeners.append(listener)


class DutiesDouble:
    def __init__(self) -> None:
        self.listeners: list[Callable[[ReminderReport], None]] = []

    def on_reminders(self, listener: Callable[[ReminderReport], None]) -> None:
        self.listeners.append(listener)


def panels(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        yield from panels(item.get("panels", []))


def dashboard() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return loaded


def exprs() -> list[str]:
    return [
        target["expr"]
        for panel in panels(dashboard()["panels"])
        for target in panel.get("targets", [])
    ]


async def exported(tmp_path: Path) -> tuple[set[str], dict[str, set[str]]]:
    """The sample names of a registry whose every metric has been exercised, and each family's
    sample names."""
    metrics = Metrics()
    metrics.observe_update("handlers.citizen.start.cmd_start", "ok", 0.02)
    metrics.reply_retry_after(2)
    sender = SenderDouble()
    metrics.watch_sender(sender)  # type: ignore[arg-type]
    for listener in sender.listeners:
        listener(1)
    duties = DutiesDouble()
    metrics.watch_duties(duties)  # type: ignore[arg-type]
    report = ReminderReport(span_start=datetime.now(UTC), span_end=datetime.now(UTC))
    report.count(DutyKind.PROGRESS, Stage.OVERDUE, 2)
    for on_reminders in duties.listeners:
        on_reminders(report)
    # A queue pool, as PostgreSQL's and an SQLite file's are; nothing is connected.
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'pool.sqlite3'}")
    try:
        metrics.watch_pool(engine)
        text = metrics.exposition().decode()
    finally:
        await engine.dispose()
    families: dict[str, set[str]] = {}
    for family in text_string_to_metric_families(text):
        # When each series began (prometheus_client's own gauges): nothing to chart.
        if family.name.endswith("_created"):
            continue
        families[family.name] = {
            sample.name for sample in family.samples if not sample.name.endswith("_created")
        }
    return set().union(*families.values()), families


async def test_every_metric_on_the_dashboard_is_exported(tmp_path: Path) -> None:
    samples, _ = await exported(tmp_path)
    used = {name for expr in exprs() for name in METRIC_NAME.findall(expr)}
    assert used, "no query names a metric"
    assert used <= samples, sorted(used - samples)


async def test_every_exported_metric_is_on_the_dashboard(tmp_path: Path) -> None:
    _, families = await exported(tmp_path)
    text = "\n".join(exprs())
    missing = [
        name
        for name, sample_names in families.items()
        if not any(re.search(rf"\b{sample}\b", text) for sample in sample_names)
    ]
    assert not missing, missing


def test_the_dashboard_asks_for_its_prometheus_and_instances() -> None:
    loaded = dashboard()
    variables = {variable["name"]: variable for variable in loaded["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    assert variables["datasource"]["query"] == "prometheus"
    assert variables["instance"]["includeAll"]
    every = [panel for panel in panels(loaded["panels"]) if panel["type"] != "row"]
    assert every
    for panel in every:
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, panel
        for target in panel["targets"]:
            assert 'instance=~"$instance"' in target["expr"], target["expr"]
    # Grafana places panels by gridPos: none overlaps another.
    taken: set[tuple[int, int]] = set()
    for panel in panels(loaded["panels"]):
        grid = panel["gridPos"]
        cells = {
            (x, y)
            for x in range(grid["x"], grid["x"] + grid["w"])
            for y in range(grid["y"], grid["y"] + grid["h"])
        }
        assert grid["x"] + grid["w"] <= 24, panel["title"]
        assert not cells & taken, panel["title"]
        taken |= cells
