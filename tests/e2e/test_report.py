"""/report end to end, in Kazakh and Russian: an official picks the quarter, reads the summary
(their akimat, F with its band), gets the charts (coverage too) as photos that open, then the
workbook and the data package as XLSX documents; a citizen is not let in.

The clock stands at Monday 23 November 2026, 09:00 in Almaty (tests/e2e/harness.py): Q4 2026.
"""

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import update

from services.feedback_report import period_name
from storage.models import Question, QuestionKind, QuestionStatus
from tests.builders import a_citizen, a_meeting, a_question, an_official
from tests.e2e.harness import BotWorld

pytestmark = pytest.mark.asyncio

OFFICIAL = {"kk": 3401, "ru": 3402}
ASKER = {"kk": 3403, "ru": 3404}
CITIZEN = {"kk": 3405, "ru": 3406}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_report_summary_charts_and_workbooks(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    sessions = world.app.session_factory
    await world.citizen(OFFICIAL[locale], locale)
    await an_official(sessions, OFFICIAL[locale], locale=locale)
    await a_citizen(sessions, ASKER[locale])
    # A meeting to come, two questions asked this quarter: one answered, one not (F = 50 %).
    meeting = await a_meeting(sessions, starts_at=world.clock.now() + timedelta(days=20))
    answered = await a_question(sessions, meeting_id=meeting, author_id=ASKER[locale])
    await a_question(
        sessions, meeting_id=meeting, author_id=ASKER[locale], kind=QuestionKind.QUESTION
    )
    async with sessions() as session:
        await session.execute(
            update(Question)
            .where(Question.id == answered)
            .values(status=QuestionStatus.ANSWERED, created_at=world.clock.now())
        )
        await session.execute(
            update(Question)
            .where(Question.id != answered)
            .values(created_at=world.clock.now() - timedelta(days=1))
        )
        await session.commit()
    chat = await world.chat(OFFICIAL[locale])

    [picker] = await chat.say("/report")
    assert picker.content == t("report-pick").replace("<b>", "").replace("</b>", "")
    quarter = period_name(t, "2026q4")
    events = await chat.press(picker, quarter)
    sent = [event.message for event in events if event.type == "sent" and event.message]
    summary, *photos = sent
    assert period_name(t, "2026q4") in summary.content
    assert "F 50.0 %" in summary.content
    assert t("report-band-ineffective") in summary.content
    # Four charts, and coverage: the okrug's villages each need a visiting meeting a quarter.
    assert len(photos) == 5
    captions = [photo.content for photo in photos]
    assert captions[0] == t("report-caption-index", period=quarter)
    assert captions[4] == t("report-caption-coverage", period=quarter)
    for photo in photos:
        assert photo.photo
        data = await world.client.download(photo.photo[-1]["file_id"])
        with Image.open(io.BytesIO(data)) as image:
            assert image.size[0] > 100

    events = await chat.press(summary, t("report-xlsx-button"))
    [document] = [e.message for e in events if e.type == "sent" and e.message]
    assert document.document is not None
    book = load_workbook(io.BytesIO(await world.client.download(document.document["file_id"])))
    assert book.sheetnames[0] == t("report-xlsx-sheet-index")
    row = next(book[t("report-xlsx-sheet-index")].iter_rows(min_row=2, values_only=True))
    assert row[6:10] == (2, 1, 1, 50.0)

    events = await chat.press(summary, t("report-package-button"))
    [package] = [e.message for e in events if e.type == "sent" and e.message]
    assert package.content == t("report-caption-package", period=quarter)
    assert package.document is not None
    book = load_workbook(io.BytesIO(await world.client.download(package.document["file_id"])))
    assert book.sheetnames == [
        t("report-package-sheet-proposal"),
        t("report-package-sheet-question"),
    ]

    [bad] = await chat.say("/report 2026q9")
    assert bad.content == t("report-bad-period")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_report_is_not_for_citizens(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    chat = await world.citizen(CITIZEN[locale], locale)
    [answer] = await chat.say("/report")
    assert answer.content != t("report-pick")
