"""/received end to end, in Kazakh and Russian: an official enters a proposal received by
letter (accepted, with its reference) and a question received at a reception; both are stored,
marked by channel, audited, and counted in the akimat's record. Bad input gets an answer and
keeps the step; someone with no akimat is told so.

The clock stands at Monday 23 November 2026, 09:00 in Almaty (tests/e2e/harness.py).
"""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from regulation.report_periods import ReportPeriod
from storage.models import AuditEntry, FeedbackChannel, OutsideFeedback, QuestionStatus
from tests.builders import an_official
from tests.e2e.harness import BotWorld

pytestmark = pytest.mark.asyncio

OFFICIAL = {"kk": 3301, "ru": 3302}
CITIZEN = {"kk": 3303, "ru": 3304}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_official_enters_a_letter_and_a_reception(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    await world.citizen(OFFICIAL[locale], locale)
    akimat_id = await an_official(world.app.session_factory, OFFICIAL[locale], locale=locale)
    chat = await world.chat(OFFICIAL[locale])

    [ask] = await chat.say("/received")
    assert ask.content == t("entry-ask-kind")
    await chat.press(ask, t("entry-kind-proposal"))
    await chat.press(chat.last, t("entry-channel-letter"))
    assert chat.last.content == t("entry-ask-date")
    # Not a date, then a day to come: the step stays, with a clear answer.
    [bad] = await chat.say("yesterday")
    assert bad.content == t("entry-error-date")
    [future] = await chat.say("01.12.2026")
    assert future.content == t("entry-error-date-future")
    [status] = await chat.say("05.11.2026")
    assert status.content == t("entry-ask-status")
    await chat.press(status, t("entry-status-proposal-accepted"))
    assert chat.last.content == t("entry-ask-reference")
    await chat.say("Plan 2026, item 4")
    [saved] = await chat.say("Жарық <b>бағандары</b> & жол")
    # Escaped: the official's text reads as typed, not as markup.
    assert saved.content.endswith("Жарық <b>бағандары</b> & жол")
    assert t("entry-channel-letter") in saved.content

    [ask] = await chat.say("/received")
    await chat.press(ask, t("entry-kind-question"))
    await chat.press(chat.last, t("entry-channel-reception"))
    await chat.press(chat.last, t("entry-today-button"))
    await chat.press(chat.last, t("entry-status-question-answered"))
    [saved] = await chat.say("Су құбыры")
    assert t("entry-channel-reception") in saved.content

    async with world.app.session_factory() as session:
        rows = (await session.scalars(select(OutsideFeedback).order_by(OutsideFeedback.id))).all()
        audit = (
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "feedback.enter"))
        ).all()
    assert [(r.channel, r.status, r.received_on, r.reference) for r in rows] == [
        (FeedbackChannel.LETTER, QuestionStatus.ACCEPTED, date(2026, 11, 5), "Plan 2026, item 4"),
        (FeedbackChannel.RECEPTION, QuestionStatus.ANSWERED, date(2026, 11, 23), None),
    ]
    assert all(r.akimat_id == akimat_id and r.entered_by == OFFICIAL[locale] for r in rows)
    assert len(audit) == 2

    period = ReportPeriod.parse("2026q4")
    record = (await world.services.feedback.records([akimat_id], period))[akimat_id]
    assert (record.proposals, record.accepted, record.questions, record.answered) == (1, 1, 1, 1)
    assert record.outside == {FeedbackChannel.LETTER: 1, FeedbackChannel.RECEPTION: 1}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_received_needs_an_akimat(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    chat = await world.admin(locale)
    [answer] = await chat.say("/received")
    assert answer.content == t("entry-no-akimat")
    citizen = await world.citizen(CITIZEN[locale], locale)
    [answer] = await citizen.say("/received")
    assert answer.content != t("entry-ask-kind")


UPLOADER = {"kk": 3311, "ru": 3312}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_entries_from_a_file(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    await world.citizen(UPLOADER[locale], locale)
    akimat_id = await an_official(world.app.session_factory, UPLOADER[locale], locale=locale)
    chat = await world.chat(UPLOADER[locale])

    [ask] = await chat.say("/received")
    events = await chat.press(ask, t("entry-file-button"))
    [template] = [e.message for e in events if e.type == "sent" and e.message]
    assert template.document is not None
    book = load_workbook(io.BytesIO(await world.client.download(template.document["file_id"])))
    sheet = book.worksheets[0]
    assert sheet.cell(row=1, column=1).value == t("entry-xlsx-kind")

    # A file with one bad row: refused by row and column, nothing saved.
    sheet.append(["proposal", "letter", "05.11.2026", "accepted", "Plan, item 2", "Шамдар"])
    sheet.append(["question", "fax", "06.11.2026", "new", None, "<b>Су</b>"])
    [refusal] = await chat.send("document", file_name="entries.xlsx", data=_saved(book))
    assert t("entry-file-bad-channel", row=3, column="B", value="fax") in refusal.content
    assert await _count(world) == 0

    sheet.cell(row=3, column=2).value = "site"
    [done] = await chat.send("document", file_name="entries.xlsx", data=_saved(book))
    assert done.content == t("entry-file-saved", count=2)
    record = (await world.services.feedback.records([akimat_id], ReportPeriod.parse("2026q4")))[
        akimat_id
    ]
    assert (record.proposals, record.accepted, record.questions, record.answered) == (1, 1, 1, 0)
    assert record.outside == {FeedbackChannel.LETTER: 1, FeedbackChannel.SITE: 1}


def _saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def _count(world: BotWorld) -> int:
    async with world.app.session_factory() as session:
        return len((await session.scalars(select(OutsideFeedback))).all())
