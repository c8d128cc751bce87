"""CalendarService: entries, the maslikhat's agreement, approval, submission, corrections with
their history, what citizens see, and a planned entry made a draft; on both databases with a
ManualClock."""

from datetime import date

import pytest

from services.access import AccessDeniedError
from services.calendar import CalendarError, CalendarErrorReason, NewEntry
from storage.models import CalendarEntryKind, CalendarStatus, Meeting, MeetingStatus
from tests.builders import a_citizen
from tests.scheduler.helpers import (
    KARAAGASH,
    OBLAST,
    ULYTAU_DISTRICT,
    ZHANAARKA,
    Sessions,
    World,
    local,
    make_world,
)

VISITING = CalendarEntryKind.VISITING
REPORTING = CalendarEntryKind.REPORTING
OFFICIAL = 7101
OKRUG_OFFICIAL = 7102
ZHARTAS = "623661107"  # Жартас а., a village of Қараағаш а.о.
YNTALY = "623661100"


@pytest.fixture
async def world(session_factory: Sessions) -> World:
    return await make_world(session_factory, local(date(2027, 1, 5)))


async def test_entries_steps_and_corrections(world: World) -> None:
    calendar = world.services.calendar
    district = await world.official(OFFICIAL, ZHANAARKA)

    await calendar.add_entry(OFFICIAL, district, 2027, NewEntry(3, None, KARAAGASH, VISITING))
    await calendar.add_entry(
        OFFICIAL, district, 2027, NewEntry(5, date(2027, 5, 12), ZHANAARKA, REPORTING)
    )
    # A venue outside the akimat's territory, a date outside the month, a month 13.
    with pytest.raises(CalendarError) as outside:
        await calendar.add_entry(
            OFFICIAL, district, 2027, NewEntry(3, None, ULYTAU_DISTRICT, VISITING)
        )
    assert outside.value.reason is CalendarErrorReason.VENUE_OUTSIDE
    with pytest.raises(CalendarError) as wrong_day:
        await calendar.add_entry(
            OFFICIAL, district, 2027, NewEntry(4, date(2027, 5, 1), KARAAGASH, VISITING)
        )
    assert wrong_day.value.reason is CalendarErrorReason.DATE_NOT_IN_YEAR
    with pytest.raises(CalendarError) as bad_month:
        await calendar.add_entry(OFFICIAL, district, 2027, NewEntry(13, None, KARAAGASH, VISITING))
    assert bad_month.value.reason is CalendarErrorReason.BAD_MONTH

    # Approval needs the maslikhat's agreement first; submission needs approval.
    with pytest.raises(CalendarError) as early:
        await calendar.approve(OFFICIAL, district, 2027)
    assert early.value.reason is CalendarErrorReason.NOT_AGREED
    with pytest.raises(CalendarError) as unapproved:
        await calendar.submit(OFFICIAL, district, 2027)
    assert unapproved.value.reason is CalendarErrorReason.NOT_APPROVED

    view = await calendar.view(OFFICIAL, district, 2027)
    assert view.status is CalendarStatus.DRAFT and len(view.entries) == 2
    assert [e.month for e in view.entries] == [3, 5]
    assert view.corrections == ()  # a draft's changes are not corrections

    await calendar.record_agreement(OFFICIAL, district, 2027, date(2027, 1, 4), " 12/3 ")
    view = await calendar.approve(OFFICIAL, district, 2027)
    assert (view.status, view.agreed_on, view.agreement_number) == (
        CalendarStatus.APPROVED,
        date(2027, 1, 4),
        "12/3",
    )
    assert view.approved_on == date(2027, 1, 5)
    with pytest.raises(CalendarError) as twice:
        await calendar.approve(OFFICIAL, district, 2027)
    assert twice.value.reason is CalendarErrorReason.ALREADY
    view = await calendar.submit(OFFICIAL, district, 2027)
    assert view.status is CalendarStatus.SUBMITTED

    # Nothing to agree again until something changes.
    with pytest.raises(CalendarError) as nothing:
        await calendar.record_agreement(OFFICIAL, district, 2027, date(2027, 1, 5), "13")
    assert nothing.value.reason is CalendarErrorReason.NOTHING_TO_AGREE

    # A change after approval opens correction 1, which collects the changes until agreed.
    added = await calendar.add_entry(
        OFFICIAL, district, 2027, NewEntry(6, None, KARAAGASH, VISITING)
    )
    first = view.entries[0]
    await calendar.remove_entry(OFFICIAL, first.id)
    view = await calendar.view(OFFICIAL, district, 2027)
    [correction] = view.corrections
    assert correction.open and correction.number == 1
    assert len(correction.changes) == 2
    assert correction.changes[0].startswith("+ 06 623661000")
    assert correction.changes[1].startswith("− 03 623661000")
    await calendar.record_agreement(OFFICIAL, district, 2027, date(2027, 1, 5), "14")
    await calendar.remove_entry(OFFICIAL, added.id)
    view = await calendar.view(OFFICIAL, district, 2027)
    assert [(c.number, c.agreement_number, c.open) for c in view.corrections] == [
        (1, "14", False),
        (2, None, True),
    ]
    # The calendar's own agreement is kept: corrections are agreed on their own.
    assert view.agreement_number == "12/3" and view.status is CalendarStatus.SUBMITTED


async def test_only_the_akimat_acts_and_higher_ones_read(world: World) -> None:
    calendar = world.services.calendar
    district = await world.official(OFFICIAL, ZHANAARKA)
    okrug = await world.official(OKRUG_OFFICIAL, KARAAGASH)
    with pytest.raises(AccessDeniedError):
        await calendar.add_entry(
            OKRUG_OFFICIAL, district, 2027, NewEntry(3, None, ZHARTAS, VISITING)
        )
    await calendar.add_entry(OKRUG_OFFICIAL, okrug, 2027, NewEntry(3, None, ZHARTAS, VISITING))
    # The district reads its okrug's calendar; the okrug does not read the district's.
    assert len((await calendar.view(OFFICIAL, okrug, 2027)).entries) == 1
    with pytest.raises(AccessDeniedError):
        await calendar.view(OKRUG_OFFICIAL, district, 2027)


async def test_years_out_of_reach_are_refused(world: World) -> None:
    district = await world.official(OFFICIAL, ZHANAARKA)
    with pytest.raises(CalendarError) as far:
        await world.services.calendar.add_entry(
            OFFICIAL, district, 2029, NewEntry(3, None, KARAAGASH, VISITING)
        )
    assert far.value.reason is CalendarErrorReason.BAD_YEAR


async def test_approval_stops_the_compliance_reminders(world: World) -> None:
    oblast = await world.official(OFFICIAL, OBLAST)
    before = {d.kind.value for d in await world.services.duties.open_duties(akimat_ids=[oblast])}
    assert "calendar_approve" in before
    await world.services.calendar.record_agreement(OFFICIAL, oblast, 2027, date(2027, 1, 5), "1")
    await world.services.calendar.approve(OFFICIAL, oblast, 2027)
    after = {d.kind.value for d in await world.services.duties.open_duties(akimat_ids=[oblast])}
    assert "calendar_approve" not in after and "calendar_submit" in after


async def test_citizens_see_what_is_planned_in_their_localities(world: World) -> None:
    calendar = world.services.calendar
    okrug = await world.official(OKRUG_OFFICIAL, KARAAGASH)
    district = await world.official(OFFICIAL, ZHANAARKA)
    await calendar.add_entry(OKRUG_OFFICIAL, okrug, 2027, NewEntry(2, None, ZHARTAS, VISITING))
    await calendar.add_entry(
        OFFICIAL, district, 2027, NewEntry(3, date(2027, 3, 4), KARAAGASH, VISITING)
    )
    await calendar.add_entry(OFFICIAL, district, 2027, NewEntry(4, None, "623641000", VISITING))
    # December of last year is over; so is a date already past this month.
    await calendar.add_entry(
        OKRUG_OFFICIAL, okrug, 2027, NewEntry(1, date(2027, 1, 2), YNTALY, VISITING)
    )
    await a_citizen(world.sessions, 7201, follows=[ZHARTAS])
    await a_citizen(world.sessions, 7202, follows=[KARAAGASH])
    await a_citizen(world.sessions, 7203, follows=[ULYTAU_DISTRICT])

    zhartas = await calendar.planned_for(7201)
    assert [(p.month, p.venue("kk"), p.host("ru")) for p in zhartas] == [
        (2, "Жартас а.", "Караагашский с.о.")
    ]
    karaagash = await calendar.planned_for(7202)
    assert [(p.month, p.planned_on) for p in karaagash] == [(2, None), (3, date(2027, 3, 4))]
    assert await calendar.planned_for(7203) == []


async def test_a_planned_entry_becomes_a_draft_once(world: World) -> None:
    calendar = world.services.calendar
    district = await world.official(OFFICIAL, ZHANAARKA)
    entry = await calendar.add_entry(
        OFFICIAL, district, 2027, NewEntry(3, date(2027, 3, 4), KARAAGASH, VISITING)
    )
    by_month = await calendar.add_entry(
        OFFICIAL, district, 2027, NewEntry(4, None, KARAAGASH, VISITING)
    )
    draft = await calendar.to_draft(OFFICIAL, entry.id)
    assert draft.status is MeetingStatus.DRAFT
    assert draft.starts_at == local(date(2027, 3, 4))
    assert (draft.venue.code, draft.audience.code, draft.host.code) == (
        KARAAGASH,
        KARAAGASH,
        ZHANAARKA,
    )
    assert draft.place == "Қараағаш а.о."
    with pytest.raises(CalendarError) as again:
        await calendar.to_draft(OFFICIAL, entry.id)
    assert again.value.reason is CalendarErrorReason.HAS_DRAFT
    second = await calendar.to_draft(OFFICIAL, by_month.id)
    assert second.starts_at == local(date(2027, 4, 15))
    view = await calendar.view(OFFICIAL, district, 2027)
    assert {e.meeting_id for e in view.entries} == {draft.id, second.id}

    # A month that is over cannot be drafted.
    world.clock.set(local(date(2027, 5, 1)))
    late = await calendar.add_entry(
        OFFICIAL, district, 2027, NewEntry(5, date(2027, 5, 1), KARAAGASH, VISITING)
    )
    with pytest.raises(CalendarError) as passed:
        await calendar.to_draft(OFFICIAL, late.id)
    assert passed.value.reason is CalendarErrorReason.PASSED
    async with world.sessions() as session:
        assert await session.get(Meeting, draft.id) is not None
