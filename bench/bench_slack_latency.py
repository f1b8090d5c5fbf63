"""Command latency: ``/touch`` through the real Slack HTTP path, against a bare Bolt app.

What it measures: the time Slack would see, from sending a signed slash-command request
to reading the HTTP response (which carries the reply: commands answer inside ack()),
with 10 requests in flight at once, over loopback HTTP, for

* **touch**: the real app (``SlackRuntime`` served by ``adapters.slack.web``), storing the
  touch durably in a SQLite file before it replies, against the fake Slack Web API of
  tests/slack (users.info answers are cached after the warm-up rounds);
* **bare** (the baseline): a slack-bolt ``AsyncApp`` with one command listener that only
  acks, configured the same way (``process_before_response=True``, the same signing
  secret and request verification, served by the same ``build_web_app`` on an
  ``AppRunner``);
* **touch, one writer** (diagnostic, not the headline): the real app with its units of
  work queued on an ``asyncio.Lock`` in the process before they open a connection, the
  change proposed for storage/uow.py: SQLite has one writer, and ten units of work that
  each ``BEGIN IMMEDIATE`` on their own connection otherwise wait in SQLite's busy
  handler, which sleeps (1, 2, 5, 10, 15, 20, 25, 25, 50, 50, 100 ms…) instead of waking
  when the lock is free.

Rounds of the three are interleaved (touch, bare, one-writer, touch, …) so that they
share the machine's noise. Targets (issue 7): touch p50 within 1.5x and p99 within 3x
of bare.

Run: .venv/bin/python bench/bench_slack_latency.py [--rounds N] [--concurrency C]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(Path(__file__).resolve().parent), str(ROOT / "tests" / "slack")]

import aiohttp  # noqa: E402
from _common import verdict  # noqa: E402
from aiohttp import web  # noqa: E402
from fake_slack import FakeSlack  # noqa: E402
from slack_bolt.app.async_app import AsyncApp  # noqa: E402
from slack_sdk.signature import SignatureVerifier  # noqa: E402

from adapters.slack import SlackRuntime  # noqa: E402
from adapters.slack.clients import web_client  # noqa: E402
from adapters.slack.web import EVENTS_PATH, build_web_app  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.services import VitalFewService  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.wiring import App  # noqa: E402
from storage import Storage  # noqa: E402

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
USERS = 50
WARMUP_ROUNDS = 3
TARGET_P50 = 1.5
TARGET_P99 = 3.0
FRIENDS = ("Ana", "Ben", "Chloé", "Dev", "Eli", "Fay", "Gus")


# --- the three servers ----------------------------------------------------------------


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    return runner, f"http://{host}:{port}{EVENTS_PATH}"


def settings(fake: FakeSlack, url: str) -> Settings:
    return Settings(_env_file=None, database_url=url, slack_api_url=fake.api_url,
                    slack_bot_token=TOKEN, slack_signing_secret=SECRET)


def bare_app(fake: FakeSlack) -> web.Application:
    """A Bolt app that acks every command and does nothing else, served like ours."""
    bolt = AsyncApp(name="bare", logger=logging.getLogger("bench.bare"), signing_secret=SECRET,
                    process_before_response=True, request_verification_enabled=True,
                    client=web_client(fake.api_url, TOKEN))

    @bolt.command(re.compile(r"^/(touch|followup|vitalfew)$"))
    async def command(ack: Any) -> None:
        await ack()

    async def ping() -> bool:
        return True

    return build_web_app(bolt, ping)


class OneWriter:
    """A unit-of-work factory whose units of work wait their turn on an asyncio.Lock
    before connecting: the in-process writer queue proposed for storage/uow.py."""

    def __init__(self, uow: Callable[[], Any]) -> None:
        self._uow = uow
        self._lock = asyncio.Lock()

    def __call__(self) -> AbstractAsyncContextManager[Any]:
        return _Queued(self._uow(), self._lock)


class _Queued:
    def __init__(self, inner: Any, lock: asyncio.Lock) -> None:
        self._inner = inner
        self._lock = lock

    async def __aenter__(self) -> Any:
        await self._lock.acquire()
        try:
            return await self._inner.__aenter__()
        except BaseException:
            self._lock.release()
            raise

    async def __aexit__(self, et: type[BaseException] | None, e: BaseException | None,
                        tb: TracebackType | None) -> None:
        try:
            await self._inner.__aexit__(et, e, tb)
        finally:
            self._lock.release()


def real_app(fake: FakeSlack, store: Storage, one_writer: bool = False) -> web.Application:
    clock = SystemClock()
    uow = OneWriter(store.uow) if one_writer else store.uow
    app = App(settings(fake, store.url), store, clock, VitalFewService(uow, clock))
    return SlackRuntime(app, process_before_response=True).web_app()


# --- the client ---------------------------------------------------------------------


def signed(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    return {"X-Slack-Request-Timestamp": ts,
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(
                timestamp=ts, body=body)}


def touch_body(user: int, n: int, response_url: str) -> str:
    return urlencode({
        "token": "legacy", "team_id": "T1", "team_domain": "acme", "channel_id": "C1",
        "channel_name": "general", "user_id": f"U{user:04d}", "user_name": f"u{user}",
        "command": "/touch", "text": f"{FRIENDS[n % len(FRIENDS)]} coffee",
        "api_app_id": "A1", "trigger_id": "trig", "response_url": response_url})


async def one(session: aiohttp.ClientSession, url: str, body: str) -> float:
    """Milliseconds from sending the request to having read the whole response."""
    headers = signed(body)
    started = time.perf_counter()
    async with session.post(url, data=body.encode(), headers=headers) as resp:
        text = await resp.text()
    elapsed = (time.perf_counter() - started) * 1000
    if resp.status != 200:
        raise RuntimeError(f"HTTP {resp.status}: {text[:200]}")
    return elapsed


async def round_of(session: aiohttp.ClientSession, url: str, concurrency: int, r: int,
                   response_url: str) -> list[float]:
    bodies = [touch_body((r * concurrency + i) % USERS, r + i, response_url)
              for i in range(concurrency)]
    return list(await asyncio.gather(*(one(session, url, b) for b in bodies)))


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def measure(rounds: int, concurrency: int) -> dict[str, list[float]]:
    fake = FakeSlack(users={f"U{i:04d}": {"name": f"user{i}", "tz": "Europe/Berlin"}
                            for i in range(USERS)})
    fake_runner, fake.base = await serve(fake.app())
    fake.base = fake.base.removesuffix(EVENTS_PATH)
    runners = [fake_runner]
    with tempfile.TemporaryDirectory() as tmp:
        stores = [Storage(f"sqlite:///{tmp}/touch.db"), Storage(f"sqlite:///{tmp}/one.db")]
        for store in stores:
            await store.migrate()
        urls = {}
        for name, app in (("touch", real_app(fake, stores[0])), ("bare", bare_app(fake)),
                          ("touch, one writer", real_app(fake, stores[1], one_writer=True))):
            runner, urls[name] = await serve(app)
            runners.append(runner)
        samples: dict[str, list[float]] = {name: [] for name in urls}
        connector = aiohttp.TCPConnector(limit=concurrency * 2)
        async with aiohttp.ClientSession(connector=connector) as session:
            for r in range(WARMUP_ROUNDS + rounds):
                for name, url in urls.items():
                    got = await round_of(session, url, concurrency, r, f"{fake.base}/respond/x")
                    if r >= WARMUP_ROUNDS:
                        samples[name] += got
        for runner in reversed(runners):
            await runner.cleanup()
        for store in stores:
            await store.dispose()
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args(argv)
    logging.getLogger("vitalfew").setLevel(logging.WARNING)
    samples = asyncio.run(measure(args.rounds, args.concurrency))
    print(f"/touch over loopback HTTP, {args.concurrency} at a time, {args.rounds} rounds "
          f"each (after {WARMUP_ROUNDS} warm-up), interleaved")
    print(f"{'app':>20} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'mean ms':>8}")
    for name, s in samples.items():
        print(f"{name:>20} {pct(s, 50):8.1f} {pct(s, 99):8.1f} {max(s):8.1f} "
              f"{statistics.fmean(s):8.1f}")
    bare, touch = samples["bare"], samples["touch"]
    r50, r99 = pct(touch, 50) / pct(bare, 50), pct(touch, 99) / pct(bare, 99)
    one = samples["touch, one writer"]
    print(f"one writer (diagnostic): p50 {pct(one, 50) / pct(bare, 50):.2f}x, "
          f"p99 {pct(one, 99) / pct(bare, 99):.2f}x of bare")
    return verdict(r50 <= TARGET_P50 and r99 <= TARGET_P99,
                   f"/touch p50 {r50:.2f}x bare (target <= {TARGET_P50}x), p99 {r99:.2f}x "
                   f"(target <= {TARGET_P99}x); {pct(touch, 50):.1f}/{pct(touch, 99):.1f} ms "
                   f"vs {pct(bare, 50):.1f}/{pct(bare, 99):.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
