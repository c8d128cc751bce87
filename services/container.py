"""All use cases of the bot, built once and shared by handlers and scheduler jobs."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from locales import Translator
from services.access import AccessService
from services.citizen_notices import CitizenNoticeService
from services.clock import Clock
from services.duties import DutyService
from services.lifecycle import LifecycleService
from services.localities import LocalityService
from services.meetings import MeetingService
from services.officials import OfficialsService
from services.outbox import NoticeRenderer, Outbox
from services.plans import PlanService
from services.pool import PoolService
from services.preferences import PreferenceService
from services.questions import QuestionService
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
    access: AccessService
    outbox: Outbox
    officials: OfficialsService
    duties: DutyService
    preferences: PreferenceService
    citizen_notices: CitizenNoticeService
    pool: PoolService
    lifecycle: LifecycleService
    plans: PlanService

    @classmethod
    def create(
        cls,
        *,
        session_factory: async_sessionmaker[AsyncSession],
        renderer: NoticeRenderer,
        translator: Translator,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        admin_ids: frozenset[int],
        default_locale: str,
    ) -> "Services":
        """``renderer``: how notices read (the Telegram side's registry, handlers/notices/);
        every kind must have a renderer, or this raises MissingRendererError."""
        users = UserService(session_factory, clock, default_locale)
        access = AccessService(session_factory, clock, admin_ids)
        outbox = Outbox(clock, translator, tz, renderer, default_locale)
        meetings = MeetingService(session_factory, clock, tz, profile, outbox=outbox)
        return cls(
            clock=clock,
            tz=tz,
            profile=profile,
            admin_ids=admin_ids,
            default_locale=default_locale,
            translator=translator,
            users=users,
            localities=LocalityService(session_factory),
            meetings=meetings,
            questions=QuestionService(session_factory, clock, tz),
            subscriptions=SubscriptionService(session_factory, clock),
            access=access,
            outbox=outbox,
            officials=OfficialsService(session_factory, clock, access, outbox, default_locale),
            duties=DutyService(
                session_factory, clock, tz, profile, admin_ids, default_locale, outbox
            ),
            preferences=PreferenceService(session_factory, clock),
            citizen_notices=CitizenNoticeService(
                session_factory, clock, tz, meetings, outbox, default_locale
            ),
            pool=PoolService(session_factory, clock, tz, access, outbox, default_locale),
            lifecycle=LifecycleService(
                session_factory, clock, tz, profile, meetings, access, outbox
            ),
            plans=PlanService(session_factory, clock, tz, profile, outbox, access, default_locale),
        )
