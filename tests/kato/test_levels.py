"""The akim of each KATO unit: a table of real rows, then the whole classifier."""

import csv
from collections import Counter
from pathlib import Path

import pytest

from regulation.levels import AkimLevel
from services.kato import akim_level

A = AkimLevel
OB, DI, SD, SE = "oblast", "district", "sub_district", "settlement"


@pytest.mark.parametrize(
    ("code", "type_code", "name_ru", "name_kk", "level", "expected"),
    [
        ("710000000", 1, "г.Астана", "Астана қ.", OB, A.CAPITAL),
        ("750000000", 1, "г.Алматы", "Алматы қ.", OB, A.REPUBLICAN_CITY),
        ("790000000", 1, "г.Шымкент", "Шымкент қ.", OB, A.REPUBLICAN_CITY),
        ("620000000", 0, "область Ұлытау", "Ұлытау облысы", OB, A.OBLAST),
        ("101000000", 1, "Семей Г.А.", "Семей Қ.Ә.", DI, A.OBLAST_CITY),
        ("471000000", 3, "Актау Г.А.", "Ақтау Г.А.", DI, A.OBLAST_CITY),
        ("103600000", 4, "Аягозский район", "Аягөз ауданы", DI, A.DISTRICT),
        ("593600000", 4, "Район Магжана Жумабаева", "Мағжан Жұмабаев ауданы", DI, A.DISTRICT),
        ("711210000", 1, "район Есиль", "Есіл ауданы", SD, A.CITY_DISTRICT),
        ("751110000", 1, "Алмалинский район", "Алмалы ауданы", SD, A.CITY_DISTRICT),
        ("351011000", 3, "Әлихан Бөкейхан р.а.", "Әлихан Бөкейхан а.ә.", SD, A.CITY_DISTRICT),
        ("101010000", 1, "г.Семей", "Семей қ.", SD, A.OBLAST_CITY),
        ("103620000", 3, "Аягоз г.а.", "Аягөз қ.ә.", SD, A.DISTRICT_CITY),
        ("634820000", 3, "г.а.Алтай", "Алтай қ.ә.", SD, A.DISTRICT_CITY),
        ("103230000", 2, "Карааульский с.о.", "Қараауыл а.о.", SD, A.RURAL_OKRUG),
        ("103233000", 2, "Кенгирбайбийский с.о", "Кеңгірбай би а.о.", SD, A.RURAL_OKRUG),
        (
            "104445000",
            2,
            "с.о.им.Койгельды Аухадиева",
            "Қойгелді Аухадиев атын.\xa0а.о.",
            SD,
            A.RURAL_OKRUG,
        ),
        ("111843000", 2, "Карабулакская с.а.", "Қарабұлақ  \xa0а.ә.", SD, A.VILLAGE),
        ("104163000", 1, "Чаганская п.а.", "Шаған к.ә.", SD, A.SETTLEMENT),
        ("351011100", 1, "район Әлихан Бөкейхан", "Әлихан Бөкейхан ауданы", SE, A.CITY_DISTRICT),
        ("351013100", 1, "район им.Казыбек би", "Қазыбек би атын.ауданы", SE, A.CITY_DISTRICT),
        ("113820100", 1, "г.Атбасар", "Атбасар қ.", SE, A.DISTRICT_CITY),
        ("475220100", 1, "г.Форт-Шевченко", "Форт-Шевченко ќ.", SE, A.DISTRICT_CITY),
        ("104163100", 1, "п.Чаган", "Шаған к.", SE, A.SETTLEMENT),
        ("103841103", 2, "Поселок ХПП", "ХПП кенті", SE, A.SETTLEMENT),
        ("103230100", 2, "с.Карааул", "Қараауыл а.", SE, A.VILLAGE),
        ("156435200", 2, "с. им.Актан батыра", "Ақтан батыр ат.ауыл", SE, A.VILLAGE),
        ("353647100", 2, "с.Актас", "а.Ақтас", SE, A.VILLAGE),
        ("395431100", 2, "Заречное с.", "Заречный а.", SE, A.VILLAGE),
        ("275433114", 2, "с.Топжиде 1", "Топжиде 1а.", SE, A.VILLAGE),
        ("113637200", 2, "с.Шиликти", "Шілікті а", SE, A.VILLAGE),
        ("551653100", 2, "с.им.Мамаита Омарова", "Мамаит Омаров атын.с.", SE, A.VILLAGE),
        # No akim: farms, wintering places, railway, plots, shepherds' houses, points...
        ("621039102", 2, "кр.хоз. «Сагиндиков К.С.»", "«Сагиндиков К.С.» шар.қож.", SE, None),
        ("623855102", 2, "зимовка Акбекет", "Ақбекет қыстауы", SE, None),
        ("156047500", 2, "ст.Жазык", "Жазық ст.", SE, None),
        ("433257600", 2, "рзд.82 Курылык", "рзд.82 Құрылық", SE, None),
        ("114653111", 2, "отг.Сайдали", "Сайдәлі ж.", SE, None),
        ("234847514", 2, "уч.Торткудык", "Төртқұдық уч.", SE, None),
        ("613655103", 2, "Чабанский жил.дом", "Шопан үйі", SE, None),
        ("156433102", 2, "точка Аккора", "Аққора мекені", SE, None),
        # "П." is an initial here, not "п." (посёлок).
        ("115630115", 2, "Пионерлагерь П.Морозова", "П.Морозов пионерлагері", SE, None),
        ("276043104", 2, "Жанааул", "Жаңаауыл", SE, None),
    ],
)
def test_akim_level(
    code: str,
    type_code: int,
    name_ru: str,
    name_kk: str,
    level: str,
    expected: AkimLevel | None,
) -> None:
    assert akim_level(code, type_code, name_ru, name_kk, level) is expected


def test_unknown_structural_level() -> None:
    with pytest.raises(ValueError, match="unknown structural level"):
        akim_level("620000000", 0, "область Ұлытау", "Ұлытау облысы", "region")


# Measured on НК РК 11-2025 as of 2026-07-17 (15,594 rows).
EXPECTED_COUNTS = {
    (OB, A.CAPITAL): 1,
    (OB, A.REPUBLICAN_CITY): 2,
    (OB, A.OBLAST): 17,
    (DI, A.OBLAST_CITY): 39,  # the city administrations ("Г.А.")
    (DI, A.DISTRICT): 170,
    (SD, A.CITY_DISTRICT): 21,  # 19 in Astana/Almaty/Shymkent, 2 in Karaganda
    (SD, A.OBLAST_CITY): 39,  # the cities proper, EF=10
    (SD, A.DISTRICT_CITY): 32,  # "г.а."
    (SD, A.RURAL_OKRUG): 2108,
    (SD, A.SETTLEMENT): 71,  # "п.а."
    (SD, A.VILLAGE): 108,  # "с.а."
    (SE, A.CITY_DISTRICT): 6,  # inside Aktobe, Taraz, Karaganda
    (SE, A.DISTRICT_CITY): 48,
    (SE, A.SETTLEMENT): 89,
    (SE, A.VILLAGE): 9551,
    (SE, None): 3292,
}


def test_whole_classifier(kato_csv: Path) -> None:
    with kato_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    counts = Counter(
        (
            row["level"],
            akim_level(
                row["kato"], int(row["type_code"]), row["name_ru"], row["name_kk"], row["level"]
            ),
        )
        for row in rows
    )
    unclassified = {key: count for key, count in counts.items() if key[1] is None}
    # Every unit above the settlements has an akim of its own.
    assert unclassified == {(SE, None): 3292}
    assert dict(counts) == EXPECTED_COUNTS
    assert sum(counts.values()) == 15594
