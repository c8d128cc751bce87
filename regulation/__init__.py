"""The law as pure code: the rules of akims' meetings with the population, as data.

Standard library only. Each rule is a frozen dataclass that carries its source (seed file and
clause); :func:`explain` returns that source so the bot can tell an official *why* a deadline
is what it is. Profiles: ``"2022"`` (default, current), ``"2016"`` and ``"2013"`` (historic).
"""

from regulation.coverage import (
    VISITED_LEVELS,
    CoveragePeriod,
    coverage_period,
    needs_visits,
    period_containing,
    visited_levels,
)
from regulation.deadlines import (
    LOCAL_TIMEZONE,
    action_plan_due,
    announcement_due,
    calendar_deadlines,
    calendar_levels,
    local_date,
    progress_due,
    results_due,
)
from regulation.feedback import FeedbackIndex, feedback_index
from regulation.levels import AkimLevel
from regulation.meetings import max_presentation_minutes, meeting_period
from regulation.profiles import (
    DEFAULT_PROFILE,
    PROFILES,
    RULE_KEYS,
    RegulationProfile,
    RuleNotInProfile,
    get_profile,
)
from regulation.rules import (
    AnnouncementRule,
    BandFloor,
    CalendarRule,
    DaysAfterRule,
    FeedbackBand,
    FeedbackIndexRule,
    LeadTime,
    Period,
    Periodicity,
    PeriodicityRule,
    ProgressRule,
    ReceptionRule,
    Rule,
    ShareRule,
)
from regulation.sources import Source, explain

__all__ = [
    "DEFAULT_PROFILE",
    "LOCAL_TIMEZONE",
    "PROFILES",
    "RULE_KEYS",
    "VISITED_LEVELS",
    "AkimLevel",
    "AnnouncementRule",
    "BandFloor",
    "CalendarRule",
    "CoveragePeriod",
    "DaysAfterRule",
    "FeedbackBand",
    "FeedbackIndex",
    "FeedbackIndexRule",
    "LeadTime",
    "Period",
    "Periodicity",
    "PeriodicityRule",
    "ProgressRule",
    "ReceptionRule",
    "RegulationProfile",
    "Rule",
    "RuleNotInProfile",
    "ShareRule",
    "Source",
    "action_plan_due",
    "announcement_due",
    "calendar_deadlines",
    "calendar_levels",
    "coverage_period",
    "explain",
    "feedback_index",
    "get_profile",
    "local_date",
    "max_presentation_minutes",
    "meeting_period",
    "needs_visits",
    "period_containing",
    "progress_due",
    "results_due",
    "visited_levels",
]
