"""Localities: importing the KATO classifier, browsing it, and finding a place by name.

Search runs on an in-process index of the whole classifier (15,594 units take a few MB),
loaded lazily from the database on the first search and dropped after an import. A SQL
`LIKE '%...%'` scan cannot rank by "exact, then prefix, then word prefix, then substring" and
costs a round trip per query; the index answers in well under a millisecond for most queries
(see bench/kato_bench.py). Another process that imports a new classifier is not seen until
this one calls `invalidate_index()` or restarts: imports are rare, administrative events.
"""

import asyncio
import heapq
import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from regulation.levels import AkimLevel
from services.kato.names import (
    KEY_SEPARATOR,
    fold,
    loose_key,
    name_for_locale,
    search_key,
    sort_key,
    strip_abbreviations,
)
from services.kato.reader import KatoRecord, read_kato
from services.paging import Page
from storage.models.locality import Locality
from storage.repositories.localities import IndexRow, LocalityRepository, LocalityRow
from storage.unit_of_work import SessionSource

MIN_QUERY_LENGTH = 2


@dataclass(frozen=True, slots=True)
class ImportReport:
    inserted: int
    updated: int
    unchanged: int
    total: int  # records in the file
    seconds: float


@dataclass(frozen=True, slots=True)
class LocalityView:
    code: str
    parent_code: str | None
    level: str  # structural: oblast, district, sub_district, settlement
    depth: int
    type_code: int
    akim_level: AkimLevel | None
    name_kk: str
    name_ru: str
    child_count: int = 0

    @property
    def has_children(self) -> bool:
        return self.child_count > 0

    def name(self, lang: str) -> str:
        """The name in the user's language; there are no English names, Russian stands in."""
        return name_for_locale(self.name_kk, self.name_ru, lang)


@dataclass(frozen=True, slots=True)
class LocalityHit:
    code: str
    name_kk: str
    name_ru: str
    akim_level: AkimLevel | None
    # The names of the ancestors, root first, the unit itself excluded: two villages called
    # "Қоскөл а." differ by their okrug.
    chain_kk: tuple[str, ...]
    chain_ru: tuple[str, ...]

    def name(self, lang: str) -> str:
        return name_for_locale(self.name_kk, self.name_ru, lang)

    def chain(self, lang: str) -> tuple[str, ...]:
        return name_for_locale(self.chain_kk, self.chain_ru, lang)


def locality_row(record: KatoRecord) -> LocalityRow:
    """A classifier record as a table row, with its search and sort keys."""
    return LocalityRow(
        code=record.code,
        parent_code=record.parent_code,
        level=record.level,
        depth=record.depth,
        type_code=record.type_code,
        akim_level=record.akim_level.value if record.akim_level else None,
        name_kk=record.name_kk,
        name_ru=record.name_ru,
        search_key=search_key(record.name_kk, record.name_ru),
        sort_kk=sort_key(record.name_kk, "kk"),
        sort_ru=sort_key(record.name_ru, "ru"),
    )


def _read_rows(path: str | Path) -> list[LocalityRow]:
    return [locality_row(record) for record in read_kato(path)]


def _view(locality: Locality, child_count: int = 0) -> LocalityView:
    return LocalityView(
        code=locality.code,
        parent_code=locality.parent_code,
        level=locality.level,
        depth=locality.depth,
        type_code=locality.type_code,
        akim_level=AkimLevel(locality.akim_level) if locality.akim_level else None,
        name_kk=locality.name_kk,
        name_ru=locality.name_ru,
        child_count=child_count,
    )


class _KeyTable:
    """One family of keys (strict or loose) of every locality, laid out for the four tiers:
    exact (a dict), prefix (bisect in the sorted keys), word prefix (bisect in the sorted
    suffixes that start a word), substring (a regex over one newline-joined blob)."""

    def __init__(self, keys: Iterable[tuple[str, int]]) -> None:
        self.exact: dict[str, list[int]] = {}
        whole: list[tuple[str, int]] = []
        words: list[tuple[str, int]] = []
        for key, entry in dict.fromkeys(keys):
            self.exact.setdefault(key, []).append(entry)
            whole.append((key, entry))
            space = key.find(" ")
            while space >= 0:
                words.append((key[space + 1 :], entry))
                space = key.find(" ", space + 1)
        whole.sort()
        words.sort()
        self.keys = [key for key, _ in whole]
        self.key_entries = [entry for _, entry in whole]
        self.words = [word for word, _ in words]
        self.word_entries = [entry for _, entry in words]
        self.blob = "\n".join(self.keys)
        self.blob_starts: list[int] = []
        offset = 0
        for key in self.keys:
            self.blob_starts.append(offset)
            offset += len(key) + 1

    def matches(self, query: str, tier: int) -> Iterator[int]:
        if tier == 0:
            yield from self.exact.get(query, ())
        elif tier == 1:
            yield from self._prefixed(self.keys, self.key_entries, query)
        elif tier == 2:
            yield from self._prefixed(self.words, self.word_entries, query)
        else:
            for match in re.finditer(re.escape(query), self.blob):
                yield self.key_entries[bisect_right(self.blob_starts, match.start()) - 1]

    @staticmethod
    def _prefixed(keys: list[str], entries: list[int], query: str) -> Iterator[int]:
        start = bisect_left(keys, query)
        # Keys hold only [a-z0-9 ], so "~" sorts after every continuation of the query.
        end = bisect_left(keys, query + "~", start)
        return iter(entries[start:end])


class _SearchIndex:
    """The whole classifier in memory, for ranked search and the ancestor chains of hits."""

    TIERS = 4  # exact, prefix, word prefix, substring

    def __init__(self, rows: list[IndexRow]) -> None:
        self.rows = rows
        self.position = {row.code: entry for entry, row in enumerate(rows)}
        strict: list[tuple[str, int]] = []
        loose: list[tuple[str, int]] = []
        for entry, row in enumerate(rows):
            # search_key is "kk|ru|kk loose|ru loose" (services/kato/names.py `search_key`).
            kk, ru, kk_loose, ru_loose = _key_parts(row)
            strict += [(kk, entry), (ru, entry)]
            loose += [(kk_loose, entry), (ru_loose, entry)]
        self.strict = _KeyTable(strict)
        self.loose = _KeyTable(loose)
        # Order within a tier: units with an akim first, then bigger units (smaller depth),
        # then shorter names (closer to what was typed), then by code.
        order = sorted(
            (row.akim_level is None, row.depth, len(row.name_kk), row.code, entry)
            for entry, row in enumerate(rows)
        )
        self.rank = [0] * len(rows)
        for rank, sort_tuple in enumerate(order):
            self.rank[sort_tuple[-1]] = rank

    def search(self, query: str, limit: int) -> list[int]:
        # What is left once the type abbreviations are gone must hold two letters or digits:
        # "ж." or "с.о." say nothing of the place, and "ш" must not pass as "sh".
        meaningful = strip_abbreviations(query)
        strict_query = fold(meaningful)
        if limit <= 0 or len(strict_query) < MIN_QUERY_LENGTH:
            return []
        if sum(char.isalnum() for char in meaningful) < MIN_QUERY_LENGTH:
            return []
        loose_query = loose_key(strict_query)
        found: list[int] = []
        seen: set[int] = set()
        # Tier by tier, the strict spelling before the loose one within each tier; a tier
        # ranks entirely above the next, so we stop as soon as `limit` hits are in hand.
        for tier in range(self.TIERS):
            for table, text in ((self.strict, strict_query), (self.loose, loose_query)):
                fresh = {entry for entry in table.matches(text, tier) if entry not in seen}
                best = heapq.nsmallest(limit - len(found), fresh, key=self.rank.__getitem__)
                found += best
                seen.update(best)
                if len(found) >= limit:
                    return found
        return found

    def chain(self, entry: int) -> list[IndexRow]:
        """The ancestors of an entry, root first."""
        chain: list[IndexRow] = []
        parent_code = self.rows[entry].parent_code
        while parent_code is not None and parent_code in self.position:
            parent = self.rows[self.position[parent_code]]
            chain.append(parent)
            parent_code = parent.parent_code
        chain.reverse()
        return chain

    def hit(self, entry: int) -> LocalityHit:
        row = self.rows[entry]
        chain = self.chain(entry)
        return LocalityHit(
            code=row.code,
            name_kk=row.name_kk,
            name_ru=row.name_ru,
            akim_level=AkimLevel(row.akim_level) if row.akim_level else None,
            chain_kk=tuple(ancestor.name_kk for ancestor in chain),
            chain_ru=tuple(ancestor.name_ru for ancestor in chain),
        )


def _key_parts(row: IndexRow) -> tuple[str, str, str, str]:
    parts = row.search_key.split(KEY_SEPARATOR)
    if len(parts) == 4:
        return parts[0], parts[1], parts[2], parts[3]
    # A key written by another version of the folding rules: recompute it from the names.
    kk, ru, kk_loose, ru_loose = search_key(row.name_kk, row.name_ru).split(KEY_SEPARATOR)
    return kk, ru, kk_loose, ru_loose


class LocalityService:
    """The KATO classifier for handlers and jobs. Holds the session factory, not a session."""

    def __init__(self, sessions: SessionSource) -> None:
        self._sessions = sessions
        self._index: _SearchIndex | None = None
        self._index_lock = asyncio.Lock()
        # Bumped by every invalidation, so that an index read before an import finished is
        # not kept after it.
        self._index_generation = 0

    async def import_file(self, path: str | Path) -> ImportReport:
        """Import (insert or update) a KATO file (.csv or .xlsx) in one transaction.

        The file is read and validated completely first: a bad file raises `KatoFormatError`
        naming its faulty rows, and nothing is written. Re-importing the same file writes
        nothing (0 inserted, 0 updated). A database error rolls everything back.
        """
        started = time.perf_counter()
        # Reading, validating and computing the keys take about a second of CPU for the whole
        # classifier: done in a thread so that the bot keeps answering meanwhile.
        rows = await asyncio.to_thread(_read_rows, path)
        async with self._sessions() as session, session.begin():
            counts = await LocalityRepository(session).upsert_many(rows)
        if counts.inserted or counts.updated:
            self.invalidate_index()
        return ImportReport(
            inserted=counts.inserted,
            updated=counts.updated,
            unchanged=counts.unchanged,
            total=len(rows),
            seconds=time.perf_counter() - started,
        )

    async def load_sample(self) -> ImportReport:
        """Import the small sample shipped with the bot (Ұлытау oblast and two districts of
        Astana), for the sandbox and for tests."""
        sample = resources.files("storage") / "sample" / "kato_sample.csv"
        with resources.as_file(sample) as path:
            return await self.import_file(path)

    def invalidate_index(self) -> None:
        """Forget the search index; the next search reloads it from the database."""
        self._index = None
        self._index_generation += 1

    async def search(self, query: str, limit: int = 8) -> list[LocalityHit]:
        """Localities matching `query` in any language or script, best first: exact key,
        then prefix, then word prefix, then substring (each tier: the exact spelling before
        the loose one); within a tier units with an akim first, then bigger units.
        Queries shorter than 2 characters after folding find nothing."""
        index = await self._search_index()
        return [index.hit(entry) for entry in index.search(query, limit)]

    async def _search_index(self) -> _SearchIndex:
        index = self._index
        if index is not None:
            return index
        async with self._index_lock:
            if self._index is not None:
                return self._index
            generation = self._index_generation
            async with self._sessions() as session:
                rows = await LocalityRepository(session).index_rows()
            index = await asyncio.to_thread(_SearchIndex, rows)
            if generation == self._index_generation:
                self._index = index
            return index

    async def get(self, code: str) -> LocalityView | None:
        async with self._sessions() as session:
            repository = LocalityRepository(session)
            locality = await repository.get(code)
            if locality is None:
                return None
            return _view(locality, await repository.count_children(code))

    async def children(
        self, code: str | None, page: int = 0, page_size: int = 10, *, lang: str = "kk"
    ) -> Page[LocalityView]:
        """One page (0-based) of the children of `code` (None: the oblasts and the three cities
        of republican rank), units with an akim first, then alphabetically in `lang`."""
        page, page_size = max(page, 0), max(page_size, 1)
        async with self._sessions() as session:
            repository = LocalityRepository(session)
            total = await repository.count_children(code)
            children = await repository.children(code, page * page_size, page_size, lang=lang)
            counts = await repository.children_counts(child.code for child in children)
        items = tuple(_view(child, counts[child.code]) for child in children)
        return Page(items=items, total=total, offset=page * page_size, page_size=page_size)

    async def chain(self, code: str) -> list[LocalityView]:
        """The unit and its ancestors, root first, the unit itself last ([] if unknown)."""
        async with self._sessions() as session:
            repository = LocalityRepository(session)
            locality = await repository.get(code)
            if locality is None:
                return []
            ancestors = await repository.ancestors(code)
        return [_view(unit) for unit in [*ancestors, locality]]

    async def ancestors_codes(self, code: str, *, include_self: bool = False) -> list[str]:
        """The codes of the ancestors of `code`, root first; the code itself is excluded
        unless `include_self` (then it comes last, if it exists)."""
        async with self._sessions() as session:
            repository = LocalityRepository(session)
            codes = [ancestor.code for ancestor in await repository.ancestors(code)]
            if include_self and await repository.get(code) is not None:
                codes.append(code)
        return codes

    async def descendant_codes(self, code: str) -> list[str]:
        """`code` and every unit inside it (a district's okrugs, villages...), sorted."""
        async with self._sessions() as session:
            return await LocalityRepository(session).codes_with_ancestor(code)

    async def count(self) -> int:
        async with self._sessions() as session:
            return await LocalityRepository(session).count()
