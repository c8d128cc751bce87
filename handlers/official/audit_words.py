"""The audit log in the reader's words: an act's name, what it concerned and its particulars,
each through the locales (services/audit.py keeps them as codes and data)."""

from datetime import date, datetime, time
from html import escape

from locales import Text
from services.audit import AuditAction, AuditDetail
from services.officials import AcceptOutcome

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
    "territory",
    "demand",
    "outside",
)


# Why an attempt was refused (AuditDetail.reason): an invitation's outcome, or a staff command
# typed by someone who is not staff.
REASONS = (
    *(outcome.value for outcome in AcceptOutcome if outcome is not AcceptOutcome.ACCEPTED),
    "not-staff",
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
    if detail.entries is not None:
        parts.append(t("audit-detail-entries", count=detail.entries))
    if detail.reason is not None:
        reason = detail.reason
        parts.append(
            t(f"audit-reason-{reason}") if reason in REASONS else f"<code>{escape(reason)}</code>"
        )
    if detail.invite is not None:
        parts.append(t("audit-target-invite", id=escape(detail.invite)))
    if detail.user is not None:
        parts.append(t("audit-target-user", id=str(detail.user)))
    if detail.meeting is not None:
        parts.append(t("audit-target-meeting", id=str(detail.meeting)))
    if detail.agreed_on is not None:
        parts.append(
            t("audit-detail-agreed", date=_day(t, detail.agreed_on), number=detail.number or "")
        )
    if detail.text:
        parts.append(t("audit-detail-text", text=escape(detail.text[:300])))
    return parts


__all__ = ["TARGET_KINDS", "action_text", "detail_parts", "target_text"]
