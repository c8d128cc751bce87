"""Emulator configuration (immutable; runtime changes replace the whole object)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EmulatorConfig:
    """Settings of one emulator instance.

    ``delay_ms`` is added to every Bot API answer (it stands in for the network round trip).
    Rate limits apply to the sending methods (sendMessage, sendPhoto, ...): a token bucket per
    chat (``chat_rate`` tokens/s, ``chat_burst`` capacity) and a global one (``global_rate``,
    ``global_burst``). ``retry_after`` is computed from the bucket, at least 1 second.
    Telegram publishes the rates but not the bursts; the defaults hold a second's worth
    globally (three messages per chat), and ``with_burst_seconds`` (``--burst-seconds``) makes
    every bucket smaller or larger.
    Requests with ``allow_paid_broadcast`` replace the global bucket by a paid one
    (``paid_broadcast_rate``, ``paid_broadcast_burst``: Telegram allows up to 1000 messages a
    second for 0.1 Star each beyond the regular limit); the per-chat bucket still applies.
    Groups and channels (negative chat ids) have a slower bucket of their own, ``group_rate``
    and ``group_burst``: Telegram allows about 20 messages a minute to one group or channel.
    """

    host: str = "127.0.0.1"
    port: int = 0
    bot_token: str = "123456:TEST"
    bot_username: str = "kezdesu_bot"
    bot_first_name: str = "Kezdesu"
    delay_ms: int = 0
    global_rate: float = 30.0
    global_burst: int = 30
    chat_rate: float = 1.0
    chat_burst: int = 3
    paid_broadcast_rate: float = 1000.0
    paid_broadcast_burst: int = 1000
    group_rate: float = 20 / 60
    group_burst: int = 20
    rate_limits_enabled: bool = True
    max_updates_kept: int = 10_000
    max_long_poll_seconds: int = 50
    # As a local Bot API server (telegram-bot-api --local): a webhook may be plain HTTP, on any
    # port and a local address. Telegram's cloud takes only HTTPS on 443, 80, 88 or 8443.
    local_mode: bool = False
    # A webhook delivery that got no 2xx is tried again after this long; one unanswered for
    # webhook_timeout_ms has failed.
    webhook_retry_ms: int = 1000
    webhook_timeout_ms: int = 60_000
    # Telegram itself keeps an unknown named entity such as "&nbsp;" as literal text; the
    # emulator rejects it by default because it is always a bug in the bot (it would be shown
    # to the user as "&nbsp;"). Set to False for tdlib's lenient behaviour.
    strict_html_entities: bool = True
    # Where the users, chats and history are kept over a restart (sandbox/persist.py); None
    # keeps them in memory only (tests, benchmarks).
    state_path: str | None = None

    @property
    def bot_id(self) -> int:
        head = self.bot_token.split(":", 1)[0]
        return int(head) if head.isdigit() else 0

    def with_changes(self, changes: dict[str, Any]) -> EmulatorConfig:
        """Return a copy with the given runtime-changeable fields replaced (validated)."""
        allowed = {
            "delay_ms": int,
            "global_rate": float,
            "global_burst": int,
            "chat_rate": float,
            "chat_burst": int,
            "paid_broadcast_rate": float,
            "paid_broadcast_burst": int,
            "group_rate": float,
            "group_burst": int,
            "rate_limits_enabled": bool,
            "max_updates_kept": int,
            "strict_html_entities": bool,
            "webhook_retry_ms": int,
            "webhook_timeout_ms": int,
        }
        clean: dict[str, Any] = {}
        for key, value in changes.items():
            kind = allowed.get(key)
            if kind is None:
                raise ValueError(f"unknown or read-only config field: {key}")
            if kind is bool:
                if not isinstance(value, bool):
                    raise ValueError(f"{key} must be a boolean")
                clean[key] = value
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{key} must be a number")
            if value < 0:
                raise ValueError(f"{key} must not be negative")
            clean[key] = kind(value)
        for key in ("global_burst", "chat_burst", "paid_broadcast_burst", "group_burst"):
            if key in clean and clean[key] < 1:
                raise ValueError(f"{key} must be at least 1")
        return dataclasses.replace(self, **clean)

    def with_burst_seconds(self, seconds: float) -> EmulatorConfig:
        """A copy whose buckets (global, per chat, paid) each hold ``seconds`` of their rate,
        at least one message: Telegram does not publish its bursts, so a sender is tried
        against a small one (a tenth of a second) as well as the default second's worth."""
        if seconds <= 0:
            raise ValueError("the burst must be positive")
        return self.with_changes(
            {
                "global_burst": burst_size(self.global_rate, seconds),
                "chat_burst": burst_size(self.chat_rate, seconds),
                "paid_broadcast_burst": burst_size(self.paid_broadcast_rate, seconds),
            }
        )

    def public_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.pop("bot_token")
        return data


def burst_size(rate: float, seconds: float) -> int:
    """A bucket holding ``seconds`` of ``rate``: at least one message, or nothing could pass."""
    return max(1, round(rate * seconds))
