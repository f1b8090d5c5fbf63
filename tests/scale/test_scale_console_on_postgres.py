"""The same app on PostgreSQL: `vitalfew console` with DATABASE_URL=postgresql://… (and
the ``postgres://`` spelling), its data still there in a second process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def console(url: str, cwd: Path, *lines: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "TZ": "UTC", "VITALFEW_TICK_SECONDS": "3600"}
    for key in [k for k in env if k.startswith(("SLACK_", "DISCORD_"))]:
        del env[key]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "bot", "console", "--user", "scale"], input="\n".join(lines) + "\n",
        text=True, capture_output=True, cwd=cwd, env=env, timeout=120, check=False,
    )


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_console_runs_on_postgresql(postgres_url: str, scheme: str, tmp_path: Path) -> None:
    url = f"{scheme}://{postgres_url.split('://', 1)[1]}"
    first = console(url, tmp_path, "/touch Ana coffee", '/followup Ana in 3 days send the intro')
    assert first.returncode == 0, first.stderr
    assert "Logged a meet with Ana: coffee" in first.stdout
    assert "Follow-up with Ana: send the intro" in first.stdout
    second = console(url, tmp_path, "/vitalfew people", "/followup")
    assert second.returncode == 0, second.stderr
    assert "Ana" in second.stdout and "send the intro" in second.stdout
    assert not list(tmp_path.glob("*.db")), "a PostgreSQL URL must not fall back to SQLite"
