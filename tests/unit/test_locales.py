"""Every word a user reads exists, non-empty, in Kazakh, Russian and English."""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from fluent.syntax import FluentParser, FluentSerializer, ast

from locales import LOCALES, LOCALES_DIR, Translator, missing_keys, normalize_locale


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def test_every_key_exists_in_every_locale(translator: Translator) -> None:
    assert {locale: sorted(keys) for locale, keys in missing_keys(translator).items()} == {
        locale: [] for locale in LOCALES
    }


def test_every_locale_has_the_same_files() -> None:
    files = {
        locale: sorted(p.name for p in (LOCALES_DIR / locale).glob("*.ftl")) for locale in LOCALES
    }
    assert files["kk"] == files["ru"] == files["en"]


@pytest.mark.parametrize("locale", LOCALES)
def test_files_parse_without_junk(locale: str) -> None:
    parser = FluentParser()
    for path in (LOCALES_DIR / locale).glob("*.ftl"):
        resource = parser.parse(path.read_text(encoding="utf-8"))
        junk = [str(entry.content)[:60] for entry in resource.body if isinstance(entry, ast.Junk)]
        assert junk == [], f"{path}: {junk}"


# Arguments a message may be given, by name: enough to format every message in tests.
SAMPLE_ARGS = {
    "count": 3,
    "n": 2,
    "total": 5,
    "page": 1,
    "pages": 2,
    "days": 2,
    "number": "Q-2026-000001",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_non_empty_and_valid_telegram_html(
    translator: Translator, locale: str
) -> None:
    for key in sorted(translator.keys(locale)):
        text = translator.get(locale, key, **SAMPLE_ARGS)
        assert text.strip(), f"{locale}/{key} is empty"
        # A literal <, > or & in a message would break Telegram's HTML parser: only the tags
        # Telegram knows, and escaped entities.
        stripped = re.sub(r"</?(b|i|u|s|code|pre|a( href=\"[^\"]*\")?|blockquote)>", "", text)
        stripped = re.sub(r"&(lt|gt|amp|quot);", "", stripped)
        assert "<" not in stripped and ">" not in stripped, f"{locale}/{key}: {text!r}"
        assert "&" not in stripped, f"{locale}/{key}: {text!r}"


def test_same_arguments_in_every_locale() -> None:
    parser, serializer = FluentParser(), FluentSerializer()
    variables: dict[str, dict[str, set[str]]] = {}
    for locale in LOCALES:
        for path in (LOCALES_DIR / locale).glob("*.ftl"):
            for entry in parser.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(entry, ast.Message):
                    source = serializer.serialize_entry(entry)
                    found = set(re.findall(r"\{\s*\$([a-z_]+)", source))
                    variables.setdefault(entry.id.name, {})[locale] = found
    mismatched = {
        key: per_locale
        for key, per_locale in variables.items()
        if len({frozenset(v) for v in per_locale.values()}) > 1
    }
    assert mismatched == {}


@pytest.mark.parametrize(
    ("code", "expected"),
    [("kk", "kk"), ("ru-RU", "ru"), ("en_US", "en"), ("de", "kk"), (None, "kk"), ("", "kk")],
)
def test_normalize_locale(code: str | None, expected: str) -> None:
    assert normalize_locale(code, "kk") == expected


def test_dates_are_local_and_localised(translator: Translator) -> None:
    moment = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # 15:00 in Almaty
    almaty = ZoneInfo("Asia/Almaty")
    assert translator.bind("kk", almaty).datetime(moment) == "1 желтоқсан 2026, 15:00"
    assert translator.bind("ru", almaty).datetime(moment) == "1 декабря 2026, 15:00"
    assert translator.bind("en", almaty).datetime(moment) == "1 December 2026, 15:00"


def test_missing_key_falls_back_to_the_key_not_a_crash(translator: Translator) -> None:
    assert translator.get("kk", "no-such-key") == "no-such-key"
