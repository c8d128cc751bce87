"""Which official name of a locality a reader gets: one rule for every screen and notice."""

import pytest

from services.kato import name_for_locale, name_language

KK = "Жаңаарқа ауданы"
RU = "Жанааркинский район"


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("kk", "kk"),
        ("ru", "ru"),
        # The classifier has no English names: English readers get the Russian one.
        ("en", "ru"),
        # Anything else (an unexpected locale) falls back to Russian as well.
        ("", "ru"),
        ("KK", "ru"),
    ],
)
def test_name_language(locale: str, language: str) -> None:
    assert name_language(locale) == language


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("kk", KK), ("ru", RU), ("en", RU)],
)
def test_one_name(locale: str, expected: str) -> None:
    assert name_for_locale(KK, RU, locale) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("kk", ("Ұлытау облысы", KK)),
        ("ru", ("Улытауская область", RU)),
        ("en", ("Улытауская область", RU)),
    ],
)
def test_a_chain_of_names(locale: str, expected: tuple[str, ...]) -> None:
    chain_kk = ("Ұлытау облысы", KK)
    chain_ru = ("Улытауская область", RU)
    assert name_for_locale(chain_kk, chain_ru, locale) == expected


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
def test_a_missing_name_stays_missing(locale: str) -> None:
    assert name_for_locale(None, None, locale) is None


@pytest.mark.parametrize(("locale", "expected"), [("kk", "<Қ&>"), ("ru", "<К&>")])
def test_not_escaped(locale: str, expected: str) -> None:
    # Escaping is the caller's business: HTML messages escape, calendar files and buttons not.
    assert name_for_locale("<Қ&>", "<К&>", locale) == expected
