"""The acts the law's rules come from, by name: what an official reads beside a deadline
("<act>, clause 3.4"), never the seed's number. The names are in locales/*/acts.ftl."""

from locales import Text

# The seeds that hold rules (regulation/profiles.py), by their short number.
ACT_SEEDS = frozenset({"000", "001", "002", "004"})


def act_name(t: Text, seed: str) -> str:
    """The act behind the short seed number ``seed`` ("001") in the reader's language; the
    seed itself, unchanged, when it names no act (a "-" for a rule the profile lacks)."""
    if seed not in ACT_SEEDS:
        return seed
    return t(f"act-{seed}")
