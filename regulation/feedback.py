"""The feedback index of an akimat (seed 004, the 2024 methodology, clauses 20-23)."""

from dataclasses import dataclass
from fractions import Fraction

from regulation.profiles import PROFILE_2022
from regulation.rules import FeedbackBand, FeedbackIndexRule

# The methodology is one act for every state body, not part of a meeting regime: the index
# always follows it, whichever profile governs the meetings.
FEEDBACK_INDEX_RULE: FeedbackIndexRule = PROFILE_2022.require("feedback_index", FeedbackIndexRule)


@dataclass(frozen=True, slots=True)
class FeedbackIndex:
    """A computed feedback index: ``percent`` in 0..100 and its ``band``."""

    percent: float
    band: FeedbackBand


def _count(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an int count, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def _ratio(name: str, part: int, whole: int) -> Fraction:
    if part > whole:
        raise ValueError(f"{name}: {part} of {whole} is impossible")
    # Seed 004 clause 22: when nothing was received the ratio is 1, so an akimat that got no
    # proposals (or no comments) is judged on the other ratio alone instead of dividing by 0.
    return Fraction(part, whole) if whole else Fraction(1)


def feedback_index(
    accepted: int, proposals: int, answered: int, questions: int, published: bool = True
) -> FeedbackIndex:
    """F = (B/C) x (E/G) x 100 % with its band (seed 004, clauses 20, 22, 23).

    ``accepted`` (B) of ``proposals`` (C) received proposals and remarks; ``answered`` (E) of
    ``questions`` (G) received comments, which the bot reads as citizens' questions. A ratio
    with nothing received is 1 (clause 22). When the results were not made public
    (``published=False``) the index is 0 (clause 23, last paragraph). Bands (clause 23): under
    50 ineffective, 50-69.9 low, 70-89.9 medium, 90-100 high.

    Negative counts, a part larger than its whole and non-int (or bool) counts raise
    ValueError, as does a ``published`` that is not a bool.
    """
    b = _count("accepted", accepted)
    c = _count("proposals", proposals)
    e = _count("answered", answered)
    g = _count("questions", questions)
    if not isinstance(published, bool):
        raise ValueError(f"published must be a bool, got {published!r}")
    # Exact fractions keep the band edges exact: 7/10 is 70 %, not 69.99999999999999 %.
    percent = _ratio("accepted/proposals", b, c) * _ratio("answered/questions", e, g) * 100
    if not published:
        percent = Fraction(0)
    return FeedbackIndex(percent=float(percent), band=FEEDBACK_INDEX_RULE.band_of(percent))
