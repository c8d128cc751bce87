"""The action plan as an XLSX file: the template the bot sends, and its strict parser.

The template has the plan's sheet (a header row in the official's language, then one row per
item: problem, measure, responsible executor, deadline, linked question numbers), already filled
with the draft's items if there are any, and a reference sheet listing the meeting's questions
so their numbers can be copied.

The parser accepts only what it can read without guessing. Every problem is reported with its
row and column ("row 4, D: 31.02.2027 is not a date"), all of them at once (up to a limit), and a
file with any problem yields no items at all: the caller saves nothing. Dates are real Excel dates
or text `dd.mm.yyyy` (also `yyyy-mm-dd`); formulas and merged cells are refused, because what the
official sees in them is not what the cell holds.
"""

import io
import re
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from xml.etree import ElementTree
from xml.etree.ElementTree import ParseError

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from locales import Text, Translator
from services.plans import (
    MAX_DEADLINE_YEARS,
    MAX_EXECUTOR,
    MAX_ITEMS,
    MAX_LINKED,
    MAX_MEASURE,
    MAX_PROBLEM,
    MIN_TEXT,
    PlanError,
    PlanErrorReason,
    PlanItemView,
    QuestionRef,
    check_deadline,
    clean_text,
    normalize_number,
    split_numbers,
)

# Checked on `document.file_size` before downloading, and again on the bytes.
MAX_FILE_BYTES = 10 * 1024 * 1024
# What openpyxl would have to parse (the XML inside the zip): a small file can unpack into a
# huge one, and a real plan of 200 rows is a few megabytes at most.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
# Rows the plan's sheet may declare, counted in its XML before openpyxl parses anything: a plan
# has at most MAX_ITEMS items, and a sheet formatted further down than it is filled is fine,
# but a 90,000-row sheet (under the byte limits) cost ~150 MB to parse, and the process kept
# it after the file was refused.
MAX_SHEET_ROWS = 10 * MAX_ITEMS
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_ERRORS = 20
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The plan sheet's columns, in order, and the locale key of each header.
COLUMNS = ("A", "B", "C", "D", "E")
HEADER_KEYS = (
    "plan-xlsx-col-problem",
    "plan-xlsx-col-measure",
    "plan-xlsx-col-executor",
    "plan-xlsx-col-deadline",
    "plan-xlsx-col-questions",
)
REFERENCE_KEYS = (
    "plan-xlsx-ref-number",
    "plan-xlsx-ref-kind",
    "plan-xlsx-ref-status",
    "plan-xlsx-ref-supports",
    "plan-xlsx-ref-text",
)
_WIDTHS = (50, 50, 30, 16, 24)
_TEXT_LIMITS = {"A": MAX_PROBLEM, "B": MAX_MEASURE, "C": MAX_EXECUTOR}

_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PARENTHESES = re.compile(r"\([^)]*\)")


class FileProblem(StrEnum):
    TOO_BIG = "too-big"
    NOT_XLSX = "not-xlsx"
    UNPACKED_TOO_BIG = "unpacked-too-big"
    HEADER_MISSING = "header-missing"
    HEADER_WRONG = "header-wrong"
    EXTRA_COLUMN = "extra-column"
    NO_ITEMS = "no-items"
    TOO_MANY_ROWS = "too-many-rows"
    EMPTY_ROW = "empty-row"
    MERGED = "merged"
    FORMULA = "formula"
    ERROR_VALUE = "error-value"
    REQUIRED = "required"
    TOO_SHORT = "too-short"
    TOO_LONG = "too-long"
    NOT_A_DATE = "not-a-date"
    BEFORE_MEETING = "before-meeting"
    TOO_FAR = "too-far"
    BAD_NUMBER = "bad-number"
    UNKNOWN_QUESTION = "unknown-question"
    TOO_MANY_QUESTIONS = "too-many-questions"


@dataclass(frozen=True, slots=True)
class FileError:
    """One problem of a file: where (row and column letter, when it has a place) and what.

    ``value`` is what the cell holds (shortened); ``expected`` the header a column should have;
    ``limit`` is the bound that was crossed and ``count`` how far (a text's length, the rows).
    """

    problem: FileProblem
    row: int | None = None
    column: str | None = None
    value: str = ""
    expected: str = ""
    limit: int = 0
    count: int = 0


class PlanFileError(Exception):
    """The file cannot be taken; ``errors`` lists the first problems, ``total`` counts all."""

    def __init__(self, errors: Sequence[FileError], total: int | None = None) -> None:
        super().__init__(f"{len(errors)} problem(s) in the plan file")
        self.errors = tuple(errors[:MAX_ERRORS])
        self.total = total if total is not None else len(errors)


@dataclass(frozen=True, slots=True)
class ParsedItem:
    row: int
    problem: str
    measure: str
    executor: str
    due_on: date
    question_ids: tuple[int, ...]


# -------------------------------------------------------------------------------------------------
# The template


def build_template(
    t: Text,
    *,
    items: Sequence[PlanItemView],
    questions: Sequence[QuestionRef],
) -> bytes:
    """The XLSX the official fills in: headers in their language, the draft's items if any,
    and the meeting's questions on the reference sheet."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = t("plan-xlsx-sheet-plan")
    _header(sheet, [t(key) for key in HEADER_KEYS], _WIDTHS)
    for row, item in enumerate(items, start=2):
        _text_cell(sheet, row, 1, item.problem)
        _text_cell(sheet, row, 2, item.measure)
        _text_cell(sheet, row, 3, item.executor)
        sheet.cell(row, 4, item.due_on)
        sheet.cell(row, 5, ", ".join(q.public_number for q in item.questions) or None)
    # The deadline column shows dates as the template asks them to be typed, empty rows too.
    for row in range(2, MAX_ITEMS + 2):
        sheet.cell(row, 4).number_format = "DD.MM.YYYY"
        for column in (1, 2, 3, 5):
            sheet.cell(row, column).alignment = Alignment(wrap_text=True, vertical="top")

    reference = workbook.create_sheet(t("plan-xlsx-sheet-reference"))
    _header(reference, [t(key) for key in REFERENCE_KEYS], (18, 14, 14, 10, 80))
    for row, question in enumerate(questions, start=2):
        reference.cell(row, 1, question.public_number)
        reference.cell(row, 2, t("plan-xlsx-kind", kind=question.kind.value))
        reference.cell(row, 3, t("plan-xlsx-status", status=question.status.value))
        reference.cell(row, 4, question.support_count)
        text_cell = _text_cell(reference, row, 5, question.text)
        text_cell.alignment = Alignment(wrap_text=True, vertical="top")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    """A cell holding ``value`` as text, whatever it starts with: openpyxl would store a
    string starting with "=" as a formula, and a citizen's question such as
    ``=HYPERLINK(...)`` would run in the official's spreadsheet. Typed as a string it reads
    back exactly (parse_plan refuses formulas, not text)."""
    cell = sheet.cell(row, column)
    assert isinstance(cell, Cell)  # a fresh sheet has no merged ranges
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.data_type = "s"
    return cell


def _header(sheet: Worksheet, titles: Sequence[str], widths: Sequence[int]) -> None:
    fill = PatternFill("solid", fgColor="DDEBF7")
    for column, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        cell = sheet.cell(1, column, title)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


# -------------------------------------------------------------------------------------------------
# The parser


def header_names(translator: Translator) -> list[set[str]]:
    """For each column, its header in every language, normalised: a file downloaded in Kazakh
    and filled in by a Russian-speaking colleague is still the same template."""
    return [
        {_normal_header(translator.get(locale, key)) for locale in translator.locales}
        for key in HEADER_KEYS
    ]


def _normal_header(text: str) -> str:
    # "Мерзімі (кк.аа.жжжж)" and "мерзімі" are the same header.
    return " ".join(_PARENTHESES.sub(" ", text).casefold().split()).strip(" .:*")


def parse_plan(
    data: bytes,
    *,
    headers: Sequence[set[str]],
    expected_headers: Sequence[str],
    meeting_date: date,
    questions: Mapping[str, int],
) -> list[ParsedItem]:
    """The items of an uploaded plan file, or PlanFileError listing every problem found.

    ``headers``: the accepted names of each column (``header_names``); ``expected_headers``:
    how to name them in errors (the reader's language); ``questions``: the meeting's public
    question numbers and their ids.
    """
    if len(data) > MAX_FILE_BYTES:
        raise PlanFileError(
            [FileError(FileProblem.TOO_BIG, limit=MAX_FILE_BYTES, count=len(data))]
        )
    sheet = _open_first_sheet(data)
    errors: list[FileError] = []
    _check_merged(sheet, errors)
    _check_header(sheet, headers, expected_headers, errors)
    items = _read_rows(sheet, meeting_date, questions, errors)
    if not errors and not items:
        errors.append(FileError(FileProblem.NO_ITEMS))
    if errors:
        raise PlanFileError(errors)
    return items


def _open_first_sheet(data: bytes) -> Worksheet:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if "[Content_Types].xml" not in archive.namelist():
                raise PlanFileError([FileError(FileProblem.NOT_XLSX)])
    except zipfile.BadZipFile as error:
        raise PlanFileError([FileError(FileProblem.NOT_XLSX)]) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise PlanFileError(
            [FileError(FileProblem.UNPACKED_TOO_BIG, limit=MAX_UNPACKED_BYTES, count=unpacked)]
        )
    rows = _declared_rows(data)
    if rows > MAX_SHEET_ROWS:
        raise PlanFileError(
            [FileError(FileProblem.TOO_MANY_ROWS, limit=MAX_ITEMS, count=rows - 1)]
        )
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it ignores (data validation, conditional formats);
            # they do not change the cells' values.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), data_only=False, rich_text=False)
    except (InvalidFileException, KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise PlanFileError([FileError(FileProblem.NOT_XLSX)]) from error
    if not workbook.worksheets:
        raise PlanFileError([FileError(FileProblem.NOT_XLSX)])
    sheet = workbook.worksheets[0]
    if not isinstance(sheet, Worksheet):
        raise PlanFileError([FileError(FileProblem.NOT_XLSX)])
    return sheet


def _first_sheet_path(archive: zipfile.ZipFile) -> str | None:
    """The part of the workbook's first sheet ("xl/worksheets/sheet1.xml"), from the
    workbook's own list and its relationships; None when they do not say."""
    try:
        with archive.open("xl/workbook.xml") as handle:
            sheets = ElementTree.parse(handle).getroot().find(f"{_MAIN}sheets")
        first = sheets.find(f"{_MAIN}sheet") if sheets is not None else None
        rel_id = first.get(f"{_REL}id") if first is not None else None
        with archive.open("xl/_rels/workbook.xml.rels") as handle:
            relations = ElementTree.parse(handle).getroot()
    except (KeyError, ParseError):
        return None
    for relation in relations.iter(f"{_PACKAGE_REL}Relationship"):
        if relation.get("Id") == rel_id:
            target = relation.get("Target") or ""
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _declared_rows(data: bytes) -> int:
    """How many rows the first sheet's XML holds, counted as the XML streams by (nothing is
    kept): refused above MAX_SHEET_ROWS before openpyxl loads the sheet. 0 when the sheet
    cannot be found or read (openpyxl then says what is wrong)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            path = _first_sheet_path(archive)
            if path is None or path not in archive.namelist():
                return 0
            rows = 0
            rows_parent: ElementTree.Element | None = None
            with archive.open(path) as handle:
                for event, element in ElementTree.iterparse(handle, events=("start", "end")):
                    if event == "start":
                        if element.tag == f"{_MAIN}sheetData":
                            rows_parent = element
                    elif element.tag == f"{_MAIN}row":
                        rows += 1
                        # Nothing is kept: a row is dropped once counted.
                        if rows_parent is not None:
                            rows_parent.remove(element)
            return rows
    except (zipfile.BadZipFile, ParseError, OSError, KeyError):
        return 0


def _check_merged(sheet: Worksheet, errors: list[FileError]) -> None:
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        errors.append(
            FileError(
                FileProblem.MERGED,
                row=merged.min_row,
                column=get_column_letter(merged.min_col),
                value=merged.coord,
            )
        )


def _check_header(
    sheet: Worksheet,
    headers: Sequence[set[str]],
    expected: Sequence[str],
    errors: list[FileError],
) -> None:
    for index, letter in enumerate(COLUMNS):
        cell = sheet[f"{letter}1"]
        assert isinstance(cell, Cell)
        text = _text(cell)
        if not text:
            errors.append(
                FileError(
                    FileProblem.HEADER_MISSING, row=1, column=letter, expected=expected[index]
                )
            )
        elif _normal_header(text) not in headers[index]:
            errors.append(
                FileError(
                    FileProblem.HEADER_WRONG,
                    row=1,
                    column=letter,
                    value=_short(text),
                    expected=expected[index],
                )
            )
    for column in range(len(COLUMNS) + 1, sheet.max_column + 1):
        cell = sheet.cell(1, column)
        if _text(cell):
            errors.append(
                FileError(
                    FileProblem.EXTRA_COLUMN,
                    row=1,
                    column=get_column_letter(column),
                    value=_short(_text(cell)),
                )
            )


def _read_rows(
    sheet: Worksheet,
    meeting_date: date,
    questions: Mapping[str, int],
    errors: list[FileError],
) -> list[ParsedItem]:
    rows = list(sheet.iter_rows(min_row=2, max_row=max(sheet.max_row, 1)))
    filled = [index for index, row in enumerate(rows) if any(_has_value(c) for c in row)]
    if not filled:
        return []
    last = filled[-1]
    count = last + 1
    if count > MAX_ITEMS:
        errors.append(FileError(FileProblem.TOO_MANY_ROWS, limit=MAX_ITEMS, count=count))
        return []
    items: list[ParsedItem] = []
    for index in range(count):
        row_number = index + 2
        cells = {cell.column_letter: cell for cell in rows[index] if isinstance(cell, Cell)}
        # Covered by a merged range (already reported): not also "empty".
        covered = {
            get_column_letter(cell.column or 0)
            for cell in rows[index]
            if isinstance(cell, MergedCell)
        }
        if not any(_has_value(cell) for cell in cells.values()):
            if not covered:
                errors.append(FileError(FileProblem.EMPTY_ROW, row=row_number))
            continue
        item = _read_row(row_number, cells, covered, meeting_date, questions, errors)
        if item is not None:
            items.append(item)
    return items


def _read_row(
    row: int,
    cells: Mapping[str, Cell],
    covered: set[str],
    meeting_date: date,
    questions: Mapping[str, int],
    errors: list[FileError],
) -> ParsedItem | None:
    before = len(errors)
    for letter, cell in sorted(cells.items(), key=lambda pair: pair[1].column or 0):
        if letter not in COLUMNS and _has_value(cell):
            errors.append(
                FileError(FileProblem.EXTRA_COLUMN, row=row, column=letter, value=_show(cell))
            )
    usable: dict[str, Cell] = {}
    for letter in COLUMNS:
        found = cells.get(letter)
        if found is None:
            continue
        cell = found
        if cell.data_type == "f":
            errors.append(
                FileError(FileProblem.FORMULA, row=row, column=letter, value=_show(cell))
            )
        elif cell.data_type == "e":
            errors.append(
                FileError(FileProblem.ERROR_VALUE, row=row, column=letter, value=_show(cell))
            )
        else:
            usable[letter] = cell
    # A cell refused above (a formula) or under a merged range is not also reported as empty.
    refused = {letter for letter in COLUMNS if letter in cells and letter not in usable}
    refused |= covered
    texts = {
        letter: _required_text(row, letter, usable.get(letter), limit, errors)
        for letter, limit in _TEXT_LIMITS.items()
        if letter not in refused
    }
    due_on = None if "D" in refused else _deadline(row, usable.get("D"), meeting_date, errors)
    linked = _questions(row, usable.get("E"), questions, errors)
    if len(errors) > before or due_on is None or refused:
        return None
    return ParsedItem(
        row=row,
        problem=texts["A"] or "",
        measure=texts["B"] or "",
        executor=clean_text(texts["C"] or "", single_line=True),
        due_on=due_on,
        question_ids=linked,
    )


def _required_text(
    row: int, letter: str, cell: Cell | None, limit: int, errors: list[FileError]
) -> str | None:
    text = clean_text(_text(cell)) if cell is not None else ""
    if not text:
        errors.append(FileError(FileProblem.REQUIRED, row=row, column=letter))
        return None
    if len(text) < MIN_TEXT:
        errors.append(
            FileError(
                FileProblem.TOO_SHORT, row=row, column=letter, limit=MIN_TEXT, count=len(text)
            )
        )
        return None
    if len(text) > limit:
        errors.append(
            FileError(FileProblem.TOO_LONG, row=row, column=letter, limit=limit, count=len(text))
        )
        return None
    return text


def _deadline(
    row: int, cell: Cell | None, meeting_date: date, errors: list[FileError]
) -> date | None:
    if cell is None or not _has_value(cell):
        errors.append(FileError(FileProblem.REQUIRED, row=row, column="D"))
        return None
    day = _date_of(cell.value)
    if day is None:
        errors.append(FileError(FileProblem.NOT_A_DATE, row=row, column="D", value=_show(cell)))
        return None
    try:
        return check_deadline(day, meeting_date)
    except PlanError as error:
        problem = (
            FileProblem.BEFORE_MEETING
            if error.reason is PlanErrorReason.DEADLINE_BEFORE_MEETING
            else FileProblem.TOO_FAR
        )
        errors.append(
            FileError(
                problem,
                row=row,
                column="D",
                value=day.strftime("%d.%m.%Y"),
                limit=MAX_DEADLINE_YEARS,
            )
        )
        return None


def _date_of(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        # A bare number is a serial day only Excel's format would explain: not read as a date.
        return None
    text = value.strip()
    if match := _DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _YMD.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _questions(
    row: int, cell: Cell | None, known: Mapping[str, int], errors: list[FileError]
) -> tuple[int, ...]:
    if cell is None or not _has_value(cell):
        return ()
    found: list[int] = []
    for token in split_numbers(_text(cell)):
        number = normalize_number(token)
        if number is None:
            errors.append(FileError(FileProblem.BAD_NUMBER, row=row, column="E", value=token[:40]))
        elif number not in known:
            errors.append(
                FileError(FileProblem.UNKNOWN_QUESTION, row=row, column="E", value=number)
            )
        elif known[number] not in found:
            found.append(known[number])
    if len(found) > MAX_LINKED:
        errors.append(
            FileError(
                FileProblem.TOO_MANY_QUESTIONS,
                row=row,
                column="E",
                limit=MAX_LINKED,
                count=len(found),
            )
        )
    return tuple(found)


def _has_value(cell: Any) -> bool:
    # Cells covered by a merged range are MergedCell objects without a value of their own.
    if not isinstance(cell, Cell):
        return False
    value = cell.value
    if value is None:
        return False
    return not (isinstance(value, str) and not value.strip())


def _text(cell: Any) -> str:
    if not isinstance(cell, Cell) or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


def _show(cell: Cell) -> str:
    """The cell as the official sees it in errors: its text, or its formula."""
    return _short(_text(cell))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = [
    "COLUMNS",
    "HEADER_KEYS",
    "MAX_ERRORS",
    "MAX_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "XLSX_MIME",
    "FileError",
    "FileProblem",
    "ParsedItem",
    "PlanFileError",
    "build_template",
    "header_names",
    "parse_plan",
]
