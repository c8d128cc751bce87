"""Open data (issue 9, section 7): the meetings, the anonymised questions and proposals with
their statuses, the action plans and their quarterly progress of a scope of akimats over a
report period, as a ZIP of CSV files and as one XLSX workbook, for the akimat's site and the
open-data portal.

The schema is stable: every column has a fixed snake_case English name (``COLUMNS``) and
statuses are the stored machine values (``new``, ``answered``, ``done`` ...), whatever the
reader's language; only the file and sheet names and the caption are translated.

Anonymised: no author, supporter or official id is read from the database (see
storage/repositories/open_data.py), and the question's own text, which may name the citizen,
is not published; the official's answer or reason is.

Formula-safe: a text cell that would start with =, +, -, @ (or a tab or carriage return, or the
full-width forms) gets a leading apostrophe, in the CSV files as in the workbook
(services/pool_export.safe_text), so a spreadsheet never runs what a citizen or an official
typed.
"""

import csv
import io
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Font

from locales import Text
from regulation.report_periods import ReportPeriod
from services.pool_export import safe_text, sheet_name
from services.questions import public_number
from storage.models import QuestionKind
from storage.repositories import duties as duty_rows
from storage.repositories import open_data as rows
from storage.unit_of_work import SessionSource

TABLES = ("meetings", "questions", "plans", "progress")
COLUMNS: dict[str, tuple[str, ...]] = {
    "meetings": (
        "meeting_id",
        "akimat_code",
        "akimat_name_kk",
        "akimat_name_ru",
        "venue_code",
        "starts_at",
        "ends_at",
        "place",
        "status",
        "announced_at",
        "held_at",
        "plan_published_at",
    ),
    "questions": (
        "number",
        "kind",
        "status",
        "meeting_id",
        "akimat_code",
        "created_on",
        "support_count",
        "resolution",
        "status_changed_on",
    ),
    "plans": (
        "plan_id",
        "meeting_id",
        "akimat_code",
        "item_no",
        "problem",
        "measure",
        "executor",
        "due_on",
        "status",
        "percent",
        "plan_published_on",
    ),
    "progress": (
        "plan_id",
        "meeting_id",
        "akimat_code",
        "item_no",
        "year",
        "quarter",
        "status",
        "percent",
        "comment",
        "report_published_on",
    ),
}
# UTF-8 with a byte-order mark: Excel then reads Cyrillic and Kazakh letters right.
CSV_ENCODING = "utf-8-sig"
ZIP_MIME = "application/zip"

Cell = str | int | date | None


@dataclass(frozen=True, slots=True)
class OpenData:
    period: ReportPeriod
    # table name (one of TABLES) -> rows, each in the order of COLUMNS[table]
    tables: dict[str, list[tuple[Cell, ...]]]

    def rows(self, table: str) -> list[tuple[Cell, ...]]:
        return self.tables[table]


class OpenDataService:
    def __init__(self, sessions: SessionSource, tz: ZoneInfo) -> None:
        self._sessions = sessions
        self._tz = tz

    def _moment(self, value: datetime | None) -> str | None:
        if value is None:
            return None
        return value.astimezone(self._tz).isoformat(timespec="minutes")

    def _day(self, value: datetime | None) -> date | None:
        return None if value is None else value.astimezone(self._tz).date()

    async def collect(self, scope: Collection[int], period: ReportPeriod) -> OpenData:
        """The four tables of ``scope`` (akimat ids the reader may read) over ``period``: the
        same whatever the reader's language (the akimats' names in Kazakh and Russian both)."""
        ids = sorted(set(scope))
        start, end = period.utc_bounds(self._tz)
        quarters = [(q.year, q.index) for q in period.quarters()]
        async with self._sessions() as session:
            akimats = {row.id: row for row in await duty_rows.akimats(session, ids)}
            ids = sorted(akimats)
            meetings = await rows.meetings(session, ids, start, end)
            questions = await rows.questions(session, ids, start, end)
            items = await rows.plan_items(session, ids, start, end)
            progress = await rows.progress(session, ids, quarters)

        def code(akimat_id: int) -> str:
            return akimats[akimat_id].locality_code

        tables: dict[str, list[tuple[Cell, ...]]] = {
            "meetings": [
                (
                    m.meeting_id,
                    m.akimat_code,
                    akimats[m.akimat_id].name_kk,
                    akimats[m.akimat_id].name_ru,
                    m.venue_code,
                    self._moment(m.starts_at),
                    self._moment(m.ends_at),
                    m.place,
                    m.status,
                    self._moment(m.announced_at),
                    self._moment(m.held_at),
                    self._moment(m.plan_published_at),
                )
                for m in meetings
            ],
            "questions": [
                (
                    q.number
                    or public_number(QuestionKind(q.kind), q.question_id, q.created_at, self._tz),
                    q.kind,
                    q.status,
                    q.meeting_id,
                    code(q.akimat_id),
                    self._day(q.created_at),
                    q.support_count,
                    q.resolution,
                    self._day(q.status_changed_at),
                )
                for q in questions
            ],
            "plans": [
                (
                    i.plan_id,
                    i.meeting_id,
                    code(i.akimat_id),
                    i.position,
                    i.problem,
                    i.measure,
                    i.executor,
                    i.due_on,
                    i.status,
                    i.percent,
                    self._day(i.published_at),
                )
                for i in items
            ],
            "progress": [
                (
                    p.plan_id,
                    p.meeting_id,
                    code(p.akimat_id),
                    p.position,
                    p.year,
                    p.quarter,
                    p.status,
                    p.percent,
                    p.comment,
                    self._day(p.published_at),
                )
                for p in progress
            ],
        }
        return OpenData(period, tables)


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def table_csv(data: OpenData, table: str) -> bytes:
    """One table as CSV: UTF-8 with a BOM, comma-separated, a header of COLUMNS names."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS[table])
    for row in data.rows(table):
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode(CSV_ENCODING)


def file_stem(t: Text, table: str, period: ReportPeriod) -> str:
    """A table's file name without the extension, in the reader's language."""
    return f"{t(f'open-data-table-{table}')}-{period.code}"


def csv_zip(t: Text, data: OpenData) -> bytes:
    """A ZIP with one CSV file per table (names in the reader's language, UTF-8)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            archive.writestr(f"{file_stem(t, table, data.period)}.csv", table_csv(data, table))
    return buffer.getvalue()


def workbook(t: Text, data: OpenData) -> bytes:
    """The same tables as the sheets of one XLSX workbook, text kept as text."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for table in TABLES:
        sheet = book.create_sheet(title=sheet_name(t(f"open-data-table-{table}")))
        sheet.append(list(COLUMNS[table]))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in data.rows(table):
            sheet.append([safe_text(value) if isinstance(value, str) else value for value in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, date | datetime):
                    cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def archive_name(period: ReportPeriod) -> str:
    return f"open-data-{period.code}.zip"


def workbook_name(period: ReportPeriod) -> str:
    return f"open-data-{period.code}.xlsx"


__all__ = [
    "COLUMNS",
    "CSV_ENCODING",
    "TABLES",
    "OpenData",
    "OpenDataService",
    "archive_name",
    "csv_zip",
    "file_stem",
    "table_csv",
    "workbook",
    "workbook_name",
]
