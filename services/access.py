"""Who may do what: admins, officials of an akimat, and the audit log of their acts.

Every handler and every button press of an official asks here again; a keyboard that was shown
is not a permission. An official *acts* only for their own akimat and *reads* their own and every
akimat whose territory lies inside it (a district akimat reads its villages' akimats). Admins
(regional coordinators, ADMIN_IDS) may do everything. Each denied attempt is written to the audit
log, and so is each act that changes something.
"""

from dataclasses import dataclass, replace
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from services.audit import AuditAction, AuditDetail
from services.clock import Clock
from services.kato.codes import kato_contains, kato_subtree
from storage.models import AuditEntry
from storage.repositories import audit as audit_rows
from storage.repositories import coordinators as coordinator_rows
from storage.repositories import officials as official_rows
from storage.unit_of_work import SessionSource

MAX_DETAIL = 2000


class Right(StrEnum):
    READ = "read"
    ACT = "act"


class AccessDeniedError(Exception):
    """Raised by :meth:`AccessService.require`; the attempt is already in the audit log."""

    def __init__(
        self, action: AuditAction, akimat_id: int | None, right: "Right | None" = None
    ) -> None:
        super().__init__(f"{action} denied for akimat {akimat_id}")
        self.action = action
        self.akimat_id = akimat_id
        # The right that was asked for (None: an admin's act).
        self.right = right


@dataclass(frozen=True, slots=True)
class AkimatRef:
    id: int
    locality_code: str
    name_kk: str
    name_ru: str


class AccessService:
    def __init__(
        self,
        session_factory: SessionSource,
        clock: Clock,
        admin_ids: frozenset[int],
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._admin_ids = admin_ids

    def is_admin(self, user_id: int) -> bool:
        return user_id in self._admin_ids

    async def is_staff(self, user_id: int) -> bool:
        """An admin, an official of at least one akimat, or a coordinator."""
        if self.is_admin(user_id):
            return True
        async with self._sessions() as session:
            return await official_rows.is_official(
                session, user_id
            ) or await coordinator_rows.is_coordinator(session, user_id)

    async def is_coordinator(self, user_id: int) -> bool:
        async with self._sessions() as session:
            return await coordinator_rows.is_coordinator(session, user_id)

    async def read_territories(self, user_id: int) -> list[tuple[str, str]] | None:
        """The KATO code ranges (services/kato/codes.py) of every akimat ``user_id`` may read:
        their own akimats' territories and their coordinated territories. None: everything (an
        admin, a coordinator of the whole republic); empty: nothing."""
        if self.is_admin(user_id):
            return None
        async with self._sessions() as session:
            return await self._read_territories(session, user_id)

    async def _read_territories(
        self, session: AsyncSession, user_id: int
    ) -> list[tuple[str, str]] | None:
        coordinated = await coordinator_rows.territories_of(session, user_id)
        if any(code is None for code in coordinated):
            return None
        own = await official_rows.own_akimat_codes(session, user_id)
        codes = [code for _, code in own] + [code for code in coordinated if code is not None]
        return [kato_subtree(code) for code in codes]

    async def readable_akimats(self, user_id: int) -> list[AkimatRef]:
        """Every akimat ``user_id`` may read, by KATO code: an official's own akimats and those
        inside their territory, a coordinator's territory, an admin's all. The one answer to
        "which akimats may this person read" for every screen that lists several."""
        async with self._sessions() as session:
            territories = (
                None if self.is_admin(user_id) else await self._read_territories(session, user_id)
            )
            rows = await coordinator_rows.akimats_within(session, territories)
        return [AkimatRef(row.id, row.locality_code, row.name_kk, row.name_ru) for row in rows]

    async def can_read(self, user_id: int, akimat_id: int) -> bool:
        """Whether ``user_id`` may read the akimat (no audit entry: a question, not an act;
        use :meth:`require` where a refusal must be recorded)."""
        return await self.allowed(user_id, akimat_id, Right.READ)

    async def listed_akimat_ids(self, user_id: int) -> list[int] | None:
        """The akimats whose work a list screen (/pool, /plan, /progress) shows by default:
        an official's own akimats (as before coordinators), plus, for a coordinator, every
        akimat of their territory. None: all (admins, coordinators of the republic)."""
        if self.is_admin(user_id):
            return None
        async with self._sessions() as session:
            coordinated = await coordinator_rows.territories_of(session, user_id)
            own = [
                akimat_id
                for akimat_id, _ in await official_rows.own_akimat_codes(session, user_id)
            ]
            if not coordinated:
                return own
            if any(code is None for code in coordinated):
                return None
            ranges = [kato_subtree(code) for code in coordinated if code is not None]
            inside = [row.id for row in await coordinator_rows.akimats_within(session, ranges)]
        return sorted(set(own) | set(inside))

    async def akimats_of(self, user_id: int) -> list[AkimatRef]:
        """The akimats the user acts for (for an admin: none in particular, so empty)."""
        async with self._sessions() as session:
            rows = await official_rows.own_akimat_names(session, user_id)
            return [AkimatRef(*row) for row in rows]

    async def allowed(self, user_id: int, akimat_id: int, right: Right) -> bool:
        if self.is_admin(user_id):
            return True
        async with self._sessions() as session:
            return await self._allowed(session, user_id, akimat_id, right)

    async def _allowed(
        self, session: AsyncSession, user_id: int, akimat_id: int, right: Right
    ) -> bool:
        rows = await official_rows.own_akimat_codes(session, user_id)
        if any(own_id == akimat_id for own_id, _ in rows):
            return True
        if right is Right.ACT:
            # Coordinators never act: reading is all their role gives.
            return False
        coordinated = await coordinator_rows.territories_of(session, user_id)
        if not rows and not coordinated:
            return False
        target = await official_rows.akimat_locality_code(session, akimat_id)
        if target is None:
            return False
        codes = [code for _, code in rows] + coordinated
        return any(code is None or kato_contains(code, target) for code in codes)

    async def require(
        self,
        user_id: int,
        akimat_id: int | None,
        right: Right,
        *,
        action: AuditAction,
        target: str | None = None,
    ) -> None:
        """Raise AccessDeniedError (and audit it) unless ``user_id`` has ``right`` on the akimat.

        ``akimat_id`` None (an object that does not exist) is denied to everyone but admins.
        """
        ok = self.is_admin(user_id) or (
            akimat_id is not None and await self.allowed(user_id, akimat_id, right)
        )
        if not ok:
            await self.audit(user_id, action, akimat_id=akimat_id, target=target, allowed=False)
            raise AccessDeniedError(action, akimat_id, right)

    async def require_admin(
        self,
        user_id: int,
        *,
        action: AuditAction,
        akimat_id: int | None = None,
        target: str | None = None,
    ) -> None:
        """Raise AccessDeniedError (and audit it) unless ``user_id`` is an admin: for what only
        admins do whatever akimat it concerns, such as appointing and removing officials."""
        if not self.is_admin(user_id):
            await self.audit(user_id, action, akimat_id=akimat_id, target=target, allowed=False)
            raise AccessDeniedError(action, akimat_id)

    async def audit(
        self,
        actor_id: int,
        action: AuditAction,
        *,
        akimat_id: int | None = None,
        target: str | None = None,
        allowed: bool = True,
        detail: AuditDetail | None = None,
        session: AsyncSession | None = None,
    ) -> None:
        """Record an act. With ``session`` the entry joins the caller's transaction (the caller
        commits); without, it is committed on its own."""
        entry = AuditEntry(
            at=self._clock.now(),
            actor_id=actor_id,
            action=action[:64],
            akimat_id=akimat_id,
            target=target[:100] if target else None,
            allowed=allowed,
            detail=_stored(detail),
        )
        if session is not None:
            audit_rows.add(session, entry)
            return
        async with self._sessions() as own:
            audit_rows.add(own, entry)
            await own.commit()


def _stored(detail: AuditDetail | None) -> str | None:
    """The particulars as the log keeps them; a person's long text is cut to fit."""
    if detail is None:
        return None
    if detail.text and len(detail.text) > MAX_DETAIL // 2:
        detail = replace(detail, text=detail.text[: MAX_DETAIL // 2])
    return detail.dump()
