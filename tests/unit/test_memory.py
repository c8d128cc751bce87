"""The bot keeps the garbage collector off its start-up objects (bot/memory.py)."""

import gc

from bot.memory import freeze_start_up_objects


def test_start_up_objects_are_frozen_and_later_ones_collected() -> None:
    gc.unfreeze()
    try:
        freeze_start_up_objects()
        frozen = gc.get_freeze_count()
        assert frozen > 0

        class Cycle:
            other: object = None

        first, second = Cycle(), Cycle()
        first.other, second.other = second, first
        del first, second
        # Objects made after start-up are not frozen: a full collection still frees a cycle.
        assert gc.collect() > 0
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
