"""The audit log in the reader's words: an act's name, what it concerned and its particulars,
each through the locales (services/audit.py keeps them as codes and data)."""

from datetime import date, datetime, time
from html import escape

from locales import Text
from services.audit import AuditAction, AuditDetail

# What an entry's target names, "kind:value" (services write them so): each kind has its words.
TARGET_KINDS = (
    "meeting",
    "question",
    "user",
    "akimat",
    "kato",
    "locality",
    "invite",
    "approve",
    "submit",
)


def action_text(t: Text, action: str) -> str:
    """The act's name; a code no longer in :class:`AuditAction` (an old row) as it is."""
    try:
        known = AuditAction(action)
    except ValueError:
        return f"<code>{escape(action)}</code>"
    return t(f"audit-action-{known.key}")


def target_text(t: Text, target: str) -> str:
    kind, sep, value = target.partition(":")
    if sep and kind in TARGET_KINDS:
        return t(f"audit-target-{kind}", id=escape(value))
    if target.isdigit():
        return target
    # A pressed button's data, or anything else that is a code: shown as a code, escaped.
    return f"<code>{escape(target)}</code>"


def _day(t: Text, day: date) -> str:
    # Noon of the local day: formatting it through `t.date` cannot move it to another day.
    return t.date(datetime.combine(day, time(12), tzinfo=t.tz))


def detail_parts(t: Text, detail: AuditDetail) -> list[str]:
    """The particulars, each a phrase of the reader's language (a person's text escaped)."""
    parts: list[str] = []
    if detail.moved_from is not None and detail.moved_to is not None:
        parts.append(
            t(
                "audit-detail-moved",
                old=t.datetime(detail.moved_from),
                new=t.datetime(detail.moved_to),
            )
        )
    if detail.announce_at is not None:
        parts.append(t("audit-detail-announce-at", when=t.datetime(detail.announce_at)))
    if detail.unscheduled:
        parts.append(t("audit-detail-unscheduled"))
    if detail.days_late:
        parts.append(t("audit-detail-days-late", days=detail.days_late))
    if detail.due is not None:
        parts.append(t("audit-detail-due", date=_day(t, detail.due)))
    if detail.held_on is not None:
        parts.append(t("audit-detail-held-on", date=_day(t, detail.held_on)))
    if detail.quarter_year is not None and detail.quarter_number is not None:
        quarter = t("plan-quarter", year=str(detail.quarter_year), quarter=detail.quarter_number)
        parts.append(t("audit-detail-quarter", quarter=quarter))
    if detail.items is not None:
        parts.append(t("audit-detail-items", count=detail.items))
    if detail.rows is not None:
        parts.append(t("audit-detail-rows", count=detail.rows))
    if detail.into_question is not None:
        parts.append(t("audit-detail-into-question", id=str(detail.into_question)))
    if detail.text:
        parts.append(t("audit-detail-text", text=escape(detail.text[:300])))
    return parts


__all__ = ["TARGET_KINDS", "action_text", "detail_parts", "target_text"]
