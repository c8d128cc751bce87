"""The citizen's /settings applied to a notification: the rule lives in services/ (the pool's
"notified" count asks it too); the sender imports it from here as before."""

from services.delivery_policy import (
    NEVER_OFF,
    SEND,
    SKIP,
    SWITCHES,
    URGENT_KINDS,
    Decision,
    Preferences,
    Verdict,
    decide,
    in_quiet_hours,
    is_switched_on,
    quiet_hours_end,
)

__all__ = [
    "NEVER_OFF",
    "SEND",
    "SKIP",
    "SWITCHES",
    "URGENT_KINDS",
    "Decision",
    "Preferences",
    "Verdict",
    "decide",
    "in_quiet_hours",
    "is_switched_on",
    "quiet_hours_end",
]
