"""How the coverage warnings and the period-end report read (services/coverage.py decides
when). Unit names come from the classifier, escaped all the same."""

from datetime import date, datetime, time
from html import escape

from handlers.notices.registry import Rendered
from locales import Text
from services.coverage import AkimatCoverage
from services.notices import CoverageUncovered, CoverageWarning

# A message stays far below Telegram's 4096 characters: past this many units, "and N more".
MAX_UNITS_LISTED = 40


def unit_list(t: Text, coverage: AkimatCoverage, limit: int = MAX_UNITS_LISTED) -> str:
    units = coverage.uncovered
    lines = [f"• {escape(unit.name(t.locale))}" for unit in units[:limit]]
    if len(units) > limit:
        lines.append(t("coverage-more", count=len(units) - limit))
    return "\n".join(lines)


def day_text(t: Text, day: date) -> str:
    # Noon of the local day: formatting it cannot move it to another day.
    return t.date(datetime.combine(day, time(12), tzinfo=t.tz))


def period_text(t: Text, coverage: AkimatCoverage) -> str:
    return t(
        "coverage-period",
        start=day_text(t, coverage.period.start),
        end=day_text(t, coverage.period.end),
    )


def warning(notice: CoverageWarning, t: Text) -> Rendered:
    coverage = notice.coverage
    text = t(
        "coverage-warning",
        akimat=escape(coverage.name(t.locale)),
        days=notice.days_left,
        period=period_text(t, coverage),
        count=len(coverage.uncovered),
        units=unit_list(t, coverage),
    )
    return Rendered(text)


def uncovered(notice: CoverageUncovered, t: Text) -> Rendered:
    # Each akimat with at most a few names, so a large territory still fits one message.
    per_akimat = max(3, MAX_UNITS_LISTED // max(1, len(notice.akimats)))
    blocks = [
        t(
            "coverage-report-akimat",
            akimat=escape(coverage.name(t.locale)),
            count=len(coverage.uncovered),
            units=unit_list(t, coverage, per_akimat),
        )
        for coverage in notice.akimats[:20]
    ]
    if len(notice.akimats) > 20:
        blocks.append(t("coverage-more-akimats", count=len(notice.akimats) - 20))
    text = t("coverage-report", ended=day_text(t, notice.ended_on), akimats="\n\n".join(blocks))
    return Rendered(text)
