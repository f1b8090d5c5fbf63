"""A quick kill -9 run of the real delivery path, part of ``make test``.

50 reminders, three SIGKILLs mid-burst, a restart on the same database each time:
every reminder reaches the owner exactly once. ``test_crash_soak`` is the long version.
"""

from __future__ import annotations

import os
import random

import pytest

from soak.harness.driver import engine_design, soak
from soak.report import publish


def test_three_kill_9s_during_50_due_reminders_deliver_each_exactly_once(
        tmp_path, capsys: pytest.CaptureFixture[str]):
    seed = int(os.environ.get("SOAK_SEED") or random.randrange(2**32))
    # Slow sends (30 ms) and early kills (30-120 ms after start) keep the kills inside
    # the burst on a fast machine too; otherwise the test would prove nothing.
    result = soak(engine_design(latency=0.03), tmp_path / "engine", reminders=50, kills=3,
                  seed=seed, window=(0.03, 0.12), final_timeout=60)
    publish([result], tmp_path / "crash_smoke.json", capsys)

    assert result.kills_mid_burst >= 1, f"no kill landed mid-burst (seed={seed})"
    assert (result.lost, result.duplicated, result.unexpected) == (0, 0, 0), f"seed={seed}"
    assert result.final_states == {"sent": 50}, f"seed={seed}"
