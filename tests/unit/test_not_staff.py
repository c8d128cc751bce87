"""The commands a person who is not staff is told are not theirs are exactly the staff menus'
commands that no citizen has (handlers/menus.py), and every staff command the handlers know is
among them: none of them answers a citizen "unknown command"."""

import re
from pathlib import Path

from handlers.menus import CITIZEN_COMMANDS, OWN_COMMANDS, STAFF_COMMANDS, Role
from handlers.official import not_staff

ROOT = Path(__file__).resolve().parents[2]


def test_staff_commands_are_the_staff_menus_less_the_citizens() -> None:
    staff = {name for role in Role for name in OWN_COMMANDS[role]} - set(CITIZEN_COMMANDS)
    assert set(STAFF_COMMANDS) == staff
    assert not set(STAFF_COMMANDS) & set(CITIZEN_COMMANDS)
    assert not_staff.STAFF_COMMANDS is STAFF_COMMANDS
    assert not_staff.CITIZEN_COMMANDS is CITIZEN_COMMANDS


def test_every_staff_handlers_command_is_answered_for_citizens() -> None:
    typed: set[str] = set()
    for folder in ("handlers/official", "handlers/admin"):
        for path in (ROOT / folder).rglob("*.py"):
            typed |= set(re.findall(r'Command\("([a-z_]+)"', path.read_text(encoding="utf-8")))
    # /cancel leaves any step; /calendar is the citizens' too.
    assert typed - {"cancel"} - set(CITIZEN_COMMANDS) <= set(STAFF_COMMANDS)
