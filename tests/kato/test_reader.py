"""Reading KATO files: the CSV, the official workbook, and the refusal of bad files."""

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from regulation.levels import AkimLevel
from services.kato import (
    KatoFormatError,
    KatoRecord,
    parent_candidates,
    read_kato,
    read_kato_csv,
    structural_level,
)
from services.kato.reader import MAX_REPORTED_ISSUES
from tests.kato.conftest import SAMPLE_CSV

HEADER = "kato,kato_version,level,type_code,name_ru,name_kk"
V = "NK RK 11-2025"
# A small consistent tree: oblast, district, okrug, village, a farm under the village.
GOOD_ROWS = [
    f"620000000,{V},oblast,0,область Ұлытау,Ұлытау облысы",
    f"623800000,{V},district,2,Улытауский район,Ұлытау ауданы",
    f"623855000,{V},sub_district,2,Коскольский с.о.,Қоскөл а.о.",
    f"623855100,{V},settlement,2,с.Косколь,Қоскөл а.",
    f"623855102,{V},settlement,2,зимовка Акбекет,Ақбекет қыстауы",
]


def write_csv(directory: Path, rows: list[str], name: str = "kato.csv") -> Path:
    path = directory / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def issues_of(error: pytest.ExceptionInfo[KatoFormatError]) -> list[tuple[int | None, str]]:
    return [(issue.row, issue.message) for issue in error.value.issues]


def test_sample_is_consistent_and_sorted() -> None:
    records = read_kato(SAMPLE_CSV)
    codes = [record.code for record in records]
    assert codes == sorted(codes)
    assert len(records) == 37
    known = set(codes)
    for record in records:
        assert record.parent_code is None or record.parent_code in known
        # Parents are written first because their code is always smaller.
        assert record.parent_code is None or record.parent_code < record.code
    by_code = {record.code: record for record in records}
    assert by_code["620000000"].akim_level is AkimLevel.OBLAST
    assert by_code["710000000"].akim_level is AkimLevel.CAPITAL


def test_csv_record_fields(tmp_path: Path) -> None:
    records = read_kato(write_csv(tmp_path, GOOD_ROWS))
    assert records[3] == KatoRecord(
        code="623855100",
        parent_code="623855000",
        level="settlement",
        depth=3,
        type_code=2,
        name_kk="Қоскөл а.",
        name_ru="с.Косколь",
        akim_level=AkimLevel.VILLAGE,
    )
    # A subordinate settlement (IJ != 00) hangs under its main village, H00.
    assert records[4].parent_code == "623855100"
    assert records[4].depth == 4
    assert records[4].akim_level is None


def test_csv_from_a_stream_with_double_spaces_and_nbsp() -> None:
    text = "\n".join([HEADER, f"620000000,{V},oblast,0,область  Ұлытау,Ұлытау\xa0облысы"])
    (record,) = read_kato_csv(io.StringIO(text))
    assert (record.name_ru, record.name_kk) == ("область Ұлытау", "Ұлытау облысы")


def test_csv_with_a_bom_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text("\n".join([HEADER, *GOOD_ROWS]), encoding="utf-8-sig")
    assert len(read_kato(path)) == len(GOOD_ROWS)


def write_xlsx(path: Path, rows: list[list[object]], *, title_rows: int = 2) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title_rows:
        sheet.append(["Классификатор административно-территориальных объектов (КАТО)"])
        sheet.append(["по состоянию на 17.07.2026"])
        for _ in range(title_rows - 2):
            sheet.append([])
    sheet.append(["te", "ab", "cd", "ef", "hij", "k", "kaz_name", "rus_name", "nn"])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


XLSX_ROWS: list[list[object]] = [
    # Codes as numbers (int and float), as Excel keeps them; `k` as a number and as text.
    [620000000, 62, 0, 0, 0, 0, "Ұлытау облысы", "область Ұлытау", 1],
    [623800000.0, 62, 38, 0, 0, "2", "Ұлытау ауданы", "Улытауский район", 2],
    ["623855000", "62", "38", "55", "000", 2, "Қоскөл  а.о.", "Коскольский с.о.", 3],
    [623855100, 62, 38, 55, 100, 2, "Қоскөл\xa0а.", "с.Косколь", 4],
    [623855102, 62, 38, 55, 102, 2, "Ақбекет қыстауы", "зимовка Акбекет", 5],
]


def test_xlsx_with_title_rows_and_numeric_codes(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "КАТО.xlsx", XLSX_ROWS, title_rows=3)
    assert read_kato(path) == read_kato(write_csv(tmp_path, GOOD_ROWS))


def test_xlsx_is_detected_by_content(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kato.csv", XLSX_ROWS, title_rows=0)
    assert [record.code for record in read_kato(path)][:2] == ["620000000", "623800000"]


def test_xlsx_errors_carry_sheet_row_numbers(tmp_path: Path) -> None:
    rows = [*XLSX_ROWS, [62385510, 62, 38, 55, 10, 2, "Бір а.", "с.Бир", 6]]
    path = write_xlsx(tmp_path / "bad.xlsx", rows, title_rows=2)
    with pytest.raises(KatoFormatError) as error:
        read_kato(path)
    # 2 title rows, the header on row 3, data from row 4: the 6th data row is row 9.
    assert issues_of(error) == [(9, "bad code '62385510': expected 9 digits, the first not 0")]


def test_xlsx_without_the_header(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["code", "name"])
    sheet.append([620000000, "Ұлытау облысы"])
    workbook.save(tmp_path / "other.xlsx")
    with pytest.raises(KatoFormatError, match="not a KATO workbook"):
        read_kato(tmp_path / "other.xlsx")


def test_unreadable_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(KatoFormatError, match=r"unreadable \.xlsx"):
        read_kato(path)


def test_old_xls_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kato.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(KatoFormatError, match=r"\.xls workbook"):
        read_kato(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code,name\n620000000,Ұлытау\n", "not a KATO CSV: expected the header"),
        ("", "found an empty file"),
        (HEADER + "\n", "the file has a header but no rows"),
    ],
)
def test_not_a_kato_csv(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "kato.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KatoFormatError, match=message):
        read_kato(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "kato.csv"
    path.write_bytes((HEADER + "\n" + GOOD_ROWS[0]).encode("cp1251", errors="replace"))
    with pytest.raises(KatoFormatError, match="not a UTF-8 text file"):
        read_kato(path)


def test_every_fault_is_reported_with_its_row(tmp_path: Path) -> None:
    rows = [
        *GOOD_ROWS,  # rows 2-6
        f"62385510X,{V},settlement,2,с.Бир,Бір а.",  # row 7: bad code
        f"623855100,{V},settlement,2,с.Косколь,Қоскөл а.",  # row 8: duplicate
        f"623855200,{V},settlement,2,с.Екі,  ",  # row 9: empty Kazakh name
        f"623855300,{V},settlement,7,с.Уш,Үш а.",  # row 10: unknown type sign
        f"640000000,{V},district,0,область X,X облысы",  # row 11: level does not match
    ]
    with pytest.raises(KatoFormatError) as error:
        read_kato(write_csv(tmp_path, rows))
    assert issues_of(error) == [
        (7, "bad code '62385510X': expected 9 digits, the first not 0"),
        (8, "duplicate code 623855100 (first at row 5)"),
        (9, "empty Kazakh name for 623855200"),
        (10, "unknown type sign '7' for 623855300"),
        (11, "level 'district' does not match code 640000000 (oblast)"),
    ]
    assert "row 7: bad code" in str(error.value)


def test_missing_parent(tmp_path: Path) -> None:
    rows = [
        f"623855000,{V},sub_district,2,Коскольский с.о.,Қоскөл а.о.",
        f"623855100,{V},settlement,2,с.Косколь,Қоскөл а.",
    ]
    with pytest.raises(KatoFormatError) as error:
        read_kato(write_csv(tmp_path, rows))
    # Only the okrug lacks a parent; its village has one (the okrug) and is not blamed.
    assert issues_of(error) == [
        (2, "missing parent for 623855000: none of 623800000, 620000000 is here")
    ]


def test_many_faults_are_capped(tmp_path: Path) -> None:
    rows = [f"bad{index},{V},oblast,0,x,y" for index in range(30)]
    with pytest.raises(KatoFormatError) as error:
        read_kato(write_csv(tmp_path, rows))
    assert len(error.value.issues) == MAX_REPORTED_ISSUES
    assert error.value.total == 30
    assert str(error.value).endswith("... and 10 more")


@pytest.mark.parametrize(
    ("code", "level", "candidates"),
    [
        ("620000000", "oblast", []),
        ("623800000", "district", ["620000000"]),
        ("623855000", "sub_district", ["623800000", "620000000"]),
        ("623855100", "settlement", ["623855000", "623800000", "620000000"]),
        ("623855102", "settlement", ["623855100", "623855000", "623800000", "620000000"]),
        # A city district of Astana: its parent is the city itself (711100000 does not exist).
        ("711110000", "sub_district", ["711100000", "710000000"]),
        # A town of district significance straight under its district.
        ("113820100", "settlement", ["113820000", "113800000", "110000000"]),
    ],
)
def test_structure_of_codes(code: str, level: str, candidates: list[str]) -> None:
    assert structural_level(code) == level
    assert parent_candidates(code) == candidates
