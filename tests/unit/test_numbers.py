"""Numbers typed by people or carried by links (handlers/numbers.py): ASCII digits within what
the database holds, else None (a clear answer), never an exception."""

import pytest

from handlers.citizen.start import parse_meeting_payload
from handlers.numbers import MAX_ID, parse_meeting_id, whole_number


@pytest.mark.parametrize(
    ("text", "low", "high", "expected"),
    [
        ("12", 1, 99, 12),
        (" 7 ", 0, 99, 7),
        ("0", 0, 99, 0),
        ("0", 1, 99, None),
        ("100", 0, 99, None),
        ("²", 0, 99, None),  # a digit to str.isdigit(), not to int()
        ("٣", 0, 99, None),  # an Arabic-Indic three: int() takes it, a clerk did not mean it
        ("１２", 0, 99, None),  # full-width digits
        ("-5", 0, 99, None),
        ("1e3", 0, 9999, None),
        ("", 0, 99, None),
        (None, 0, 99, None),
        ("9" * 400, 0, MAX_ID, None),  # no 400-digit int() on the way
    ],
)
def test_whole_number(text: str | None, low: int, high: int, expected: int | None) -> None:
    assert whole_number(text, low, high) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("12", 12),
        ("№12", 12),
        ("#12", 12),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),  # past PostgreSQL's INTEGER
        ("²", None),
        ("0", None),
        (None, None),
    ],
)
def test_parse_meeting_id(args: str | None, expected: int | None) -> None:
    assert parse_meeting_id(args) == expected


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("m12", 12),
        ("m2147483647", MAX_ID),
        ("m2147483648", None),
        ("m²", None),
        ("m", None),
        ("inv_abc", None),
        (None, None),
    ],
)
def test_parse_meeting_payload(payload: str | None, expected: int | None) -> None:
    assert parse_meeting_payload(payload) == expected
