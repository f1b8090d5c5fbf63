"""Sustained load: ``/touch`` over HTTP for 60 seconds, against a bare Bolt app.

What it measures: the real Slack app (``SlackRuntime`` served by ``adapters.slack.web`` on
127.0.0.1, port 0, a SQLite file in a temporary directory, the fake Slack Web API of
tests/slack behind it) taking signed ``/touch`` commands as fast as a load generator can
send them with ``--concurrency`` requests in flight, for ``--seconds`` seconds: achieved
rate, p99 latency, and database-busy errors (any log record of the server that says
"database is locked" or busy) and failures (a non-200 answer or a dropped request).
Targets (issue 7): at least 1,000 per
second, p99 under 50 ms, no busy error.

The load generator runs in its own process (aiohttp client, bounded concurrency, a
bounded number of requests and a deadline, loopback only), so its CPU is not the
server's event loop's. Baseline in the same run: the same load for the same time against
a bare slack-bolt ``AsyncApp`` that only acks (``process_before_response=True``, same
signing, same ``build_web_app``), the ceiling Bolt and aiohttp set on this machine; the
headline ratio is our rate over the bare app's.

Run: .venv/bin/python bench/bench_slack_load.py [--seconds 60] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import aiohttp
from _common import verdict
from bench_slack_latency import (
    USERS,
    bare_app,
    pct,
    real_app,
    serve,
    signed,
    touch_body,
)
from fake_slack import FakeSlack

from storage import Storage

TARGET_RATE = 1_000
TARGET_P99_MS = 50.0
MAX_REQUESTS = 500_000


# --- the load generator (its own process) ---------------------------------------------


def generate(url: str, seconds: float, concurrency: int, response_url: str,
             out: multiprocessing.connection.Connection) -> None:
    """Send ``/touch`` to ``url`` with ``concurrency`` in flight until ``seconds`` pass or
    MAX_REQUESTS are sent; send back (latencies in ms, failures, first failure text)."""

    async def run() -> tuple[list[float], int, str]:
        latencies: list[float] = []
        failures = 0
        first_failure = ""
        deadline = time.perf_counter() + seconds
        counter = iter(range(MAX_REQUESTS))
        # Signing costs the generator ~50 µs a request: sign each second's bodies once.
        bodies = [touch_body(i % USERS, i, response_url) for i in range(USERS * 7)]

        async def worker(session: aiohttp.ClientSession) -> None:
            nonlocal failures, first_failure
            for n in counter:
                if time.perf_counter() > deadline:
                    return
                body = bodies[n % len(bodies)]
                started = time.perf_counter()
                try:
                    async with session.post(url, data=body.encode(),
                                            headers=signed(body)) as resp:
                        text = await resp.text()
                        ok = resp.status == 200
                except aiohttp.ClientError as err:
                    ok, text = False, repr(err)
                latencies.append((time.perf_counter() - started) * 1000)
                if not ok:
                    failures += 1
                    first_failure = first_failure or text[:300]

        connector = aiohttp.TCPConnector(limit=concurrency)
        async with aiohttp.ClientSession(connector=connector) as session:
            await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        return latencies, failures, first_failure

    out.send(asyncio.run(run()))


class BusyLog(logging.Handler):
    """Counts log records that mention a locked or busy database."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage() + (str(record.exc_info[1]) if record.exc_info else "")
        if "locked" in text or "busy" in text.lower():
            self.count += 1


async def under_load(name: str, seconds: float, concurrency: int) -> dict:
    """Serve one app, run the generator process against it, return its figures."""
    fake = FakeSlack(users={f"U{i:04d}": {"name": f"user{i}", "tz": "Europe/Berlin"}
                            for i in range(USERS)})
    fake_runner, fake_url = await serve(fake.app())
    fake.base = fake_url.rsplit("/slack/", 1)[0]
    busy = BusyLog()
    logging.getLogger().addHandler(busy)
    with tempfile.TemporaryDirectory() as tmp:
        store = Storage(f"sqlite:///{tmp}/load.db")
        await store.migrate()
        app = real_app(fake, store) if name == "touch" else bare_app(fake)
        runner, url = await serve(app)
        ctx = multiprocessing.get_context("spawn")
        receive, send = ctx.Pipe(duplex=False)
        process = ctx.Process(target=generate, daemon=True,
                              args=(url, seconds, concurrency, f"{fake.base}/respond/x", send))
        process.start()
        latencies, failures, first = await asyncio.to_thread(receive.recv)
        await asyncio.to_thread(process.join, 10)
        stored = 0
        if name == "touch":
            async with store.engine.connect() as conn:
                from sqlalchemy import text
                stored = await conn.scalar(text("SELECT count(*) FROM touches"))
        await runner.cleanup()
        await store.dispose()
    await fake_runner.cleanup()
    logging.getLogger().removeHandler(busy)
    return {"n": len(latencies), "rate": len(latencies) / seconds, "failures": failures,
            "first_failure": first, "busy": busy.count, "stored": stored,
            "p50": pct(latencies, 50) if latencies else 0.0,
            "p99": pct(latencies, 99) if latencies else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args(argv)
    logging.getLogger("vitalfew").setLevel(logging.WARNING)
    results = {}
    for name in ("bare", "touch"):
        results[name] = r = asyncio.run(under_load(name, args.seconds, args.concurrency))
        print(f"{name:>6}: {r['n']:,} requests in {args.seconds:.0f} s = {r['rate']:,.0f}/s, "
              f"p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, {r['failures']} failed, "
              f"{r['busy']} busy-database log lines"
              + (f", {r['stored']:,} touches stored" if name == "touch" else ""))
        if r["first_failure"]:
            print(f"        first failure: {r['first_failure']}")
    touch, bare = results["touch"], results["bare"]
    ratio = touch["rate"] / bare["rate"]
    ok = (touch["rate"] >= TARGET_RATE and touch["p99"] < TARGET_P99_MS
          and touch["failures"] == 0 and touch["busy"] == 0)
    return verdict(ok, f"/touch {touch['rate']:,.0f}/s (target >= {TARGET_RATE:,}; "
                       f"{ratio:.2f}x the bare app's {bare['rate']:,.0f}/s), p99 "
                       f"{touch['p99']:.1f} ms (target < {TARGET_P99_MS:.0f}), "
                       f"{touch['failures']} failed, {touch['busy']} busy errors")


if __name__ == "__main__":
    sys.exit(main())
