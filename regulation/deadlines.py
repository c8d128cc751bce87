"""Deadline arithmetic: due dates from the rules of a profile.

Counting conventions (REGULATION.md): calendar days, no shift for weekends or holidays; every
date is the meeting's *local* calendar date in Kazakhstan, never a UTC date. The zone of that
local date is the law's, Asia/Almaty, unless the caller passes another one (the bot passes its
TIMEZONE setting, bot/config.py).
"""

import calendar
from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from regulation.levels import AkimLevel
from regulation.profiles import DEFAULT_PROFILE, get_profile
from regulation.rules import AnnouncementRule, CalendarRule, DaysAfterRule, ProgressRule

# One zone for the whole country: UTC+5 since 1 March 2024, and the tz database keeps the
# earlier +6 offset for meetings before that date. The default of every `tz` parameter here.
LOCAL_TIMEZONE = ZoneInfo("Asia/Almaty")


def local_date(moment: datetime, tz: tzinfo = LOCAL_TIMEZONE) -> date:
    """The calendar date of the aware ``moment`` in ``tz`` (Kazakhstan's Asia/Almaty unless
    told otherwise).

    A naive datetime raises ValueError: guessing its zone could move a deadline by a day.
    """
    if not isinstance(moment, datetime):
        raise TypeError(f"expected an aware datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: pass an aware datetime")
    return moment.astimezone(tz).date()


def _months_before(day: date, months: int) -> date:
    # "One month before" is the same day of an earlier month, or that month's last day when it
    # is shorter (31 March -> 28/29 February): the announcement can never fall after the meeting.
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))


def _plain_date(name: str, value: date) -> date:
    # datetime is a subclass of date; letting one through would mix a UTC moment into
    # local-date arithmetic, so callers must convert with local_date() first.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a local date, got {type(value).__name__}")
    return value


def announcement_due(
    level: AkimLevel,
    meeting_start: datetime,
    profile: str = DEFAULT_PROFILE,
    *,
    tz: tzinfo = LOCAL_TIMEZONE,
) -> date:
    """The last day to announce a meeting starting at the aware ``meeting_start``.

    2022 (seed 001, clause 3.4): 14 days before for oblast, republican city, capital, district,
    city of oblast or district significance; 7 days for village, settlement, rural okrug and
    city district. 2016 (seed 000, clause 7): one month before, clamped to the month's last
    day. 2013 states no lead time: RuleNotInProfile.

    Counted back from the meeting's local date in ``tz`` (Asia/Almaty, the law's zone, unless
    told otherwise). A naive datetime raises ValueError; an unknown level raises ValueError.
    """
    rule = get_profile(profile).require("announcement", AnnouncementRule)
    lead = rule.lead_for(AkimLevel(level))
    meeting_day = local_date(meeting_start, tz)
    return _months_before(meeting_day - timedelta(days=lead.days), lead.months)


def action_plan_due(
    meeting_date: date, reception_end: date | None = None, profile: str = DEFAULT_PROFILE
) -> date:
    """The last day to publish the results and action plan: 10 calendar days after the end.

    The count starts when both the meetings and the receptions have ended (2022: seed 001,
    clause 3.5; 2016: seed 000, clause 7-4): ``max(meeting_date, reception_end) + 10 days``.
    A reception the day before the meeting is what seed 000, clause 7-3 asks for ("бір күн
    бұрын", beside the one after it), so a ``reception_end`` before the meeting is valid: the
    period then ends with the meeting. Without ``reception_end`` the meeting day is the end:
    neither seed fixes the day of the reception after the meeting, so no day is invented; pass
    the real end when receptions run later.

    Both dates are local dates. 2013: RuleNotInProfile.
    """
    rule = get_profile(profile).require("action_plan", DaysAfterRule)
    end = _plain_date("meeting_date", meeting_date)
    if reception_end is not None:
        end = max(end, _plain_date("reception_end", reception_end))
    return end + timedelta(days=rule.days)


def results_due(
    meeting_date: date,
    reception_days: Iterable[date] = (),
    profile: str = DEFAULT_PROFILE,
    *,
    today: date,
) -> date:
    """``action_plan_due`` for a meeting and the personal-reception days recorded around it,
    as it stands on the local date ``today``: the one rule every reader of the due date uses.

    Only receptions that have taken place count: a day after ``today`` is a reception still
    planned, and the period ends when the meetings and receptions *have* ended (2022: seed 001,
    clause 3.5; 2016: seed 000, clause 7-4), so a planned day cannot stretch the deadline before
    it comes. Once its day is reached it counts. Of those, only receptions on or after the
    meeting's day end the period; one held before it, like the day-before reception of 2016
    (seed 000, clause 7-3), does not move the deadline.
    """
    today = _plain_date("today", today)
    after = [_plain_date("reception day", day) for day in reception_days]
    after = [day for day in after if meeting_date <= day <= today]
    return action_plan_due(meeting_date, max(after) if after else None, profile)


def progress_due(year: int, quarter: int, profile: str = DEFAULT_PROFILE) -> date:
    """The last day to publish progress on the issues for ``quarter`` (1..4) of ``year``.

    2022 (seed 001, clause 3.5): the 25th of the month after the quarter; 2016 (seed 000,
    clause 11): the 10th. Q4 rolls over into January of ``year + 1``. A quarter outside 1..4
    raises ValueError; 2013: RuleNotInProfile.
    """
    rule = get_profile(profile).require("progress", ProgressRule)
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1, 2, 3 or 4, got {quarter!r}")
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an int, got {year!r}")
    if quarter == 4:
        return date(year + 1, 1, rule.day)
    return date(year, quarter * 3 + 1, rule.day)


def _calendar_due(rule: CalendarRule, year: int) -> date:
    return date(year + rule.year_offset, rule.month, rule.day)


def calendar_deadlines(year: int, profile: str = DEFAULT_PROFILE) -> dict[str, date]:
    """Deadlines for the meeting calendar *of* ``year``, keyed ``approve`` and ``submit``.

    Only the keys the profile states are present. 2022 (seed 001, clauses 2.1 and 2.2): approve
    by 15 January and submit to the Government by 20 January of ``year``. 2016 (seed 000,
    clause 6): submit the schedules by 10 December of ``year - 1``. 2013 has neither: ``{}``.
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an int, got {year!r}")
    chosen = get_profile(profile)
    steps = {"approve": chosen.calendar_approve, "submit": chosen.calendar_submit}
    return {step: _calendar_due(rule, year) for step, rule in steps.items() if rule is not None}


def calendar_levels(profile: str = DEFAULT_PROFILE) -> frozenset[AkimLevel]:
    """The levels whose akims keep the annual calendar (empty where the profile has none).

    2022 (seed 001, clause 2) and 2016 (seed 000, clause 6): oblast, city of republican
    significance, capital.
    """
    chosen = get_profile(profile)
    levels: set[AkimLevel] = set()
    for rule in (chosen.calendar_approve, chosen.calendar_submit):
        if rule is not None:
            levels |= rule.levels
    return frozenset(levels)
