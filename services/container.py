"""All use cases of the bot, built once and shared by handlers and scheduler jobs."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from aiogram import Bot
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from locales import Translator
from services.access import AccessService
from services.clock import Clock
from services.localities import LocalityService
from services.meetings import MeetingService
from services.outbox import Outbox
from services.questions import QuestionService
from services.sender import Sender
from services.subscriptions import SubscriptionService
from services.users import UserService


@dataclass
class Services:
    clock: Clock
    tz: ZoneInfo
    profile: str
    admin_ids: frozenset[int]
    default_locale: str
    translator: Translator
    users: UserService
    localities: LocalityService
    meetings: MeetingService
    questions: QuestionService
    subscriptions: SubscriptionService
    sender: Sender
    access: AccessService
    outbox: Outbox

    @classmethod
    def create(
        cls,
        *,
        session_factory: async_sessionmaker[AsyncSession],
        bot: Bot,
        translator: Translator,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        admin_ids: frozenset[int],
        default_locale: str,
    ) -> "Services":
        users = UserService(session_factory, clock, default_locale)
        return cls(
            clock=clock,
            tz=tz,
            profile=profile,
            admin_ids=admin_ids,
            default_locale=default_locale,
            translator=translator,
            users=users,
            localities=LocalityService(session_factory),
            meetings=MeetingService(session_factory, clock, tz, profile),
            questions=QuestionService(session_factory, clock, tz),
            subscriptions=SubscriptionService(session_factory, clock),
            sender=Sender(bot, on_unreachable=users.mark_unreachable),
            access=AccessService(session_factory, clock, admin_ids),
            outbox=Outbox(clock, translator, tz),
        )
