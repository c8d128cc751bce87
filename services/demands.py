"""Citizens' demands for an off-calendar meeting (seed 001, 3.1: akims of every level hold
off-calendar meetings "at the population's demand and when needed").

A subscriber of a locality asks for a meeting on a topic; neighbours (people who follow the
locality or a unit above it) support the demand, once each (a unique constraint, not a check).
The locality's akimat (its own, or the nearest one above) sees the demands ranked by support,
and so do the coordinators of its territory (reading only). The akimat answers by scheduling an
off-calendar meeting linked to the demand, or by declining it with a reason; the supporters are
told either way. The seed sets no threshold of support: a configurable one (Settings
``demand_threshold``) tells the akimat's officials and the territory's coordinators once when a
demand reaches it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.access import AccessService, Right
from services.audit import AuditAction, AuditDetail
from services.clock import Clock
from services.kato.names import name_for_locale
from services.notices import DemandAnswered, DemandFacts, DemandOutcome, DemandThresholdReached
from services.outbox import Outbox, Recipient
from storage.models import Demand, Locality
from storage.repositories import coordinators as coordinator_rows
from storage.repositories import demands as demand_rows
from storage.repositories import officials as official_rows
from storage.repositories import users as user_rows
from storage.repositories.localities import LocalityRepository
from storage.unit_of_work import SessionSource

MIN_TOPIC = 10
MAX_TOPIC = 500
MIN_REASON = 5
MAX_REASON = 500
# Open demands one person may have at once: enough for a real need, not for flooding.
MAX_OPEN_PER_AUTHOR = 3
LIST_LIMIT = 20
DEFAULT_THRESHOLD = 50


class DemandStatus(StrEnum):
    OPEN = "open"
    SCHEDULED = "scheduled"
    DECLINED = "declined"


class DemandErrorReason(StrEnum):
    UNKNOWN_LOCALITY = "unknown-locality"
    NO_AKIMAT = "no-akimat"
    NOT_NEIGHBOUR = "not-neighbour"
    TOPIC_TOO_SHORT = "topic-too-short"
    TOPIC_TOO_LONG = "topic-too-long"
    TOO_MANY_OPEN = "too-many-open"
    UNKNOWN_DEMAND = "unknown-demand"
    ALREADY_ANSWERED = "already-answered"
    REASON_TOO_SHORT = "reason-too-short"
    REASON_TOO_LONG = "reason-too-long"
    WRONG_MEETING = "wrong-meeting"


class DemandError(Exception):
    def __init__(self, reason: DemandErrorReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


class SupportOutcome(StrEnum):
    SUPPORTED = "supported"
    ALREADY = "already"
    NOT_NEIGHBOUR = "not-neighbour"
    CLOSED = "closed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class DemandView:
    id: int
    locality_code: str
    locality_kk: str
    locality_ru: str
    akimat_id: int
    topic: str
    status: DemandStatus
    supports: int
    created_at: datetime
    meeting_id: int | None
    decline_reason: str | None

    def locality(self, lang: str) -> str:
        return name_for_locale(self.locality_kk, self.locality_ru, lang)

    @property
    def facts(self) -> DemandFacts:
        return DemandFacts(self.id, self.topic, self.locality_kk, self.locality_ru, self.supports)


@dataclass(frozen=True, slots=True)
class DemandLine:
    demand: DemandView
    supported: bool


@dataclass(frozen=True, slots=True)
class SupportResult:
    outcome: SupportOutcome
    supports: int = 0


def clean_text(text: str) -> str:
    """Whitespace folded: a topic is one paragraph."""
    return " ".join(text.split())


class DemandService:
    def __init__(
        self,
        session_factory: SessionSource,
        clock: Clock,
        access: AccessService,
        outbox: Outbox,
        default_locale: str,
        threshold: int = DEFAULT_THRESHOLD,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._access = access
        self._outbox = outbox
        self._default_locale = default_locale
        self.threshold = threshold

    # --- citizens -----------------------------------------------------------------------------

    async def create(self, user_id: int, locality_code: str, topic: str) -> DemandView:
        """A new demand of ``user_id`` for their locality; its author supports it first."""
        topic = clean_text(topic)
        if len(topic) < MIN_TOPIC:
            raise DemandError(DemandErrorReason.TOPIC_TOO_SHORT)
        if len(topic) > MAX_TOPIC:
            raise DemandError(DemandErrorReason.TOPIC_TOO_LONG)
        now = self._clock.now()
        async with self._sessions() as session:
            chain = await self._chain(session, locality_code)
            if not await demand_rows.follows_any(session, user_id, [u.code for u in chain]):
                raise DemandError(DemandErrorReason.NOT_NEIGHBOUR)
            open_ones = await demand_rows.count_open_by(session, user_id, DemandStatus.OPEN)
            if open_ones >= MAX_OPEN_PER_AUTHOR:
                raise DemandError(DemandErrorReason.TOO_MANY_OPEN)
            with_akim = [unit for unit in chain if unit.akim_level is not None]
            if not with_akim:
                raise DemandError(DemandErrorReason.NO_AKIMAT)
            akimat_code = with_akim[-1].code
            akimat = await official_rows.akimat_by_locality(session, akimat_code)
            if akimat is None:
                akimat = await official_rows.add_akimat(session, akimat_code)
            demand = demand_rows.add(
                session,
                locality_code=locality_code,
                akimat_id=akimat.id,
                author_id=user_id,
                topic=topic,
                status=DemandStatus.OPEN,
                created_at=now,
            )
            await session.flush()
            demand_rows.add_support(session, demand.id, user_id, now)
            view = await self._view(session, demand)
            await session.commit()
        return view

    async def _chain(self, session: AsyncSession, code: str) -> list[Locality]:
        """The locality and its ancestors, the locality last."""
        repository = LocalityRepository(session)
        unit = await repository.get(code)
        if unit is None:
            raise DemandError(DemandErrorReason.UNKNOWN_LOCALITY)
        return [*await repository.ancestors(code), unit]

    async def of_locality(self, user_id: int, code: str) -> list[DemandLine]:
        """The open demands of one locality, most supported first."""
        async with self._sessions() as session:
            rows = await demand_rows.of_locality(
                session, code, DemandStatus.OPEN, user_id, LIST_LIMIT
            )
            return [DemandLine(await self._view(session, d), mine) for d, mine in rows]

    async def support(self, user_id: int, demand_id: int) -> SupportResult:
        """Support a demand, once: the unique (demand, person) constraint decides, so two
        presses at once count one. Reaching the threshold tells the akimat and coordinators
        once (in the same transaction)."""
        now = self._clock.now()
        async with self._sessions() as session:
            demand = await demand_rows.get(session, demand_id)
            if demand is None:
                return SupportResult(SupportOutcome.UNKNOWN)
            if demand.status != DemandStatus.OPEN:
                return SupportResult(SupportOutcome.CLOSED, demand.support_count)
            chain = await self._chain(session, demand.locality_code)
            if not await demand_rows.follows_any(session, user_id, [u.code for u in chain]):
                return SupportResult(SupportOutcome.NOT_NEIGHBOUR, demand.support_count)
            locality_code, akimat_id = demand.locality_code, demand.akimat_id
            count = demand.support_count
            try:
                demand_rows.add_support(session, demand_id, user_id, now)
                await session.flush()
            except IntegrityError:
                # The unique (demand, person) lost a race with a second press: one support.
                await session.rollback()
                return SupportResult(SupportOutcome.ALREADY, count)
            count = await demand_rows.bump_support(session, demand_id)
            if count >= self.threshold and await demand_rows.mark_threshold(
                session, demand_id, now
            ):
                await session.refresh(demand)
                view = await self._view(session, demand)
                await self._tell_threshold(session, view, locality_code, akimat_id, chain)
            await session.commit()
        return SupportResult(SupportOutcome.SUPPORTED, count)

    async def _tell_threshold(
        self,
        session: AsyncSession,
        view: DemandView,
        locality_code: str,
        akimat_id: int,
        chain: Sequence[Locality],
    ) -> None:
        officials = [row.user_id for row in await official_rows.officials_of(session, [akimat_id])]
        coordinators = await coordinator_rows.coordinators_over(
            session, [unit.code for unit in chain]
        )
        people = sorted(set(officials) | set(coordinators))
        if people:
            await self._outbox.notify(
                session,
                DemandThresholdReached(view.facts, self.threshold),
                await self._recipients(session, people),
            )

    # --- the akimat and the coordinators ------------------------------------------------------

    async def ranked_for(self, actor_id: int) -> list[DemandView]:
        """The open demands to every akimat ``actor_id`` may read, most supported first."""
        akimats = (
            None
            if self._access.is_admin(actor_id)
            else [akimat.id for akimat in await self._access.readable_akimats(actor_id)]
        )
        if akimats is not None and not akimats:
            return []
        async with self._sessions() as session:
            rows = await demand_rows.of_akimats(session, akimats, DemandStatus.OPEN, LIST_LIMIT)
            return [await self._view(session, row) for row in rows]

    async def get_for(self, actor_id: int, demand_id: int) -> tuple[DemandView, bool]:
        """One demand for staff (AccessDeniedError unless they may read its akimat), and
        whether they may answer it."""
        async with self._sessions() as session:
            demand = await demand_rows.get(session, demand_id)
            view = await self._view(session, demand) if demand else None
        await self._access.require(
            actor_id,
            view.akimat_id if view else None,
            Right.READ,
            action=AuditAction.DEMAND_READ,
            target=f"demand:{demand_id}",
        )
        if view is None:
            raise DemandError(DemandErrorReason.UNKNOWN_DEMAND)
        can_act = await self._access.allowed(actor_id, view.akimat_id, Right.ACT)
        return view, can_act

    async def require_answerable(self, actor_id: int, demand_id: int) -> DemandView:
        """The open demand ``actor_id`` may answer (an official of its akimat, an admin):
        AccessDeniedError (audited) or DemandError otherwise."""
        async with self._sessions() as session:
            demand = await demand_rows.get(session, demand_id)
            view = await self._view(session, demand) if demand else None
        await self._access.require(
            actor_id,
            view.akimat_id if view else None,
            Right.ACT,
            action=AuditAction.DEMAND_ANSWER,
            target=f"demand:{demand_id}",
        )
        if view is None:
            raise DemandError(DemandErrorReason.UNKNOWN_DEMAND)
        if view.status is not DemandStatus.OPEN:
            raise DemandError(DemandErrorReason.ALREADY_ANSWERED)
        return view

    async def schedule(
        self,
        actor_id: int,
        demand_id: int,
        meeting_id: int,
        host_akimat_id: int,
        starts_at: datetime,
    ) -> DemandView:
        """Link the demand to the meeting its akimat scheduled for it; the supporters are told."""
        view = await self.require_answerable(actor_id, demand_id)
        if host_akimat_id != view.akimat_id:
            raise DemandError(DemandErrorReason.WRONG_MEETING)
        return await self._answer(
            actor_id,
            view,
            DemandStatus.SCHEDULED,
            DemandAnswered(
                view.facts, DemandOutcome.SCHEDULED, meeting_id=meeting_id, starts_at=starts_at
            ),
            meeting_id=meeting_id,
        )

    async def decline(self, actor_id: int, demand_id: int, reason: str) -> DemandView:
        """Decline the demand with a reason; the supporters are told."""
        reason = clean_text(reason)
        view = await self.require_answerable(actor_id, demand_id)
        if len(reason) < MIN_REASON:
            raise DemandError(DemandErrorReason.REASON_TOO_SHORT)
        if len(reason) > MAX_REASON:
            raise DemandError(DemandErrorReason.REASON_TOO_LONG)
        return await self._answer(
            actor_id,
            view,
            DemandStatus.DECLINED,
            DemandAnswered(view.facts, DemandOutcome.DECLINED, reason=reason),
            reason=reason,
        )

    async def _answer(
        self,
        actor_id: int,
        view: DemandView,
        status: DemandStatus,
        notice: DemandAnswered,
        *,
        meeting_id: int | None = None,
        reason: str | None = None,
    ) -> DemandView:
        now = self._clock.now()
        async with self._sessions() as session:
            changed = await demand_rows.answer(
                session,
                view.id,
                from_status=DemandStatus.OPEN,
                to_status=status,
                at=now,
                by=actor_id,
                meeting_id=meeting_id,
                reason=reason,
            )
            if not changed:
                await session.rollback()
                raise DemandError(DemandErrorReason.ALREADY_ANSWERED)
            await self._access.audit(
                actor_id,
                AuditAction(f"demand.{status.value}"),
                akimat_id=view.akimat_id,
                target=f"demand:{view.id}",
                detail=AuditDetail(meeting=meeting_id) if meeting_id else AuditDetail(text=reason),
                session=session,
            )
            await self._outbox.notify(session, notice, demand_rows.supporters(view.id))
            demand = await demand_rows.get(session, view.id)
            assert demand is not None
            await session.refresh(demand)
            answered = await self._view(session, demand)
            await session.commit()
        return answered

    # --- helpers ------------------------------------------------------------------------------

    async def _view(self, session: AsyncSession, demand: Demand) -> DemandView:
        unit = await LocalityRepository(session).get(demand.locality_code)
        return DemandView(
            id=demand.id,
            locality_code=demand.locality_code,
            locality_kk=unit.name_kk if unit else demand.locality_code,
            locality_ru=unit.name_ru if unit else demand.locality_code,
            akimat_id=demand.akimat_id,
            topic=demand.topic,
            status=DemandStatus(demand.status),
            supports=demand.support_count,
            created_at=demand.created_at,
            meeting_id=demand.meeting_id,
            decline_reason=demand.decline_reason,
        )

    async def _recipients(self, session: AsyncSession, user_ids: Sequence[int]) -> list[Recipient]:
        locales = await user_rows.locales(session, user_ids)
        return [
            Recipient(user_id, locales.get(user_id) or self._default_locale)
            for user_id in user_ids
        ]
