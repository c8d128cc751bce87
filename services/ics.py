"""A meeting as an iCalendar file (RFC 5545), so a citizen can add it to their calendar.

Times are written in UTC ("Z" form): every calendar app converts them to the phone's zone, and
no VTIMEZONE block is needed.
"""

from datetime import UTC, datetime

from services.meetings import MeetingView

PRODUCT_ID = "-//Kezdesu//Akim meetings//EN"
UID_DOMAIN = "kezdesu"
# RFC 5545, 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
MAX_LINE_OCTETS = 75
CRLF = "\r\n"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets (continuations start with a
    space), never inside a multi-byte UTF-8 character."""
    pieces: list[str] = []
    current = ""
    current_octets = 0
    for char in line:
        size = len(char.encode("utf-8"))
        if current_octets + size > MAX_LINE_OCTETS:
            pieces.append(current)
            # The leading space of a continuation line counts towards its 75 octets.
            current, current_octets = " ", 1
        current += char
        current_octets += size
    pieces.append(current)
    return CRLF.join(pieces)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(
    meeting: MeetingView,
    summary: str,
    description: str,
    url: str | None,
    *,
    location: str | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """The meeting as a one-event VCALENDAR, UTF-8, CRLF line ends.

    ``summary`` and ``description`` are plain text in the reader's language; ``location``
    defaults to the meeting's place. ``stamp`` (DTSTAMP) defaults to the moment the meeting
    was announced, else its start, so the same meeting always gives the same file.
    """
    dtstamp = stamp or meeting.announced_at or meeting.starts_at
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.id}@{UID_DOMAIN}",
        f"DTSTAMP:{utc_stamp(dtstamp)}",
        f"DTSTART:{utc_stamp(meeting.starts_at)}",
        f"DTEND:{utc_stamp(meeting.ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
        f"LOCATION:{escape_text(location if location is not None else meeting.place)}",
        f"DESCRIPTION:{escape_text(description)}",
    ]
    if url:
        # URL is a URI value, not TEXT: it is not escaped (RFC 5545, 3.8.4.6).
        lines.append(f"URL:{url}")
    lines += ["STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    return (CRLF.join(fold(line) for line in lines) + CRLF).encode("utf-8")


__all__ = ["escape_text", "fold", "meeting_ics", "utc_stamp"]
