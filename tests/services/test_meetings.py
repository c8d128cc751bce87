"""MeetingService on SQLite and PostgreSQL: creation rules, the audience rule, announcing on
time and late, what a citizen sees. Localities are the shipped sample (Ұлытау oblast)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from locales import Translator
from regulation import AkimLevel
from services.access import AccessService
from services.clock import ManualClock
from services.lifecycle import LifecycleError, LifecycleErrorReason, LifecycleService
from services.localities import LocalityService
from services.meetings import (
    MAX_PLACE_LENGTH,
    MeetingError,
    MeetingErrorReason,
    MeetingLocalityError,
    MeetingScheduleError,
    MeetingService,
    MeetingView,
    kato_ancestor_candidates,
    kato_contains,
    kato_subtree,
)
from services.outbox import Outbox
from storage.models import Akimat, Meeting, MeetingStatus, Subscription, User
from tests.builders import a_citizen
from tests.conftest import shared_kato_csv
from tests.notice_kit import KitRenderers
from tests.shortcuts import announce_quietly

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
# Monday 2 March 2026, 11:00 in Almaty.
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
ADMIN = 900

OBLAST = "620000000"  # Ұлытау облысы
ZHANAARKA = "623600000"  # Жаңаарқа ауданы
KARAAGASH = "623661000"  # Қараағаш а.о. (rural okrug)
ZHARTAS = "623661107"  # Жартас а., a village of Қараағаш a.o.
ZHUMAZHANOV_OKRUG = "623641000"  # another okrug of Жаңаарқа
KUIGENBAZ = "623641105"  # a village of that okrug
ULYTAU_DISTRICT = "623800000"
ZHEZDI = "623843000"  # Жезді к.ә. (settlement administration)
ZHEZDI_SETTLEMENT = "623843100"  # п.Жезды
ORNEK = "623843200"  # с.Өрнек, Жезді's sibling
WINTERING = "623661102"  # Жосалы қыстауы: no akim
ASTANA_DISTRICT = "711110000"


@pytest.fixture
async def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def service(session_factory: Sessions, clock: ManualClock) -> MeetingService:
    await LocalityService(session_factory).load_sample()
    return MeetingService(session_factory, clock, TZ, "2022")


def local(year: int, month: int, day: int, hour: int = 15, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


async def make(
    service: MeetingService,
    host: str = KARAAGASH,
    venue: str | None = None,
    audience: str | None = None,
    starts_at: datetime | None = None,
    duration: int = 120,
    place: str = "Мәдениет үйі, Абай к., 12",
    url: str | None = "https://instagram.com/akimat",
) -> MeetingView:
    return await service.create_meeting(
        host_code=host,
        venue_code=venue or host,
        audience_code=audience or host,
        starts_at=starts_at or local(2026, 3, 20),
        duration_minutes=duration,
        place=place,
        broadcast_url=url,
        created_by=42,
    )


async def audience_ids(service: MeetingService, meeting_id: int) -> list[int]:
    return [recipient.user_id async for recipient in service.audience(meeting_id)]


# --- the KATO code structure ---------------------------------------------------------------------


def test_subtree_and_ancestors_of_codes() -> None:
    assert kato_subtree(OBLAST) == ("620000000", "629999999")
    assert kato_subtree(ZHANAARKA) == ("623600000", "623699999")
    assert kato_subtree(KARAAGASH) == ("623661000", "623661999")
    assert kato_subtree("623661100") == ("623661100", "623661199")
    assert kato_subtree(ZHARTAS) == (ZHARTAS, ZHARTAS)
    assert kato_ancestor_candidates(ZHARTAS) == [OBLAST, ZHANAARKA, KARAAGASH, "623661100"]
    assert kato_ancestor_candidates(OBLAST) == []
    assert kato_contains(KARAAGASH, ZHARTAS)
    assert not kato_contains(ZHUMAZHANOV_OKRUG, ZHARTAS)
    assert not kato_contains(ZHARTAS, KARAAGASH)


async def test_code_structure_matches_the_stored_tree(session_factory: Sessions) -> None:
    localities = LocalityService(session_factory)
    await localities.load_sample()
    for code in (OBLAST, ZHANAARKA, KARAAGASH, ZHEZDI, ORNEK, ASTANA_DISTRICT, "710000000"):
        low, high = kato_subtree(code)
        inside = await localities.descendant_codes(code)
        assert all(low <= other <= high for other in inside), code
        ancestors = await localities.ancestors_codes(code)
        assert set(ancestors) <= set(kato_ancestor_candidates(code)), code


def test_code_structure_matches_the_whole_classifier() -> None:
    """Every parent in the full KATO file is a candidate ancestor, and every unit lies in the
    code range of each of its ancestors: the two queries of the service are exact."""
    path = shared_kato_csv()
    if path is None:
        pytest.skip("the full classifier is not on this machine")
    from services.kato.reader import read_kato

    records = read_kato(path)
    parents = {record.code: record.parent_code for record in records}
    for record in records:
        chain: list[str] = []
        parent = record.parent_code
        while parent is not None:
            chain.append(parent)
            parent = parents[parent]
        existing = [code for code in kato_ancestor_candidates(record.code) if code in parents]
        assert sorted(chain) == sorted(existing), record.code
        assert all(kato_contains(ancestor, record.code) for ancestor in chain)


# --- creating ------------------------------------------------------------------------------------


async def test_create_meeting_makes_a_draft_and_its_akimat_once(
    service: MeetingService, session_factory: Sessions
) -> None:
    first = await make(service, audience=ZHARTAS)
    second = await make(service, starts_at=local(2026, 4, 20))
    assert first.status is MeetingStatus.DRAFT
    assert first.host.code == KARAAGASH
    assert first.host.name_kk == "Қараағаш а.о."
    assert first.host_level is AkimLevel.RURAL_OKRUG
    assert first.audience.code == ZHARTAS
    assert first.starts_at == datetime(2026, 3, 20, 10, 0, tzinfo=UTC)
    assert first.ends_at - first.starts_at == timedelta(minutes=120)
    # Questions are collected until a day before the meeting (seed 001, clause 3.4).
    assert first.questions_cutoff == first.starts_at - timedelta(hours=24)
    assert first.announced_at is None
    assert not first.questions_open  # a draft takes no questions
    async with session_factory() as session:
        akimats = await session.scalar(select(func.count(Akimat.id)))
        creator = await session.scalar(select(Meeting.created_by).where(Meeting.id == second.id))
    assert akimats == 1
    assert creator == 42


async def test_cutoff_is_never_before_now(service: MeetingService, clock: ManualClock) -> None:
    soon = await make(service, starts_at=NOW + timedelta(hours=3))
    assert soon.questions_cutoff == NOW


@pytest.mark.parametrize(
    ("changes", "reason", "kind"),
    [
        ({"host": "999999999"}, MeetingErrorReason.UNKNOWN_HOST, MeetingLocalityError),
        ({"host": WINTERING}, MeetingErrorReason.HOST_WITHOUT_AKIM, MeetingLocalityError),
        ({"venue": "623661999"}, MeetingErrorReason.UNKNOWN_VENUE, MeetingLocalityError),
        ({"venue": KUIGENBAZ}, MeetingErrorReason.VENUE_OUTSIDE_HOST, MeetingLocalityError),
        ({"venue": ZHANAARKA}, MeetingErrorReason.VENUE_OUTSIDE_HOST, MeetingLocalityError),
        ({"audience": "623661999"}, MeetingErrorReason.UNKNOWN_AUDIENCE, MeetingLocalityError),
        ({"audience": OBLAST}, MeetingErrorReason.AUDIENCE_OUTSIDE_HOST, MeetingLocalityError),
        ({"starts_at": NOW}, MeetingErrorReason.START_IN_PAST, MeetingScheduleError),
        ({"starts_at": NOW - timedelta(days=1)}, MeetingErrorReason.START_IN_PAST, None),
        ({"duration": 14}, MeetingErrorReason.BAD_DURATION, MeetingScheduleError),
        ({"duration": 481}, MeetingErrorReason.BAD_DURATION, None),
        ({"place": "  ab "}, MeetingErrorReason.BAD_PLACE, None),
        ({"place": "x" * (MAX_PLACE_LENGTH + 1)}, MeetingErrorReason.BAD_PLACE, None),
        ({"url": "ftp://example.kz/a"}, MeetingErrorReason.BAD_BROADCAST_URL, None),
        ({"url": "javascript:alert(1)"}, MeetingErrorReason.BAD_BROADCAST_URL, None),
        ({"url": "https://"}, MeetingErrorReason.BAD_BROADCAST_URL, None),
        ({"url": "https://a.kz/x y"}, MeetingErrorReason.BAD_BROADCAST_URL, None),
    ],
)
async def test_create_meeting_refuses_with_a_reason(
    service: MeetingService,
    session_factory: Sessions,
    changes: dict[str, object],
    reason: MeetingErrorReason,
    kind: type[MeetingError] | None,
) -> None:
    with pytest.raises(kind or MeetingError) as caught:
        await make(service, **changes)  # type: ignore[arg-type]
    assert caught.value.reason is reason
    async with session_factory() as session:
        assert await session.scalar(select(func.count(Meeting.id))) == 0


async def test_create_meeting_accepts_the_bounds(service: MeetingService) -> None:
    shortest = await make(service, duration=15, place="abc", url=None)
    longest = await make(service, duration=480, place="x" * MAX_PLACE_LENGTH, url="http://a.kz")
    assert shortest.broadcast_url is None
    assert longest.duration_minutes == 480
    assert shortest.place == "abc"


async def test_venue_and_audience_inside_the_host(service: MeetingService) -> None:
    meeting = await make(service, host=OBLAST, venue=ZHARTAS, audience=ZHANAARKA)
    assert meeting.host_level is AkimLevel.OBLAST
    assert meeting.venue.code == ZHARTAS
    assert meeting.audience.name_ru == "Жанааркинский район"


# --- the audience --------------------------------------------------------------------------------


async def test_oblast_wide_meeting_reaches_a_village_subscriber(
    service: MeetingService, session_factory: Sessions
) -> None:
    await a_citizen(session_factory, 1, follows=[ZHARTAS])
    await a_citizen(session_factory, 2, follows=[ASTANA_DISTRICT])
    meeting = await make(service, host=OBLAST, venue=ZHANAARKA)
    assert await audience_ids(service, meeting.id) == [1]


async def test_village_meeting_audience_rule(
    service: MeetingService, session_factory: Sessions
) -> None:
    sessions = session_factory
    await a_citizen(sessions, 1, follows=[ORNEK])  # the village itself
    await a_citizen(sessions, 2, follows=[ZHEZDI_SETTLEMENT])  # its sibling
    await a_citizen(sessions, 3, follows=[ZHEZDI])  # its okrug, without "everything inside"
    await a_citizen(sessions, 4, follows=[ZHEZDI], everything=True)  # its okrug, everything
    await a_citizen(sessions, 5, follows=[ULYTAU_DISTRICT], everything=True)  # the district
    await a_citizen(sessions, 6, follows=[ULYTAU_DISTRICT])  # the district only
    await a_citizen(sessions, 7, follows=[OBLAST], everything=True)  # the oblast, inside
    await a_citizen(sessions, 8, follows=[ZHANAARKA], everything=True)  # another district
    # Three subscriptions that each take in the village: told once.
    await a_citizen(sessions, 9, follows=[ORNEK, ZHEZDI, ULYTAU_DISTRICT], everything=True)
    meeting = await make(service, host=ZHEZDI, audience=ORNEK)
    assert await audience_ids(service, meeting.id) == [1, 4, 5, 7, 9]


async def test_okrug_meeting_skips_the_neighbouring_okrug(
    service: MeetingService, session_factory: Sessions
) -> None:
    await a_citizen(session_factory, 1, follows=[ZHARTAS])
    await a_citizen(session_factory, 2, follows=[KUIGENBAZ])
    await a_citizen(session_factory, 3, follows=[ZHUMAZHANOV_OKRUG], everything=True)
    await a_citizen(session_factory, 4, follows=[ZHANAARKA], everything=True)
    meeting = await make(service, host=KARAAGASH)
    assert await audience_ids(service, meeting.id) == [1, 4]


async def test_audience_leaves_out_inactive_and_unconsented(
    service: MeetingService, session_factory: Sessions
) -> None:
    await a_citizen(session_factory, 1, follows=[ZHARTAS], locale="ru")
    await a_citizen(session_factory, 2, follows=[ZHARTAS], active=False)
    await a_citizen(session_factory, 3, follows=[ZHARTAS], consent_at=None)
    meeting = await make(service)
    recipients = [recipient async for recipient in service.audience(meeting.id)]
    assert [(r.user_id, r.locale) for r in recipients] == [(1, "ru")]
    assert await audience_ids(service, 999_999) == []


async def test_audience_streams_thousands(
    service: MeetingService, session_factory: Sessions
) -> None:
    total = 3000
    async with session_factory() as session:
        await session.execute(
            insert(User),
            [
                {"id": 10_000 + n, "locale": "kk", "consent_at": NOW, "is_active": True}
                for n in range(total)
            ],
        )
        # Some follow the village, some the okrug with everything inside, some both.
        await session.execute(
            insert(Subscription),
            [
                {
                    "user_id": 10_000 + n,
                    "locality_code": ZHARTAS if n % 2 else KARAAGASH,
                    "include_descendants": True,
                }
                for n in range(total)
            ]
            + [
                {"user_id": 10_000 + n, "locality_code": ZHANAARKA, "include_descendants": True}
                for n in range(0, total, 3)
            ],
        )
        await session.commit()
    meeting = await make(service, audience=ZHARTAS)
    seen = await audience_ids(service, meeting.id)
    assert len(seen) == total
    assert seen == sorted(set(seen))


# --- announcing ----------------------------------------------------------------------------------


def lifecycle_of(service: MeetingService, profile: str = "2022") -> LifecycleService:
    """Announcing is the lifecycle's act (one transaction with its audit row and notices)."""
    sessions, clock = service._sessions, service._clock
    outbox = Outbox(clock, Translator(), TZ, KitRenderers())
    access = AccessService(sessions, clock, frozenset({ADMIN}))
    meetings = MeetingService(sessions, clock, TZ, profile, outbox=outbox)
    return LifecycleService(sessions, clock, TZ, profile, meetings, access, outbox)


async def test_announce_on_time(service: MeetingService, clock: ManualClock) -> None:
    # A rural okrug announces a week before (seed 001, clause 3.4): due 13 March.
    meeting = await make(service, starts_at=local(2026, 3, 20))
    assert service.announcement_due_date(meeting) == date(2026, 3, 13)
    clock.set(local(2026, 3, 13, 23, 30))
    result = await lifecycle_of(service).announce(meeting.id, ADMIN)
    assert result.due == date(2026, 3, 13)
    assert not result.late
    assert not result.already
    assert result.days_late == 0
    assert result.meeting.status is MeetingStatus.ANNOUNCED
    assert result.meeting.announced_at == clock.now()
    assert result.meeting.questions_open


async def test_announce_late_is_allowed_and_said(
    service: MeetingService, clock: ManualClock
) -> None:
    # A district announces two weeks before: due 6 March for a meeting on 20 March.
    meeting = await make(service, host=ZHANAARKA, starts_at=local(2026, 3, 20))
    clock.set(local(2026, 3, 8, 9))
    lifecycle = lifecycle_of(service)
    result = await lifecycle.announce(meeting.id, ADMIN)
    assert result.due == date(2026, 3, 6)
    assert result.late
    assert result.days_late == 2
    assert result.meeting.status is MeetingStatus.ANNOUNCED
    again = await lifecycle.announce(meeting.id, ADMIN)
    assert again.already
    assert again.meeting.announced_at == result.meeting.announced_at


async def test_announce_refuses_cancelled_past_and_unknown(
    service: MeetingService, session_factory: Sessions, clock: ManualClock
) -> None:
    cancelled = await make(service)
    past = await make(service, starts_at=NOW + timedelta(hours=2))
    async with session_factory() as session:
        row = await session.get(Meeting, cancelled.id)
        assert row is not None
        row.status = MeetingStatus.CANCELLED
        await session.commit()
    lifecycle = lifecycle_of(service)
    with pytest.raises(LifecycleError) as caught:
        await lifecycle.announce(cancelled.id, ADMIN)
    assert caught.value.status is MeetingStatus.CANCELLED
    clock.advance(timedelta(hours=5))
    with pytest.raises(LifecycleError) as caught:
        await lifecycle.announce(past.id, ADMIN)
    assert caught.value.reason is LifecycleErrorReason.MEETING_OVER
    with pytest.raises(LifecycleError) as caught:
        await lifecycle.announce(123_456, ADMIN)
    assert caught.value.reason is LifecycleErrorReason.NOT_FOUND


async def test_profile_without_a_lead_time(session_factory: Sessions, clock: ManualClock) -> None:
    await LocalityService(session_factory).load_sample()
    service = MeetingService(session_factory, clock, TZ, "2013")
    meeting = await make(service)
    assert service.announcement_due_date(meeting) is None
    result = await lifecycle_of(service, "2013").announce(meeting.id, ADMIN)
    assert result.due is None
    assert not result.late


# --- what a citizen sees -------------------------------------------------------------------------


async def test_upcoming_for_user(
    service: MeetingService, session_factory: Sessions, clock: ManualClock
) -> None:
    await a_citizen(session_factory, 1, follows=[ZHARTAS])
    later = await make(service, starts_at=local(2026, 4, 10))
    sooner = await make(service, host=OBLAST, starts_at=local(2026, 3, 25))
    soonest = await make(service, host=ZHANAARKA, starts_at=local(2026, 3, 5))
    draft = await make(service, starts_at=local(2026, 3, 4))
    elsewhere = await make(service, host=ZHUMAZHANOV_OKRUG, starts_at=local(2026, 3, 6))
    ending = await make(service, starts_at=NOW + timedelta(hours=1), duration=60)
    for meeting in (later, sooner, soonest, elsewhere, ending):
        await announce_quietly(service, meeting.id)
    seen = await service.upcoming_for_user(1)
    assert [m.id for m in seen] == [ending.id, soonest.id, sooner.id, later.id]
    assert draft.id not in [m.id for m in seen]
    assert [m.id for m in await service.upcoming_for_user(1, limit=2, offset=1)] == [
        soonest.id,
        sooner.id,
    ]
    second = await service.upcoming_page(1, 1, 3)
    assert second is not None
    assert (second.total, second.offset, [m.id for m in second.items]) == (4, 3, [later.id])
    # A page past the end (a stale button) is the last one, with the total.
    stale = await service.upcoming_page(1, 7, 3)
    assert stale is not None
    assert (stale.total, stale.page, [m.id for m in stale.items]) == (4, 1, [later.id])
    clock.advance(timedelta(hours=3))  # the first one has ended
    assert [m.id for m in await service.upcoming_for_user(1, limit=1)] == [soonest.id]
    first = await service.upcoming_page(1, 0, 10)
    assert first is not None
    assert (first.total, len(first.items)) == (3, 3)
    assert await service.upcoming_for_user(2) == []
    assert await service.upcoming_page(2, 0, 10) is None  # follows nothing


async def test_upcoming_with_everything_inside(
    service: MeetingService, session_factory: Sessions
) -> None:
    await a_citizen(session_factory, 1, follows=[ZHANAARKA], everything=True)
    await a_citizen(session_factory, 2, follows=[ZHANAARKA])
    village = await make(service, audience=ZHARTAS)
    await announce_quietly(service, village.id)
    assert [m.id for m in await service.upcoming_for_user(1)] == [village.id]
    assert await service.upcoming_for_user(2) == []


async def test_get_and_list_recent(service: MeetingService) -> None:
    first = await make(service)
    second = await make(service, host=OBLAST)
    assert await service.get(first.id) == first
    assert await service.get(999) is None
    assert [m.id for m in await service.list_recent(5)] == [second.id, first.id]
