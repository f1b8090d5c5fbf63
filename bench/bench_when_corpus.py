"""`make bench` entry for the WHEN corpus figures (bench/when_corpus.py does the work)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from when_corpus import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
