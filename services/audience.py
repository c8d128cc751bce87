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
them the plans, a person's lists show). The code ranges and the candidates above a unit are
computed here (services/kato/codes.py); storage/repositories/meetings.py turns them into plain
SQL over code ranges: no recursive query.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.kato.codes import kato_ancestor_candidates, kato_subtree
from storage.repositories import meetings as meeting_store
from storage.repositories import subscriptions as subscription_store
from storage.repositories.meetings import AudienceQuery, CodeRange, MeetingFilter


def audience_query(audience_code: str) -> AudienceQuery:
    """(user id, locale) of every reachable person with consent who hears of a meeting held for
    ``audience_code``, each once: for the outbox to copy in one statement, or to stream."""
    return meeting_store.audience_query(
        kato_subtree(audience_code), kato_ancestor_candidates(audience_code)
    )


async def subscriptions_of(session: AsyncSession, user_id: int) -> Sequence[Any]:
    """The person's subscriptions as (locality code, include descendants) rows, the input of
    `meetings_seen_by`."""
    return await subscription_store.follows(session, user_id)


def meetings_seen_by(subscriptions: Sequence[Any]) -> MeetingFilter:
    """Meetings whose audience one of these (locality code, include descendants) subscriptions
    hears of; no meeting at all for no subscriptions."""
    containing: set[str] = set()
    ranges: list[CodeRange] = []
    for code, include_descendants in subscriptions:
        containing.add(code)
        containing.update(kato_ancestor_candidates(code))
        if include_descendants:
            ranges.append(kato_subtree(code))
    return meeting_store.seen_among(sorted(containing), ranges)


__all__ = ["audience_query", "meetings_seen_by", "subscriptions_of"]
