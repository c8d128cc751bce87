"""Who hears of a meeting (its *audience*): the one rule, for both directions.

A meeting is held for one KATO unit, and it concerns everyone who lives anywhere inside it (an
oblast-wide meeting concerns every village of the oblast). So a person hears of it when they
follow

- the audience unit itself or any unit inside it (a village subscriber hears of the meetings of
  their village, okrug, district and oblast), or
- a unit that contains the audience, with "everything inside" switched on (a district
  subscriber who asked for everything hears of the meetings of each of its villages).

`audience_query` reads the rule from the meeting's side (the people to tell, for the outbox to
copy in one statement); `meetings_seen_by` from the subscriber's side (the meetings, and through
them the plans, a person's lists show). Both stay plain SQL over code ranges (services/kato/
codes.py): no recursive query.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.kato.codes import kato_ancestor_candidates, kato_subtree
from storage.models import Meeting, Subscription, User


def audience_query(audience_code: str) -> Select[int, str | None]:
    """(user id, locale) of every reachable person with consent who hears of a meeting held for
    ``audience_code``, each once: for the outbox to copy in one statement, or to stream."""
    low, high = kato_subtree(audience_code)
    ancestors = kato_ancestor_candidates(audience_code)
    follows = exists().where(
        Subscription.user_id == User.id,
        or_(
            Subscription.locality_code.between(low, high),
            and_(
                Subscription.include_descendants.is_(True),
                Subscription.locality_code.in_(ancestors) if ancestors else false(),
            ),
        ),
    )
    return select(User.id, User.locale).where(
        User.is_active.is_(True), User.consent_at.is_not(None), follows
    )


async def subscriptions_of(session: AsyncSession, user_id: int) -> Sequence[Any]:
    """The person's subscriptions as (locality code, include descendants) rows, the input of
    `meetings_seen_by`."""
    return (
        await session.execute(
            select(Subscription.locality_code, Subscription.include_descendants).where(
                Subscription.user_id == user_id
            )
        )
    ).all()


def meetings_seen_by(subscriptions: Sequence[Any]) -> ColumnElement[bool]:
    """Meetings whose audience one of these (locality code, include descendants) subscriptions
    hears of; no meeting at all for no subscriptions."""
    if not subscriptions:
        return false()
    containing: set[str] = set()
    ranges: list[ColumnElement[bool]] = []
    for code, include_descendants in subscriptions:
        containing.add(code)
        containing.update(kato_ancestor_candidates(code))
        if include_descendants:
            low, high = kato_subtree(code)
            ranges.append(Meeting.audience_code.between(low, high))
    return or_(Meeting.audience_code.in_(sorted(containing)), *ranges)


__all__ = ["audience_query", "meetings_seen_by", "subscriptions_of"]
