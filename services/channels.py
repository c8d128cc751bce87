"""An akimat's Telegram channel: linking it, and posting what the akimat made public.

Linking (issue 9, section 7): an official names the channel (@username, a t.me link, or a post
forwarded from it). The bot asks Telegram (a ``ChannelProbe``, implemented on the Telegram
side) and links it only when (a) it is a channel, (b) the bot is its administrator with the
right to post, and (c) the official is its creator or an administrator, so nobody attaches a
channel that is not the akimat's. Every link, check and unlink is audited.

Posting: the outbox hands every notice it enqueues to :meth:`ChannelService.relay`. A meeting
announced, a plan published and a quarterly report published (their public, general
versions), and a move or cancellation of a meeting whose announcement went to the channel, are
then posted to the channel of the meeting's akimat, through the outbox, so the sender's pacing
and retries apply as to any notice. The final results of the year (seed 004, clause 16, 2) are
posted by the scheduler once the fourth quarter's progress due date has passed.

A channel breaks when the bot is removed or demoted (``my_chat_member``), or a post fails for
good (403, "need administrator rights", "chat not found"): nothing more is posted until an
official checks it again, and the akimat's officials are told.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from regulation import RuleNotInProfile, progress_due
from regulation.report_periods import PeriodKind, ReportPeriod
from services.access import AccessService, Right
from services.audit import AuditAction, AuditDetail
from services.clock import Clock
from services.duties import AkimatInfo
from services.feedback import FeedbackRecordService
from services.notices import (
    CHANNEL_KEY_PREFIX,
    ChannelBroken,
    ChannelPost,
    ChannelSubject,
    MeetingAnnounced,
    MeetingCancelled,
    MeetingMoved,
    Notice,
    PlanPublished,
    ProgressPublished,
    YearResults,
)
from services.outbox import Outbox, Recipient
from storage.models import AkimatChannel, ChannelLanguage, ChannelState
from storage.repositories import channels as channel_rows
from storage.repositories import duties as duty_rows
from storage.repositories import job_marks
from storage.unit_of_work import SessionSource

__all__ = [
    "BREAK_REASONS",
    "ChannelCheckError",
    "ChannelLanguage",
    "ChannelProbe",
    "ChannelRefusal",
    "ChannelService",
    "ChannelState",
    "ChannelView",
    "ProbedChat",
    "ProbedMember",
    "check_channel",
    "parse_reference",
]

YEAR_JOB_PREFIX = "channel-year:"
YEAR_POST_TIME = time(9, 0)
# Telegram's public usernames: 5-32 letters, digits and underscores, starting with a letter.
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
# A channel's link, or a link to one of its posts (t.me/name/15).
_LINK = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me)/(?P<name>[^/?#]+)(?:/[^?#]*)?(?:[?#].*)?$"
)
MAX_REASON = 300


class ChannelRefusal(StrEnum):
    """Why a channel cannot be linked (each has its own answer)."""

    BAD_REFERENCE = "reference"  # neither @username, t.me link nor a forwarded post
    PRIVATE_LINK = "private"  # an invite link: the bot cannot open it; forward a post instead
    NOT_FOUND = "not_found"
    NOT_CHANNEL = "not_channel"
    BOT_NOT_ADMIN = "bot_not_admin"
    NO_POST_RIGHT = "no_post_right"
    OFFICIAL_NOT_ADMIN = "official_not_admin"


# Why a link broke, as the screens put it in words: the bot's status Telegram reported, or a
# refusal. Anything else (a refusal we do not know) is kept in Telegram's words.
BREAK_REASONS: tuple[str, ...] = (
    "left",
    "kicked",
    "no_post_right",
    "not_found",
    "not_channel",
    "bot_not_admin",
)
# Telegram's refusals of a channel post, as reasons (the texts teloxide #450, telebot #633 and
# Telegram.Bot #648 quote).
_REFUSALS = (
    ("bot was kicked", "kicked"),
    ("not a member of the channel", "left"),
    ("need administrator rights", "no_post_right"),
    ("chat not found", "not_found"),
)


def break_reason(error: str) -> str:
    lowered = error.lower()
    for words, reason in _REFUSALS:
        if words in lowered:
            return reason
    return error


class ChannelCheckError(Exception):
    def __init__(self, reason: ChannelRefusal) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ProbedChat:
    id: int
    type: str  # "private", "group", "supergroup" or "channel"
    title: str
    username: str | None


@dataclass(frozen=True, slots=True)
class ProbedMember:
    status: str  # creator, administrator, member, restricted, left, kicked
    can_post_messages: bool = False


class ChannelProbe(Protocol):
    """What the bot asks Telegram (getChat, getChatMember); implemented with aiogram."""

    @property
    def bot_id(self) -> int: ...

    async def chat(self, reference: int | str) -> ProbedChat | None:
        """The chat, or None when Telegram does not know it ("chat not found")."""
        ...

    async def member(self, chat_id: int, user_id: int) -> ProbedMember | None:
        """The user's membership, or None when the bot may not see it."""
        ...


def parse_reference(text: str) -> str:
    """ "@name", "name", "t.me/name" or "https://t.me/name" -> "@name"; raises
    ChannelCheckError for an invite link (t.me/+…, t.me/joinchat/…) or anything else."""
    value = text.strip()
    match = _LINK.match(value)
    if match:
        value = match.group("name")
        if value.startswith("+") or value.lower() in ("joinchat", "c"):
            raise ChannelCheckError(ChannelRefusal.PRIVATE_LINK)
    value = value.removeprefix("@")
    if not _USERNAME.fullmatch(value):
        raise ChannelCheckError(ChannelRefusal.BAD_REFERENCE)
    return "@" + value


async def check_channel(probe: ChannelProbe, reference: int | str, user_id: int) -> ProbedChat:
    """The channel behind ``reference`` if the bot can post there and ``user_id`` runs it;
    otherwise ChannelCheckError with the first thing that is wrong."""
    chat = await probe.chat(reference)
    if chat is None:
        raise ChannelCheckError(ChannelRefusal.NOT_FOUND)
    if chat.type != "channel":
        raise ChannelCheckError(ChannelRefusal.NOT_CHANNEL)
    bot = await probe.member(chat.id, probe.bot_id)
    if bot is None or bot.status != "administrator":
        raise ChannelCheckError(ChannelRefusal.BOT_NOT_ADMIN)
    if not bot.can_post_messages:
        raise ChannelCheckError(ChannelRefusal.NO_POST_RIGHT)
    person = await probe.member(chat.id, user_id)
    if person is None or person.status not in ("creator", "administrator"):
        raise ChannelCheckError(ChannelRefusal.OFFICIAL_NOT_ADMIN)
    return chat


@dataclass(frozen=True, slots=True)
class ChannelView:
    akimat_id: int
    chat_id: int
    title: str
    username: str | None
    language: ChannelLanguage
    state: ChannelState
    broken_reason: str | None
    broken_at: datetime | None
    linked_at: datetime
    checked_at: datetime

    @property
    def active(self) -> bool:
        return self.state is ChannelState.ACTIVE


def languages_of(language: ChannelLanguage) -> tuple[str, ...]:
    if language is ChannelLanguage.BOTH:
        return ("kk", "ru")
    return (language.value,)


def _view(row: AkimatChannel) -> ChannelView:
    return ChannelView(
        akimat_id=row.akimat_id,
        chat_id=row.chat_id,
        title=row.title,
        username=row.username,
        language=row.language,
        state=row.state,
        broken_reason=row.broken_reason,
        broken_at=row.broken_at,
        linked_at=row.linked_at,
        checked_at=row.checked_at,
    )


@dataclass(frozen=True, slots=True)
class YearRun:
    year: int | None
    posted: int


class ChannelService:
    def __init__(
        self,
        sessions: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        access: AccessService,
        outbox: Outbox,
        feedback: FeedbackRecordService,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz
        self._profile = profile
        self._access = access
        self._outbox = outbox
        self._feedback = feedback

    # --- the official's screen -----------------------------------------------------------

    async def view(self, actor_id: int, akimat_id: int) -> ChannelView | None:
        """The akimat's channel (None: none linked); readers (coordinators) see it too."""
        await self._access.require(
            actor_id, akimat_id, Right.READ, action=AuditAction.CHANNEL_VIEW
        )
        async with self._sessions() as session:
            row = await channel_rows.get(session, akimat_id)
            return _view(row) if row else None

    async def akimat(self, code: str) -> AkimatInfo | None:
        """The akimat of the locality with this KATO code (for a reader's `/channel <code>`)."""
        async with self._sessions() as session:
            akimat_id = await duty_rows.akimat_id_by_locality(session, code.strip())
            if akimat_id is None:
                return None
            rows = await duty_rows.akimats(session, [akimat_id])
        return AkimatInfo(
            rows[0].id, rows[0].locality_code, rows[0].name_kk, rows[0].name_ru, None
        )

    async def may_act(self, actor_id: int, akimat_id: int) -> bool:
        return await self._access.allowed(actor_id, akimat_id, Right.ACT)

    async def inspect(
        self, actor_id: int, akimat_id: int, probe: ChannelProbe, reference: int | str
    ) -> ProbedChat:
        """The channel the official named, checked (ChannelCheckError says what is wrong)
        before they choose the language of its posts."""
        await self._access.require(actor_id, akimat_id, Right.ACT, action=AuditAction.CHANNEL_LINK)
        return await check_channel(probe, reference, actor_id)

    async def link(
        self,
        actor_id: int,
        akimat_id: int,
        probe: ChannelProbe,
        reference: int | str,
        language: ChannelLanguage,
    ) -> ChannelView:
        """Check the channel and link it (replacing a channel linked before)."""
        await self._access.require(actor_id, akimat_id, Right.ACT, action=AuditAction.CHANNEL_LINK)
        chat = await check_channel(probe, reference, actor_id)
        now = self._clock.now()
        async with self._sessions() as session:
            row = await channel_rows.get(session, akimat_id)
            if row is None:
                row = AkimatChannel(akimat_id=akimat_id)
                channel_rows.put(session, row)
            row.chat_id = chat.id
            row.title = chat.title[:255]
            row.username = chat.username
            row.language = language
            row.state = ChannelState.ACTIVE
            row.broken_reason = None
            row.broken_at = None
            row.linked_by = actor_id
            row.linked_at = now
            row.checked_at = now
            await self._access.audit(
                actor_id,
                AuditAction.CHANNEL_LINK,
                akimat_id=akimat_id,
                target=f"channel:{chat.id}",
                detail=AuditDetail(reason=language.value),
                session=session,
            )
            await session.commit()
            return _view(row)

    async def recheck(self, actor_id: int, akimat_id: int, probe: ChannelProbe) -> ChannelView:
        """Ask Telegram again: the link is active again when everything holds; otherwise it is
        broken (ChannelCheckError says why)."""
        await self._access.require(
            actor_id, akimat_id, Right.ACT, action=AuditAction.CHANNEL_CHECK
        )
        async with self._sessions() as session:
            row = await channel_rows.get(session, akimat_id)
            if row is None:
                raise ChannelCheckError(ChannelRefusal.NOT_FOUND)
            chat_id = row.chat_id
        refusal: ChannelCheckError | None = None
        try:
            chat = await check_channel(probe, chat_id, actor_id)
        except ChannelCheckError as error:
            refusal = error
        now = self._clock.now()
        async with self._sessions() as session:
            row = await channel_rows.get(session, akimat_id)
            if row is None:
                raise ChannelCheckError(ChannelRefusal.NOT_FOUND)
            row.checked_at = now
            if refusal is None:
                row.title = chat.title[:255]
                row.username = chat.username
                row.state = ChannelState.ACTIVE
                row.broken_reason = None
                row.broken_at = None
            elif refusal.reason is not ChannelRefusal.OFFICIAL_NOT_ADMIN:
                # The official's own rights say nothing of whether the bot can post.
                await self._break(session, row, refusal.reason.value, tell=False)
            await self._access.audit(
                actor_id,
                AuditAction.CHANNEL_CHECK,
                akimat_id=akimat_id,
                target=f"channel:{chat_id}",
                detail=AuditDetail(reason=refusal.reason.value if refusal else None),
                session=session,
            )
            await session.commit()
        if refusal is not None:
            raise refusal
        return _view(row)

    async def unlink(self, actor_id: int, akimat_id: int) -> bool:
        await self._access.require(
            actor_id, akimat_id, Right.ACT, action=AuditAction.CHANNEL_UNLINK
        )
        async with self._sessions() as session:
            row = await channel_rows.get(session, akimat_id)
            if row is None:
                return False
            chat_id = row.chat_id
            await channel_rows.remove(session, akimat_id)
            await self._access.audit(
                actor_id,
                AuditAction.CHANNEL_UNLINK,
                akimat_id=akimat_id,
                target=f"channel:{chat_id}",
                session=session,
            )
            await session.commit()
        return True

    # --- breaking ------------------------------------------------------------------------

    async def bot_status_changed(self, chat_id: int, status: str, can_post: bool) -> int:
        """Telegram says the bot's status in a chat changed (my_chat_member). Returns how many
        links broke (the bot removed, or no longer allowed to post)."""
        if status == "administrator" and can_post:
            return 0
        reason = status if status != "administrator" else "no_post_right"
        broke = 0
        async with self._sessions() as session:
            for row in await channel_rows.by_chat(session, chat_id):
                if row.state is ChannelState.ACTIVE:
                    await self._break(session, row, reason, tell=True)
                    broke += 1
            await session.commit()
        return broke

    async def watch_failures(self) -> int:
        """Break the links whose posts failed for good (403, 400 rights, chat not found): the
        sender recorded them as unreachable or failed."""
        broke = 0
        async with self._sessions() as session:
            links = await channel_rows.active(session)
            failed = await channel_rows.failed_posts(session, {row.chat_id for row in links})
            for row in links:
                if row.chat_id in failed:
                    reason = break_reason(failed[row.chat_id] or "failed")
                    await self._break(session, row, reason, tell=True)
                    broke += 1
            await session.commit()
        return broke

    async def _break(
        self, session: AsyncSession, row: AkimatChannel, reason: str, *, tell: bool
    ) -> None:
        now = self._clock.now()
        row.state = ChannelState.BROKEN
        row.broken_reason = reason[:MAX_REASON]
        row.broken_at = now
        if not tell:
            return
        people = await channel_rows.officials(session, row.akimat_id)
        notice = ChannelBroken(row.akimat_id, row.title, row.broken_reason, now)
        await self._outbox.notify(
            session,
            notice,
            [Recipient(user_id, locale or "kk") for user_id, locale in people],
        )

    # --- posting -------------------------------------------------------------------------

    async def relay(self, session: AsyncSession, notice: Notice) -> int:
        """Post to the channel what ``notice`` made public (see the module doc); called by the
        outbox for every notice it enqueues, inside the same transaction."""
        subject: ChannelSubject
        if isinstance(notice, MeetingAnnounced | MeetingMoved | MeetingCancelled):
            subject, akimat_id = notice, notice.meeting.host_akimat_id
        elif isinstance(notice, PlanPublished | ProgressPublished) and not notice.lines:
            # The general version only: the personal ones name a person's questions.
            subject, akimat_id = notice, notice.plan.meeting.host_akimat_id
        else:
            return 0
        row = await channel_rows.get(session, akimat_id) if akimat_id else None
        if row is None or row.state is not ChannelState.ACTIVE:
            return 0
        if isinstance(subject, MeetingMoved | MeetingCancelled):
            announced = f"{CHANNEL_KEY_PREFIX}announce:{subject.meeting.id}:{row.chat_id}"
            if not await channel_rows.posted(session, announced):
                return 0
        return await self._post(session, row, subject)

    async def _post(
        self, session: AsyncSession, row: AkimatChannel, subject: ChannelSubject
    ) -> int:
        languages = languages_of(row.language)
        post = ChannelPost(subject, row.akimat_id, languages)
        return await self._outbox.notify(session, post, [Recipient(row.chat_id, languages[0])])

    def due_year(self, now: datetime) -> int | None:
        """The year whose final results are owed at ``now``: the last one, from 09:00 of the
        day after its fourth quarter's progress due date (seed 001, clause 3.5)."""
        local = now.astimezone(self._tz)
        year = local.year - 1
        try:
            due = progress_due(year, 4, self._profile)
        except RuleNotInProfile:
            return None
        send_from = datetime.combine(due + timedelta(days=1), YEAR_POST_TIME, tzinfo=self._tz)
        return year if local >= send_from else None

    async def post_year_results(self, now: datetime) -> YearRun:
        """Post each linked akimat's record of the year once (a job mark per year; the outbox
        keys keep it to one post per channel even when two instances race)."""
        year = self.due_year(now)
        if year is None:
            return YearRun(None, 0)
        mark = f"{YEAR_JOB_PREFIX}{year}"
        async with self._sessions() as session:
            if await job_marks.exists(session, mark):
                return YearRun(year, 0)
            links = await channel_rows.active(session)
        records = await self._feedback.records(
            [row.akimat_id for row in links], ReportPeriod(year, PeriodKind.YEAR, 1)
        )
        posted = 0
        async with self._sessions() as session:
            for row in await channel_rows.active(session):
                record = records.get(row.akimat_id)
                if record is not None:
                    posted += await self._post(session, row, YearResults(record))
            await job_marks.add_if_missing(session, mark, now)
            await session.commit()
        return YearRun(year, posted)
