"""Name keys: case, diacritics, Kazakh letters, Latin script and abbreviations."""

import pytest

from services.kato import clean_name, fold, name_key, search_key, sort_key
from services.kato.names import loose_key


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Қарабұлақ  \xa0а.ә.", "Қарабұлақ а.ә."),
        ("  с.о.им.Мукажана  Жумажанова ", "с.о.им.Мукажана Жумажанова"),
        ("Ақтөбе", "Ақтөбе"),
    ],
)
def test_clean_name(name: str, expected: str) -> None:
    assert clean_name(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Қараауыл", "karaauyl"),
        ("Qaraauyl", "karaauyl"),
        ("KARAAUYL", "karaauyl"),
        ("Шымкент", "shymkent"),
        ("Shymkent", "shymkent"),
        ("Şymkent", "shymkent"),
        ("Алматы", "almaty"),
        ("Almaty", "almaty"),
        ("Көкшетау", "kokshetau"),
        ("Kökşetau", "kokshetau"),
        ("Жаңаөзен", "zhanaozen"),
        ("Janaözen", "zhanaozen"),
        ("Ақтөбе", "aktobe"),
        ("Актобе", "aktobe"),
        ("Aqtöbe", "aktobe"),
        ("Түркістан", "turkistan"),
        ("Türkıstan", "turkistan"),
        ("Хромтау", "hromtau"),
        ("Khromtau", "hromtau"),
        ("Ёлкин", "elkin"),
        ("Йошкар", "ioshkar"),
        ("Усть-Каменогорск", "ust kamenogorsk"),
        ("Кїшік жал", "kishik zhal"),
        ("Форт-Шевченко ќ.", "fort shevchenko k"),
        ("«Сагиндиков К.С.»", "sagindikov k s"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Қараауыл а.", "karaauyl"),
        ("с.Карааул", "karaaul"),
        ("Қараауыл а.о.", "karaauyl"),
        ("Карааульский с.о.", "karaaulskii"),
        ("Кенгирбайбийский с.о", "kengirbaibiiskii"),
        ("Бурыл а.о .", "buryl"),
        ("Ұзынқол 1 а", "uzynkol 1"),
        ("с.о.им.Койгельды Аухадиева", "koigeldy auhadieva"),
        ("Қойгелді Аухадиев атын.\xa0а.о.", "koigeldi auhadiev"),
        ("Семей Г.А.", "semei"),
        ("Семей Қ.Ә.", "semei"),
        ("Ақтау Г.А.", "aktau"),
        ("г.Шымкент", "shymkent"),
        ("Шымкент қ.", "shymkent"),
        ("п.а.Жаңаарқа", "zhanaarka"),
        ("Жаңаарқа к.", "zhanaarka"),
        ("Жанааркинский район", "zhanaarkinskii"),
        ("район Жібек жолы", "zhibek zholy"),
        ("Жібек жолы ауданы", "zhibek zholy"),
        ("Абай облысы", "abai"),
        ("область Ұлытау", "ulytau"),
        ("рзд.13", "13"),
        # Initials stay: only the official abbreviations go.
        ("с.о.им.И.Курманова", "i kurmanova"),
        # A name that is nothing but a type word keeps it.
        ("район", "raion"),
    ],
)
def test_name_key_strips_abbreviations(name: str, expected: str) -> None:
    assert name_key(name) == expected


@pytest.mark.parametrize(
    ("spelling_a", "spelling_b"),
    [
        ("Қараауыл а.", "с.Карааул"),  # ауыл / аул, the Kazakh and the Russian spelling
        ("Қараауыл а.", "Караул"),  # doubled letters
        ("Қызылорда", "Kizilorda"),  # ы / и
        ("Есіл", "Yesil"),  # the English "Ye"
        ("Қараағаш а.о.", "Карагаш"),
    ],
)
def test_loose_keys_meet(spelling_a: str, spelling_b: str) -> None:
    assert name_key(spelling_a) != name_key(spelling_b)
    assert loose_key(name_key(spelling_a)) == loose_key(name_key(spelling_b))


def test_search_key_has_four_fields() -> None:
    assert search_key("Қараауыл а.", "с.Карааул") == "karaauyl|karaaul|karaul|karaul"
    assert search_key("Шымкент қ.", "г.Шымкент") == "shymkent|shymkent|shimkent|shimkent"


def test_sort_keys_follow_the_alphabets() -> None:
    kk = ["Өскемен", "Ақтөбе", "Орал", "Іргелі", "Астана", "Әйтеке би", "Жаңаөзен", "Ұлытау"]
    assert sorted(kk, key=lambda name: sort_key(name, "kk")) == [
        "Ақтөбе", "Астана", "Әйтеке би", "Жаңаөзен", "Орал", "Өскемен", "Ұлытау", "Іргелі",
    ]  # fmt: skip
    ru = ["с.Жамбыл", "г.Астана", "район Биржан сал", "Аягозский район", "Ёлкино", "Ежиха"]
    assert sorted(ru, key=lambda name: sort_key(name, "ru")) == [
        "г.Астана", "Аягозский район", "район Биржан сал", "Ежиха", "Ёлкино", "с.Жамбыл",
    ]  # fmt: skip
