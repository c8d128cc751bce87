"""bench/cpu_quota.py: what instances_bench.py's --cpu-quota does to the instances it caps."""

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from cpu_quota import PERIOD_US, QuotaError, cpu_controller, cpu_quota


def idle_process() -> subprocess.Popen[bytes]:
    """A process to cap: it waits for its stdin to close, so the test decides when it ends."""
    return subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.wait()
    if process.stdin is not None:
        process.stdin.close()


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
