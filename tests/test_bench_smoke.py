"""The benchmark scripts still run (tiny sizes, no timing asserted): `make test` catches
a bench broken by a change elsewhere before `make bench` does."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        yield lambda name: importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCH))


def test_startup_bench_times_a_process(bench, tmp_path: Path) -> None:
    startup = bench("bench_startup")
    env = startup.clean_env(f"sqlite:///{tmp_path / 'x.db'}")
    assert "SLACK_BOT_TOKEN" not in env
    assert startup.timed([sys.executable, "-c", "pass"], str(tmp_path), env) > 0


def test_fanout_bench_builds_and_checks_digests(bench, tmp_path: Path) -> None:
    fanout = bench("bench_digest_fanout")
    path = tmp_path / "fanout.db"
    fanout.build_database(str(path), 4, 8, 2)
    url = f"sqlite:///{path}"
    assert fanout.check_against_unit_of_work(url, 4) > 0  # raises if digests differ
    assert fanout.full_scan(url)[1] == 4 * 8 * 2
    seconds, digests, _growth = fanout.fan_out(url)
    assert digests == 4 and seconds > 0
    assert fanout.through_engine(str(path), 3, True) > 0  # raises unless all 3 were sent
    assert fanout.through_engine(str(path), 3, False) > 0


def test_throughput_bench_runs_every_way(bench, capsys: pytest.CaptureFixture[str]) -> None:
    throughput = bench("bench_service_throughput")
    status = throughput.main(["--seconds", "0.1", "--owners", "2", "--callers", "4"])
    out = capsys.readouterr().out
    assert status in (0, 1)
    assert "4 callers at once" in out and "every touch stored" in out
    assert out.strip().splitlines()[-1].startswith(("PASS", "FAIL"))


def test_slack_latency_bench_runs(bench) -> None:
    assert bench("bench_slack_latency").main(["--rounds", "2", "--concurrency", "2"]) in (0, 1)


def test_slack_load_bench_runs(bench) -> None:
    assert bench("bench_slack_load").main(["--seconds", "0.5", "--concurrency", "2"]) in (0, 1)


def test_delivery_pacing_bench_runs(bench) -> None:
    pacing = bench("bench_delivery_pacing")
    assert pacing.main(["--deliveries", "20", "--budget", "50", "--control", "10",
                        "--engine-deliveries", "5", "--engine-budget", "50"]) in (0, 1)


def test_oauth_flood_bench_runs(bench) -> None:
    flood = bench("bench_oauth_flood")
    assert flood.main(["--seconds", "0.2", "--touches", "3", "--rate", "50"]) in (0, 1)


def test_long_input_bench_runs(bench, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench("bench_long_input").main(["--sizes", "100,5000"]) in (0, 1)
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith(("PASS", "FAIL"))


def test_fairness_bench_runs(bench) -> None:
    assert bench("bench_fairness").main(["--rows", "20"]) in (0, 1)
