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

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.exc import IntegrityError

from services.clock import Clock
from services.kato.names import name_for_locale
from services.localities import Classifier, LocalityService
from storage.models import Subscription
from storage.repositories import subscriptions as subscription_store
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
    def __init__(
        self, session_factory: SessionSource, clock: Clock, localities: LocalityService
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        # Names, chains and children come from the classifier in memory, taken before each
        # method opens its session block.
        self._localities = localities

    async def subscribe(
        self, user_id: int, code: str, include_descendants: bool = False
    ) -> SubscribeResult:
        """Follow locality `code`. Following it again changes nothing (not even
        `include_descendants`, which /subscriptions toggles)."""
        classifier = await self._localities.classifier()
        if classifier.unit(code) is None:
            return SubscribeResult(SubscribeStatus.UNKNOWN_LOCALITY)
        async with self._sessions() as session:
            existing = await subscription_store.by_code(session, user_id, code)
            count = await subscription_store.count(session, user_id)
            if existing is not None:
                view = _view(classifier, existing)
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
                view = _view(classifier, existing)
                count = await subscription_store.count(session, user_id)
                return SubscribeResult(SubscribeStatus.ALREADY_SUBSCRIBED, view, count)
            view = _view(classifier, subscription)
            return SubscribeResult(SubscribeStatus.CREATED, view, count + 1)

    async def list(self, user_id: int) -> list[SubscriptionView]:
        """The person's subscriptions, oldest first."""
        classifier = await self._localities.classifier()
        async with self._sessions() as session:
            subscriptions = await subscription_store.of_user(session, user_id)
            return [_view(classifier, subscription) for subscription in subscriptions]

    async def get(self, user_id: int, subscription_id: int) -> SubscriptionView | None:
        """One of the person's own subscriptions; someone else's id gives None."""
        classifier = await self._localities.classifier()
        async with self._sessions() as session:
            subscription = await subscription_store.owned(session, user_id, subscription_id)
            if subscription is None:
                return None
            return _view(classifier, subscription)

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
        classifier = await self._localities.classifier()
        async with self._sessions() as session:
            subscription = await subscription_store.owned(session, user_id, subscription_id)
            if subscription is None:
                return None
            if subscription.include_descendants != value:
                subscription.include_descendants = value
                await session.commit()
            return _view(classifier, subscription)

    async def count(self, user_id: int) -> int:
        async with self._sessions() as session:
            return await subscription_store.count(session, user_id)


def _view(classifier: Classifier, subscription: Subscription) -> SubscriptionView:
    code = subscription.locality_code
    # Unknown only if the unit was deleted since the classifier was taken (a subscription's
    # locality is a foreign key): its code stands in for its name until the next update.
    unit = classifier.unit(code)
    chain = classifier.ancestors(code)
    return SubscriptionView(
        id=subscription.id,
        locality_code=code,
        name_kk=unit.name_kk if unit else code,
        name_ru=unit.name_ru if unit else code,
        chain_kk=tuple(ancestor.name_kk for ancestor in chain),
        chain_ru=tuple(ancestor.name_ru for ancestor in chain),
        include_descendants=subscription.include_descendants,
        has_children=unit is not None and unit.has_children,
        created_at=subscription.created_at,
    )


__all__ = [
    "MAX_SUBSCRIPTIONS",
    "SubscribeResult",
    "SubscribeStatus",
    "SubscriptionService",
    "SubscriptionView",
]
