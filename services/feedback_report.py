"""The akimat's record as pictures and workbooks: charts (PNG, drawn server-side with
matplotlib's Agg backend), the XLSX workbook (one sheet per table) and the data package of
seed 004, clause 20. Every label comes from the reader's locale; every text cell is guarded
against formulas (services/pool_export.safe_text).

Each chart builder returns the series it drew beside the PNG, so a test (or a caption) can
check what the picture shows without reading pixels.
"""

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from locales import Text
from regulation import FeedbackBand
from services.feedback import (
    BAND_ORDER,
    AkimatRecord,
    OnTime,
    PackageItem,
    TerritoryReport,
    TrendPoint,
)
from services.pool_export import safe_text, sheet_name

BAND_COLOURS: Mapping[FeedbackBand, str] = {
    FeedbackBand.HIGH: "#2e7d32",
    FeedbackBand.MEDIUM: "#9ccc65",
    FeedbackBand.LOW: "#ffb300",
    FeedbackBand.INEFFECTIVE: "#c62828",
}
ON_TIME_COLOURS = ("#2e7d32", "#ffb300", "#c62828")
# Bars of one chart: beyond this, the roll-up's first ones (the chart says how many are left).
MAX_BARS = 40
CHART_NAMES = ("index", "ontime", "rating", "trend", "coverage")
ON_TIME_GROUPS = ("announcements", "plans", "reports")
ON_TIME_PARTS = ("on-time", "late", "late-days", "missing", "pending")
COVERAGE_PARTS = ("covered", "planned", "uncovered")
# (akimat id) -> (covered, planned, uncovered) units, from the coverage of the calendar.
Coverage = Mapping[int, tuple[int, int, int]]


@dataclass(frozen=True, slots=True)
class Chart:
    name: str
    png: bytes
    # What the picture shows: label -> value(s).
    series: Mapping[str, Any]


def _render(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def index_chart(t: Text, report: TerritoryReport) -> Chart:
    """F of each akimat, in the roll-up's order, coloured by band."""
    shown = report.lines[:MAX_BARS]
    names = [_short(line.record.akimat.plain_name(t.locale)) for line in shown]
    values = [line.record.index.percent for line in shown]
    bands = [line.record.index.band for line in shown]
    height = max(2.5, 0.3 * len(shown) + 1.2)
    figure = Figure(figsize=(8, height))
    axes = figure.subplots()
    axes.barh(range(len(shown)), values, color=[BAND_COLOURS[band] for band in bands])
    axes.set_yticks(range(len(shown)), names)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel(t("report-chart-index-axis"))
    title = t("report-chart-index-title", period=period_name(t, report.period.code))
    if len(report.lines) > len(shown):
        title += "\n" + t("report-chart-more", count=len(report.lines) - len(shown))
    axes.set_title(title)
    for floor in (50, 70, 90):
        axes.axvline(floor, color="#999999", linewidth=0.6, linestyle="--")
    handles = [
        Patch(color=BAND_COLOURS[band], label=t(f"report-band-{band.value}"))
        for band in BAND_ORDER
    ]
    axes.legend(handles=handles, loc="lower right", fontsize=8)
    series = {
        name: (value, band.value) for name, value, band in zip(names, values, bands, strict=True)
    }
    return Chart("index", _render(figure), series)


def _sum_on_time(records: Sequence[AkimatRecord], pick: str) -> tuple[int, int, int]:
    marks: list[OnTime] = [getattr(record, pick) for record in records]
    return (
        sum(m.on_time for m in marks),
        sum(m.late for m in marks),
        sum(m.missing for m in marks),
    )


def on_time_chart(t: Text, report: TerritoryReport) -> Chart:
    """Announcements, plans and quarterly reports: on time, late, missing (the whole scope)."""
    records = [line.record for line in report.lines]
    groups = ON_TIME_GROUPS
    totals = {group: _sum_on_time(records, group) for group in groups}
    labels = [t(f"report-ontime-{group}") for group in groups]
    figure = Figure(figsize=(7, 3.5))
    axes = figure.subplots()
    left = [0] * len(groups)
    for position, key in enumerate(("on-time", "late", "missing")):
        values = [totals[group][position] for group in groups]
        axes.barh(
            labels, values, left=left, color=ON_TIME_COLOURS[position], label=t(f"report-{key}")
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.legend(loc="lower right", fontsize=8)
    axes.set_title(t("report-chart-ontime-title", period=period_name(t, report.period.code)))
    series = {label: totals[group] for label, group in zip(labels, groups, strict=True)}
    return Chart("ontime", _render(figure), series)


def rating_chart(t: Text, report: TerritoryReport) -> Chart:
    """How many gave 1..5 in the bot's survey (not the sociological survey of clause 21.3)."""
    counts = [sum(line.record.rating_counts[i] for line in report.lines) for i in range(5)]
    figure = Figure(figsize=(6, 3.5))
    axes = figure.subplots()
    axes.bar([str(score) for score in range(1, 6)], counts, color="#1565c0")
    axes.set_xlabel(t("report-chart-rating-axis"))
    axes.set_title(t("report-chart-rating-title", period=period_name(t, report.period.code)))
    return Chart(
        "rating", _render(figure), {str(s): n for s, n in zip(range(1, 6), counts, strict=True)}
    )


def trend_chart(t: Text, points: Sequence[TrendPoint]) -> Chart:
    """The mean F of the scope, quarter by quarter, with the band floors."""
    labels = [period_name(t, point.period.code) for point in points]
    values = [point.mean_percent for point in points]
    figure = Figure(figsize=(7, 3.5))
    axes = figure.subplots()
    axes.plot(labels, [v if v is not None else float("nan") for v in values], marker="o")
    axes.set_ylim(0, 100)
    for floor, band in (
        (50, FeedbackBand.LOW),
        (70, FeedbackBand.MEDIUM),
        (90, FeedbackBand.HIGH),
    ):
        axes.axhline(floor, color=BAND_COLOURS[band], linewidth=0.8, linestyle="--")
    axes.set_ylabel(t("report-chart-index-axis"))
    axes.set_title(t("report-chart-trend-title"))
    return Chart("trend", _render(figure), dict(zip(labels, values, strict=True)))


def coverage_chart(t: Text, report: TerritoryReport, coverage: Coverage) -> Chart:
    """Covered, planned and uncovered units of each akimat (from the calendar's coverage)."""
    shown = [line for line in report.lines if line.record.akimat.id in coverage][:MAX_BARS]
    names = [_short(line.record.akimat.plain_name(t.locale)) for line in shown]
    values = [coverage[line.record.akimat.id] for line in shown]
    figure = Figure(figsize=(8, max(2.5, 0.3 * len(shown) + 1.2)))
    axes = figure.subplots()
    left = [0] * len(shown)
    for position, key in enumerate(COVERAGE_PARTS):
        part = [value[position] for value in values]
        axes.barh(
            range(len(shown)),
            part,
            left=left,
            color=ON_TIME_COLOURS[position],
            label=t(f"report-coverage-{key}"),
        )
        left = [a + b for a, b in zip(left, part, strict=True)]
    axes.set_yticks(range(len(shown)), names)
    axes.invert_yaxis()
    axes.legend(loc="lower right", fontsize=8)
    axes.set_title(t("report-chart-coverage-title"))
    return Chart("coverage", _render(figure), dict(zip(names, values, strict=True)))


def build_charts(
    t: Text,
    report: TerritoryReport,
    trend: Sequence[TrendPoint],
    coverage: Coverage | None = None,
) -> list[Chart]:
    """Every chart of the report; the coverage chart only when ``coverage`` is given."""
    charts = [index_chart(t, report), on_time_chart(t, report), rating_chart(t, report)]
    charts.append(trend_chart(t, trend))
    if coverage:
        charts.append(coverage_chart(t, report, coverage))
    return charts


def period_name(t: Text, code: str) -> str:
    return t(f"report-period-{code[4]}", year=code[:4], index=code[5:])


# --- the workbook -----------------------------------------------------------------------------


def _sheet(workbook: Workbook, title: str, headers: Sequence[str]) -> Worksheet:
    sheet = workbook.create_sheet(title=sheet_name(title))
    sheet.append([safe_text(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return sheet


def _text_row(values: Sequence[Any]) -> list[Any]:
    return [safe_text(value) if isinstance(value, str) else value for value in values]


def report_workbook(
    t: Text,
    report: TerritoryReport,
    trend: Sequence[TrendPoint],
    coverage: Coverage | None = None,
) -> bytes:
    """The report as an XLSX workbook: one sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    index = _sheet(
        workbook,
        t("report-xlsx-sheet-index"),
        [t(f"report-xlsx-{key}") for key in INDEX_COLUMNS],
    )
    for line in report.lines:
        record = line.record
        index.append(
            _text_row(
                [
                    record.akimat.plain_name(t.locale),
                    record.akimat.code,
                    record.proposals,
                    record.accepted,
                    record.rejected,
                    record.pending,
                    record.questions,
                    record.answered,
                    record.unanswered,
                    round(record.index.percent, 1),
                    t(f"report-band-{record.index.band.value}"),
                    "; ".join(t(f"report-zero-{r.value}") for r in record.zero_reasons),
                    None if line.change is None else round(line.change, 1),
                    sum(record.outside.values()),
                ]
            )
        )
    on_time = _sheet(
        workbook,
        t("report-xlsx-sheet-ontime"),
        [t("report-xlsx-akimat")]
        + [
            t(f"report-ontime-{group}") + " · " + t(f"report-{key}")
            for group in ON_TIME_GROUPS
            for key in ON_TIME_PARTS
        ],
    )
    for line in report.lines:
        record = line.record
        row: list[Any] = [record.akimat.plain_name(t.locale)]
        for mark in (record.announcements, record.plans, record.reports):
            row += [mark.on_time, mark.late, sum(mark.late_days), mark.missing, mark.pending]
        on_time.append(_text_row(row))
    people = _sheet(
        workbook,
        t("report-xlsx-sheet-participation"),
        [t(f"report-xlsx-{key}") for key in PARTICIPATION_COLUMNS],
    )
    for line in report.lines:
        record = line.record
        mean = record.rating_mean
        people.append(
            _text_row(
                [
                    record.akimat.plain_name(t.locale),
                    record.askers,
                    record.supporters,
                    record.subscribers,
                    record.plans_published,
                    record.plan_follows,
                    record.rating_count,
                    None if mean is None else round(mean, 2),
                    *record.rating_counts,
                ]
            )
        )
    trend_sheet = _sheet(
        workbook,
        t("report-xlsx-sheet-trend"),
        [t("report-xlsx-period"), t("report-xlsx-mean")]
        + [t(f"report-band-{band.value}") for band in BAND_ORDER],
    )
    for point in trend:
        mean_value = None if point.mean_percent is None else round(point.mean_percent, 1)
        trend_sheet.append(
            _text_row(
                [period_name(t, point.period.code), mean_value]
                + [point.bands[band] for band in BAND_ORDER]
            )
        )
    if coverage:
        covered = _sheet(
            workbook,
            t("report-xlsx-sheet-coverage"),
            [t("report-xlsx-akimat")] + [t(f"report-coverage-{key}") for key in COVERAGE_PARTS],
        )
        for line in report.lines:
            if line.record.akimat.id in coverage:
                covered.append(
                    _text_row(
                        [
                            line.record.akimat.plain_name(t.locale),
                            *coverage[line.record.akimat.id],
                        ]
                    )
                )
    with_channel = [line.record for line in report.lines if line.record.channel is not None]
    if with_channel:
        _channel_sheet(workbook, t, with_channel)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _channel_sheet(workbook: Workbook, t: Text, records: Sequence[AkimatRecord]) -> None:
    """What of each akimat's plans and reports reached its Telegram channel in the period
    (beside F, never in it: README, "made public")."""
    sheet = _sheet(
        workbook,
        t("report-xlsx-sheet-channel"),
        [t("report-xlsx-akimat")] + [t(f"report-xlsx-channel-{key}") for key in CHANNEL_COLUMNS],
    )
    for record in records:
        channel = record.channel
        assert channel is not None
        last = channel.last_sent_at
        sheet.append(
            _text_row(
                [
                    record.akimat.plain_name(t.locale),
                    channel.title,
                    t(
                        "report-xlsx-channel-broken"
                        if channel.broken
                        else "report-xlsx-channel-active"
                    ),
                    channel.plans_sent,
                    channel.plans_failed,
                    channel.reports_sent,
                    channel.reports_failed,
                    channel.pending,
                    None if last is None else t.datetime(last),
                ]
            )
        )


CHANNEL_COLUMNS = (
    "title",
    "state",
    "plans-sent",
    "plans-failed",
    "reports-sent",
    "reports-failed",
    "pending",
    "last",
)

INDEX_COLUMNS = (
    "akimat",
    "code",
    "proposals",
    "accepted",
    "rejected",
    "pending",
    "questions",
    "answered",
    "unanswered",
    "index",
    "band",
    "zero-reason",
    "change",
    "outside",
)
PARTICIPATION_COLUMNS = (
    "akimat",
    "askers",
    "supporters",
    "subscribers",
    "plans-published",
    "plan-follows",
    "ratings",
    "rating-mean",
    "rating-1",
    "rating-2",
    "rating-3",
    "rating-4",
    "rating-5",
)
PACKAGE_COLUMNS = ("akimat", "number", "received", "channel", "verdict", "reference", "text")


def package_workbook(t: Text, items: Sequence[PackageItem]) -> bytes:
    """The data package of seed 004, clause 20: the proposals (with accepted and rejected,
    each accepted one with its reference) and the questions (answered and not), with totals."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for kind in ("proposal", "question"):
        chosen = [item for item in items if item.kind.value == kind]
        sheet = _sheet(
            workbook,
            t(f"report-package-sheet-{kind}"),
            [t(f"report-package-{key}") for key in PACKAGE_COLUMNS],
        )
        for item in chosen:
            channel = item.channel.value if item.channel else "bot"
            sheet.append(
                _text_row(
                    [
                        item.akimat.plain_name(t.locale),
                        item.number,
                        item.received_on,
                        t(f"report-channel-{channel}"),
                        t(f"report-verdict-{item.verdict.value}"),
                        item.reference,
                        item.text,
                    ]
                )
            )
            sheet.cell(row=sheet.max_row, column=3).number_format = "yyyy-mm-dd"
        sheet.append([])
        verdicts: dict[str, int] = {}
        for item in chosen:
            verdicts[item.verdict.value] = verdicts.get(item.verdict.value, 0) + 1
        sheet.append(_text_row([t("report-package-total"), len(chosen)]))
        for verdict, count in sorted(verdicts.items()):
            sheet.append(_text_row([t(f"report-verdict-{verdict}"), count]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zero_reasons_text(t: Text, record: AkimatRecord) -> str:
    return "; ".join(t(f"report-zero-{reason.value}") for reason in record.zero_reasons)


__all__ = [
    "CHART_NAMES",
    "COVERAGE_PARTS",
    "INDEX_COLUMNS",
    "ON_TIME_GROUPS",
    "ON_TIME_PARTS",
    "PACKAGE_COLUMNS",
    "PARTICIPATION_COLUMNS",
    "Chart",
    "Coverage",
    "build_charts",
    "coverage_chart",
    "index_chart",
    "on_time_chart",
    "package_workbook",
    "period_name",
    "rating_chart",
    "report_workbook",
    "trend_chart",
    "zero_reasons_text",
]
