"""The `vitalfew` command: run, console, migrate (README: Configuration).

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
from collections.abc import Iterable
from typing import TextIO

import structlog

from bot.logsafe import Redactor
from bot.settings import ConfigError, Settings, StartupError, database_label, load_settings

PLATFORMS = ("slack", "discord")


def configure_logging(level: str, fmt: str = "auto", stream: TextIO | None = None,
                      secrets: Iterable[str] = ()) -> None:
    """One structlog pipeline for our logs and the libraries' (stdlib logging), to stderr
    so the terminal adapter's stdout stays clean for replies. Every record is redacted
    last (``bot.logsafe``): tokens, ``secrets`` and message bodies never reach the log.

    ``fmt``: "console" (readable lines), "json" (one JSON object a line), or "auto":
    readable on a terminal, JSON otherwise (VITALFEW_LOG_FORMAT).
    """
    stream = stream or sys.stderr
    as_json = fmt == "json" or (fmt == "auto" and not stream.isatty())
    shared: list[structlog.typing.Processor] = [
        structlog.stdlib.add_log_level, structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True)]
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        wrapper_class=structlog.make_filtering_bound_logger(_severity(level)),
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=False,
    )
    safe: list[structlog.typing.Processor] = [structlog.processors.format_exc_info,
                                              Redactor(secrets)]
    last: list[structlog.typing.Processor] = (
        [*safe, structlog.processors.JSONRenderer()] if as_json
        else [*safe, structlog.dev.ConsoleRenderer(
            colors=False, exception_formatter=structlog.dev.plain_traceback)])
    handler = logging.StreamHandler(stream)
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *last]))
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(_severity(level))
    # aiosqlite and SQLAlchemy log each statement with its values (notes, tokens) at
    # DEBUG: never that.
    for chatty in ("alembic", "apscheduler", "aiosqlite", "sqlalchemy"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, _severity(level)))


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
                      else settings.vitalfew_log_level, settings.vitalfew_log_format,
                      secrets=settings.secret_values())
    try:
        if command == "migrate":
            return asyncio.run(_migrate(settings))
        if command == "console":
            return asyncio.run(_console(settings, args.user, announce=False))
        return asyncio.run(_run(settings, getattr(args, "only", None)))  # bare `vitalfew`: run
    except StartupError as err:
        print(f"vitalfew: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if terminal:
            print(flush=True)  # the shell's prompt starts on a line of its own after ^C
        return 130


def _severity(level: str) -> int:
    severity: int = getattr(logging, level)
    return severity


async def _migrate(settings: Settings) -> int:
    from bot.wiring import bootstrap, open_database

    app = bootstrap(settings)
    try:
        await open_database(app)
    finally:
        await app.storage.dispose()
    print("Database schema is up to date.")
    return 0


async def _console(settings: Settings, user: str | None, announce: bool) -> int:
    from bot.wiring import bootstrap, console_runtime, open_database, serve

    app = bootstrap(settings)
    interactive = sys.stdin.isatty()
    console = console_runtime(app, user or _default_user(), prompt="> " if interactive else "")
    # The first line names the database, so that starting from another folder (a new
    # SQLite file) never looks like lost data.
    where = database_label(settings.database_url)
    console.print("No Slack or Discord credentials set: running in the terminal on "
                  f"{where}." if announce else f"Vital Few in the terminal on {where}.")
    try:
        await open_database(app)
    except BaseException:
        await app.close()
        raise
    if interactive:
        console.print("Type a command as you would in chat, e.g. /touch Ana coffee "
                      "(/vitalfew help for all, Ctrl-C or Ctrl-D to quit).")
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
    if only and settings.database_url.startswith("sqlite"):
        structlog.get_logger(__name__).warning(
            f"DATABASE_URL is {database_label(settings.database_url)}, on this machine only: "
            "every other vitalfew process (the Procfile's web and worker) must share this "
            "file, or all of them must use one PostgreSQL database", only=only)
    from bot.wiring import run_platforms

    return await run_platforms(settings, only=set(only) if only else None)


def _configured(settings: Settings, platform: str) -> bool:
    return settings.slack_enabled if platform == "slack" else settings.discord_enabled


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"
