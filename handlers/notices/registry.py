"""The renderers of notices, one per kind, found through one registry.

A renderer is a pure function of the notice and the reader's language (``Text``): the text and
the buttons of one message. The composition root builds the registry once
(``handlers.notices.notice_renderers()``) and hands it to the outbox, which refuses to start
when a kind of services/notices.py has no renderer.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from aiogram.types import InlineKeyboardMarkup

from locales import Text
from services.notices import Notice
from services.outbox import OutgoingMessage


@dataclass(frozen=True, slots=True)
class Rendered:
    """One language's version of a notice: its HTML text and its buttons."""

    text: str
    reply_markup: InlineKeyboardMarkup | None = None

    def to_message(self) -> OutgoingMessage:
        markup = (
            self.reply_markup.model_dump(mode="json", exclude_none=True)
            if self.reply_markup is not None
            else None
        )
        return OutgoingMessage(self.text, markup)


N = TypeVar("N", bound=Notice)
Renderer = Callable[[N, Text], Rendered]


class NoticeRenderers:
    """Which function renders which kind of notice (services.outbox.NoticeRenderer)."""

    def __init__(self) -> None:
        self._by_kind: dict[type[Notice], Callable[[Any, Text], Rendered]] = {}

    def register(self, kind: type[N], renderer: Renderer[N]) -> None:
        if kind in self._by_kind:
            raise ValueError(f"{kind.__name__} has a renderer already")
        self._by_kind[kind] = renderer

    def renders(self, kind: type[Notice]) -> bool:
        return kind in self._by_kind

    def rendered(self, notice: Notice, t: Text) -> Rendered:
        """The notice as handlers show it (aiogram's keyboard)."""
        renderer = self._by_kind.get(type(notice))
        if renderer is None:
            raise LookupError(f"no renderer for {type(notice).__name__}")
        return renderer(notice, t)

    def render(self, notice: Notice, t: Text) -> OutgoingMessage:
        return self.rendered(notice, t).to_message()
