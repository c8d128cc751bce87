"""Open data (services/open_data.py) on both databases: the four tables of a scope and period,
the same rows in the CSV files and the workbook, no user id anywhere, no formula anywhere."""

import csv
import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from locales import Text, Translator
from regulation.report_periods import ReportPeriod
from services.open_data import (
    COLUMNS,
    TABLES,
    OpenData,
    OpenDataService,
    csv_zip,
    file_stem,
    workbook,
)
from storage.models import (
    ActionPlan,
    Meeting,
    MeetingStatus,
    PlanItem,
    ProgressEntry,
    ProgressReport,
    Question,
    QuestionKind,
    QuestionStatus,
)
from tests.builders import KARAAGASH, Sessions, a_meeting
from tests.services.feedback_world import (
    TZ,
    ZHUMAZHANOV,
    FeedbackWorld,
    at,
    make_feedback_world,
)

Q3 = ReportPeriod.parse("2026q3")
# Every user id of the world: the authors and supporters (feedback_world), the official who
# answered and the one who entered letters.
USER_IDS = (7001, 7002, 7003, 7004, 7005, 9001, 9002)
ANSWER = '=HYPERLINK("http://evil.example","click")'
EXECUTOR = "+7 701 000 00 00, отдел ЖКХ"
COMMENT = "@SUM(A1:A9) орындалуда"
PLACE = "-1+2 клуб"
# The question's own text may name the one who asked: it is not published.
OWN_WORDS = "Менің атым Айгүл, үйім жолдың бойында"


@pytest.fixture
async def world(session_factory: Sessions) -> FeedbackWorld:
    world = await make_feedback_world(session_factory)
    async with session_factory() as session:
        # The answered question of Қараағаш: an answer that a spreadsheet would run, given by
        # official 9002.
        await session.execute(
            update(Question)
            .where(
                Question.kind == QuestionKind.QUESTION,
                Question.status == QuestionStatus.ANSWERED,
                Question.author_id == 7001,
            )
            .values(
                resolution=ANSWER,
                resolved_by=9002,
                public_number="Q-2026-000777",
                support_count=3,
                text=OWN_WORDS,
            )
        )
        plan = (
            await session.execute(
                select(ActionPlan)
                .join(Meeting, Meeting.id == ActionPlan.meeting_id)
                .where(Meeting.host_akimat_id == world.good)
            )
        ).scalar_one()
        plan.published_by = 9002
        item = (
            await session.execute(select(PlanItem).where(PlanItem.plan_id == plan.id))
        ).scalar_one()
        item.executor = EXECUTOR
        report = (
            await session.execute(select(ProgressReport).where(ProgressReport.plan_id == plan.id))
        ).scalar_one()
        session.add(
            ProgressEntry(
                report_id=report.id,
                item_id=item.id,
                status="in_progress",
                percent=40,
                comment=COMMENT,
            )
        )
        await session.commit()
    # A draft in Q3 is nobody's business yet: left out.
    await a_meeting(session_factory, starts_at=at(date(2026, 9, 15)), place=PLACE)
    # A held one with a place a spreadsheet would read as a formula.
    await a_meeting(
        session_factory,
        starts_at=at(date(2026, 9, 20)),
        status=MeetingStatus.HELD,
        place=PLACE,
    )
    return world


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def _service(world: FeedbackWorld, session_factory: Sessions) -> OpenDataService:
    return OpenDataService(session_factory, TZ)


def _column(data: OpenData, table: str, name: str) -> list[object]:
    position = COLUMNS[table].index(name)
    return [row[position] for row in data.rows(table)]


async def test_tables_of_the_scope_and_period(
    world: FeedbackWorld, session_factory: Sessions
) -> None:
    service = _service(world, session_factory)
    data = await service.collect([world.good, world.late], Q3)
    # Meetings: Қараағаш's of 10 August and 20 September (not the draft), Жұмажанов's of
    # 20 July.
    assert sorted(_column(data, "meetings", "akimat_code")) == sorted(  # type: ignore[type-var]
        [KARAAGASH, KARAAGASH, ZHUMAZHANOV]
    )
    assert sorted(_column(data, "meetings", "starts_at")) == [  # type: ignore[type-var]
        "2026-07-20T10:00+05:00",
        "2026-08-10T10:00+05:00",
        "2026-09-20T10:00+05:00",
    ]
    assert set(_column(data, "meetings", "status")) == {"held"}
    # The akimats' names in both languages of the sample, whatever the reader's language.
    names = set(
        zip(
            _column(data, "meetings", "akimat_name_kk"),
            _column(data, "meetings", "akimat_name_ru"),
            strict=True,
        )
    )
    assert len(names) == 2 and all(kk and ru for kk, ru in names)
    # Questions: Қараағаш's 7 of Q3 (the merged duplicate and the one of 30 June left out),
    # Жұмажанов's 2.
    codes = _column(data, "questions", "akimat_code")
    assert codes.count(KARAAGASH) == 7 and codes.count(ZHUMAZHANOV) == 2
    numbers = _column(data, "questions", "number")
    assert "Q-2026-000777" in numbers
    # The numbers not stored yet are made the way the bot makes them: Q- or P-, year, id.
    assert all(str(n)[:7] in ("Q-2026-", "P-2026-") for n in numbers)
    kinds = dict(zip(numbers, _column(data, "questions", "kind"), strict=True))
    assert kinds["Q-2026-000777"] == "question"
    supports = dict(zip(numbers, _column(data, "questions", "support_count"), strict=True))
    assert supports["Q-2026-000777"] == 3
    answers = dict(zip(numbers, _column(data, "questions", "resolution"), strict=True))
    assert answers["Q-2026-000777"] == ANSWER  # guarded when written, not when read
    # The local day it came: Жұмажанов's two on 10 and 11 July, Қараағаш's on 1 August.
    assert set(_column(data, "questions", "created_on")) == {
        date(2026, 7, 10),
        date(2026, 7, 11),
        date(2026, 8, 1),
    }
    # Plans: one item each; progress: the one line of Қараағаш's Q3 report.
    assert sorted(_column(data, "plans", "akimat_code")) == sorted(  # type: ignore[type-var]
        [KARAAGASH, ZHUMAZHANOV]
    )
    assert EXECUTOR in _column(data, "plans", "executor")
    assert data.rows("progress") == [
        (
            data.rows("progress")[0][0],
            data.rows("progress")[0][1],
            KARAAGASH,
            1,
            2026,
            3,
            "in_progress",
            40,
            COMMENT,
            date(2026, 10, 20),
        )
    ]

    # One akimat's scope: nothing of the other one.
    own = await service.collect([world.good], Q3)
    for table in TABLES:
        assert ZHUMAZHANOV not in {
            row[COLUMNS[table].index("akimat_code")] for row in own.rows(table)
        }
    assert len(own.rows("questions")) == 7
    # Q4: no meeting, no question, no plan; the Q3 report is not Q4's progress.
    empty = await service.collect([world.good, world.late], ReportPeriod.parse("2026q4"))
    assert all(empty.rows(table) == [] for table in TABLES)
    # The year holds the quarter.
    year = await service.collect([world.good, world.late], ReportPeriod.parse("2026y1"))
    assert len(year.rows("questions")) == 10  # the one of 30 June too
    assert len(year.rows("progress")) == 1


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_csv_and_xlsx_hold_the_rows_anonymous_and_formula_safe(
    world: FeedbackWorld, session_factory: Sessions, translator: Translator, locale: str
) -> None:
    t = Text(translator, locale, TZ)
    data = await _service(world, session_factory).collect([world.good, world.late], Q3)
    archive = zipfile.ZipFile(io.BytesIO(csv_zip(t, data)))
    assert archive.namelist() == [f"{file_stem(t, table, Q3)}.csv" for table in TABLES]
    book = load_workbook(io.BytesIO(workbook(t, data)))
    assert book.sheetnames == [t(f"open-data-table-{table}") for table in TABLES]
    texts: list[str] = []
    for table in TABLES:
        raw = archive.read(f"{file_stem(t, table, Q3)}.csv")
        assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
        lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        # The header: the stable machine names, whatever the language.
        assert tuple(lines[0]) == COLUMNS[table]
        assert len(lines) == len(data.rows(table)) + 1
        sheet = book[t(f"open-data-table-{table}")]
        cells = list(sheet.iter_rows(values_only=True))
        assert cells[0] == COLUMNS[table]
        assert len(cells) == len(data.rows(table)) + 1
        for line in lines[1:]:
            texts += line
            # No CSV cell a spreadsheet would read as a formula.
            assert not any(cell[:1] in ("=", "+", "-", "@") for cell in line)
        for row in cells[1:]:
            texts += [str(value) for value in row if value is not None]
            for value in row:
                if isinstance(value, str):
                    assert value[:1] not in ("=", "+", "-", "@")
        for cell in sheet.iter_rows(min_row=2):
            for one in cell:
                assert one.data_type != "f"
    joined = "\n".join(texts)
    # Anonymous: no author, supporter or official id anywhere, nor the question's text.
    for user_id in USER_IDS:
        assert str(user_id) not in joined
    assert OWN_WORDS not in joined and "Айгүл" not in joined
    # The dangerous texts are there, defused with a leading apostrophe.
    for dangerous in (ANSWER, EXECUTOR, COMMENT, PLACE):
        assert "'" + dangerous in joined
    assert "Q-2026-000777" in joined
