"""LocalityService and LocalityRepository on SQLite and PostgreSQL, over the shipped sample."""

from pathlib import Path
from typing import cast

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from regulation.levels import AkimLevel
from services.kato import KatoFormatError
from services.kato.names import search_key, sort_key
from services.localities import LocalityService
from storage.counting import count_queries, counting
from storage.models.locality import ClassifierRevision, Locality
from storage.repositories.localities import LocalityRepository, LocalityRow, UpsertCounts
from storage.unit_of_work import UnitSessions
from tests.kato.conftest import SAMPLE_CSV

SAMPLE_SIZE = 37


def sample_lines() -> list[str]:
    return SAMPLE_CSV.read_text(encoding="utf-8").splitlines()


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def test_import_sample_then_again(service: LocalityService) -> None:
    first = await service.load_sample()
    assert (first.inserted, first.updated, first.unchanged, first.total) == (
        SAMPLE_SIZE,
        0,
        0,
        SAMPLE_SIZE,
    )
    assert first.seconds > 0
    second = await service.import_file(SAMPLE_CSV)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, SAMPLE_SIZE)
    assert await service.count() == SAMPLE_SIZE


async def test_changed_rows_are_updated(sample_service: LocalityService, tmp_path: Path) -> None:
    lines = [
        line.replace("Қосбармақ а.", "Жаңа Қосбармақ а.") if line.startswith("623855107") else line
        for line in sample_lines()
    ]
    assert await sample_service.search("Жаңа Қосбармақ") == []
    report = await sample_service.import_file(write_lines(tmp_path / "renamed.csv", lines))
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, SAMPLE_SIZE - 1)
    # The import dropped the search index: the new name is found at once.
    (hit,) = await sample_service.search("Жаңа Қосбармақ")
    assert hit.code == "623855107"


async def test_bad_file_writes_nothing(sample_service: LocalityService, tmp_path: Path) -> None:
    lines = sample_lines()
    lines = [
        *(line.replace("Ұлытау а.", "Ұлытау ауылы а.") for line in lines),  # would be updates
        "623879300,NK RK 11-2025,settlement,2,с.Жаңа,Жаңа а.",  # would be an insert
        "62387930,NK RK 11-2025,settlement,2,с.Бір,Бір а.",  # bad code
        "623879300,NK RK 11-2025,settlement,2,с.Жаңа,Жаңа а.",  # duplicate
    ]
    with pytest.raises(KatoFormatError) as error:
        await sample_service.import_file(write_lines(tmp_path / "bad.csv", lines))
    rows = [issue.row for issue in error.value.issues]
    assert rows == [SAMPLE_SIZE + 3, SAMPLE_SIZE + 4]
    assert await sample_service.count() == SAMPLE_SIZE
    village = await sample_service.get("623830100")
    assert village is not None
    assert village.name_kk == "Ұлытау а."


async def test_database_error_rolls_back(
    service: LocalityService, monkeypatch: pytest.MonkeyPatch
) -> None:
    upsert = LocalityRepository.upsert_many

    async def upsert_then_fail(self: LocalityRepository, rows: list[LocalityRow]) -> UpsertCounts:
        await upsert(self, rows)
        assert await self.count() == SAMPLE_SIZE  # written, inside the transaction
        raise RuntimeError("the connection dropped")

    monkeypatch.setattr(LocalityRepository, "upsert_many", upsert_then_fail)
    with pytest.raises(RuntimeError, match="connection dropped"):
        await service.load_sample()
    assert await service.count() == 0


async def test_search_ranks_exact_then_akims_then_bigger_units(
    sample_service: LocalityService,
) -> None:
    hits = await sample_service.search("қоскөл")
    assert [(hit.code, hit.akim_level) for hit in hits] == [
        ("623855000", AkimLevel.RURAL_OKRUG),  # the okrug: bigger than its villages
        ("623855100", AkimLevel.VILLAGE),
        ("623879200", AkimLevel.VILLAGE),
        ("623879205", None),  # the wintering place of the same name comes last
    ]
    # Two villages of the same name, told apart by their chains.
    assert hits[1].chain_kk == ("Ұлытау облысы", "Ұлытау ауданы", "Қоскөл а.о.")
    assert hits[2].chain_kk == ("Ұлытау облысы", "Ұлытау ауданы", "Терісаққан а.о.")
    assert hits[2].chain_ru == ("область Ұлытау", "Улытауский район", "Терсакканский с.о.")
    # Latin, Russian and upper case find the same.
    for query in ("Qoskol", "koskol", "КОСКОЛЬ", "с.Косколь"):
        assert [hit.code for hit in await sample_service.search(query)] == [
            hit.code for hit in hits
        ]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Ulytau", "620000000"),  # the oblast before its district, okrug, village
        ("улытау", "620000000"),
        ("Жаңаарқа", "623600000"),  # the district before its settlement administration
        ("Zhanaarka", "623600000"),
        ("Жезказган", "621000000"),
        ("astana", "710000000"),
        ("Есиль", "711210000"),
        ("Yesil", "711210000"),
        ("Карагаш", "623661000"),  # loose: Қараағаш
        ("мукажан", "623641000"),  # word prefix of "с.о.им.Мукажана Жумажанова"
        ("баз", "623641105"),  # substring of "Күйгенбаз"
    ],
)
async def test_search_first_hit(sample_service: LocalityService, query: str, first: str) -> None:
    hits = await sample_service.search(query)
    assert hits[0].code == first


async def test_search_tiers(sample_service: LocalityService) -> None:
    # "ұлытау": exact (oblast, district, okrug, village), nothing else in the sample.
    codes = [hit.code for hit in await sample_service.search("ұлытау")]
    assert codes == ["620000000", "623800000", "623830000", "623830100"]
    # A prefix ranks below an exact match, a word prefix below a prefix.
    codes = [hit.code for hit in await sample_service.search("жез")]
    # All prefixes: Жезқазған Қ.Ә. (depth 1), then at depth 2 the shorter name first (Жезді
    # к.ә., Жезқазған қ.), then Жезді к. (depth 3).
    assert codes == ["621000000", "623843000", "621010000", "623843100"]
    assert [hit.code for hit in await sample_service.search("жезді", limit=1)] == ["623843000"]


@pytest.mark.parametrize("query", ["", " ", "а", "ш", "ж.", "с.о.", "?!", "район"])
async def test_short_queries_find_nothing(sample_service: LocalityService, query: str) -> None:
    assert await sample_service.search(query) == []


async def test_children_paging(sample_service: LocalityService) -> None:
    top = await sample_service.children(None)
    assert [view.name_kk for view in top.items] == ["Астана қ.", "Ұлытау облысы"]
    assert top.total == 2
    assert [view.child_count for view in top.items] == [2, 4]

    first = await sample_service.children("623800000", page=0, page_size=3)
    assert [view.name_kk for view in first.items] == [
        "Жезді к.ә.",
        "Қоскөл а.о.",
        "Терісаққан а.о.",
    ]
    assert (first.total, first.pages, first.has_prev, first.has_next) == (4, 2, False, True)
    second = await sample_service.children("623800000", page=1, page_size=3)
    assert [view.name_kk for view in second.items] == ["Ұлытау а.о"]
    assert (second.has_prev, second.has_next) == (True, False)
    empty = await sample_service.children("623800000", page=5, page_size=3)
    assert empty.items == ()


async def test_children_order_by_language_and_akims_first(
    sample_service: LocalityService,
) -> None:
    kk = await sample_service.children("620000000", page_size=10, lang="kk")
    assert [view.name_kk for view in kk.items] == [
        "Жаңаарқа ауданы",
        "Жезқазған Қ.Ә.",
        "Сәтбаев Қ.Ә.",
        "Ұлытау ауданы",
    ]
    ru = await sample_service.children("620000000", page_size=10, lang="ru")
    assert [view.name_ru for view in ru.items] == [
        "Жанааркинский район",
        "Жезказган Г.А.",
        "Сатпаев Г.А.",
        "Улытауский район",
    ]
    # The village before the wintering place, although "Ақбекет" sorts before "Қосбармақ".
    village = await sample_service.children("623855100")
    assert [view.name_kk for view in village.items] == ["Қосбармақ а.", "Ақбекет қыстауы"]


async def test_get_chain_and_ancestors(sample_service: LocalityService) -> None:
    view = await sample_service.get("623879205")
    assert view is not None
    assert (view.akim_level, view.level, view.depth, view.has_children) == (
        None,
        "settlement",
        4,
        False,
    )
    assert view.name("ru") == "зимовка Косколь"
    assert await sample_service.get("999999999") is None

    chain = await sample_service.chain("623879205")
    assert [unit.code for unit in chain] == [
        "620000000",
        "623800000",
        "623879000",
        "623879200",
        "623879205",
    ]
    assert await sample_service.ancestors_codes("623879205") == [
        "620000000",
        "623800000",
        "623879000",
        "623879200",
    ]
    assert await sample_service.ancestors_codes("623879200", include_self=True) == [
        "620000000",
        "623800000",
        "623879000",
        "623879200",
    ]
    assert await sample_service.ancestors_codes("620000000") == []
    assert await sample_service.chain("999999999") == []


async def test_repository(
    sample_service: LocalityService, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with sessions() as session:
        repository = LocalityRepository(session)
        assert await repository.count() == SAMPLE_SIZE
        found = await repository.get_many(["623855100", "623879200", "000000000"])
        assert sorted(found) == ["623855100", "623879200"]
        assert [unit.code for unit in await repository.ancestors("711210000")] == ["710000000"]
        candidates = await repository.search_candidates("koskol", limit=10)
        assert [unit.code for unit in candidates] == [
            "623855000",
            "623855100",
            "623879200",
            "623879205",
        ]
        # Search keys are LIKE patterns' haystack, never the pattern: "%" is taken literally.
        assert await repository.search_candidates("%", limit=10) == []


async def test_descendant_codes(sample_service: LocalityService) -> None:
    assert await sample_service.descendant_codes("710000000") == [
        "710000000",
        "711110000",
        "711210000",
    ]
    assert await sample_service.descendant_codes("623879000") == [
        "623879000",
        "623879100",
        "623879200",
        "623879205",
    ]
    assert len(await sample_service.descendant_codes("620000000")) == SAMPLE_SIZE - 3
    assert await sample_service.descendant_codes("999999999") == []


NEW_WINTERING = "623879206"


async def test_a_write_by_anyone_is_seen_at_the_next_call(
    sample_service: LocalityService, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """The classifier is held in memory; a write that is not this service's own import (another
    instance's, a fix by hand) renews the revision stamp, and the next call reads it again."""
    okrug = "623879200"
    before = await sample_service.children(okrug)
    assert await sample_service.get(NEW_WINTERING) is None
    async with sessions() as session, session.begin():
        session.add(
            Locality(
                code=NEW_WINTERING,
                parent_code=okrug,
                level="settlement",
                depth=4,
                type_code=2,
                akim_level=None,
                name_kk="Жаңақоныс",
                name_ru="Жанаконыс",
                search_key=search_key("Жаңақоныс", "Жанаконыс"),
                sort_kk=sort_key("Жаңақоныс", "kk"),
                sort_ru=sort_key("Жанаконыс", "ru"),
            )
        )
    added = await sample_service.get(NEW_WINTERING)
    assert added is not None and added.name("ru") == "Жанаконыс"
    assert (await sample_service.children(okrug)).total == before.total + 1
    assert [hit.code for hit in await sample_service.search("Жанаконыс")] == [NEW_WINTERING]
    assert [unit.code for unit in await sample_service.chain(NEW_WINTERING)][-2:] == [
        okrug,
        NEW_WINTERING,
    ]

    async with sessions() as session, session.begin():
        await session.execute(
            update(Locality).where(Locality.code == NEW_WINTERING).values(name_ru="Новоселье")
        )
    renamed = await sample_service.get(NEW_WINTERING)
    assert renamed is not None and renamed.name("ru") == "Новоселье"

    async with sessions() as session, session.begin():
        # Even with the stamp's row gone (a table emptied by hand), the next write renews it.
        await session.execute(delete(ClassifierRevision))
        await session.execute(delete(Locality).where(Locality.code == NEW_WINTERING))
    assert await sample_service.get(NEW_WINTERING) is None
    assert (await sample_service.children(okrug)).total == before.total


async def test_the_revision_is_checked_once_per_update(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Within an update's unit of work, browsing a level (the unit, its chain, a page of its
    children) costs one statement; outside a unit each call checks."""
    units = UnitSessions(sessions)
    service = LocalityService(units)
    await service.load_sample()
    assert await service.get("623879200") is not None  # loaded
    count_queries(cast(AsyncEngine, sessions.kw["bind"]))
    with counting() as inside:
        async with units.unit():
            await service.get("623879200")
            await service.chain("623879200")
            await service.children("623879200")
            await service.search("Қоскөл")
    assert inside.statements == 1
    with counting() as outside:
        await service.get("623879200")
        await service.children("623879200")
    assert outside.statements == 2


async def test_postgresql_renews_the_stamp_once_per_transaction(
    sample_service: LocalityService, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """Other processes see the stamp only once it commits, so once per transaction is enough;
    an import renewing it row by row walked a growing chain of the row's versions (6 s more
    for the whole classifier). SQLite renews it per row, in place: nothing to walk there."""
    async with sessions() as session:
        if session.get_bind().dialect.name != "postgresql":
            pytest.skip("SQLite has row triggers only, and updates the row in place")
    stamp = select(ClassifierRevision.revision)
    village = update(Locality).where(Locality.code == "623879205")
    async with sessions() as session, session.begin():
        before = await session.scalar(stamp)
        await session.execute(village.values(name_kk="Бірінші"))
        renewed = await session.scalar(stamp)
        assert renewed != before
        await session.execute(village.values(name_kk="Екінші"))
        assert await session.scalar(stamp) == renewed  # the same transaction
    async with sessions() as session, session.begin():
        await session.execute(village.values(name_kk="Үшінші"))
    async with sessions() as session:
        assert await session.scalar(stamp) not in (before, renewed)
