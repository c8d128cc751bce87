"""The entries file of /received: the template reads back, every problem is named by row and
column, formulas are refused, and a file with any problem gives no rows at all."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook

from locales import Text, Translator
from services.feedback import FeedbackChannel, QuestionKind, QuestionStatus
from services.feedback_xlsx import (
    HEADER_KEYS,
    EntryFileError,
    EntryFileProblem,
    build_entry_template,
    parse_entries,
)

TZ = ZoneInfo("Asia/Almaty")
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def t() -> Text:
    return Text(Translator(), "ru", TZ)


def filled(t: Text, rows: list[list[object]], header_locale: str | None = None) -> bytes:
    book = load_workbook(io.BytesIO(build_entry_template(t)))
    sheet = book.worksheets[0]
    if header_locale:
        for i, key in enumerate(HEADER_KEYS, start=1):
            sheet.cell(row=1, column=i).value = t.translator.get(header_locale, key)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_rows_by_code_or_word_in_any_language(t: Text) -> None:
    data = filled(
        t,
        [
            ["proposal", "letter", "05.11.2026", "accepted", "План, п. 4", "Фонари  на улице"],
            ["❓ Сұрақ", "🏛 На приёме", datetime(2026, 11, 20), "дан ответ", None, "Вода"],
            ["Question", "site", "2026-10-01", "new", "ignored", "Road"],
        ],
        header_locale="kk",
    )
    rows = parse_entries(data, t, TODAY)
    assert [
        (r.row, r.kind, r.channel, r.received_on, r.status, r.reference, r.text) for r in rows
    ] == [
        (
            2,
            QuestionKind.PROPOSAL,
            FeedbackChannel.LETTER,
            date(2026, 11, 5),
            QuestionStatus.ACCEPTED,
            "План, п. 4",
            "Фонари на улице",
        ),
        (
            3,
            QuestionKind.QUESTION,
            FeedbackChannel.RECEPTION,
            date(2026, 11, 20),
            QuestionStatus.ANSWERED,
            None,
            "Вода",
        ),
        (
            4,
            QuestionKind.QUESTION,
            FeedbackChannel.SITE,
            date(2026, 10, 1),
            QuestionStatus.NEW,
            None,
            "Road",
        ),
    ]


def test_every_problem_by_row_and_nothing_taken(t: Text) -> None:
    data = filled(
        t,
        [
            ["proposal", "letter", "05.11.2026", "accepted", None, "ok"],
            ["idea", "fax", "31.02.2026", "answered", None, ""],
            ["question", "site", "01.12.2026", "accepted", None, "=1+1"],
            ["question", "site", "01.01.2020", "new", None, "x"],
        ],
    )
    with pytest.raises(EntryFileError) as caught:
        parse_entries(data, t, TODAY)
    found = [(e.problem, e.row, e.column) for e in caught.value.errors]
    assert found == [
        (EntryFileProblem.NO_REFERENCE, 2, "E"),
        (EntryFileProblem.BAD_KIND, 3, "A"),
        (EntryFileProblem.BAD_CHANNEL, 3, "B"),
        (EntryFileProblem.NOT_A_DATE, 3, "C"),
        (EntryFileProblem.REQUIRED, 3, "F"),
        (EntryFileProblem.FORMULA, 4, "F"),
        (EntryFileProblem.DATE_FUTURE, 4, "C"),
        (EntryFileProblem.BAD_STATUS, 4, "D"),
        (EntryFileProblem.REQUIRED, 4, "F"),
        (EntryFileProblem.DATE_OLD, 5, "C"),
    ]


def test_not_a_workbook_a_wrong_header_an_empty_file(t: Text) -> None:
    with pytest.raises(EntryFileError) as caught:
        parse_entries(b"not a zip", t, TODAY)
    assert caught.value.errors[0].problem is EntryFileProblem.NOT_XLSX
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["a", "b"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(EntryFileError) as caught:
        parse_entries(buffer.getvalue(), t, TODAY)
    assert {e.problem for e in caught.value.errors} == {EntryFileProblem.HEADER}
    with pytest.raises(EntryFileError) as caught:
        parse_entries(filled(t, []), t, TODAY)
    assert [e.problem for e in caught.value.errors] == [EntryFileProblem.NO_ROWS]
