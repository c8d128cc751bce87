"""/calendar and the coverage warnings end to end, in Kazakh and Russian: an official adds a
planned meeting in chat (a bad month first), a citizen of the locality sees it, the official
makes it a draft with one press; the XLSX template comes back with a bad file refused row by
row (nothing saved) and a good one taken; a district with units nobody visited is warned 30
days before the quarter's end, once.

The clock stands at Monday 23 November 2026, 09:00 in Almaty (tests/e2e/harness.py).
"""

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from handlers.callbacks import CalendarAction, CalendarCb
from handlers.notices.coverage import day_text
from scheduler.runner import tick
from storage.models import AuditEntry, CalendarEntry, Meeting, MeetingStatus
from tests.builders import a_citizen, an_akimat, an_official
from tests.e2e.harness import ALMATY, BotWorld
from tests.e2e.test_admin import plain

pytestmark = pytest.mark.asyncio

ZHANAARKA = "623600000"
KARAAGASH = "623661000"
OFFICIAL = 3301
CITIZEN = 3302
NAMES = {
    "kk": ("Қараағаш а.о.", "Жаңаарқа ауданы"),
    "ru": ("Караагашский с.о.", "Жанааркинский район"),
}


async def entries(world: BotWorld) -> int:
    async with world.app.session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(CalendarEntry)) or 0)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_entry_in_chat_citizen_view_and_draft(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    okrug, district = NAMES[locale]
    await world.citizen(OFFICIAL, locale)
    await an_official(world.app.session_factory, OFFICIAL, akimat=ZHANAARKA, locale=locale)
    official = await world.chat(OFFICIAL, locale)

    [screen] = await official.say("/calendar 2027")
    assert plain(t("calendar-title", year="2027", akimat=district)) in screen.content
    assert plain(t("calendar-empty")) in screen.content
    await official.press(screen, t("calendar-btn-add"))
    assert official.last.content == t("calendar-ask-when", year="2027")
    [refused] = await official.say("13")
    assert refused.content == t("calendar-error-bad-month")
    [ask_venue] = await official.say("3")
    assert ask_venue.content == t("calendar-ask-venue")
    # The venue by search among the territory's units.
    [found] = await official.say(okrug.split()[0])
    assert found.content == t("calendar-venue-found")
    await official.press(found, okrug)
    assert official.last.content == t("calendar-ask-kind", venue=okrug)
    await official.press(official.last, t("calendar-kind-visiting"))
    assert official.callback_answers[-1].get("text") == t("calendar-added")
    month = f"{t('calendar-month', month=3)} 2027"
    line = t(
        "calendar-entry",
        number=1,
        icon="🚗",
        when=month,
        venue=okrug,
        kind=t("calendar-kind-visiting"),
        draft="",
    )
    assert line in official.last.content

    # A citizen of the okrug sees when the akim plans to come.
    await a_citizen(world.app.session_factory, CITIZEN, follows=[KARAAGASH], locale=locale)
    citizen = await world.chat(CITIZEN, locale)
    [planned] = await citizen.say("/calendar")
    assert plain(t("calendar-citizen-title")) in planned.content
    assert f"{month} — {okrug} · {district}" in planned.content

    # One press: the draft, on the 15th at 10:00, at the okrug.
    screen = official.find(line)
    await official.press(screen, t("calendar-btn-draft", number=1))
    async with world.app.session_factory() as session:
        [meeting] = (await session.scalars(select(Meeting))).all()
    assert meeting.status is MeetingStatus.DRAFT
    assert meeting.starts_at == datetime(2027, 3, 15, 10, 0, tzinfo=ALMATY)
    assert meeting.venue_code == KARAAGASH
    made = official.find(plain(t("calendar-draft-made", id=meeting.id, when="", venue="")[:12]))
    assert okrug in made.content
    # Pressed again from the old screen: told, not made twice.
    await official.press(screen, t("calendar-btn-draft", number=1), stale=True)
    assert official.callback_answers[-1].get("text") == t(
        "calendar-error-has-draft", detail=str(meeting.id)
    )


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_xlsx_round_trip_with_a_bad_file(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    await world.citizen(OFFICIAL, locale)
    await an_official(world.app.session_factory, OFFICIAL, akimat=ZHANAARKA, locale=locale)
    official = await world.chat(OFFICIAL, locale)
    [screen] = await official.say("/calendar 2027")
    await official.press(screen, t("calendar-btn-template"))
    template = official.last
    assert template.document is not None
    data = await world.client.download(template.document["file_id"])
    book = load_workbook(io.BytesIO(data))
    sheet, units = book.worksheets
    assert [c.value for c in sheet[1]] == [
        t("calendar-xlsx-col-when"),
        t("calendar-xlsx-col-venue"),
        t("calendar-xlsx-col-kind"),
    ]
    assert KARAAGASH in {units.cell(row, 1).value for row in range(2, units.max_row + 1)}

    await official.press(screen, t("calendar-btn-upload"))
    sheet.append([13, KARAAGASH, t("calendar-kind-visiting")])
    sheet.append(["05.05.2027", "623800000", t("calendar-kind-reporting")])
    buffer = io.BytesIO()
    book.save(buffer)
    [refusal] = await official.send("document", file_name="calendar.xlsx", data=buffer.getvalue())
    assert refusal.content.startswith(plain(t("calendar-file-rejected")))
    for row, column, key, value in (
        (2, "A", "calendar-file-bad-when", "13"),
        (3, "B", "calendar-file-bad-venue", "623800000"),
    ):
        problem = t(key, value=value)
        assert plain(t("calendar-row", row=row, column=column, problem=problem)) in refusal.content
    assert await entries(world) == 0

    book = load_workbook(io.BytesIO(data))
    book.worksheets[0].append([3, KARAAGASH, t("calendar-kind-visiting")])
    book.worksheets[0].append(["12.05.2027", ZHANAARKA, t("calendar-kind-reporting")])
    buffer = io.BytesIO()
    book.save(buffer)
    replies = await official.send("document", file_name="calendar.xlsx", data=buffer.getvalue())
    assert replies[0].content == t("calendar-file-accepted", count=2)
    assert await entries(world) == 2


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_uncovered_units_are_warned_once(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    okrug, district = NAMES[locale]
    await world.citizen(OFFICIAL, locale)
    await an_official(world.app.session_factory, OFFICIAL, akimat=ZHANAARKA, locale=locale)
    official = await world.chat(OFFICIAL, locale)

    # 1 December: 30 days before the quarter's end (31 December).
    world.clock.set(datetime(2026, 12, 1, 9, 30, tzinfo=ALMATY))
    await tick(world.services, world.clock.now())
    await world.sender.drain()
    await official.collect("the coverage warning")
    period = t(
        "coverage-period",
        start=day_text(t, date(2026, 10, 1)),
        end=day_text(t, date(2026, 12, 31)),
    )
    expected = plain(
        t("coverage-warning", akimat=district, days=30, period=period, count=3, units="")
    )
    heading = "\n".join(expected.split("\n")[:2])
    warning = official.find(heading)
    assert okrug in warning.content
    # The next days say nothing new; 10 days before, the second warning.
    for day in range(2, 5):
        world.clock.set(datetime(2026, 12, day, 9, 30, tzinfo=ALMATY))
        await tick(world.services, world.clock.now())
    await world.sender.drain()
    assert (
        len([m for m in await world.client.current_messages(OFFICIAL) if okrug in m.content]) == 1
    )
    world.clock.set(datetime(2026, 12, 21, 9, 30, tzinfo=ALMATY))
    await tick(world.services, world.clock.now())
    await world.sender.drain()
    await official.collect("the second warning")
    assert (
        len([m for m in await world.client.current_messages(OFFICIAL) if okrug in m.content]) == 2
    )


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_coverage_screen_of_a_higher_akimat(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    okrug, district = NAMES[locale]
    await world.citizen(OFFICIAL, locale)
    await an_official(world.app.session_factory, OFFICIAL, akimat=ZHANAARKA, locale=locale)
    official = await world.chat(OFFICIAL, locale)
    [screen] = await official.say("/coverage")
    line = t("coverage-line", akimat=district, period="2026-Q4", covered=0, planned=0, uncovered=3)
    assert line in screen.content
    await official.press(screen, district)
    assert t("coverage-unit-uncovered", unit=okrug) in official.last.content
    # A citizen has no such command, and a forged calendar button is refused and recorded.
    await a_citizen(world.app.session_factory, CITIZEN, follows=[KARAAGASH], locale=locale)
    citizen = await world.chat(CITIZEN, locale)
    [answer] = await citizen.say("/coverage")
    # The answer every staff command typed by a citizen gets (handlers/official/not_staff.py).
    assert answer.content.startswith(
        t("staff-command-not-staff", command="coverage", commands="").strip()
    )
    akimat_id = await an_akimat(world.app.session_factory, ZHANAARKA)
    forged = CalendarCb(action=CalendarAction.APPROVE, akimat_id=akimat_id, year=2027).pack()
    await world.client.press(CITIZEN, answer.message_id, forged)
    await citizen.collect("a forged calendar button")
    assert citizen.callback_answers[-1].get("text") == t("outsider-staff-button")
    async with world.app.session_factory() as session:
        denied = await session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.actor_id == CITIZEN, AuditEntry.allowed.is_(False))
            .order_by(AuditEntry.id)
        )
        assert list(denied) == ["staff.command", "calendar.button"]
