"""Every question and proposal of a meeting as an XLSX workbook, in the official's language.

Written with openpyxl's write-only workbook, batch by batch as the pool service streams them, so a
meeting with a hundred thousand questions costs the rows of one batch in memory, not the meeting.
The spreadsheet work runs on one worker thread of its own: the bot keeps answering meanwhile.

Citizens' text goes into cells, so it is guarded against formula injection: a cell that would
start with =, +, -, @ (or a tab or carriage return, which some spreadsheets also read as the
start of a formula) gets a leading apostrophe and is always stored as text.
"""

import asyncio
import io
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from locales import Text
from services.audit import AuditAction
from services.pool import PoolItem, PoolService

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The first characters that make a spreadsheet read a cell as a formula (the full-width forms
# too: some input methods turn them into the ASCII ones).
FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")
SHEET_NAME_LIMIT = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
DATE_FORMAT = "yyyy-mm-dd hh:mm"
# (locale key of the header, column width in characters)
COLUMNS = (
    ("pool-xlsx-number", 16),
    ("pool-xlsx-kind", 12),
    ("pool-xlsx-status", 16),
    ("pool-xlsx-text", 80),
    ("pool-xlsx-supports", 10),
    ("pool-xlsx-created", 18),
    ("pool-xlsx-resolution", 60),
    ("pool-xlsx-merged-into", 16),
)
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

T = TypeVar("T")


def safe_text(value: str) -> str:
    """``value`` as a cell may hold it: never read as a formula, no characters XML forbids."""
    cleaned = ILLEGAL_CHARACTERS_RE.sub("", value)
    if cleaned and cleaned[0] in FORMULA_STARTS:
        return "'" + cleaned
    return cleaned


def sheet_name(title: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = SHEET_NAME_FORBIDDEN.sub(" ", title).strip() or "Sheet"
    return cleaned[:SHEET_NAME_LIMIT]


def export_filename(meeting_id: int) -> str:
    return f"pool-meeting-{meeting_id}.xlsx"


@dataclass(frozen=True, slots=True)
class PoolExport:
    data: bytes
    rows: int  # questions and proposals in it, the header not counted


async def export_pool(pool: PoolService, actor_id: int, meeting_id: int, t: Text) -> PoolExport:
    """The workbook of a meeting's pool, as ``actor_id`` may read it (AccessDeniedError and
    PoolError as PoolService.open raises them)."""
    # One thread for the whole workbook: openpyxl's writer is not meant to hop threads.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="xlsx") as worker:
        loop = asyncio.get_running_loop()

        async def run(function: Callable[..., T], *args: Any) -> T:
            return await loop.run_in_executor(worker, function, *args)

        # Refused before any file is made (export_rows checks again, batch by batch it does not).
        await pool.open(actor_id, meeting_id, action=AuditAction.POOL_EXPORT)
        workbook, sheet = await run(_new_workbook, t)
        rows = 0
        saved = False
        try:
            async for batch in pool.export_rows(actor_id, meeting_id):
                # Translating is cheap and needs no thread; writing the cells is what costs.
                values = [_row_values(item, t) for item in batch]
                await run(_append_rows, sheet, values)
                rows += len(values)
            data = await run(_save, workbook)
            saved = True
        finally:
            if not saved:
                # Saving is what closes the sheet's writer and removes its temporary file.
                await run(_save, workbook)
        return PoolExport(data=data, rows=rows)


def _new_workbook(t: Text) -> tuple[Workbook, WriteOnlyWorksheet]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_name(t("pool-xlsx-sheet")))
    for index, (_, width) in enumerate(COLUMNS):
        sheet.column_dimensions[_LETTERS[index]].width = width
    sheet.freeze_panes = "A2"
    header = []
    for key, _ in COLUMNS:
        cell = WriteOnlyCell(sheet, value=safe_text(t(key)))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    return workbook, sheet


def _row_values(item: PoolItem, t: Text) -> list[Any]:
    created = item.created_at.astimezone(t.tz).replace(tzinfo=None)
    return [
        safe_text(item.public_number),
        safe_text(t("pool-xlsx-kind-name", kind=item.kind.value)),
        safe_text(t("pool-xlsx-status-name", status=item.status.value)),
        safe_text(item.text),
        item.support_count,
        created,
        safe_text(item.resolution or ""),
        safe_text(item.merged_into_number or ""),
    ]


def _append_rows(sheet: WriteOnlyWorksheet, rows: list[list[Any]]) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    for values in rows:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, datetime):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, str):
                # Set after the value: a string is text, whatever openpyxl guessed from it.
                cell.data_type = "s"
                cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = [
    "XLSX_MIME",
    "PoolExport",
    "export_filename",
    "export_pool",
    "safe_text",
    "sheet_name",
]
