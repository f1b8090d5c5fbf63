"""Slash-command acknowledgement latency: ``process_before_response`` True vs False.

Serves the real Slack runtime over HTTP on 127.0.0.1 (port 0) against the fake Web API
of tests/slack, on a fresh SQLite file, and fires rounds of signed ``/touch`` commands,
one at a time (Bolt's own overhead shows) and 10 at once (the database's queue shows).
The latency is what Slack would see: request sent to HTTP response (which carries the
reply, since commands answer inside ack()).

Run: .venv/bin/python bench/slack_ack.py [rounds]   (not a test; prints the figures)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "slack")]

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402
from fake_slack import FakeSlack  # noqa: E402
from slack_sdk.signature import SignatureVerifier  # noqa: E402

from bot.clock import SystemClock  # noqa: E402
from bot.services import VitalFewService  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.wiring import App, slack_runtime  # noqa: E402
from storage import Storage  # noqa: E402

SECRET = "test-signing-secret"
CONCURRENCY = 10


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    return runner, f"http://{host}:{port}"


def signed(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    return {"X-Slack-Request-Timestamp": ts, "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(
                timestamp=ts, body=body)}


def command(user: int, n: int) -> str:
    from urllib.parse import urlencode
    return urlencode({"team_id": "T1", "user_id": f"U{user}", "command": "/touch",
                      "text": f"Person{n % 7} coffee", "channel_id": "C1",
                      "response_url": "http://127.0.0.1:9/", "trigger_id": "t"})


async def one(session: aiohttp.ClientSession, url: str, body: str) -> float:
    start = time.perf_counter()
    async with session.post(url, data=body.encode(), headers=signed(body)) as resp:
        await resp.read()
        assert resp.status == 200, resp.status
    return (time.perf_counter() - start) * 1000


async def measure(process_before_response: bool, rounds: int,
                  concurrency: int = CONCURRENCY) -> list[float]:
    fake = FakeSlack(users={f"U{i}": {"name": f"user{i}", "tz": "Europe/Berlin"}
                            for i in range(CONCURRENCY)})
    fake_runner, fake.base = await serve(fake.app())
    with tempfile.TemporaryDirectory() as tmp:
        store = Storage(f"sqlite:///{tmp}/bench.db")
        await store.migrate()
        settings = Settings(_env_file=None, database_url=store.url, slack_api_url=fake.api_url,
                            slack_bot_token="xoxb-test-token", slack_signing_secret=SECRET)
        clock = SystemClock()
        runtime = slack_runtime(App(settings, store, clock, VitalFewService(store.uow, clock)),
                                process_before_response=process_before_response)
        runner, base = await serve(runtime.web_app())
        url = f"{base}/slack/events"
        samples: list[float] = []
        async with aiohttp.ClientSession() as session:
            for r in range(rounds + 2):  # two warm-up rounds fill the users.info cache
                got = await asyncio.gather(*(one(session, url, command(u, r))
                                             for u in range(concurrency)))
                if r >= 2:
                    samples += got
        await runner.cleanup()
        await store.dispose()
    await fake_runner.cleanup()
    return samples


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def main(rounds: int) -> None:
    print(f"/touch over loopback HTTP, SQLite, {rounds} rounds after 2 warm-up rounds")
    print(f"{'concurrent':>10} {'process_before_response':>24} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'mean ms':>8}")
    for concurrency in (1, CONCURRENCY):
        for mode in (True, False, True, False):
            s = await measure(mode, rounds, concurrency)
            print(f"{concurrency:>10} {mode!s:>24} {pct(s, 50):8.1f} {pct(s, 99):8.1f} "
                  f"{max(s):8.1f} {statistics.fmean(s):8.1f}")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
