"""The handlers' plain filters run on the event loop, not in a thread.

aiogram calls a filter that is not a coroutine through ``asyncio.to_thread``, so that one
which blocks cannot stall the loop. Ours never block: they are magic filters (``F.text``,
``F.data.startswith(...)``) and conversation states, pure and cheap. Yet an update is matched
against handler after handler, router by router, and each plain filter on the way cost a trip
to a worker thread and back: a tenth of the bot's CPU in the profile of bench/citizens_bench.py
went to the thread pool alone, more to waking the loop when the answer came back.

:func:`run_inline` wraps every plain filter of a router tree in a coroutine function that
calls it directly. The filter's parameters (which of the handler's data it is given) were read
from the plain callable when the handler was registered and stay as they are.
"""

from collections.abc import Callable, Iterator
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import FilterObject


def run_inline(root: Router) -> int:
    """Make every plain filter under ``root`` run on the loop; returns how many there were.
    Call it once the routers are included (bot/app.py)."""
    count = 0
    for filter_object in _filters(root):
        if not filter_object.awaitable:
            filter_object.callback = _on_the_loop(filter_object.callback)
            filter_object.awaitable = True
            count += 1
    return count


def _filters(router: Router) -> Iterator[FilterObject]:
    for observer in router.observers.values():
        # The observer's own filters (``router.message.filter(...)``) sit on its _handler.
        for handler in [observer._handler, *observer.handlers]:
            yield from handler.filters or ()
    for sub_router in router.sub_routers:
        yield from _filters(sub_router)


def _on_the_loop(plain: Callable[..., Any]) -> Callable[..., Any]:
    async def inline(*args: Any, **kwargs: Any) -> Any:
        return plain(*args, **kwargs)

    return inline
