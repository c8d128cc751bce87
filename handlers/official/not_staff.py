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
from handlers.menus import CITIZEN_COMMANDS, STAFF_COMMANDS
from handlers.routes import Routes
from locales import Text
from services.audit import AuditAction, AuditDetail
from services.container import Services

AUDIT_ACTION = AuditAction.STAFF_COMMAND

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
        detail=AuditDetail(reason="not-staff"),
    )
    await message.answer(
        t("staff-command-not-staff", command=command.command, commands=citizen_commands(t))
    )
