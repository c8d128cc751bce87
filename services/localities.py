"""Localities: importing the KATO classifier, browsing it, and finding a place by name.

The whole classifier lives in each process's memory (15,594 units take a few MB), loaded
from the database on first use: browsing a unit's children, its chain up to the oblast and
the ranked search are answered from there, with no query but one. A SQL `LIKE '%...%'` scan
cannot rank by "exact, then prefix, then word prefix, then substring"; browsing by SQL cost
eight statements a tap. The one query reads a stamp that every write to `localities` renews
(a trigger, migration 0012), once per update: when an import, here or in another instance,
has renewed it, the classifier is read again. See bench/kato_bench.py for the search's speed.
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
from storage.repositories.localities import IndexRow, LocalityRepository, LocalityRow
from storage.unit_of_work import SessionSource

MIN_QUERY_LENGTH = 2
# The revision of the classifier this update's session has already checked.
_REVISION_CHECKED = "kezdesu_classifier_revision"


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


def _view(locality: IndexRow, child_count: int) -> LocalityView:
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


class Classifier:
    """The whole classifier in memory, as of one revision: the tree for browsing, and the
    tables for ranked search. Read-only once built; a new revision makes a new one."""

    TIERS = 4  # exact, prefix, word prefix, substring

    def __init__(self, rows: list[IndexRow], revision: int) -> None:
        self.rows = rows
        self.revision = revision
        self.position = {row.code: entry for entry, row in enumerate(rows)}
        # The children of each unit (None: the oblasts and the three cities of republican
        # rank), units with an akim first (a person browsing a rural okrug looks for villages,
        # not for its wintering places), then alphabetically by the sort key of the language
        # (kk; ru for every other language), then by code (the rows come in code order, and
        # the sort keeps it among equals).
        kids: dict[str | None, list[int]] = {}
        for entry, row in enumerate(rows):
            kids.setdefault(row.parent_code, []).append(entry)
        self.children_kk = {
            parent: sorted(entries, key=lambda e: (rows[e].akim_level is None, rows[e].sort_kk))
            for parent, entries in kids.items()
        }
        self.children_ru = {
            parent: sorted(entries, key=lambda e: (rows[e].akim_level is None, rows[e].sort_ru))
            for parent, entries in kids.items()
        }
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

    def children_of(self, code: str | None, lang: str) -> list[int]:
        children = self.children_kk if lang == "kk" else self.children_ru
        return children.get(code, [])

    def view(self, entry: int) -> LocalityView:
        row = self.rows[entry]
        return _view(row, len(self.children_kk.get(row.code, ())))

    def unit(self, code: str) -> LocalityView | None:
        entry = self.position.get(code)
        return None if entry is None else self.view(entry)

    def ancestors(self, code: str) -> list[LocalityView]:
        """The units above `code`, root first ([] for an oblast or an unknown code)."""
        entry = self.position.get(code)
        return [] if entry is None else [self.view(unit) for unit in self.chain(entry)]

    def chain(self, entry: int) -> list[int]:
        """The ancestors of an entry, root first."""
        chain: list[int] = []
        parent_code = self.rows[entry].parent_code
        while parent_code is not None and parent_code in self.position:
            parent = self.position[parent_code]
            chain.append(parent)
            parent_code = self.rows[parent].parent_code
        chain.reverse()
        return chain

    def descendants(self, entry: int) -> list[int]:
        """The entry and every unit under it."""
        found = [entry]
        for parent in found:  # grows as it goes: breadth first
            found += self.children_kk.get(self.rows[parent].code, ())
        return found

    def hit(self, entry: int) -> LocalityHit:
        row = self.rows[entry]
        chain = [self.rows[ancestor] for ancestor in self.chain(entry)]
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
        self._classifier_held: Classifier | None = None
        self._reload_lock = asyncio.Lock()

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

    async def search(self, query: str, limit: int = 8) -> list[LocalityHit]:
        """Localities matching `query` in any language or script, best first: exact key,
        then prefix, then word prefix, then substring (each tier: the exact spelling before
        the loose one); within a tier units with an akim first, then bigger units.
        Queries shorter than 2 characters after folding find nothing."""
        classifier = await self.classifier()
        return [classifier.hit(entry) for entry in classifier.search(query, limit)]

    async def get(self, code: str) -> LocalityView | None:
        return (await self.classifier()).unit(code)

    async def children(
        self, code: str | None, page: int = 0, page_size: int = 10, *, lang: str = "kk"
    ) -> Page[LocalityView]:
        """One page (0-based) of the children of `code` (None: the oblasts and the three cities
        of republican rank), units with an akim first, then alphabetically in `lang`."""
        page, page_size = max(page, 0), max(page_size, 1)
        classifier = await self.classifier()
        children = classifier.children_of(code, lang)
        offset = page * page_size
        items = tuple(classifier.view(child) for child in children[offset : offset + page_size])
        return Page(items=items, total=len(children), offset=offset, page_size=page_size)

    async def chain(self, code: str) -> list[LocalityView]:
        """The unit and its ancestors, root first, the unit itself last ([] if unknown)."""
        classifier = await self.classifier()
        unit = classifier.unit(code)
        return [] if unit is None else [*classifier.ancestors(code), unit]

    async def ancestors_codes(self, code: str, *, include_self: bool = False) -> list[str]:
        """The codes of the ancestors of `code`, root first; the code itself is excluded
        unless `include_self` (then it comes last, if it exists)."""
        classifier = await self.classifier()
        entry = classifier.position.get(code)
        if entry is None:
            return []
        units = [*classifier.chain(entry), entry] if include_self else classifier.chain(entry)
        return [classifier.rows[unit].code for unit in units]

    async def descendant_codes(self, code: str) -> list[str]:
        """`code` and every unit inside it (a district's okrugs, villages...), sorted."""
        classifier = await self.classifier()
        entry = classifier.position.get(code)
        if entry is None:
            return []
        return sorted(classifier.rows[unit].code for unit in classifier.descendants(entry))

    async def classifier(self) -> Classifier:
        """The classifier as of the database's current revision, checked once per update
        (the update's unit of work keeps one session: its `info` remembers the check) and on
        every call outside one. A service that needs several lookups takes it once, before it
        opens its own session block (a block opened inside another would get a session, and
        a check, of its own)."""
        async with self._sessions() as session:
            held = self._classifier_held
            if held is not None and session.info.get(_REVISION_CHECKED) == held.revision:
                return held
            revision = await LocalityRepository(session).revision()
            if held is not None and held.revision == revision:
                session.info[_REVISION_CHECKED] = revision
                return held
        return await self._reload()

    async def _reload(self) -> Classifier:
        async with self._reload_lock:
            async with self._sessions() as session:
                repository = LocalityRepository(session)
                # The stamp before the rows: rows newer than their stamp only cost a second
                # reload at the next check, never a stale classifier kept.
                revision = await repository.revision()
                held = self._classifier_held
                if held is not None and held.revision == revision:
                    return held  # another task has just reloaded it
                rows = await repository.index_rows()
            # Building the tables takes a few hundred ms for the whole classifier: in a
            # thread, so that the bot keeps answering meanwhile.
            classifier = await asyncio.to_thread(Classifier, rows, revision)
            self._classifier_held = classifier
            return classifier

    async def count(self) -> int:
        async with self._sessions() as session:
            return await LocalityRepository(session).count()
