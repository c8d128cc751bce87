"""The meeting itself: how often it is due and how its time is shared."""

from regulation.levels import AkimLevel
from regulation.profiles import DEFAULT_PROFILE, get_profile
from regulation.rules import Periodicity, PeriodicityRule, ShareRule


def max_presentation_minutes(duration_minutes: int, profile: str = DEFAULT_PROFILE) -> int:
    """The longest presentation allowed in a meeting planned for ``duration_minutes``.

    2022 (seed 001, clause 3.3): no more than a quarter of the planned time, rounded down to
    whole minutes so the bound is never exceeded. A duration that is not a positive int raises
    ValueError; profiles without the rule raise RuleNotInProfile.
    """
    rule = get_profile(profile).require("presentation_share", ShareRule)
    if (
        isinstance(duration_minutes, bool)
        or not isinstance(duration_minutes, int)
        or duration_minutes <= 0
    ):
        raise ValueError(f"duration_minutes must be a positive int, got {duration_minutes!r}")
    return int(duration_minutes * rule.max_share)


def meeting_period(level: AkimLevel, profile: str = DEFAULT_PROFILE) -> Periodicity:
    """How often an akim of ``level`` must meet the population.

    2022 (seed 001, clause 2.1): visiting meetings in every subordinate unit, per half-year for
    the oblast akim and per quarter for the others; one meeting a quarter for villages,
    settlements and city districts. 2013 (seed 002, clause 2): yearly in Q1, half-yearly in Q1
    and Q3, or quarterly in the quarter's first month. 2016 (seed 000) leaves periodicity to
    decree No. 190, which is not among the seeds: RuleNotInProfile.
    """
    rule = get_profile(profile).require("meeting_period", PeriodicityRule)
    return rule.periodicity_for(AkimLevel(level))
