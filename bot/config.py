"""Settings: environment variables and `.env`, one object for the whole process.

Every setting has a default that works on a laptop, except the bot token: without it the bot
starts in sandbox mode against the local Bot API emulator.
"""

import hashlib
import hmac
import re
from pathlib import Path
from typing import Annotated, Self
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.event_loop import EventLoopChoice
from regulation import PROFILES
from storage.db import MAX_OVERFLOW, POOL_SIZE

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{ROOT / 'var' / 'kezdesu.sqlite3'}"
SUPPORTED_LOCALES = ("kk", "ru", "en")
# setWebhook's secret_token: 1-256 characters, only A-Z, a-z, 0-9, _ and - (Bot API docs).
WEBHOOK_SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class SandboxSettings(BaseSettings):
    """The local Bot API emulator that stands in for Telegram when there is no token."""

    host: str = "127.0.0.1"
    port: int = 8081
    delay_ms: int = 0
    # The emulator's users, chats, history and demo clock, kept over a restart; unset: beside
    # the SQLite database (var/kezdesu.sandbox.json by default), or var/sandbox.json when the
    # database is PostgreSQL.
    state_file: Path | None = None


class SenderSettings(BaseSettings):
    """The one sender of notifications (scheduler/sender/outbox_sender.py)."""

    # Messages a second, all chats together; unset: 30, or 1000 with paid broadcasts.
    rate: float | None = Field(default=None, gt=0, le=1000)
    # Send with allow_paid_broadcast: Telegram allows up to 1000/s for 0.1 Star a message.
    paid_broadcast: bool = False
    # Requests in flight at once; unset: a quarter of a second's worth (at least 8).
    concurrency: int | None = Field(default=None, ge=1, le=1000)
    # Seconds between looks for due notifications when idle.
    idle_poll: float = Field(default=1.0, gt=0)
    max_attempts: int = Field(default=5, ge=1)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_nested_delimiter="__",
        extra="ignore",
    )

    bot_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    # PostgreSQL's connections per process: kept open, and opened beyond them only for a
    # moment (storage/db.py).
    database_pool_size: int = Field(default=POOL_SIZE, ge=1)
    database_max_overflow: int = Field(default=MAX_OVERFLOW, ge=0)
    telegram_api_url: str | None = None
    redis_url: str | None = None
    # Prefix of every key the bot keeps in Redis (conversation states, chat locks, the sending
    # bucket): aiogram's default, so states stored before it was configurable stay found.
    redis_prefix: str = Field(default="fsm", min_length=1)
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    timezone: str = "Asia/Almaty"
    regulation_profile: str = "2022"
    default_locale: str = "kk"
    log_level: str = "INFO"
    # uvloop's where it is installed (bot/event_loop.py).
    event_loop: EventLoopChoice = "auto"
    # Each update's log line also counts its SQL statements, transactions and connections
    # (storage/counting.py): for bench/citizens_bench.py, off in production.
    log_sql_counts: bool = False
    # Support at which a citizens' demand for a meeting is brought to the akimat's officials and
    # the territory's coordinators (once); seed 001, 3.1 sets no number.
    demand_threshold: int = Field(default=50, ge=1)
    sandbox: SandboxSettings = Field(default_factory=SandboxSettings)
    sender: SenderSettings = Field(default_factory=SenderSettings)
    # Webhook mode (bot/webhook.py): set, Telegram POSTs each update to this public URL instead
    # of the bot polling for it. Flat names (WEBHOOK_URL, WEBHOOK_PORT...) as deployments spell
    # them. The bot's own HTTP server listens on host:port, behind the reverse proxy that
    # holds the certificate; /healthz and /readyz are served there too.
    webhook_url: str | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    # Checked on every request (X-Telegram-Bot-Api-Secret-Token). Unset: derived from the bot
    # token, so every instance and every restart agrees on it without storing it anywhere,
    # and a revoked token takes the old secret with it.
    webhook_secret: SecretStr | None = Field(default=None, repr=False)
    # Connections Telegram opens at once to deliver updates (setWebhook: 1-100, 40 by default).
    webhook_max_connections: int = Field(default=40, ge=1, le=100)
    # Polling mode: serve /metrics, /healthz and /readyz on host:port (bot/probes.py). Unset,
    # polling serves no HTTP at all; in webhook mode they are on the webhook's server.
    metrics_host: str = "127.0.0.1"
    metrics_port: int | None = Field(default=None, ge=1, le=65535)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        # ADMIN_IDS=123,456 (commas or spaces) reads better in a .env than a JSON list.
        if isinstance(value, str):
            parts = value.replace(",", " ").split()
            try:
                return frozenset(int(part) for part in parts)
            except ValueError:
                raise ValueError(
                    "ADMIN_IDS must be Telegram user ids separated by commas"
                ) from None
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("regulation_profile")
    @classmethod
    def _check_profile(cls, value: str) -> str:
        if value not in PROFILES:
            raise ValueError(f"must be one of {', '.join(sorted(PROFILES))}")
        return value

    @field_validator("default_locale")
    @classmethod
    def _check_locale(cls, value: str) -> str:
        if value not in SUPPORTED_LOCALES:
            raise ValueError(f"must be one of {', '.join(SUPPORTED_LOCALES)}")
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _check_webhook_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        # Telegram's cloud takes only HTTPS; a local Bot API server (--local) takes HTTP too.
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError("must be a URL such as https://bot.example.kz/telegram")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _check_webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET_PATTERN.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @model_validator(mode="after")
    def _webhook_needs_token(self) -> Self:
        if self.webhook_url and self.bot_token is None:
            # Sandbox mode polls its own emulator; a webhook is for Telegram.
            raise ValueError("WEBHOOK_URL needs BOT_TOKEN")
        return self

    @model_validator(mode="after")
    def _metrics_port_is_for_polling(self) -> Self:
        if self.metrics_port is not None and self.bot_token is None:
            # The sandbox is a demo on a laptop, its bot polling in the background.
            raise ValueError("METRICS_PORT needs BOT_TOKEN: the sandbox serves no metrics")
        if self.webhook_url and self.metrics_port is not None:
            # Two servers for the same pages would leave the operator guessing which to watch.
            raise ValueError(
                "METRICS_PORT is for polling mode: with WEBHOOK_URL, /metrics, /healthz and "
                "/readyz are served on WEBHOOK_PORT"
            )
        return self

    @property
    def webhook_mode(self) -> bool:
        return self.webhook_url is not None

    @property
    def webhook_path(self) -> str:
        """The path the bot's server takes updates on: the one of WEBHOOK_URL (the reverse
        proxy passes it on unchanged)."""
        assert self.webhook_url is not None
        return urlsplit(self.webhook_url).path or "/"

    def webhook_secret_token(self) -> str:
        if self.webhook_secret is not None:
            return self.webhook_secret.get_secret_value()
        assert self.bot_token is not None
        digest = hmac.new(
            self.bot_token.get_secret_value().encode(), b"kezdesu webhook", hashlib.sha256
        )
        return digest.hexdigest()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def sandbox_mode(self) -> bool:
        return self.bot_token is None

    @property
    def sandbox_state_file(self) -> Path:
        if self.sandbox.state_file is not None:
            return self.sandbox.state_file
        prefix = "sqlite+aiosqlite:///"
        if self.database_url.startswith(prefix):
            database = Path(self.database_url.removeprefix(prefix).split("?", 1)[0])
            if database.name and database.name != ":memory:":
                return database.with_name(f"{database.stem}.sandbox.json")
        return ROOT / "var" / "sandbox.json"


def load_settings() -> Settings:
    return Settings()
