"""Which processes the kernel woke during a run, and how many of those wake-ups crossed cores.

On a virtual machine a wake-up of a task on another core is an interrupt between virtual CPUs,
which the hypervisor delivers: bench/wakeup_bench.py measured it at about ten times the CPU of
a wake-up on the same core. instances_bench.py's ``--wakeups`` counts them during the load:
``perf record`` of two of the scheduler's tracepoints on every core: ``sched_waking``, on the
core of the task that wakes another, and ``sched_wakeup``, once the woken task is queued to run,
saying on which core (``target_cpu``). A wake-up crossed cores when the two differ. (The
wake-up's own event alone cannot tell: a task woken on another core is queued by that core,
which records the event.)

Needs ``perf`` (Debian's linux-perf) and the kernel's leave to trace the whole machine (root,
or kernel.perf_event_paranoid at most 0 for an ordinary user).
"""

import asyncio
import contextlib
import re
import shutil
import signal
import tempfile
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

# `perf script -F cpu,event,trace` prints one line per event:
#   [001] sched:sched_waking: comm=postgres pid=4242 prio=120 target_cpu=000
_EVENT = re.compile(
    r"\[(\d+)\]\s+sched:sched_(waking|wakeup):\s+comm=(.*?) pid=(\d+) prio=-?\d+ target_cpu=(\d+)"
)


class WakeupsError(RuntimeError):
    """perf is missing, or may not trace the machine."""


@dataclass
class Wakeups:
    """Wake-ups by the part of the setup the woken task belongs to."""

    total: dict[str, int] = field(default_factory=dict)
    crossing: dict[str, int] = field(default_factory=dict)  # woken on another core

    def add(self, part: str, crossed: bool) -> None:
        self.total[part] = self.total.get(part, 0) + 1
        if crossed:
            self.crossing[part] = self.crossing.get(part, 0) + 1


def count_wakeups(lines: Iterable[str], part_of: Callable[[int, str], str]) -> Wakeups:
    """Count the wake-ups in `perf script -F cpu,event,trace` lines, in time order: each
    sched_wakeup, crossing when the task's sched_waking before it ran on another core.
    ``part_of(pid, comm)`` names the woken task's part. Lines of other shapes (perf's own
    notes) are skipped, and so is a sched_wakeup whose waking was before the recording."""
    counted = Wakeups()
    waking_on: dict[int, int] = {}  # task -> the core it was being woken from
    for line in lines:
        found = _EVENT.search(line)
        if found is None:
            continue
        cpu, event, comm, pid, target_cpu = found.groups()
        task = int(pid)
        if event == "waking":
            waking_on[task] = int(cpu)
        elif task in waking_on:
            counted.add(part_of(task, comm), waking_on.pop(task) != int(target_cpu))
    return counted


@contextlib.asynccontextmanager
async def recorded_wakeups(part_of: Callable[[int, str], str]) -> AsyncIterator[Wakeups]:
    """Record every wake-up on the machine while the block runs; the counts are filled in
    when it ends."""
    perf = shutil.which("perf")
    if perf is None:
        raise WakeupsError("perf is not installed (Debian: apt-get install linux-perf)")
    counted = Wakeups()
    with tempfile.TemporaryDirectory(prefix="kezdesu-wakeups-") as folder:
        data = Path(folder) / "perf.data"
        recording = await asyncio.create_subprocess_exec(
            perf,
            *("record", "--quiet", "--all-cpus"),
            *("--event", "sched:sched_waking", "--event", "sched:sched_wakeup"),
            *("--output", str(data)),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        # perf says nothing when it starts; a refusal ends it at once.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(recording.wait(), 1.0)
        if recording.returncode is not None:
            assert recording.stderr is not None
            refusal = (await recording.stderr.read()).decode(errors="replace").strip()
            raise WakeupsError(f"perf cannot record the scheduler's wake-ups: {refusal}")
        try:
            yield counted
        finally:
            recording.send_signal(signal.SIGINT)
            await recording.wait()
        script = await asyncio.create_subprocess_exec(
            perf,
            *("script", "--input", str(data), "--fields", "cpu,event,trace"),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        out, _ = await script.communicate()
    found = count_wakeups(out.decode(errors="replace").splitlines(), part_of)
    counted.total, counted.crossing = found.total, found.crossing
