"""Coordinators (issue 9, section 1): people who read every akimat of a territory and act for
none of the akimats' own duties.

A territory is a KATO unit whose akim is of an oblast, a city of republican significance or the
capital, or the whole republic (stored as None). An admin invites a coordinator with a one-time
link `t.me/<bot>?start=crd_<token>`, as for officials (services/officials.py): 72 hours, used
once, revocable until used, every step audited. What a coordinator may read is decided in
services/access.py (Right.READ on every akimat of the territory; Right.ACT never).
"""

import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from regulation.levels import AkimLevel
from services.access import AccessService
from services.audit import AuditAction, AuditDetail
from services.clock import Clock
from services.feedback_digest import DigestRecipient
from services.kato.names import name_for_locale, name_key
from services.notices import CoordinatorAppointed, CoordinatorRemoved
from services.officials import (
    INVITE_TTL,
    TOKEN_BYTES,
    AcceptOutcome,
    InviteStatus,
)
from services.outbox import Outbox, Recipient
from storage.models import CoordinatorInvite
from storage.repositories import coordinators as coordinator_rows
from storage.repositories import officials as official_rows
from storage.repositories import users as user_rows
from storage.repositories.localities import LocalityRepository
from storage.unit_of_work import SessionSource

COORDINATOR_PREFIX = "crd_"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,40}$")
# The akims whose units a coordinator's territory may be (issue 9, section 1).
TERRITORY_LEVELS = frozenset({AkimLevel.OBLAST, AkimLevel.REPUBLICAN_CITY, AkimLevel.CAPITAL})
# The callback data and the audit log name the whole republic so.
REPUBLIC = "kz"


def parse_coordinator_payload(payload: str | None) -> str | None:
    """`crd_<token>` → the token; anything else → None."""
    if not payload or not payload.startswith(COORDINATOR_PREFIX):
        return None
    return payload[len(COORDINATOR_PREFIX) :]


def coordinator_link(bot_username: str, token: str) -> str:
    return f"https://t.me/{bot_username}?start={COORDINATOR_PREFIX}{token}"


def territory_key(code: str | None) -> str:
    """A territory in callback data and the audit log: its KATO code, or `kz`."""
    return code if code is not None else REPUBLIC


def territory_of_key(key: str) -> str | None:
    return None if key == REPUBLIC else key


class CoordinatorsErrorReason(StrEnum):
    UNKNOWN_TERRITORY = "unknown-territory"
    NOT_A_TERRITORY = "not-a-territory"


class CoordinatorsError(Exception):
    def __init__(self, reason: CoordinatorsErrorReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TerritoryView:
    """``code`` None: the whole republic (its name is the caller's to say)."""

    code: str | None
    name_kk: str
    name_ru: str

    def name(self, lang: str) -> str:
        return name_for_locale(self.name_kk, self.name_ru, lang)

    @property
    def key(self) -> str:
        return territory_key(self.code)


REPUBLIC_TERRITORY = TerritoryView(None, "", "")


@dataclass(frozen=True, slots=True)
class CoordinatorInviteView:
    token: str
    territory: TerritoryView
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

    def refusal(self, user_id: int, now: datetime) -> AcceptOutcome | None:
        """Why ``user_id`` cannot take the link now, or None if it is still open."""
        status = self.status(now)
        if status is InviteStatus.USED:
            return AcceptOutcome.USED_BY_YOU if self.used_by == user_id else AcceptOutcome.USED
        if status is InviteStatus.REVOKED:
            return AcceptOutcome.REVOKED
        if status is InviteStatus.EXPIRED:
            return AcceptOutcome.EXPIRED
        return None


@dataclass(frozen=True, slots=True)
class CoordinatorView:
    user_id: int
    territory: TerritoryView
    invited_by: int | None
    since: datetime


@dataclass(frozen=True, slots=True)
class CoordinatorAccept:
    # ALREADY_OFFICIAL here: the person already coordinates this territory.
    outcome: AcceptOutcome
    invite: CoordinatorInviteView | None = None


@dataclass(frozen=True, slots=True)
class CoordinatorsOverview:
    coordinators: tuple[CoordinatorView, ...]
    invites: tuple[CoordinatorInviteView, ...]


class CoordinatorsService:
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

    # --- territories --------------------------------------------------------------------------

    async def territories(self) -> list[TerritoryView]:
        """Every unit a coordinator may be given, by KATO code (the republic is not listed)."""
        async with self._sessions() as session:
            units = await LocalityRepository(session).with_akim_levels(
                [level.value for level in TERRITORY_LEVELS]
            )
        return [TerritoryView(unit.code, unit.name_kk, unit.name_ru) for unit in units]

    async def matching(self, query: str) -> list[TerritoryView]:
        """The territories whose KATO code is ``query`` or whose name (in any language or
        script) contains it; an empty query matches every one."""
        query = query.strip()
        key = name_key(query) if query else ""
        async with self._sessions() as session:
            units = await LocalityRepository(session).with_akim_levels(
                [level.value for level in TERRITORY_LEVELS]
            )
        return [
            TerritoryView(unit.code, unit.name_kk, unit.name_ru)
            for unit in units
            if not query or unit.code == query or (key and key in unit.search_key)
        ]

    async def territory(self, code: str | None) -> TerritoryView:
        """The territory of ``code`` (None: the republic); CoordinatorsError when the code is
        unknown or not an oblast, a city of republican significance or the capital."""
        if code is None:
            return REPUBLIC_TERRITORY
        async with self._sessions() as session:
            return await self._territory(session, code)

    async def _territory(self, session: AsyncSession, code: str | None) -> TerritoryView:
        if code is None:
            return REPUBLIC_TERRITORY
        unit = await LocalityRepository(session).get(code)
        if unit is None:
            raise CoordinatorsError(CoordinatorsErrorReason.UNKNOWN_TERRITORY)
        if unit.akim_level not in TERRITORY_LEVELS:
            raise CoordinatorsError(CoordinatorsErrorReason.NOT_A_TERRITORY)
        return TerritoryView(unit.code, unit.name_kk, unit.name_ru)

    async def _names(
        self, session: AsyncSession, codes: set[str | None]
    ) -> dict[str | None, TerritoryView]:
        known = {code for code in codes if code is not None}
        units = await LocalityRepository(session).get_many(known)
        names: dict[str | None, TerritoryView] = {None: REPUBLIC_TERRITORY}
        for code in known:
            unit = units.get(code)
            # A unit gone from the classifier since: shown by its code.
            names[code] = (
                TerritoryView(code, unit.name_kk, unit.name_ru)
                if unit
                else TerritoryView(code, code, code)
            )
        return names

    async def territories_of(self, user_id: int) -> list[TerritoryView]:
        """What ``user_id`` coordinates (for /office and the menu)."""
        async with self._sessions() as session:
            codes = await coordinator_rows.territories_of(session, user_id)
            names = await self._names(session, set(codes))
        return [names[code] for code in codes]

    # --- invitations --------------------------------------------------------------------------

    async def invite(self, actor_id: int, code: str | None) -> CoordinatorInviteView:
        """A new one-time link making its user a coordinator of ``code`` (None: the republic).
        Admins only."""
        target = f"territory:{territory_key(code)}"
        await self._access.require_admin(
            actor_id, action=AuditAction.COORDINATOR_INVITE, target=target
        )
        now = self._clock.now()
        async with self._sessions() as session:
            territory = await self._territory(session, code)
            invite = coordinator_rows.add_invite(
                session,
                token=secrets.token_urlsafe(TOKEN_BYTES),
                territory_code=code,
                created_by=actor_id,
                created_at=now,
                expires_at=now + INVITE_TTL,
            )
            await self._access.audit(
                actor_id,
                AuditAction.COORDINATOR_INVITE,
                target=target,
                detail=_invite_detail(invite.token),
                session=session,
            )
            await session.flush()
            view = _invite_view(invite, territory)
            await session.commit()
        return view

    async def peek(self, token: str) -> CoordinatorInviteView | None:
        if not _TOKEN.match(token):
            return None
        async with self._sessions() as session:
            invite = await coordinator_rows.get_invite(session, token)
            if invite is None:
                return None
            names = await self._names(session, {invite.territory_code})
            return _invite_view(invite, names[invite.territory_code])

    async def accept(self, user_id: int, token: str, display_name: str = "") -> CoordinatorAccept:
        """Make ``user_id`` a coordinator of the link's territory, if the link is still good.
        One conditional UPDATE takes the link: of two people at once exactly one wins. The admin
        who made the link is told (``display_name``, the Telegram name, only goes there)."""
        if not _TOKEN.match(token):
            return CoordinatorAccept(AcceptOutcome.UNKNOWN)
        now = self._clock.now()
        async with self._sessions() as session:
            invite = await coordinator_rows.get_invite(session, token)
            if invite is None:
                return CoordinatorAccept(AcceptOutcome.UNKNOWN)
            names = await self._names(session, {invite.territory_code})
            view = _invite_view(invite, names[invite.territory_code])
            refused = view.refusal(user_id, now)
            if refused is not None:
                return CoordinatorAccept(refused, view)
            if self._access.is_admin(user_id):
                return CoordinatorAccept(AcceptOutcome.ADMIN, view)
            code = invite.territory_code
            if await coordinator_rows.is_coordinator_of(session, user_id, code):
                return CoordinatorAccept(AcceptOutcome.ALREADY_OFFICIAL, view)
            if not await coordinator_rows.take_invite(session, token, user_id, now):
                await session.rollback()
                again = await self.peek(token)
                outcome = again.refusal(user_id, now) if again else AcceptOutcome.UNKNOWN
                return CoordinatorAccept(outcome or AcceptOutcome.USED, again)
            coordinator_rows.add_coordinator(
                session,
                user_id=user_id,
                territory_code=code,
                invited_by=view.created_by,
                created_at=now,
            )
            # The territory's own akimat (an oblast's, a city's) answers for its coverage and
            # its record whether or not anyone of it uses the bot: it is in the territory's
            # reports from the appointment on, not from whenever a screen is first opened.
            if code is not None and await official_rows.akimat_by_locality(session, code) is None:
                await official_rows.add_akimat(session, code)
            await self._access.audit(
                user_id,
                AuditAction.COORDINATOR_ACCEPT,
                target=f"territory:{territory_key(code)}",
                detail=_invite_detail(token),
                session=session,
            )
            await self._outbox.notify(
                session,
                CoordinatorAppointed(view.territory, user_id, display_name or str(user_id), token),
                await self._recipients(session, [view.created_by]),
            )
            await session.commit()
        return CoordinatorAccept(
            AcceptOutcome.ACCEPTED, replace(view, used_at=now, used_by=user_id)
        )

    async def revoke(self, actor_id: int, token: str) -> tuple[CoordinatorInviteView | None, bool]:
        """Revoke a link not yet used: the link (None if unknown) and whether this call did.
        Admins only."""
        await self._access.require_admin(
            actor_id, action=AuditAction.COORDINATOR_REVOKE, target=f"invite:{token[:8]}"
        )
        if not _TOKEN.match(token):
            return None, False
        async with self._sessions() as session:
            invite = await coordinator_rows.get_invite(session, token)
            if invite is None:
                return None, False
            changed = await coordinator_rows.revoke_invite(session, token, self._clock.now())
            if changed:
                await self._access.audit(
                    actor_id,
                    AuditAction.COORDINATOR_REVOKE,
                    target=f"territory:{territory_key(invite.territory_code)}",
                    detail=_invite_detail(token),
                    session=session,
                )
                await session.commit()
            invite = await coordinator_rows.reload_invite(session, invite)
            names = await self._names(session, {invite.territory_code})
            return _invite_view(invite, names[invite.territory_code]), changed

    async def remove(self, actor_id: int, user_id: int, code: str | None) -> bool:
        """Take a territory away from a coordinator; whether they had it. Admins only. It takes
        effect at their next step: every handler asks the database again."""
        target = f"territory:{territory_key(code)}"
        await self._access.require_admin(
            actor_id, action=AuditAction.COORDINATOR_REMOVE, target=target
        )
        async with self._sessions() as session:
            if not await coordinator_rows.remove_coordinator(session, user_id, code):
                await session.rollback()
                return False
            await self._access.audit(
                actor_id,
                AuditAction.COORDINATOR_REMOVE,
                target=target,
                detail=AuditDetail(user=user_id),
                session=session,
            )
            names = await self._names(session, {code})
            await self._outbox.notify(
                session,
                CoordinatorRemoved(names[code], user_id, self._clock.now()),
                await self._recipients(session, [user_id]),
            )
            await session.commit()
        return True

    async def _recipients(self, session: AsyncSession, user_ids: list[int]) -> list[Recipient]:
        """Each in their language; an admin who never wrote to the bot in the default one."""
        locales = await user_rows.locales(session, user_ids)
        return [
            Recipient(user_id, locales.get(user_id) or self._default_locale)
            for user_id in user_ids
        ]

    async def territory_akimats(self, user_id: int) -> list[int]:
        """The akimat at the head of each territory ``user_id`` coordinates (the republic has
        none): the root of their coverage screen. Its row is made at the appointment
        (``accept``); a coordinator appointed before that rule gets it here."""
        found: list[int] = []
        async with self._sessions() as session:
            for code in await coordinator_rows.territories_of(session, user_id):
                if code is None:
                    continue
                akimat = await official_rows.akimat_by_locality(session, code)
                if akimat is None:
                    akimat = await official_rows.add_akimat(session, code)
                found.append(akimat.id)
            await session.commit()
        return found

    async def digest_recipients(self) -> list[DigestRecipient]:
        """Every coordinator, in their language, with the akimats they read: who gets the
        quarterly digest of the feedback index (services/feedback_digest.py)."""
        async with self._sessions() as session:
            user_ids = sorted(
                {row.user_id for row in await coordinator_rows.all_coordinators(session)}
            )
            recipients = await self._recipients(session, user_ids)
        return [
            DigestRecipient(
                recipient.chat_id,
                recipient.locale,
                tuple(ref.id for ref in await self._access.readable_akimats(recipient.chat_id)),
            )
            for recipient in recipients
        ]

    async def overview(self, actor_id: int) -> CoordinatorsOverview:
        """Every coordinator and every link still open. Admins only."""
        await self._access.require_admin(actor_id, action=AuditAction.COORDINATORS_LIST)
        now = self._clock.now()
        async with self._sessions() as session:
            people = await coordinator_rows.all_coordinators(session)
            invites = await coordinator_rows.open_invites(session, now)
            names = await self._names(
                session,
                {row.territory_code for row in people} | {row.territory_code for row in invites},
            )
        return CoordinatorsOverview(
            coordinators=tuple(
                CoordinatorView(
                    row.user_id, names[row.territory_code], row.invited_by, row.created_at
                )
                for row in people
            ),
            invites=tuple(_invite_view(row, names[row.territory_code]) for row in invites),
        )


def _invite_view(invite: CoordinatorInvite, territory: TerritoryView) -> CoordinatorInviteView:
    return CoordinatorInviteView(
        token=invite.token,
        territory=territory,
        created_by=invite.created_by,
        created_at=invite.created_at,
        expires_at=invite.expires_at,
        used_at=invite.used_at,
        used_by=invite.used_by,
        revoked_at=invite.revoked_at,
    )


def _invite_detail(token: str) -> AuditDetail:
    """The start of a token: enough to tell links apart, not enough to use an open one."""
    return AuditDetail(invite=token[:8])


__all__ = [
    "COORDINATOR_PREFIX",
    "TERRITORY_LEVELS",
    "CoordinatorAccept",
    "CoordinatorInviteView",
    "CoordinatorView",
    "CoordinatorsError",
    "CoordinatorsErrorReason",
    "CoordinatorsOverview",
    "CoordinatorsService",
    "TerritoryView",
    "coordinator_link",
    "parse_coordinator_payload",
    "territory_key",
    "territory_of_key",
]
