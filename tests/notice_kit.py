"""Notices of the tests' own, for tests of the outbox's and the sender's mechanics.

Production notices (services/notices.py) fix their kind, key and text; a mechanics test wants
to choose them: ``plain("answer:7", render, kind=NoticeKind.QUESTION_STATUS)``. The renderers
that go with them (``KitRenderers``) are the bot's own plus these.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from handlers.notices import Rendered, notice_renderers
from locales import Text
from services.notices import Notice
from services.outbox import OutgoingMessage
from storage.models import NoticeKind


@dataclass(frozen=True, slots=True)
class PlainNotice(Notice):
    name: str
    render: Callable[[Text], Rendered]
    about: str | None = None
    stale_from: datetime | None = None

    @property
    def key(self) -> str:
        return self.name

    @property
    def topic(self) -> str | None:
        return self.about

    @property
    def stale_at(self) -> datetime | None:
        return self.stale_from


@cache
def _plain_kind(kind: NoticeKind, urgent: bool) -> type[PlainNotice]:
    attributes = {"kind": kind, "urgent": urgent, "__slots__": ()}
    return type(f"Plain_{kind.value}_{urgent}", (PlainNotice,), attributes)


def plain(
    key: str,
    render: Callable[[Text], Rendered],
    *,
    kind: NoticeKind = NoticeKind.SERVICE,
    topic: str | None = None,
    urgent: bool = False,
    stale_at: datetime | None = None,
) -> PlainNotice:
    return _plain_kind(kind, urgent)(key, render, topic, stale_at)


class KitRenderers:
    """The bot's renderers, and plain notices reading as their ``render`` says."""

    def __init__(self) -> None:
        self._bot = notice_renderers()

    def renders(self, kind: type[Notice]) -> bool:
        return issubclass(kind, PlainNotice) or self._bot.renders(kind)

    def rendered(self, notice: Notice, t: Text) -> Rendered:
        if isinstance(notice, PlainNotice):
            return notice.render(t)
        return self._bot.rendered(notice, t)

    def render(self, notice: Notice, t: Text) -> OutgoingMessage:
        return self.rendered(notice, t).to_message()
