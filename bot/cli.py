"""The `vitalfew` command: run, console, migrate (SPEC §5).

Start-up time matters here (issue 7: `vitalfew console` answering one command in well
under a second), so each command imports only what it uses, when it uses it: the
terminal never loads Slack, Discord or pydantic, and Alembic only when there is a
migration to run. tests/test_startup_imports.py keeps it so.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from typing import TextIO

import structlog

from bot.settings import ConfigError, Settings, load_settings

PLATFORMS = ("slack", "discord")


def configure_logging(level: str, stream: TextIO = sys.stderr) -> None:
    """structlog to stderr, so the terminal adapter's stdout stays clean for replies."""
    structlog.configure(
        processors=[structlog.processors.add_log_level,
                    structlog.processors.TimeStamper(fmt="iso"),
                    structlog.dev.ConsoleRenderer(colors=False)],
        wrapper_class=structlog.make_filtering_bound_logger(getattr(logging, level)),
        logger_factory=structlog.PrintLoggerFactory(stream),
    )
    logging.basicConfig(level=getattr(logging, level), stream=stream)
    for chatty in ("alembic", "apscheduler"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, getattr(logging, level)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vitalfew", description="Vital Few: keep your few "
                                     "ties warm, from Slack, Discord or the terminal.")
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="start every configured adapter and the scheduler")
    run.add_argument("--only", action="append", choices=PLATFORMS, default=None,
                     help="start only this platform (repeatable), e.g. the Procfile's web "
                          "and worker processes")
    console = sub.add_parser("console", help="use the bot in this terminal")
    console.add_argument("--user", default=None, help="whose data to use (default: you)")
    sub.add_parser("migrate", help="bring the database schema up to date")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as err:
        print(f"vitalfew: configuration error: {err}", file=sys.stderr)
        return 2
    command = args.command or "run"
    terminal = command == "console" or (command == "run" and not getattr(args, "only", None)
                                        and not (settings.slack_enabled
                                                 or settings.discord_enabled))
    configure_logging(max(settings.vitalfew_log_level, "WARNING", key=_severity) if terminal
                      else settings.vitalfew_log_level)
    try:
        if command == "migrate":
            return asyncio.run(_migrate(settings))
        if command == "console":
            return asyncio.run(_console(settings, args.user, announce=False))
        return asyncio.run(_run(settings, args.only if command == "run" else None))
    except KeyboardInterrupt:
        return 130


def _severity(level: str) -> int:
    severity: int = getattr(logging, level)
    return severity


async def _migrate(settings: Settings) -> int:
    from bot.wiring import bootstrap

    app = bootstrap(settings)
    await app.storage.migrate()
    await app.storage.dispose()
    print("Database schema is up to date.")
    return 0


async def _console(settings: Settings, user: str | None, announce: bool) -> int:
    from bot.wiring import bootstrap, console_runtime, serve

    app = bootstrap(settings)
    await app.storage.migrate()
    interactive = sys.stdin.isatty()
    console = console_runtime(app, user or _default_user(), prompt="> " if interactive else "")
    if announce:
        console.print("No Slack or Discord credentials set: running in the terminal "
                      f"on {_db_label(settings.database_url)}.")
    if interactive:
        console.print("Type a command as you would in chat, e.g. /touch Ana coffee "
                      "(/vitalfew help for all, Ctrl-D to quit).")
    await serve(app, [console])
    return 0


async def _run(settings: Settings, only: list[str] | None) -> int:
    if only:
        missing = [p for p in only if not _configured(settings, p)]
        if missing:
            needs = {"slack": "SLACK_BOT_TOKEN or SLACK_CLIENT_ID", "discord": "DISCORD_TOKEN"}
            print(f"vitalfew: configuration error: --only {missing[0]} needs "
                  f"{needs[missing[0]]}.", file=sys.stderr)
            return 2
    elif not (settings.slack_enabled or settings.discord_enabled):
        return await _console(settings, None, announce=True)
    from bot.wiring import run_platforms

    return await run_platforms(settings, only=set(only) if only else None)


def _configured(settings: Settings, platform: str) -> bool:
    return settings.slack_enabled if platform == "slack" else settings.discord_enabled


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"


def _db_label(url: str) -> str:
    return url if url.startswith("sqlite") else url.split("://")[0] + "://…"
