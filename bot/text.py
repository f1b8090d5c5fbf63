"""Text helpers shared by the grammar and the services: name keys and limits."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

MAX_NAME = 200
MAX_NOTE = 2000
#: The longest command text read at all (a name, a WHEN and a whole note fit well within
#: it). Longer input is refused before anything parses it: parsing is linear, but a
#: megabyte of text should cost a length check, not a parse.
MAX_INPUT = 4000


def too_long(text: str) -> str | None:
    """The friendly refusal for input over ``MAX_INPUT`` characters, else None."""
    if len(text) <= MAX_INPUT:
        return None
    return (f"That is {len(text):,} characters; a command can be at most {MAX_INPUT:,}. "
            f"Notes can be {MAX_NOTE:,} characters and names {MAX_NAME}.")


def name_key(name: str) -> str:
    """Case- and accent-insensitive form of a name, for matching ("José" == "jose").

    Decomposed both before and after casefolding, since each can expose work for the
    other; only combining marks are dropped, so emoji, Arabic or CJK pass through.
    Cached for names (every command compares the owner's names again, and names
    repeat); longer text is keyed uncached, so typed text never fills the cache.
    """
    if len(name) > MAX_NAME:
        return _name_key(name)
    return _cached_name_key(name)


def _name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", " ".join(stripped.split()))


_cached_name_key = lru_cache(maxsize=8192)(_name_key)


def clean(text: str) -> str:
    r"""Trim, drop control characters and keep newlines and format marks like ZWJ; a
    control character that is whitespace (a tab, a form feed) becomes a space, so that
    ``call\twith\ttabs`` reads ``call with tabs``. A carriage return is dropped
    (``\r\n`` is one newline)."""
    return "".join(map(_cleaned, text)).strip()


def _cleaned(c: str) -> str:
    if c == "\n" or unicodedata.category(c) != "Cc":
        return c
    return " " if c.isspace() and c != "\r" else ""


#: Characters that draw nothing although they are not format characters: Unicode's
#: default-ignorable letters and marks (Hangul fillers, the combining grapheme joiner,
#: Mongolian and Khmer invisibles) and the blank Braille pattern, a common "empty" name.
_BLANK = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f"
                   "\u2800\u3164\uffa0")
#: Categories that draw nothing: controls, format characters (zero-width space and
#: joiners, word joiner, byte-order mark, bidi marks), surrogates, separators.
_INVISIBLE = frozenset(("Cc", "Cf", "Cs", "Zs", "Zl", "Zp"))


def shows(char: str) -> bool:
    """Whether ``char`` draws something: not whitespace, a format character, a variation
    selector or another default-ignorable character."""
    code = ord(char)
    return not (
        char.isspace() or unicodedata.category(char) in _INVISIBLE or char in _BLANK
        or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
    )


def visible(text: str) -> bool:
    r"""Whether ``text`` shows anything at all: ``"\u200b\u2060"`` does not, although it is
    not blank; ``"👩\u200d💻"`` (a ZWJ sequence) does."""
    return any(map(shows, text))


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 person', '2 people': ``many`` is the plural when it is not ``word`` + s."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"
