"""``python -m sandbox``: run the Bot API emulator with its web chat page."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

from sandbox.config import EmulatorConfig
from sandbox.server import run_emulator


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--token", default=EmulatorConfig.bot_token)
    parser.add_argument("--username", default=EmulatorConfig.bot_username)
    parser.add_argument("--delay-ms", type=int, default=0, help="added to every Bot API answer")
    parser.add_argument(
        "--no-rate-limits", action="store_true", help="disable the 429 flood control"
    )
    # Telegram publishes the rates, not the buckets' bursts: a sender must hold the rate
    # whatever the burst, and these let it be tried against a small one.
    limits = parser.add_argument_group("flood control (sandbox/limits.py)")
    defaults = EmulatorConfig()
    for flag, field, kind, meaning in (
        ("--global-rate", "global_rate", float, "messages a second to all chats"),
        ("--global-burst", "global_burst", int, "the global bucket's size, in messages"),
        ("--chat-rate", "chat_rate", float, "messages a second to one chat"),
        ("--chat-burst", "chat_burst", int, "a chat's bucket's size"),
        ("--paid-rate", "paid_broadcast_rate", float, "with allow_paid_broadcast"),
        ("--paid-burst", "paid_broadcast_burst", int, "the paid bucket's size"),
    ):
        limits.add_argument(
            flag,
            dest=field,
            type=kind,
            default=getattr(defaults, field),
            help=f"{meaning} (default %(default)s)",
        )
    limits.add_argument(
        "--burst-seconds",
        type=float,
        help="set every burst to this many seconds' worth of its rate (at least one message)",
    )
    parser.add_argument("--access-log", action="store_true")
    parser.add_argument(
        "--state", metavar="FILE", help="keep users, chats and history in FILE over restarts"
    )
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    config = EmulatorConfig(
        host=args.host,
        port=args.port,
        bot_token=args.token,
        bot_username=args.username,
        delay_ms=args.delay_ms,
        global_rate=args.global_rate,
        global_burst=args.global_burst,
        chat_rate=args.chat_rate,
        chat_burst=args.chat_burst,
        paid_broadcast_rate=args.paid_broadcast_rate,
        paid_broadcast_burst=args.paid_broadcast_burst,
        rate_limits_enabled=not args.no_rate_limits,
        state_path=args.state,
    )
    if args.burst_seconds is not None:
        config = config.with_burst_seconds(args.burst_seconds)
    async with run_emulator(config, access_log=args.access_log) as emulator:
        print(f"Telegram Bot API emulator: {emulator.url}", flush=True)
        print(f"  web chat:  {emulator.url}/", flush=True)
        print(f"  bot API:   {emulator.url}/bot<token>/<method>", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop.set)
        await stop.wait()
        print("stopping", flush=True)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args))


if __name__ == "__main__":
    main()
