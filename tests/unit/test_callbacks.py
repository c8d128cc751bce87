"""The rules of callback prefixes (handlers/callbacks.py): family + version, one family per
factory, and retired prefixes that still read as the factory that wrote them."""

import importlib
import pkgutil
import re
from enum import Enum
from typing import Any

import pytest
from aiogram import Bot
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, TelegramObject, User

import handlers
import services
from bot.middlewares.retired_callbacks import RetiredCallbackMiddleware
from handlers.callbacks import (
    RETIRED,
    LcAction,
    LcMeetingCb,
    PlanViewCb,
    ProgressAction,
    ProgressCb,
    current_data,
)

PREFIX = re.compile(r"^(?P<family>[a-z]{2,3})(?P<version>\d)$")


def _import_all(package: Any) -> None:
    # A factory defined in any module of ours counts, not only those handlers/callbacks.py lists.
    for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        importlib.import_module(module.name)


def _subclasses(cls: type) -> list[type]:
    found: list[type] = []
    subclasses: list[type] = cls.__subclasses__()
    for sub in subclasses:
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def factories() -> list[type[CallbackData]]:
    _import_all(handlers)
    _import_all(services)
    ours = [
        factory
        for factory in _subclasses(CallbackData)
        if factory.__module__.split(".")[0] in {"handlers", "services"}
    ]
    assert ours
    return ours


def test_every_prefix_is_a_family_and_a_version() -> None:
    bad = [f.__name__ for f in factories() if not PREFIX.fullmatch(f.__prefix__)]
    assert bad == []


def test_prefixes_and_families_are_unique() -> None:
    found = factories()
    prefixes = [f.__prefix__ for f in found]
    assert len(prefixes) == len(set(prefixes))
    families = [f.__prefix__[:-1] for f in found]
    assert len(families) == len(set(families))


def test_no_packed_data_starts_like_another_factory() -> None:
    heads = {f.__name__: f"{f.__prefix__}{f.__separator__}" for f in factories()}
    clashes = [
        (a, b)
        for a, head in heads.items()
        for b, other in heads.items()
        if a != b
        if other.startswith(head)
    ]
    assert clashes == []


def test_retired_prefixes_are_never_used_again() -> None:
    found = factories()
    current = {f.__prefix__ for f in found}
    assert not current & RETIRED.keys()
    assert all(PREFIX.fullmatch(prefix) for prefix in RETIRED)
    assert set(RETIRED.values()) <= set(found)


@pytest.mark.parametrize(
    ("pressed", "read"),
    [
        ("pl7:o:12:0:0:0:0:1", "prg1:o:12:0:0:0:0:1"),
        ("pl1:5:0:0", "plv1:5:0:0"),
        ("lc1:active:2", "lcl1:active:2"),
        ("qp2:o:9:a:a:0", "qpi1:o:9:a:a:0"),
        # Kept prefixes, current ones and look-alikes pass as they are.
        ("pl5:o:12:0:1", "pl5:o:12:0:1"),
        ("lc2:o:3:1", "lc2:o:3:1"),
        ("prg1:o:12:0:0:0:0:1", "prg1:o:12:0:0:0:0:1"),
        ("pl10:1", "pl10:1"),
        ("pl1", "pl1"),
        ("", ""),
    ],
)
def test_current_data(pressed: str, read: str) -> None:
    assert current_data(pressed) == read


def test_an_old_button_unpacks_as_its_factory() -> None:
    packed = ProgressCb(action=ProgressAction.OPEN, meeting_id=12, fresh=True).pack()
    old = "pl7" + packed.removeprefix(ProgressCb.__prefix__)
    assert ProgressCb.unpack(current_data(old)) == ProgressCb.unpack(packed)
    card = LcMeetingCb(action=LcAction.OPEN, meeting_id=3, fresh=True).pack()
    assert current_data(card) == card


async def test_the_middleware_hands_on_the_current_data() -> None:
    bot = Bot("42:TEST")
    query = CallbackQuery(
        id="1",
        from_user=User(id=7, is_bot=False, first_name="A"),
        chat_instance="c",
        data="pl1:5:0:0",
    ).as_(bot)
    seen: list[TelegramObject] = []

    async def handler(event: TelegramObject, data: dict[str, Any]) -> None:
        seen.append(event)

    await RetiredCallbackMiddleware()(handler, query, {})
    (event,) = seen
    assert isinstance(event, CallbackQuery)
    assert PlanViewCb.unpack(event.data or "") == PlanViewCb(meeting_id=5)
    assert event.bot is bot
    await bot.session.close()


def _sample(annotation: Any) -> Any:
    """A valid value of a callback field's type."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation))
    if annotation is bool:
        return False
    if annotation is str:
        return "x"
    return 2026  # a whole number every bounded field takes (an id, a page, a year)


def _whole_fields() -> list[tuple[type[CallbackData], str]]:
    return [
        (factory, name)
        for factory in factories()
        for name, field in factory.model_fields.items()
        if field.annotation is int
    ]


def test_every_whole_number_of_every_factory_is_checked() -> None:
    assert len(_whole_fields()) > 40


@pytest.mark.parametrize("value", [2**31, 2**63, 2**64, 10**30, -1])
def test_forged_numbers_do_not_unpack(value: int) -> None:
    """Forged data with an id past what the database holds (or a negative one) matches no
    handler: the press is answered as a stale button, never sent to the database. People's
    Telegram ids are BIGINT: 2³¹ is a fine one."""
    unpacked: list[str] = []
    for factory, name in _whole_fields():
        values = {n: _sample(f.annotation) for n, f in factory.model_fields.items()}
        assert factory.unpack(factory(**values).pack())  # the sample itself is valid
        forged = factory.model_construct(**{**values, name: value}).pack()
        if name == "user_id" and 0 <= value < 2**63:
            assert factory.unpack(forged)
            continue
        try:
            factory.unpack(forged)
        except ValueError:
            continue
        unpacked.append(f"{factory.__name__}.{name}")
    assert unpacked == []
