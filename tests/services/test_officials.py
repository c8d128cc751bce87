"""OfficialsService and the rights of officials, on SQLite and PostgreSQL: the invitation's
life (one use, 72 hours, revoking), a race for one link, removing, reading down the KATO tree,
and the audit log of every act and every denied attempt."""

import asyncio
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notices import notice_renderers
from locales import Translator
from services.access import AccessDeniedError, AccessService, Right
from services.audit import AuditAction, AuditDetail
from services.clock import ManualClock
from services.localities import LocalityService
from services.officials import (
    INVITE_TTL,
    AcceptOutcome,
    InviteStatus,
    OfficialsError,
    OfficialsErrorReason,
    OfficialsService,
    invite_link,
    parse_invite_payload,
)
from services.outbox import Outbox
from services.users import UserService
from storage.models import (
    Akimat,
    AuditEntry,
    Invite,
    NoticeKind,
    Official,
    OutboxMessage,
    OutboxPayload,
    User,
)

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
ADMIN = 900001
ALICE, BOB, CAROL = 3001, 3002, 3003

ZHANAARKA = "623600000"  # Жаңаарқа ауданы (district)
KARAAGASH = "623661000"  # Қараағаш а.о., a rural okrug of it
ULYTAU_OKRUG = "623830000"  # Ұлытау а.о, an okrug of another district
WINTERING = "623661102"  # Жосалы қыстауы: no akim


@pytest.fixture
async def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def access(session_factory: Sessions, clock: ManualClock) -> AccessService:
    return AccessService(session_factory, clock, frozenset({ADMIN}))


@pytest.fixture
async def service(
    session_factory: Sessions, clock: ManualClock, access: AccessService
) -> OfficialsService:
    await LocalityService(session_factory).load_sample()
    async with session_factory() as session:
        # The people: Alice writes Russian, the others Kazakh; the admin never wrote to the bot.
        session.add_all(
            [
                User(id=ALICE, locale="ru", consent_at=NOW),
                User(id=BOB, locale="kk", consent_at=NOW),
                User(id=CAROL, locale="kk", consent_at=NOW),
            ]
        )
        await session.commit()
    outbox = Outbox(clock, Translator(), TZ, notice_renderers())
    return OfficialsService(session_factory, clock, access, outbox, "kk")


async def audit_rows(sessions: Sessions) -> list[AuditEntry]:
    async with sessions() as session:
        return list(await session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


async def notices(sessions: Sessions) -> list[tuple[int, str, str, str]]:
    """(chat, kind, locale, text) of every enqueued notice."""
    async with sessions() as session:
        rows = await session.execute(
            select(OutboxMessage.chat_id, OutboxMessage.kind, OutboxMessage.locale, OutboxPayload)
            .join(OutboxPayload, OutboxPayload.id == OutboxMessage.payload_id)
            .order_by(OutboxMessage.id)
        )
        return [
            (chat_id, kind, locale, payload.body) for chat_id, kind, locale, payload in rows.all()
        ]


async def officials_of(sessions: Sessions, akimat_id: int) -> list[int]:
    async with sessions() as session:
        return list(
            await session.scalars(
                select(Official.user_id)
                .where(Official.akimat_id == akimat_id)
                .order_by(Official.user_id)
            )
        )


def test_payload_parsing_and_link() -> None:
    assert parse_invite_payload("inv_abc-DEF_123") == "abc-DEF_123"
    assert parse_invite_payload("inv_") == ""
    assert parse_invite_payload("m12") is None
    assert parse_invite_payload(None) is None
    assert invite_link("kezdesu_bot", "tok") == "https://t.me/kezdesu_bot?start=inv_tok"


async def test_invite_is_single_use_and_notifies_the_admin(
    service: OfficialsService, session_factory: Sessions, access: AccessService
) -> None:
    akimat, invite = await service.invite_to_locality(ADMIN, KARAAGASH)
    assert akimat.locality_code == KARAAGASH
    assert akimat.name_kk == "Қараағаш а.о." and akimat.parent_kk == "Жаңаарқа ауданы"
    # The start parameter: at most 64 characters of [A-Za-z0-9_-].
    payload = f"inv_{invite.token}"
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", payload)
    assert invite.expires_at == NOW + INVITE_TTL == NOW + timedelta(hours=72)
    assert invite.status(NOW) is InviteStatus.PENDING

    result = await service.accept(ALICE, invite.token, "Алия <Әкім>")
    assert result.outcome is AcceptOutcome.ACCEPTED
    assert result.akimat == akimat
    assert await officials_of(session_factory, akimat.id) == [ALICE]
    assert await access.allowed(ALICE, akimat.id, Right.ACT)
    used = await service.peek(invite.token)
    assert used is not None and used.status(NOW) is InviteStatus.USED
    assert used.used_by == ALICE and used.used_at == NOW

    # Used once: nobody else, and not Alice again.
    assert (await service.accept(BOB, invite.token, "Bob")).outcome is AcceptOutcome.USED
    again = await service.accept(ALICE, invite.token, "Алия")
    assert again.outcome is AcceptOutcome.USED_BY_YOU
    assert await officials_of(session_factory, akimat.id) == [ALICE]

    # The admin who invited is told, in the default language (they never wrote to the bot),
    # with Alice's name escaped.
    [(chat, kind, locale, body)] = await notices(session_factory)
    assert (chat, kind, locale) == (ADMIN, NoticeKind.SERVICE, "kk")
    assert "Алия &lt;Әкім&gt;" in body and "Қараағаш а.о." in body and str(ALICE) in body

    # The two refused openings are denied attempts in the log, with the reason.
    actions = [
        (e.actor_id, e.action, e.allowed, e.detail) for e in await audit_rows(session_factory)
    ]
    assert actions == [
        (ADMIN, "invite.create", True, None),
        (ALICE, "invite.accept", True, None),
        (BOB, "invite.accept", False, AuditDetail(reason="used").dump()),
        (ALICE, "invite.accept", False, AuditDetail(reason="used-by-you").dump()),
    ]


async def test_invite_expires_after_72_hours(
    service: OfficialsService, clock: ManualClock, session_factory: Sessions
) -> None:
    akimat, invite = await service.invite_to_locality(ADMIN, KARAAGASH)
    clock.advance(INVITE_TTL - timedelta(seconds=1))
    peeked = await service.peek(invite.token)
    assert peeked is not None and peeked.status(clock.now()) is InviteStatus.PENDING
    [staff] = await service.overview(ADMIN)
    assert [i.token for i in staff.invites] == [invite.token]

    clock.advance(timedelta(seconds=1))
    peeked = await service.peek(invite.token)
    assert peeked is not None and peeked.status(clock.now()) is InviteStatus.EXPIRED
    result = await service.accept(ALICE, invite.token, "Alice")
    assert result.outcome is AcceptOutcome.EXPIRED and result.akimat == akimat
    assert await officials_of(session_factory, akimat.id) == []
    # An akimat with nothing but an expired link is no longer listed.
    assert await service.overview(ADMIN) == []


async def test_revoked_invite_is_refused(
    service: OfficialsService, session_factory: Sessions
) -> None:
    akimat, invite = await service.invite_to_locality(ADMIN, KARAAGASH)
    revoked, changed = await service.revoke(ADMIN, invite.token)
    assert changed and revoked is not None and revoked.status(NOW) is InviteStatus.REVOKED
    _, changed_again = await service.revoke(ADMIN, invite.token)
    assert not changed_again
    assert (await service.accept(ALICE, invite.token, "A")).outcome is AcceptOutcome.REVOKED
    assert await officials_of(session_factory, akimat.id) == []

    # A used link cannot be revoked after the fact; an unknown one is said to be unknown.
    _, second = await service.invite_to_locality(ADMIN, KARAAGASH)
    assert (await service.accept(BOB, second.token, "B")).outcome is AcceptOutcome.ACCEPTED
    after, changed = await service.revoke(ADMIN, second.token)
    assert not changed and after is not None and after.status(NOW) is InviteStatus.USED
    assert await service.revoke(ADMIN, "no-such-token-at-all") == (None, False)
    actions = [e.action for e in await audit_rows(session_factory)]
    assert actions.count("invite.revoke") == 1


@pytest.mark.parametrize("token", ["", "short", "x" * 41, "bad token!", "a" * 32])
async def test_malformed_and_unknown_tokens(service: OfficialsService, token: str) -> None:
    assert (await service.accept(ALICE, token, "A")).outcome is AcceptOutcome.UNKNOWN
    assert await service.peek(token) is None


async def test_two_people_opening_one_link_at_once(
    service: OfficialsService, session_factory: Sessions
) -> None:
    akimat, invite = await service.invite_to_locality(ADMIN, KARAAGASH)
    results = await asyncio.gather(
        service.accept(ALICE, invite.token, "A"),
        service.accept(BOB, invite.token, "B"),
        service.accept(CAROL, invite.token, "C"),
    )
    outcomes = sorted(result.outcome for result in results)
    assert outcomes == sorted([AcceptOutcome.ACCEPTED, AcceptOutcome.USED, AcceptOutcome.USED])
    [winner] = await officials_of(session_factory, akimat.id)
    used = await service.peek(invite.token)
    assert used is not None and used.used_by == winner
    assert len(await notices(session_factory)) == 1


async def test_admins_and_officials_leave_the_link_for_its_person(
    service: OfficialsService, session_factory: Sessions
) -> None:
    _, first = await service.invite_to_locality(ADMIN, KARAAGASH)
    _, second = await service.invite_to_locality(ADMIN, KARAAGASH)
    assert (await service.accept(ALICE, first.token, "A")).outcome is AcceptOutcome.ACCEPTED
    assert (
        await service.accept(ALICE, second.token, "A")
    ).outcome is AcceptOutcome.ALREADY_OFFICIAL
    assert (await service.accept(ADMIN, second.token, "Admin")).outcome is AcceptOutcome.ADMIN
    still = await service.peek(second.token)
    assert still is not None and still.status(NOW) is InviteStatus.PENDING
    assert (await service.accept(BOB, second.token, "B")).outcome is AcceptOutcome.ACCEPTED


async def test_only_units_with_an_akim_get_an_akimat(service: OfficialsService) -> None:
    with pytest.raises(OfficialsError) as no_akim:
        await service.invite_to_locality(ADMIN, WINTERING)
    assert no_akim.value.reason is OfficialsErrorReason.NO_AKIM
    with pytest.raises(OfficialsError) as unknown:
        await service.invite_to_locality(ADMIN, "999999999")
    assert unknown.value.reason is OfficialsErrorReason.UNKNOWN_LOCALITY
    with pytest.raises(OfficialsError) as no_akimat:
        await service.invite(ADMIN, 424242)
    assert no_akimat.value.reason is OfficialsErrorReason.UNKNOWN_AKIMAT
    # The same unit twice: one akimat.
    first, _ = await service.invite_to_locality(ADMIN, KARAAGASH)
    second, _ = await service.invite_to_locality(ADMIN, KARAAGASH)
    assert first.id == second.id


async def test_only_admins_appoint_and_remove(
    service: OfficialsService, session_factory: Sessions
) -> None:
    akimat, invite = await service.invite_to_locality(ADMIN, KARAAGASH)
    await service.accept(ALICE, invite.token, "A")
    # Even an official of that very akimat cannot invite, revoke, remove or list.
    with pytest.raises(AccessDeniedError):
        await service.invite(ALICE, akimat.id)
    with pytest.raises(AccessDeniedError):
        await service.invite_to_locality(ALICE, KARAAGASH)
    with pytest.raises(AccessDeniedError):
        await service.revoke(ALICE, invite.token)
    with pytest.raises(AccessDeniedError):
        await service.remove(ALICE, akimat.id, ALICE)
    with pytest.raises(AccessDeniedError):
        await service.overview(ALICE)
    with pytest.raises(AccessDeniedError):
        await service.audit_page(ALICE, 0)
    assert await officials_of(session_factory, akimat.id) == [ALICE]
    denied = [(e.actor_id, e.action) for e in await audit_rows(session_factory) if not e.allowed]
    assert denied == [
        (ALICE, "invite.create"),
        (ALICE, "invite.create"),
        (ALICE, "invite.revoke"),
        (ALICE, "official.remove"),
        (ALICE, "officials.list"),
        (ALICE, "audit.read"),
    ]


async def test_the_user_arrives_with_their_role(
    service: OfficialsService, session_factory: Sessions, clock: ManualClock
) -> None:
    # What the staff filters read for every update (bot/middlewares/user.py).
    users = UserService(session_factory, clock, "kk")
    newcomer = 3099
    first = await users.arrive(newcomer, "ru")
    assert (first.is_new, first.is_official, first.user.locale) == (True, False, "ru")
    akimat, invite = await service.invite_to_locality(ADMIN, KARAAGASH)
    await service.accept(newcomer, invite.token, "A")
    again = await users.arrive(newcomer, "kk")
    assert (again.is_new, again.is_official, again.user.locale) == (False, True, "ru")
    assert await service.remove(ADMIN, akimat.id, newcomer)
    assert not (await users.arrive(newcomer, "kk")).is_official


async def test_removed_official_loses_access_and_is_told(
    service: OfficialsService, session_factory: Sessions, access: AccessService
) -> None:
    akimat, invite = await service.invite_to_locality(ADMIN, KARAAGASH)
    await service.accept(ALICE, invite.token, "A")
    assert await access.is_staff(ALICE)

    assert await service.remove(ADMIN, akimat.id, ALICE)
    assert not await access.allowed(ALICE, akimat.id, Right.READ)
    assert not await access.is_staff(ALICE)
    with pytest.raises(AccessDeniedError):
        await access.require(ALICE, akimat.id, Right.ACT, action=AuditAction.MEETING_CREATE)
    # Removing again changes nothing and tells nobody twice.
    assert not await service.remove(ADMIN, akimat.id, ALICE)

    told = [(chat, locale, body) for chat, _, locale, body in await notices(session_factory)]
    assert [(chat, locale) for chat, locale, _ in told] == [(ADMIN, "kk"), (ALICE, "ru")]
    assert "Караагашский с.о." in told[1][2]
    rows = [(e.actor_id, e.action, e.allowed) for e in await audit_rows(session_factory)]
    assert rows[-2:] == [(ADMIN, "official.remove", True), (ALICE, "meeting.create", False)]


async def test_a_higher_akimat_reads_below_but_acts_only_for_its_own(
    service: OfficialsService, session_factory: Sessions, access: AccessService
) -> None:
    district, to_district = await service.invite_to_locality(ADMIN, ZHANAARKA)
    okrug, to_okrug = await service.invite_to_locality(ADMIN, KARAAGASH)
    other, to_other = await service.invite_to_locality(ADMIN, ULYTAU_OKRUG)
    await service.accept(ALICE, to_district.token, "A")
    await service.accept(BOB, to_okrug.token, "B")
    await service.accept(CAROL, to_other.token, "C")

    # The district official reads the okrug inside the district...
    staff = await service.staff_of(ALICE, okrug.id)
    assert [o.user_id for o in staff.officials] == [BOB]
    assert await access.allowed(ALICE, okrug.id, Right.READ)
    # ...but does not act for it, and reads nothing of another district.
    assert not await access.allowed(ALICE, okrug.id, Right.ACT)
    with pytest.raises(AccessDeniedError):
        await service.staff_of(ALICE, other.id)
    # The okrug official reads neither the district above nor the neighbour.
    with pytest.raises(AccessDeniedError):
        await service.staff_of(BOB, district.id)
    with pytest.raises(AccessDeniedError):
        await service.staff_of(BOB, other.id)

    own, below = await service.readable_akimats(ALICE)
    assert [a.id for a in own] == [district.id] and [a.id for a in below] == [okrug.id]
    own, below = await service.readable_akimats(BOB)
    assert [a.id for a in own] == [okrug.id] and below == []
    assert await service.readable_akimats(ADMIN) == ([], [])

    denied = [
        (e.actor_id, e.akimat_id) for e in await audit_rows(session_factory) if not e.allowed
    ]
    assert denied == [(ALICE, other.id), (BOB, district.id), (BOB, other.id)]


async def test_overview_summary_and_audit_pages(
    service: OfficialsService, session_factory: Sessions, clock: ManualClock
) -> None:
    district, to_district = await service.invite_to_locality(ADMIN, ZHANAARKA)
    okrug, _ = await service.invite_to_locality(ADMIN, KARAAGASH)
    await service.accept(ALICE, to_district.token, "A")
    with pytest.raises(AccessDeniedError):
        await service.overview(ALICE)

    overview = await service.overview(ADMIN)
    assert [(s.akimat.id, len(s.officials), len(s.invites)) for s in overview] == [
        (district.id, 1, 0),
        (okrug.id, 0, 1),
    ]
    summary = await service.summary(ADMIN)
    assert (summary.akimats, summary.officials, summary.open_invites) == (1, 1, 1)
    assert summary.denied_recently == 1

    # 4 entries so far (2 creations, 1 acceptance, 1 denial); newest first, 3 a page.
    first = await service.audit_page(ADMIN, 0, page_size=3)
    assert first.total == 4 and first.pages == 2
    assert [e.action for e in first.items] == ["officials.list", "invite.accept", "invite.create"]
    assert first.items[0].allowed is False and first.items[0].actor_id == ALICE
    assert first.items[1].akimat is not None and first.items[1].akimat.id == district.id
    last = await service.audit_page(ADMIN, 1, page_size=3)
    assert [e.action for e in last.items] == ["invite.create"]
    # A page past the end (a stale button) shows the last page.
    assert (await service.audit_page(ADMIN, 9, page_size=3)).items == last.items

    # A week later the denial is no longer "recent".
    clock.advance(timedelta(days=8))
    assert (await service.summary(ADMIN)).denied_recently == 0


async def test_akimat_rows_are_shared_with_meetings(
    service: OfficialsService, session_factory: Sessions
) -> None:
    async with session_factory() as session:
        session.add(Akimat(locality_code=KARAAGASH))
        await session.commit()
        existing = await session.scalar(select(Akimat.id))
    akimat, _ = await service.invite_to_locality(ADMIN, KARAAGASH)
    assert akimat.id == existing
    async with session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(Akimat)) == 1
        assert await session.scalar(select(func.count()).select_from(Invite)) == 1
