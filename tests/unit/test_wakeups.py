"""bench/wakeups.py: the wake-ups instances_bench.py's --wakeups counts, and across cores."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from wakeup_bench import round_trips
from wakeups import WakeupsError, count_wakeups, recorded_wakeups

PERF_LINES = """\
[001] sched:sched_wakeup: comm=postgres pid=4242 prio=120 target_cpu=000
[000] sched:sched_waking: comm=postgres pid=4242 prio=120 target_cpu=001
[001] sched:sched_wakeup: comm=postgres pid=4242 prio=120 target_cpu=001
[001] sched:sched_waking: comm=postgres pid=4242 prio=120 target_cpu=001
[001] sched:sched_wakeup: comm=postgres pid=4242 prio=120 target_cpu=001
[001] sched:sched_waking: comm=redis-server pid=2272 prio=120 target_cpu=001
[000] sched:sched_waking: comm=kworker/0:1H pid=7 prio=100 target_cpu=000
[000] sched:sched_wakeup: comm=kworker/0:1H pid=7 prio=100 target_cpu=000
[000] sched:sched_wakeup: comm=redis-server pid=2272 prio=120 target_cpu=000
[001] sched:sched_waking: comm=a name with spaces pid=99 prio=-51 target_cpu=001
[000] sched:sched_wakeup: comm=a name with spaces pid=99 prio=-51 target_cpu=000
no samples of this shape: a note of perf's
"""


def test_wakeups_are_counted_by_part_and_across_cores() -> None:
    def part_of(pid: int, name: str) -> str:
        return "bots" if pid == 99 else name.split("/")[0]

    counted = count_wakeups(PERF_LINES.splitlines(), part_of)
    # The first line's waking was before the recording began: not counted.
    assert counted.total == {"postgres": 2, "redis-server": 1, "kworker": 1, "bots": 1}
    # Crossing: woken from core 0 onto 1 (postgres); from 1, placed on 0 (redis, bots).
    assert counted.crossing == {"postgres": 1, "redis-server": 1, "bots": 1}


async def test_a_process_woken_from_the_other_core_is_counted_as_crossing() -> None:
    allowed = os.sched_getaffinity(0)
    cores = sorted(allowed)
    if len(cores) < 2:
        pytest.skip("needs two cores")
    children: list[int] = []

    def part_of(pid: int, _name: str) -> str:
        return "child" if pid in children else "other"

    try:
        async with recorded_wakeups(part_of) as woken:
            # A child pinned to the second core answers each of 500 bytes from the first.
            round_trips(500, cores[0], cores[1], forked=children.append)
    except WakeupsError as error:
        pytest.skip(str(error))
    finally:
        os.sched_setaffinity(0, allowed)
    # Each byte wakes the child on its core from this process's; a few may find it awake.
    assert woken.total.get("child", 0) >= 250
    assert woken.crossing.get("child", 0) >= 0.9 * woken.total["child"]
