"""Text helpers shared by the grammar and the services: name keys and limits."""

from __future__ import annotations

import unicodedata

MAX_NAME = 200
MAX_NOTE = 2000


def name_key(name: str) -> str:
    """Case- and accent-insensitive form of a name, for matching ("José" == "jose").

    Decomposed both before and after casefolding, since each can expose work for the
    other; only combining marks are dropped, so emoji, Arabic or CJK pass through.
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", " ".join(stripped.split()))


def clean(text: str) -> str:
    """Drop control characters (keep newlines and format marks like ZWJ) and trim."""
    kept = (c for c in text if c == "\n" or unicodedata.category(c) != "Cc")
    return "".join(kept).strip()


def plural(n: int | float, word: str) -> str:
    n = int(n)
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
