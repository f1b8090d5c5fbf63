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
* **in the core** (diagnostic): the part of each /touch spent inside
  ``VitalFewService.handle`` (parse, group commit with the other /touch commands in
  flight, reply), so the rest of the gap to bare is Bolt, Block Kit rendering and HTTP.

Rounds of the two apps are interleaved (touch, bare, touch, …) so that they share the
machine's noise. Once both are up, start-up's objects are frozen out of the cycle
collector's way (``bot.wiring.settle_heap``), as ``vitalfew run`` does once serving.
Targets: touch p50 within 2.5x and p99 within 3x of bare.

Run: .venv/bin/python bench/bench_slack_latency.py [--rounds N] [--concurrency C]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
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

from adapters.slack.clients import web_client  # noqa: E402
from adapters.slack.web import EVENTS_PATH, build_web_app  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.services import VitalFewService  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.wiring import App, settle_heap, slack_runtime  # noqa: E402
from storage import Storage  # noqa: E402

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
USERS = 50
#: Rounds before measuring, at least: more when needed for every one of the USERS to
#: have sent a command (``warmup_rounds``).
WARMUP_ROUNDS = 3
TARGET_P50 = 2.5
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


def real_app(fake: FakeSlack, store: Storage,
             core_ms: list[float] | None = None) -> web.Application:
    """The real app; with ``core_ms``, the time each command spent in the core (parse,
    group commit, reply) is recorded there, to show what the rest of the path costs."""
    clock = SystemClock()
    service = VitalFewService(store.uow, clock)
    if core_ms is not None:
        handle = service.handle

        async def timed(request: Any) -> Any:
            started = time.perf_counter()
            try:
                return await handle(request)
            finally:
                core_ms.append((time.perf_counter() - started) * 1000)

        service.handle = timed  # type: ignore[method-assign]
    app = App(settings(fake, store.url), store, clock, service)
    return slack_runtime(app, process_before_response=True).web_app()


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


def warmup_rounds(concurrency: int) -> int:
    """A user's first command pays a users.info call and the owner's first-use set-up,
    which a steady-state latency leaves out: warm up until every user has sent one."""
    return max(WARMUP_ROUNDS, -(-USERS // concurrency))


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
        stores = [Storage(f"sqlite:///{tmp}/touch.db")]
        for store in stores:
            await store.migrate()
        urls = {}
        core_ms: list[float] = []
        for name, app in (("touch", real_app(fake, stores[0], core_ms)), ("bare", bare_app(fake))):
            runner, urls[name] = await serve(app)
            runners.append(runner)
        samples: dict[str, list[float]] = {name: [] for name in urls}
        samples["in the core"] = core_ms
        connector = aiohttp.TCPConnector(limit=concurrency * 2)
        settle_heap()  # as `vitalfew run` does once started (bot.wiring.serve)
        try:
            async with aiohttp.ClientSession(connector=connector) as session:
                warmup = warmup_rounds(concurrency)
                for r in range(warmup + rounds):
                    for name, url in urls.items():
                        got = await round_of(session, url, concurrency, r,
                                             f"{fake.base}/respond/x")
                        if r >= warmup:
                            samples[name] += got
                        elif name == "touch":
                            core_ms.clear()
        finally:
            gc.unfreeze()  # a process that goes on (the tests' smoke run) collects as before
        for runner in reversed(runners):
            await runner.cleanup()
        for store in stores:
            await store.dispose()
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=150)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args(argv)
    logging.getLogger("vitalfew").setLevel(logging.WARNING)
    samples = asyncio.run(measure(args.rounds, args.concurrency))
    print(f"/touch over loopback HTTP, {args.concurrency} at a time, {args.rounds} rounds "
          f"each (after {warmup_rounds(args.concurrency)} warm-up), interleaved")
    print(f"{'app':>20} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'mean ms':>8}")
    for name, s in samples.items():
        print(f"{name:>20} {pct(s, 50):8.1f} {pct(s, 99):8.1f} {max(s):8.1f} "
              f"{statistics.fmean(s):8.1f}")
    bare, touch = samples["bare"], samples["touch"]
    r50, r99 = pct(touch, 50) / pct(bare, 50), pct(touch, 99) / pct(bare, 99)
    print("(in the core: the /touch requests' time inside VitalFewService.handle, waiting "
          "for their group commit included; the rest is Bolt, Block Kit and HTTP)")
    return verdict(r50 <= TARGET_P50 and r99 <= TARGET_P99,
                   f"/touch p50 {r50:.2f}x bare (target <= {TARGET_P50}x), p99 {r99:.2f}x "
                   f"(target <= {TARGET_P99}x); {pct(touch, 50):.1f}/{pct(touch, 99):.1f} ms "
                   f"vs {pct(bare, 50):.1f}/{pct(bare, 99):.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
