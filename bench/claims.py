"""Delivery claim throughput on SQLite and PostgreSQL: rows claimed per second.

Each worker is a separate process with its own engine (as a replica would be) that
claims due rows in batches (``claim_due``, one transaction per batch, committed) until
none is left. Throughput is rows claimed / wall time from the first claim to the last,
for 1 and for 3 concurrent workers, on each backend, with the ratio between backends.

Run: .venv/bin/python bench/claims.py [POSTGRES_URL] [--rows N] [--batch N]
     (POSTGRES_URL defaults to $VITALFEW_TEST_POSTGRES_URL; without one, SQLite only).

PostgreSQL is left as it was: the benchmark works in a schema of its own
(``vitalfew_bench``), dropped at the end. SQLite runs on a file in a temp directory.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine  # noqa: E402

from storage.engine import create_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.schema import deliveries  # noqa: E402
from storage.uow import SqlUnitOfWork  # noqa: E402

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)
BENCH_SCHEMA = "vitalfew_bench"


@dataclass
class WorkerResult:
    rows: int
    claims: int
    first: float
    last: float
    latencies: list[float]


def make_engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        return create_engine(url)
    # Every connection works in the benchmark's own schema, never in public.
    return create_engine(url, connect_args={"server_settings": {"search_path": BENCH_SCHEMA}})


async def prepare(url: str, rows: int) -> None:
    """An empty, migrated database holding ``rows`` due pending deliveries."""
    if not url.startswith("sqlite"):
        admin = create_engine(url)
        try:
            async with admin.begin() as connection:
                await connection.execute(text(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE"))
                await connection.execute(text(f"CREATE SCHEMA {BENCH_SCHEMA}"))
        finally:
            await admin.dispose()
    engine = make_engine(url)
    try:
        await upgrade(engine)
        batch = [
            {
                "key": f"bench:{i:07d}", "platform": "slack", "workspace": "T1",
                "user_id": f"U{i % 500}", "kind": "reminder",
                "due_at": NOW - timedelta(seconds=i), "status": "pending", "attempts": 0,
            }
            for i in range(rows)
        ]
        async with engine.begin() as connection:
            for start in range(0, rows, 10_000):
                await connection.execute(insert(deliveries), batch[start : start + 10_000])
            if connection.dialect.name == "postgresql":
                await connection.execute(text("ANALYZE deliveries"))
    finally:
        await engine.dispose()


async def drop_bench_schema(url: str) -> None:
    admin = create_engine(url)
    try:
        async with admin.begin() as connection:
            await connection.execute(text(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE"))
    finally:
        await admin.dispose()


async def claim_until_empty(url: str, worker: str, batch: int, start_at: float) -> WorkerResult:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:  # connect before the clock starts
            await connection.execute(text("SELECT 1"))
        await asyncio.sleep(max(0.0, start_at - time.time()))
        rows = claims = 0
        latencies: list[float] = []
        first = time.perf_counter()
        wall_first = time.time()
        while True:
            began = time.perf_counter()
            async with SqlUnitOfWork(engine) as uow:
                got = await uow.deliveries.claim_due(NOW, worker, NOW + LEASE, batch)
                await uow.commit()
            latencies.append(time.perf_counter() - began)
            if not got:
                break
            rows += len(got)
            claims += 1
        last = wall_first + (time.perf_counter() - first)
        return WorkerResult(rows, claims, wall_first, last, latencies)
    finally:
        await engine.dispose()


def _worker(args: tuple[str, str, int, float]) -> WorkerResult:
    url, worker, batch, start_at = args
    return asyncio.run(claim_until_empty(url, worker, batch, start_at))


async def count_claimed(url: str) -> dict[str, Any]:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT status, count(*) FROM deliveries GROUP BY status"))
            return dict(rows.all())
    finally:
        await engine.dispose()


def run_case(url: str, rows: int, batch: int, workers: int) -> dict[str, float]:
    asyncio.run(prepare(url, rows))
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 2.0  # every worker process is up and connected by then
    with context.Pool(workers) as pool:
        results = pool.map(
            _worker, [(url, f"bench-{n}", batch, start_at) for n in range(workers)])
    claimed = asyncio.run(count_claimed(url))
    total = sum(r.rows for r in results)
    if total != rows or claimed != {"claimed": rows}:
        raise SystemExit(f"claims went wrong: {total} rows handed out of {rows}, {claimed}")
    elapsed = max(r.last for r in results) - min(r.first for r in results)
    latencies = [t for r in results for t in r.latencies]
    return {
        "rows_per_s": total / elapsed,
        "elapsed": elapsed,
        "claims": sum(r.claims for r in results),
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": statistics.quantiles(latencies, n=20)[-1] * 1000,
        "shares": [r.rows for r in results],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("postgres_url", nargs="?",
                        default=os.environ.get("VITALFEW_TEST_POSTGRES_URL"))
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 3])
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        backends = {"sqlite": f"sqlite:///{Path(tmp) / 'bench.db'}"}
        if args.postgres_url:
            backends["postgresql"] = args.postgres_url
        else:
            print("No PostgreSQL URL (argument or VITALFEW_TEST_POSTGRES_URL): SQLite only.")
        print(f"{args.rows} due rows, batches of {args.batch}, on {os.cpu_count()} CPUs\n")
        print(f"{'backend':<11}{'workers':>8}{'rows/s':>10}{'claims/s':>10}"
              f"{'median ms':>11}{'p95 ms':>8}  rows per worker")
        figures: dict[tuple[str, int], float] = {}
        try:
            for name, url in backends.items():
                for workers in args.workers:
                    if name == "sqlite":
                        for leftover in Path(tmp).glob("bench.db*"):
                            leftover.unlink()
                    r = run_case(url, args.rows, args.batch, workers)
                    figures[(name, workers)] = r["rows_per_s"]
                    print(f"{name:<11}{workers:>8}{r['rows_per_s']:>10.0f}"
                          f"{r['claims'] / r['elapsed']:>10.0f}{r['median_ms']:>11.1f}"
                          f"{r['p95_ms']:>8.1f}  {r['shares']}", flush=True)
        finally:
            if args.postgres_url:
                asyncio.run(drop_bench_schema(args.postgres_url))
    if "postgresql" in backends:
        print()
        for workers in args.workers:
            ratio = figures[("postgresql", workers)] / figures[("sqlite", workers)]
            print(f"{workers} worker(s): PostgreSQL / SQLite = {ratio:.2f}x")
        for name in backends:
            if len(args.workers) > 1:
                lo, hi = min(args.workers), max(args.workers)
                print(f"{name}: {hi} workers / {lo} = "
                      f"{figures[(name, hi)] / figures[(name, lo)]:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
