"""The host of a meeting is named beside the akim, never as the akim: in Russian a unit's name
is not declined, so "аким: Жанааркинский район" (the akim *is* a district) must not appear."""

import re

import pytest

from locales import LOCALES_DIR, Translator

HOST = "Жанааркинский район"


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def host_messages(translator: Translator) -> list[str]:
    keys = []
    for path in sorted((LOCALES_DIR / "ru").glob("*.ftl")):
        for key, body in re.findall(
            r"^([a-z][\w-]*) =(.*?)(?=^\S|\Z)", path.read_text(), re.M | re.S
        ):
            if re.search(r"ким\S*[:,] \{ \$(host|name) \}", body):
                keys.append(key)
    return keys


def test_no_russian_message_says_the_akim_is_the_unit(translator: Translator) -> None:
    assert host_messages(translator) == []


@pytest.mark.parametrize(
    "key",
    [
        "q-meeting-line",
        "plan-meeting-line",
        "meet-card-host",
        "notice-remind-day",
        "lc-notice-moved",
    ],
)
def test_russian_host_lines_read_as_the_akim_of_the_unit(translator: Translator, key: str) -> None:
    text = translator.get(
        "ru",
        key,
        host=HOST,
        when="1 декабря",
        date="1 декабря",
        id=1,
        time="10:00",
        venue="Дом культуры",
        place="с.Инталы",
        new="2 декабря",
        old="1 декабря",
        cutoff="-",
    )
    assert f"ким ({HOST})" in text
