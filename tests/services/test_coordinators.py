"""CoordinatorsService and a coordinator's rights, on SQLite and PostgreSQL: the one-time link
(one use, 72 hours, revoking, only a territory of the right level), reading every akimat of the
territory and nothing outside it, never acting, and the audit log of each step."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notices import notice_renderers
from locales import Translator
from services.access import AccessDeniedError, AccessService, Right
from services.audit import AuditAction
from services.clock import ManualClock
from services.coordinators import (
    CoordinatorsError,
    CoordinatorsErrorReason,
    CoordinatorsService,
    parse_coordinator_payload,
)
from services.localities import LocalityService
from services.officials import INVITE_TTL, AcceptOutcome, InviteStatus
from services.outbox import Outbox
from storage.models import Akimat, AuditEntry, OutboxMessage, User
from tests.builders import an_akimat, an_official

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Almaty")
ADMIN = 900001
COORD, OTHER, OFFICIAL = 3101, 3102, 3103

ULYTAU = "620000000"  # Ұлытау облысы
ASTANA = "710000000"  # the capital
ZHANAARKA = "623600000"  # a district of Ұлытау
KARAAGASH = "623661000"  # a rural okrug inside it


@pytest.fixture
async def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def access(session_factory: Sessions, clock: ManualClock) -> AccessService:
    return AccessService(session_factory, clock, frozenset({ADMIN}))


@pytest.fixture
async def service(
    session_factory: Sessions, clock: ManualClock, access: AccessService
) -> CoordinatorsService:
    await LocalityService(session_factory).load_sample()
    async with session_factory() as session:
        session.add_all([User(id=COORD, locale="kk", consent_at=NOW), User(id=OTHER, locale="ru")])
        await session.commit()
    return CoordinatorsService(
        session_factory, clock, access, Outbox(clock, Translator(), TZ, notice_renderers()), "kk"
    )


async def audit_rows(sessions: Sessions) -> list[tuple[str, bool, int]]:
    async with sessions() as session:
        rows = await session.execute(
            select(AuditEntry.action, AuditEntry.allowed, AuditEntry.actor_id).order_by(
                AuditEntry.id
            )
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def test_territories_are_oblasts_and_cities_of_the_republic(
    service: CoordinatorsService,
) -> None:
    codes = [territory.code for territory in await service.territories()]
    assert codes == [ULYTAU, ASTANA]
    with pytest.raises(CoordinatorsError) as error:
        await service.invite(ADMIN, ZHANAARKA)
    assert error.value.reason == CoordinatorsErrorReason.NOT_A_TERRITORY
    with pytest.raises(CoordinatorsError) as error:
        await service.invite(ADMIN, "999999999")
    assert error.value.reason == CoordinatorsErrorReason.UNKNOWN_TERRITORY


async def test_only_admins_invite_and_the_refusal_is_audited(
    service: CoordinatorsService, session_factory: Sessions
) -> None:
    with pytest.raises(AccessDeniedError):
        await service.invite(COORD, ULYTAU)
    assert await audit_rows(session_factory) == [("coordinator.invite", False, COORD)]


async def test_link_is_used_once_and_gives_read_on_the_territory_only(
    service: CoordinatorsService, access: AccessService, session_factory: Sessions
) -> None:
    inside = await an_akimat(session_factory, KARAAGASH)
    district = await an_akimat(session_factory, ZHANAARKA)
    outside = await an_akimat(session_factory, ASTANA)
    invite = await service.invite(ADMIN, ULYTAU)
    assert parse_coordinator_payload(f"crd_{invite.token}") == invite.token

    assert (await service.accept(COORD, invite.token)).outcome is AcceptOutcome.ACCEPTED
    assert (await service.accept(COORD, invite.token)).outcome is AcceptOutcome.USED_BY_YOU
    assert (await service.accept(OTHER, invite.token)).outcome is AcceptOutcome.USED

    assert await access.is_staff(COORD)
    assert await access.can_read(COORD, inside)
    assert await access.can_read(COORD, district)
    assert not await access.can_read(COORD, outside)
    # Reading is all a coordinator may do.
    assert not await access.allowed(COORD, inside, Right.ACT)
    with pytest.raises(AccessDeniedError):
        await access.require(COORD, inside, Right.ACT, action=AuditAction.MEETING_ANNOUNCE)
    # The oblast's own akimat, which nobody of it had used, is made at the appointment: it is
    # in the territory's reports from then on, not from the first screen opened.
    async with session_factory() as session:
        oblast = await session.scalar(select(Akimat.id).where(Akimat.locality_code == ULYTAU))
    assert oblast is not None
    readable = [akimat.id for akimat in await access.readable_akimats(COORD)]
    assert readable == [oblast, district, inside]
    assert await access.listed_akimat_ids(COORD) == sorted([oblast, district, inside])
    assert [t.code for t in await service.territories_of(COORD)] == [ULYTAU]

    assert await audit_rows(session_factory) == [
        ("coordinator.invite", True, ADMIN),
        ("coordinator.accept", True, COORD),
        ("meeting.announce", False, COORD),
    ]


async def test_whole_republic_reads_every_akimat(
    service: CoordinatorsService, access: AccessService, session_factory: Sessions
) -> None:
    first = await an_akimat(session_factory, KARAAGASH)
    second = await an_akimat(session_factory, ASTANA)
    invite = await service.invite(ADMIN, None)
    assert invite.territory.code is None
    assert (await service.accept(COORD, invite.token)).outcome is AcceptOutcome.ACCEPTED
    assert await access.read_territories(COORD) is None
    assert {akimat.id for akimat in await access.readable_akimats(COORD)} == {first, second}
    assert await access.listed_akimat_ids(COORD) is None
    assert not await access.allowed(COORD, second, Right.ACT)


async def test_expired_and_revoked_links_do_not_work(
    service: CoordinatorsService, access: AccessService, clock: ManualClock
) -> None:
    late = await service.invite(ADMIN, ULYTAU)
    revoked = await service.invite(ADMIN, ASTANA)
    view, changed = await service.revoke(ADMIN, revoked.token)
    assert changed and view is not None and view.status(clock.now()) is InviteStatus.REVOKED
    assert (await service.revoke(ADMIN, revoked.token))[1] is False
    assert [i.token for i in (await service.overview(ADMIN)).invites] == [late.token]
    assert (await service.accept(COORD, revoked.token)).outcome is AcceptOutcome.REVOKED

    clock.set(NOW + INVITE_TTL + timedelta(seconds=1))
    assert (await service.accept(COORD, late.token)).outcome is AcceptOutcome.EXPIRED
    assert (await service.accept(COORD, "no-such-token-at-all")).outcome is AcceptOutcome.UNKNOWN
    assert not await access.is_staff(COORD)


async def test_removed_coordinator_reads_nothing(
    service: CoordinatorsService, access: AccessService, session_factory: Sessions
) -> None:
    inside = await an_akimat(session_factory, KARAAGASH)
    invite = await service.invite(ADMIN, ULYTAU)
    await service.accept(COORD, invite.token, "Coord")
    [coordinator] = (await service.overview(ADMIN)).coordinators
    assert coordinator.user_id == COORD and coordinator.territory.code == ULYTAU
    assert await service.remove(ADMIN, COORD, ULYTAU)
    assert not await service.remove(ADMIN, COORD, ULYTAU)
    assert not await access.can_read(COORD, inside)
    assert not await access.is_staff(COORD)
    # The admin was told who took the link; the coordinator, that the territory is gone.
    async with session_factory() as session:
        rows = await session.execute(
            select(OutboxMessage.chat_id, OutboxMessage.key).order_by(OutboxMessage.id)
        )
        told = [
            (chat_id, key.rsplit(":", 1)[0] if "removed" in key else key) for chat_id, key in rows
        ]
    assert [chat_id for chat_id, _ in told] == [ADMIN, COORD]
    assert told[0][1].startswith(f"coordinator-accepted:{invite.token}")
    assert told[1][1].startswith(f"coordinator-removed:{ULYTAU}:{COORD}:")


async def test_officials_read_down_the_tree_as_before(
    access: AccessService, service: CoordinatorsService, session_factory: Sessions
) -> None:
    district = await an_official(session_factory, OFFICIAL, akimat=ZHANAARKA)
    okrug = await an_akimat(session_factory, KARAAGASH)
    capital = await an_akimat(session_factory, ASTANA)
    assert [a.id for a in await access.readable_akimats(OFFICIAL)] == [district, okrug]
    assert await access.can_read(OFFICIAL, okrug) and not await access.can_read(OFFICIAL, capital)
    assert await access.allowed(OFFICIAL, district, Right.ACT)
    # The lists show the official's own akimats, as they did before coordinators.
    assert await access.listed_akimat_ids(OFFICIAL) == [district]
    assert await access.read_territories(OFFICIAL) == [("623600000", "623699999")]


async def test_the_quarterly_digest_goes_to_each_coordinator_with_their_territory(
    service: CoordinatorsService, session_factory: Sessions
) -> None:
    inside = await an_akimat(session_factory, KARAAGASH)
    district = await an_akimat(session_factory, ZHANAARKA)
    capital = await an_akimat(session_factory, ASTANA)
    assert await service.digest_recipients() == []
    oblast = await service.invite(ADMIN, ULYTAU)
    republic = await service.invite(ADMIN, None)
    await service.accept(COORD, oblast.token)
    await service.accept(OTHER, republic.token)

    # The oblast's own akimat came with its coordinator's appointment (the republic has none).
    async with session_factory() as session:
        head = await session.scalar(select(Akimat.id).where(Akimat.locality_code == ULYTAU))
    assert head is not None
    recipients = {r.chat_id: r for r in await service.digest_recipients()}
    assert recipients.keys() == {COORD, OTHER}
    assert (recipients[COORD].locale, sorted(recipients[COORD].scope)) == (
        "kk",
        sorted([head, inside, district]),
    )
    assert (recipients[OTHER].locale, sorted(recipients[OTHER].scope)) == (
        "ru",
        sorted([head, inside, district, capital]),
    )
