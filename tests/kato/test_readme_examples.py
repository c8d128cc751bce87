"""The search examples the README gives really find what it says in the shipped sample
(storage/sample/kato_sample.csv): typed as people type them, in either script or in Latin."""

import pytest

from services.localities import LocalityService

# query as typed → the Kazakh name of the first hit (the README's examples, word for word).
EXAMPLES = [
    ("жартас", "Жартас а."),
    ("Zhartas", "Жартас а."),
    ("куйгенбаз", "Күйгенбаз а."),
    ("Kuigenbaz", "Күйгенбаз а."),
    ("Инталы", "Ынталы а."),
    ("Жанаарка", "Жаңаарқа ауданы"),
    ("Qosbarmaq", "Қосбармақ а."),
    ("Астана", "Астана қ."),
]


@pytest.mark.parametrize(("query", "first"), EXAMPLES)
async def test_readme_search_examples(
    sample_service: LocalityService, query: str, first: str
) -> None:
    hits = await sample_service.search(query)
    assert hits and hits[0].name_kk == first, [hit.name_kk for hit in hits]


async def test_readme_namesakes_example(sample_service: LocalityService) -> None:
    # Two villages called Қоскөл, told apart by their okrug.
    hits = [hit for hit in await sample_service.search("коскол") if hit.name_kk == "Қоскөл а."]
    assert sorted(hit.chain_kk[-1] for hit in hits) == ["Терісаққан а.о.", "Қоскөл а.о."]
