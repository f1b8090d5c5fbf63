"""OAuth state flood: install-page visits cannot grow the state table nor slow commands.

``/slack/install`` needs no login and issues a one-time state per visit. What it
measures, on the real app in OAuth mode (SQLite file, fake Slack Web API, loopback HTTP):

* **quiet** (the baseline): ``/touch`` latency, one command at a time, nothing else running;
* **flood**: the same ``/touch`` commands while install-page visits arrive, ``--rate``
  a second for ``--seconds``, and once more **after** the flood, with the states it left;
  visits beyond ``adapters.slack.web.INSTALL_RATE`` a second are answered 429 at once;
* the number of state rows left: at most ``storage.slack_states.MAX_STATES``.

Targets: rows after the flood <= MAX_STATES; ``/touch`` p50 after the flood within 1.5x of
quiet (the rows left behind cost nothing); p50 during the flood within 2.5x of quiet.

Run: .venv/bin/python bench/bench_oauth_flood.py [--seconds S] [--touches N] [--rate R]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(Path(__file__).resolve().parent), str(ROOT / "tests" / "slack")]

import aiohttp  # noqa: E402
from _common import verdict  # noqa: E402
from bench_slack_latency import SECRET, one, serve, touch_body  # noqa: E402
from fake_slack import FakeSlack  # noqa: E402
from slack_sdk.oauth.installation_store import Installation  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from adapters.slack.web import EVENTS_PATH  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.services import VitalFewService  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.wiring import App, slack_runtime  # noqa: E402
from storage import Storage  # noqa: E402
from storage.slack_installations import oauth_states  # noqa: E402
from storage.slack_states import MAX_STATES  # noqa: E402

TARGET_AFTER = 1.5
TARGET_DURING = 2.5


async def touches(session: aiohttp.ClientSession, url: str, count: int, start: int,
                  response_url: str) -> list[float]:
    return [await one(session, url, touch_body((start + n) % 50, n, response_url))
            for n in range(count)]


async def visits(session: aiohttp.ClientSession, url: str, seconds: float,
                 rate: float) -> Counter[int]:
    """Install-page visits arriving at ``rate`` a second for ``seconds`` (an open loop,
    as a flood arrives: each visit is sent on time, answered or not); how many got each
    HTTP status."""
    statuses: Counter[int] = Counter()

    async def visit() -> None:
        async with session.get(url) as resp:
            await resp.read()
            statuses[resp.status] += 1

    started = time.perf_counter()
    sent: list[asyncio.Task[None]] = []
    for n in range(round(seconds * rate)):
        await asyncio.sleep(max(0.0, started + n / rate - time.perf_counter()))
        sent.append(asyncio.ensure_future(visit()))
    await asyncio.gather(*sent)
    return statuses


async def measure(seconds: float, n_touches: int, rate: float) -> dict[str, object]:
    fake = FakeSlack(users={f"U{i:04d}": {"name": f"user{i}", "tz": "Europe/Berlin"}
                            for i in range(50)})
    fake_runner, fake.base = await serve(fake.app())
    fake.base = fake.base.removesuffix(EVENTS_PATH)
    with tempfile.TemporaryDirectory() as tmp:
        store = Storage(f"sqlite:///{tmp}/flood.db")
        await store.migrate()
        settings = Settings(_env_file=None, database_url=store.url,
                            slack_api_url=fake.api_url, slack_signing_secret=SECRET,
                            slack_client_id="111.222", slack_client_secret="bench-secret")
        clock = SystemClock()
        runtime = slack_runtime(App(settings, store, clock, VitalFewService(store.uow, clock)),
                                process_before_response=True)
        assert runtime.oauth is not None
        await runtime.oauth.installations.async_save(Installation(
            app_id="A1", enterprise_id=None, team_id="T1", bot_token="xoxb-bench-t1",
            bot_id="BT1", bot_user_id="UBOT", user_id="U0000",
            installed_at=datetime(2026, 11, 1, tzinfo=UTC).timestamp()))
        runner, events = await serve(runtime.web_app())
        install = events.removesuffix(EVENTS_PATH) + "/slack/install"
        respond = f"{fake.base}/respond/x"
        result: dict[str, object] = {}
        async with aiohttp.ClientSession() as session:
            # Warm-up: the very commands measured below, so every owner and person exists.
            await touches(session, events, n_touches, 0, respond)
            result["quiet"] = await touches(session, events, n_touches, 0, respond)
            flood_task = asyncio.ensure_future(visits(session, install, seconds, rate))
            during: list[float] = []
            while not flood_task.done():
                during += await touches(session, events, 1, len(during), respond)
            result["statuses"] = await flood_task
            result["during"] = during
            result["after"] = await touches(session, events, n_touches, 0, respond)
        async with store.engine.connect() as connection:
            result["rows"] = await connection.scalar(
                select(func.count()).select_from(oauth_states))
        await runner.cleanup()
        await fake_runner.cleanup()
        await store.dispose()
    return result


def p50(samples: object) -> float:
    assert isinstance(samples, list)
    return statistics.median(samples) if samples else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--touches", type=int, default=200)
    parser.add_argument("--rate", type=float, default=300.0)
    args = parser.parse_args(argv)
    logging.getLogger("vitalfew").setLevel(logging.WARNING)
    r = asyncio.run(measure(args.seconds, args.touches, args.rate))
    quiet, during, after = p50(r["quiet"]), p50(r["during"]), p50(r["after"])
    statuses = r["statuses"]
    assert isinstance(statuses, Counter)
    visits_made = sum(statuses.values())
    print(f"{visits_made} install visits in {args.seconds:g} s, {args.rate:g} a second "
          f"(HTTP statuses {dict(statuses)}); /touch one at a time")
    print(f"  /touch p50: quiet {quiet:.1f} ms, during the flood {during:.1f} ms "
          f"({len(r['during'])} commands), after it {after:.1f} ms")  # type: ignore[arg-type]
    rows = r["rows"]
    print(f"  state rows left: {rows} (at most {MAX_STATES})")
    ok = (isinstance(rows, int) and rows <= MAX_STATES and after <= TARGET_AFTER * quiet
          and during <= TARGET_DURING * quiet)
    return verdict(ok, f"{rows} state rows after {visits_made} visits (<= {MAX_STATES}); "
                       f"/touch p50 after {after / quiet:.2f}x quiet (target <= "
                       f"{TARGET_AFTER}x), during {during / quiet:.2f}x (target <= "
                       f"{TARGET_DURING}x)")


if __name__ == "__main__":
    sys.exit(main())
