"""Entries from other channels as an XLSX file (the /received upload): the template and the
reader.

Columns, from A: kind, channel, day received, status, reference, text. A kind, channel or status
is written as its code (``question``, ``letter``, ``answered``) or as the template's word in
any of the bot's languages. Every problem is reported with its row and column, formulas are
refused (a cell is taken as its value, never computed), and nothing of a file is saved unless
all of it is right: :func:`parse_entries` returns every row or raises EntryFileIssue.
"""

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from locales import Text
from services.feedback import (
    ENTRY_STATUSES,
    MAX_ENTRY_AGE_DAYS,
    MAX_ENTRY_TEXT,
    MAX_REFERENCE,
    FeedbackChannel,
    QuestionKind,
    QuestionStatus,
)
from services.plan_xlsx import PlanFileError, _open_first_sheet
from services.pool_export import safe_text, sheet_name

MAX_ROWS = 500
MAX_ERRORS = 20
COLUMNS = ("A", "B", "C", "D", "E", "F")
HEADER_KEYS = (
    "entry-xlsx-kind",
    "entry-xlsx-channel",
    "entry-xlsx-received",
    "entry-xlsx-status",
    "entry-xlsx-reference",
    "entry-xlsx-text",
)
# The words a cell may hold besides the code: the buttons' words of /received, any language.
KIND_KEYS: dict[StrEnum, str] = {kind: f"entry-kind-{kind.value}" for kind in QuestionKind}
CHANNEL_KEYS: dict[StrEnum, str] = {
    channel: f"entry-channel-{channel.value}" for channel in FeedbackChannel
}
STATUS_WORD_KEYS: dict[StrEnum, str] = {
    QuestionStatus.NEW: "entry-xlsx-status-new",
    QuestionStatus.ANSWERED: "entry-xlsx-status-answered",
    QuestionStatus.ACCEPTED: "entry-xlsx-status-accepted",
    QuestionStatus.REJECTED: "entry-xlsx-status-rejected",
}


class EntryFileProblem(StrEnum):
    NOT_XLSX = "not-xlsx"
    HEADER = "header"
    NO_ROWS = "no-rows"
    TOO_MANY_ROWS = "too-many-rows"
    FORMULA = "formula"
    REQUIRED = "required"
    BAD_KIND = "bad-kind"
    BAD_CHANNEL = "bad-channel"
    BAD_STATUS = "bad-status"
    NOT_A_DATE = "not-a-date"
    DATE_FUTURE = "date-future"
    DATE_OLD = "date-old"
    TOO_LONG = "too-long"
    NO_REFERENCE = "no-reference"


@dataclass(frozen=True, slots=True)
class EntryFileIssue:
    problem: EntryFileProblem
    row: int = 0
    column: str = ""
    value: str = ""


class EntryFileError(Exception):
    def __init__(self, errors: Sequence[EntryFileIssue]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the entries file")
        self.errors = tuple(errors[:MAX_ERRORS])
        self.total = len(errors)


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    row: int
    kind: QuestionKind
    channel: FeedbackChannel
    received_on: date
    status: QuestionStatus
    reference: str | None
    text: str


def _normal(value: str) -> str:
    # The buttons' words carry an emoji and a space in front: compare the letters only.
    kept = "".join(ch for ch in value.casefold() if ch.isalnum() or ch.isspace())
    return " ".join(kept.split())


def _lookup(t: Text, keys: Mapping[StrEnum, str]) -> dict[str, object]:
    """Every way a cell may name a member: its code, or its word in any language."""
    table: dict[str, object] = {}
    for member, key in keys.items():
        table[_normal(member.value)] = member
        for locale in t.translator.locales:
            table[_normal(t.translator.get(locale, key))] = member
    return table


def build_entry_template(t: Text) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = sheet_name(t("entry-xlsx-sheet"))
    sheet.append([safe_text(t(key)) for key in HEADER_KEYS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip(COLUMNS, (16, 18, 14, 22, 30, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(sheet_name(t("entry-xlsx-help-sheet")))
    help_sheet.append([safe_text(t("entry-xlsx-help"))])
    for kind in QuestionKind:
        help_sheet.append([safe_text(t(KIND_KEYS[kind])), kind.value])
    for channel in FeedbackChannel:
        help_sheet.append([safe_text(t(CHANNEL_KEYS[channel])), channel.value])
    for status in (
        QuestionStatus.NEW,
        QuestionStatus.ANSWERED,
        QuestionStatus.ACCEPTED,
        QuestionStatus.REJECTED,
    ):
        help_sheet.append([safe_text(t(STATUS_WORD_KEYS[status])), status.value])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse_entries(data: bytes, t: Text, today: date) -> list[ParsedEntry]:
    """Every row of the file, or EntryFileError with the problems (row and column)."""
    try:
        sheet = _open_first_sheet(data)
    except PlanFileError as error:
        raise EntryFileError([EntryFileIssue(EntryFileProblem.NOT_XLSX)]) from error
    errors: list[EntryFileIssue] = []
    header = [sheet.cell(row=1, column=i + 1).value for i in range(len(COLUMNS))]
    expected = {
        i: {_normal(t.translator.get(locale, key)) for locale in t.translator.locales}
        for i, key in enumerate(HEADER_KEYS)
    }
    for i, value in enumerate(header):
        if not isinstance(value, str) or _normal(value) not in expected[i]:
            errors.append(
                EntryFileIssue(EntryFileProblem.HEADER, 1, COLUMNS[i], str(value or "")[:40])
            )
    if errors:
        raise EntryFileError(errors)
    kinds = _lookup(t, KIND_KEYS)
    channels = _lookup(t, CHANNEL_KEYS)
    statuses = _lookup(t, STATUS_WORD_KEYS)
    parsed: list[ParsedEntry] = []
    rows = 0
    for cells in sheet.iter_rows(min_row=2, max_col=len(COLUMNS)):
        if all(cell.value is None or str(cell.value).strip() == "" for cell in cells):
            continue
        rows += 1
        if rows > MAX_ROWS:
            errors.append(EntryFileIssue(EntryFileProblem.TOO_MANY_ROWS, cells[0].row or 0))
            break
        entry = _row(cells, kinds, channels, statuses, today, errors)
        if entry is not None:
            parsed.append(entry)
    if not rows and not errors:
        errors.append(EntryFileIssue(EntryFileProblem.NO_ROWS))
    if errors:
        raise EntryFileError(errors)
    return parsed


def _row(
    cells: Sequence[Any],
    kinds: dict[str, object],
    channels: dict[str, object],
    statuses: dict[str, object],
    today: date,
    errors: list[EntryFileIssue],
) -> ParsedEntry | None:
    before = len(errors)
    row: int = cells[0].row
    values: list[object] = []
    for letter, cell in zip(COLUMNS, cells, strict=True):
        value = cell.value
        if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
            errors.append(EntryFileIssue(EntryFileProblem.FORMULA, row, letter, str(value)[:40]))
            value = None
        values.append(value)
    kind_raw, channel_raw, day_raw, status_raw, reference_raw, text_raw = values

    def word(raw: object, table: dict[str, object], letter: str, bad: EntryFileProblem) -> object:
        if raw is None or str(raw).strip() == "":
            errors.append(EntryFileIssue(EntryFileProblem.REQUIRED, row, letter))
            return None
        found = table.get(_normal(str(raw)))
        if found is None:
            errors.append(EntryFileIssue(bad, row, letter, str(raw)[:40]))
        return found

    kind = word(kind_raw, kinds, "A", EntryFileProblem.BAD_KIND)
    channel = word(channel_raw, channels, "B", EntryFileProblem.BAD_CHANNEL)
    day = _day(day_raw)
    if day_raw is None:
        errors.append(EntryFileIssue(EntryFileProblem.REQUIRED, row, "C"))
    elif day is None:
        errors.append(EntryFileIssue(EntryFileProblem.NOT_A_DATE, row, "C", str(day_raw)[:40]))
    elif day > today:
        errors.append(EntryFileIssue(EntryFileProblem.DATE_FUTURE, row, "C", day.isoformat()))
    elif (today - day).days > MAX_ENTRY_AGE_DAYS:
        errors.append(EntryFileIssue(EntryFileProblem.DATE_OLD, row, "C", day.isoformat()))
    status = word(status_raw, statuses, "D", EntryFileProblem.BAD_STATUS)
    if (
        isinstance(kind, QuestionKind)
        and isinstance(status, QuestionStatus)
        and status not in ENTRY_STATUSES[kind]
    ):
        errors.append(EntryFileIssue(EntryFileProblem.BAD_STATUS, row, "D", str(status_raw)))
    reference = " ".join(str(reference_raw or "").split()) or None
    if reference is not None and len(reference) > MAX_REFERENCE:
        errors.append(EntryFileIssue(EntryFileProblem.TOO_LONG, row, "E", str(len(reference))))
    accepted = kind is QuestionKind.PROPOSAL and status is QuestionStatus.ACCEPTED
    if accepted and reference is None:
        errors.append(EntryFileIssue(EntryFileProblem.NO_REFERENCE, row, "E"))
    text = " ".join(str(text_raw or "").split())
    if not text:
        errors.append(EntryFileIssue(EntryFileProblem.REQUIRED, row, "F"))
    elif len(text) > MAX_ENTRY_TEXT:
        errors.append(EntryFileIssue(EntryFileProblem.TOO_LONG, row, "F", str(len(text))))
    if len(errors) > before:
        return None
    assert isinstance(kind, QuestionKind) and isinstance(channel, FeedbackChannel)
    assert isinstance(status, QuestionStatus) and day is not None
    return ParsedEntry(row, kind, channel, day, status, reference if accepted else None, text)


def _day(raw: object) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        for separator in (".", "/"):
            parts = text.split(separator)
            if len(parts) == 3 and all(part.isdigit() for part in parts) and len(parts[2]) == 4:
                try:
                    return date(int(parts[2]), int(parts[1]), int(parts[0]))
                except ValueError:
                    return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    return None
