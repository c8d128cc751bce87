"""The annual calendar as an XLSX file: the template the bot sends, and its strict parser.

The template's first sheet has a header row in the official's language and one row per planned
meeting: A the month (1-12) or the date (a real date, or text dd.mm.yyyy), B the venue's KATO
code, C the kind (reporting / visiting, in any of the three languages). It comes filled with
the calendar's entries. The second sheet lists the units below the akimat (code and name), to
copy codes from. Names and codes are written as text (never a formula).

The parser reads only what it can without guessing: a formula or a merged cell is refused,
every problem is named with its row and column, all at once (up to MAX_ERRORS), and a file with
any problem yields nothing (the caller saves nothing). Its size is checked before it is opened,
and the archive's unpacked size before openpyxl parses it.
"""

import io
import re
import warnings
import zipfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from locales import Text, Translator
from services.calendar import MAX_ENTRIES, EntryView, NewEntry
from storage.models import CalendarEntryKind

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 10 * 1024 * 1024
MAX_ERRORS = 20
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = ("A", "B", "C")
HEADER_KEYS = ("calendar-xlsx-col-when", "calendar-xlsx-col-venue", "calendar-xlsx-col-kind")
KIND_KEYS = {
    CalendarEntryKind.REPORTING: "calendar-kind-reporting",
    CalendarEntryKind.VISITING: "calendar-kind-visiting",
}
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_CODE = re.compile(r"^\d{9}$")


class CalendarFileProblem(StrEnum):
    TOO_BIG = "too-big"
    NOT_XLSX = "not-xlsx"
    UNPACKED_TOO_BIG = "unpacked-too-big"
    HEADER_WRONG = "header-wrong"
    TOO_MANY_ROWS = "too-many-rows"
    NO_ENTRIES = "no-entries"
    MERGED = "merged"
    FORMULA = "formula"
    REQUIRED = "required"
    BAD_WHEN = "bad-when"
    WRONG_YEAR = "wrong-year"
    BAD_VENUE = "bad-venue"
    BAD_KIND = "bad-kind"


@dataclass(frozen=True, slots=True)
class CalendarFileError:
    problem: CalendarFileProblem
    row: int | None = None
    column: str | None = None
    value: str = ""
    limit: int = 0


class CalendarFileRejectedError(Exception):
    def __init__(self, errors: Sequence[CalendarFileError]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the calendar file")
        self.errors = tuple(errors[:MAX_ERRORS])
        self.total = len(errors)


def _text_cell(sheet: Worksheet, row: int, column: int, value: str) -> None:
    # As text whatever it starts with: "=..." would otherwise become a formula.
    cell = sheet.cell(row, column)
    assert isinstance(cell, Cell)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.data_type = "s"


def build_template(
    t: Text, year: int, entries: Sequence[EntryView], units: Sequence[EntryView]
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = t("calendar-xlsx-sheet", year=str(year))
    for column, key in enumerate(HEADER_KEYS, start=1):
        sheet.cell(1, column, t(key)).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = (18, 16, 16)[column - 1]
    for row, entry in enumerate(entries, start=2):
        if entry.planned_on is not None:
            sheet.cell(row, 1, entry.planned_on).number_format = "DD.MM.YYYY"
        else:
            sheet.cell(row, 1, entry.month)
        _text_cell(sheet, row, 2, entry.venue_code)
        _text_cell(sheet, row, 3, t(KIND_KEYS[entry.kind]))
    reference = workbook.create_sheet(t("calendar-xlsx-sheet-units"))
    reference.cell(1, 1, t("calendar-xlsx-col-venue")).font = Font(bold=True)
    reference.cell(1, 2, t("calendar-xlsx-col-name")).font = Font(bold=True)
    reference.column_dimensions["A"].width = 14
    reference.column_dimensions["B"].width = 50
    for row, unit in enumerate(units, start=2):
        _text_cell(reference, row, 1, unit.venue_code)
        _text_cell(reference, row, 2, unit.venue(t.locale))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def header_names(translator: Translator) -> list[set[str]]:
    return [
        {_normal(translator.get(locale, key)) for locale in translator.locales}
        for key in HEADER_KEYS
    ]


def kind_names(translator: Translator) -> dict[str, CalendarEntryKind]:
    names: dict[str, CalendarEntryKind] = {}
    for kind, key in KIND_KEYS.items():
        names[kind.value] = kind
        for locale in translator.locales:
            names[_normal(translator.get(locale, key))] = kind
    return names


def _open(data: bytes) -> Worksheet:
    if len(data) > MAX_FILE_BYTES:
        raise CalendarFileRejectedError(
            [CalendarFileError(CalendarFileProblem.TOO_BIG, limit=MAX_FILE_BYTES)]
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = archive.namelist()
    except zipfile.BadZipFile as error:
        raise CalendarFileRejectedError(
            [CalendarFileError(CalendarFileProblem.NOT_XLSX)]
        ) from error
    if "[Content_Types].xml" not in names:
        raise CalendarFileRejectedError([CalendarFileError(CalendarFileProblem.NOT_XLSX)])
    # Refused before openpyxl unpacks anything: a small archive can unpack into gigabytes.
    if unpacked > MAX_UNPACKED_BYTES:
        raise CalendarFileRejectedError(
            [CalendarFileError(CalendarFileProblem.UNPACKED_TOO_BIG, limit=MAX_UNPACKED_BYTES)]
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), data_only=False, rich_text=False)
    except (InvalidFileException, KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise CalendarFileRejectedError(
            [CalendarFileError(CalendarFileProblem.NOT_XLSX)]
        ) from error
    sheet = workbook.worksheets[0] if workbook.worksheets else None
    if not isinstance(sheet, Worksheet):
        raise CalendarFileRejectedError([CalendarFileError(CalendarFileProblem.NOT_XLSX)])
    return sheet


def _shown(value: object) -> str:
    text = value.strftime("%d.%m.%Y") if isinstance(value, datetime | date) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def parse_calendar(
    data: bytes,
    *,
    year: int,
    headers: Sequence[set[str]],
    kinds: Mapping[str, CalendarEntryKind],
    venues: Collection[str],
) -> list[NewEntry]:
    """The entries of an uploaded calendar file, or CalendarFileRejectedError naming every
    problem. ``venues``: the KATO codes allowed as venues (the akimat's territory)."""
    sheet = _open(data)
    errors: list[CalendarFileError] = []
    for merged in sheet.merged_cells.ranges:
        errors.append(
            CalendarFileError(
                CalendarFileProblem.MERGED,
                row=merged.min_row,
                column=get_column_letter(merged.min_col),
                value=merged.coord,
            )
        )
    for index, letter in enumerate(COLUMNS):
        value = sheet[f"{letter}1"].value
        if value is None or _normal(str(value)) not in headers[index]:
            errors.append(
                CalendarFileError(
                    CalendarFileProblem.HEADER_WRONG,
                    row=1,
                    column=letter,
                    value=_shown(value) if value is not None else "",
                )
            )
    rows = list(sheet.iter_rows(min_row=2, max_col=len(COLUMNS)))
    filled = [i for i, row in enumerate(rows) if any(c.value not in (None, "") for c in row)]
    if filled and filled[-1] + 1 > MAX_ENTRIES:
        errors.append(CalendarFileError(CalendarFileProblem.TOO_MANY_ROWS, limit=MAX_ENTRIES))
        raise CalendarFileRejectedError(errors)
    entries: list[NewEntry] = []
    for index in filled:
        entry = _row(index + 2, rows[index], year, kinds, venues, errors)
        if entry is not None:
            entries.append(entry)
    if not errors and not entries:
        errors.append(CalendarFileError(CalendarFileProblem.NO_ENTRIES))
    if errors:
        raise CalendarFileRejectedError(errors)
    return entries


def _row(
    row: int,
    cells: Sequence[object],
    year: int,
    kinds: Mapping[str, CalendarEntryKind],
    venues: Collection[str],
    errors: list[CalendarFileError],
) -> NewEntry | None:
    before = len(errors)
    values: dict[str, object] = {}
    for letter, cell in zip(COLUMNS, cells, strict=False):
        if not isinstance(cell, Cell):
            continue
        if cell.data_type == "f" or cell.data_type == "e":
            errors.append(
                CalendarFileError(
                    CalendarFileProblem.FORMULA, row=row, column=letter, value=_shown(cell.value)
                )
            )
            continue
        if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
            errors.append(CalendarFileError(CalendarFileProblem.REQUIRED, row=row, column=letter))
            continue
        values[letter] = cell.value
    month, planned_on = None, None
    if "A" in values:
        when = values["A"]
        if isinstance(when, datetime | date):
            planned_on = when.date() if isinstance(when, datetime) else when
        elif isinstance(when, int | float) and float(when).is_integer() and 1 <= when <= 12:
            month = int(when)
        elif isinstance(when, str) and when.strip().isdigit() and 1 <= int(when) <= 12:
            month = int(when.strip())
        elif isinstance(when, str) and (match := _DMY.match(when.strip())):
            try:
                planned_on = date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                planned_on = None
        if planned_on is not None:
            month = planned_on.month
            if planned_on.year != year:
                errors.append(
                    CalendarFileError(
                        CalendarFileProblem.WRONG_YEAR, row=row, column="A", value=_shown(when)
                    )
                )
        elif month is None:
            errors.append(
                CalendarFileError(
                    CalendarFileProblem.BAD_WHEN, row=row, column="A", value=_shown(when)
                )
            )
    venue = None
    if "B" in values:
        raw = values["B"]
        code = (
            str(int(raw)) if isinstance(raw, int | float) and float(raw).is_integer() else str(raw)
        )
        code = code.strip()
        if _CODE.match(code) and code in venues:
            venue = code
        else:
            errors.append(
                CalendarFileError(
                    CalendarFileProblem.BAD_VENUE, row=row, column="B", value=_shown(raw)
                )
            )
    kind = None
    if "C" in values:
        kind = kinds.get(_normal(str(values["C"])))
        if kind is None:
            errors.append(
                CalendarFileError(
                    CalendarFileProblem.BAD_KIND, row=row, column="C", value=_shown(values["C"])
                )
            )
    if len(errors) > before or month is None or venue is None or kind is None:
        return None
    return NewEntry(month=month, planned_on=planned_on, venue_code=venue, kind=kind)
