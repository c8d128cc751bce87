"""A local Telegram Bot API emulator (aiohttp) with a driver API and a web chat page.

It knows the Bot API, not the bot: nothing here imports the rest of the project.
"""

from sandbox.config import EmulatorConfig
from sandbox.server import RunningEmulator, create_app, run_emulator

__all__ = ["EmulatorConfig", "RunningEmulator", "create_app", "run_emulator"]
