"""The bounds of what an official writes and the checks of it, shared by the chat wizard
(drafting.py, progress.py) and the XLSX parser (services/plan_xlsx.py)."""

import re
from datetime import date

from services.plans.views import PlanError, PlanErrorReason

# Bounds of what an official writes: enough for a real plan, small enough for a chat message.
MAX_ITEMS = 200
MIN_TEXT = 3
MAX_SUMMARY = 3000
MAX_PROBLEM = 1000
MAX_MEASURE = 1000
MAX_EXECUTOR = 300
MAX_COMMENT = 1000
MAX_LINKED = 30
# A deadline further away than this is a typing mistake, not a plan.
MAX_DEADLINE_YEARS = 5

_NUMBER = re.compile(r"^([QP])-(\d{4})-(\d{1,6})$", re.IGNORECASE)
_NUMBER_SEPARATORS = re.compile(r"[\s,;]+")


def clean_text(text: str, *, single_line: bool = False) -> str:
    if single_line:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return "\n".join(lines).strip()


def check_text(text: str, limit: int, *, single_line: bool = False) -> str:
    cleaned = clean_text(text, single_line=single_line)
    if len(cleaned) < MIN_TEXT:
        raise PlanError(PlanErrorReason.TOO_SHORT, limit=MIN_TEXT, length=len(cleaned))
    if len(cleaned) > limit:
        raise PlanError(PlanErrorReason.TOO_LONG, limit=limit, length=len(cleaned))
    return cleaned


def check_deadline(due_on: date, meeting_date: date) -> date:
    """An item's deadline: not before the meeting, not absurdly far after it."""
    if due_on < meeting_date:
        raise PlanError(PlanErrorReason.DEADLINE_BEFORE_MEETING, value=meeting_date.isoformat())
    try:
        latest = meeting_date.replace(year=meeting_date.year + MAX_DEADLINE_YEARS)
    except ValueError:  # 29 February
        latest = meeting_date.replace(year=meeting_date.year + MAX_DEADLINE_YEARS, day=28)
    if due_on > latest:
        raise PlanError(PlanErrorReason.DEADLINE_TOO_FAR, limit=MAX_DEADLINE_YEARS)
    return due_on


def normalize_number(token: str) -> str | None:
    """A public question number as stored ("q-2026-123" → "Q-2026-000123"), or None."""
    match = _NUMBER.match(token.strip())
    if match is None:
        return None
    prefix, year, serial = match.groups()
    return f"{prefix.upper()}-{year}-{int(serial):06d}"


def split_numbers(text: str) -> list[str]:
    return [token for token in _NUMBER_SEPARATORS.split(text.strip()) if token]
