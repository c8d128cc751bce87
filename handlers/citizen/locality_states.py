"""The conversation state of choosing a locality by name, apart from its handlers
(handlers/citizen/localities.py) so that the start screen can enter it too."""

from aiogram.fsm.state import State, StatesGroup


class LocalitySearch(StatesGroup):
    # The next text is a locality's name to look for.
    waiting_query = State()
