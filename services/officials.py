"""Officials of akimats: one-time invitations, appointing by deep link, removing, and the audit
log as admins read it.

An admin invites an official to an akimat with a link `t.me/<bot>?start=inv_<token>`. The link
works once, for 72 hours, and can be revoked until it is used. Opening it makes the person an
official of that akimat: they act for it and read the akimats inside its territory (see
services/access.py). Removing an official takes effect at their next step, since every handler
asks the database again.

Appointing and removing are the admins' (ADMIN_IDS); each method that changes something checks
that itself, so no handler can forget it, and writes the audit log in the same transaction as
the change. Notices (to the admin whose link was used, to the official who was removed) go
through the outbox in that transaction too.
"""

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.access import AccessService, Right
from services.audit import AuditAction, AuditDetail
from services.clock import Clock
from services.kato.names import name_for_locale
from services.meetings import kato_subtree
from services.notices import OfficialAppointed, OfficialRemoved
from services.outbox import Outbox, Recipient
from services.paging import Page
from storage.models import Akimat, Invite
from storage.repositories import audit as audit_rows
from storage.repositories import officials as official_rows
from storage.repositories import users as user_rows
from storage.repositories.localities import LocalityRepository
from storage.unit_of_work import SessionSource

INVITE_TTL = timedelta(hours=72)
# 24 random bytes are 32 URL-safe characters ([A-Za-z0-9_-]); with the prefix that is 36 of the
# 64 characters Telegram allows in a start parameter.
TOKEN_BYTES = 24
INVITE_PREFIX = "inv_"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,40}$")

AUDIT_PAGE_SIZE = 10
DENIED_WINDOW = timedelta(days=7)


def parse_invite_payload(payload: str | None) -> str | None:
    """`inv_<token>` → the token, however mangled (a link cut short is an unknown invitation,
    not a broken start); anything else → None (not an invitation link at all)."""
    if not payload or not payload.startswith(INVITE_PREFIX):
        return None
    return payload[len(INVITE_PREFIX) :]


def invite_link(bot_username: str, token: str) -> str:
    return f"https://t.me/{bot_username}?start={INVITE_PREFIX}{token}"


class InviteStatus(StrEnum):
    PENDING = "pending"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"


class AcceptOutcome(StrEnum):
    ACCEPTED = "accepted"
    # The two below leave the link unused: it is still meant for someone.
    ALREADY_OFFICIAL = "already-official"
    ADMIN = "admin"
    USED = "used"
    USED_BY_YOU = "used-by-you"
    EXPIRED = "expired"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


class OfficialsErrorReason(StrEnum):
    UNKNOWN_LOCALITY = "unknown-locality"
    NO_AKIM = "no-akim"
    UNKNOWN_AKIMAT = "unknown-akimat"


class OfficialsError(Exception):
    def __init__(self, reason: OfficialsErrorReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class AkimatView:
    id: int
    locality_code: str
    name_kk: str
    name_ru: str
    akim_level: str | None
    # The unit the akimat's locality belongs to: two "Қоскөл а.о." differ by their district.
    parent_kk: str | None
    parent_ru: str | None

    @classmethod
    def of(cls, row: Sequence[Any]) -> "AkimatView":
        """From an AkimatRow of storage/repositories/officials.py (the parent's names are None
        at the top)."""
        return cls(*row)

    def name(self, lang: str) -> str:
        return name_for_locale(self.name_kk, self.name_ru, lang)

    def parent(self, lang: str) -> str | None:
        return name_for_locale(self.parent_kk, self.parent_ru, lang)


@dataclass(frozen=True, slots=True)
class OfficialView:
    user_id: int
    akimat_id: int
    invited_by: int | None
    since: datetime


@dataclass(frozen=True, slots=True)
class InviteView:
    token: str
    akimat_id: int
    created_by: int
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    used_by: int | None
    revoked_at: datetime | None

    def status(self, now: datetime) -> InviteStatus:
        if self.used_at is not None:
            return InviteStatus.USED
        if self.revoked_at is not None:
            return InviteStatus.REVOKED
        if self.expires_at <= now:
            return InviteStatus.EXPIRED
        return InviteStatus.PENDING

    @classmethod
    def of(cls, invite: Invite) -> "InviteView":
        return cls(
            token=invite.token,
            akimat_id=invite.akimat_id,
            created_by=invite.created_by,
            created_at=invite.created_at,
            expires_at=invite.expires_at,
            used_at=invite.used_at,
            used_by=invite.used_by,
            revoked_at=invite.revoked_at,
        )


@dataclass(frozen=True, slots=True)
class AkimatStaff:
    akimat: AkimatView
    officials: tuple[OfficialView, ...]
    # Only the invitations that can still be used.
    invites: tuple[InviteView, ...]


@dataclass(frozen=True, slots=True)
class AcceptResult:
    outcome: AcceptOutcome
    akimat: AkimatView | None = None
    invite: InviteView | None = None


@dataclass(frozen=True, slots=True)
class StaffSummary:
    """The admins' overview in /office."""

    akimats: int  # with at least one official
    officials: int  # people, each counted once
    open_invites: int
    denied_recently: int  # denied attempts within DENIED_WINDOW


@dataclass(frozen=True, slots=True)
class AuditView:
    id: int
    at: datetime
    actor_id: int
    action: str
    akimat: AkimatView | None
    akimat_id: int | None
    target: str | None
    allowed: bool
    detail: AuditDetail | None


class OfficialsService:
    def __init__(
        self,
        session_factory: SessionSource,
        clock: Clock,
        access: AccessService,
        outbox: Outbox,
        default_locale: str,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._access = access
        self._outbox = outbox
        self._default_locale = default_locale

    # --- akimats ------------------------------------------------------------------------------

    async def akimat(self, akimat_id: int) -> AkimatView | None:
        async with self._sessions() as session:
            return await self._akimat(session, akimat_id)

    async def _akimat(self, session: AsyncSession, akimat_id: int) -> AkimatView | None:
        row = await official_rows.akimat_row(session, akimat_id)
        return AkimatView.of(row) if row else None

    async def _akimat_for_locality(self, session: AsyncSession, code: str) -> Akimat:
        """The akimat of a unit with an akim, created on first need (as MeetingService does)."""
        locality = await LocalityRepository(session).get(code)
        if locality is None:
            raise OfficialsError(OfficialsErrorReason.UNKNOWN_LOCALITY)
        if locality.akim_level is None:
            raise OfficialsError(OfficialsErrorReason.NO_AKIM)
        akimat = await official_rows.akimat_by_locality(session, code)
        if akimat is None:
            akimat = await official_rows.add_akimat(session, code)
        return akimat

    # --- invitations --------------------------------------------------------------------------

    async def invite(self, actor_id: int, akimat_id: int) -> InviteView:
        """A new one-time link to the akimat ``akimat_id``. Admins only."""
        await self._access.require_admin(
            actor_id,
            action=AuditAction.INVITE_CREATE,
            akimat_id=akimat_id,
            target=f"akimat:{akimat_id}",
        )
        async with self._sessions() as session:
            if await official_rows.get_akimat(session, akimat_id) is None:
                raise OfficialsError(OfficialsErrorReason.UNKNOWN_AKIMAT)
            view = await self._new_invite(session, actor_id, akimat_id)
            await session.commit()
        return view

    async def invite_to_locality(self, actor_id: int, code: str) -> tuple[AkimatView, InviteView]:
        """A new one-time link to the akimat of locality ``code`` (the akimat is created if the
        unit has an akim but no akimat row yet). Admins only."""
        await self._access.require_admin(
            actor_id, action=AuditAction.INVITE_CREATE, target=f"kato:{code}"
        )
        async with self._sessions() as session:
            akimat = await self._akimat_for_locality(session, code)
            view = await self._new_invite(session, actor_id, akimat.id)
            akimat_view = await self._akimat(session, akimat.id)
            await session.commit()
        assert akimat_view is not None
        return akimat_view, view

    async def _new_invite(
        self, session: AsyncSession, actor_id: int, akimat_id: int
    ) -> InviteView:
        now = self._clock.now()
        invite = official_rows.add_invite(
            session,
            token=secrets.token_urlsafe(TOKEN_BYTES),
            akimat_id=akimat_id,
            created_by=actor_id,
            created_at=now,
            expires_at=now + INVITE_TTL,
        )
        await self._access.audit(
            actor_id,
            AuditAction.INVITE_CREATE,
            akimat_id=akimat_id,
            target=_invite_target(invite.token),
            session=session,
        )
        await session.flush()
        return InviteView.of(invite)

    async def peek(self, token: str) -> InviteView | None:
        """The invitation as it stands, without using it. Whoever holds the token may ask."""
        if not _TOKEN.match(token):
            return None
        async with self._sessions() as session:
            invite = await official_rows.get_invite(session, token)
            return InviteView.of(invite) if invite else None

    async def accept(self, user_id: int, token: str, display_name: str) -> AcceptResult:
        """Make ``user_id`` an official of the invitation's akimat, if the link is still good.

        The link is taken by one conditional UPDATE: of two people opening it at once exactly
        one wins, on SQLite and PostgreSQL alike. ``display_name`` (the Telegram name) only goes
        into the notice to the admin who invited; it is not stored. A link that does not make
        them an official (used, revoked, expired, unknown) is a denied attempt in the audit log.
        """
        result = await self._take(user_id, token, display_name)
        if result.outcome is not AcceptOutcome.ACCEPTED:
            await self.record_refused(user_id, token, result.outcome, result.invite)
        return result

    async def record_refused(
        self,
        user_id: int,
        token: str,
        outcome: AcceptOutcome,
        invite: InviteView | None = None,
    ) -> None:
        """Write to the audit log that ``user_id`` opened an invitation link that did not make
        them an official, and why (``outcome``: used, revoked, expired, unknown or forged...).
        :meth:`accept` does it itself; the start screen calls it for a link refused before
        the person consented (handlers/official/officials.py)."""
        await self._access.audit(
            user_id,
            AuditAction.INVITE_ACCEPT,
            akimat_id=invite.akimat_id if invite else None,
            target=_invite_target(token),
            allowed=False,
            detail=AuditDetail(reason=outcome.value),
        )

    async def _take(self, user_id: int, token: str, display_name: str) -> AcceptResult:
        if not _TOKEN.match(token):
            return AcceptResult(AcceptOutcome.UNKNOWN)
        now = self._clock.now()
        async with self._sessions() as session:
            invite = await official_rows.get_invite(session, token)
            if invite is None:
                return AcceptResult(AcceptOutcome.UNKNOWN)
            view = InviteView.of(invite)
            akimat = await self._akimat(session, view.akimat_id)
            refused = refusal(view, user_id, now)
            if refused is not None:
                return AcceptResult(refused, akimat, view)
            if self._access.is_admin(user_id):
                return AcceptResult(AcceptOutcome.ADMIN, akimat, view)
            if await official_rows.is_official_of(session, user_id, view.akimat_id):
                return AcceptResult(AcceptOutcome.ALREADY_OFFICIAL, akimat, view)
            if not await official_rows.take_invite(session, token, user_id, now):
                # Someone else took it (or it was revoked) between our read and our write.
                await session.rollback()
                return await self._refused_after_race(token, user_id, now, akimat)
            official_rows.add_official(
                session,
                user_id=user_id,
                akimat_id=view.akimat_id,
                invited_by=view.created_by,
                created_at=now,
            )
            await self._access.audit(
                user_id,
                AuditAction.INVITE_ACCEPT,
                akimat_id=view.akimat_id,
                target=_invite_target(token),
                session=session,
            )
            if akimat is not None:
                await self._notify_accepted(session, view, akimat, user_id, display_name)
            try:
                await session.commit()
            except IntegrityError:
                # The same person took two links to the same akimat at the same moment.
                await session.rollback()
                return AcceptResult(AcceptOutcome.ALREADY_OFFICIAL, akimat, view)
        return AcceptResult(
            AcceptOutcome.ACCEPTED, akimat, replace(view, used_at=now, used_by=user_id)
        )

    async def _refused_after_race(
        self, token: str, user_id: int, now: datetime, akimat: AkimatView | None
    ) -> AcceptResult:
        async with self._sessions() as session:
            invite = await official_rows.get_invite(session, token)
        if invite is None:
            return AcceptResult(AcceptOutcome.UNKNOWN)
        view = InviteView.of(invite)
        return AcceptResult(refusal(view, user_id, now) or AcceptOutcome.USED, akimat, view)

    async def _notify_accepted(
        self,
        session: AsyncSession,
        invite: InviteView,
        akimat: AkimatView,
        user_id: int,
        display_name: str,
    ) -> None:
        await self._outbox.notify(
            session,
            OfficialAppointed(akimat, user_id, display_name, invite.token),
            await self._recipients(session, [invite.created_by]),
        )

    async def revoke(self, actor_id: int, token: str) -> tuple[InviteView | None, bool]:
        """Revoke an invitation that has not been used. Returns the invitation (None if there is
        no such token) and whether this call revoked it. Admins only."""
        async with self._sessions() as session:
            invite = await official_rows.get_invite(session, token)
            akimat_id = invite.akimat_id if invite else None
            await self._access.require_admin(
                actor_id,
                action=AuditAction.INVITE_REVOKE,
                akimat_id=akimat_id,
                target=_invite_target(token),
            )
            if invite is None:
                return None, False
            changed = await official_rows.revoke_invite(session, token, self._clock.now())
            if changed:
                await self._access.audit(
                    actor_id,
                    AuditAction.INVITE_REVOKE,
                    akimat_id=akimat_id,
                    target=_invite_target(token),
                    session=session,
                )
                await session.commit()
            invite = await official_rows.reload_invite(session, invite)
            return InviteView.of(invite), changed

    # --- officials ----------------------------------------------------------------------------

    async def remove(self, actor_id: int, akimat_id: int, user_id: int) -> bool:
        """Take the akimat away from an official; they are told. Returns whether they were one.
        Admins only."""
        await self._access.require_admin(
            actor_id,
            action=AuditAction.OFFICIAL_REMOVE,
            akimat_id=akimat_id,
            target=f"user:{user_id}",
        )
        now = self._clock.now()
        async with self._sessions() as session:
            if not await official_rows.remove_official(session, akimat_id, user_id):
                await session.rollback()
                return False
            await self._access.audit(
                actor_id,
                AuditAction.OFFICIAL_REMOVE,
                akimat_id=akimat_id,
                target=f"user:{user_id}",
                session=session,
            )
            akimat = await self._akimat(session, akimat_id)
            if akimat is not None:
                await self._outbox.notify(
                    session,
                    OfficialRemoved(akimat, user_id, now),
                    await self._recipients(session, [user_id]),
                )
            await session.commit()
        return True

    async def is_official(self, user_id: int) -> bool:
        async with self._sessions() as session:
            return await official_rows.is_official(session, user_id)

    # --- reading ------------------------------------------------------------------------------

    async def overview(self, actor_id: int) -> list[AkimatStaff]:
        """Every akimat with officials or invitations still open, by KATO code. Admins only."""
        await self._access.require_admin(actor_id, action=AuditAction.OFFICIALS_LIST)
        now = self._clock.now()
        async with self._sessions() as session:
            rows = await official_rows.staffed_or_invited(session, now)
            return await self._staff(session, [AkimatView.of(row) for row in rows], now)

    async def staff_of(self, actor_id: int, akimat_id: int) -> AkimatStaff:
        """The officials and open invitations of one akimat, for whoever may read it: admins,
        its officials, and officials of an akimat containing it."""
        await self._access.require(
            actor_id,
            akimat_id,
            Right.READ,
            action=AuditAction.OFFICIALS_READ,
            target=f"akimat:{akimat_id}",
        )
        now = self._clock.now()
        async with self._sessions() as session:
            akimat = await self._akimat(session, akimat_id)
            if akimat is None:
                raise OfficialsError(OfficialsErrorReason.UNKNOWN_AKIMAT)
            [staff] = await self._staff(session, [akimat], now)
        return staff

    async def readable_akimats(self, user_id: int) -> tuple[list[AkimatView], list[AkimatView]]:
        """For an official: the akimats they act for, and the other akimats inside their
        territories that have officials (which they may read), both by KATO code."""
        async with self._sessions() as session:
            own = [AkimatView.of(row) for row in await official_rows.own_akimats(session, user_id)]
            if not own:
                return [], []
            territories = [kato_subtree(akimat.locality_code) for akimat in own]
            below = [
                AkimatView.of(row)
                for row in await official_rows.staffed_within(
                    session, territories, [akimat.id for akimat in own]
                )
            ]
        return own, below

    async def _staff(
        self, session: AsyncSession, akimats: Sequence[AkimatView], now: datetime
    ) -> list[AkimatStaff]:
        ids = [akimat.id for akimat in akimats]
        if not ids:
            return []
        officials: dict[int, list[OfficialView]] = {akimat_id: [] for akimat_id in ids}
        for official in await official_rows.officials_of(session, ids):
            officials[official.akimat_id].append(
                OfficialView(
                    official.user_id, official.akimat_id, official.invited_by, official.created_at
                )
            )
        invites: dict[int, list[InviteView]] = {akimat_id: [] for akimat_id in ids}
        for invite in await official_rows.open_invites_of(session, ids, now):
            invites[invite.akimat_id].append(InviteView.of(invite))
        return [
            AkimatStaff(akimat, tuple(officials[akimat.id]), tuple(invites[akimat.id]))
            for akimat in akimats
        ]

    async def audit_page(
        self, actor_id: int, page: int, page_size: int = AUDIT_PAGE_SIZE
    ) -> Page[AuditView]:
        """The audit log, newest first. Admins only (reading it is not itself logged unless
        denied)."""
        await self._access.require_admin(actor_id, action=AuditAction.AUDIT_READ)
        page, page_size = max(page, 0), max(page_size, 1)
        async with self._sessions() as session:
            total = await audit_rows.count(session)
            last = max(0, -(-total // page_size) - 1)
            page = min(page, last)
            entries = await audit_rows.newest_first(session, page * page_size, page_size)
            akimat_ids = {entry.akimat_id for entry in entries if entry.akimat_id is not None}
            akimats = {
                row.id: AkimatView.of(row)
                for row in await official_rows.akimat_rows(session, akimat_ids)
            }
        items = [
            AuditView(
                id=entry.id,
                at=entry.at,
                actor_id=entry.actor_id,
                action=entry.action,
                akimat=akimats.get(entry.akimat_id) if entry.akimat_id is not None else None,
                akimat_id=entry.akimat_id,
                target=entry.target,
                allowed=entry.allowed,
                detail=AuditDetail.load(entry.detail),
            )
            for entry in entries
        ]
        return Page(items=items, total=total, offset=page * page_size, page_size=page_size)

    async def summary(self, actor_id: int) -> StaffSummary:
        """How many akimats have officials, how many officials and open invitations there are,
        and how many attempts were denied lately. Admins only."""
        await self._access.require_admin(actor_id, action=AuditAction.OFFICIALS_SUMMARY)
        now = self._clock.now()
        async with self._sessions() as session:
            akimats = await official_rows.count_staffed_akimats(session)
            officials = await official_rows.count_officials(session)
            invites = await official_rows.count_open_invites(session, now)
            denied = await audit_rows.count_denied_since(session, now - DENIED_WINDOW)
        return StaffSummary(akimats, officials, invites, denied)

    async def _recipients(self, session: AsyncSession, user_ids: Sequence[int]) -> list[Recipient]:
        """Chats to notify, each in its person's language. Admins may never have written to
        the bot (no user row): they are told in the default language."""
        locales = await user_rows.locales(session, user_ids)
        return [
            Recipient(user_id, locales.get(user_id) or self._default_locale)
            for user_id in user_ids
        ]


def refusal(invite: InviteView, user_id: int, now: datetime) -> AcceptOutcome | None:
    """Why ``user_id`` cannot take the invitation now, or None if it is still open."""
    status = invite.status(now)
    if status is InviteStatus.USED:
        return AcceptOutcome.USED_BY_YOU if invite.used_by == user_id else AcceptOutcome.USED
    if status is InviteStatus.REVOKED:
        return AcceptOutcome.REVOKED
    if status is InviteStatus.EXPIRED:
        return AcceptOutcome.EXPIRED
    return None


def _invite_target(token: str) -> str:
    """The audit log names an invitation by the start of its token: enough to tell them apart,
    not enough to use one that is still open. A forged token is named as far as it is made of
    a token's characters."""
    return f"invite:{re.sub(r'[^A-Za-z0-9_-]', '?', token[:8])}"
