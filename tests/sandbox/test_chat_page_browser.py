"""The chat page in a real browser: headless Chromium driven over the DevTools protocol.

Skipped where Chromium is not installed (`apt-get install chromium`); the rest of the page's
behaviour is the driver API's, tested without a browser.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, BufferedInputFile

from sandbox import RunningEmulator
from sandbox.client import SandboxClient
from sandbox.images import make_jpeg

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
LISTENING = re.compile(rb"DevTools listening on (ws://\S+)")


class Page:
    """One tab, spoken to over its DevTools websocket."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        self._ids = itertools.count(1)

    async def evaluate(self, expression: str) -> Any:
        call_id = next(self._ids)
        params = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        await self._socket.send_json(
            {"id": call_id, "method": "Runtime.evaluate", "params": params}
        )
        while True:
            message = json.loads((await self._socket.receive()).data)
            if message.get("id") == call_id:
                result = message["result"]
                assert "exceptionDetails" not in result, result
                return result["result"].get("value")

    async def until(self, expression: str, seconds: float = 15) -> Any:
        """Evaluate until the value is truthy (an error while the page loads counts as not
        yet); fail after ``seconds``."""
        guarded = f"(() => {{ try {{ return ({expression}); }} catch (e) {{ return null; }} }})()"
        for _ in range(int(seconds * 10)):
            if value := await self.evaluate(guarded):
                return value
            await asyncio.sleep(0.1)
        raise AssertionError(f"never true within {seconds} s: {expression}")


@contextlib.asynccontextmanager
async def browser_page(url: str, profile: Path) -> AsyncIterator[Page]:
    assert CHROMIUM is not None
    process = await asyncio.create_subprocess_exec(
        CHROMIUM,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        "--window-size=420,640",
        url,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stderr is not None
    try:
        async with asyncio.timeout(30):
            while not (found := LISTENING.search(await process.stderr.readline())):
                pass
        port = int(found.group(1).split(b":")[2].split(b"/")[0])
        async with aiohttp.ClientSession() as http:
            async with asyncio.timeout(30):
                while True:
                    async with http.get(f"http://127.0.0.1:{port}/json/list") as answer:
                        pages = [t for t in await answer.json() if t["type"] == "page"]
                    if pages and pages[0]["url"].startswith(url):
                        break
                    await asyncio.sleep(0.1)
            async with http.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                yield Page(ws)
    finally:
        process.kill()
        await process.wait()


DISTANCE_FROM_BOTTOM = "log.scrollHeight - log.scrollTop - log.clientHeight"


async def test_a_photo_scrolls_the_chat_to_the_newest_message(
    emulator: RunningEmulator, client: SandboxClient, bot: Bot, user: int, tmp_path: Path
) -> None:
    for number in range(30):  # more than the window holds
        await bot.send_message(user, f"Хабарлама {number}")
    async with browser_page(emulator.url + "/", tmp_path / "profile") as page:
        await page.until("document.querySelectorAll('.msg').length === 30")
        assert await page.until(f"({DISTANCE_FROM_BOTTOM}) < 2")
        # A tall photo: it has no height until it has loaded, after the first scroll.
        photo = make_jpeg(blocks_x=40, blocks_y=80)
        await bot.send_photo(user, BufferedInputFile(photo, "tall.jpg"), caption="Сурет")
        await page.until(
            "[...document.querySelectorAll('img.photo')].some(i => i.complete && i.naturalHeight)"
        )
        # Before the fix the page stayed a photo's height above the newest message.
        await page.until(f"({DISTANCE_FROM_BOTTOM}) < 2", seconds=5)


async def test_the_menu_shows_the_users_commands_and_a_tap_sends_one(
    emulator: RunningEmulator, client: SandboxClient, bot: Bot, user: int, tmp_path: Path
) -> None:
    await bot.set_my_commands(
        [BotCommand(command="meetings", description="Кездесулер")],
        scope=BotCommandScopeAllPrivateChats(),
        language_code="kk",
    )
    await bot.set_my_commands(
        [BotCommand(command="start", description="Start")], scope=BotCommandScopeAllPrivateChats()
    )
    async with browser_page(emulator.url + "/", tmp_path / "profile") as page:
        await page.until("document.getElementById('menu').classList.contains('shown')")
        await page.evaluate("document.getElementById('menu').click()")
        items = await page.evaluate(
            "[...document.querySelectorAll('#commands button')].map(b => b.textContent)"
        )
        assert items == ["/meetingsКездесулер"]  # the user's language: kk
        seq = await client.last_seq(user)
        await page.evaluate("document.querySelector('#commands button').click()")
        sent = await client.events(user, after_seq=seq, wait=10, everything=True)
        assert [(e.type, e.message and e.message.text) for e in sent] == [
            ("incoming", "/meetings")
        ]
        # No glyph that needs a CJK font in the header.
        assert await page.evaluate("document.getElementById('toggle-new').textContent") == (
            "+ user"
        )


async def test_the_demo_clock_controls_move_the_followers_clock(
    emulator: RunningEmulator, client: SandboxClient, user: int, tmp_path: Path
) -> None:
    told: list[float] = []

    async def follower(offset: float) -> None:
        told.append(offset)

    async with browser_page(emulator.url + "/", tmp_path / "profile") as page:
        # Nothing follows the clock (no bot in sandbox mode): the page shows no controls.
        await page.until("document.querySelectorAll('.msg').length === 0 && userId")
        assert not await page.evaluate("document.getElementById('clock').offsetParent")
    emulator.state.clock_follower = follower
    emulator.state.clock_zone = "Asia/Almaty"
    async with browser_page(emulator.url + "/", tmp_path / "profile2") as page:
        await page.until("document.getElementById('clock').offsetParent !== null")
        before = await page.evaluate("document.getElementById('clock-now').textContent")
        await page.evaluate("document.querySelector('#clock button[data-days=\"7\"]').click()")
        after = await page.until(
            f"document.getElementById('clock-now').textContent !== {json.dumps(before)}"
            " && document.getElementById('clock-now').textContent"
        )
        assert told == [pytest.approx(7 * 86400, abs=5)]
        shown = (await client.clock())["now"]
        assert after == shown[:16].replace("T", " ")
