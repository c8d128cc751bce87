"""A locality's name that ends with its abbreviated type ("Қараағаш а.о.", "Кеңгір а.",
"Кенгирский с.о.") before a sentence's full stop is not followed by a second one."""

import csv
from pathlib import Path

import pytest

from handlers.names import locality_name
from locales import LOCALES, Translator, single_stop

SAMPLE = Path(__file__).resolve().parents[2] / "storage" / "sample" / "kato_sample.csv"


def names_ending_in_a_stop() -> list[tuple[str, str]]:
    with SAMPLE.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    found = [(row["name_kk"], row["name_ru"]) for row in rows]
    return [(kk, ru) for kk, ru in found if kk.endswith(".") or ru.endswith(".")]


NAMES = names_ending_in_a_stop()
# Messages that put a locality's name right before their own full stop.
BEFORE_A_STOP = ("loc-followed", "loc-already-followed")


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def test_the_sample_has_such_names() -> None:
    assert ("Қараағаш а.о.", "Караагашский с.о.") in NAMES
    assert ("Кеңгір а.", "с.Кенгирское") in NAMES


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("key", BEFORE_A_STOP)
def test_no_double_stop_after_sample_names(translator: Translator, locale: str, key: str) -> None:
    for name_kk, name_ru in NAMES:
        name = locality_name(name_kk, name_ru, locale)
        text = translator.get(locale, key, place=name)
        assert name in text
        assert ".." not in text, text
        bold = translator.get(locale, "officials-accept-done", akimat=name)
        assert ".." not in bold and "а.о.</b>." not in bold, bold


def test_only_the_stop_after_the_value_goes() -> None:
    assert single_stop("Кеңгір а..", {"place": "Кеңгір а."}) == "Кеңгір а."
    assert single_stop("<b>Қараағаш а.о.</b>.", {"a": "Қараағаш а.о."}) == ("<b>Қараағаш а.о.</b>")
    # A stop elsewhere, an ellipsis, a value without a stop, a value inside quotes: untouched.
    assert single_stop("Жол... бар.", {"x": "Жол"}) == "Жол... бар."
    assert single_stop("«Кеңгір а.».", {"place": "Кеңгір а."}) == "«Кеңгір а.»."
    assert single_stop("Кеңгір а...", {"place": "Кеңгір а."}) == "Кеңгір а..."
    assert single_stop("Ұлытау облысы.", {"place": "Ұлытау облысы"}) == "Ұлытау облысы."
