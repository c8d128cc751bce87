"""All use cases of the bot, built once and shared by handlers and scheduler jobs."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from locales import Translator
from services.access import AccessService
from services.calendar import CalendarService
from services.channels import ChannelService
from services.citizen_notices import CitizenNoticeService
from services.clock import Clock
from services.coordinators import CoordinatorsService
from services.coverage import CoverageService, RecipientProvider, coordinators_provider
from services.delivery import DeliveryService
from services.demands import DEFAULT_THRESHOLD, DemandService
from services.duties import DutyService
from services.feedback import FeedbackRecordService
from services.feedback_digest import FeedbackDigestService
from services.lifecycle import LifecycleService
from services.localities import LocalityService
from services.meetings import MeetingService
from services.officials import OfficialsService
from services.open_data import OpenDataService
from services.outbox import NoticeRenderer, Outbox
from services.plans import PlanService
from services.pool import PoolService
from services.preferences import PreferenceService
from services.questions import QuestionService
from services.subscriptions import SubscriptionService
from services.users import UserService
from storage.unit_of_work import UnitSessions


@dataclass
class Services:
    clock: Clock
    tz: ZoneInfo
    profile: str
    admin_ids: frozenset[int]
    default_locale: str
    translator: Translator
    # Where every service takes its session: its own per block, or the unit of work of the
    # update or task being run (storage/unit_of_work.py).
    sessions: UnitSessions
    users: UserService
    localities: LocalityService
    meetings: MeetingService
    questions: QuestionService
    subscriptions: SubscriptionService
    access: AccessService
    outbox: Outbox
    officials: OfficialsService
    coordinators: CoordinatorsService
    demands: DemandService
    duties: DutyService
    preferences: PreferenceService
    citizen_notices: CitizenNoticeService
    pool: PoolService
    lifecycle: LifecycleService
    plans: PlanService
    delivery: DeliveryService
    feedback: FeedbackRecordService
    feedback_digest: FeedbackDigestService
    calendar: CalendarService
    coverage: CoverageService
    open_data: OpenDataService
    channels: ChannelService

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
        demand_threshold: int = DEFAULT_THRESHOLD,
        coverage_recipients: RecipientProvider | None = None,
    ) -> "Services":
        """``renderer``: how notices read (the Telegram side's registry, handlers/notices/);
        every kind must have a renderer, or this raises MissingRendererError.
        ``coverage_recipients``: who hears at a period's end which units stayed uncovered
        (by default each territory's coordinators, and the admins of what no coordinator
        reads)."""
        sessions = UnitSessions(session_factory)
        access = AccessService(sessions, clock, admin_ids)
        localities = LocalityService(sessions)
        outbox = Outbox(clock, translator, tz, renderer, default_locale)
        users = UserService(sessions, clock, default_locale, outbox=outbox, access=access)
        meetings = MeetingService(sessions, clock, tz, profile, outbox=outbox)
        feedback = FeedbackRecordService(sessions, clock, tz, profile, access)
        coordinators = CoordinatorsService(sessions, clock, access, outbox, default_locale)
        channels = ChannelService(sessions, clock, tz, profile, access, outbox, feedback)
        # The akimat's channel posts what the akimat made public (services/channels.py).
        outbox.relay(channels.relay)
        return cls(
            clock=clock,
            tz=tz,
            profile=profile,
            admin_ids=admin_ids,
            default_locale=default_locale,
            translator=translator,
            sessions=sessions,
            users=users,
            localities=localities,
            meetings=meetings,
            questions=QuestionService(sessions, clock, tz),
            subscriptions=SubscriptionService(sessions, clock, localities),
            access=access,
            outbox=outbox,
            officials=OfficialsService(sessions, clock, access, outbox, default_locale),
            coordinators=coordinators,
            demands=DemandService(
                sessions, clock, access, outbox, default_locale, demand_threshold
            ),
            duties=DutyService(sessions, clock, tz, profile, admin_ids, default_locale, outbox),
            preferences=PreferenceService(sessions, clock),
            citizen_notices=CitizenNoticeService(
                sessions, clock, tz, meetings, outbox, default_locale
            ),
            pool=PoolService(sessions, clock, tz, access, outbox, default_locale),
            lifecycle=LifecycleService(sessions, clock, tz, profile, meetings, access, outbox),
            plans=PlanService(sessions, clock, tz, profile, outbox, access, default_locale),
            delivery=DeliveryService(sessions, clock, access, outbox),
            feedback=feedback,
            feedback_digest=FeedbackDigestService(
                sessions,
                clock,
                tz,
                profile,
                outbox,
                feedback,
                recipients=coordinators.digest_recipients,
            ),
            calendar=CalendarService(sessions, clock, tz, profile, access, meetings),
            coverage=CoverageService(
                sessions,
                clock,
                tz,
                profile,
                outbox,
                coverage_recipients or coordinators_provider(admin_ids, default_locale),
            ),
            open_data=OpenDataService(sessions, tz),
            channels=channels,
        )
