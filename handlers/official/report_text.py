"""The akimat's record as a message: the period's summary, escaped and cut to fit Telegram.
Shared by /report (handlers/official/report.py) and the quarterly digest's renderer
(handlers/notices/feedback.py)."""

from html import escape

from handlers.fit import shorten
from locales import Text
from regulation import FeedbackBand
from services.feedback import (
    AkimatRecord,
    ChannelPublication,
    OnTime,
    TerritoryLine,
    TerritoryReport,
)
from services.feedback_report import period_name

# Telegram's limit is 4096; the tail line and the HTML entities' slack come out of it.
MESSAGE_BUDGET = 3600
BAND_MARKS = {
    FeedbackBand.HIGH: "🟢",
    FeedbackBand.MEDIUM: "🟡",
    FeedbackBand.LOW: "🟠",
    FeedbackBand.INEFFECTIVE: "🔴",
}


CHANNEL_TITLE_LIMIT = 60


def _percent(value: float) -> str:
    return f"{value:.1f}"


def change_text(t: Text, line: TerritoryLine) -> str:
    if line.change is None:
        return ""
    if abs(line.change) < 0.05:
        return t("report-change-same")
    sign = "▲ +" if line.change > 0 else "▼ "
    return t("report-change", change=f"{sign}{line.change:.1f}")


def on_time_text(t: Text, mark: OnTime) -> str:
    return t(
        "report-ontime-line",
        on_time=mark.on_time,
        late=mark.late,
        days=max(mark.late_days, default=0),
        missing=mark.missing,
    )


def akimat_line(t: Text, number: int, line: TerritoryLine) -> str:
    record = line.record
    parts = [
        t(
            "report-akimat-line",
            n=number,
            mark=BAND_MARKS[record.index.band],
            akimat=record.akimat.name(t.locale),
            index=_percent(record.index.percent),
            band=t(f"report-band-{record.index.band.value}"),
            change=change_text(t, line),
        ),
        t(
            "report-counts-line",
            proposals=record.proposals,
            accepted=record.accepted,
            rejected=record.rejected,
            pending=record.pending,
            questions=record.questions,
            answered=record.answered,
            unanswered=record.unanswered,
        ),
    ]
    if record.zero_reasons:
        reasons = "; ".join(t(f"report-zero-{reason.value}") for reason in record.zero_reasons)
        parts.append(t("report-zero-line", reasons=reasons))
    outside = sum(record.outside.values())
    if outside:
        parts.append(t("report-outside-line", count=outside))
    if record.channel is not None:
        parts.append(channel_line(t, record.channel))
    return "\n".join(parts)


def channel_line(t: Text, channel: ChannelPublication) -> str:
    """What of the period's plans and reports reached the akimat's channel (issue 9, §7)."""
    return t(
        "channel-record-line",
        title=escape(shorten(channel.title, CHANNEL_TITLE_LIMIT)),
        broken="yes" if channel.broken else "no",
        plans=channel.plans_sent,
        plans_failed=channel.plans_failed,
        reports=channel.reports_sent,
        reports_failed=channel.reports_failed,
    )


def totals(records: list[AkimatRecord]) -> dict[str, int]:
    return {
        "askers": sum(r.askers for r in records),
        "supporters": sum(r.supporters for r in records),
        "subscribers": sum(r.subscribers for r in records),
        "plans": sum(r.plans_published for r in records),
        "follows": sum(r.plan_follows for r in records),
    }


def summary_text(t: Text, report: TerritoryReport) -> str:
    """The period's summary: bands, on-time totals, participation, the bot's rating, then the
    akimats in the roll-up's order as long as they fit (the rest: in the workbook)."""
    records = [line.record for line in report.lines]
    bands = report.band_counts()
    head = [
        t("report-title", period=period_name(t, report.period.code), count=len(records)),
        t(
            "report-bands-line",
            high=bands[FeedbackBand.HIGH],
            medium=bands[FeedbackBand.MEDIUM],
            low=bands[FeedbackBand.LOW],
            ineffective=bands[FeedbackBand.INEFFECTIVE],
        ),
    ]
    if len(records) == 1:
        only = records[0]
        head.append(t("report-ontime-announcements") + ": " + on_time_text(t, only.announcements))
        head.append(t("report-ontime-plans") + ": " + on_time_text(t, only.plans))
        head.append(t("report-ontime-reports") + ": " + on_time_text(t, only.reports))
    else:
        for group in ("announcements", "plans", "reports"):
            marks = [getattr(r, group) for r in records]
            summed = OnTime(
                on_time=sum(m.on_time for m in marks),
                late_days=tuple(d for m in marks for d in m.late_days),
                missing=sum(m.missing for m in marks),
            )
            head.append(t(f"report-ontime-{group}") + ": " + on_time_text(t, summed))
    head.append(t("report-participation-line", **totals(records)))
    rated = sum(r.rating_count for r in records)
    if rated:
        mean = sum(sum(s * n for s, n in enumerate(r.rating_counts, 1)) for r in records) / rated
        head.append(t("report-rating-line", count=rated, mean=f"{mean:.2f}"))
    else:
        head.append(t("report-rating-none"))
    text = "\n".join(head)
    for number, line in enumerate(report.lines, start=1):
        block = "\n\n" + akimat_line(t, number, line)
        if len(text) + len(block) > MESSAGE_BUDGET:
            text += "\n\n" + t("report-more", count=len(report.lines) - number + 1)
            break
        text += block
    return text
