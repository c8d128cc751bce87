"""One page of a longer list: what a service returns and a handler renders with ‹ › buttons."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    total: int  # items on all the pages together
    offset: int  # the position of items[0] in the whole list
    page_size: int

    @classmethod
    def of(cls, items: Sequence[T], page: int, page_size: int) -> "Page[T]":
        """Page `page` (0-based) of a list already in memory; a page number out of range
        (stale, forged) gives the nearest page there is."""
        page_size = max(page_size, 1)
        last = max(0, -(-len(items) // page_size) - 1)
        offset = min(max(page, 0), last) * page_size
        return cls(items[offset : offset + page_size], len(items), offset, page_size)

    @property
    def page(self) -> int:
        """0-based."""
        return self.offset // self.page_size

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_prev(self) -> bool:
        return self.offset > 0

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.items) < self.total
