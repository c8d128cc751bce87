"""Keys built at run time (`t(f"lc-status-{status.value}")`) exist in Kazakh, Russian and English.

`test_locales` checks the keys the three languages share; a key put together from an enum is
in none of the files until someone writes it, and the citizen would read the bare key. Every
f-string key in the code is found here by reading the source (`ast`), and each must be in
`KEY_VALUES` with the values it can take: a new one that is not in the table fails the test,
so it cannot slip in unnoticed.
"""

import ast
import re
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path

import pytest

from handlers.acts import ACT_SEEDS
from handlers.menus import (
    ADMIN_COMMANDS,
    CITIZEN_COMMANDS,
    COORDINATOR_COMMANDS,
    OFFICIAL_COMMANDS,
)
from handlers.official.audit_words import REASONS, TARGET_KINDS
from handlers.official.office import ADMIN_OFFICE_COMMANDS
from handlers.official.report import REPORT_FILES
from locales import LOCALES, Translator
from regulation import FeedbackBand
from regulation.report_periods import PeriodKind
from services.audit import AuditAction
from services.calendar import CalendarErrorReason
from services.calendar_xlsx import CalendarFileProblem
from services.channels import BREAK_REASONS, ChannelLanguage, ChannelRefusal
from services.coordinators import CoordinatorsErrorReason
from services.coverage import UnitState
from services.demands import DemandErrorReason, DemandStatus, SupportOutcome
from services.duties import CalendarStep, DutyKind
from services.feedback import EntryErrorReason, FeedbackChannel, QuestionKind, Verdict, ZeroReason
from services.feedback_report import (
    CHANNEL_COLUMNS,
    CHART_NAMES,
    COVERAGE_PARTS,
    INDEX_COLUMNS,
    ON_TIME_GROUPS,
    ON_TIME_PARTS,
    PACKAGE_COLUMNS,
    PARTICIPATION_COLUMNS,
)
from services.feedback_xlsx import EntryFileProblem
from services.lifecycle import LifecycleErrorReason, ListGroup
from services.meetings import MeetingErrorReason
from services.officials import InviteStatus, OfficialsErrorReason
from services.open_data import TABLES as OPEN_DATA_TABLES
from services.plan_xlsx import FileProblem
from services.plans import PlanErrorReason
from services.preferences import NoticeSwitch, QuietHoursErrorReason
from services.statuses import OutboxStatus
from storage.models import CalendarEntryKind, CalendarStatus, MeetingStatus

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("bot", "handlers", "services", "scheduler")

# A piece of a key between the placeholders: Fluent identifiers, lower case in this project.
KEY_PART = re.compile(r"[a-z0-9_-]*")
KEY_START = re.compile(r"[a-z][a-z0-9_]*-")

Values = Iterable[str] | type[Enum]

# Each f-string key, as a template with `{}` for each placeholder, and the values that can fill
# it (an enum: all its values). Where only part of an enum can reach the call, the comment says
# why; the narrower the set, the more it must be justified by the code beside the call.
KEY_VALUES: dict[str, tuple[Values, ...]] = {
    # The akimat's channel (handlers/official/channel.py, handlers/notices/channel.py).
    "channel-language-{}": (ChannelLanguage,),
    "channel-refused-{}": (ChannelRefusal,),
    "channel-reason-{}": (BREAK_REASONS,),
    "channel-zero-{}": (ZeroReason,),
    # The acts the rules come from, by their seeds' numbers (handlers/acts.py).
    "act-{}": (ACT_SEEDS,),
    "admin-error-{}": (MeetingErrorReason,),
    "admin-outbox-status-{}": (OutboxStatus,),
    "calendar-error-{}": (CalendarErrorReason,),
    "calendar-file-{}": (CalendarFileProblem,),
    "calendar-kind-{}": (CalendarEntryKind,),
    "calendar-status-{}": (CalendarStatus,),
    # Every act the audit log can hold, by its name as a message id (dots are not allowed).
    "audit-action-{}": (tuple(action.key for action in AuditAction),),
    "audit-target-{}": (TARGET_KINDS,),
    "audit-reason-{}": (REASONS,),
    # The command menus: bot/commands.py (everyone, admins) and /office (officials, admins).
    "cmd-{}": (
        CITIZEN_COMMANDS,
        ADMIN_COMMANDS,
        OFFICIAL_COMMANDS,
        COORDINATOR_COMMANDS,
        ADMIN_OFFICE_COMMANDS,
    ),
    "coverage-unit-{}": (UnitState,),
    "open-data-table-{}": (OPEN_DATA_TABLES,),
    "deadlines-kind-{}": (DutyKind,),
    "deadlines-mark-{}-button": (CalendarStep,),
    "deadlines-mark-confirm-{}": (CalendarStep,),
    "language-name-{}": (LOCALES,),
    "lc-error-{}": (LifecycleErrorReason,),
    "lc-list-empty-{}": (ListGroup,),
    "lc-list-title-{}": (ListGroup,),
    "lc-status-{}": (MeetingStatus,),
    "lc-tab-{}": (ListGroup,),
    "officials-error-{}": (OfficialsErrorReason,),
    "coord-error-{}": (CoordinatorsErrorReason,),
    "demand-error-{}": (DemandErrorReason,),
    "demand-status-{}": (DemandStatus,),
    "demand-support-{}": (SupportOutcome,),
    # A pending invitation is revoked then and there ("officials-revoked"), never this line.
    "officials-revoke-{}": (
        tuple(status for status in InviteStatus if status is not InviteStatus.PENDING),
    ),
    "entry-channel-{}": (FeedbackChannel,),
    "entry-error-{}": (EntryErrorReason,),
    "entry-file-{}": (EntryFileProblem,),
    "entry-kind-{}": (QuestionKind,),
    "plan-error-{}": (PlanErrorReason,),
    "plan-file-{}": (FileProblem,),
    # The parts of the on-time record, in the charts and the workbook's columns.
    "report-{}": (ON_TIME_PARTS,),
    "report-band-{}": (FeedbackBand,),
    # The charts' captions, and those of the two workbooks /report sends.
    "report-caption-{}": (CHART_NAMES, tuple(REPORT_FILES.values())),
    # "bot" for what came through the bot itself; the other channels of an official's entry.
    "report-channel-{}": (("bot",), FeedbackChannel),
    "report-coverage-{}": (COVERAGE_PARTS,),
    "report-ontime-{}": (ON_TIME_GROUPS,),
    "report-package-sheet-{}": (QuestionKind,),
    "report-package-{}": (PACKAGE_COLUMNS,),
    "report-period-{}": (PeriodKind,),
    "report-verdict-{}": (Verdict,),
    "report-xlsx-{}": (INDEX_COLUMNS, PARTICIPATION_COLUMNS),
    "report-xlsx-channel-{}": (CHANNEL_COLUMNS,),
    "report-zero-{}": (ZeroReason,),
    "settings-quiet-error-{}": (QuietHoursErrorReason,),
    "settings-switch-{}": (NoticeSwitch,),
}


def template(node: ast.JoinedStr) -> str | None:
    """``f"lc-status-{meeting.status.value}"`` as ``"lc-status-{}"``; None if not a key."""
    parts: list[str] = []
    for value in node.values:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            if not KEY_PART.fullmatch(value.value):
                return None
            parts.append(value.value)
        else:
            parts.append("{}")
    text = "".join(parts)
    return text if KEY_START.match(text) else None


def dynamic_keys() -> Iterator[tuple[str, str]]:
    """(template, "file:line") for each call given an f-string that looks like a locale key:
    `t(f"…")`, and `translator.get(locale, f"…")` too."""
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                for argument in node.args:
                    if isinstance(argument, ast.JoinedStr) and (key := template(argument)):
                        yield key, f"{path.relative_to(ROOT)}:{node.lineno}"


def values(sources: tuple[Values, ...]) -> list[str]:
    found: list[str] = []
    for source in sources:
        for item in source:
            found.append(str(item.value) if isinstance(item, Enum) else str(item))
    return sorted(set(found))


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def test_the_scan_finds_the_keys_it_should() -> None:
    # The scan itself works: a few templates known to be in the code, and no plain message.
    found = {key for key, _ in dynamic_keys()}
    assert {"lc-status-{}", "deadlines-mark-{}-button", "cmd-{}"} <= found
    assert not any(" " in key for key in found)


def test_every_dynamic_key_is_in_the_table() -> None:
    unknown = sorted(f"{site}: {key}" for key, site in dynamic_keys() if key not in KEY_VALUES)
    assert unknown == [], (
        "a key built with an f-string that KEY_VALUES does not cover; add it with the enum "
        "or the values it can take"
    )


def test_the_table_has_no_stale_entries() -> None:
    found = {key for key, _ in dynamic_keys()}
    assert sorted(set(KEY_VALUES) - found) == []


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("pattern", sorted(KEY_VALUES))
def test_every_value_has_its_key(translator: Translator, locale: str, pattern: str) -> None:
    assert pattern.count("{}") == 1, "one placeholder per key; a key of two needs its pairs"
    missing = [
        key
        for value in values(KEY_VALUES[pattern])
        if not translator.has(locale, key := pattern.replace("{}", value))
    ]
    assert missing == []
