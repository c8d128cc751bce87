"""/audit in the reader's language: every act the code can write has a name in kk, ru and en,
and no code or English phrase leaks into the Kazakh and Russian log."""

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.official.audit_words import TARGET_KINDS, action_text, detail_parts, target_text
from locales import LOCALES, Text, Translator
from services.audit import AuditAction, AuditDetail
from services.duties import CalendarStep
from services.lifecycle import Act
from services.pool import PoolAction

LATIN = re.compile(r"[A-Za-z]")
EVERYTHING = AuditDetail(
    days_late=14,
    due=date(2026, 2, 19),
    moved_from=datetime(2026, 3, 1, 6, tzinfo=UTC),
    moved_to=datetime(2026, 3, 4, 6, tzinfo=UTC),
    announce_at=datetime(2026, 2, 20, 4, tzinfo=UTC),
    unscheduled=True,
    held_on=date(2026, 3, 5),
    quarter_year=2026,
    quarter_number=4,
    items=3,
    rows=2,
    into_question=17,
    text="Жол жөнделсін",
)


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def text(translator: Translator, locale: str) -> Text:
    return translator.bind(locale, ZoneInfo("Asia/Almaty"))


def test_every_act_the_code_writes_is_an_audit_action() -> None:
    # The services build these names from their own enums: each must be a known act.
    written = [AuditAction(f"meeting.{act.value}") for act in Act]
    written += [AuditAction(f"pool.{action.value}") for action in PoolAction]
    written += [step.audit_action for step in CalendarStep]
    assert all(isinstance(action, AuditAction) for action in written)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_action_has_a_name_in_every_language(translator: Translator, locale: str) -> None:
    t = text(translator, locale)
    keys = translator.keys(locale)
    for action in AuditAction:
        assert f"audit-action-{action.key}" in keys, (locale, action)
        name = action_text(t, action.value)
        assert action.value not in name
        if locale != "en":
            assert not LATIN.search(name), (locale, action, name)


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_particulars_and_targets_have_no_english(translator: Translator, locale: str) -> None:
    t = text(translator, locale)
    parts = detail_parts(t, EVERYTHING)
    # Each particular that is set is said, once (a move's two ends and a quarter are one).
    assert len(parts) == 11
    for part in parts:
        assert not LATIN.search(part), (locale, part)
        assert "audit-" not in part
    for kind in TARGET_KINDS:
        shown = target_text(t, f"{kind}:2026")
        # "id" is how the whole log names a Telegram account (audit-line), in every language.
        words = shown.replace("2026", "").replace("id", "")
        assert "2026" in shown and not LATIN.search(words), (kind, shown)


def test_details_are_stored_as_data_and_read_back() -> None:
    assert AuditDetail.load(EVERYTHING.dump()) == EVERYTHING
    assert AuditDetail().dump() is None
    assert AuditDetail.load(None) is None
    # A row from before the particulars were data keeps its words, shown as quoted text.
    assert AuditDetail.load("late by 11 days") == AuditDetail(text="late by 11 days")


def test_unknown_codes_are_escaped_not_trusted(translator: Translator) -> None:
    t = text(translator, "ru")
    assert action_text(t, "old.<act>") == "<code>old.&lt;act&gt;</code>"
    assert target_text(t, "x<b>") == "<code>x&lt;b&gt;</code>"
