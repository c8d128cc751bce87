"""`kezdesu run` without a token: sandbox mode, as `make run` starts it on a fresh machine."""

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp

from sandbox.client import ChatSession, SandboxClient
from tests.e2e.harness import LANGUAGE_BUTTONS

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_run_without_token_starts_the_sandbox(tmp_path: Path) -> None:
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'sandbox.sqlite3'}",
        "SANDBOX__PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,  # no .env of the developer's is read
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert process.stdout is not None
    try:
        url = f"http://127.0.0.1:{port}"
        printed = b""
        async with asyncio.timeout(60):
            while f"{url}/".encode() not in printed:
                line = await process.stdout.readline()
                assert line, f"kezdesu run exited early:\n{printed.decode()}"
                printed += line

        async with aiohttp.ClientSession() as http, http.get(f"{url}/") as page:
            assert page.status == 200
            assert "<html" in (await page.text()).lower()

        async with SandboxClient(url) as client:
            # The bot is another process, so the chat waits for it to fall quiet; a full
            # second of quiet, since the machine may be busy with other tests.
            chat = await ChatSession.create(
                client, 7001, language_code="kk", timeout=20, quiet=1.0
            )
            await chat.say("/start")
            await chat.press(chat.last, LANGUAGE_BUTTONS["kk"])
            await chat.press(chat.last, "Келісемін")
            await chat.say("/subscribe Жаңаарқа")
            await chat.press(chat.last, "Жаңаарқа ауданы")
            replies = await chat.say("/meetings")
            # The sample meeting of the sample district is announced and shown.
            assert any("Аудан әкімдігінің мәжіліс залы" in m.content for m in replies)
    finally:
        process.send_signal(signal.SIGINT)
        async with asyncio.timeout(30):
            await process.wait()
    assert process.returncode == 0
