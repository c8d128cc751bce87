"""What a message to a process on another core costs this machine, against one on the same core.

    .venv/bin/python bench/wakeup_bench.py [--round-trips 20000] [--repeat 2]

Two processes pass one byte back and forth over a socket pair, each waiting for the other's
byte before it sends its own: the pattern of a bot and its database, Redis or the load
balancer, one request and its answer at a time. Run with both processes allowed on core 0
only, then with the second on core 1 (each pair of runs repeated). Printed per round trip: the
CPU time of the first process (user and kernel) and the wall time.

Why it is here: the bot's every exchange with its database, Redis and nginx wakes a process,
often on the other core. On a virtual machine waking another core can cost far more than on
bare metal; this says how much on the machine it runs on (instances_bench.py --wakeups counts
how many of a run's wake-ups cross cores; bench/README.md, "The wake-ups, counted"). Needs two
cores. Writes nothing.
"""

import argparse
import os
import socket
import time
from collections.abc import Callable

from machine import machine


def round_trips(
    count: int,
    first_core: int,
    second_core: int,
    forked: Callable[[int], object] = lambda _pid: None,
) -> tuple[float, float]:
    """Seconds of the first process's CPU and of wall time for ``count`` round trips; this
    process is left on ``first_core``. ``forked`` is told the second process's pid."""
    mine, theirs = socket.socketpair()
    child = os.fork()
    if child == 0:  # the second process: answers each byte with one
        try:
            os.sched_setaffinity(0, {second_core})
            mine.close()
            for _ in range(count):
                theirs.recv(1)
                theirs.send(b"a")
        finally:
            os._exit(0)
    theirs.close()
    forked(child)
    os.sched_setaffinity(0, {first_core})
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(count):
        mine.send(b"q")
        mine.recv(1)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    mine.close()
    os.waitpid(child, 0)
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else "")
    parser.add_argument("--round-trips", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    allowed = os.sched_getaffinity(0)
    cores = sorted(allowed)
    if len(cores) < 2:
        raise SystemExit("needs two cores this process may run on; it has one")
    print(f"Machine: {machine()}; cores {cores}")
    try:
        for _ in range(args.repeat):
            for second in (cores[0], cores[1]):
                cpu, wall = round_trips(args.round_trips, cores[0], second)
                where = "same core   " if second == cores[0] else "other core  "
                print(
                    f"  {where}CPU {cpu / args.round_trips * 1e6:6.1f} µs, "
                    f"wall {wall / args.round_trips * 1e6:6.1f} µs per round trip"
                )
    finally:
        os.sched_setaffinity(0, allowed)


if __name__ == "__main__":
    main()
