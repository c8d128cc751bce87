"""/report's open data end to end, in Kazakh: an official picks the quarter, presses the open
data button and gets a ZIP of CSV files and an XLSX workbook that open, with the quarter's
meeting and its question (numbered, no author, the answer defused), headers in the stable
schema and file and sheet names in Kazakh.

The clock stands at Monday 23 November 2026, 09:00 in Almaty (tests/e2e/harness.py): Q4 2026.
"""

import csv
import io
import zipfile
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from handlers.callbacks import ReportAction, ReportCb
from regulation.report_periods import ReportPeriod
from services.feedback_report import period_name
from services.open_data import COLUMNS, TABLES, file_stem
from storage.models import MeetingStatus, Question, QuestionStatus
from tests.builders import KARAAGASH, a_citizen, a_meeting, a_question, an_official
from tests.e2e.harness import BotWorld

pytestmark = pytest.mark.asyncio

OFFICIAL = 3451
ASKER = 3452
CITIZEN = 3453
ANSWER = "=1+1 жөндеу жоспарда"


async def test_open_data_button_sends_csv_zip_and_workbook(world: BotWorld) -> None:
    t = world.text("kk")
    sessions = world.app.session_factory
    await world.citizen(OFFICIAL, "kk")
    await an_official(sessions, OFFICIAL, locale="kk")
    await a_citizen(sessions, ASKER)
    meeting = await a_meeting(
        sessions,
        starts_at=world.clock.now() + timedelta(days=20),
        status=MeetingStatus.ANNOUNCED,
    )
    asked = await a_question(
        sessions, meeting_id=meeting, author_id=ASKER, public_number="Q-2026-003452"
    )
    async with sessions() as session:
        await session.execute(
            update(Question)
            .where(Question.id == asked)
            .values(
                status=QuestionStatus.ANSWERED,
                resolution=ANSWER,
                resolved_by=OFFICIAL,
                created_at=world.clock.now(),
            )
        )
        await session.commit()
    chat = await world.chat(OFFICIAL)
    [picker] = await chat.say("/report")
    quarter = period_name(t, "2026q4")
    events = await chat.press(picker, quarter)
    summary = next(e.message for e in events if e.type == "sent" and e.message)

    events = await chat.press(summary, t("open-data-button"))
    archive_message, book_message = [e.message for e in events if e.type == "sent" and e.message]
    assert archive_message.content == t("open-data-caption-zip", period=quarter)
    assert book_message.content == t("open-data-caption-xlsx", period=quarter)
    assert archive_message.document is not None and book_message.document is not None

    q4 = ReportPeriod.parse("2026q4")
    data = await world.client.download(archive_message.document["file_id"])
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.namelist() == [f"{file_stem(t, table, q4)}.csv" for table in TABLES]
    assert archive.namelist()[0] == "кездесулер-2026q4.csv"
    everything = ""
    tables: dict[str, list[list[str]]] = {}
    for table in TABLES:
        raw = archive.read(f"{file_stem(t, table, q4)}.csv")
        assert raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        everything += text
        tables[table] = list(csv.reader(io.StringIO(text)))
        assert tuple(tables[table][0]) == COLUMNS[table]
    [meeting_row] = tables["meetings"][1:]
    assert meeting_row[COLUMNS["meetings"].index("meeting_id")] == str(meeting)
    assert meeting_row[COLUMNS["meetings"].index("akimat_code")] == KARAAGASH
    assert meeting_row[COLUMNS["meetings"].index("status")] == "announced"
    [question_row] = tables["questions"][1:]
    question = dict(zip(COLUMNS["questions"], question_row, strict=True))
    assert question["number"] == "Q-2026-003452"
    assert question["status"] == "answered"
    assert question["created_on"] == "2026-11-23"
    assert question["resolution"] == "'" + ANSWER
    # Neither who asked nor who answered.
    assert str(ASKER) not in everything.replace("Q-2026-003452", "")
    assert str(OFFICIAL) not in everything

    data = await world.client.download(book_message.document["file_id"])
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [t(f"open-data-table-{table}") for table in TABLES]
    sheet = book[t("open-data-table-questions")]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS["questions"]
    assert rows[1][0] == "Q-2026-003452"
    assert rows[1][COLUMNS["questions"].index("resolution")] == "'" + ANSWER
    assert sheet.cell(row=2, column=COLUMNS["questions"].index("resolution") + 1).data_type == "s"

    # A forged button for a quarter to come: told so, no document.
    forged = ReportCb(action=ReportAction.OPEN_DATA, period="2027q1").pack()
    await world.client.press(OFFICIAL, summary.message_id, forged)
    events = await chat.collect("open data of a quarter to come")
    [future] = [e.message for e in events if e.type == "sent" and e.message]
    assert future.content == t("report-future-period")
    assert future.document is None
    # A citizen pressing the same button for this quarter gets nothing of it.
    citizen = await world.citizen(CITIZEN, "kk")
    [answer] = await citizen.say("/start")
    forged = ReportCb(action=ReportAction.OPEN_DATA, period="2026q4").pack()
    await world.client.press(CITIZEN, answer.message_id, forged)
    await citizen.collect("a citizen's forged open data button")
    # The officials' buttons are not routed for a citizen: the fallback's answer.
    assert citizen.callback_answers[-1].get("text") == t("error-stale-button")
    assert all(message.document is None for message in citizen.messages.values())
