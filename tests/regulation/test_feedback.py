"""feedback_index: seed 004, clauses 20, 22, 23."""

import dataclasses
from fractions import Fraction
from typing import Any, cast

import pytest

from regulation import FeedbackBand, FeedbackIndex, feedback_index
from regulation.feedback import FEEDBACK_INDEX_RULE


@pytest.mark.parametrize(
    ("accepted", "proposals", "answered", "questions", "published", "percent", "band"),
    [
        # Nothing received: both ratios are 1 (clause 22).
        (0, 0, 0, 0, True, 100.0, FeedbackBand.HIGH),
        (0, 0, 3, 4, True, 75.0, FeedbackBand.MEDIUM),
        (3, 4, 0, 0, True, 75.0, FeedbackBand.MEDIUM),
        (0, 10, 0, 0, True, 0.0, FeedbackBand.INEFFECTIVE),
        (0, 0, 0, 5, True, 0.0, FeedbackBand.INEFFECTIVE),
        # The two ratios multiply.
        (1, 2, 1, 2, True, 25.0, FeedbackBand.INEFFECTIVE),
        (9, 10, 9, 10, True, 81.0, FeedbackBand.MEDIUM),
        (10, 10, 10, 10, True, 100.0, FeedbackBand.HIGH),
        # Band edges (clause 23).
        (4999, 10000, 0, 0, True, 49.99, FeedbackBand.INEFFECTIVE),
        (5, 10, 0, 0, True, 50.0, FeedbackBand.LOW),
        (699, 1000, 0, 0, True, 69.9, FeedbackBand.LOW),
        (6995, 10000, 0, 0, True, 69.95, FeedbackBand.LOW),
        (7, 10, 0, 0, True, 70.0, FeedbackBand.MEDIUM),
        (899, 1000, 0, 0, True, 89.9, FeedbackBand.MEDIUM),
        (8999, 10000, 0, 0, True, 89.99, FeedbackBand.MEDIUM),
        (9, 10, 0, 0, True, 90.0, FeedbackBand.HIGH),
        (7, 10, 10, 10, True, 70.0, FeedbackBand.MEDIUM),
        # Results not public: F = 0 whatever the counts (clause 23, last paragraph).
        (10, 10, 10, 10, False, 0.0, FeedbackBand.INEFFECTIVE),
        (0, 0, 0, 0, False, 0.0, FeedbackBand.INEFFECTIVE),
    ],
)
def test_feedback_index(
    accepted: int,
    proposals: int,
    answered: int,
    questions: int,
    published: bool,
    percent: float,
    band: FeedbackBand,
) -> None:
    result = feedback_index(accepted, proposals, answered, questions, published=published)
    assert isinstance(result, FeedbackIndex)
    assert isinstance(result.percent, float)
    assert result.percent == pytest.approx(percent)
    assert result.band is band


def test_feedback_index_is_published_by_default() -> None:
    assert feedback_index(1, 3, 0, 0).percent == pytest.approx(100 / 3)


def test_feedback_index_is_frozen() -> None:
    result = feedback_index(1, 1, 1, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cast(Any, result).percent = 0.0


@pytest.mark.parametrize(
    ("accepted", "proposals", "answered", "questions", "message"),
    [
        (-1, 0, 0, 0, "accepted must not be negative"),
        (0, -1, 0, 0, "proposals must not be negative"),
        (0, 0, -1, 0, "answered must not be negative"),
        (0, 0, 0, -1, "questions must not be negative"),
        (3, 2, 0, 0, "accepted/proposals"),
        (1, 0, 0, 0, "accepted/proposals"),
        (0, 0, 3, 2, "answered/questions"),
        (0, 0, 1, 0, "answered/questions"),
        (1.0, 2, 0, 0, "accepted must be an int"),
        (True, 2, 0, 0, "accepted must be an int"),
        ("1", 2, 0, 0, "accepted must be an int"),
        (0, 0, 0, False, "questions must be an int"),
        (0, None, 0, 0, "proposals must be an int"),
    ],
)
def test_impossible_counts_are_rejected(
    accepted: object, proposals: object, answered: object, questions: object, message: str
) -> None:
    counts = cast(Any, (accepted, proposals, answered, questions))
    with pytest.raises(ValueError, match=message):
        feedback_index(*counts)


def test_impossible_counts_are_rejected_even_when_unpublished() -> None:
    with pytest.raises(ValueError, match="accepted/proposals"):
        feedback_index(3, 2, 0, 0, published=False)


@pytest.mark.parametrize("published", [1, 0, "yes", None])
def test_published_must_be_a_bool(published: object) -> None:
    with pytest.raises(ValueError, match="published"):
        feedback_index(1, 1, 1, 1, published=cast(Any, published))


@pytest.mark.parametrize("percent", [Fraction(-1, 100), Fraction(10001, 100)])
def test_band_of_rejects_out_of_range(percent: Fraction) -> None:
    with pytest.raises(ValueError, match="between 0 and 100"):
        FEEDBACK_INDEX_RULE.band_of(percent)
