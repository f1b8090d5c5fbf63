"""`vitalfew console` as a subprocess: a whole session typed through a pipe, then a restart."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from adapters.console import render
from bot.replies import Action, Reply, Section


def run_console(tmp_path: Path, lines: list[str], *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'v.db'}", "TZ": "Europe/Berlin",
           "VITALFEW_TICK_SECONDS": "3600"}
    for key in [k for k in env if k.startswith(("SLACK_", "DISCORD_"))]:
        del env[key]
    return subprocess.run(
        [sys.executable, "-m", "bot", *extra], input="\n".join(lines) + "\n", text=True,
        capture_output=True, cwd=tmp_path, env=env, timeout=60, check=False,
    )


def test_a_whole_session_in_the_terminal_survives_a_restart(tmp_path):
    first = run_console(tmp_path, [
        "/touch Ana coffee",
        '/touch "Sam Lee" call',
        "/followup Ana friday send the intro",
        "/vitalfew",
        "/followup",
        "/vitalfew people",
        "/vitalfew export",
        "/followup Ana the 45th of Smarch",
        "/touch " + "x" * 10_000,
    ], "run")
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert out.splitlines()[0] == ("No Slack or Discord credentials set: running in the "
                                   f"terminal on the SQLite file {tmp_path / 'v.db'}.")
    assert "Logged a meet with Ana: coffee · 1 h" in out
    assert "Logged a call with Sam Lee: call · 20 min" in out
    reached_out = re.search(r"\[They reached out: !reached-out (1-them-[0-9a-f]+)\]", out)
    assert reached_out  # touch 1, Ana's coffee
    assert "Follow-up with Ana: send the intro" in out
    assert "Europe/Berlin" in out
    assert "Your vital few (2 of 5)" in out
    assert "Open follow-ups: 1" in out
    done = re.search(r"\[Done: !done (1-[0-9]+-[0-9a-f]+)\]", out)  # follow-up 1, stamped
    assert done
    assert "! No month has a day 45." in out
    assert "! That is 10,000 characters; a command can be at most 4,000." in out
    exported = next(tmp_path.glob("vitalfew-export-*.json"))
    assert [p["name"] for p in json.loads(exported.read_text())["people"]] == ["Ana", "Sam Lee"]

    second = run_console(tmp_path, [f"!done {done[1]}", "/vitalfew people",
                                    f"!reached-out {reached_out[1]}", "/vitalfew settings"],
                          "console")
    assert second.returncode == 0, second.stderr
    assert "Done: send the intro (Ana)." in second.stdout
    # An hour's coffee and the Done's 5-minute message: decayed hours
    assert "1. Ana (vital few) · strength 1.1 · 2 touches" in second.stdout
    assert "Marked: Ana reached out this time." in second.stdout
    assert "[I reached out: !reached-out 1-me-" in second.stdout  # pressed again: undone
    assert "Time zone: Europe/Berlin, from this computer's clock (it is " in second.stdout


def test_vitalfew_with_no_command_runs_as_vitalfew_run_does(tmp_path):
    """`python -m bot` (or `vitalfew`) alone is `vitalfew run`: it crashed on a missing --only."""
    result = run_console(tmp_path, ["/followup Ana by 30 minutes send the deck"])
    assert result.returncode == 0, result.stderr
    assert "Follow-up with Ana: send the deck" in result.stdout
    assert "(in 30 minutes)" in result.stdout


def test_a_bad_setting_stops_start_up_with_one_line_naming_the_key(tmp_path):
    env = {**os.environ, "VITALFEW_TICK_SECONDS": "often", "SLACK_SIGNING_SECRET": "s3cr3t"}
    result = subprocess.run([sys.executable, "-m", "bot", "console"], input="", text=True,
                            capture_output=True, cwd=tmp_path, env=env, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "vitalfew: configuration error: VITALFEW_TICK_SECONDS: Input should be a valid number, "
        "unable to parse string as a number"]
    assert "s3cr3t" not in result.stderr + result.stdout


def test_plain_text_rendering_shows_buttons_as_what_to_type():
    reply = Reply("Title", (Section(("line",), (Action("followup_done", "Done", "7"),)),))
    assert render(reply) == "Title\nline\n   [Done: !done 7]"


def test_run_only_a_platform_without_its_credentials_stops_with_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    result = subprocess.run([sys.executable, "-m", "bot", "run", "--only", "discord"],
                            input="", text=True, capture_output=True, cwd=tmp_path, env=env,
                            timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == ("vitalfew: configuration error: --only discord needs "
                                     "DISCORD_TOKEN.")
