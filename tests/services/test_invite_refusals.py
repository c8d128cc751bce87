"""Invitation links that do not make their opener an official, on SQLite and PostgreSQL: each
refusal (revoked, expired, unknown, forged, an admin's, an official's own akimat again) is a
denied attempt in the audit log, with the invitation's akimat and the reason; the link itself
is left as it was."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notices import notice_renderers
from locales import Translator
from services.access import AccessService
from services.audit import AuditDetail
from services.clock import ManualClock
from services.localities import LocalityService
from services.officials import INVITE_TTL, AcceptOutcome, InviteStatus, OfficialsService
from services.outbox import Outbox
from storage.models import AuditEntry, User

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
ADMIN = 900001
ALICE, BOB = 3201, 3202
KARAAGASH = "623661000"


async def test_every_refused_invitation_is_audited(session_factory: Sessions) -> None:
    clock = ManualClock(NOW)
    await LocalityService(session_factory).load_sample()
    async with session_factory() as session:
        session.add_all([User(id=uid, locale="kk", consent_at=NOW) for uid in (ALICE, BOB)])
        await session.commit()
    access = AccessService(session_factory, clock, frozenset({ADMIN}))
    outbox = Outbox(clock, Translator(), TZ, notice_renderers())
    service = OfficialsService(session_factory, clock, access, outbox, "kk")

    akimat, taken = await service.invite_to_locality(ADMIN, KARAAGASH)
    _, revoked = await service.invite_to_locality(ADMIN, KARAAGASH)
    _, spare = await service.invite_to_locality(ADMIN, KARAAGASH)
    await service.revoke(ADMIN, revoked.token)
    assert (await service.accept(ALICE, taken.token, "A")).outcome is AcceptOutcome.ACCEPTED

    tries = [
        (BOB, revoked.token, AcceptOutcome.REVOKED),
        (BOB, "Z" * 32, AcceptOutcome.UNKNOWN),
        (BOB, "../../etc/passwd", AcceptOutcome.UNKNOWN),
        (ADMIN, spare.token, AcceptOutcome.ADMIN),
        (ALICE, spare.token, AcceptOutcome.ALREADY_OFFICIAL),
    ]
    for user_id, token, outcome in tries:
        assert (await service.accept(user_id, token, "X")).outcome is outcome
    clock.advance(INVITE_TTL)
    assert (await service.accept(BOB, spare.token, "B")).outcome is AcceptOutcome.EXPIRED
    # Refusals use nothing up: the spare link lapsed unused.
    peeked = await service.peek(spare.token)
    assert peeked is not None and peeked.status(clock.now()) is InviteStatus.EXPIRED

    async with session_factory() as session:
        denied = [
            (e.actor_id, e.action, e.akimat_id, e.target, reason_of(e.detail), e.at)
            for e in await session.scalars(
                select(AuditEntry).where(AuditEntry.allowed.is_(False)).order_by(AuditEntry.id)
            )
        ]
    later = NOW + INVITE_TTL
    assert denied == [
        (BOB, "invite.accept", akimat.id, f"invite:{revoked.token[:8]}", "revoked", NOW),
        (BOB, "invite.accept", None, "invite:ZZZZZZZZ", "unknown", NOW),
        (BOB, "invite.accept", None, "invite:??????et", "unknown", NOW),
        (ADMIN, "invite.accept", akimat.id, f"invite:{spare.token[:8]}", "admin", NOW),
        (
            ALICE,
            "invite.accept",
            akimat.id,
            f"invite:{spare.token[:8]}",
            "already-official",
            NOW,
        ),
        (BOB, "invite.accept", akimat.id, f"invite:{spare.token[:8]}", "expired", later),
    ]


def reason_of(detail: str | None) -> str | None:
    """The refusal's reason as the audit log keeps it (AuditDetail's ``reason``)."""
    loaded = AuditDetail.load(detail)
    return None if loaded is None else loaded.reason
