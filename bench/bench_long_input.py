"""Long input through every entry point: CPU per command and memory growth, up to 1 MB.

Issue "Hardening", item 1: parsing was quadratic (an 8,000-character /touch stalled the
event loop 0.8 s, 40,000 characters 20 s) and one 24,000-character command grew the
process by 240 MB. Now a command over 4,000 characters is refused by its length before
any parse or transaction, and what is parsed is parsed in linear time.

Each input is sent through the terminal adapter, the Slack path (``typed_text`` and the
service, what the command handler does) and the Discord path (the option check and the
builder, then the service), on SQLite, to an owner who already has 200 people. The CPU
time of each command is measured with ``time.process_time``; memory is the growth of
the peak resident set over the whole run.

Target (absolute, as the issue states it): every input answered in < 50 ms of CPU, and
the process grows by < 30 MB over the run. Baseline printed beside it, same run: a plain
``/touch Ana coffee``.

    .venv/bin/python bench/bench_long_input.py [--sizes 1000,4000,100000,1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from functools import partial
from pathlib import Path

from _common import peak_rss_mb, verdict

from adapters.console import ConsoleAdapter
from adapters.discord import options
from adapters.discord.commands import too_long_option
from adapters.slack.deps import typed_text
from bot.domain import Owner
from bot.grammar import GrammarError
from bot.services import Request, VitalFewService
from bot.settings import load_settings
from bot.wiring import bootstrap

TARGET_MS = 50.0
TARGET_GROWTH_MB = 30.0
SIZES = (1_000, 3_999, 4_001, 40_000, 1_000_000)
PEOPLE = 200


def shapes(size: int) -> Iterator[tuple[str, str, str]]:
    """(name, command, text) of about ``size`` characters, in the shapes that were slow."""
    yield "words", "touch", ("ab " * size)[:size]
    yield "spaces", "touch", "a" + " " * (size - 2) + "b"
    yield "dashes", "touch", ("Sam - " * size)[:size]
    yield "known name", "touch", ("Friend 1 " * size)[:size]
    yield "mention", "touch", ("@Friend " * size)[:size]
    yield "followup", "followup", ("Ana tomorrow " + "x " * size)[:size]
    yield "cadence", "vitalfew", ("every " + "a " * size)[: size - 3] + " 2w"
    yield "zone", "vitalfew", "tz " + " " * (size - 16) + "Europe/Berlin"


def discord_build(command: str, text: str) -> Callable[[], object]:
    """The option builder a Discord user filling the options with ``text`` would call."""
    if command == "vitalfew" and text.startswith("every"):
        return partial(options.cadence, text.removeprefix("every ")[-3:], text[6:-3], None)
    if command == "vitalfew":
        return partial(options.time_zone, text.removeprefix("tz "))
    if command == "followup":
        return partial(options.add_followup, "Ana", None, "tomorrow", text)
    return partial(options.touch, "Ana", None, text)


async def through_discord(service: VitalFewService, owner: Owner, command: str,
                          text: str) -> None:
    build = discord_build(command, text)
    if too_long_option(build):
        return
    try:
        typed = build()
    except (GrammarError, ValueError):
        return
    await service.handle(Request(owner, typed))  # type: ignore[arg-type]


async def through_slack(service: VitalFewService, owner: Owner, command: str,
                        text: str) -> None:
    """What the slash-command handler does with the text (the HTTP and Bolt layers left
    out: they are Bolt's, and Slack itself caps a command's text)."""
    await service.handle(Request(owner, command, typed_text(text)))


async def cpu_ms(work: Awaitable[object]) -> float:
    start = time.process_time()
    await work
    return (time.process_time() - start) * 1000


async def run(sizes: tuple[int, ...]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        app = bootstrap(load_settings(database_url=f"sqlite:///{Path(folder) / 'v.db'}"))
        await app.storage.migrate()
        console = ConsoleAdapter(app.service, "me", export_dir=Path(folder))
        for n in range(PEOPLE):
            await console.handle_line(f'/touch "Friend {n}" hi')
        slack, discord = Owner("slack", "T1", "U1"), Owner("discord", "", "42")
        base = [await cpu_ms(console.handle_line("/touch Ana coffee")) for _ in range(20)]
        print(f"baseline /touch Ana coffee: median {sorted(base)[10]:.2f} ms CPU")
        gc.collect()
        rss_before = peak_rss_mb()
        worst = 0.0
        for size in sizes:
            row = []
            for name, command, text in shapes(size):
                paths = {
                    "terminal": console.handle_line(f"/{command} {text}"),
                    "slack": through_slack(app.service, slack, command, text),
                    "discord": through_discord(app.service, discord, command, text),
                }
                for path, work in paths.items():
                    ms = await cpu_ms(work)
                    worst = max(worst, ms)
                    row.append(f"{name}/{path} {ms:.1f}")
            print(f"{size:>9,} chars: worst {max(float(r.rsplit(' ', 1)[1]) for r in row):6.2f}"
                  f" ms CPU  ({', '.join(row[:3])}, …)")
        growth = peak_rss_mb() - rss_before
        await app.close()
    print(f"peak memory growth over the run: {growth:.1f} MB")
    return verdict(worst < TARGET_MS and growth < TARGET_GROWTH_MB,
                   f"worst input {worst:.1f} ms CPU (target < {TARGET_MS:.0f} ms), "
                   f"memory +{growth:.1f} MB (target < {TARGET_GROWTH_MB:.0f} MB), inputs up "
                   f"to {max(sizes):,} characters through the terminal, Slack and Discord")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    args = parser.parse_args(argv)
    return asyncio.run(run(tuple(int(s) for s in args.sizes.split(","))))


if __name__ == "__main__":
    raise SystemExit(main())
