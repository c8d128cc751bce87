"""Webhook mode: Telegram POSTs each update to the bot's own HTTP server (aiohttp, through
aiogram's request handler), which also answers /healthz, /readyz and /metrics
(bot/probes.py).

When is an update acknowledged? Telegram forgets an update once the webhook answers it with a
2xx, and delivers it again (later, in order within its chat) after any other answer, a
timeout or a dropped connection. So the answer waits until the update is durably taken:

1. the update is handled first, in the request (aiogram's ``handle_in_background=False``,
   without its 55-second cut-off that would answer early and go on in the background);
2. then its update_id is written to the database as handled (bot/redelivery.py), the same
   batch write polling uses, hastened for the waiting request;
3. only then 200.

A crash before 3 leaves the update unanswered, so Telegram delivers it again: if the crash cut
the handling short, its transaction was rolled back and it is handled afresh; if the handling
had ended and its id was written, the copy is skipped. A database that cannot take the write
gets a 503 and Telegram's retry. Storing the raw update first and answering at once would
need a queue of our own to work off after a crash; Telegram's queue already is one, so the
bot leans on it.

With several instances behind a load balancer (``claims``, PostgreSQL), an update is claimed in
the database before it is handled (bot/redelivery.py): a copy already handled elsewhere gets a
200 and nothing else, a copy another live instance holds gets a 503 (Telegram brings it back
once that instance has answered), and an update whose instance died is taken over.

A request without the right secret (X-Telegram-Bot-Api-Secret-Token) gets 401 before anything
is read. A stopping instance stops listening, lets the requests in flight finish (their
replies and their 200s go out) and never calls deleteWebhook: the other instances, or this one
when it is back, go on taking the updates Telegram holds meanwhile.
"""

import logging
from typing import Any

from aiogram import Bot
from aiogram.methods import TelegramMethod
from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import GracefulDispatcher
from bot.health import Readiness
from bot.metrics import Metrics
from bot.probes import add_probe_routes
from bot.redelivery import Claim, HandledUpdates

log = logging.getLogger(__name__)

# How long an answer waits for the update's id to be written before it gives up with 503
# (Telegram then delivers the update again; the write goes on being retried).
WRITE_WAIT_SECONDS = 10.0


class DurableRequestHandler(SimpleRequestHandler):
    """aiogram's handler for one bot, answering once the update is durably taken."""

    def __init__(
        self,
        dispatcher: GracefulDispatcher,
        bot: Bot,
        *,
        secret_token: str,
        handled: HandledUpdates,
        claims: bool = False,
        write_wait: float = WRITE_WAIT_SECONDS,
    ) -> None:
        """``claims``: claim each update in the database first (several instances)."""
        super().__init__(dispatcher, bot, handle_in_background=False, secret_token=secret_token)
        self._handled = handled
        self._claims = claims
        self._write_wait = write_wait

    async def close(self) -> None:
        # aiogram closes the bot's session here, at the server's shutdown; the app closes it
        # itself, after the updates in flight have sent their replies (bot/app.py).
        return

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        try:
            update = Update.model_validate(
                await request.json(loads=bot.session.json_loads), context={"bot": bot}
            )
        except (ValueError, ValidationError):
            return web.json_response({"error": "not an update"}, status=400)
        if self._claims:
            try:
                claim = await self._handled.claim(update.update_id)
            except (SQLAlchemyError, OSError) as error:
                log.warning(
                    "update=%s not claimed, Telegram will retry: %s", update.update_id, error
                )
                return web.json_response({"error": "not claimed"}, status=503)
            if claim is Claim.HANDLED:
                log.info(
                    "update=%s delivered again: handled by another instance", update.update_id
                )
                return web.json_response({})
            if claim is Claim.BUSY:
                log.info("update=%s is being handled by another instance", update.update_id)
                return web.json_response({"error": "being handled elsewhere"}, status=503)
        try:
            result = await self.dispatcher.feed_update(bot, update, **self.data)
            if isinstance(result, TelegramMethod):
                await self.dispatcher.silent_call_request(bot=bot, result=result)
        except Exception:
            # As polling does: logged, and the update counts as handled (its transaction
            # rolled back); answering with an error would only bring it back to fail again.
            log.exception("update=%s failed", update.update_id)
        if not await self._handled.written(update.update_id, self._write_wait):
            log.warning(
                "update=%s handled but not yet recorded: Telegram will deliver it again",
                update.update_id,
            )
            return web.json_response({"error": "not recorded yet"}, status=503)
        return web.json_response({})


def create_web_app(
    dispatcher: GracefulDispatcher,
    bot: Bot,
    *,
    path: str,
    secret_token: str,
    handled: HandledUpdates,
    readiness: Readiness,
    sessions: async_sessionmaker[AsyncSession],
    metrics: Metrics | None = None,
    claims: bool = False,
) -> web.Application:
    app = web.Application()
    DurableRequestHandler(
        dispatcher, bot, secret_token=secret_token, handled=handled, claims=claims
    ).register(app, path=path)
    add_probe_routes(app, readiness=readiness, sessions=sessions, metrics=metrics)
    return app


class ListenError(Exception):
    """The webhook's server cannot listen (the port is taken, the address is not ours)."""


async def serve(web_app: web.Application, host: str, port: int, **kwargs: Any) -> web.AppRunner:
    """Listen on host:port; the caller cleans the runner up (see App.serve_webhook)."""
    runner = web.AppRunner(web_app, handle_signals=False, access_log=None, **kwargs)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as error:
        await runner.cleanup()
        raise ListenError(f"cannot listen on {host}:{port}: {error.strerror}") from error
    return runner
