"""Queries on the people who talk to the bot (`users`), and on everything stored about one of
them, for /mydata and for forgetting them (services/users.py says what goes and what stays).
Repositories never commit: the caller's unit of work does."""

from collections.abc import Collection
from datetime import datetime
from typing import NamedTuple, cast

from sqlalchemy import Table, bindparam, delete, exists, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import (
    ActionPlan,
    Coordinator,
    FsmRecord,
    Invite,
    Locality,
    NoticeKind,
    Official,
    OutboxMessage,
    OutboxPayload,
    OutboxStatus,
    PlanFollow,
    Question,
    QuestionStatus,
    Rating,
    Subscription,
    Support,
    User,
)


async def get(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


# Built once, with its parameter bound at each execution: the user middleware asks this for
# nearly every update (bot/middlewares/user.py), and building the statement with its two
# subqueries cost more CPU than running it.
_STAFF = or_(
    exists().where(Official.user_id == User.id),
    exists().where(Coordinator.user_id == User.id),
)
_WITH_STAFF_ROLE = select(User, _STAFF).where(User.id == bindparam("user_id"))

# The same, with a conversation's row beside it: one row whether either exists or not.
_FSM = cast(Table, FsmRecord.__table__)
_ONE_ROW = select(literal(1).label("one")).subquery("one_row")
_WITH_STAFF_ROLE_AND_STATE = (
    select(User, _STAFF, _FSM.c.key, _FSM.c.state, _FSM.c.data)
    .select_from(_ONE_ROW)
    .outerjoin(User, User.id == bindparam("user_id"))
    .outerjoin(_FSM, _FSM.c.key == bindparam("fsm_key"))
)

# session.info's key for the user read ahead with the conversation's row: (user id, what
# with_staff_role returns).
_READ_AHEAD = "kezdesu_user_read_ahead"


async def with_staff_role(session: AsyncSession, user_id: int) -> tuple[User, bool] | None:
    """The user and whether they are staff (an official of at least one akimat, or a
    coordinator), in one statement; none when :func:`with_staff_role_and_state` read them
    ahead in this session."""
    ahead = session.info.pop(_READ_AHEAD, None)
    if ahead is not None and ahead[0] == user_id:
        found: tuple[User, bool] | None = ahead[1]
        if found is not None:
            # Read by an earlier block of the session, whose end detached it: attached again,
            # it is as if read here, and what the caller changes of it is written.
            session.add(found[0])
        return found
    row = (await session.execute(_WITH_STAFF_ROLE, {"user_id": user_id})).one_or_none()
    if row is None:
        return None
    user, official = row
    return user, bool(official)


async def with_staff_role_and_state(
    session: AsyncSession, user_id: int, fsm_key: str
) -> tuple[str | None, str] | None:
    """The conversation's row ``fsm_key`` as (state, data), None when there is none; and the
    user ``user_id`` with their staff role, kept in the session for :func:`with_staff_role`.

    Nearly every update reads both, first its conversation's state (aiogram's FSM middleware)
    and then its user (bot/middlewares/user.py), each a round trip to the database and a
    statement's CPU: together, one (bot/fsm_storage.py reads them so within an update's unit
    of work, storage/unit_of_work.py, whose one session the user middleware's read shares)."""
    row = (
        await session.execute(_WITH_STAFF_ROLE_AND_STATE, {"user_id": user_id, "fsm_key": fsm_key})
    ).one()
    user, staff, key, state, data = row
    session.info[_READ_AHEAD] = (user_id, None if user is None else (user, bool(staff)))
    return None if key is None else (state, data)


def add(session: AsyncSession, user_id: int, locale: str | None = None) -> User:
    """A new active user, written with the caller's next flush or commit."""
    user = User(id=user_id, locale=locale, is_active=True)
    session.add(user)
    return user


async def mark_unreachable(session: AsyncSession, user_id: int, at: datetime) -> None:
    await session.execute(
        update(User).where(User.id == user_id).values(is_active=False, blocked_at=at)
    )


async def locales(session: AsyncSession, user_ids: Collection[int]) -> dict[int, str | None]:
    """The chosen language of each of ``user_ids`` that has a user row (None: not chosen)."""
    rows = await session.execute(select(User.id, User.locale).where(User.id.in_(user_ids)))
    return dict(rows.all())


# --- what is stored about one person (/mydata) ----------------------------------------------


async def subscriptions_of(
    session: AsyncSession, user_id: int
) -> list[tuple[Subscription, Locality]]:
    """The user's subscriptions with their localities, oldest first."""
    rows = await session.execute(
        select(Subscription, Locality)
        .join(Locality, Locality.code == Subscription.locality_code)
        .where(Subscription.user_id == user_id)
        .order_by(Subscription.id)
    )
    return list(rows.all())


async def questions_of(session: AsyncSession, user_id: int) -> list[Question]:
    """The questions the user asked, oldest first."""
    statement = select(Question).where(Question.author_id == user_id).order_by(Question.id)
    return list((await session.scalars(statement)).all())


class MergeTarget(NamedTuple):
    """The question a duplicate was merged into: its answer is the duplicate's answer too."""

    public_number: str | None
    status: QuestionStatus
    resolution: str | None
    status_changed_at: datetime | None


async def merge_targets(session: AsyncSession, user_id: int) -> dict[int, MergeTarget]:
    """For each of the user's questions merged into another: that other question."""
    target = aliased(Question)
    rows = await session.execute(
        select(
            Question.id,
            target.public_number,
            target.status,
            target.resolution,
            target.status_changed_at,
        )
        .join(target, target.id == Question.merged_into_id)
        .where(Question.author_id == user_id)
    )
    return {row[0]: MergeTarget(*row[1:]) for row in rows}


class NotificationRow(NamedTuple):
    kind: NoticeKind
    status: OutboxStatus
    queued_at: datetime
    sent_at: datetime | None


async def notifications_of(session: AsyncSession, chat_id: int) -> list[NotificationRow]:
    """What the outbox holds for the chat (sent, waiting or given up), oldest first."""
    rows = await session.execute(
        select(
            OutboxMessage.kind,
            OutboxMessage.status,
            OutboxPayload.created_at,
            OutboxMessage.sent_at,
        )
        .join(OutboxPayload, OutboxPayload.id == OutboxMessage.payload_id)
        .where(OutboxMessage.chat_id == chat_id)
        .order_by(OutboxMessage.id)
    )
    return [NotificationRow(*row) for row in rows]


async def supports_of(session: AsyncSession, user_id: int) -> list[tuple[datetime, str | None]]:
    """When the user supported which question (its public number), oldest first."""
    rows = await session.execute(
        select(Support.created_at, Question.public_number)
        .join(Question, Question.id == Support.question_id)
        .where(Support.user_id == user_id)
        .order_by(Support.created_at)
    )
    return list(rows.all())


async def ratings_of(session: AsyncSession, user_id: int) -> list[tuple[int, int, datetime]]:
    """The user's ratings as (meeting id, score, when), by meeting."""
    rows = await session.execute(
        select(Rating.meeting_id, Rating.score, Rating.created_at)
        .where(Rating.user_id == user_id)
        .order_by(Rating.meeting_id)
    )
    return list(rows.all())


async def followed_plan_meetings(session: AsyncSession, user_id: int) -> list[int]:
    """The meetings whose action plans the user follows, by meeting id."""
    rows = await session.execute(
        select(ActionPlan.meeting_id)
        .join(PlanFollow, PlanFollow.plan_id == ActionPlan.id)
        .where(PlanFollow.user_id == user_id)
        .order_by(ActionPlan.meeting_id)
    )
    return list(rows.scalars())


# --- forgetting one person ------------------------------------------------------------------


async def detach_questions(session: AsyncSession, user_id: int) -> None:
    """The user's questions lose their author and stay."""
    await session.execute(
        update(Question).where(Question.author_id == user_id).values(author_id=None)
    )


async def delete_supports(session: AsyncSession, user_id: int) -> None:
    await session.execute(delete(Support).where(Support.user_id == user_id))


async def delete_subscriptions(session: AsyncSession, user_id: int) -> None:
    await session.execute(delete(Subscription).where(Subscription.user_id == user_id))


async def delete_queued_messages(session: AsyncSession, chat_id: int) -> None:
    """Whatever the outbox still holds for the chat, sent or not, and the payloads nobody else
    was sent: a notice to one person (the answer to their question) quotes what they wrote."""
    payload_ids = set(
        await session.scalars(
            select(OutboxMessage.payload_id).where(OutboxMessage.chat_id == chat_id)
        )
    )
    await session.execute(delete(OutboxMessage).where(OutboxMessage.chat_id == chat_id))
    if not payload_ids:
        return
    still_used = exists().where(OutboxMessage.payload_id == OutboxPayload.id)
    await session.execute(
        delete(OutboxPayload)
        .where(OutboxPayload.id.in_(payload_ids), ~still_used)
        .execution_options(synchronize_session=False)
    )


class AppointmentNotice(NamedTuple):
    """A notice that a person accepted an invitation, as it sits in the outbox: it names them."""

    payload_id: int
    token: str
    akimat_id: int
    body: str


async def appointment_notices(session: AsyncSession, user_id: int) -> list[AppointmentNotice]:
    """The stored notices (waiting or sent) telling an admin that ``user_id`` took their
    invitation: a message's key is ``invite-accepted:<token>:<chat id>``."""
    invites = await session.execute(
        select(Invite.token, Invite.akimat_id).where(Invite.used_by == user_id)
    )
    found: dict[int, AppointmentNotice] = {}
    for token, akimat_id in invites.all():
        rows = await session.execute(
            select(OutboxPayload.id, OutboxPayload.body)
            .join(OutboxMessage, OutboxMessage.payload_id == OutboxPayload.id)
            .where(OutboxMessage.key.startswith(f"invite-accepted:{token}:", autoescape=True))
        )
        for payload_id, body in rows:
            found[payload_id] = AppointmentNotice(payload_id, token, akimat_id, body)
    return list(found.values())


async def delete_payload(session: AsyncSession, payload_id: int) -> None:
    """A payload and its rows (ON DELETE CASCADE)."""
    await session.execute(delete(OutboxMessage).where(OutboxMessage.payload_id == payload_id))
    await session.execute(delete(OutboxPayload).where(OutboxPayload.id == payload_id))


async def rewrite_payload(session: AsyncSession, payload_id: int, body: str) -> None:
    await session.execute(
        update(OutboxPayload).where(OutboxPayload.id == payload_id).values(body=body)
    )


async def akimats_served(session: AsyncSession, user_id: int) -> list[int]:
    """The akimats the user is an official of, by id."""
    rows = await session.scalars(
        select(Official.akimat_id).where(Official.user_id == user_id).order_by(Official.akimat_id)
    )
    return list(rows)


async def delete_user(session: AsyncSession, user_id: int) -> None:
    """The user row; their settings, ratings, plan follows and official's roles go with it
    (ON DELETE CASCADE)."""
    await session.execute(delete(User).where(User.id == user_id))
