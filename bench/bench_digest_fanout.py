"""Digest fan-out: every owner's weekly digest at once, from a big SQLite database.

What it measures: building the weekly digest of 10,000 owners with 50 people and 5
touches each (2.5 million touches) the way the app builds every digest at once:
``bot.fanout.weekly_digests`` over ``storage.bulk.BulkDigestReader`` (strengths from the
people's running sums of migration 0004, the vital few chosen from them, then the
vital few's touches and ``compose_digest``): wall seconds, digests per second, and the
peak RSS growth of the building process. Targets (issues 7 and 17): under 5 s and under
200 MB (measured on the 2-core development machine: 4.11-4.19 s, +33 MB, 0.89-0.93x the
floor below).

Baseline in the same run (the floor): one full scan of the touches table, streamed
through the same engine and the same column types, ``SELECT person_id, platform,
workspace, user_id, at, kind FROM touches``: what reading every touch into Python
costs. The headline ratio is build seconds / floor seconds (the floor is the mean of a
scan before and one after the build).

The database is realistic rather than convenient: touches are inserted in time order,
as they are written in production, so one owner's touches are scattered over the whole
table. Setup uses bulk inserts with the indexes dropped and rebuilt afterwards, then
fills the running sums (``people.strength_sum``, ``last_touch_at``) with
``storage.strength_sums.recompute``, as migration 0004 does; it is not measured. (A
kept --db whose sums were never filled gets them filled first.) Each measurement runs
in a fresh process so its peak memory is its own.
Before the measurement, 200 owners' digests, spread over the key order, are built
through the unit of work and ``build_digest`` (the delivery engine's path) and must be
identical to the fan-out's; the per-owner time of that path is printed too.

After it (diagnostic, not a target): ``--engine`` owners' digests delivered through the
delivery engine with a no-op notifier, composed together from the bulk source (as the
app's engine does) and, for comparison, one by one through the unit of work.

Run: .venv/bin/python bench/bench_digest_fanout.py [--owners N] [--people N]
     [--touches N] [--db PATH (kept and reused when it exists)] [--engine N]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import in_fresh_process, peak_rss_mb, verdict

TARGET_SECONDS = 5.0
TARGET_MB = 200.0
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday: digest time
HISTORY_DAYS = 150
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo")
KINDS = ("meet", "call", "message", "message")
MINUTES = {"meet": 60, "call": 20, "message": 5}  # the kinds' defaults; every 7th takes 90


def _sqlite_time(at: datetime) -> str:
    """How SQLAlchemy's SQLite DATETIME stores a (UTC, naive) value."""
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def _owner(o: int) -> tuple[str, str, str]:
    return ("slack", f"T{o % 50:03d}", f"U{o:06d}")


def migrate(path: str) -> None:
    """Bring the file's schema to the newest revision (a kept --db may predate one)."""
    from storage import Storage

    async def run() -> None:
        storage = Storage(f"sqlite:///{path}")
        await storage.migrate()
        await storage.dispose()

    asyncio.run(run())


def fill_sums(path: str) -> bool:
    """Give the people the running sums production keeps (raw inserts skip the touches
    repository), with the migration's own ``recompute``, unless someone with touches
    has them already (a kept file). Whether it filled them."""
    from sqlalchemy import create_engine

    from storage.strength_sums import recompute

    con = sqlite3.connect(path)
    try:
        filled = con.execute("SELECT 1 FROM people WHERE last_touch_at IS NOT NULL"
                             " LIMIT 1").fetchone() is not None
        empty = con.execute("SELECT 1 FROM touches LIMIT 1").fetchone() is None
    finally:
        con.close()
    if filled or empty:
        return False
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        recompute(connection)
    engine.dispose()
    return True


def build_database(path: str, n_owners: int, n_people: int, n_touches: int) -> None:
    """Migrate a fresh file, bulk-insert owners, people, touches and follow-ups, then
    fill the people's running sums."""
    migrate(path)
    rng = random.Random(7)
    created = _sqlite_time(NOW - timedelta(days=400))
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous=OFF")
    indexes = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                          "AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        con.execute(f'DROP INDEX "{name}"')
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO owners (platform, workspace, user_id, tz, platform_tz, size, cadence_days,"
        " digest_day, digest_time, digest_enabled, created_at, close_size, close_cadence_days,"
        " budget_minutes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
            (*_owner(o), ZONES[o % len(ZONES)], None, 5, 14, 0, "09:00", 1, created, 15, 30,
             300 if o % 3 == 0 else None)
            for o in range(n_owners)])
    con.executemany(
        "INSERT INTO people (id, platform, workspace, user_id, name, name_key, platform_id,"
        " pinned, cadence_days, snoozed_until, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", [
            (o * n_people + j + 1, *_owner(o), f"Friend {j}", f"friend {j}", None,
             j == 7, 30 if j == 3 else None, None, created)
            for o in range(n_owners) for j in range(n_people)])
    moments = [_sqlite_time(NOW - timedelta(seconds=rng.randrange(HISTORY_DAYS * 86400)))
               for _ in range(100_000)]
    total = n_owners * n_people * n_touches
    ats, kinds = rng.choices(moments, k=total), rng.choices(KINDS, k=total)
    rows = [(*_owner(o), o * n_people + j + 1, ats[i], kinds[i], "coffee",
             90 if i % 7 == 0 else MINUTES[kinds[i]], "them" if i % 3 == 0 else "me")
            for i, (o, j) in enumerate(
                (o, j) for o in range(n_owners) for j in range(n_people)
                for _ in range(n_touches))]
    del ats, kinds
    rows.sort(key=itemgetter(4))  # time order, as production writes them
    con.executemany("INSERT INTO touches (platform, workspace, user_id, person_id, at, kind,"
                    " note, minutes, started_by) VALUES (?,?,?,?,?,?,?,?,?)", rows)
    del rows
    con.executemany(
        "INSERT INTO followups (platform, workspace, user_id, person_id, due_at, what,"
        " status, created_at, closed_at) VALUES (?,?,?,?,?,?,?,?,?)", [
            (*_owner(o), o * n_people + k + 1,
             _sqlite_time(NOW + timedelta(days=5 * k - 4)), f"promise {k}",
             "open" if k < 2 else "done", created, None)
            for o in range(n_owners) for k in range(3)])
    con.execute("COMMIT")
    for _, sql in indexes:
        con.execute(sql)
    con.close()
    fill_sums(path)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def full_scan(url: str) -> tuple[float, int]:
    """The floor: one streamed scan of the touches table. (seconds, rows)"""
    from sqlalchemy import select

    from storage import Storage
    from storage.schema import touches

    async def scan() -> tuple[float, int]:
        storage = Storage(url)
        t = touches.c
        query = select(t.person_id, t.platform, t.workspace, t.user_id, t.at, t.kind)
        rows = 0
        async with storage.engine.connect() as conn:
            started = time.perf_counter()
            result = await conn.stream(query.execution_options(yield_per=10_000))
            async for chunk in result.partitions():
                rows += len(chunk)
            elapsed = time.perf_counter() - started
        await storage.dispose()
        return elapsed, rows

    return asyncio.run(scan())


def fan_out(url: str) -> tuple[float, int, float]:
    """Every owner's digest, as the app builds them all at once (``bot.fanout`` over
    ``storage.bulk``). (seconds, digests, peak RSS growth MB)"""
    from bot.fanout import weekly_digests
    from storage import Storage
    from storage.bulk import BulkDigestReader

    async def build() -> tuple[float, int, float]:
        storage = Storage(url)
        async with storage.engine.connect():
            pass  # open the pool's connection before measuring
        before = peak_rss_mb()
        started = time.perf_counter()
        digests = 0
        async for _ in weekly_digests(BulkDigestReader(storage.engine), NOW):
            digests += 1
        elapsed = time.perf_counter() - started
        growth = peak_rss_mb() - before
        await storage.dispose()
        return elapsed, digests, growth

    return asyncio.run(build())


def check_against_unit_of_work(url: str, sample: int) -> float:
    """``sample`` owners' digests, spread evenly over the key order, built through the
    unit of work (what ``DeliveryEngine._compose`` reads, and ``build_digest``) must
    equal the fan-out's. Returns seconds per owner on the unit-of-work path."""
    from bot.digest import build_digest
    from bot.fanout import weekly_digests
    from bot.timefmt import zone
    from storage import Storage
    from storage.bulk import BulkDigestReader

    async def check() -> float:
        storage = Storage(url)
        fanned = [item async for item in weekly_digests(BulkDigestReader(storage.engine), NOW)]
        step = max(len(fanned) // sample, 1)
        chosen = fanned[::step][:sample]
        started = time.perf_counter()
        for owner, fanned_digest in chosen:
            async with storage.uow() as uow:
                settings = await uow.owners.get(owner)
                assert settings is not None
                digest = build_digest(settings, await uow.people.list(owner),
                                      await uow.touches.list(owner),
                                      await uow.followups.list_open(owner), NOW,
                                      zone(settings.zone_name))
            if fanned_digest != digest:
                raise AssertionError(f"fan-out digest differs for {owner}")
        elapsed = time.perf_counter() - started
        await storage.dispose()
        return elapsed / max(len(chosen), 1)

    return asyncio.run(check())


def through_engine(path: str, due: int, together: bool, quiet: bool = False) -> float:
    """``due`` owners' digests delivered by the delivery engine (a no-op notifier), on a
    copy of the database: seconds per digest, end to end (claim, compose, mark sent,
    schedule next week's), composed together from the bulk source as the app does, or
    one by one through the unit of work as before. ``quiet``: the engine's info logs off
    (in the benchmark's own process only: structlog's configuration is global)."""
    import logging

    import structlog
    from sqlalchemy import insert, select
    from tick import NoopNotifier

    from bot.clock import FixedClock
    from bot.delivery import DeliveryEngine
    from storage import Storage
    from storage.bulk import BulkDigestReader
    from storage.schema import deliveries, owners

    if quiet:
        structlog.configure(
            wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    copy = Path(path).with_suffix(".engine.db")
    with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
        source.backup(target)

    async def deliver() -> float:
        storage = Storage(f"sqlite:///{copy}")
        async with storage.engine.begin() as conn:
            keys = (await conn.execute(select(owners.c.platform, owners.c.workspace,
                                              owners.c.user_id).limit(due))).all()
            await conn.execute(insert(deliveries), [
                {"platform": p, "workspace": w, "user_id": u, "kind": "digest",
                 "key": f"digest:{p}:{w}:{u}:bench", "status": "pending", "attempts": 0,
                 "due_at": NOW} for p, w, u in keys])
        engine = DeliveryEngine(storage.uow, FixedClock(NOW), {"slack": NoopNotifier()},
                                "bench", digests=BulkDigestReader(storage.engine)
                                if together else None)
        sent, started = 0, time.perf_counter()
        while (report := await engine.tick()).claimed:
            sent += report.sent
        elapsed = time.perf_counter() - started
        await storage.dispose()
        assert sent == len(keys), (sent, len(keys))
        return elapsed / sent

    try:
        return asyncio.run(deliver())
    finally:
        for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            leftover.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--owners", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--touches", type=int, default=5)
    parser.add_argument("--db", help="database file to use (built when missing, kept)")
    parser.add_argument("--engine", type=int, default=1_000,
                        help="due digests delivered through the engine (0: skip)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vitalfew-fanout-") as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "fanout.db"
        if not path.exists():
            started = time.perf_counter()
            in_fresh_process(build_database, str(path), args.owners, args.people,
                             args.touches)
            print(f"setup: {args.owners:,} owners, {args.owners * args.people:,} people, "
                  f"{args.owners * args.people * args.touches:,} touches in "
                  f"{time.perf_counter() - started:.1f} s (not measured)", flush=True)
        else:
            in_fresh_process(migrate, str(path))
            started = time.perf_counter()
            if in_fresh_process(fill_sums, str(path)):
                print(f"setup: running sums filled in {time.perf_counter() - started:.1f} s"
                      " (not measured)", flush=True)
        url = f"sqlite:///{path}"
        sample = min(args.owners, 200)
        per_owner = in_fresh_process(check_against_unit_of_work, url, sample)
        print(f"check: {sample} owners' digests identical to the unit-of-work path "
              f"({per_owner * 1000:.1f} ms per owner there; "
              f"{per_owner * args.owners:.0f} s for all)", flush=True)
        scan_before, rows = in_fresh_process(full_scan, url)
        seconds, digests, growth = in_fresh_process(fan_out, url)
        scan_after, _ = in_fresh_process(full_scan, url)
        if args.engine:
            together, alone = (in_fresh_process(through_engine, str(path), args.engine,
                                                bulk, True) for bulk in (True, False))
            print(f"engine: {args.engine:,} due digests end to end (claim, compose, mark "
                  f"sent, schedule next week's): {together * 1000:.1f} ms each composed "
                  f"together, {alone * 1000:.1f} ms one by one")
    floor = (scan_before + scan_after) / 2
    ratio = seconds / floor
    print(f"floor: full scan of {rows:,} touches {scan_before:.2f} s / {scan_after:.2f} s "
          f"(mean {floor:.2f} s)")
    print(f"fan-out: {digests:,} digests in {seconds:.2f} s = {digests / seconds:,.0f} "
          f"digests/s; peak RSS growth {growth:.0f} MB")
    ok = seconds < TARGET_SECONDS and growth < TARGET_MB
    return verdict(ok, f"digest fan-out {seconds:.2f} s (target < {TARGET_SECONDS:.0f} s), "
                       f"peak +{growth:.0f} MB (target < {TARGET_MB:.0f} MB), "
                       f"{ratio:.2f}x one full scan of touches")


if __name__ == "__main__":
    sys.exit(main())
