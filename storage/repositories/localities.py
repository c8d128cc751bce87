"""Queries on the KATO classifier (`localities`). Repositories never commit: the caller's unit
of work does."""

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass, fields
from typing import NamedTuple, TypeVar, cast

from sqlalchemy import Table, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models.locality import ClassifierRevision, Locality

# Rows per INSERT batch: 1,000 rows x 11 columns stays under the bind-parameter limits of
# asyncpg (32,767) and SQLite (32,766).
UPSERT_CHUNK = 1000
# Codes per `IN (...)` when reading back what is stored.
READ_CHUNK = 1000

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class LocalityRow:
    """One row of `localities`, as written by an import (the service computes the keys)."""

    code: str
    parent_code: str | None
    level: str
    depth: int
    type_code: int
    akim_level: str | None
    name_kk: str
    name_ru: str
    search_key: str
    sort_kk: str
    sort_ru: str


_COLUMNS = tuple(field.name for field in fields(LocalityRow))
_UPDATABLE = tuple(name for name in _COLUMNS if name != "code")


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    inserted: int
    updated: int
    unchanged: int


class IndexRow(NamedTuple):
    """What the in-process classifier (search and browsing) needs of every locality."""

    code: str
    parent_code: str | None
    level: str
    depth: int
    type_code: int
    akim_level: str | None
    name_kk: str
    name_ru: str
    search_key: str
    sort_kk: str
    sort_ru: str


def _chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Built once: it runs in every update that browses or searches the classifier.
# On the table, not the entity: a column of one row needs nothing of the ORM.
_REVISION_TABLE = cast(Table, ClassifierRevision.__table__)
_REVISION = select(_REVISION_TABLE.c.revision).where(_REVISION_TABLE.c.id == 1)


class LocalityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def upsert_many(self, rows: Iterable[LocalityRow]) -> UpsertCounts:
        """Insert new codes and update changed ones; rows equal to what is stored are not
        written at all, so re-importing the same file writes nothing.

        Rows are written in code order. A parent's code is its child's code with the trailing
        segments zeroed (AB CD EF HIJ -> AB CD EF 000 ...), so it is always smaller: parents are
        written before their children and the foreign key holds on every statement. Codes that
        are stored but absent from `rows` are left alone (other tables point at them).
        """
        by_code = {row.code: row for row in rows}
        ordered = [by_code[code] for code in sorted(by_code)]
        stored = await self._stored(list(by_code))
        changed = [row for row in ordered if stored.get(row.code) != astuple(row)]
        inserted = sum(1 for row in changed if row.code not in stored)
        if changed:
            statement = self._upsert_statement()
            for chunk in _chunks(changed, UPSERT_CHUNK):
                params = [dict(zip(_COLUMNS, astuple(row), strict=True)) for row in chunk]
                await self._session.execute(statement, params)
        return UpsertCounts(
            inserted=inserted,
            updated=len(changed) - inserted,
            unchanged=len(ordered) - len(changed),
        )

    async def _stored(self, codes: Sequence[str]) -> dict[str, tuple[object, ...]]:
        """The stored rows among `codes`, as tuples in `_COLUMNS` order.

        One range scan between the smallest and the largest code, filtered here: thousands of
        `IN (...)` parameters make PostgreSQL fall back to a generic plan that compares every
        row with every parameter (0.6 s per 1,000 codes, measured), while the range costs one
        index scan even when the whole classifier is re-imported."""
        if not codes:
            return {}
        wanted = set(codes)
        columns = [getattr(Locality, name) for name in _COLUMNS]
        statement = select(*columns).where(Locality.code.between(min(codes), max(codes)))
        result = await self._session.execute(statement)
        return {row[0]: tuple(row) for row in result if row[0] in wanted}

    def _upsert_statement(self) -> postgresql.Insert | sqlite.Insert:
        dialect = self._session.get_bind().dialect.name
        table = cast(Table, Locality.__table__)
        statement: postgresql.Insert | sqlite.Insert
        if dialect == "postgresql":
            statement = postgresql.insert(table)
        elif dialect == "sqlite":
            statement = sqlite.insert(table)
        else:
            raise NotImplementedError(f"no upsert for the {dialect} dialect")
        excluded = statement.excluded
        return statement.on_conflict_do_update(
            index_elements=[table.c.code], set_={name: excluded[name] for name in _UPDATABLE}
        )

    async def get(self, code: str) -> Locality | None:
        return await self._session.get(Locality, code)

    async def with_akim_levels(self, levels: Collection[str]) -> list[Locality]:
        """The units whose akim is of one of ``levels``, by code (for the few top levels: the
        oblasts and the cities of republican significance are a short list)."""
        result = await self._session.scalars(
            select(Locality).where(Locality.akim_level.in_(list(levels))).order_by(Locality.code)
        )
        return list(result)

    async def get_many(self, codes: Iterable[str]) -> dict[str, Locality]:
        """The localities with these codes, by code; unknown codes are left out."""
        wanted = list(dict.fromkeys(codes))
        found: dict[str, Locality] = {}
        for chunk in _chunks(wanted, READ_CHUNK):
            result = await self._session.scalars(select(Locality).where(Locality.code.in_(chunk)))
            found.update((locality.code, locality) for locality in result)
        return found

    async def ancestors(self, code: str) -> list[Locality]:
        """The ancestors of `code`, root first, the unit itself excluded ([] for an oblast or
        an unknown code). One recursive query up the `parent_code` chain."""
        chain = (
            select(Locality.code, Locality.parent_code, literal(0).label("hops"))
            .where(Locality.code == code)
            .cte("ancestry", recursive=True)
        )
        parent = aliased(Locality)
        chain = chain.union_all(
            select(parent.code, parent.parent_code, chain.c.hops + 1).where(
                parent.code == chain.c.parent_code
            )
        )
        statement = (
            select(Locality)
            .join(chain, Locality.code == chain.c.code)
            .where(chain.c.hops > 0)
            .order_by(chain.c.hops.desc())
        )
        return list(await self._session.scalars(statement))

    async def search_candidates(self, folded_query: str, limit: int = 50) -> list[Locality]:
        """Localities whose search key contains `folded_query` (a key from
        services/kato/names.py: lowercase Latin), units with an akim and bigger units first.
        A plain `LIKE '%...%'` scan: the service ranks from its in-process index instead, this
        is the SQL path for callers without one."""
        statement = (
            select(Locality)
            .where(Locality.search_key.contains(folded_query, autoescape=True))
            .order_by(Locality.akim_level.is_(None), Locality.depth, Locality.code)
            .limit(limit)
        )
        return list(await self._session.scalars(statement))

    async def count(self) -> int:
        return int(await self._session.scalar(select(func.count()).select_from(Locality)) or 0)

    async def index_rows(self) -> list[IndexRow]:
        """Every locality, reduced to what the in-process classifier needs, in code order."""
        statement = select(*(getattr(Locality, name) for name in IndexRow._fields)).order_by(
            Locality.code
        )
        return [IndexRow._make(row) for row in await self._session.execute(statement)]

    async def revision(self) -> int:
        """The stamp every write to `localities` renews (0 before the first)."""
        return int(await self._session.scalar(_REVISION) or 0)
