"""How long one command takes through the terminal adapter, after start-up.

Runs each of the README's commands 50 times in-process on a fresh SQLite file and prints
the median and worst time: the figure behind "one command answers in well under a second".

    .venv/bin/python bench/console_latency.py
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from adapters.console import ConsoleAdapter
from bot.settings import load_settings
from bot.wiring import bootstrap

LINES = ["/touch Ana coffee", '/touch "Sam Lee" call', "/followup Ana next friday send the intro",
         "/vitalfew", "/followup", "/vitalfew people"]


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = bootstrap(load_settings(database_url=f"sqlite:///{Path(folder) / 'v.db'}"))
        await app.storage.migrate()
        adapter = ConsoleAdapter(app.service, "me", export_dir=Path(folder))
        for line in LINES:
            await adapter.handle_line(line)
        worst = 0.0
        for line in LINES:
            times = []
            for _ in range(50):
                start = time.perf_counter()
                await adapter.handle_line(line)
                times.append((time.perf_counter() - start) * 1000)
            worst = max(worst, max(times))
            print(f"{line:45s} median {statistics.median(times):6.2f} ms   "
                  f"max {max(times):6.2f} ms")
        await app.close()
    print(f"worst single command: {worst:.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())
