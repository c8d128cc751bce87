"""The report's pictures and workbooks: the data behind each chart, the PNG opens, the XLSX
opens with one sheet per table and keeps text as text."""

import dataclasses
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from PIL import Image

from handlers.official.report_text import MESSAGE_BUDGET, summary_text
from locales import Text, Translator
from regulation.report_periods import ReportPeriod
from services.feedback import ChannelPublication
from services.feedback_report import (
    build_charts,
    package_workbook,
    report_workbook,
)
from storage.models import FeedbackChannel, OutsideFeedback, QuestionKind, QuestionStatus
from tests.builders import Sessions
from tests.services.feedback_world import FeedbackWorld, make_feedback_world

Q3 = ReportPeriod.parse("2026q3")
TZ = ZoneInfo("Asia/Almaty")


@pytest.fixture
async def world(session_factory: Sessions) -> FeedbackWorld:
    return await make_feedback_world(session_factory)


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def _opens(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        image.verify()
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.size


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_charts_show_the_records(
    world: FeedbackWorld, translator: Translator, locale: str
) -> None:
    t = Text(translator, locale, TZ)
    scope = [world.good, world.late]
    report = await world.service.territory(scope, Q3)
    trend = await world.service.trend(scope, Q3, quarters=4)
    charts = {chart.name: chart for chart in build_charts(t, report, trend)}
    # No coverage given: no coverage chart.
    assert list(charts) == ["index", "ontime", "rating", "trend"]
    for chart in charts.values():
        width, height = _opens(chart.png)
        assert width > 100 and height > 100
    good, late = (line.record.akimat.plain_name(locale) for line in report.lines)
    assert charts["index"].series == {good: (30.0, "ineffective"), late: (0.0, "ineffective")}
    ontime = list(charts["ontime"].series.values())
    # Announcements: 1 on time, 1 late; plans: 1 on time, 1 late; reports: 1 on time, 1 missing.
    assert ontime == [(1, 1, 0), (1, 1, 0), (1, 0, 1)]
    assert charts["rating"].series == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    assert list(charts["trend"].series.values()) == [100.0, 100.0, 50.0, pytest.approx(15.0)]
    assert t("report-period-q", year="2026", index="3") in charts["trend"].series


async def test_the_coverage_chart_when_coverage_is_given(
    world: FeedbackWorld, translator: Translator
) -> None:
    t = Text(translator, "ru", TZ)
    report = await world.service.territory([world.good, world.late], Q3)
    charts = build_charts(t, report, [], coverage={world.good: (3, 1, 2)})
    coverage = charts[-1]
    assert coverage.name == "coverage"
    assert list(coverage.series.values()) == [(3, 1, 2)]
    _opens(coverage.png)


async def test_the_workbook_has_a_sheet_per_table(
    world: FeedbackWorld, translator: Translator
) -> None:
    t = Text(translator, "kk", TZ)
    scope = [world.good, world.late]
    report = await world.service.territory(scope, Q3)
    trend = await world.service.trend(scope, Q3, quarters=2)
    book = load_workbook(io.BytesIO(report_workbook(t, report, trend, {world.late: (0, 1, 4)})))
    assert book.sheetnames == [
        t("report-xlsx-sheet-index"),
        t("report-xlsx-sheet-ontime"),
        t("report-xlsx-sheet-participation"),
        t("report-xlsx-sheet-trend"),
        t("report-xlsx-sheet-coverage"),
    ]
    index = book[t("report-xlsx-sheet-index")]
    rows = list(index.iter_rows(values_only=True))
    assert rows[0][0] == t("report-xlsx-akimat")
    # C, B, rejected, pending, G, E, unanswered, F, band, reason, change, other channels.
    assert rows[1][2:] == (5, 2, 1, 2, 4, 3, 1, 30.0, t("report-band-ineffective"), None, 30.0, 2)
    assert rows[2][9] == 0.0 and rows[2][11] == "; ".join(
        [t("report-zero-plan"), t("report-zero-report")]
    )
    trend_rows = list(book[t("report-xlsx-sheet-trend")].iter_rows(values_only=True))
    assert [row[1] for row in trend_rows[1:]] == [50.0, 15.0]


async def test_the_workbook_says_what_reached_each_channel(
    world: FeedbackWorld, translator: Translator
) -> None:
    t = Text(translator, "ru", TZ)
    report = await world.service.territory([world.good, world.late], Q3)
    sent = datetime(2026, 9, 3, 5, 0, tzinfo=UTC)
    # The channel's title is its owner's text: a formula there stays text.
    channel = ChannelPublication(
        '=HYPERLINK("http://x","y")',
        True,
        plans_sent=2,
        plans_failed=1,
        reports_sent=3,
        pending=1,
        last_sent_at=sent,
    )
    first, second = report.lines
    with_channel = dataclasses.replace(
        report,
        lines=(
            dataclasses.replace(first, record=dataclasses.replace(first.record, channel=channel)),
            second,
        ),
    )
    without = load_workbook(io.BytesIO(report_workbook(t, report, [])))
    assert t("report-xlsx-sheet-channel") not in without.sheetnames
    book = load_workbook(io.BytesIO(report_workbook(t, with_channel, [])))
    rows = list(book[t("report-xlsx-sheet-channel")].iter_rows(values_only=True))
    assert rows[0][:3] == (
        t("report-xlsx-akimat"),
        t("report-xlsx-channel-title"),
        t("report-xlsx-channel-state"),
    )
    # Only the akimat with a channel has a row: posted and not posted, on their way, last post.
    assert rows[1:] == [
        (
            first.record.akimat.plain_name("ru"),
            '\'=HYPERLINK("http://x","y")',
            t("report-xlsx-channel-broken"),
            2,
            1,
            3,
            0,
            1,
            t.datetime(sent),
        )
    ]


async def test_the_data_package_keeps_text_as_text(
    world: FeedbackWorld, translator: Translator, session_factory: Sessions
) -> None:
    from datetime import date

    async with session_factory() as session:
        session.add(
            OutsideFeedback(
                akimat_id=world.good,
                kind=QuestionKind.QUESTION,
                channel=FeedbackChannel.SITE,
                received_on=date(2026, 9, 2),
                status=QuestionStatus.NEW,
                text='=HYPERLINK("http://x")',
                entered_by=1,
            )
        )
        await session.commit()
    t = Text(translator, "ru", TZ)
    items = await world.service.package([world.good, world.late], Q3)
    book = load_workbook(io.BytesIO(package_workbook(t, items)))
    assert book.sheetnames == [
        t("report-package-sheet-proposal"),
        t("report-package-sheet-question"),
    ]
    proposals = list(book[t("report-package-sheet-proposal")].iter_rows(values_only=True))
    verdicts = [row[4] for row in proposals[1:] if row[2] is not None]
    # 5 proposals of Қараағаш: 2 accepted, 1 rejected, 2 pending; then the totals.
    assert proposals[-4:] == [
        (t("report-package-total"), 5, None, None, None, None, None),
        (t("report-verdict-accepted"), 2, None, None, None, None, None),
        (t("report-verdict-pending"), 2, None, None, None, None, None),
        (t("report-verdict-rejected"), 1, None, None, None, None, None),
    ]
    assert verdicts.count(t("report-verdict-accepted")) == 2
    questions = book[t("report-package-sheet-question")]
    texts = [row[6] for row in questions.iter_rows(min_row=2, values_only=True) if row[6]]
    assert '\'=HYPERLINK("http://x")' in texts
    assert all(cell.data_type != "f" for row in questions.iter_rows() for cell in row)
    letter = next(row for row in proposals if row[3] == t("report-channel-letter"))
    assert letter[5] == "Plan 2026, item 4"


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_summary_fits_and_says_why_f_is_zero(
    world: FeedbackWorld, translator: Translator, locale: str
) -> None:
    t = Text(translator, locale, TZ)
    report = await world.service.territory([world.good, world.late], Q3)
    text = summary_text(t, report)
    assert len(text) <= MESSAGE_BUDGET
    assert t("report-zero-plan") in text and t("report-zero-report") in text
    assert "F 30.0 %" in text and "F 0.0 %" in text
