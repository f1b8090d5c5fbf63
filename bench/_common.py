"""Helpers shared by the ``bench_*.py`` scripts (run by ``make bench``).

Every script measures a baseline in the same run (the machine is shared and noisy, so a
figure means something only as a ratio to a baseline measured next to it), prints its
figures, and ends with one line that starts with PASS or FAIL and carries the headline
figure; its exit status is non-zero on FAIL.
"""

from __future__ import annotations

import multiprocessing
import resource
import statistics
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

T = TypeVar("T")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_fresh_process(fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn(*args)`` in a new interpreter (spawned, not forked), so that its peak
    memory and its imports start clean and owe nothing to what ran before."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(fn, *args).result()


def verdict(ok: bool, figure: str) -> int:
    """Print the last line (``PASS: …`` or ``FAIL: …``) and return the exit status."""
    print(f"{'PASS' if ok else 'FAIL'}: {figure}", flush=True)
    return 0 if ok else 1
