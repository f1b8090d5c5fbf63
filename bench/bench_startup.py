"""Start-up: `vitalfew console` answering one command, from process start to exit.

What it measures: the wall time of ``python -m bot console`` (the `vitalfew` entry
point) with one line, ``/touch Ana coffee``, on standard input, in a fresh temporary
directory with a fresh SQLite database (so the schema is created), median of N runs;
also the same on a database already at the newest revision (the usual start). Target
(issue 7): under one second for both.

Baselines in the same run, interleaved with the runs above so that noise hits all alike:
the bare interpreter (``python -c pass``), the headline ratio's denominator, and
``python -c "import sqlalchemy"`` for context (the floor of any SQLAlchemy app).

Then one run under ``-X importtime`` on the database at head: import time by top-level
package, to show where start-up goes, and which of the packages the terminal should
never need (platforms, Alembic) were imported anyway.

Run: .venv/bin/python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, median, verdict

TARGET_SECONDS = 1.0
COMMAND = "/touch Ana coffee\n"
EXPECTED = "Logged a meet with Ana"


def clean_env(database_url: str) -> dict[str, str]:
    """No platform credentials (so nothing but the terminal starts), our database."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "DISCORD_", "VITALFEW_"))}
    env["DATABASE_URL"] = database_url
    env["PYTHONPATH"] = str(ROOT)
    return env


def timed(args: list[str], cwd: str, env: dict[str, str], stdin: str = "") -> float:
    started = time.perf_counter()
    done = subprocess.run(args, input=stdin, capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=60)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{args} exited {done.returncode}: {done.stderr[-2000:]}")
    if stdin and EXPECTED not in done.stdout:
        raise RuntimeError(f"unexpected reply: {done.stdout!r} {done.stderr[-2000:]}")
    return elapsed


CONSOLE = [sys.executable, "-m", "bot", "console", "--user", "bench"]


#: Packages `vitalfew console` has no use for (tests/test_startup_imports.py asserts it).
NOT_NEEDED = ("slack_bolt", "slack_sdk", "discord", "aiohttp", "alembic", "dateparser")


def import_breakdown(tmp: Path, env: dict[str, str], top: int) -> list[tuple[str, float]]:
    """Self import time (ms) by top-level package, one console run (``env``'s database),
    every package of NOT_NEEDED that was imported included whatever its rank."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "bot", "console"],
                          input=COMMAND, capture_output=True, text=True, cwd=tmp, env=env,
                          timeout=60)
    by_package: Counter[str] = Counter()
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if m:
            by_package[m.group(2).split(".")[0]] += int(m.group(1)) / 1000
    ranked = by_package.most_common(top)
    stray = [(name, by_package[name]) for name in NOT_NEEDED
             if name in by_package and name not in dict(ranked)]
    return [("(all imports)", sum(by_package.values())), *ranked, *stray]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--top", type=int, default=10, help="packages in the breakdown")
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {k: [] for k in ("pass", "sqlalchemy", "fresh", "head")}
    with tempfile.TemporaryDirectory(prefix="vitalfew-startup-") as name:
        tmp = Path(name)
        head_db = tmp / "head.db"
        head_env = clean_env(f"sqlite:///{head_db}")
        timed(CONSOLE, name, head_env, COMMAND)  # migrates head.db once
        for run in range(args.runs):
            fresh_db = tmp / f"fresh{run}.db"
            fresh_env = clean_env(f"sqlite:///{fresh_db}")
            times["pass"].append(timed([sys.executable, "-c", "pass"], name, fresh_env))
            times["sqlalchemy"].append(
                timed([sys.executable, "-c", "import sqlalchemy"], name, fresh_env))
            times["fresh"].append(timed(CONSOLE, name, fresh_env, COMMAND))
            times["head"].append(timed(CONSOLE, name, head_env, COMMAND))
        breakdown = import_breakdown(tmp, head_env, args.top)
    med = {k: median(v) for k, v in times.items()}
    base = med["pass"]
    labels = {"pass": "python -c pass", "sqlalchemy": "python -c 'import sqlalchemy'",
              "fresh": "console, fresh database", "head": "console, database at head"}
    print(f"median of {args.runs} runs (wall seconds, ratio to the bare interpreter):")
    for key, label in labels.items():
        print(f"  {label:32s} {med[key]:6.3f} s  {med[key] / base:5.1f}x")
    print("import time by top-level package (self time; one run at head under "
          "-X importtime, which inflates it):")
    for package, ms in breakdown:
        print(f"  {package:32s} {ms:6.0f} ms")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("  (PYTHONDONTWRITEBYTECODE is set: every run compiles the project's own "
              "modules again, some 35 ms that an ordinary install pays once)")
    stray = [name for name, _ in breakdown if name in NOT_NEEDED]
    print(f"  not needed but imported: {', '.join(stray) if stray else 'none'} "
          f"(of {', '.join(NOT_NEEDED)})")
    fresh, head = med["fresh"], med["head"]
    return verdict(max(fresh, head) < TARGET_SECONDS,
                   f"console start-up {fresh:.3f} s median on a fresh database, {head:.3f} s "
                   f"at head (target < {TARGET_SECONDS:.0f} s for both), "
                   f"{fresh / base:.1f}x and {head / base:.1f}x the bare interpreter")


if __name__ == "__main__":
    sys.exit(main())
