"""The event loop the bot runs on: uvloop's where it is installed, asyncio's otherwise.

uvloop (MagicStack, as asyncpg) runs the loop and its sockets in C. The bot spends much of its
CPU there: every update is a task, every Bot API request and SQL statement a round of socket
callbacks. Under bench/citizens_bench.py the bot took 9 % less CPU per update on it than on
asyncio's own loop, over four alternating pairs of runs (0–17 %; bench/README.md). It is a
dependency on Linux and macOS; Windows has none, and there the bot runs on asyncio's loop.
``EVENT_LOOP=asyncio`` chooses asyncio's anywhere, should uvloop ever be the one to blame.
"""

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, Literal, TypeVar

T = TypeVar("T")

EventLoopChoice = Literal["auto", "uvloop", "asyncio"]


class EventLoopError(Exception):
    pass


def loop_factory(choice: EventLoopChoice) -> Callable[[], asyncio.AbstractEventLoop] | None:
    """What ``asyncio.Runner`` builds its loop with; None for asyncio's own."""
    if choice == "asyncio":
        return None
    try:
        import uvloop
    except ImportError:
        if choice == "uvloop":
            raise EventLoopError(
                "EVENT_LOOP=uvloop, but uvloop is not installed (pip install uvloop)"
            ) from None
        return None
    return uvloop.new_event_loop


def run(
    main: Coroutine[Any, Any, T], factory: Callable[[], asyncio.AbstractEventLoop] | None
) -> T:
    """``asyncio.run(main)`` on the loop ``factory`` builds (:func:`loop_factory`)."""
    with asyncio.Runner(loop_factory=factory) as runner:
        return runner.run(main)


def loop_name() -> str:
    """The running loop's, for the start's log line."""
    return type(asyncio.get_running_loop()).__module__.partition(".")[0]
