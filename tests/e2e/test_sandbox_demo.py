"""Sandbox mode as a demo, through `kezdesu run` without a token (what `make run` starts):
the page's users and history survive a restart, and the demo clock walks a meeting from its
announcement to its second quarterly report in minutes.

The walk (the README's "ten minutes" tour): user 1, the sandbox's admin, invites an official
of Жаңаарқа district; a citizen follows the district, whose sample meeting the sandbox
announced at start (ten days ahead, 15:00). The clock moves to the seventh day after the
meeting: the meeting is over and held, and the official is reminded of the action plan
(seed 001, clause 3.5). The official publishes the plan from the reminder's button, the
citizen is told. The clock moves to the 20th of the month after the plan's quarter: the first
quarterly reminder; the report is published from it. Once more a quarter later: the second
reminder and the second report. Nothing but the chat page's driver API is used.
"""

import asyncio
import contextlib
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from handlers.acts import act_name
from handlers.citizen.plans import day_text, quarter_text
from locales import Text, Translator
from sandbox.client import BotMessage, ChatSession, SandboxClient
from services.plans import Quarter
from tests.e2e.harness import LANGUAGE_BUTTONS
from tests.e2e.test_deadlines import opens_anew
from tests.e2e.test_sandbox_mode import free_port

ALMATY = ZoneInfo("Asia/Almaty")
ADMIN, OFFICIAL, CITIZEN = 1, 2, 3
INVITE = re.compile(r"https://t\.me/kezdesu_bot\?start=(inv_[A-Za-z0-9_-]+)")
SUMMARY = "Кездесуге 40 адам қатысты: жол мен көше жарығы"
ITEM = ("Көше қараңғы", "Көше шамдарын орнату", "Аудан әкімдігі")


@contextlib.asynccontextmanager
async def kezdesu_run(folder: Path, port: int) -> AsyncIterator[str]:
    """`kezdesu run` without a token, its database (and so its sandbox state) in ``folder``;
    yields the page's URL; stops it with Ctrl+C and checks it stopped cleanly."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'sandbox.sqlite3'}",
        "SANDBOX__PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=folder,  # no .env of the developer's is read
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert process.stdout is not None
    url = f"http://127.0.0.1:{port}"
    try:
        printed = b""
        async with asyncio.timeout(60):
            while f"{url}/".encode() not in printed:
                line = await process.stdout.readline()
                assert line, f"kezdesu run exited early:\n{printed.decode()}"
                printed += line
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        async with asyncio.timeout(30):
            rest = await process.stdout.read()
            await process.wait()
    assert process.returncode == 0, rest.decode()


async def person(client: SandboxClient, user_id: int, locale: str = "kk") -> ChatSession:
    # The bot is another process: the chat waits for it to fall quiet.
    return await ChatSession.create(
        client, user_id, f"User{user_id}", language_code=locale, timeout=30, quiet=1.0
    )


async def test_a_restart_keeps_the_pages_users_and_history(tmp_path: Path) -> None:
    port = free_port()
    async with kezdesu_run(tmp_path, port) as url, SandboxClient(url) as client:
        chat = await person(client, 7001)
        await chat.say("/start")
        await chat.press(chat.last, LANGUAGE_BUTTONS["kk"])
        events = await client.events(7001, everything=True)
        before = [(e.seq, e.type, e.message_id) for e in events]
    assert (tmp_path / "sandbox.sandbox.json").is_file()

    async with kezdesu_run(tmp_path, port) as url, SandboxClient(url) as client:
        users = (await client._request("GET", "/_driver/users"))["users"]
        assert [u["id"] for u in users] == [7001]
        after = [(e.seq, e.type, e.message_id) for e in await client.events(7001, everything=True)]
        assert after == before
        # The bot answers the next message: its update id goes on from the old ones, so the
        # bot, which remembers the ids it handled, does not take it for one already handled.
        chat = await person(client, 7001)
        [menu] = await chat.say("/language")
        assert menu.buttons


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&lt;", "<").replace("&gt;", ">")


def the_one(messages: list[BotMessage], fragment: str) -> BotMessage:
    found = [m for m in messages if fragment in m.content]
    assert len(found) == 1, (fragment, [m.content[:100] for m in messages])
    return found[0]


async def arriving(chat: ChatSession, what: str) -> list[BotMessage]:
    events = await chat.collect(what)
    return [e.message for e in events if e.type == "sent" and e.message is not None]


def reminder_day_of_quarter(quarter: Quarter) -> date:
    """Five days before the report is due, the 25th of the month after the quarter."""
    return quarter.next().first_day.replace(day=20)


async def invite_official(client: SandboxClient, t: Text) -> ChatSession:
    admin = await person(client, ADMIN, "ru")
    [overview] = await admin.say("/officials")
    await admin.press(overview, t("officials-invite-other-button"))
    [hits] = await admin.say("Жаңаарқа")
    await admin.press(
        hits, t("officials-hit-button", name="Жанааркинский район", parent="область Ұлытау")
    )
    link = INVITE.search(admin.last.content)
    assert link is not None, admin.last.content
    official = await person(client, OFFICIAL, "ru")
    await official.say(f"/start {link.group(1)}", minimum=2)
    await official.press(official.last, LANGUAGE_BUTTONS["ru"])
    await official.press(official.last, t("consent-accept"))
    return official


async def publish_plan(official: ChatSession, reminder: BotMessage, t: Text) -> None:
    screen = await opens_anew(official, reminder, t("deadlines-plan-button"))
    await official.press(screen, t("plan-summary-button"))
    replies = await official.say(SUMMARY)
    await official.press(replies[-1], t("plan-add-button"))
    for text in ITEM:
        await official.say(text)
    due = date.today() + timedelta(days=400)
    [prompt] = await official.say(due.strftime("%d.%m.%Y"))
    await official.press(prompt, t("plan-link-done-button", count=0))
    await official.press(official.last, t("plan-review-button"))
    await official.press(official.last, t("plan-publish-button"))
    await official.press(official.last, t("plan-confirm-button"))


async def report(official: ChatSession, reminder: BotMessage, t: Text, *, done: bool) -> None:
    await opens_anew(official, reminder, t("deadlines-progress-button"))
    await official.press(official.last, t("progress-next-item-button", position=1))
    status = "done" if done else "in_progress"
    await official.press(official.last, t("progress-status-button", status=status))
    if not done:
        await official.press(official.last, t("progress-percent-button", percent=50))
    await official.press(official.last, t("progress-no-comment-button"))
    await official.press(official.last, t("progress-publish-button"))
    await official.press(official.last, t("progress-confirm-button"))


@pytest.mark.timeout(300)
async def test_the_demo_clock_walks_a_meeting_to_its_second_quarterly_report(
    tmp_path: Path,
) -> None:
    t = Translator().bind("ru", ALMATY)
    kk = Translator().bind("kk", ALMATY)
    async with kezdesu_run(tmp_path, free_port()) as url, SandboxClient(url) as client:
        clock = await client.clock()
        assert clock["available"] is True and clock["zone"] == "Asia/Almaty"
        started = datetime.fromisoformat(clock["now"]).date()
        # The sample meeting: ten days ahead at 15:00, two hours.
        meeting_day = started + timedelta(days=10)

        official = await invite_official(client, t)
        citizen = await person(client, CITIZEN)
        await citizen.say("/start")
        await citizen.press(citizen.last, LANGUAGE_BUTTONS["kk"])
        await citizen.press(citizen.last, kk("consent-accept"))
        await citizen.say("/subscribe Жаңаарқа")
        await citizen.press(citizen.last, "Жаңаарқа ауданы")

        # The seventh day after the meeting, 09:00: over, held, and the plan is owed.
        plan_reminder_day = meeting_day + timedelta(days=7)
        moved = await client.move_clock(to=plan_reminder_day.isoformat())
        assert moved["now"].startswith(f"{plan_reminder_day.isoformat()}T09:00")
        reminder = the_one(
            await arriving(official, "the plan reminder"),
            plain(t("deadlines-source", act=act_name(t, "001"), clause="3.5")),
        )
        assert plain(t("deadlines-left", days=3)) in reminder.content
        # Whatever else the clock brought the official (the quarter's coverage warnings, which
        # the bot, another process, may still be sending) is not this walk's: the listing is
        # the reply with the meetings' tabs.
        official.seq = await client.last_seq(official.chat_id)
        [listing] = [
            reply
            for reply in await official.say("/mymeetings")
            if any(button.text == t("lc-tab-held") for button in reply.buttons)
        ]
        await official.press(listing, t("lc-tab-held"))
        held = official.messages[listing.message_id].content
        assert plain(t("lc-list-title-held", count=1)) in held

        await publish_plan(official, reminder, t)
        plan = the_one(await arriving(citizen, "the plan"), SUMMARY)
        # The citizen follows the plan from its notice: the quarterly reports will reach them.
        await citizen.press(plan, kk("plan-follow-button"))
        assert citizen.callback_answers[-1].get("text") == kk("plan-followed")

        first = Quarter.of(plan_reminder_day)
        for quarter, done in ((first, False), (first.next(), True)):
            day = reminder_day_of_quarter(quarter)
            moved = await client.move_clock(to=day.isoformat())
            assert moved["now"].startswith(day.isoformat())
            reminder = the_one(
                await arriving(official, f"the {quarter} report reminder"),
                plain(t("deadlines-left", days=5)),
            )
            # The report is due on the 25th (seed 001, clause 3.5).
            assert day_text(t, day.replace(day=25)) in reminder.content
            await report(official, reminder, t, done=done)
            assert (
                plain(t("progress-published", quarter=quarter_text(t, quarter), id=1, count=1))
                in official.last.content
            )
            the_one(await arriving(citizen, f"the {quarter} report"), quarter_text(kk, quarter))

        # Time still runs on the shifted clock, and the page shows it.
        again = await client.clock()
        assert datetime.fromisoformat(again["now"]) >= datetime.combine(
            day, time(9), tzinfo=ALMATY
        )
