"""The rule data: profiles, sources of every rule, explain(), and the data's own checks."""

import dataclasses
import re
from typing import Any, cast

import pytest

from regulation import (
    DEFAULT_PROFILE,
    PROFILES,
    RULE_KEYS,
    AkimLevel,
    AnnouncementRule,
    LeadTime,
    Period,
    Periodicity,
    PeriodicityRule,
    RegulationProfile,
    Rule,
    RuleNotInProfile,
    Source,
    explain,
    get_profile,
)

SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
ALL_RULES = [(profile.name, rule) for profile in PROFILES.values() for rule in profile.rules]

# Where each rule comes from: a change here is a change of legal citation, review it as such.
CITATIONS = [
    ("2022", "announcement", "001_03764bfba3be1069.txt", "3.4"),
    ("2022", "action_plan", "001_03764bfba3be1069.txt", "3.5"),
    ("2022", "progress", "001_03764bfba3be1069.txt", "3.5"),
    ("2022", "calendar_approve", "001_03764bfba3be1069.txt", "2.1"),
    ("2022", "calendar_submit", "001_03764bfba3be1069.txt", "2.2"),
    ("2022", "presentation_share", "001_03764bfba3be1069.txt", "3.3"),
    ("2022", "personal_reception", "001_03764bfba3be1069.txt", "3.5"),
    ("2022", "meeting_period", "001_03764bfba3be1069.txt", "2.1"),
    ("2022", "feedback_index", "004_69eafe078b9faea0.txt", "20, 22, 23"),
    ("2016", "announcement", "000_15ea57a703e35011.txt", "7"),
    ("2016", "action_plan", "000_15ea57a703e35011.txt", "7-4"),
    ("2016", "progress", "000_15ea57a703e35011.txt", "11"),
    ("2016", "calendar_submit", "000_15ea57a703e35011.txt", "6"),
    ("2016", "personal_reception", "000_15ea57a703e35011.txt", "7-3"),
    ("2013", "meeting_period", "002_43ff35fc7fb923e1.txt", "2"),
]


def test_profiles_and_default() -> None:
    assert set(PROFILES) == {"2013", "2016", "2022"}
    assert DEFAULT_PROFILE == "2022"
    assert get_profile(DEFAULT_PROFILE) is PROFILES["2022"]


@pytest.mark.parametrize("name", ["2020", "", "default", "2022 "])
def test_unknown_profile_lists_the_known_ones(name: str) -> None:
    with pytest.raises(ValueError, match="known: 2013, 2016, 2022"):
        get_profile(name)


def test_unhashable_profile_name_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown regulation profile"):
        get_profile(cast(Any, ["2022"]))


def test_profiles_are_immutable() -> None:
    with pytest.raises(TypeError):
        cast(Any, PROFILES)["2030"] = PROFILES["2022"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        cast(Any, PROFILES["2022"]).announcement = None


@pytest.mark.parametrize(("profile", "rule"), ALL_RULES)
def test_every_rule_names_its_source(profile: str, rule: Rule) -> None:
    assert SEED_FILE.match(rule.seed), rule.seed
    assert rule.clause.strip()
    assert rule.summary_en.strip()
    assert rule.quote_kk.strip()
    assert rule.key in RULE_KEYS
    assert getattr(get_profile(profile), rule.key) is rule


def test_citation_table_is_complete() -> None:
    assert sorted((name, rule.key) for name, rule in ALL_RULES) == sorted(
        (name, key) for name, key, _, _ in CITATIONS
    )


@pytest.mark.parametrize(("profile", "key", "seed", "clause"), CITATIONS)
def test_explain_gives_the_citation(profile: str, key: str, seed: str, clause: str) -> None:
    source = explain(key, profile=profile)
    assert isinstance(source, Source)
    assert (source.profile, source.rule_key, source.seed, source.clause) == (
        profile,
        key,
        seed,
        clause,
    )
    assert source.seed_title_en
    assert seed in str(source)
    assert f"clause {clause}" in str(source)


def test_explain_defaults_to_2022() -> None:
    assert explain("announcement") == explain("announcement", "2022")


@pytest.mark.parametrize(
    ("profile", "key"),
    [
        ("2013", "announcement"),
        ("2013", "action_plan"),
        ("2013", "progress"),
        ("2013", "calendar_approve"),
        ("2016", "calendar_approve"),
        ("2016", "presentation_share"),
        ("2016", "meeting_period"),
        ("2016", "feedback_index"),
    ],
)
def test_explain_missing_rule(profile: str, key: str) -> None:
    with pytest.raises(RuleNotInProfile, match=f"'{profile}' has no '{key}'"):
        explain(key, profile=profile)


def test_explain_unknown_key_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="known: announcement, action_plan"):
        explain("deadline")


def test_explain_unknown_profile() -> None:
    with pytest.raises(ValueError, match="unknown regulation profile"):
        explain("announcement", profile="1995")


def test_require_checks_the_rule_type() -> None:
    with pytest.raises(TypeError, match="DaysAfterRule"):
        get_profile("2022").require("action_plan", AnnouncementRule)


RULE_SOURCE = {"seed": "001_03764bfba3be1069.txt", "clause": "3.4", "summary_en": "s"}


def test_levels_in_two_lead_groups_are_rejected() -> None:
    everything = frozenset(AkimLevel)
    with pytest.raises(ValueError, match="appear twice"):
        AnnouncementRule(
            key="announcement",
            quote_kk="q",
            lead_times=(
                LeadTime(levels=everything, days=14),
                LeadTime(levels=frozenset({AkimLevel.VILLAGE}), days=7),
            ),
            **RULE_SOURCE,
        )


def test_level_without_a_period_is_rejected() -> None:
    with pytest.raises(ValueError, match="no value for levels"):
        PeriodicityRule(
            key="meeting_period",
            quote_kk="q",
            groups=(
                Periodicity(
                    levels=frozenset({AkimLevel.OBLAST}), period=Period.YEAR, clause="2.1"
                ),
            ),
            **RULE_SOURCE,
        )


@pytest.mark.parametrize(("days", "months"), [(0, 0), (14, 1), (-7, 0), (7, -1)])
def test_lead_time_is_days_or_months(days: int, months: int) -> None:
    with pytest.raises(ValueError, match="days or of months"):
        LeadTime(levels=frozenset(AkimLevel), days=days, months=months)


def test_profile_field_must_hold_its_own_rule() -> None:
    rule = get_profile("2022").announcement
    with pytest.raises(ValueError, match="field 'meeting_period' holds rule 'announcement'"):
        RegulationProfile(name="x", title_en="x", meeting_period=cast(Any, rule))
