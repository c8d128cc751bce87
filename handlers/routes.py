"""Handler registrations that build a fresh Router on demand.

aiogram lets a router hang in one tree only, and a process may build the bot more than once
(the tests build one per test). A feature module therefore keeps its decorators on a `Routes`
(`router = Routes(name=__name__)`, then `@router.message(...)` as on a Router), and
`handlers.get_routers()` calls `build()` for a new Router each time.
"""

from collections.abc import Callable
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import CallbackType

# What a Routes does to a new Router: one registration, or one filter on an observer.
Step = Callable[[Router], None]


class Observer:
    """Stands for one event observer of the Router to come (`message`, `callback_query`,
    `errors`): the same decorator and `filter()` as aiogram's, recorded instead of applied."""

    def __init__(self, steps: list[Step], event: str) -> None:
        self._steps = steps
        self._event = event

    def __call__(
        self, *filters: CallbackType, flags: dict[str, Any] | None = None, **kwargs: Any
    ) -> Callable[[CallbackType], CallbackType]:
        def record(callback: CallbackType) -> CallbackType:
            def register(router: Router) -> None:
                router.observers[self._event].register(callback, *filters, flags=flags, **kwargs)

            self._steps.append(register)
            return callback

        return record

    def filter(self, *filters: CallbackType) -> None:
        """Filters for every handler of this observer (aiogram's `router.message.filter`)."""
        self._steps.append(lambda router: router.observers[self._event].filter(*filters))


class Routes:
    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[Step] = []
        self.message = Observer(self._steps, "message")
        self.callback_query = Observer(self._steps, "callback_query")
        self.errors = Observer(self._steps, "error")
        self.my_chat_member = Observer(self._steps, "my_chat_member")

    def build(self) -> Router:
        """A new Router with every handler and filter, in the order they were declared."""
        router = Router(name=self.name)
        for step in self._steps:
            step(router)
        return router
