"""A PostgreSQL server of the test's own, which the test may stop and restart.

The shared server (TEST_DATABASE_URL) serves every other test, so nothing may restart it.
This starts a private cluster from the machine's PostgreSQL binaries in a temporary folder,
on a free port of 127.0.0.1. `stop()` and `start()` are the two halves of a real restart
(`pg_ctl stop -m fast`, then start): open sessions are ended, and until the start the server
refuses connections, for as long as the test keeps it down.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def postgres_bindir() -> Path | None:
    """Where initdb and pg_ctl are: `pg_config --bindir`, else Debian's versioned folders."""
    pg_config = shutil.which("pg_config")
    if pg_config is not None:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        path = Path(found.stdout.strip())
        if (path / "initdb").is_file() and (path / "pg_ctl").is_file():
            return path
    for path in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (path / "initdb").is_file() and (path / "pg_ctl").is_file():
            return path
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class OwnPostgres:
    bindir: Path
    data: Path
    port: int
    log: Path
    as_user: list[str]  # the command prefix that runs a binary as the cluster's owner

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def _pg_ctl(self, *args: str) -> None:
        command = [
            *self.as_user,
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            *args,
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl {args[0]} failed: {done.stderr or done.stdout}")

    def _options(self) -> str:
        # Surviving a power cut is not what is tested: without fsync, start-up and restarts
        # are quick, and a stopped server (its WAL written) loses no committed transaction.
        return (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data.parent} "
            "-c fsync=off -c full_page_writes=off"
        )

    def start(self) -> None:
        """Start it; returns once it accepts connections."""
        self._pg_ctl("start", "-o", self._options())

    def stop(self) -> None:
        """Stop it as a restart's first half does: open sessions are ended."""
        self._pg_ctl("stop", "-m", "fast")

    def kill(self) -> None:
        self._pg_ctl("stop", "-m", "immediate")


@contextlib.contextmanager
def own_postgres() -> Iterator[OwnPostgres | None]:
    """A running private cluster, or None when this machine has no PostgreSQL binaries."""
    bindir = postgres_bindir()
    if bindir is None:
        yield None
        return
    # PostgreSQL refuses to run as root: then the cluster belongs to the `postgres` user.
    as_user: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            yield None
            return
        as_user = [runuser, "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="kezdesu-pg-"))
    try:
        if as_user:
            shutil.chown(folder, user="postgres")
        data = folder / "data"
        initdb = [str(bindir / "initdb"), "--no-sync", "-E", "UTF8", "--locale=C"]
        subprocess.run(
            [*as_user, *initdb, "-D", str(data), "-U", "postgres", "-A", "trust"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        server = OwnPostgres(bindir, data, _free_port(), folder / "server.log", as_user)
        server.start()
        try:
            yield server
        finally:
            server.kill()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
