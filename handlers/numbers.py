"""Numbers a person types or a link carries: ASCII digits only, within what the database holds.

``str.isdigit()`` is true for "²" and "٣", which ``int()`` refuses or a clerk never meant, and
an id past 2³¹ − 1 does not fit PostgreSQL's INTEGER: either ended in "something went wrong"
instead of a clear answer.
"""

# The largest id an INTEGER primary key holds (PostgreSQL int4).
MAX_ID = 2**31 - 1
# The largest value of a BIGINT column (PostgreSQL int8): people's Telegram ids.
MAX_TELEGRAM_ID = 2**63 - 1


def whole_number(text: str | None, low: int, high: int) -> int | None:
    """``text`` (spaces around ignored) as a whole number within [low, high]; else None."""
    cleaned = (text or "").strip()
    if not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > len(str(high)):
        return None
    value = int(cleaned)
    return value if low <= value <= high else None


def parse_meeting_id(args: str | None) -> int | None:
    """A meeting's number as typed after a command: "12", "№12", "#12"."""
    return whole_number((args or "").strip().lstrip("№#"), 1, MAX_ID)
