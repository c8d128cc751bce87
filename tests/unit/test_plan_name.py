"""The action plan has one name in each language: the seed's "іс-қимыл жоспары" (seed 001) in
Kazakh, "план действий" in Russian; "іс-шаралар жоспары" / "план мероприятий" once stood
beside them for the same thing."""

import re

import pytest

from locales import LOCALES_DIR

OTHER_NAME = {
    "kk": re.compile(r"іс-шаралар жоспар", re.IGNORECASE),
    "ru": re.compile(r"план[а-я]* мероприятий", re.IGNORECASE),
}
THE_NAME = {"kk": "іс-қимыл жоспар", "ru": "план"}


@pytest.mark.parametrize("locale", sorted(OTHER_NAME))
def test_one_name_for_the_action_plan(locale: str) -> None:
    found = []
    named = 0
    for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {match.group(0)}" for match in OTHER_NAME[locale].finditer(text)]
        named += text.lower().count(THE_NAME[locale])
    assert found == []
    assert named > 5
