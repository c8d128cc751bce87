"""The full classifier (15,594 units) imported on SQLite and PostgreSQL, then searched.
Skipped when ../shared/data/kato/kato.csv (or KEZDESU_KATO_CSV) is absent."""

from pathlib import Path

import pytest

from regulation.levels import AkimLevel
from services.localities import ImportReport, LocalityService

FULL_SIZE = 15594
FullClassifier = tuple[LocalityService, ImportReport]


async def test_import_and_reimport(full_classifier: FullClassifier, kato_csv: Path) -> None:
    service, first = full_classifier
    assert (first.inserted, first.updated, first.unchanged, first.total) == (
        FULL_SIZE,
        0,
        0,
        FULL_SIZE,
    )
    again = await service.import_file(kato_csv)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, FULL_SIZE)
    assert await service.count() == FULL_SIZE


async def test_two_villages_called_qaraauyl(full_classifier: FullClassifier) -> None:
    service, _ = full_classifier
    for query in ("караауыл", "Қараауыл", "Qaraauyl", "karaauyl"):
        hits = await service.search(query)
        assert [hit.code for hit in hits[:3]] == ["103230000", "103230100", "103673106"], query
    # The Russian spelling is exact for the villages ("с.Карааул") and only a prefix of the
    # okrug's Russian name ("Карааульский с.о."), so the villages come first there.
    hits = await service.search("Карааул")
    assert [hit.code for hit in hits[:3]] == ["103230100", "103673106", "103230000"]
    villages = (await service.search("караауыл"))[1:3]
    assert {hit.name_kk for hit in villages} == {"Қараауыл а."}
    assert villages[0].chain_kk[-2:] == ("Абай ауданы", "Қараауыл а.о.")
    assert villages[1].chain_kk[-2:] == ("Нарын а.о.", "Шынқожа а.")


async def test_loose_spelling_ranks_below_exact(full_classifier: FullClassifier) -> None:
    service, _ = full_classifier
    hits = await service.search("Караул", limit=20)
    names = [hit.name_kk for hit in hits]
    # No unit is called "Караул" exactly: the Қараауыл (loose exact) come first, then names
    # beginning with it ("Қарауылтөбе") and "Қарауыл Қанай би а.".
    assert names[:3] == ["Қараауыл а.о.", "Қараауыл а.", "Қараауыл а."]
    assert "Қарауыл Қанай би а." in names


@pytest.mark.parametrize(
    ("query", "code", "level"),
    [
        ("шымкент", "790000000", AkimLevel.REPUBLICAN_CITY),
        ("Shymkent", "790000000", AkimLevel.REPUBLICAN_CITY),
        ("Şymkent", "790000000", AkimLevel.REPUBLICAN_CITY),
        ("Almaty", "750000000", AkimLevel.REPUBLICAN_CITY),
        ("астана", "710000000", AkimLevel.CAPITAL),
        ("Aqtöbe", "150000000", AkimLevel.OBLAST),
        ("Kokshetau", "111000000", AkimLevel.OBLAST_CITY),
        ("Усть-Каменогорск", "631000000", AkimLevel.OBLAST_CITY),
        ("өскемен", "631000000", AkimLevel.OBLAST_CITY),
        ("атбасар", "113800000", AkimLevel.DISTRICT),
        ("Жаңаарқа", "623600000", AkimLevel.DISTRICT),
    ],
)
async def test_search_finds_the_big_unit_first(
    full_classifier: FullClassifier, query: str, code: str, level: AkimLevel
) -> None:
    service, _ = full_classifier
    hit = (await service.search(query))[0]
    assert (hit.code, hit.akim_level) == (code, level)


async def test_browse_from_the_top(full_classifier: FullClassifier) -> None:
    service, _ = full_classifier
    top = await service.children(None, page_size=30)
    assert top.total == 20
    assert top.items[0].name_kk == "Абай облысы"
    chain = await service.chain("103673106")
    assert [unit.akim_level for unit in chain] == [
        AkimLevel.OBLAST,
        AkimLevel.DISTRICT,
        AkimLevel.RURAL_OKRUG,
        AkimLevel.VILLAGE,
        AkimLevel.VILLAGE,
    ]
