"""A staff command typed by someone who is not staff: one answer for every such command.

Once /plan and /progress told a citizen "no rights: it belongs to another akimat; the attempt
has been recorded" (no akimat was involved), /office said "you are not an official", and
/newmeeting, /pool and the rest "unknown command". Now each of them names the command as one
for akimat officials and lists the commands the person can use; the audit row says what
happened: a staff command by someone who is not staff.
"""

from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from handlers.filters import IsStaff
from handlers.routes import Routes
from locales import Text
from services.container import Services

# The officials' and admins' commands (bot/commands.py ADMIN_COMMANDS is the menu of them;
# tests/unit/test_not_staff.py keeps the two lists equal).
STAFF_COMMANDS = (
    "newmeeting",
    "mymeetings",
    "announce",
    "pool",
    "plan",
    "progress",
    "deadlines",
    "office",
    "officials",
    "audit",
    "outbox",
)
# What anyone may use (bot/commands.py CITIZEN_COMMANDS, the same test).
CITIZEN_COMMANDS = (
    "start",
    "meetings",
    "subscribe",
    "subscriptions",
    "myquestions",
    "plans",
    "settings",
    "language",
    "help",
    "privacy",
    "mydata",
    "forget",
)
AUDIT_ACTION = "staff.command"

router = Routes(name=__name__)
# Staff fall through to the routers after theirs when none of their handlers matched (a
# command typed in the middle of a step): this answer is for the others only.
router.message.filter(~IsStaff())


def citizen_commands(t: Text) -> str:
    return "\n".join(f"/{name} — {t(f'cmd-{name}')}" for name in CITIZEN_COMMANDS)


@router.message(Command(*STAFF_COMMANDS))
async def staff_command(
    message: Message, command: CommandObject, t: Text, services: Services
) -> None:
    await services.access.audit(
        message.chat.id,
        AUDIT_ACTION,
        target=f"/{command.command}",
        allowed=False,
        detail="not staff",
    )
    await message.answer(
        t("staff-command-not-staff", command=command.command, commands=citizen_commands(t))
    )
