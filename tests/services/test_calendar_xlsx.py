"""The calendar's XLSX: the template reads back as it was written (text stays text, never a
formula), and a bad file names every bad row and cell, in the reader's language, with nothing
taken from it; an archive that unpacks too big is refused before it is parsed."""

import io
import zipfile
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook

from locales import Translator
from services.calendar import EntryView
from services.calendar_xlsx import (
    MAX_UNPACKED_BYTES,
    CalendarFileProblem,
    CalendarFileRejectedError,
    build_template,
    header_names,
    kind_names,
    parse_calendar,
)
from storage.models import CalendarEntryKind

TZ = ZoneInfo("Asia/Almaty")
VENUES = {"623661000", "623641000", "623600000"}
HOSTILE_NAME = '=HYPERLINK("http://x","y")'


def entry(month: int, day: date | None, code: str, kind: CalendarEntryKind) -> EntryView:
    return EntryView(1, month, day, code, HOSTILE_NAME, HOSTILE_NAME, kind, None)


def parse(data: bytes, year: int = 2027) -> list[object]:
    translator = Translator()
    return list(
        parse_calendar(
            data,
            year=year,
            headers=header_names(translator),
            kinds=kind_names(translator),
            venues=VENUES,
        )
    )


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
def test_the_template_reads_back(locale: str) -> None:
    t = Translator().bind(locale, TZ)
    entries = [
        entry(3, None, "623661000", CalendarEntryKind.VISITING),
        entry(5, date(2027, 5, 12), "623600000", CalendarEntryKind.REPORTING),
    ]
    units = [entry(0, None, "623641000", CalendarEntryKind.VISITING)]
    data = build_template(t, 2027, entries, units)
    parsed = parse(data)
    assert [(e.month, e.planned_on, e.venue_code, e.kind) for e in parsed] == [  # type: ignore[attr-defined]
        (3, None, "623661000", CalendarEntryKind.VISITING),
        (5, date(2027, 5, 12), "623600000", CalendarEntryKind.REPORTING),
    ]
    # The unit names on the reference sheet are text, not formulas.
    sheet = load_workbook(io.BytesIO(data)).worksheets[1]
    assert sheet["B2"].value == HOSTILE_NAME and sheet["B2"].data_type == "s"


def _bad_file() -> bytes:
    t = Translator().bind("ru", TZ)
    workbook = load_workbook(io.BytesIO(build_template(t, 2027, [], [])))
    sheet = workbook.worksheets[0]
    sheet.append([13, "623661000", "выездная"])
    sheet.append(["01.03.2028", "623800000", "выездная"])
    sheet.append(["=1+2", "623661000", "как-нибудь"])
    sheet.append([4, None, "отчётная"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_bad_file_names_every_row_and_cell() -> None:
    with pytest.raises(CalendarFileRejectedError) as caught:
        parse(_bad_file())
    found = [(e.row, e.column, e.problem) for e in caught.value.errors]
    assert found == [
        (2, "A", CalendarFileProblem.BAD_WHEN),
        (3, "A", CalendarFileProblem.WRONG_YEAR),
        (3, "B", CalendarFileProblem.BAD_VENUE),
        (4, "A", CalendarFileProblem.FORMULA),
        (4, "C", CalendarFileProblem.BAD_KIND),
        (5, "B", CalendarFileProblem.REQUIRED),
    ]


def test_not_an_xlsx_and_a_zip_bomb_are_refused_before_parsing() -> None:
    with pytest.raises(CalendarFileRejectedError) as not_xlsx:
        parse(b"hello")
    assert not_xlsx.value.errors[0].problem is CalendarFileProblem.NOT_XLSX
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (MAX_UNPACKED_BYTES + 1))
    with pytest.raises(CalendarFileRejectedError) as bomb:
        parse(buffer.getvalue())
    assert bomb.value.errors[0].problem is CalendarFileProblem.UNPACKED_TOO_BIG


def test_a_file_without_entries_is_refused() -> None:
    t = Translator().bind("kk", TZ)
    with pytest.raises(CalendarFileRejectedError) as empty:
        parse(build_template(t, 2027, [], []))
    assert [e.problem for e in empty.value.errors] == [CalendarFileProblem.NO_ENTRIES]
    other = Workbook()
    buffer = io.BytesIO()
    other.save(buffer)
    with pytest.raises(CalendarFileRejectedError) as headers:
        parse(buffer.getvalue())
    assert {e.problem for e in headers.value.errors} == {CalendarFileProblem.HEADER_WRONG}
