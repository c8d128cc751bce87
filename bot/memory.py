"""The garbage collector and a long-running bot."""

import gc

# Allocations of container objects (less those freed) between two young collections; Python's
# default is 700. See :func:`settle_garbage_collector`.
YOUNG_THRESHOLD = 10_000


def settle_garbage_collector() -> None:
    """Keep Python's cycle collector off what exists once the bot is built, and let it look at
    young objects less often.

    Every module imported at start (aiogram, SQLAlchemy, the handlers) lives as long as the
    process; a full collection walks all of it, 190–260 ms with the event loop stopped, every
    few seconds under load: at 1,000/s the sender then loses ~150 messages a pass
    (bench/README.md). Frozen, they are never walked again; what the bot creates later is
    collected as usual.

    Under load a hundred updates are in flight at once, so a young collection every 700
    allocations finds thousands of their objects still alive and moves them to the older
    generations, where they die by reference count a moment later but count towards the next
    full collection. With the default, one run of 1,000 citizens made 4,541 young, 413 middle
    and 38 full collections, 10.3 s of the bot's 71 s of CPU, the full ones 74 ms at the median
    and up to 295 ms with the event loop stopped; at 10,000, 107 young, 10 middle and no full
    one after start-up, 1.3 s (bench/README.md, "The garbage collector"). Garbage that is not
    a cycle never waits for the collector (reference counting frees it at once), so the cost
    is at most 10,000 more objects of cyclic garbage held a little longer.
    """
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
