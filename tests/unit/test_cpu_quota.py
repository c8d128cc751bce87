"""bench/cpu_quota.py: what instances_bench.py's --cpu-quota does to the instances it caps."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from cpu_quota import PERIOD_US, QuotaError, cpu_controller, cpu_quota, pinned

# Started with a second thread, which says so on stdout before the process waits: pinning
# must reach every thread, not only the one whose id is the process's.
THREADED_WAIT = (
    "import sys, threading; e = threading.Event(); "
    "threading.Thread(target=e.wait, daemon=True).start(); print(flush=True); sys.stdin.read()"
)


def idle_process() -> subprocess.Popen[bytes]:
    """A process to cap: it waits for its stdin to close, so the test decides when it ends."""
    return subprocess.Popen(
        [sys.executable, "-c", THREADED_WAIT], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )


def threads_of(process: subprocess.Popen[bytes]) -> list[int]:
    assert process.stdout is not None
    process.stdout.readline()  # its second thread has started
    return [int(name) for name in os.listdir(f"/proc/{process.pid}/task")]


def stop(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()


def controller_or_skip() -> tuple[Path, int]:
    try:
        return cpu_controller()
    except QuotaError as error:
        pytest.skip(f"no writable CPU controller here: {error}")


def test_each_process_is_capped_in_a_group_of_its_own_then_released() -> None:
    controller, version = controller_or_skip()
    processes = [idle_process(), idle_process()]
    try:
        with cpu_quota([p.pid for p in processes], 0.25) as groups:
            assert len(set(groups)) == 2
            for group, process in zip(groups, processes, strict=True):
                assert (group / "cgroup.procs").read_text().split() == [str(process.pid)]
                if version == 1:
                    assert (group / "cpu.cfs_period_us").read_text().strip() == str(PERIOD_US)
                    quota = (group / "cpu.cfs_quota_us").read_text().strip()
                    assert quota == str(PERIOD_US // 4)
                else:
                    assert (group / "cpu.max").read_text().split() == [
                        str(PERIOD_US // 4),
                        str(PERIOD_US),
                    ]
        for group in groups:
            assert not group.exists()
        members = (controller / "cgroup.procs").read_text().split()
        assert all(str(p.pid) in members for p in processes)
    finally:
        for process in processes:
            stop(process)


def test_a_process_gone_meanwhile_does_not_stop_the_release() -> None:
    controller_or_skip()
    process = idle_process()
    with cpu_quota([process.pid], 0.5) as groups:
        stop(process)
    assert not groups[0].exists()


def test_no_controller_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(QuotaError, match="no CPU controller"), cpu_quota([1], 0.5, tmp_path):
        pass


def test_a_share_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"), cpu_quota([1], 0):
        pass


def test_each_process_runs_on_a_core_of_its_own_until_released() -> None:
    cores = sorted(os.sched_getaffinity(0))
    processes = [idle_process() for _ in range(len(cores) + 1)]
    try:
        threads = [threads_of(p) for p in processes]
        assert all(len(ts) == 2 for ts in threads)
        before = {t: os.sched_getaffinity(t) for ts in threads for t in ts}
        with pinned([p.pid for p in processes]) as chosen:
            # The i-th on the i-th core; one more process than cores starts again at the first.
            assert chosen == [*cores, cores[0]]
            for ts, core in zip(threads, chosen, strict=True):
                assert all(os.sched_getaffinity(t) == {core} for t in ts)
        assert {t: os.sched_getaffinity(t) for t in before} == before
    finally:
        for process in processes:
            stop(process)


def test_pinning_a_process_gone_meanwhile_is_no_error() -> None:
    process = idle_process()
    threads_of(process)
    with pinned([process.pid]):
        stop(process)
