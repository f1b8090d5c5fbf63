"""`vitalfew run --only slack` as a process, against the fake Slack Web API: what its
start-up says (one log format, no Bolt token warning, the SQLite warning), and the one
line it stops with on a rejected token or a port already in use."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import signal
import socket
import sys
from pathlib import Path

import pytest
import structlog
from fake_slack import FakeSlack
from slack_support import SECRET, TOKEN

from bot.cli import configure_logging

STARTED = "slack_started"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("0.0.0.0", 0))
        return int(probe.getsockname()[1])


def environ(fake: FakeSlack, port: int, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "DISCORD_", "VITALFEW_", "DATABASE_URL"))}
    env.update({"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": fake.api_url, "PORT": str(port),
                "DATABASE_URL": "sqlite:///v.db", "VITALFEW_TICK_SECONDS": "3600", **values})
    return env


async def start(tmp_path: Path, env: dict[str, str]) -> tuple[asyncio.subprocess.Process,
                                                               list[str]]:
    """Start the process; read stderr until Slack has started or the process has ended."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--only", "slack", cwd=tmp_path, env=env,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    assert process.stderr is not None
    lines: list[str] = []
    while not lines or STARTED not in lines[-1]:
        line = await asyncio.wait_for(process.stderr.readline(), 60)
        if not line:
            break
        lines.append(line.decode().rstrip("\n"))
    return process, lines


async def finish(process: asyncio.subprocess.Process) -> tuple[int, list[str]]:
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, err.decode().splitlines()


async def test_start_up_logs_json_lines_only_warns_about_sqlite_and_checks_the_token(
        tmp_path: Path, fake: FakeSlack) -> None:
    process, lines = await start(tmp_path, environ(fake, free_port()))
    try:
        assert lines and STARTED in lines[-1], lines
    finally:
        process.send_signal(signal.SIGINT)
        code, rest = await finish(process)
    logged = [json.loads(line) for line in lines + rest]  # every line is one JSON object
    assert not [e for e in logged if "will be unused" in e["event"]], logged
    warnings = [e["event"] for e in logged if e["level"] == "warning"]
    assert warnings == [
        f"DATABASE_URL is the SQLite file {tmp_path / 'v.db'}, on this machine only: every "
        "other vitalfew process (the Procfile's web and worker) must share this file, or "
        "all of them must use one PostgreSQL database"], logged
    assert fake.last("auth.test").token == TOKEN
    assert code == 130


async def test_a_rejected_token_stops_start_up_with_one_line(tmp_path: Path,
                                                             fake: FakeSlack) -> None:
    fake.error_for("auth.test", "invalid_auth")
    process, lines = await start(tmp_path, environ(fake, free_port(),
                                                   VITALFEW_LOG_LEVEL="ERROR"))
    code, rest = await finish(process)
    assert code == 1
    assert lines + rest == [
        "vitalfew: Slack rejected SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth "
        "Token (xoxb-…) from the app's OAuth & Permissions page"]
    assert TOKEN not in "".join(lines + rest)


async def test_a_port_in_use_stops_start_up_with_one_line(tmp_path: Path,
                                                          fake: FakeSlack) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process, lines = await start(tmp_path, environ(fake, port, VITALFEW_LOG_LEVEL="ERROR"))
        code, rest = await finish(process)
    assert code == 1
    assert lines + rest == [f"vitalfew: port {port} is already in use: stop what listens "
                            "there, or set PORT to another"]


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    for handler in root.handlers[:]:
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    structlog.reset_defaults()


@pytest.mark.parametrize(("fmt", "as_json"), [("auto", True), ("json", True),
                                              ("console", False)])
def test_ours_and_the_libraries_logs_share_one_format(restore_logging, fmt: str,
                                                      as_json: bool) -> None:
    stream = io.StringIO()  # not a terminal: "auto" means JSON
    configure_logging("INFO", fmt, stream)
    structlog.get_logger("bot.test").info("ours", answer=42)
    logging.getLogger("aiohttp.test").warning("theirs %s", "too")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2, lines
    if as_json:
        events = [json.loads(line) for line in lines]
        assert [(e["event"], e["level"], e["logger"]) for e in events] == [
            ("ours", "info", "bot.test"), ("theirs too", "warning", "aiohttp.test")]
        assert events[0]["answer"] == 42
    else:
        assert "[info     ] ours" in lines[0] and "answer=42" in lines[0]
        assert "[warning  ] theirs too" in lines[1] and "aiohttp.test" in lines[1]
