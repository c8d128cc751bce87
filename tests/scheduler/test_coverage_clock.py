"""Coverage per akimat and period (covered / planned / uncovered), its warnings 30 and 10 days
before the period's end and the period-end report to the recipient provider; and the
escalation of a missed calendar step. Months of a ManualClock, tick by tick, on both
databases."""

from datetime import date

import pytest
from sqlalchemy import select

from handlers.notices import notice_renderers
from locales import Translator
from services.calendar import NewEntry
from services.clock import ManualClock
from services.container import Services
from services.coverage import UnitState
from services.localities import LocalityService
from storage.models import (
    CalendarEntryKind,
    Coordinator,
    Meeting,
    MeetingStatus,
    OutboxMessage,
    User,
)
from tests.scheduler.helpers import (
    ADMIN_ID,
    KARAAGASH,
    OBLAST,
    TZ,
    ZHANAARKA,
    Sessions,
    World,
    local,
    payload_of,
)

DISTRICT_OFFICIAL = 7301
OKRUG_OFFICIAL = 7302
OBLAST_OFFICIAL = 7303
COORDINATOR = 7390
SETTLEMENT_ADMIN = "623630000"  # Жаңаарқа к.ә.
MUKAZHAN = "623641000"  # Мұқажан Жұмажанов атын.а.о.
ZHARTAS = "623661107"
YNTALY = "623661100"


@pytest.fixture
async def world(session_factory: Sessions) -> World:
    await LocalityService(session_factory).load_sample()
    clock = ManualClock(local(date(2027, 1, 5)))
    services = Services.create(
        session_factory=session_factory,
        renderer=notice_renderers(),
        translator=Translator(),
        clock=clock,
        tz=TZ,
        profile="2022",
        admin_ids=frozenset({ADMIN_ID}),
        default_locale="kk",
    )
    # The oblast's coordinator, who hears at each period's end what stayed uncovered in it.
    async with session_factory() as session:
        session.add(User(id=COORDINATOR, locale="ru"))
        await session.flush()
        session.add(Coordinator(user_id=COORDINATOR, territory_code=OBLAST, invited_by=ADMIN_ID))
        await session.commit()
    return World(session_factory, clock, services)


async def visit(world: World, host: str, venue: str, day: date, status: MeetingStatus) -> int:
    """A meeting of the akimat of ``host`` at ``venue`` (a unit below it), in ``status``."""
    meeting_id = await world.meeting(venue, local(day), status)
    host_id = await world.akimat(host)
    async with world.sessions() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.host_akimat_id = host_id
        await session.commit()
    return meeting_id


async def keys(sessions: Sessions, prefix: str) -> list[tuple[int, str]]:
    async with sessions() as session:
        rows = await session.execute(
            select(OutboxMessage.chat_id, OutboxMessage.key)
            .where(OutboxMessage.key.startswith(prefix))
            .order_by(OutboxMessage.id)
        )
    return [(chat, key) for chat, key in rows.all()]


async def test_states_per_unit(world: World) -> None:
    district = await world.official(DISTRICT_OFFICIAL, ZHANAARKA)
    okrug = await world.official(OKRUG_OFFICIAL, KARAAGASH)
    # Held in a village of Қараағаш: the okrug is covered for the district, and the village
    # for the okrug; a draft in Мұқажан: planned; Жаңаарқа к.ә.: nothing.
    await visit(world, ZHANAARKA, ZHARTAS, date(2027, 2, 10), MeetingStatus.HELD)
    await visit(world, ZHANAARKA, MUKAZHAN, date(2027, 3, 10), MeetingStatus.DRAFT)
    # Another quarter's meeting, a cancelled one, or one of the okrug's own change nothing.
    await visit(world, ZHANAARKA, SETTLEMENT_ADMIN, date(2027, 4, 10), MeetingStatus.HELD)
    await visit(world, ZHANAARKA, SETTLEMENT_ADMIN, date(2027, 3, 1), MeetingStatus.CANCELLED)
    # The okrug plans Ынталы in its calendar (February); a reporting entry is not a visit.
    calendar = world.services.calendar
    await calendar.add_entry(
        OKRUG_OFFICIAL, okrug, 2027, NewEntry(2, None, YNTALY, CalendarEntryKind.VISITING)
    )

    [for_district, for_okrug] = await world.services.coverage.territory(
        akimat_ids=[district, okrug], day=date(2027, 1, 20)
    )
    assert for_district.period.label == "2027-Q1"
    assert {u.code: u.state for u in for_district.units} == {
        SETTLEMENT_ADMIN: UnitState.UNCOVERED,
        MUKAZHAN: UnitState.PLANNED,
        KARAAGASH: UnitState.COVERED,
    }
    # The classifier puts Жартас and a wintering place under Ынталы (IJ != 00): one unit.
    assert {u.code: u.state for u in for_okrug.units} == {YNTALY: UnitState.PLANNED}
    assert (
        for_district.count(UnitState.COVERED),
        for_district.count(UnitState.PLANNED),
        for_district.count(UnitState.UNCOVERED),
    ) == (1, 1, 1)

    # The territory of the district: every akimat in its KATO subtree (the builder made one
    # for each venue too), by code; a village akimat's one target is its own unit.
    found = await world.services.coverage.territory(root_code=ZHANAARKA, day=date(2027, 1, 20))
    assert [a.code for a in found] == sorted(
        {ZHANAARKA, SETTLEMENT_ADMIN, MUKAZHAN, KARAAGASH, ZHARTAS}
    )
    [village] = [a for a in found if a.code == ZHARTAS]
    assert [(u.code, u.state) for u in village.units] == [(ZHARTAS, UnitState.UNCOVERED)]
    # The oblast visits per half-year its districts and cities of oblast significance.
    oblast = await world.akimat(OBLAST)
    [for_oblast] = await world.services.coverage.territory(
        akimat_ids=[oblast], day=date(2027, 5, 1)
    )
    assert for_oblast.period.label == "2027-H1"
    assert {u.code for u in for_oblast.units} == {
        "621000000",
        "622000000",
        ZHANAARKA,
        "623800000",
    }


async def test_warnings_once_each_and_the_period_end_report(world: World) -> None:
    district = await world.official(DISTRICT_OFFICIAL, ZHANAARKA, locale="ru")
    await visit(world, ZHANAARKA, MUKAZHAN, date(2027, 2, 10), MeetingStatus.HELD)

    # Nothing before 30 days before the end (31 March).
    await world.run_days(date(2027, 1, 5), date(2027, 2, 28))
    assert await keys(world.sessions, "coverage") == []
    await world.run_days(date(2027, 3, 1), date(2027, 3, 25))
    sent = await keys(world.sessions, "coverage")
    assert sent == [
        (DISTRICT_OFFICIAL, f"coverage:{district}:2027-Q1:30:{DISTRICT_OFFICIAL}"),
        (DISTRICT_OFFICIAL, f"coverage:{district}:2027-Q1:10:{DISTRICT_OFFICIAL}"),
    ]
    body = await payload_of(world.sessions, sent[0][1])
    text = str(body)
    assert "Караагашский с.о." in text and "п.а.Жаңаарқа" in text
    assert "Жумажанова" not in text  # held: covered

    # The next quarter begins: the report of the ended one, to the provider's recipients.
    await world.run_days(date(2027, 3, 26), date(2027, 4, 3))
    reports = await keys(world.sessions, "coverage-end")
    assert reports == [(COORDINATOR, f"coverage-end:2027-03-31:{OBLAST}:{COORDINATOR}")]
    report = str(await payload_of(world.sessions, reports[0][1]))
    assert "Жанааркинский район" in report and "Караагашский с.о." in report


async def test_a_covered_akimat_is_not_warned(world: World) -> None:
    district = await world.official(DISTRICT_OFFICIAL, ZHANAARKA)
    for code in (SETTLEMENT_ADMIN, MUKAZHAN, KARAAGASH):
        await visit(world, ZHANAARKA, code, date(2027, 2, 10), MeetingStatus.CLOSED)
    await world.run_days(date(2027, 3, 1), date(2027, 4, 2))
    assert await keys(world.sessions, f"coverage:{district}:") == []
    # The report names the akimats that the builder made for the venues (nobody met there
    # on their own), never the covered district.
    [(_, report_key)] = await keys(world.sessions, "coverage-end")
    report = str(await payload_of(world.sessions, report_key))
    assert "Жанааркинский район" not in report and "Жаңаарқа ауданы" not in report


async def test_a_missed_calendar_step_escalates_once(world: World) -> None:
    oblast = await world.official(OBLAST_OFFICIAL, OBLAST)
    await world.run_days(date(2027, 1, 5), date(2027, 1, 18))
    approve = await keys(world.sessions, "duty:calendar_approve")
    overdue = [row for row in approve if ":overdue:" in row[1] or ":escalation:" in row[1]]
    assert overdue == [
        (
            OBLAST_OFFICIAL,
            f"duty:calendar_approve:a{oblast}:2027:overdue:2027-01-16:{OBLAST_OFFICIAL}",
        ),
        (ADMIN_ID, f"duty:calendar_approve:a{oblast}:2027:escalation:2027-01-16:{ADMIN_ID}"),
    ]
    # Approved late: the submission, still missed, escalates once on the 21st; nothing more.
    await world.services.calendar.record_agreement(
        OBLAST_OFFICIAL, oblast, 2027, date(2027, 1, 18), "5"
    )
    await world.services.calendar.approve(OBLAST_OFFICIAL, oblast, 2027)
    await world.services.calendar.submit(OBLAST_OFFICIAL, oblast, 2027)
    await world.run_days(date(2027, 1, 19), date(2027, 2, 28))
    later = await keys(world.sessions, "duty:calendar_submit")
    assert [k for _, k in later if ":overdue:" in k or ":escalation:" in k] == []
    assert len(await keys(world.sessions, "duty:calendar_approve")) == len(approve)


async def test_the_submission_escalates_when_only_approved(world: World) -> None:
    oblast = await world.official(OBLAST_OFFICIAL, OBLAST)
    await world.services.calendar.record_agreement(
        OBLAST_OFFICIAL, oblast, 2027, date(2027, 1, 5), "5"
    )
    await world.services.calendar.approve(OBLAST_OFFICIAL, oblast, 2027)
    await world.run_days(date(2027, 1, 5), date(2027, 2, 25))
    escalated = [
        key
        for _, key in await keys(world.sessions, "duty:calendar_")
        if ":overdue:" in key or ":escalation:" in key
    ]
    assert escalated == [
        f"duty:calendar_submit:a{oblast}:2027:overdue:2027-01-21:{OBLAST_OFFICIAL}",
        f"duty:calendar_submit:a{oblast}:2027:escalation:2027-01-21:{ADMIN_ID}",
    ]
