"""Run the crash soak from the command line and print each design's result as JSON.

    cd tests/soak && ../../.venv/bin/python -m harness --reminders 1000 --kills 30
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path

from .driver import DESIGNS, soak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=random.randrange(2**32))
    parser.add_argument("--designs", nargs="+", choices=sorted(DESIGNS), default=list(DESIGNS))
    parser.add_argument("--dir", type=Path, default=None, help="keep the files here")
    args = parser.parse_args()
    root = args.dir or Path(tempfile.mkdtemp(prefix="vitalfew-soak-"))
    print(f"seed={args.seed} dir={root}", flush=True)
    for name in args.designs:
        result = soak(DESIGNS[name](), root / name, args.reminders, args.kills, args.seed)
        print(json.dumps(result.as_dict()), flush=True)


if __name__ == "__main__":
    main()
