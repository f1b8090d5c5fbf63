"""The platform's side of a delivery: an append-only, fsync'd log of message keys.

A line in the log is a message the owner has received. It is written with one
``os.write`` on an ``O_APPEND`` descriptor and fsync'd before the send returns, so a
``kill -9`` either lands before the platform accepted a message or after; never half a
line. Both designs in the harness send through here, which makes the log the common
ground truth for "lost" (a key never in it) and "duplicated" (a key in it twice).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path


def accept(log: Path, key: str) -> None:
    """Record that the platform took the message ``key``; durable before returning."""
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, f"{key}\n".encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def received(log: Path) -> Counter[str]:
    """How many times each key reached the owner."""
    if not log.exists():
        return Counter()
    return Counter(line for line in log.read_text().splitlines() if line)


def contains(log: Path, key: str) -> bool:
    """Whether ``key`` is in the log: the platform's history lookup after a crash."""
    return key in received(log)


def blocking_send(log: str, key: str, latency: float) -> None:
    """The baseline's job function: a send that takes ``latency`` seconds in all.

    Half the latency is the request travelling, half the response coming back, so a
    kill can land on either side of the moment the platform accepts the message.
    """
    time.sleep(latency / 2)
    accept(Path(log), key)
    time.sleep(latency / 2)
