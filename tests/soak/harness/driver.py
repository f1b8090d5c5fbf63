"""The kill -9 loop: start a design's child, SIGKILL it mid-burst, restart, then count.

The driver owns no delivery logic. It prepares a design's database, runs its child
again and again on that same database, each time killing it with SIGKILL a random
``window`` after it reported ready, then lets one last child run until the design has
nothing left to do, and compares the ledger (what the owner received) with the keys
that were due. Every child is killed in a ``finally``, whatever happens.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import ledger

#: ``python -m harness.<module>`` must find this package under this directory.
PACKAGE_ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60.0  # seconds for a child to start; the shared machine can be slow
POLL = 0.05


class HarnessError(Exception):
    """The harness itself failed (a child died on its own, or never finished)."""


@dataclass
class Workdir:
    """The files of one design's run, all under ``root``."""

    root: Path

    def __post_init__(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)

    @property
    def db(self) -> Path:
        return self.root / "state.db"

    @property
    def log(self) -> Path:
        """The ledger: one line per message the owner received."""
        return self.root / "sent.log"

    @property
    def lookups(self) -> Path:
        return self.root / "lookups.log"

    @property
    def ready(self) -> Path:
        return self.root / "ready.flag"

    @property
    def output(self) -> Path:
        """Every child's stdout and stderr, appended, for a post-mortem."""
        return self.root / "child.out"


@dataclass(frozen=True)
class Design:
    """How to prepare, run and inspect one design; see ``engine`` and ``apscheduler``."""

    name: str
    module: str
    prepare: Callable[[Workdir, int], list[str]]
    run: Callable[[Workdir], list[str]]
    due_keys: Callable[[Workdir], set[str]]
    remaining: Callable[[Workdir], int]  # work not yet handed to the platform
    states: Callable[[Workdir], dict[str, int]]  # what the design's database says at the end


@dataclass
class Result:
    """What one soak run found; ``lost`` and ``duplicated`` are the headline figures."""

    design: str
    reminders: int
    kills: int
    seed: int
    lost: int = 0  # due keys never in the ledger
    duplicated: int = 0  # keys in the ledger more than once
    extra_messages: int = 0  # ledger lines beyond one per key
    unexpected: int = 0  # ledger keys that were never due
    kills_mid_burst: int = 0  # kills with work still left afterwards
    delivered_before_final_run: int = 0
    lookup_hits: int = 0  # engine: history lookups that found the message (crash window)
    missed_by_grace: int = 0  # baseline: jobs APScheduler skipped as misfired
    final_states: dict[str, int] = field(default_factory=dict)
    wall_seconds: float = 0.0
    kill_after_ms: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _query(db: Path, sql: str) -> list[tuple]:
    """A short read on the design's database while a child may be writing it."""
    with sqlite3.connect(db, timeout=30) as connection:
        return connection.execute(sql).fetchall()


def engine_design(latency: float = 0.004) -> Design:
    """The real delivery path; ``latency`` is how long one send to the platform takes."""

    def prepare(work: Workdir, count: int) -> list[str]:
        return ["prepare", "--db", str(work.db), "--count", str(count)]

    def run(work: Workdir) -> list[str]:
        return ["run", "--db", str(work.db), "--log", str(work.log),
                "--lookups", str(work.lookups), "--ready", str(work.ready),
                "--latency", str(latency)]

    return Design(
        name="engine", module="harness.engine_bot", prepare=prepare, run=run,
        due_keys=lambda w: {k for (k,) in _query(w.db, "SELECT key FROM deliveries")},
        remaining=lambda w: _query(w.db, "SELECT count(*) FROM deliveries "
                                         "WHERE status IN ('pending', 'claimed')")[0][0],
        states=lambda w: dict(_query(w.db, "SELECT status, count(*) FROM deliveries "
                                           "GROUP BY status")),
    )


def apscheduler_design(grace: str) -> Design:
    """The baseline with APScheduler's default misfire grace (``default``) or none."""
    def prepare(work: Workdir, count: int) -> list[str]:
        return ["prepare", "--db", str(work.db), "--log", str(work.log),
                "--count", str(count), "--grace", grace]

    def run(work: Workdir) -> list[str]:
        return ["run", "--db", str(work.db), "--ready", str(work.ready)]

    return Design(
        name=f"apscheduler-grace-{grace}", module="harness.apscheduler_bot",
        prepare=prepare, run=run,
        due_keys=lambda w: {k for (k,) in _query(w.db, "SELECT id FROM apscheduler_jobs")},
        remaining=lambda w: _query(w.db, "SELECT count(*) FROM apscheduler_jobs")[0][0],
        states=lambda w: {"jobs_left": _query(w.db, "SELECT count(*) FROM apscheduler_jobs")[0][0]},
    )


#: Every design the soak compares, by name; ``DESIGNS[name]()`` builds it with defaults.
DESIGNS: dict[str, Callable[[], Design]] = {
    "engine": engine_design,
    "apscheduler-grace-default": lambda: apscheduler_design("default"),
    "apscheduler-grace-none": lambda: apscheduler_design("none"),
}


class Children:
    """Starts child processes and guarantees that none outlives ``close``."""

    def __init__(self, design: Design, work: Workdir) -> None:
        self.design = design
        self.work = work
        self._alive: list[subprocess.Popen[bytes]] = []

    def start(self, args: list[str]) -> subprocess.Popen[bytes]:
        """``python -m <design module> ARGS`` in the work directory.

        Only ``tests/soak`` goes on PYTHONPATH (``tests/`` would shadow the ``storage``
        package with ``tests/storage``), and the work directory as cwd keeps a developer's
        ``.env`` out of the bot's settings. Output is unbuffered so a SIGKILL loses none.
        """
        env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT), "PYTHONUNBUFFERED": "1"}
        with self.work.output.open("ab") as out:
            proc = subprocess.Popen([sys.executable, "-m", self.design.module, *args],
                                    cwd=self.work.root, env=env, stdout=out, stderr=out)
        self._alive.append(proc)
        return proc

    def run_to_end(self, args: list[str]) -> None:
        proc = self.start(args)
        try:
            code = proc.wait(START_TIMEOUT)
        finally:
            self.kill(proc)
        if code != 0:
            raise HarnessError(f"{args[0]} exited {code}; see {self.work.output}")

    def start_ready(self) -> subprocess.Popen[bytes]:
        """Start a ``run`` child and wait until it says it is up (bounded)."""
        self.work.ready.unlink(missing_ok=True)
        proc = self.start(self.design.run(self.work))
        deadline = time.monotonic() + START_TIMEOUT
        while not self.work.ready.exists():
            if proc.poll() is not None:
                raise HarnessError(f"child exited {proc.returncode}; see {self.work.output}")
            if time.monotonic() > deadline:
                raise HarnessError(f"child not ready in {START_TIMEOUT}s")
            time.sleep(POLL)
        return proc

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc in self._alive:
            self._alive.remove(proc)

    def close(self) -> None:
        for proc in list(self._alive):
            self.kill(proc)


#: How long a child lives before its SIGKILL, in seconds: short enough that a burst of
#: 1,000 due reminders outlasts most of the 30 lives (the engine sends a few hundred a
#: second between kills), long enough for each life to send some.
LIFE = (0.02, 0.2)


def soak(design: Design, root: Path, reminders: int, kills: int, seed: int,
         window: tuple[float, float] = LIFE, final_timeout: float = 120.0) -> Result:
    """Prepare, kill ``kills`` times, run to the end, and count what the owner got."""
    rng = random.Random(seed)
    work = Workdir(root)
    result = Result(design.name, reminders, kills, seed)
    started = time.monotonic()
    children = Children(design, work)
    try:
        children.run_to_end(design.prepare(work, reminders))
        due = design.due_keys(work)
        for _ in range(kills):
            proc = children.start_ready()
            pause = rng.uniform(*window)
            time.sleep(pause)  # how long the bot lives: the fault, not an assertion
            children.kill(proc)
            result.kill_after_ms.append(round(pause * 1000))
            result.kills_mid_burst += design.remaining(work) > 0
        result.delivered_before_final_run = len(ledger.received(work.log))
        _final_run(children, design, work, final_timeout)
    finally:
        children.close()
    _count(result, due, work)
    result.final_states = design.states(work)
    result.wall_seconds = round(time.monotonic() - started, 1)
    return result


def _final_run(children: Children, design: Design, work: Workdir, timeout: float) -> None:
    """One last child, left alone until its design has nothing to do, then SIGTERM."""
    proc = children.start_ready()
    deadline = time.monotonic() + timeout
    while design.remaining(work) > 0:
        if proc.poll() is not None:
            raise HarnessError(f"final child exited {proc.returncode}; see {work.output}")
        if time.monotonic() > deadline:
            raise HarnessError(f"{design.remaining(work)} left after {timeout}s")
        time.sleep(POLL)
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(START_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise HarnessError("final child did not stop on SIGTERM") from None
    if code != 0:
        raise HarnessError(f"final child exited {code} on SIGTERM; see {work.output}")


def _count(result: Result, due: set[str], work: Workdir) -> None:
    got = ledger.received(work.log)
    result.lost = len(due - got.keys())
    result.duplicated = sum(1 for key in due if got[key] > 1)
    result.extra_messages = sum(n - 1 for key, n in got.items() if key in due and n > 1)
    result.unexpected = len(got.keys() - due)
    if work.lookups.exists():
        result.lookup_hits = sum(line.startswith("hit ")
                                 for line in work.lookups.read_text().splitlines())
    if work.output.exists():  # APScheduler's warning when it skips a late job
        result.missed_by_grace = work.output.read_text(errors="replace").count(
            "was missed by")
