"""The deployment of deploy/compose.yaml from local processes, for tests and benches.

    async with run_topology(TopologyConfig(database_url, redis_url, instances=3)) as topology:
        ... drive topology.emulator (SandboxClient(topology.emulator.url)) ...
        await topology.kill(0)        # kill -9 one instance
        await topology.restart(0)     # and bring it back on its port

What runs, as in compose: the migrations once (`kezdesu migrate`), then N `kezdesu run`
processes in webhook mode on free ports, all with the same token, database, Redis and webhook
secret; nginx in front of them with deploy/nginx.conf rendered for these ports (its own
prefix folder: no root paths, no root needed); the project's Bot API emulator (in this
process) as a local Bot API server, to which each instance gives the balancer's URL as its
webhook. Everything is stopped on the way out.

The database must exist (a scratch one: tests.conftest / storage.scratch); Redis should be
the caller's own (a database index or a key prefix nobody else uses), since the instances
keep their conversation state, locks and budgets there.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import sys
import tempfile
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from bot.config import Settings
from sandbox import EmulatorConfig, RunningEmulator, run_emulator

REPO = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
WEBHOOK_PATH = "/telegram/updates"
WEBHOOK_SECRET = "kezdesu-topology-secret"
# A start on a busy machine takes tens of seconds, most of it importing.
STARTUP_SECONDS = 120.0
UPDATE_LINE = re.compile(r"\bupdate=(\d+) handler=(\S+) outcome=(\S+)")
ACCESS_LINE = re.compile(
    r'^(?P<update>\d+) (?P<status>\d+) "(?P<upstreams>[^"]*)" "(?P<statuses>[^"]*)"$'
)

_UPSTREAM_SERVER = re.compile(r"^(\s*)server \S+:\d+( [^;]*)?;\s*$", re.MULTILINE)
_LISTEN = re.compile(r"^(\s*)listen \d+;", re.MULTILINE)


def nginx_binary() -> str | None:
    """nginx from the PATH or Debian's /usr/sbin (not on an ordinary user's PATH)."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def render_server_block(template: str, listen: str, upstreams: Iterable[str]) -> str:
    """deploy/nginx.conf with its upstream's servers replaced by ``upstreams`` (host:port,
    each keeping the template's parameters) and its listen address by ``listen``."""
    servers = list(_UPSTREAM_SERVER.finditer(template))
    if not servers or len(_LISTEN.findall(template)) != 1:
        raise ValueError("the template needs an upstream with servers and one listen line")
    indent, parameters = servers[0].group(1), servers[0].group(2) or ""
    lines = "".join(f"{indent}server {address}{parameters};\n" for address in upstreams)
    start, end = servers[0].start(), servers[-1].end()
    rendered = template[:start] + lines.rstrip("\n") + template[end:]
    return _LISTEN.sub(lambda m: f"{m.group(1)}listen {listen};", rendered)


def render_main_config(server_block: Path, prefix: Path) -> str:
    """A whole nginx.conf around the server block (what the nginx image's own main file
    gives in compose), with every file under ``prefix``."""
    # Run by root (CI), workers would switch to nobody, who cannot enter a private temp
    # folder: they stay the user who started them.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / 'temp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}daemon off;
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{
    worker_connections 1024;
}}
http {{
    # Per request: the update's id (the first field of Telegram's JSON; nothing else of the
    # body), the answer, and each instance tried with its answer ("502, 200": failed over).
    map $request_body $update_id {{
        '~^\\{{"update_id":\\s*(\\d+)' $1;
        default -;
    }}
    log_format updates '$update_id $status "$upstream_addr" "$upstream_status"';
    access_log {prefix / "access.log"} updates;
{temp}
    include {server_block};
}}
"""


def write_nginx_config(prefix: Path, listen: str, upstreams: Iterable[str]) -> Path:
    """The rendered configuration under ``prefix``; the main file's path."""
    (prefix / "temp").mkdir(parents=True, exist_ok=True)
    block = prefix / "kezdesu.conf"
    block.write_text(
        render_server_block(NGINX_TEMPLATE.read_text(encoding="utf-8"), listen, upstreams),
        encoding="utf-8",
    )
    main = prefix / "nginx.conf"
    main.write_text(render_main_config(block, prefix), encoding="utf-8")
    return main


def nginx_command(nginx: str, main: Path, *, test: bool = False) -> list[str]:
    prefix = main.parent
    # -e: the error log from the first moment, before the configuration names its own
    # (the compiled-in /var/log/nginx is not ours).
    command = [nginx, "-p", f"{prefix}/", "-c", str(main), "-e", str(prefix / "error.log")]
    return [*command, "-t", "-q"] if test else command


def bot_environment(settings: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without any of the bot's settings (the developer's own
    must not leak in), plus ``settings``."""
    names = {name.upper() for name in Settings.model_fields}
    env = {
        key: value
        for key, value in os.environ.items()
        if key.upper() not in names and key.upper().split("__", 1)[0] not in names
    }
    env.update(PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])))
    env.update(settings)
    return env


@dataclass(frozen=True)
class TopologyConfig:
    database_url: str
    redis_url: str
    instances: int = 2
    # Settings given to every instance besides the topology's own (LOG_LEVEL, ADMIN_IDS...).
    settings: Mapping[str, str] = field(default_factory=dict)
    # Unset: a local Bot API server without rate limits, retrying a failed delivery after a
    # second.
    emulator: EmulatorConfig | None = None
    startup_seconds: float = STARTUP_SECONDS


class Instance:
    """One `kezdesu run` in webhook mode on its own port; its log kept as it comes."""

    def __init__(self, index: int, port: int, env: dict[str, str], workdir: Path) -> None:
        self.index = index
        self.port = port
        self.address = f"127.0.0.1:{port}"
        self.url = f"http://{self.address}"
        self._env = env
        self._workdir = workdir
        self.process: asyncio.subprocess.Process | None = None
        # Every line of every run of this instance (a restart appends).
        self.log: list[str] = []
        self._reader: asyncio.Task[None] | None = None
        self._run_starts_at = 0  # where this run's lines begin in ``log``

    async def start(self) -> None:
        self._run_starts_at = len(self.log)
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=self._workdir,  # an empty folder: no .env is read
            env=self._env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            limit=1 << 20,
        )
        self._reader = asyncio.create_task(self._read(self.process))

    async def _read(self, process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        while line := await process.stderr.readline():
            self.log.append(line.decode(errors="replace").rstrip("\n"))

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def wait_ready(self, timeout: float) -> None:  # noqa: ASYNC109
        """Until its /readyz answers 200 (database, Redis and migrations in order)."""
        async with asyncio.timeout(timeout), aiohttp.ClientSession() as http:
            while True:
                if not self.running:
                    tail = "\n".join(self.log[-30:])
                    raise RuntimeError(f"instance {self.index} ended while starting:\n{tail}")
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(f"{self.url}/readyz") as response:
                        # Ready, and its webhook is set: it listens before it sets it.
                        if response.status == 200 and any(
                            "webhook mode: listening" in line
                            for line in self.log[self._run_starts_at :]
                        ):
                            return
                await asyncio.sleep(0.1)

    async def stop(self, signum: int = signal.SIGTERM, timeout: float = 60.0) -> int:  # noqa: ASYNC109
        """Send ``signum`` and wait for the end; the exit code (negative: the signal)."""
        process = self.process
        if process is None:
            raise RuntimeError(f"instance {self.index} was never started")
        if process.returncode is None:
            process.send_signal(signum)
            try:
                await asyncio.wait_for(process.wait(), timeout)
            except TimeoutError:
                process.kill()
                await process.wait()
        if self._reader is not None:
            await self._reader
        assert process.returncode is not None
        return process.returncode


@dataclass(frozen=True)
class WebhookRequest:
    """One webhook request through the balancer: the update, the answer Telegram got, and
    each instance tried in turn ("127.0.0.1:port", its status; "502" for one that died)."""

    update_id: int
    status: int
    tries: tuple[tuple[str, str], ...]


@dataclass
class Topology:
    emulator: RunningEmulator
    instances: list[Instance]
    balancer_url: str
    webhook_url: str
    nginx_prefix: Path
    startup_seconds: float

    async def kill(self, index: int) -> int:
        """kill -9: the instance dies mid-request, its updates in flight unanswered."""
        return await self.instances[index].stop(signal.SIGKILL)

    async def terminate(self, index: int) -> int:
        """SIGTERM, as docker stop: the instance finishes what it has, then ends."""
        return await self.instances[index].stop(signal.SIGTERM)

    async def restart(self, index: int) -> None:
        """Start a stopped instance again on its port; back once it is ready."""
        instance = self.instances[index]
        if instance.running:
            raise RuntimeError(f"instance {index} is running")
        await instance.start()
        await instance.wait_ready(self.startup_seconds)

    def handled_updates(self) -> Counter[int]:
        """How many times each update_id was handled, over every instance's log (the bot's
        one line per update, bot/middlewares/logging.py)."""
        counts: Counter[int] = Counter()
        for instance in self.instances:
            for line in instance.log:
                if match := UPDATE_LINE.search(line):
                    counts[int(match.group(1))] += 1
        return counts

    def webhook_requests(self) -> list[WebhookRequest]:
        """The balancer's access log: each webhook request, the instances it tried."""
        path = self.nginx_prefix / "access.log"
        if not path.exists():
            return []
        found = []
        for line in path.read_text(errors="replace").splitlines():
            match = ACCESS_LINE.match(line)
            if match is None:
                continue
            addresses = match.group("upstreams").replace(" : ", ", ").split(", ")
            statuses = match.group("statuses").replace(" : ", ", ").split(", ")
            found.append(
                WebhookRequest(
                    int(match.group("update")),
                    int(match.group("status")),
                    tuple(zip(addresses, statuses, strict=False)),
                )
            )
        return found

    def nginx_log(self) -> str:
        path = self.nginx_prefix / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""


async def migrate(database_url: str, workdir: Path) -> None:
    """`kezdesu migrate`, once, before any instance starts (as compose's migrate service)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "migrate",
        cwd=workdir,
        env=bot_environment({"DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"kezdesu migrate failed:\n{output.decode(errors='replace')}")


@contextlib.asynccontextmanager
async def run_nginx(main: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    nginx = nginx_binary()
    if nginx is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx-light)")
    checked = await asyncio.create_subprocess_exec(
        *nginx_command(nginx, main, test=True),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await checked.communicate()
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{output.decode(errors='replace')}")
    process = await asyncio.create_subprocess_exec(
        *nginx_command(nginx, main),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            # SIGQUIT: nginx's graceful stop (workers finish their requests).
            process.send_signal(signal.SIGQUIT)
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()


async def _balancer_up(url: str, timeout: float) -> None:  # noqa: ASYNC109
    async with asyncio.timeout(timeout), aiohttp.ClientSession() as http:
        while True:
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"{url}/healthz") as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def run_topology(config: TopologyConfig) -> AsyncIterator[Topology]:
    if config.instances < 1:
        raise ValueError("at least one instance")
    emulator_config = config.emulator or EmulatorConfig(
        rate_limits_enabled=False, local_mode=True, webhook_retry_ms=1000
    )
    with tempfile.TemporaryDirectory(prefix="kezdesu-topology-") as scratch:
        root = Path(scratch)
        workdir = root / "work"
        workdir.mkdir()
        await migrate(config.database_url, workdir)

        ports = [free_port() for _ in range(config.instances)]
        balancer_port = free_port()
        balancer_url = f"http://127.0.0.1:{balancer_port}"
        main = write_nginx_config(
            root / "nginx", f"127.0.0.1:{balancer_port}", [f"127.0.0.1:{p}" for p in ports]
        )
        async with run_emulator(emulator_config) as emulator, run_nginx(main):
            await _balancer_up(balancer_url, config.startup_seconds)
            webhook_url = f"{balancer_url}{WEBHOOK_PATH}"
            shared = {
                "LOG_LEVEL": "INFO",
                **config.settings,
                "BOT_TOKEN": emulator.bot_token,
                "TELEGRAM_API_URL": emulator.url,
                "DATABASE_URL": config.database_url,
                "REDIS_URL": config.redis_url,
                "WEBHOOK_URL": webhook_url,
                "WEBHOOK_SECRET": WEBHOOK_SECRET,
                "WEBHOOK_HOST": "127.0.0.1",
            }
            instances = [
                Instance(
                    index,
                    port,
                    bot_environment({**shared, "WEBHOOK_PORT": str(port)}),
                    workdir,
                )
                for index, port in enumerate(ports)
            ]
            topology = Topology(
                emulator=emulator,
                instances=instances,
                balancer_url=balancer_url,
                webhook_url=webhook_url,
                nginx_prefix=root / "nginx",
                startup_seconds=config.startup_seconds,
            )
            try:
                for instance in instances:
                    await instance.start()
                await asyncio.gather(*(i.wait_ready(config.startup_seconds) for i in instances))
                yield topology
            finally:
                await asyncio.gather(
                    *(i.stop() for i in instances if i.process is not None),
                    return_exceptions=True,
                )
