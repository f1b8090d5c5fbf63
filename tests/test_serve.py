"""``vitalfew run`` once started: what start-up built is out of the cycle collector's way."""

from __future__ import annotations

import gc
from pathlib import Path

from bot.settings import Settings
from bot.wiring import bootstrap, open_database, serve


class LookingRuntime:
    """A platform that only notes how many objects were frozen when it began to serve."""

    platform = "test"
    notifier = None

    def __init__(self) -> None:
        self.frozen: list[int] = []

    async def run(self) -> None:
        self.frozen.append(gc.get_freeze_count())


async def test_serving_freezes_what_start_up_built(tmp_path: Path) -> None:
    """A full collection walked every object start-up made (some 100,000: modules, the
    app, their caches), a 30 ms stall for every request in flight; frozen, they are
    never walked again."""
    app = bootstrap(Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'vf.db'}"))
    await open_database(app)
    runtime = LookingRuntime()
    try:
        await serve(app, [runtime])  # type: ignore[list-item]
    finally:
        gc.unfreeze()
    assert runtime.frozen and runtime.frozen[0] > 10_000
