"""Sustained `/touch` throughput through the service layer alone, on SQLite.

What it measures: touches per second through ``VitalFewService.handle(Request(owner,
"touch", ...))`` for ``--seconds`` seconds each way, on a file database in a temporary
directory, spread over ``--owners`` owners who each already keep up with a few people.
Target (issue 7): at least 5,000 per second.

In the same run:

* baseline: the same number of bare ``INSERT INTO touches`` as the service managed,
  each in its own unit of work (connection, ``BEGIN IMMEDIATE``, insert, commit): the
  floor of one transaction per command, before any of the service's own reads;
* the service with one caller at a time: every /touch is a batch of one (the latency
  floor of a lone user);
* the service with ``--callers`` callers at once, as a busy workspace: /touch commands
  that arrive together are stored by one writer in one transaction (``bot.groupcommit``),
  and each caller gets its reply only after that commit.

Every reply must say "Logged …" and every touch must be in the table afterwards. The
headline figure is the better of the service's two rates, with its ratio to the baseline.

Run: .venv/bin/python bench/bench_service_throughput.py [--seconds S] [--owners N]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import verdict
from sqlalchemy import func, select

from bot.clock import SystemClock
from bot.domain import Owner
from bot.services import Request, VitalFewService
from storage import Storage
from storage.schema import touches

TARGET_PER_SECOND = 5_000
FRIENDS = ("Ana", "Ben", "Chloé", "Dev", "Eli")
NOTES = ("coffee", "call about the move", "msg", "lunch", "zoom")


def owner(n: int) -> Owner:
    return Owner("slack", "T1", f"U{n:05d}")


def request(i: int, owners: int) -> Request:
    return Request(owner(i % owners), "touch",
                   f"{FRIENDS[i // owners % len(FRIENDS)]} {NOTES[i % len(NOTES)]}")


async def prepare(storage: Storage, owners: int) -> None:
    """Every owner already knows the five friends (one touch each), as after a week."""
    await storage.migrate()
    service = VitalFewService(storage.uow, SystemClock())
    for i in range(owners * len(FRIENDS)):
        reply = await service.handle(request(i, owners))
        assert reply.title.startswith("Logged"), reply


async def run_for(seconds: float, callers: int, one: Callable[[int], Awaitable[None]]) -> int:
    """``callers`` tasks calling ``one(i)`` back to back until time is up; calls done."""
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))
    done = 0

    async def caller() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            await one(next(counter))
            done += 1

    await asyncio.gather(*(caller() for _ in range(callers)))
    return done


async def bare_inserts(storage: Storage, n: int, owners: int) -> float:
    """``n`` bare touch INSERTs, one unit of work each; seconds taken."""
    now = datetime.now(UTC)
    started = time.perf_counter()
    for i in range(n):
        o = owner(i % owners)
        async with storage.uow() as uow:
            conn = uow._connection  # the bare statement, none of the repository's checks
            assert conn is not None
            await conn.execute(touches.insert().values(
                platform=o.platform, workspace=o.workspace, user_id=o.user,
                person_id=1 + i % owners, at=now, kind="meet", note="bench"))
            await uow.commit()
    return time.perf_counter() - started


# --- the run ----------------------------------------------------------------------------


async def measure(args: argparse.Namespace, path: Path) -> int:
    storage = Storage(f"sqlite:///{path}")
    await prepare(storage, args.owners)
    service = VitalFewService(storage.uow, SystemClock())
    replies_ok = True

    async def via_service(i: int) -> None:
        nonlocal replies_ok
        reply = await service.handle(request(i, args.owners))
        replies_ok &= reply.title.startswith("Logged")

    serial = await run_for(args.seconds, 1, via_service)
    batches_before = service.batches
    grouped = await run_for(args.seconds, args.callers, via_service)
    commits = service.batches - batches_before
    base_seconds = await bare_inserts(storage, max(serial, grouped), args.owners)
    base_rate = max(serial, grouped) / base_seconds
    stored = await count_touches(storage)
    await storage.dispose()
    if not replies_ok:
        raise AssertionError("a /touch did not answer 'Logged …'")
    expected = args.owners * len(FRIENDS) + serial + grouped + max(serial, grouped)
    if stored != expected:
        raise AssertionError(f"{stored:,} touches stored, {expected:,} expected")

    s = args.seconds
    print(f"baseline: {base_rate:,.0f}/s bare INSERTs, one transaction each "
          f"({max(serial, grouped):,} in {base_seconds:.2f} s)")
    print(f"  service, one caller at a time   {serial / s:8,.0f}/s  "
          f"{serial / s / base_rate:5.2f}x baseline")
    print(f"  service, {args.callers} callers at once  {grouped / s:8,.0f}/s  "
          f"{grouped / s / base_rate:5.2f}x baseline ({grouped / max(commits, 1):.0f} per commit)")
    print(f"  every touch stored: {stored:,} rows")
    best = max(serial, grouped) / s
    return verdict(best >= TARGET_PER_SECOND,
                   f"service /touch {best:,.0f}/s (target >= {TARGET_PER_SECOND:,}/s), "
                   f"{best / base_rate:.2f}x bare one-transaction INSERTs")


async def count_touches(storage: Storage) -> int:
    async with storage.engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(touches)) or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per way of running")
    parser.add_argument("--owners", type=int, default=500)
    parser.add_argument("--callers", type=int, default=256, help="callers at once")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vitalfew-throughput-") as tmp:
        return asyncio.run(measure(args, Path(tmp) / "throughput.db"))


if __name__ == "__main__":
    sys.exit(main())
