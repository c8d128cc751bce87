"""People who talk to the bot: language, consent, their data and its deletion."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.access import AccessService
from services.audit import AuditAction
from services.clock import Clock
from services.notices import OfficialAppointed
from services.officials import AkimatView
from services.outbox import Outbox
from storage.models import NotificationSettings, Question, QuestionStatus, User
from storage.repositories import demands as demand_rows
from storage.repositories import officials as official_rows
from storage.repositories import preferences as preference_rows
from storage.repositories import users as user_rows
from storage.repositories.users import MergeTarget
from storage.unit_of_work import SessionSource

# What the akimat said to a question, by its status: an answer, or the reason it was rejected.
_ANSWERED = {QuestionStatus.ANSWERED: "answer", QuestionStatus.REJECTED: "rejection"}


@dataclass(frozen=True, slots=True)
class UserView:
    id: int
    locale: str
    has_consent: bool
    declined: bool
    is_active: bool

    @classmethod
    def of(cls, user: User, default_locale: str) -> "UserView":
        return cls(
            id=user.id,
            locale=user.locale or default_locale,
            has_consent=user.consent_at is not None,
            declined=user.consent_declined_at is not None and user.consent_at is None,
            is_active=user.is_active,
        )


@dataclass(frozen=True, slots=True)
class Arrival:
    """The person behind an update, loaded once for it (bot/middlewares/user.py)."""

    user: UserView
    is_new: bool
    # An official of at least one akimat, read in the same statement as the user: the staff
    # filters need it for nearly every update (admins are known from the settings).
    is_official: bool


@dataclass(frozen=True, slots=True)
class QuestionDraft:
    """A question being written and not yet sent, as the conversation state holds it
    (handlers/citizen/ask.py reads it there): part of what is stored about the person."""

    meeting_id: int
    kind: str
    text: str | None
    has_photo: bool
    # The writing step it waits at ("text", "photo", "confirm"); None once the person left it.
    step: str | None


class UserService:
    def __init__(
        self,
        session_factory: SessionSource,
        clock: Clock,
        default_locale: str,
        *,
        outbox: Outbox | None = None,
        access: AccessService | None = None,
    ) -> None:
        """``outbox`` renders again, without the person's name, the stored notices that name
        an official who asks to be forgotten (without it those notices are deleted instead);
        ``access`` writes the audit row of an official leaving that way."""
        self._sessions = session_factory
        self._clock = clock
        self._default_locale = default_locale
        self._outbox = outbox
        self._access = access

    async def touch(self, user_id: int, locale: str | None) -> tuple[UserView, bool]:
        """The user, created on first contact with the language Telegram reports.

        Returns the user and whether they are new. Only the id and the chosen language are kept
        before consent: the language is a setting, not personal data.
        """
        arrival = await self.arrive(user_id, locale)
        return arrival.user, arrival.is_new

    async def arrive(self, user_id: int, locale: str | None) -> Arrival:
        """:meth:`touch`, and whether the user is an official, in one statement."""
        async with self._sessions() as session:
            row = await user_rows.with_staff_role(session, user_id)
            if row is None:
                # New: no official's row can point at a user that did not exist.
                user = user_rows.add(session, user_id, locale)
                await session.commit()
                return Arrival(UserView.of(user, self._default_locale), True, False)
            user, official = row
            if not user.is_active:
                # They wrote to us, so they no longer block the bot.
                user.is_active = True
                user.blocked_at = None
                await session.commit()
            return Arrival(UserView.of(user, self._default_locale), False, bool(official))

    async def get(self, user_id: int) -> UserView | None:
        async with self._sessions() as session:
            user = await user_rows.get(session, user_id)
            return UserView.of(user, self._default_locale) if user else None

    async def set_locale(self, user_id: int, locale: str) -> UserView:
        return await self._change(user_id, locale=locale)

    async def accept_consent(self, user_id: int) -> UserView:
        return await self._change(user_id, consent_at=self._clock.now(), consent_declined_at=None)

    async def decline_consent(self, user_id: int) -> UserView:
        return await self._change(user_id, consent_at=None, consent_declined_at=self._clock.now())

    async def mark_unreachable(self, user_id: int) -> None:
        """Telegram said the user blocked the bot (or the chat is gone): stop sending."""
        async with self._sessions() as session:
            await user_rows.mark_unreachable(session, user_id, self._clock.now())
            await session.commit()

    async def export(self, user_id: int, draft: QuestionDraft | None = None) -> dict[str, Any]:
        """Everything stored about the user, for /mydata. ``draft``: the unsent question the
        conversation state holds (read by the handler, since that state may live in Redis)."""
        async with self._sessions() as session:
            user = await user_rows.get(session, user_id)
            if user is None:
                return {"telegram_id": user_id, "question_draft": _draft(draft)}
            subscriptions = await user_rows.subscriptions_of(session, user_id)
            questions = await user_rows.questions_of(session, user_id)
            targets = await user_rows.merge_targets(session, user_id)
            notifications = await user_rows.notifications_of(session, user_id)
            supports = await user_rows.supports_of(session, user_id)
            settings = await preference_rows.get(session, user_id)
            ratings = await user_rows.ratings_of(session, user_id)
            followed = await user_rows.followed_plan_meetings(session, user_id)
            demands = await demand_rows.authored_by(session, user_id)
            supported_demands = await demand_rows.supported_by(session, user_id)
            return {
                "telegram_id": user.id,
                "language": user.locale,
                "consent_at": _iso(user.consent_at),
                "consent_declined_at": _iso(user.consent_declined_at),
                "active": user.is_active,
                "first_seen_at": _iso(user.created_at),
                "subscriptions": [
                    {
                        "kato": loc.code,
                        "name_kk": loc.name_kk,
                        "name_ru": loc.name_ru,
                        "include_everything_inside": sub.include_descendants,
                        "since": _iso(sub.created_at),
                    }
                    for sub, loc in subscriptions
                ],
                "questions": [
                    {
                        "number": q.public_number,
                        "meeting_id": q.meeting_id,
                        "kind": q.kind.value,
                        "text": q.text,
                        "has_photo": q.photo_file_id is not None,
                        "status": q.status.value,
                        "supports": q.support_count,
                        "sent_at": _iso(q.created_at),
                        "akimat_answer": _answer(q, targets.get(q.id)),
                    }
                    for q in questions
                ],
                "question_draft": _draft(draft),
                "supported_questions": [
                    {"number": number, "at": _iso(at)} for at, number in supports
                ],
                "notification_settings": _settings(settings),
                "ratings": [
                    {"meeting_id": meeting_id, "score": score, "at": _iso(at)}
                    for meeting_id, score, at in ratings
                ],
                "followed_plans_of_meetings": followed,
                "notifications": [
                    {
                        "kind": row.kind.value,
                        "status": row.status.value,
                        "queued_at": _iso(row.queued_at),
                        "sent_at": _iso(row.sent_at),
                    }
                    for row in notifications
                ],
                "demands_for_a_meeting": [
                    {
                        "number": demand.id,
                        "kato": demand.locality_code,
                        "topic": demand.topic,
                        "status": demand.status,
                        "supports": demand.support_count,
                        "sent_at": _iso(demand.created_at),
                    }
                    for demand in demands
                ],
                "supported_demands": [
                    {"number": demand_id, "at": _iso(at)} for demand_id, at in supported_demands
                ],
            }

    async def export_json(self, user_id: int, draft: QuestionDraft | None = None) -> bytes:
        data = await self.export(user_id, draft)
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")

    async def forget(self, user_id: int) -> None:
        """Delete the user's subscriptions, supports and personal data.

        Their questions stay, without an author, so the akimat's record of what was asked
        (and the support counts) is intact. The notices sent or waiting for them go, with the
        payloads that were theirs alone (the answer to their question quotes it). An official
        keeps their audit trail, the record of the akimat's acts; their Telegram name, which
        only the notice of their appointment to the admin who invited them holds, is taken out
        of it, and their leaving is itself in the audit log. The conversation state (a draft)
        is the handler's to clear: it may live in Redis.
        """
        async with self._sessions() as session:
            await user_rows.detach_questions(session, user_id)
            await user_rows.delete_supports(session, user_id)
            # Their demands for a meeting stay without an author; their supports go.
            await demand_rows.forget(session, user_id)
            await user_rows.delete_subscriptions(session, user_id)
            await self._forget_official(session, user_id)
            # Settings, ratings, plan follows and an official's role go with the user row
            # (ON DELETE CASCADE); what was queued for them is personal data too.
            await user_rows.delete_queued_messages(session, user_id)
            await user_rows.delete_user(session, user_id)
            await session.commit()

    async def _forget_official(self, session: AsyncSession, user_id: int) -> None:
        for notice in await user_rows.appointment_notices(session, user_id):
            row = await official_rows.akimat_row(session, notice.akimat_id)
            if self._outbox is None or row is None:
                await user_rows.delete_payload(session, notice.payload_id)
                continue
            anonymous = OfficialAppointed(AkimatView.of(row), None, None, notice.token)
            locales = json.loads(notice.body).keys()
            body = {locale: self._outbox.render(anonymous, locale).to_json() for locale in locales}
            await user_rows.rewrite_payload(
                session, notice.payload_id, json.dumps(body, ensure_ascii=False)
            )
        if self._access is None:
            return
        for akimat_id in await user_rows.akimats_served(session, user_id):
            await self._access.audit(
                user_id,
                AuditAction.OFFICIAL_FORGET,
                akimat_id=akimat_id,
                target=f"user:{user_id}",
                session=session,
            )

    async def _change(self, user_id: int, **values: Any) -> UserView:
        async with self._sessions() as session:
            user = await user_rows.get(session, user_id)
            if user is None:
                user = user_rows.add(session, user_id)
            for name, value in values.items():
                setattr(user, name, value)
            await session.commit()
            return UserView.of(user, self._default_locale)


def _settings(settings: NotificationSettings | None) -> dict[str, Any] | None:
    if settings is None:
        return None
    kinds = ("announcements", "reminders", "broadcasts", "plans", "progress", "questions")
    values: dict[str, Any] = {kind: getattr(settings, kind) for kind in (*kinds, "ratings")}
    values["quiet_hours"] = (
        f"{settings.quiet_from:02d}-{settings.quiet_to:02d}"
        if settings.quiet_from is not None and settings.quiet_to is not None
        else None
    )
    return values


def _answer(question: Question, target: MergeTarget | None) -> dict[str, Any] | None:
    """What the akimat said to the question: its answer or the reason it was rejected; for a
    duplicate merged into another question, that question's answer (it answers both)."""
    if question.status in _ANSWERED and question.resolution:
        return {
            "kind": _ANSWERED[question.status],
            "text": question.resolution,
            "at": _iso(question.status_changed_at),
        }
    if target is not None and target.status in _ANSWERED and target.resolution:
        return {
            "kind": _ANSWERED[target.status],
            "text": target.resolution,
            "at": _iso(target.status_changed_at),
            "given_to": target.public_number,
        }
    return None


def _draft(draft: QuestionDraft | None) -> dict[str, Any] | None:
    if draft is None:
        return None
    return {
        "meeting_id": draft.meeting_id,
        "kind": draft.kind,
        "text": draft.text,
        "has_photo": draft.has_photo,
        "step": draft.step,
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


__all__ = ["Arrival", "QuestionDraft", "UserService", "UserView"]
