"""What `vitalfew console` loads to answer one command (issue 7: start-up under a second).

Run as a real subprocess through ``python -m bot`` (the `vitalfew` entry point), which
lists the modules it has loaded when it exits. Platform libraries and Alembic each cost
tens of milliseconds to import and the terminal needs none of them: Slack and Discord
load only with their credentials, Alembic only when there is a migration to run and
slack_sdk not even to create its OAuth tables in a fresh file (storage.migrate).
(pydantic-settings reads the configuration, as everywhere: it is the one library here
whose import the terminal pays for without using all of it.)
APScheduler does load: the terminal delivers reminders through the same Ticker.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NEVER = ("slack_bolt", "slack_sdk", "discord", "aiohttp", "alembic", "dateparser")

PROBE = """
import atexit, json, runpy, sys
listing = sys.argv[1]
def dump():
    with open(listing, "w") as out:
        json.dump(sorted(sys.modules), out)
atexit.register(dump)
sys.argv = ["vitalfew", *sys.argv[2:]]
runpy.run_module("bot", run_name="__main__", alter_sys=True)
"""


def loaded(tmp_path: Path, database: Path, *args: str, stdin: str = "/touch Ana coffee\n",
           env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """Top-level packages the command loaded, and what it printed."""
    listing = tmp_path / "modules.json"
    environ = {k: v for k, v in os.environ.items()
               if not k.startswith(("SLACK_", "DISCORD_", "VITALFEW_"))}
    environ.update({"DATABASE_URL": f"sqlite:///{database}", **(env or {})})
    done = subprocess.run([sys.executable, "-c", PROBE, str(listing), *args], input=stdin,
                          text=True, capture_output=True, cwd=tmp_path, env=environ,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    modules = json.loads(listing.read_text())
    return {name.split(".")[0] for name in modules}, done.stdout


def test_console_on_a_database_at_head(tmp_path: Path) -> None:
    database = tmp_path / "v.db"
    loaded(tmp_path, database, "console")  # makes the schema
    packages, out = loaded(tmp_path, database, "console", "--user", "ana")
    assert "Logged a meet with Ana: coffee" in out
    assert packages.isdisjoint(NEVER), sorted(packages & set(NEVER))


def test_console_on_a_fresh_database(tmp_path: Path) -> None:
    packages, out = loaded(tmp_path, tmp_path / "fresh.db", "console")
    assert "Logged a meet with Ana: coffee" in out
    assert packages.isdisjoint(NEVER), sorted(packages & set(NEVER))


def test_run_without_credentials_is_the_console(tmp_path: Path) -> None:
    packages, out = loaded(tmp_path, tmp_path / "v.db", "run")
    assert out.startswith("No Slack or Discord credentials set: running in the terminal")
    assert packages.isdisjoint(NEVER), sorted(packages & set(NEVER))


def test_migrate_on_a_fresh_database_needs_no_alembic(tmp_path: Path) -> None:
    packages, out = loaded(tmp_path, tmp_path / "fresh.db", "migrate", stdin="")
    assert out.strip() == "Database schema is up to date."
    assert "alembic" not in packages
