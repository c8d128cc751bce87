"""The acts behind the rules are named, never numbered: every seed a rule of any profile comes
from has a name in Kazakh, Russian and English (locales/*/acts.ftl), and no message an
official reads shows a seed's bare number ("document 001") or asks for one ($seed)."""

import re
from zoneinfo import ZoneInfo

import pytest

from handlers.acts import ACT_SEEDS, act_name
from locales import LOCALES, LOCALES_DIR, Translator
from regulation.profiles import PROFILES

TZ = ZoneInfo("Asia/Almaty")
# A seed's short number standing alone: "001", not part of a date or of another number.
BARE_SEED = re.compile(r"(?<![\d.№/-])00[0-4](?![\d])")


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def test_every_rule_comes_from_a_named_act(translator: Translator) -> None:
    seeds = {rule.seed.split("_")[0] for profile in PROFILES.values() for rule in profile.rules}
    assert seeds <= ACT_SEEDS
    for locale in LOCALES:
        t = translator.bind(locale, TZ)
        names = {seed: act_name(t, seed) for seed in ACT_SEEDS}
        assert all(translator.has(locale, f"act-{seed}") for seed in ACT_SEEDS), locale
        assert len(set(names.values())) == len(ACT_SEEDS), names
        assert not any(BARE_SEED.search(name) for name in names.values()), names


@pytest.mark.parametrize("locale", LOCALES)
def test_no_message_shows_a_seed_number(translator: Translator, locale: str) -> None:
    # The sources, not the rendered texts: a number typed into a message, or a message that
    # takes the seed's number as an argument, is what this looks for.
    offenders = []
    for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            if "$seed" in line or BARE_SEED.search(line):
                offenders.append(f"{path.name}:{number}: {line.strip()[:80]}")
    assert offenders == []


def test_an_unknown_seed_stays_as_it_is(translator: Translator) -> None:
    # A rule the profile lacks is shown as "-": it must not turn into a key's name.
    assert act_name(translator.bind("ru", TZ), "-") == "-"
