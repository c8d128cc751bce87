"""Enqueueing notifications into the durable outbox.

Every notification is written as rows (see storage/models/outbox.py) in the same transaction as
the change it tells of: a question answered and the message to its author commit together, or
neither does. The sender (scheduler/sender/) delivers them later.

Each recipient row has a unique key, ``<notice key>:<chat id>``; enqueueing the same notice
again adds nothing. That is what makes a reminder go out exactly once however many times, or
on however many instances, the job that computes it runs.

``notify`` takes a notice (services/notices.py: what happened, never how it looks) and its
audience: recipients the caller already holds (a question's author and its supporters), or a
crowd given as a query (everyone who hears of a meeting), which the database copies into the
outbox with one ``INSERT … SELECT``, so a million recipients never pass through this process's
memory. The text is rendered by the Telegram side's renderer (handlers/notices/), once per
language, when the notice is enqueued. The statements themselves are
storage/repositories/outbox.py's; this module decides what goes in them.
"""

import json
from collections.abc import Awaitable, Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol, cast
from zoneinfo import ZoneInfo

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from locales import Text, Translator
from services.clock import Clock, SystemClock
from services.delivery_policy import Decision, decide
from services.notices import NOTICE_KINDS, Notice
from storage.models import NoticeKind, OutboxPayload, OutboxStatus
from storage.repositories import outbox as outbox_rows
from storage.repositories.outbox import (
    AudienceQuery,
    ClaimedRow,
    Envelope,
    RecipientStates,
    RowOutcome,
)

# Other services (preferences) insert-or-ignore through here; it lives with the outbox's SQL.

# Told of every notice enqueued, in the same transaction: what else follows from it (an akimat's
# channel posts what the akimat made public: services/channels.py). Returns rows written.
Relay = Callable[[AsyncSession, Notice], Awaitable[int]]

# session.info key: callbacks to run once the transaction that enqueued something commits.
_ON_COMMIT = "outbox_on_commit"


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """One language's version of a notice, as the sender posts it: HTML text and the inline
    keyboard in the Bot API's JSON form (or None)."""

    text: str
    reply_markup: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "reply_markup": self.reply_markup}


class NoticeRenderer(Protocol):
    """How notices read: implemented on the Telegram side (handlers/notices/)."""

    def renders(self, kind: type[Notice]) -> bool:
        """Whether this renderer knows ``kind``."""
        ...

    def render(self, notice: Notice, t: Text) -> OutgoingMessage: ...


class MissingRendererError(RuntimeError):
    """Some notice kinds have no renderer: the bot must not start (it would enqueue notices
    nobody can read)."""

    def __init__(self, kinds: Iterable[type[Notice]]) -> None:
        self.kinds = tuple(kinds)
        names = ", ".join(kind.__name__ for kind in self.kinds)
        super().__init__(f"no renderer for the notice kinds: {names}")


@dataclass(frozen=True, slots=True)
class Recipient:
    chat_id: int
    locale: str


# Who is told: people the caller already holds, or a query selecting (chat id, locale) pairs,
# which the database copies into the outbox without loading them here.
Audience = AudienceQuery | Iterable[Recipient]


@dataclass(frozen=True, slots=True)
class Reach:
    """Of the people a notice was just enqueued for: how many it goes to now, and how many it
    waits for until their quiet hours end. Those who switched its kind off, or blocked the
    bot, are in neither."""

    now: int = 0
    held: int = 0

    def __add__(self, other: "Reach") -> "Reach":
        return Reach(self.now + other.now, self.held + other.held)


class Outbox:
    def __init__(
        self,
        clock: Clock,
        translator: Translator,
        tz: ZoneInfo,
        renderer: NoticeRenderer,
        default_locale: str = "kk",
    ) -> None:
        missing = [kind for kind in NOTICE_KINDS if not renderer.renders(kind)]
        if missing:
            raise MissingRendererError(missing)
        self._clock = clock
        self._translator = translator
        self._tz = tz
        self._renderer = renderer
        self._default_locale = default_locale
        self._listeners: list[Callable[[], None]] = []
        self._relays: list[Relay] = []

    def text(self, locale: str) -> Text:
        return self._translator.bind(locale, self._tz)

    def render(self, notice: Notice, locale: str) -> OutgoingMessage:
        """How ``notice`` reads in ``locale`` (what its recipients in that language get)."""
        return self._renderer.render(notice, self.text(locale))

    def relay(self, relay: Relay) -> None:
        """Hand every notice enqueued from now on to ``relay`` as well (after its own rows)."""
        self._relays.append(relay)

    def on_enqueue(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after each commit that enqueued something (the sender wakes up
        at once instead of at its next poll). Other instances still find the rows by polling."""
        self._listeners.append(listener)

    def wake_after_commit(self, session: AsyncSession) -> None:
        """Wake the sender when ``session`` commits: it has rows to send."""
        if self._listeners:
            session.sync_session.info.setdefault(_ON_COMMIT, set()).update(self._listeners)

    async def notify(
        self,
        session: AsyncSession,
        notice: Notice,
        audience: Audience,
        *,
        not_before: datetime | None = None,
    ) -> int:
        """Enqueue ``notice`` for ``audience`` inside the caller's transaction; the caller
        commits. Returns how many new rows were written: recipients already holding the
        notice's key are skipped, so telling again tells nobody twice.

        ``audience`` is either the recipients themselves, or a query of two columns, the chat
        id and the person's locale (NULL or a language we do not speak means the default one),
        each chat id at most once: the database then copies the crowd into the outbox with a
        single ``INSERT … SELECT``, so however large it is, nothing of it is loaded here. The
        notice is rendered once per language its recipients read.
        """
        due = not_before or self._clock.now()
        if outbox_rows.is_audience_query(audience):
            written = await self._notify_query(session, notice, audience, due)
        else:
            # Not a query, so the recipients themselves (a TypeGuard narrows only the other
            # way).
            recipients = cast(Iterable[Recipient], audience)
            written = await self._notify_recipients(session, notice, recipients, due)
        for relay in self._relays:
            await relay(session, notice)
        return written

    async def notify_reach(
        self, session: AsyncSession, notice: Notice, recipients: Sequence[Recipient]
    ) -> Reach:
        """:meth:`notify` for people the caller holds, saying whom it reaches now and whom it
        waits for (the sender's own rule, services/delivery_policy.py, asked at this moment)."""
        if not await self.notify(session, notice, recipients):
            return Reach()
        chat_ids = {recipient.chat_id for recipient in recipients}
        states = await outbox_rows.recipient_states(session, chat_ids)
        now = self._clock.now()
        sent = held = 0
        for chat_id in chat_ids:
            active, preferences = states.get(chat_id, (True, None))
            if not active:
                continue
            verdict = decide(preferences, notice.kind, urgent=notice.urgent, now=now, tz=self._tz)
            if verdict.decision is Decision.SEND:
                sent += 1
            elif verdict.decision is Decision.DEFER:
                held += 1
        return Reach(sent, held)

    async def _payload(
        self, session: AsyncSession, notice: Notice, locales: Iterable[str]
    ) -> OutboxPayload:
        body = {locale: self.render(notice, locale).to_json() for locale in sorted(locales)}
        return await outbox_rows.add_payload(
            session,
            notice.kind,
            notice.topic,
            json.dumps(body, ensure_ascii=False),
            notice.stale_at,
        )

    @staticmethod
    def _envelope(notice: Notice, payload: OutboxPayload, due: datetime) -> Envelope:
        # Each recipient's row is keyed "<notice key>:<chat id>" (see the module doc).
        return Envelope(payload.id, f"{notice.key}:", notice.kind, notice.urgent, due)

    async def _notify_recipients(
        self,
        session: AsyncSession,
        notice: Notice,
        recipients: Iterable[Recipient],
        due: datetime,
    ) -> int:
        by_chat: dict[int, str] = {}
        for recipient in recipients:
            by_chat.setdefault(recipient.chat_id, recipient.locale)
        if not by_chat:
            return 0
        payload = await self._payload(session, notice, set(by_chat.values()))
        written = await outbox_rows.insert_for_recipients(
            session, self._envelope(notice, payload, due), by_chat
        )
        await self._settle(session, payload, written)
        return written

    async def _notify_query(
        self, session: AsyncSession, notice: Notice, audience: AudienceQuery, due: datetime
    ) -> int:
        locales = tuple(self._translator.locales)
        payload = await self._payload(session, notice, locales)
        default = self._default_locale if self._default_locale in locales else locales[0]
        written = await outbox_rows.insert_for_audience(
            session, self._envelope(notice, payload, due), audience, locales, default
        )
        await self._settle(session, payload, written)
        return written

    async def delivery_counts(
        self, session: AsyncSession, *, topic: str, kind: NoticeKind
    ) -> dict[OutboxStatus, int]:
        """How many messages of a topic's notices of one kind are in each state (a clerk asks
        "has everyone got the announcement?")."""
        return await outbox_rows.delivery_counts(session, topic=topic, kind=kind)

    async def _settle(self, session: AsyncSession, payload: OutboxPayload, written: int) -> None:
        if written:
            self.wake_after_commit(session)
            return
        # Everyone already had it (the same key enqueued before): no payload nobody points to.
        await outbox_rows.drop_payload(session, payload)


@event.listens_for(Session, "after_commit")
def _run_commit_listeners(session: Session) -> None:
    for listener in session.info.pop(_ON_COMMIT, ()):
        listener()


@event.listens_for(Session, "after_rollback")
def _forget_commit_listeners(session: Session) -> None:
    session.info.pop(_ON_COMMIT, None)


@dataclass(frozen=True, slots=True)
class Claim:
    """A batch the sender took: its rows, the payload bodies it did not hold yet, and the
    recipients' states (active, notification settings)."""

    rows: list[ClaimedRow]
    bodies: dict[int, str]
    recipients: RecipientStates


class OutboxQueue:
    """The sender's side of the outbox (scheduler/sender/): each call is one transaction.

    Claims are leased on the database's clock, so that instances whose own clocks disagree
    still agree on when a dead sender's lease is over (one running slow would otherwise take
    rows another is still sending). ``now``, the sender's clock, decides only what is due.
    ``wall`` is this machine's clock, injectable for a test of a wrong one.
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        *,
        wall: Callable[[], datetime] | None = None,
    ) -> None:
        self._sessions = session_factory
        self._wall = wall or SystemClock().now

    async def _lease_base(self, session: AsyncSession, now: datetime) -> datetime:
        """The database's clock, shifted by how far the sender's clock ``now`` is from the
        wall clock: nothing in production (the sender's clock is the wall clock); the time a
        test moved its ManualClock by, so leases lapse when the test moves it. SQLite is a
        file of this machine, with one process writing it: its clock is ours (and counts
        whole seconds)."""
        if session.get_bind().dialect.name == "sqlite":
            return now
        return await outbox_rows.database_now(session) + (now - self._wall())

    async def claim(
        self, now: datetime, lease: timedelta, limit: int, known_payloads: Collection[int]
    ) -> Claim:
        async with self._sessions() as session:
            leased_at = await self._lease_base(session, now)
            rows = await outbox_rows.claim(session, now, leased_at, leased_at + lease, limit)
            missing = {row.payload_id for row in rows} - set(known_payloads)
            bodies = await outbox_rows.payload_bodies(session, missing)
            recipients = await outbox_rows.recipient_states(session, {r.chat_id for r in rows})
            await session.commit()
        return Claim(rows, bodies, recipients)

    async def record(
        self,
        now: datetime,
        sent: Sequence[int],
        outcomes: Sequence[RowOutcome],
        blocked: Collection[int],
    ) -> None:
        async with self._sessions() as session:
            await outbox_rows.record(session, now, sent, outcomes, blocked)
            await session.commit()

    async def renew(self, ids: Sequence[int], now: datetime, lease: timedelta) -> None:
        if not ids:
            return
        async with self._sessions() as session:
            leased_at = await self._lease_base(session, now)
            await outbox_rows.renew(session, ids, leased_at + lease)
            await session.commit()
