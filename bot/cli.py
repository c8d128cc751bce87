"""`kezdesu`: the command line. `kezdesu --help` lists the commands."""

import argparse
import asyncio
import contextlib
import logging
import sys
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError

from bot import event_loop
from bot.config import Settings, load_settings


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc']).upper() or 'settings'}: "
            f"{e['msg'].removeprefix('Value error, ')}"
            for e in error.errors()
        )
        sys.exit(f"kezdesu: bad configuration: {problems}")


def _setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # aiohttp's access log would print every long-polling request; the bot logs updates itself,
    # one line each (bot/middlewares/logging.py), so aiogram's own line per update is not shown.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def cmd_run(args: argparse.Namespace) -> None:
    settings = _settings_or_exit()
    _setup_logging(settings.log_level)
    from bot.runner import run_bot, run_sandbox
    from storage.migrate import upgrade

    try:
        loop_factory = event_loop.loop_factory(settings.event_loop)
    except event_loop.EventLoopError as error:
        sys.exit(f"kezdesu: {error}")
    upgrade(settings.database_url)
    if settings.sandbox_mode:
        event_loop.run(run_sandbox(settings), loop_factory)
        return
    from aiogram.exceptions import TelegramAPIError

    from bot.webhook import ListenError

    try:
        event_loop.run(run_bot(settings), loop_factory)
    except TelegramAPIError as error:
        # At start: a wrong token, or a webhook URL Telegram refuses.
        sys.exit(f"kezdesu: Telegram refused: {error.message}")
    except ListenError as error:
        sys.exit(f"kezdesu: {error}")


def cmd_migrate(args: argparse.Namespace) -> None:
    settings = _settings_or_exit()
    _setup_logging(settings.log_level)
    from storage.migrate import downgrade, upgrade

    if args.downgrade:
        downgrade(settings.database_url, args.downgrade)
    else:
        upgrade(settings.database_url, args.revision)
    print("kezdesu: database is migrated")


def cmd_localities_import(args: argparse.Namespace) -> None:
    settings = _settings_or_exit()
    _setup_logging("WARNING")
    from bot.runner import import_localities
    from services.kato import KatoFormatError
    from storage.migrate import upgrade

    path = Path(args.path)
    if not path.is_file():
        sys.exit(f"kezdesu: no such file: {path}")
    upgrade(settings.database_url)
    try:
        report = asyncio.run(import_localities(settings, path))
    except KatoFormatError as error:
        sys.exit(f"kezdesu: {path} was not imported, nothing was written:\n{error}")
    print(
        f"kezdesu: {report.total} localities read from {path.name}: {report.inserted} new, "
        f"{report.updated} updated, {report.unchanged} unchanged ({report.seconds:.1f} s)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kezdesu",
        description=(
            "Kezdesu: the Telegram bot for akims' meetings with the population. "
            "Settings come from the environment and .env (see README)."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="migrate the database and run the bot (sandbox mode when BOT_TOKEN is not set)",
    )
    run.set_defaults(func=cmd_run)

    migrate = commands.add_parser("migrate", help="apply database migrations")
    migrate.add_argument("--revision", default="head", help="target revision (default: head)")
    migrate.add_argument("--downgrade", metavar="REVISION", help="downgrade to REVISION")
    migrate.set_defaults(func=cmd_migrate)

    localities = commands.add_parser("localities", help="the KATO classifier")
    localities_commands = localities.add_subparsers(dest="action", required=True, metavar="ACTION")
    import_ = localities_commands.add_parser(
        "import",
        help="import the KATO classifier (the official .xlsx or the .csv); idempotent",
    )
    import_.add_argument("path", help="path to the .xlsx or .csv file")
    import_.set_defaults(func=cmd_localities_import)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        try:
            args.func(args)
        except (OSError, DBAPIError) as error:
            # The usual first-run problem: the database is down or the URL is wrong.
            reason = getattr(error, "orig", None) or error
            sys.exit(f"kezdesu: cannot use the database: {type(reason).__name__}: {reason}")


if __name__ == "__main__":
    main()
