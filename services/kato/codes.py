"""The structure of a KATO code: which codes lie inside a unit, and which may contain it.

The code carries the tree (AB oblast, CD district, EF okrug, HIJ settlement, H00 a settlement
with smaller ones under it), and the parent of a unit is always the nearest existing truncation
of its code (`/work/shared/data/kato/NOTES.md`). So "inside X" is a range of codes (one index
range scan, the same on SQLite and PostgreSQL) and the ancestors of X are at most four candidate
truncations: no recursive query is needed either way.
"""


def kato_prefix(code: str) -> str:
    """The part of a 9-digit KATO code that every unit inside it shares.

    An oblast "100000000" → "10"; a district "103200000" → "1032"; an okrug "103230000" →
    "103230"; a settlement with smaller ones under it "103230100" → "1032301"; any other
    settlement is a leaf: its whole code.
    """
    if code[2:] == "0000000":
        return code[:2]
    if code[4:] == "00000":
        return code[:4]
    if code[6:] == "000":
        return code[:6]
    if code[7:] == "00":
        return code[:7]
    return code


def kato_subtree(code: str) -> tuple[str, str]:
    """The inclusive range of codes of ``code`` and every unit inside it."""
    prefix = kato_prefix(code)
    return prefix.ljust(9, "0"), prefix.ljust(9, "9")


def kato_contains(outer: str, inner: str) -> bool:
    """Whether ``inner`` is ``outer`` or a unit inside it."""
    low, high = kato_subtree(outer)
    return len(inner) == 9 and low <= inner <= high


def kato_ancestor_candidates(code: str) -> list[str]:
    """Codes that may contain ``code`` (not ``code`` itself), nearest last.

    Some candidates do not exist (a town of district significance sits right under its
    district, with no okrug code between); they simply match nothing.
    """
    candidates = [code[:2] + "0000000", code[:4] + "00000", code[:6] + "000", code[:7] + "00"]
    seen: list[str] = []
    for candidate in candidates:
        if candidate != code and candidate not in seen and kato_contains(candidate, code):
            seen.append(candidate)
    return seen


__all__ = ["kato_ancestor_candidates", "kato_contains", "kato_prefix", "kato_subtree"]
