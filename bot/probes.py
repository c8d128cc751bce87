"""/healthz, /readyz (bot/health.py) and /metrics (bot/metrics.py): the pages a load balancer,
an orchestrator and Prometheus ask for.

In webhook mode they are routes of the webhook's own server (bot/webhook.py). In polling mode
the bot serves no HTTP for Telegram, so with METRICS_PORT set it starts this small server
beside polling (bot/app.py); without it, polling serves nothing.
"""

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.health import Readiness
from bot.metrics import Metrics


def add_probe_routes(
    app: web.Application,
    *,
    readiness: Readiness,
    sessions: async_sessionmaker[AsyncSession],
    metrics: Metrics | None = None,
) -> None:
    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def readyz(request: web.Request) -> web.Response:
        problems = await readiness.problems()
        if problems:
            return web.json_response({"status": "not ready", "reasons": problems}, status=503)
        return web.json_response({"status": "ready"})

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    if metrics is not None:
        registry = metrics

        async def metrics_page(request: web.Request) -> web.Response:
            body = await registry.render(sessions)
            return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

        app.router.add_get("/metrics", metrics_page)


def create_probe_app(
    *,
    readiness: Readiness,
    sessions: async_sessionmaker[AsyncSession],
    metrics: Metrics | None = None,
) -> web.Application:
    app = web.Application()
    add_probe_routes(app, readiness=readiness, sessions=sessions, metrics=metrics)
    return app
