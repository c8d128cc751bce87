"""A share of a core for a process, through the kernel's CPU controller (cgroups v1 or v2).

instances_bench.py's aim is to show that a second instance adds what the first one does. On a
machine with fewer cores than instances + the load, the instances share the cores with the
emulator, the citizens and PostgreSQL, and the figure says how the machine was split rather
than whether the design scales. Capped at the same share of a core each, so far below the
machine's cores that the load and PostgreSQL have theirs, each instance is the bottleneck of
its own run, as an instance on a core of its own is in production.

Needs a writable CPU controller (root in a container or on a host with cgroups mounted);
:func:`cpu_controller` says which, or why none.

:func:`pinned` goes one step further towards "an instance on a core of its own": each process
may run on one core only, the first on core 0, the second on core 1, and so on, while the load
and PostgreSQL go where the kernel puts them. Without it the kernel moves the instances from
core to core as the load comes and goes.
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

CGROUPS = Path("/sys/fs/cgroup")
# The quota is enforced per period; a short one spreads a capped process's runs over time
# rather than letting it use its whole share at once and then stall for most of a period.
PERIOD_US = 20_000


class QuotaError(RuntimeError):
    """No CPU controller this process may write to."""


def cpu_controller(root: Path = CGROUPS) -> tuple[Path, int]:
    """The directory of a writable CPU controller and its cgroups version (1 or 2)."""
    v1 = root / "cpu"
    if (v1 / "cpu.cfs_quota_us").exists():
        return _writable(v1), 1
    controllers = root / "cgroup.controllers"
    if controllers.exists() and "cpu" in controllers.read_text().split():
        subtree = root / "cgroup.subtree_control"
        if "cpu" not in subtree.read_text().split():
            try:
                subtree.write_text("+cpu")
            except OSError as error:
                raise QuotaError(f"cannot enable the cpu controller: {error}") from error
        return _writable(root), 2
    raise QuotaError(f"no CPU controller under {root} (cgroups v1 cpu or v2 with cpu)")


def _writable(directory: Path) -> Path:
    probe = directory / f"kezdesu-probe-{uuid.uuid4().hex[:8]}"
    try:
        probe.mkdir()
    except OSError as error:
        raise QuotaError(f"cannot create a cgroup in {directory}: {error}") from error
    probe.rmdir()
    return directory


@contextmanager
def cpu_quota(pids: list[int], cores: float, root: Path = CGROUPS) -> Iterator[list[Path]]:
    """Each of ``pids`` (with all its threads) in a cgroup of its own, capped at ``cores`` of
    a core; at the end, those still alive are moved to the controller's root cgroup, uncapped,
    and the cgroups removed."""
    if cores <= 0:
        raise ValueError("the share of a core must be positive")
    controller, version = cpu_controller(root)
    quota = max(1_000, round(PERIOD_US * cores))
    made: list[Path] = []
    try:
        for pid in pids:
            group = controller / f"kezdesu-bench-{uuid.uuid4().hex[:8]}"
            group.mkdir()
            made.append(group)
            if version == 1:
                (group / "cpu.cfs_period_us").write_text(str(PERIOD_US))
                (group / "cpu.cfs_quota_us").write_text(str(quota))
            else:
                (group / "cpu.max").write_text(f"{quota} {PERIOD_US}")
            (group / "cgroup.procs").write_text(str(pid))
        yield made
    finally:
        for group in made:
            for member in (group / "cgroup.procs").read_text().split():
                with suppress(OSError):  # gone meanwhile
                    (controller / "cgroup.procs").write_text(member)
            with suppress(OSError):
                group.rmdir()


def throttled_seconds(group: Path) -> float:
    """How long the kernel held the cgroup's processes back for want of quota."""
    stat = dict(line.split() for line in (group / "cpu.stat").read_text().splitlines())
    if "throttled_time" in stat:  # v1, nanoseconds
        return int(stat["throttled_time"]) / 1e9
    return int(stat.get("throttled_usec", "0")) / 1e6


@contextmanager
def pinned(pids: list[int]) -> Iterator[list[int]]:
    """Each of ``pids`` (every thread of it) allowed on one core only: the i-th on core i,
    round the machine's cores; yields the cores. At the end, the threads still alive may run
    anywhere they could before."""
    cores = sorted(os.sched_getaffinity(0))
    before: dict[int, set[int]] = {}
    chosen = [cores[index % len(cores)] for index in range(len(pids))]
    try:
        for pid, core in zip(pids, chosen, strict=True):
            for thread in _threads(pid):
                with suppress(OSError):  # ended meanwhile
                    before[thread] = os.sched_getaffinity(thread)
                    os.sched_setaffinity(thread, {core})
        yield chosen
    finally:
        for thread, allowed in before.items():
            with suppress(OSError):
                os.sched_setaffinity(thread, allowed)


def _threads(pid: int) -> list[int]:
    """The process's threads (a new thread takes the affinity of the one that starts it)."""
    try:
        return [int(name) for name in os.listdir(f"/proc/{pid}/task")]
    except OSError:
        return [pid]
