"""The action plan's XLSX: the template, and the parser's refusals, each naming its row and cell.

Pure code (no database): a file either yields every item or raises PlanFileError listing the
problems; what "nothing is saved" means for the database is in tests/services/test_plans.py and
the end-to-end test.
"""

import io
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from locales import Translator
from services.plan_xlsx import (
    HEADER_KEYS,
    MAX_ERRORS,
    MAX_FILE_BYTES,
    FileProblem,
    ParsedItem,
    PlanFileError,
    build_template,
    header_names,
    parse_plan,
)
from services.plans import (
    MAX_ITEMS,
    MAX_PROBLEM,
    LinkedQuestion,
    PlanItemView,
    QuestionRef,
)
from storage.models import PlanItemStatus, QuestionKind, QuestionStatus

MEETING_DAY = date(2026, 12, 1)
QUESTIONS = {"Q-2026-000123": 123, "P-2026-000045": 45}
TRANSLATOR = Translator()
ALMATY = ZoneInfo("Asia/Almaty")

Row = Sequence[object]
GOOD: list[Row] = [
    ["Жол жөнделмеген", "Абай көшесін жөндеу", "Аудан әкімдігі", "30.06.2027", "Q-2026-000123"],
    [
        "Нет освещения",
        "Установить фонари",
        "ЖКХ района",
        datetime(2027, 3, 31),
        "p-2026-45, Q-2026-000123",
    ],
]


def headers(locale: str = "en") -> list[str]:
    return [TRANSLATOR.get(locale, key) for key in HEADER_KEYS]


def workbook(
    rows: Sequence[Row],
    *,
    header: Sequence[object] | None = None,
    change: Callable[[Worksheet], None] | None = None,
) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(list(header if header is not None else headers()))
    for row in rows:
        sheet.append(list(row))
    if change is not None:
        change(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parse(data: bytes) -> list[ParsedItem]:
    return parse_plan(
        data,
        headers=header_names(TRANSLATOR),
        expected_headers=headers(),
        meeting_date=MEETING_DAY,
        questions=QUESTIONS,
    )


def problems(data: bytes) -> list[tuple[FileProblem, int | None, str | None]]:
    with pytest.raises(PlanFileError) as caught:
        parse(data)
    return [(error.problem, error.row, error.column) for error in caught.value.errors]


def test_a_good_file_gives_every_item() -> None:
    items = parse(workbook(GOOD))
    assert [(item.row, item.due_on, item.question_ids) for item in items] == [
        (2, date(2027, 6, 30), (123,)),
        (3, date(2027, 3, 31), (45, 123)),
    ]
    assert items[0].problem == "Жол жөнделмеген"
    assert items[1].executor == "ЖКХ района"


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
def test_headers_in_any_language_are_the_template(locale: str) -> None:
    assert len(parse(workbook(GOOD, header=headers(locale)))) == 2


def test_headers_are_matched_loosely() -> None:
    # Case, spaces and the format hint in brackets do not matter.
    loose = [name.upper() for name in headers("ru")]
    loose[3] = "  срок  "
    assert len(parse(workbook(GOOD, header=loose))) == 2


def test_trailing_empty_rows_and_blank_cells_are_ignored() -> None:
    rows: list[Row] = [*GOOD, [None, None, None, None, None], ["  ", None, None, None, None]]
    assert len(parse(workbook(rows))) == 2


def _formula(sheet: Worksheet) -> None:
    sheet["C3"] = "=A2"


def _merged(sheet: Worksheet) -> None:
    sheet.merge_cells("B2:B3")


def _extra_value(sheet: Worksheet) -> None:
    sheet["G3"] = "note"


MALFORMED: list[tuple[str, bytes, list[tuple[FileProblem, int | None, str | None]]]] = [
    (
        "wrong column",
        workbook(GOOD, header=[*headers()[:2], "Deadline", *headers()[3:]]),
        [(FileProblem.HEADER_WRONG, 1, "C")],
    ),
    (
        "missing column",
        workbook([row[:4] for row in GOOD], header=headers()[:4]),
        [(FileProblem.HEADER_MISSING, 1, "E")],
    ),
    (
        "extra column",
        workbook(GOOD, header=[*headers(), "Comment"]),
        [(FileProblem.EXTRA_COLUMN, 1, "F")],
    ),
    (
        "value outside the table",
        workbook(GOOD, change=_extra_value),
        [(FileProblem.EXTRA_COLUMN, 3, "G")],
    ),
    (
        "impossible date",
        workbook([GOOD[0], GOOD[1], ["Су жоқ", "Құбыр тарту", "Су арнасы", "31.02.2027", None]]),
        [(FileProblem.NOT_A_DATE, 4, "D")],
    ),
    (
        "a number where a date should be",
        workbook([["Су жоқ", "Құбыр тарту", "Су арнасы", 46203, None]]),
        [(FileProblem.NOT_A_DATE, 2, "D")],
    ),
    (
        "a two-digit year",
        workbook([["Су жоқ", "Құбыр тарту", "Су арнасы", "30.06.27", None]]),
        [(FileProblem.NOT_A_DATE, 2, "D")],
    ),
    (
        "empty row in the middle",
        workbook([GOOD[0], [None] * 5, GOOD[1]]),
        [(FileProblem.EMPTY_ROW, 3, None)],
    ),
    (
        "too many rows",
        workbook([GOOD[0]] * (MAX_ITEMS + 1)),
        [(FileProblem.TOO_MANY_ROWS, None, None)],
    ),
    (
        "text too long",
        workbook([["Ж" * (MAX_PROBLEM + 1), "Шара", "Орындаушы", "30.06.2027", None]]),
        [(FileProblem.TOO_LONG, 2, "A")],
    ),
    (
        "required cell empty",
        workbook([["Мәселе", "Шара", None, "30.06.2027", None]]),
        [(FileProblem.REQUIRED, 2, "C")],
    ),
    (
        "unknown question",
        workbook([["Мәселе", "Шара", "Орындаушы", "30.06.2027", "Q-2026-000999"]]),
        [(FileProblem.UNKNOWN_QUESTION, 2, "E")],
    ),
    (
        "not a question number",
        workbook([["Мәселе", "Шара", "Орындаушы", "30.06.2027", "жол туралы"]]),
        [(FileProblem.BAD_NUMBER, 2, "E"), (FileProblem.BAD_NUMBER, 2, "E")],
    ),
    (
        "deadline before the meeting",
        workbook([["Мәселе", "Шара", "Орындаушы", "30.11.2026", None]]),
        [(FileProblem.BEFORE_MEETING, 2, "D")],
    ),
    (
        "deadline far away",
        workbook([["Мәселе", "Шара", "Орындаушы", "01.01.2040", None]]),
        [(FileProblem.TOO_FAR, 2, "D")],
    ),
    ("formula", workbook(GOOD, change=_formula), [(FileProblem.FORMULA, 3, "C")]),
    ("merged cells", workbook(GOOD, change=_merged), [(FileProblem.MERGED, 2, "B")]),
    ("only the header", workbook([]), [(FileProblem.NO_ITEMS, None, None)]),
]


@pytest.mark.parametrize(
    ("data", "expected"),
    [pytest.param(data, expected, id=name) for name, data, expected in MALFORMED],
)
def test_malformed_files_are_refused_with_row_and_cell(
    data: bytes, expected: list[tuple[FileProblem, int | None, str | None]]
) -> None:
    assert problems(data) == expected


def test_the_bad_value_is_quoted() -> None:
    data = workbook([GOOD[0], GOOD[1], ["Су жоқ", "Құбыр тарту", "Су арнасы", "31.02.2027", None]])
    with pytest.raises(PlanFileError) as caught:
        parse(data)
    [error] = caught.value.errors
    assert (error.row, error.column, error.value) == (4, "D", "31.02.2027")


def test_every_problem_is_listed_up_to_a_limit() -> None:
    rows: list[Row] = [
        ["Мәселе", "Шара", "Орындаушы", f"3{day}.02.2027", None] for day in range(9)
    ]
    rows += [[None, None, None, "30.06.2027", None]] * 10
    with pytest.raises(PlanFileError) as caught:
        parse(workbook(rows))
    # 9 bad dates, then 10 rows lacking A, B and C: 39 problems, the first 20 shown.
    assert caught.value.total == 39
    assert len(caught.value.errors) == MAX_ERRORS
    assert caught.value.errors[0].row == 2


def test_a_file_over_ten_megabytes_is_refused_before_reading() -> None:
    data = workbook(GOOD) + b"\0" * MAX_FILE_BYTES
    assert problems(data) == [(FileProblem.TOO_BIG, None, None)]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"problem;measure;executor\n", id="csv"),
        pytest.param(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", id="pdf"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, id="old xls"),
        pytest.param(b"", id="empty"),
    ],
)
def test_a_file_that_is_not_xlsx_is_refused(data: bytes) -> None:
    assert problems(data) == [(FileProblem.NOT_XLSX, None, None)]


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert problems(buffer.getvalue()) == [(FileProblem.NOT_XLSX, None, None)]


def test_a_small_file_that_unpacks_into_a_huge_one_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (25 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < MAX_FILE_BYTES
    assert problems(data) == [(FileProblem.UNPACKED_TOO_BIG, None, None)]


def test_the_template_is_in_the_officials_language_and_reads_back() -> None:
    t = TRANSLATOR.bind("kk", ALMATY)
    items = [
        PlanItemView(
            id=1,
            position=1,
            problem="Жол жөнделмеген",
            measure="Абай көшесін жөндеу",
            executor="Аудан әкімдігі",
            due_on=date(2027, 6, 30),
            status=PlanItemStatus.NOT_STARTED,
            percent=0,
            comment=None,
            questions=(LinkedQuestion(123, "Q-2026-000123"),),
        )
    ]
    questions = [
        QuestionRef(
            123, "Q-2026-000123", QuestionKind.QUESTION, QuestionStatus.ACCEPTED, 4, "Жол?"
        )
    ]
    data = build_template(t, items=items, questions=questions)
    book = load_workbook(io.BytesIO(data))
    plan_sheet, reference = book.worksheets
    assert plan_sheet.title == t("plan-xlsx-sheet-plan")
    assert [cell.value for cell in plan_sheet[1]] == headers("kk")
    assert reference.title == t("plan-xlsx-sheet-reference")
    assert [cell.value for cell in reference[2]][:4] == [
        "Q-2026-000123",
        t("plan-xlsx-kind", kind="question"),
        t("plan-xlsx-status", status="accepted"),
        4,
    ]
    [parsed] = parse(data)
    assert (parsed.problem, parsed.due_on, parsed.question_ids) == (
        "Жол жөнделмеген",
        date(2027, 6, 30),
        (123,),
    )


def test_citizens_and_officials_text_stays_text_in_the_template() -> None:
    """A question or an item that starts like a formula is written as text: the official's
    spreadsheet never runs it, and it reads back exactly as typed."""
    t = TRANSLATOR.bind("kk", ALMATY)
    hostile = '=HYPERLINK("http://x","y")'
    items = [
        PlanItemView(
            id=1,
            position=1,
            problem=hostile,
            measure="+7 701 000 00 00",
            executor="@akimat",
            due_on=date(2027, 6, 30),
            status=PlanItemStatus.NOT_STARTED,
            percent=0,
            comment=None,
            questions=(),
        )
    ]
    questions = [
        QuestionRef(
            123, "Q-2026-000123", QuestionKind.QUESTION, QuestionStatus.ACCEPTED, 0, hostile
        )
    ]
    data = build_template(t, items=items, questions=questions)
    book = load_workbook(io.BytesIO(data))
    plan_sheet, reference = book.worksheets
    written = [plan_sheet.cell(2, column) for column in (1, 2, 3)] + [reference.cell(2, 5)]
    assert [cell.data_type for cell in written] == ["s", "s", "s", "s"]
    assert [cell.value for cell in written] == [hostile, "+7 701 000 00 00", "@akimat", hostile]
    [parsed] = parse(data)
    assert (parsed.problem, parsed.measure, parsed.executor) == (
        hostile,
        "+7 701 000 00 00",
        "@akimat",
    )


def many_rows(count: int) -> bytes:
    """A plan sheet of ``count`` filled rows under the header, written the way openpyxl
    writes one (inline strings), small enough for both byte limits."""
    rows = []
    for number in range(2, count + 2):
        rows.append(
            f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>Жол {number}</t></is></c>'
            f'<c r="D{number}" t="inlineStr"><is><t>30.06.2027</t></is></c></row>'
        )
    header = "".join(
        f'<c r="{letter}1" t="inlineStr"><is><t>{text}</t></is></c>'
        for letter, text in zip("ABCDE", headers(), strict=True)
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{header}</row>{"".join(rows)}</sheetData></worksheet>'
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{package}/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def test_a_90000_row_sheet_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under both byte limits, a 90,000-row sheet was loaded whole by openpyxl (~150 MB that
    the process kept) before its rows were counted. Its rows are now counted as the XML
    streams by, and openpyxl is never called."""
    import tracemalloc

    import services.plan_xlsx as plan_xlsx

    data = many_rows(90_000)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    assert len(data) < MAX_FILE_BYTES and unpacked < plan_xlsx.MAX_UNPACKED_BYTES

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to load the refused file")

    monkeypatch.setattr(plan_xlsx, "load_workbook", no_parsing)
    tracemalloc.start()
    try:
        with pytest.raises(PlanFileError) as caught:
            parse(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [error] = caught.value.errors
    assert (error.problem, error.count, error.limit) == (FileProblem.TOO_MANY_ROWS, 90_000, 200)
    # The file's bytes are already in memory; counting keeps almost nothing besides.
    assert peak < 4 * 1024 * 1024


def test_a_sheet_of_a_few_rows_built_the_same_way_is_read() -> None:
    """The same hand-made file with three rows goes on to openpyxl and its checks (so the
    refusal above is about the row count, not the file's make)."""
    items_or_problems = problems(many_rows(3))
    assert items_or_problems
    assert (FileProblem.TOO_MANY_ROWS, None, None) not in items_or_problems
    assert (FileProblem.NOT_XLSX, None, None) not in items_or_problems
