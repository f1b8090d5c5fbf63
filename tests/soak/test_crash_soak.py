"""Exactly-once delivery under kill -9: 1,000 due reminders, 30 SIGKILLs, against the peer baseline.

Run with ``make soak``. Each design gets the same seed, so the same kill timings.
Only the real engine is held to exactly-once; the APScheduler baselines are measured
and reported as they are (their numbers are the comparison, not a target).
"""

from __future__ import annotations

import os
import random

import pytest

from soak.harness.driver import DESIGNS, soak
from soak.report import publish

REMINDERS = 1000
KILLS = 30


@pytest.mark.soak
def test_kill_9_again_and_again_during_1000_due_reminders(
        tmp_path, capsys: pytest.CaptureFixture[str]):
    seed = int(os.environ.get("SOAK_SEED") or random.randrange(2**32))
    with capsys.disabled():
        print(f"\ncrash soak seed={seed}")
    results = [soak(make(), tmp_path / name, REMINDERS, KILLS, seed)
               for name, make in DESIGNS.items()]
    publish(results, tmp_path / "crash_soak.json", capsys)

    ours = results[0]
    assert ours.design == "engine"
    assert ours.kills_mid_burst > KILLS // 2, f"kills mostly missed the burst (seed={seed})"
    assert ours.lookup_hits > 0, f"no kill hit the send-to-mark window (seed={seed})"
    assert (ours.lost, ours.duplicated, ours.unexpected) == (0, 0, 0), f"seed={seed}"
    assert ours.final_states == {"sent": REMINDERS}, f"seed={seed}"
