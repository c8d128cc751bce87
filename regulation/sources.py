"""Why a deadline is what it is: the seed, clause and wording behind each rule."""

from dataclasses import dataclass

from regulation.profiles import DEFAULT_PROFILE, SEED_TITLES_EN, get_profile


@dataclass(frozen=True, slots=True)
class Source:
    """Where one rule of one profile comes from, ready to show to an official."""

    profile: str
    rule_key: str
    seed: str
    seed_title_en: str
    clause: str
    summary_en: str
    quote_kk: str

    def __str__(self) -> str:
        return f"{self.seed_title_en} [{self.seed}], clause {self.clause}: {self.summary_en}"


def explain(rule_key: str, profile: str = DEFAULT_PROFILE) -> Source:
    """The source of rule ``rule_key`` in ``profile``.

    Raises ValueError for an unknown profile or rule key, RuleNotInProfile when the profile's
    seed does not state the rule.
    """
    rule = get_profile(profile).rule(rule_key)
    return Source(
        profile=profile,
        rule_key=rule.key,
        seed=rule.seed,
        seed_title_en=SEED_TITLES_EN[rule.seed],
        clause=rule.clause,
        summary_en=rule.summary_en,
        quote_kk=rule.quote_kk,
    )
