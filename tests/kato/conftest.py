"""Fixtures of the KATO tests: the shipped sample, the full classifier, and the real schema
(the migrations, with the trigger that renews the classifier's stamp) on SQLite (a file in
tmp) and on PostgreSQL (a scratch database beside TEST_DATABASE_URL's, dropped afterwards;
unreachable, its half is skipped, except with CI=true, where that is a failure).

The full classifier lives next to the repository, in ../shared/data/kato/kato.csv, or where
KEZDESU_KATO_CSV points; without it, the tests that need it are skipped.
"""

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.localities import ImportReport, LocalityService
from storage.db import create_session_factory
from storage.models.locality import Locality
from storage.scratch import migrated_scratch_engine
from tests.conftest import POSTGRES_URL, require_postgres, shared_kato_csv

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CSV = REPO_ROOT / "storage" / "sample" / "kato_sample.csv"


@pytest.fixture(scope="session")
def kato_csv() -> Path:
    path = shared_kato_csv()
    if path is None:
        pytest.skip(
            "the full KATO classifier is absent: expected ../shared/data/kato/kato.csv next to "
            "the repository, or a path in KEZDESU_KATO_CSV"
        )
    return path


@contextlib.asynccontextmanager
async def _migrated_engine(backend: str, directory: Path) -> AsyncIterator[AsyncEngine]:
    if backend == "postgresql":
        await require_postgres()
    async with migrated_scratch_engine(backend, directory, POSTGRES_URL, "kato_test") as engine:
        yield engine


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
async def kato_engine(
    backend: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[AsyncEngine]:
    async with _migrated_engine(backend, tmp_path_factory.mktemp(f"kato-{backend}")) as engine:
        yield engine


@pytest.fixture
async def sessions(kato_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """A session factory on an empty localities table."""
    async with kato_engine.begin() as connection:
        await connection.execute(delete(Locality))
    return create_session_factory(kato_engine)


@pytest.fixture
async def service(sessions: async_sessionmaker[AsyncSession]) -> LocalityService:
    return LocalityService(sessions)


@pytest.fixture
async def sample_service(service: LocalityService) -> LocalityService:
    """A service over the shipped sample."""
    await service.load_sample()
    return service


@pytest.fixture(scope="session")
async def full_classifier(
    backend: str, kato_csv: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[LocalityService, ImportReport]]:
    """The full classifier imported once per backend (its own database), with the
    report of that first import."""
    directory = tmp_path_factory.mktemp(f"kato-full-{backend}")
    async with _migrated_engine(backend, directory) as engine:
        service = LocalityService(create_session_factory(engine))
        report = await service.import_file(kato_csv)
        yield service, report
