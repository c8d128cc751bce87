"""Read a KATO file into validated records.

Two formats are accepted:

* the CSV of the project's data folder (``kato,kato_version,level,type_code,name_ru,name_kk``,
  UTF-8, one row per unit);
* the official workbook of the Bureau of National Statistics (.xlsx, a header row
  ``te, ab, cd, ef, hij, k, kaz_name, rus_name, nn``, possibly below title rows; codes may be
  typed as numbers).

The whole file is validated before anything is returned: a bad file raises `KatoFormatError`
listing the rows at fault (as the user sees them: the header is row 1 of a CSV, a workbook
keeps its sheet row numbers), so an import writes either everything or nothing.
"""

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from regulation.levels import AkimLevel
from services.kato.levels import akim_level
from services.kato.names import clean_name

CSV_COLUMNS = ("kato", "kato_version", "level", "type_code", "name_ru", "name_kk")
XLSX_COLUMNS = ("te", "ab", "cd", "ef", "hij", "k", "kaz_name", "rus_name", "nn")
# The columns of the workbook that are read; `ab`..`hij` repeat `te`, `nn` is a row number.
XLSX_REQUIRED = ("te", "k", "kaz_name", "rus_name")
STRUCTURAL_LEVELS = ("oblast", "district", "sub_district", "settlement")
# The classifier's `k`: 0 republic/oblast, 1 urban, 2 rural, 3 city/settlement administration
# with rural settlements, 4 district with urban settlements (НК РК 11-2025 §6.5).
TYPE_CODES = frozenset({0, 1, 2, 3, 4})
MAX_REPORTED_ISSUES = 20
# Title rows above the workbook header: the official file has none, but a re-saved one may.
MAX_TITLE_ROWS = 30
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class KatoRecord:
    code: str
    parent_code: str | None
    level: str  # structural: oblast | district | sub_district | settlement
    depth: int  # 0 for an oblast-level unit, +1 per ancestor
    type_code: int
    name_kk: str
    name_ru: str
    akim_level: AkimLevel | None


@dataclass(frozen=True, slots=True)
class KatoIssue:
    row: int | None  # None: the file as a whole
    message: str

    def __str__(self) -> str:
        return self.message if self.row is None else f"row {self.row}: {self.message}"


class KatoFormatError(ValueError):
    """The file is not a valid KATO classifier; nothing of it may be imported."""

    def __init__(self, issues: Iterable[KatoIssue], *, total: int | None = None) -> None:
        self.issues = tuple(issues)
        self.total = max(total or 0, len(self.issues))
        lines = [str(issue) for issue in self.issues]
        if self.total > len(self.issues):
            lines.append(f"... and {self.total - len(self.issues)} more")
        super().__init__("\n".join(lines))


@dataclass(frozen=True, slots=True)
class _RawRow:
    row: int
    code: object
    type_code: object
    name_kk: object
    name_ru: object
    level: object = None  # the CSV states it; checked against the code


class _Issues:
    """Collects issues, keeps the first `MAX_REPORTED_ISSUES`, counts all of them."""

    def __init__(self) -> None:
        self.kept: list[KatoIssue] = []
        self.total = 0

    def add(self, row: int | None, message: str) -> None:
        self.total += 1
        if len(self.kept) < MAX_REPORTED_ISSUES:
            self.kept.append(KatoIssue(row, message))

    def raise_if_any(self) -> None:
        if self.total:
            raise KatoFormatError(self.kept, total=self.total)


def read_kato(path: str | Path) -> list[KatoRecord]:
    """Read and validate a KATO file (.csv or .xlsx, told apart by content and extension).
    Returns the records sorted by code, so every parent comes before its children."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_ZIP_MAGIC))
    except OSError as error:
        raise KatoFormatError([KatoIssue(None, f"cannot read {path.name}: {error}")]) from error
    suffix = path.suffix.lower()
    if suffix == ".xls" and not head.startswith(_ZIP_MAGIC):
        raise KatoFormatError(
            [KatoIssue(None, "an old binary .xls workbook: save it as .xlsx or .csv first")]
        )
    if head.startswith(_ZIP_MAGIC) or suffix in {".xlsx", ".xlsm"}:
        return read_kato_xlsx(path)
    return read_kato_csv(path)


def read_kato_csv(source: str | Path | io.TextIOBase) -> list[KatoRecord]:
    """Read the CSV format; `source` is a path or an open text stream."""
    try:
        if isinstance(source, io.TextIOBase):
            return _parse(_csv_rows(source))
        with Path(source).open(encoding="utf-8-sig", newline="") as handle:
            return _parse(_csv_rows(handle))
    except UnicodeDecodeError as error:
        raise KatoFormatError(
            [KatoIssue(None, f"not a UTF-8 text file (byte {error.start}): not a KATO CSV")]
        ) from error
    except csv.Error as error:
        raise KatoFormatError([KatoIssue(None, f"not a readable CSV file: {error}")]) from error


def _csv_rows(handle: Iterable[str]) -> Iterator[_RawRow]:
    reader = csv.reader(handle)
    header = next(reader, None)
    normalised = tuple(cell.strip().lower() for cell in header or ())
    if normalised[: len(CSV_COLUMNS)] != CSV_COLUMNS:
        found = ",".join(header or ())[:120] or "an empty file"
        expected = ",".join(CSV_COLUMNS)
        raise KatoFormatError(
            [KatoIssue(1, f"not a KATO CSV: expected the header {expected}, found {found}")]
        )
    for row_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, e.g. at the end of the file
        cells = cells + [""] * (len(CSV_COLUMNS) - len(cells))
        yield _RawRow(
            row=row_number,
            code=cells[0],
            level=cells[2],
            type_code=cells[3],
            name_ru=cells[4],
            name_kk=cells[5],
        )


def read_kato_xlsx(path: str | Path) -> list[KatoRecord]:
    """Read the official workbook: the first sheet that has the header row."""
    # openpyxl is only needed for this format; importing it lazily keeps start-up light.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # A file object, not the path: openpyxl refuses paths not ending in .xlsx, and the
        # format was told by content. Workbooks written by other tools make openpyxl warn
        # (default styles, data validation...): harmless for reading values.
        with warnings.catch_warnings(), Path(path).open("rb") as handle:
            warnings.simplefilter("ignore")
            workbook = load_workbook(handle, read_only=True, data_only=True)
            try:
                for sheet in workbook.worksheets:
                    rows = sheet.iter_rows(values_only=True)
                    header = _find_xlsx_header(rows)
                    if header is not None:
                        return _parse(_xlsx_rows(rows, *header))
            finally:
                workbook.close()
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ParseError) as error:
        raise KatoFormatError(
            [KatoIssue(None, f"unreadable .xlsx workbook ({type(error).__name__}: {error})")]
        ) from error
    expected = ", ".join(XLSX_COLUMNS)
    raise KatoFormatError(
        [
            KatoIssue(
                None,
                f"not a KATO workbook: no sheet has the header row {expected} "
                f"in its first {MAX_TITLE_ROWS} rows",
            )
        ]
    )


def _find_xlsx_header(
    rows: Iterator[tuple[object, ...]],
) -> tuple[int, dict[str, int]] | None:
    for row_number, cells in enumerate(rows, start=1):
        names = [str(cell).strip().lower() if cell is not None else "" for cell in cells]
        if all(column in names for column in XLSX_REQUIRED):
            return row_number, {column: names.index(column) for column in XLSX_REQUIRED}
        if row_number >= MAX_TITLE_ROWS:
            return None
    return None


def _xlsx_rows(
    rows: Iterator[tuple[object, ...]], header_row: int, positions: dict[str, int]
) -> Iterator[_RawRow]:
    width = max(positions.values()) + 1
    for row_number, cells in enumerate(rows, start=header_row + 1):
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        cells = tuple(cells) + (None,) * (width - len(cells))
        yield _RawRow(
            row=row_number,
            code=cells[positions["te"]],
            type_code=cells[positions["k"]],
            name_kk=cells[positions["kaz_name"]],
            name_ru=cells[positions["rus_name"]],
        )


def structural_level(code: str) -> str:
    """The level of a 9-digit code: the last non-zero segment of AB CD EF HIJ."""
    if code[2:] == "0000000":
        return "oblast"
    if code[4:] == "00000":
        return "district"
    if code[6:] == "000":
        return "sub_district"
    return "settlement"


def parent_candidates(code: str) -> list[str]:
    """Where the parent of a code may be, nearest first (NOTES.md, "Getting the parent"):
    AB CD EF H00 (only for IJ != 00), AB CD EF 000, AB CD 00 000, AB 00 00 000; never the code
    itself. The first one present in the classifier is the parent."""
    candidates = [code[:7] + "00"] if code[7:] != "00" else []
    candidates += [code[:6] + "000", code[:4] + "00000", code[:2] + "0000000"]
    return [candidate for candidate in dict.fromkeys(candidates) if candidate != code]


def _code(value: object) -> str | None:
    """A 9-digit code as a string; Excel may hand it over as an int or a float."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if not value.is_integer():
            return None
        text = str(int(value))
    elif isinstance(value, str):
        text = value.strip()
    else:
        return None
    if not isinstance(value, str) and text.isascii() and text.isdigit():
        text = text.zfill(9)  # a number has no leading zeros to keep
    # AB runs from 10 (Абай) to 79 (Шымкент): a leading zero is a code that lost a digit.
    if len(text) != 9 or not (text.isascii() and text.isdigit()) or text[0] == "0":
        return None
    return text


def _type_code(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip() if value is not None else ""
    if text.isascii() and text.isdigit() and int(text) in TYPE_CODES:
        return int(text)
    return None


def _name(value: object) -> str:
    return clean_name(str(value)) if value is not None else ""


def _parse(raw_rows: Iterable[_RawRow]) -> list[KatoRecord]:
    issues = _Issues()
    rows: dict[str, tuple[_RawRow, int, str, str]] = {}  # code -> row, type, kk, ru
    first_row: dict[str, int] = {}
    for raw in raw_rows:
        code = _code(raw.code)
        type_code = _type_code(raw.type_code)
        name_kk, name_ru = _name(raw.name_kk), _name(raw.name_ru)
        if code is None:
            shown = str(raw.code)[:40] if raw.code is not None else ""
            issues.add(raw.row, f"bad code {shown!r}: expected 9 digits, the first not 0")
            continue
        if code in first_row:
            issues.add(raw.row, f"duplicate code {code} (first at row {first_row[code]})")
            continue
        first_row[code] = raw.row
        level = raw.level.strip() if isinstance(raw.level, str) else None
        if level and level != structural_level(code):
            issues.add(
                raw.row, f"level {level!r} does not match code {code} ({structural_level(code)})"
            )
        if type_code is None:
            issues.add(raw.row, f"unknown type sign {str(raw.type_code)[:20]!r} for {code}")
        if not name_kk:
            issues.add(raw.row, f"empty Kazakh name for {code}")
        if not name_ru:
            issues.add(raw.row, f"empty Russian name for {code}")
        if type_code is not None and name_kk and name_ru:
            rows[code] = (raw, type_code, name_kk, name_ru)
    if not first_row and not issues.total:
        issues.add(None, "the file has a header but no rows")

    records: dict[str, KatoRecord] = {}
    for code in sorted(rows):
        raw, type_code, name_kk, name_ru = rows[code]
        level = structural_level(code)
        parent: KatoRecord | None = None
        if level != "oblast":
            parent_code = next((c for c in parent_candidates(code) if c in first_row), None)
            if parent_code is None:
                candidates = ", ".join(parent_candidates(code))
                issues.add(raw.row, f"missing parent for {code}: none of {candidates} is here")
                continue
            parent = records.get(parent_code)
            if parent is None:
                continue  # the parent row itself is faulty and already reported
        records[code] = KatoRecord(
            code=code,
            parent_code=parent.code if parent else None,
            level=level,
            depth=parent.depth + 1 if parent else 0,
            type_code=type_code,
            name_kk=name_kk,
            name_ru=name_ru,
            akim_level=akim_level(code, type_code, name_ru, name_kk, level),
        )
    issues.raise_if_any()
    return list(records.values())
