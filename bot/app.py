"""The composition root: settings → engine → session factory → services → dispatcher."""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import PRODUCTION, TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.redis import RedisStorage
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.api_session import ApiSession
from bot.commands import set_bot_commands
from bot.config import Settings
from bot.dispatcher import GracefulDispatcher
from bot.health import Readiness
from bot.inline_filters import run_inline
from bot.instances import (
    create_events_isolation,
    create_fsm_storage,
    create_redis,
    unshared_in_webhook_mode,
)
from bot.metrics import Metrics
from bot.middlewares.callback_answers import StaleCallbackAnswerMiddleware
from bot.middlewares.logging import HandlerNameMiddleware, UpdateLogMiddleware
from bot.middlewares.menu import MenuMiddleware
from bot.middlewares.pacing import PacingMiddleware
from bot.middlewares.retired_callbacks import RetiredCallbackMiddleware
from bot.middlewares.state_flush import StateFlushMiddleware
from bot.middlewares.text_cleaning import DropNulMiddleware
from bot.middlewares.unit_release import UnitReleaseMiddleware
from bot.middlewares.user import UserMiddleware
from bot.probes import create_probe_app
from bot.redelivery import HandledUpdates
from bot.retry import RetryAfterMiddleware
from bot.webhook import create_web_app, serve
from handlers import get_routers
from handlers.menus import MenuKeeper
from handlers.notices import notice_renderers
from locales import Translator
from scheduler.runner import SchedulerRunner
from scheduler.sender import OutboxSender, SenderConfig
from scheduler.sender.pacer import AdaptivePacer, Pacer
from scheduler.sender.shared_pacer import RedisPacer
from services.clock import Clock, SystemClock
from services.container import Services
from storage.counting import count_queries
from storage.db import create_engine, create_session_factory, is_sqlite

log = logging.getLogger(__name__)

# How long a stop waits for the updates being handled to finish (a handler is a few database
# round trips and one or two requests to Telegram).
UPDATE_GRACE_SECONDS = 10.0
# How long a stop that comes while the bot is starting waits for the start to finish before
# cutting it short: a start held up by a Bot API that does not answer would otherwise keep an
# operator's Ctrl+C waiting for the request's own timeout.
START_GRACE_SECONDS = 15.0


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    bot: Bot
    dispatcher: GracefulDispatcher
    services: Services
    translator: Translator
    # The one sender of notifications (scheduler/sender/): it delivers the outbox.
    sender: OutboxSender
    # The compliance clock and other periodic tasks; None when the caller drives time itself
    # (an injected clock: tests call scheduler.runner.tick).
    scheduler: SchedulerRunner | None = None
    # The outbox sender's own bot: no retry-after middleware (the sender paces itself and
    # must see every 429), a connection pool as wide as its window.
    sender_bot: Bot | None = None
    # Send the outbox while polling.
    run_sender: bool = True
    # The updates already handled, so one delivered again is skipped (bot/redelivery.py).
    handled: HandledUpdates | None = None
    # What /metrics shows (bot/metrics.py): on the webhook's server, or in polling mode on
    # METRICS_PORT's.
    metrics: Metrics | None = None
    # The process's budget of messages a second (shared through Redis with REDIS_URL).
    pacer: Pacer | None = None
    # Claim each update in the database before handling it: webhook mode on PostgreSQL,
    # where other instances may receive the same update (bot/redelivery.py).
    claims: bool = False
    # The polling mode's server of /metrics, /healthz and /readyz while it runs.
    _probes: web.AppRunner | None = field(default=None, init=False)
    # Set once start_polling has started and polling can be stopped: a stop that comes while
    # the bot is still starting waits for it (poll_until) instead of cutting the start short.
    polling: asyncio.Event = field(default_factory=asyncio.Event, init=False)

    def readiness(self) -> Readiness:
        storage = self.dispatcher.storage
        return Readiness(self.engine, storage.redis if isinstance(storage, RedisStorage) else None)

    async def poll_until(self, stop: asyncio.Event, **kwargs: Any) -> None:
        """Polling until ``stop`` is set: `kezdesu run` with a token, sandbox mode, the tests.

        A stop that comes while the bot is still starting (its menus set, the updates it
        handled before read) lets the start finish, then stops polling: cancelling the start
        cut a database read in half, and the session's rollback of the cut read then failed
        the stop. Past START_GRACE_SECONDS the start is cut short all the same."""
        polling = asyncio.create_task(self.start_polling(handle_signals=False, **kwargs))
        try:
            await _first_of(polling, stop.wait())
            if not polling.done():
                await _first_of(polling, self.polling.wait(), within=START_GRACE_SECONDS)
                if self.polling.is_set():
                    with contextlib.suppress(RuntimeError):  # polling had ended on its own
                        await self.dispatcher.stop_polling()
                elif not polling.done():
                    log.warning(
                        "stopped while starting; the start took over %s s and is cut short",
                        START_GRACE_SECONDS,
                    )
                    polling.cancel()
                    await asyncio.wait({polling})
            if not polling.cancelled():
                await polling  # its error, when it failed
        finally:
            polling.cancel()  # this one cancelled from outside: polling goes with it

    async def start_polling(self, *, set_commands: bool = True, **kwargs: Any) -> None:
        await self._start(set_commands=set_commands)
        # Nothing suspends between here and aiogram taking its running lock, so whoever this
        # wakes finds polling stoppable (Dispatcher.stop_polling).
        self.polling.set()
        try:
            # The bot's HTTP session is closed by close(), after the updates in flight are
            # answered: aiogram's own close (close_bot_session) comes before them and would
            # cut the replies they are sending.
            await self.dispatcher.start_polling(self.bot, **kwargs, close_bot_session=False)
        finally:
            # Polling has stopped taking updates; those already taken are answered before the
            # sender, the scheduler and (in close()) the connections go.
            await self._stop()

    async def serve_webhook(self, stop: asyncio.Event, *, set_commands: bool = True) -> None:
        """Webhook mode (bot/webhook.py) until ``stop`` is set."""
        settings = self.settings
        assert settings.webhook_url is not None and self.handled is not None
        secret = settings.webhook_secret_token()
        web_app = create_web_app(
            self.dispatcher,
            self.bot,
            path=settings.webhook_path,
            secret_token=secret,
            handled=self.handled,
            claims=self.claims,
            sessions=self.session_factory,
            metrics=self.metrics,
            readiness=self.readiness(),
        )
        for caveat in unshared_in_webhook_mode(settings):
            # One instance needs none of it; several do: say what they would not share.
            log.warning("webhook mode: run one instance only here: %s", caveat)
        await self._start(set_commands=set_commands)
        try:
            # Listening before Telegram is told where to post, so its first delivery finds
            # the server. Every instance sets the same webhook: the call is idempotent.
            runner = await serve(
                web_app,
                settings.webhook_host,
                settings.webhook_port,
                shutdown_timeout=UPDATE_GRACE_SECONDS,
            )
            try:
                await self.bot.set_webhook(
                    url=settings.webhook_url,
                    secret_token=secret,
                    allowed_updates=self.dispatcher.resolve_used_update_types(),
                    max_connections=settings.webhook_max_connections,
                    # What Telegram holds for the bot is citizens' messages: never dropped.
                    drop_pending_updates=False,
                )
                log.info(
                    "webhook mode: listening on %s:%s%s, Telegram posts to %s",
                    settings.webhook_host,
                    settings.webhook_port,
                    settings.webhook_path,
                    settings.webhook_url,
                )
                await stop.wait()
            finally:
                # Stop listening, then let the requests in flight finish: their replies and
                # their answers to Telegram go out. No deleteWebhook: Telegram keeps what
                # comes meanwhile for the other instances, or for this one when it is back.
                await runner.cleanup()
        finally:
            await self._stop()

    async def _start(self, *, set_commands: bool) -> None:
        # Polling with METRICS_PORT: its own server for /metrics, /healthz and /readyz
        # (bot/probes.py), first, so a port already taken stops the start before anything
        # else runs. Webhook mode serves them on the webhook's server (the settings refuse
        # both).
        port = self.settings.metrics_port
        if port is not None and self._probes is None:
            web_app = create_probe_app(
                readiness=self.readiness(), sessions=self.session_factory, metrics=self.metrics
            )
            self._probes = await serve(web_app, self.settings.metrics_host, port)
            log.info("/metrics, /healthz and /readyz on %s:%s", self.settings.metrics_host, port)
        if set_commands:
            await set_bot_commands(
                self.bot,
                self.translator,
                self.settings.default_locale,
                self.settings.admin_ids,
                self.dispatcher.get("menus"),
            )
        if self.handled is not None:
            await self.handled.load()
            self.handled.start()
        if self.scheduler is not None:
            self.scheduler.start()
        if self.run_sender:
            self.sender.start()

    async def _stop(self) -> None:
        await self.dispatcher.wait_in_flight(UPDATE_GRACE_SECONDS)
        if self.handled is not None:
            await self.handled.stop()
        await self.sender.stop()
        if self.scheduler is not None:
            await self.scheduler.stop()
        # Last: /metrics shows the stop to its end, and /healthz says alive until then.
        await self._stop_probes()

    async def _stop_probes(self) -> None:
        probes, self._probes = self._probes, None
        if probes is not None:
            await probes.cleanup()

    async def close(self) -> None:
        # Released last to first, each even when one before it fails: an HTTP session or a
        # pool left open would outlive the app.
        async with contextlib.AsyncExitStack() as stack:
            stack.push_async_callback(self.engine.dispose)
            if self.sender_bot is not None:
                stack.push_async_callback(self.sender_bot.session.close)
            stack.push_async_callback(self.bot.session.close)
            # Closes the Redis client too, which the pacer and the chat locks share.
            stack.push_async_callback(self.dispatcher.storage.close)
            if isinstance(self.pacer, RedisPacer):
                stack.push_async_callback(self.pacer.aclose)
            stack.push_async_callback(self.sender.stop)
            stack.push_async_callback(self._stop_probes)
            if self.handled is not None:
                stack.push_async_callback(self.handled.stop)


async def _first_of(
    task: asyncio.Task[None], awaitable: Awaitable[Any], *, within: float | None = None
) -> None:
    """Until ``task`` ends or ``awaitable`` does (at most ``within`` seconds); the latter is
    dropped if it has not."""
    other = asyncio.ensure_future(awaitable)
    try:
        await asyncio.wait({task, other}, timeout=within, return_when=asyncio.FIRST_COMPLETED)
    finally:
        other.cancel()


def create_bot(
    settings: Settings,
    token: str,
    api_url: str | None = None,
    *,
    pacer: Pacer | None = None,
    paid_broadcast: bool = False,
    metrics: Metrics | None = None,
) -> Bot:
    """``pacer``: the budget of messages a second the bot's messages share with the outbox
    sender (bot/middlewares/pacing.py). ``metrics``: told of each 429's retry_after."""
    url = api_url or settings.telegram_api_url
    session = ApiSession(api=TelegramAPIServer.from_base(url)) if url else ApiSession()
    session.middleware(
        RetryAfterMiddleware(on_retry_after=metrics.reply_retry_after if metrics else None)
    )
    session.middleware(StaleCallbackAnswerMiddleware())
    # The update's connection goes back to the pool before each request (each retry's too),
    # not after Telegram answers (aiogram runs these in the order registered): so also before
    # the wait for a slot of the pacer, which comes last.
    session.middleware(UnitReleaseMiddleware())
    if pacer is not None:
        session.middleware(PacingMiddleware(pacer, paid_broadcast=paid_broadcast))
    return Bot(
        token=token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def create_sender_bot(
    settings: Settings, token: str, config: SenderConfig, api_url: str | None = None
) -> Bot:
    url = api_url or settings.telegram_api_url
    api = TelegramAPIServer.from_base(url) if url else PRODUCTION
    return Bot(
        token=token,
        session=ApiSession(api=api, limit=config.concurrency),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def sender_config(settings: Settings) -> SenderConfig:
    sender = settings.sender
    return SenderConfig.for_rate(
        sender.rate,
        paid_broadcast=sender.paid_broadcast,
        concurrency=sender.concurrency,
        idle_poll=sender.idle_poll,
        max_attempts=sender.max_attempts,
    )


def build_app(
    settings: Settings,
    *,
    token: str,
    api_url: str | None = None,
    clock: Clock | None = None,
    configure_services: Callable[[Services], None] | None = None,
    run_scheduler: bool | None = None,
) -> App:
    """``run_scheduler``: tick the periodic tasks every minute while polling; by default only
    on the system clock, since a test that injects a clock moves time and ticks itself."""
    engine = create_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
    )
    if settings.log_sql_counts:
        count_queries(engine)
    session_factory = create_session_factory(engine)
    sending = sender_config(settings)
    # One Redis client for the conversation states, the chat locks and the sending bucket.
    redis = create_redis(settings)
    # One budget of messages a second for the process, the outbox sender's and the replies';
    # with Redis, one for all instances (scheduler/sender/shared_pacer.py).
    pacer: Pacer = (
        RedisPacer(redis, f"{settings.redis_prefix}:pacer", sending.rate)
        if redis is not None
        else AdaptivePacer(sending.rate)
    )
    metrics = Metrics()
    metrics.watch_pool(engine)
    bot = create_bot(
        settings,
        token,
        api_url,
        pacer=pacer,
        paid_broadcast=sending.paid_broadcast,
        metrics=metrics,
    )
    sender_bot = create_sender_bot(settings, token, sending, api_url)
    translator = Translator()
    services = Services.create(
        session_factory=session_factory,
        renderer=notice_renderers(),
        translator=translator,
        clock=clock or SystemClock(),
        tz=settings.tz,
        profile=settings.regulation_profile,
        admin_ids=settings.admin_ids,
        default_locale=settings.default_locale,
        demand_threshold=settings.demand_threshold,
    )
    sender = OutboxSender(
        session_factory,
        sender_bot,
        clock=services.clock,
        tz=settings.tz,
        config=sending,
        pacer=pacer,
    )
    services.outbox.on_enqueue(sender.wake)
    ticking = clock is None if run_scheduler is None else run_scheduler
    if configure_services is not None:
        configure_services(services)

    handled = HandledUpdates(session_factory, services.clock)
    storage = create_fsm_storage(settings, services.sessions, redis)
    dispatcher = GracefulDispatcher(
        units=services.sessions,
        handled=handled,
        count_queries=settings.log_sql_counts,
        storage=storage,
        # One update of a person at a time: a double tap cannot run the same step twice; with
        # Redis across instances too (bot/instances.py).
        events_isolation=create_events_isolation(settings, redis, storage),
        services=services,
        settings=settings,
        translator=translator,
    )
    metrics.watch_sender(sender)
    metrics.watch_duties(services.duties)
    dispatcher.update.outer_middleware(UpdateLogMiddleware(metrics))
    # After aiogram's FSMContextMiddleware, so inside the conversation's lock.
    dispatcher.update.outer_middleware(StateFlushMiddleware())
    user_middleware = UserMiddleware(
        services.users, translator, settings.default_locale, settings.tz
    )
    dispatcher.message.outer_middleware(DropNulMiddleware())
    dispatcher.callback_query.outer_middleware(RetiredCallbackMiddleware())
    for observer in (dispatcher.message, dispatcher.callback_query):
        observer.outer_middleware(user_middleware)
        observer.middleware(HandlerNameMiddleware())
    menus = MenuKeeper()
    dispatcher["menus"] = menus
    dispatcher.message.outer_middleware(
        MenuMiddleware(menus, translator, settings.default_locale, settings.admin_ids)
    )
    dispatcher.include_routers(*get_routers(settings.admin_ids))
    run_inline(dispatcher)
    return App(
        settings=settings,
        engine=engine,
        session_factory=session_factory,
        bot=bot,
        dispatcher=dispatcher,
        services=services,
        translator=translator,
        sender=sender,
        scheduler=SchedulerRunner(services) if ticking else None,
        sender_bot=sender_bot,
        handled=handled,
        metrics=metrics,
        pacer=pacer,
        # Polling is one process by Telegram's rule; SQLite is one machine's file: neither
        # needs the round trip (bot/redelivery.py).
        claims=settings.webhook_mode and not is_sqlite(settings.database_url),
    )
