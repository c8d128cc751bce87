"""The commands a person who is not staff is told about, and those answered as staff-only, are
the command menus' own (bot/commands.py)."""

from bot.commands import ADMIN_COMMANDS, CITIZEN_COMMANDS
from handlers.official import not_staff


def test_the_lists_are_the_menus() -> None:
    assert not_staff.STAFF_COMMANDS == ADMIN_COMMANDS
    assert not_staff.CITIZEN_COMMANDS == CITIZEN_COMMANDS
