"""The action plan's due date, one rule for every reader of it.

The meeting card (services/lifecycle.py), the plan card (services/plans/reading.py) and the
compliance clock (services/duties.py) all ask here, so they cannot disagree: the due date is
``regulation.results_due`` on the local date of ``now`` (Asia/Almaty unless configured), that
is ten calendar days after the meeting or the last personal reception on or after its day that
has already taken place (seed 001, clause 3.5). A reception recorded for a later day is only
planned: it starts counting on its day.
"""

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from regulation import RuleNotInProfile, results_due


def plan_due_on(
    starts_at: datetime,
    receptions: Iterable[date],
    *,
    now: datetime,
    tz: ZoneInfo,
    profile: str,
) -> date | None:
    """The last day to publish the results and action plan of a meeting starting at the aware
    ``starts_at``, as it stands at ``now``; None for a profile without the rule."""
    try:
        return results_due(
            starts_at.astimezone(tz).date(),
            receptions,
            profile,
            today=now.astimezone(tz).date(),
        )
    except RuleNotInProfile:
        return None


def planned_receptions(receptions: Iterable[date], *, now: datetime, tz: ZoneInfo) -> list[date]:
    """The reception days still to come (after the local date of ``now``): shown as planned,
    not yet counted for the deadline."""
    today = now.astimezone(tz).date()
    return sorted(day for day in receptions if day > today)
