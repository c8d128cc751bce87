"""The bot keeps the garbage collector off its start-up objects and looks at young objects less
often (bot/memory.py)."""

import gc

from bot.memory import YOUNG_THRESHOLD, settle_garbage_collector


def test_start_up_objects_are_frozen_and_later_ones_collected() -> None:
    gc.unfreeze()
    thresholds = gc.get_threshold()
    try:
        settle_garbage_collector()
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
        gc.set_threshold(*thresholds)


def test_young_objects_are_collected_less_often_and_the_older_generations_as_before() -> None:
    thresholds = gc.get_threshold()
    try:
        settle_garbage_collector()
        assert gc.get_threshold() == (YOUNG_THRESHOLD, *thresholds[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
