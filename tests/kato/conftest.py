"""Fixtures of the KATO tests: the shipped sample, the full classifier, and the localities
table on SQLite (a file in tmp) and on PostgreSQL.

PostgreSQL comes from TEST_DATABASE_URL (default: the local server). Unreachable, its half is
skipped, except with CI=true, where that is a failure. Each run works in a schema of its own
("kato_test_<random>"), so it cannot collide with other suites using the same database.

The full classifier lives next to the repository, in ../shared/data/kato/kato.csv, or where
KEZDESU_KATO_CSV points; without it, the tests that need it are skipped.
"""

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import cast

import pytest
from sqlalchemy import Table, delete, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.localities import ImportReport, LocalityService
from storage.db import create_engine, create_session_factory
from storage.models.base import Base
from storage.models.locality import Locality

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CSV = REPO_ROOT / "storage" / "sample" / "kato_sample.csv"
POSTGRES_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_TABLES = [cast(Table, Locality.__table__)]


def full_kato_csv() -> Path | None:
    """The full classifier: KEZDESU_KATO_CSV, else ../shared/data/kato/kato.csv."""
    override = os.environ.get("KEZDESU_KATO_CSV")
    path = Path(override) if override else REPO_ROOT.parent / "shared/data/kato/kato.csv"
    return path if path.is_file() else None


@pytest.fixture(scope="session")
def kato_csv() -> Path:
    path = full_kato_csv()
    if path is None:
        pytest.skip(
            "the full KATO classifier is absent: expected ../shared/data/kato/kato.csv next to "
            "the repository, or a path in KEZDESU_KATO_CSV"
        )
    return path


async def _postgres_problem(url: str) -> str | None:
    engine = create_engine(url)
    try:
        async with asyncio.timeout(5), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to connect means "unreachable"
        return f"{type(error).__name__}: {error}"
    finally:
        await engine.dispose()
    return None


async def _require_postgres() -> None:
    problem = await _postgres_problem(POSTGRES_URL)
    if problem is None:
        return
    message = f"PostgreSQL at {POSTGRES_URL} is unreachable ({problem})"
    if IN_CI:
        pytest.fail(f"{message}; with CI=true this is a failure, not a skip")
    pytest.skip(message)


async def _open_engine(backend: str, directory: Path) -> tuple[AsyncEngine, str | None]:
    """An engine with the localities table created; the schema to drop on PostgreSQL."""
    if backend == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{directory / 'kato.sqlite3'}")
        schema = None
    else:
        await _require_postgres()
        schema = f"kato_test_{uuid.uuid4().hex[:12]}"
        engine = create_engine(POSTGRES_URL)
        async with engine.begin() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = engine.execution_options(schema_translate_map={None: schema})
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all, tables=_TABLES)
    return engine, schema


async def _close_engine(engine: AsyncEngine, schema: str | None) -> None:
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all, tables=_TABLES)
        if schema is not None:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    await engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
async def kato_engine(
    backend: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[AsyncEngine]:
    engine, schema = await _open_engine(backend, tmp_path_factory.mktemp(f"kato-{backend}"))
    yield engine
    await _close_engine(engine, schema)


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
    """The full classifier imported once per backend (its own database or schema), with the
    report of that first import."""
    engine, schema = await _open_engine(backend, tmp_path_factory.mktemp(f"kato-full-{backend}"))
    service = LocalityService(create_session_factory(engine))
    report = await service.import_file(kato_csv)
    yield service, report
    await _close_engine(engine, schema)
