"""The localities a citizen follows to hear of the akims' meetings with the population.

What a subscription to locality L means (the one rule is in services/audience.py, which the
meetings and plans services query; this service only stores the choice):

- the subscriber hears of meetings whose audience is L itself or any unit *above* L: an
  oblast-wide or district-wide meeting concerns every village inside it;
- with `include_descendants` they also hear of meetings whose audience is anywhere *inside* L
  (a district subscriber who asked for "everything inside" hears of each village's meeting).

A person follows at most `MAX_SUBSCRIPTIONS` localities: enough for home, work and parents'
village, and a bound on the notices one person can trigger.
"""

import builtins
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.clock import Clock
from services.kato.names import name_for_locale
from storage.models import Locality, Subscription
from storage.repositories import subscriptions as subscription_store
from storage.repositories.localities import LocalityRepository
from storage.unit_of_work import SessionSource

MAX_SUBSCRIPTIONS = 20


class SubscribeStatus(StrEnum):
    CREATED = "created"
    ALREADY_SUBSCRIBED = "already_subscribed"
    UNKNOWN_LOCALITY = "unknown_locality"
    LIMIT_REACHED = "limit_reached"


@dataclass(frozen=True, slots=True)
class SubscriptionView:
    id: int
    locality_code: str
    name_kk: str
    name_ru: str
    # The names of the units above the locality, root (oblast) first, the locality excluded.
    chain_kk: tuple[str, ...]
    chain_ru: tuple[str, ...]
    include_descendants: bool
    # Whether anything lies inside (a village usually has nothing: "everything inside" is moot).
    has_children: bool
    created_at: datetime

    def name(self, lang: str) -> str:
        """The name in the reader's language; there are no English names, Russian stands in."""
        return name_for_locale(self.name_kk, self.name_ru, lang)

    def chain(self, lang: str) -> tuple[str, ...]:
        return name_for_locale(self.chain_kk, self.chain_ru, lang)


@dataclass(frozen=True, slots=True)
class SubscribeResult:
    status: SubscribeStatus
    # The subscription (new or existing) when the locality is known and followed.
    subscription: SubscriptionView | None = None
    # How many localities the person follows after the call.
    count: int = 0


class SubscriptionService:
    def __init__(self, session_factory: SessionSource, clock: Clock) -> None:
        self._sessions = session_factory
        self._clock = clock

    async def subscribe(
        self, user_id: int, code: str, include_descendants: bool = False
    ) -> SubscribeResult:
        """Follow locality `code`. Following it again changes nothing (not even
        `include_descendants`, which /subscriptions toggles)."""
        async with self._sessions() as session:
            locality = await LocalityRepository(session).get(code)
            if locality is None:
                return SubscribeResult(SubscribeStatus.UNKNOWN_LOCALITY)
            existing = await subscription_store.by_code(session, user_id, code)
            count = await subscription_store.count(session, user_id)
            if existing is not None:
                view = (await self._views(session, [existing]))[0]
                return SubscribeResult(SubscribeStatus.ALREADY_SUBSCRIBED, view, count)
            if count >= MAX_SUBSCRIPTIONS:
                return SubscribeResult(SubscribeStatus.LIMIT_REACHED, None, count)
            subscription = Subscription(
                user_id=user_id,
                locality_code=code,
                include_descendants=include_descendants,
                created_at=self._clock.now(),
            )
            subscription_store.add(session, subscription)
            try:
                await session.commit()
            except IntegrityError:
                # The same person subscribed in a parallel update (another device): theirs won.
                await session.rollback()
                existing = await subscription_store.by_code(session, user_id, code)
                if existing is None:
                    raise
                view = (await self._views(session, [existing]))[0]
                count = await subscription_store.count(session, user_id)
                return SubscribeResult(SubscribeStatus.ALREADY_SUBSCRIBED, view, count)
            view = (await self._views(session, [subscription]))[0]
            return SubscribeResult(SubscribeStatus.CREATED, view, count + 1)

    async def list(self, user_id: int) -> list[SubscriptionView]:
        """The person's subscriptions, oldest first."""
        async with self._sessions() as session:
            subscriptions = await subscription_store.of_user(session, user_id)
            return await self._views(session, subscriptions)

    async def get(self, user_id: int, subscription_id: int) -> SubscriptionView | None:
        """One of the person's own subscriptions; someone else's id gives None."""
        async with self._sessions() as session:
            subscription = await subscription_store.owned(session, user_id, subscription_id)
            if subscription is None:
                return None
            return (await self._views(session, [subscription]))[0]

    async def remove(self, user_id: int, subscription_id: int) -> bool:
        """Stop following. False when the id is not one of the person's subscriptions (already
        removed, or someone else's: callback data is never trusted)."""
        async with self._sessions() as session:
            removed = await subscription_store.remove(session, user_id, subscription_id)
            await session.commit()
            return removed

    async def set_include_descendants(
        self, user_id: int, subscription_id: int, value: bool
    ) -> SubscriptionView | None:
        """Turn "everything inside" on or off; None when the subscription is not the person's."""
        async with self._sessions() as session:
            subscription = await subscription_store.owned(session, user_id, subscription_id)
            if subscription is None:
                return None
            if subscription.include_descendants != value:
                subscription.include_descendants = value
                await session.commit()
            return (await self._views(session, [subscription]))[0]

    async def count(self, user_id: int) -> int:
        async with self._sessions() as session:
            return await subscription_store.count(session, user_id)

    @staticmethod
    async def _views(
        session: AsyncSession, subscriptions: builtins.list[Subscription]
    ) -> builtins.list[SubscriptionView]:
        """Views with names and chains: the ancestors are read level by level (the tree is at
        most five deep), a handful of queries for a whole list."""
        repository = LocalityRepository(session)
        codes = [subscription.locality_code for subscription in subscriptions]
        known = await repository.get_many(codes)
        pending = {locality.parent_code for locality in known.values()} - {None}
        while pending:
            found = await repository.get_many(code for code in pending if code is not None)
            known.update(found)
            pending = {locality.parent_code for locality in found.values()} - set(known) - {None}
        child_counts = await repository.children_counts(codes)
        views: builtins.list[SubscriptionView] = []
        for subscription in subscriptions:
            locality = known[subscription.locality_code]
            chain: builtins.list[Locality] = []
            parent_code = locality.parent_code
            while parent_code is not None and parent_code in known:
                chain.append(known[parent_code])
                parent_code = known[parent_code].parent_code
            chain.reverse()
            views.append(
                SubscriptionView(
                    id=subscription.id,
                    locality_code=locality.code,
                    name_kk=locality.name_kk,
                    name_ru=locality.name_ru,
                    chain_kk=tuple(unit.name_kk for unit in chain),
                    chain_ru=tuple(unit.name_ru for unit in chain),
                    include_descendants=subscription.include_descendants,
                    has_children=child_counts.get(locality.code, 0) > 0,
                    created_at=subscription.created_at,
                )
            )
        return views


__all__ = [
    "MAX_SUBSCRIPTIONS",
    "SubscribeResult",
    "SubscribeStatus",
    "SubscriptionService",
    "SubscriptionView",
]
