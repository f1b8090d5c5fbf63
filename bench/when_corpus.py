"""The WHEN reader on corpora we did not write: phrases from other parsers' test suites.

Each file in tests/when_corpus/ is one source, converted with its reference time and zone
(see its header): Duckling, ctparse, natty, Microsoft Recognizers-Text's English spec,
chrono's English tests, parsedatetime's English tests, timefhuman's tests,
go-naturaldate's tests, olebedev/when's English rule tests, nickel's tests (reminder
sentences' date words), Sugar's Date tests and Sherlock's tests (the date words of its task
sentences; measured once as a held-out set in round 7, then tuned on) are the tuned sets
(natty was held out in round 1, Recognizers-Text in round 2, chrono in rounds 3-4);
Chronic's parsing tests are the held-out set (round 5), never tuned on. Each source has its
own line; the set lines sum them.
Every phrase is counted once as: read right; refused or asked (an error message with
examples, nothing stored); left as a note (not taken as a date: the reply says "no date
given"); read wrong (a due time outside the answer, or words of the WHEN left in the note).
The set lines split "refused or asked" three ways (`refusal_kind`): asked, naming the
readings (the sources disagree, or a person could mean either); a date already past; not read.
Targets: read wrong = 0 and read right >= 97% on both the tuned and the held-out sets, and
p99 under 1 ms a phrase. Exits non-zero on a miss.

Run: .venv/bin/python bench/when_corpus.py [--no-dateparser]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from bot.when import WhenError, read_when  # noqa: E402

CORPUS_DIR = ROOT / "tests" / "when_corpus"
RIGHT, REFUSED, NOTE, WRONG = "read right", "refused or asked", "left as a note", "read wrong"
TARGET_RIGHT = 0.97
TARGET_P99_MS = 1.0


@dataclass(frozen=True)
class Phrase:
    text: str
    now: datetime  # the source's reference time, UTC
    tz: ZoneInfo
    start: datetime  # local wall time, naive
    end: datetime | None  # None: exactly `start`; else right when start <= due <= end


@dataclass(frozen=True)
class Source:
    name: str
    held_out: bool
    phrases: tuple[Phrase, ...]


def _wall(text: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    raise ValueError(f"bad answer {text!r}")


def _answer(text: str) -> tuple[datetime, datetime | None]:
    if ".." in text:
        a, b = text.split("..")
        return _wall(a), _wall(b)
    start = _wall(text)
    return (start, start + timedelta(days=1)) if len(text.strip()) == 10 else (start, None)


def load(path: Path) -> Source:
    """One converted source: '# set:' and '# zone:' headers, 'reference:' lines, rows."""
    held_out, tz, now, phrases = False, ZoneInfo("UTC"), None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# set:"):
            held_out = line.split(":", 1)[1].strip() == "held-out"
        elif line.startswith("# zone:"):
            tz = ZoneInfo(line.split(":", 1)[1].strip())
        elif line.startswith("reference:"):
            now = _wall(line.split(":", 1)[1]).replace(tzinfo=tz).astimezone(UTC)
        elif line.strip() and not line.startswith("#"):
            text, answer = line.rsplit(" | ", 1)
            assert now is not None, f"{path.name}: a phrase before any reference"
            phrases.append(Phrase(text, now, tz, *_answer(answer)))
    return Source(path.stem, held_out, tuple(phrases))


def sources() -> list[Source]:
    return [load(p) for p in sorted(CORPUS_DIR.glob("*.txt"))]


def outcome(p: Phrase) -> str:
    try:
        got = read_when(p.text, p.now, p.tz)
    except WhenError:
        return REFUSED
    if got is None:
        return NOTE
    due = got.due_at.astimezone(p.tz).replace(tzinfo=None)
    inside = due == p.start if p.end is None else p.start <= due <= p.end
    return RIGHT if inside and not got.rest else WRONG


def dateparser_alone(p: Phrase) -> str:
    """dateparser on the whole phrase, same settings as the port, 09:00 for a day answer."""
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": True,
                "TIMEZONE": p.tz.key, "TO_TIMEZONE": "UTC", "RETURN_TIME_AS_PERIOD": True,
                "RELATIVE_BASE": p.now.astimezone(p.tz).replace(tzinfo=None)}  # fmt: skip
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(p.text)
    except Exception:  # dateparser raises assorted errors on odd input
        return NOTE
    if data.date_obj is None:
        return NOTE
    due = data.date_obj.astimezone(p.tz).replace(tzinfo=None)
    if data.period == "day":
        due = due.replace(hour=9, minute=0, second=0)
    inside = due == p.start if p.end is None else p.start <= due <= p.end
    return RIGHT if inside and due > p.now.astimezone(p.tz).replace(tzinfo=None) else WRONG


def compare(phrases: list[Phrase]) -> str:
    """Where the reader and dateparser alone differ, which one is right."""
    ours = [outcome(p) == RIGHT for p in phrases]
    theirs = [dateparser_alone(p) == RIGHT for p in phrases]
    both = sum(a and b for a, b in zip(ours, theirs, strict=True))
    only_ours = sum(a and not b for a, b in zip(ours, theirs, strict=True))
    only_theirs = sum(b and not a for a, b in zip(ours, theirs, strict=True))
    return (f"dateparser alone reads right {sum(theirs)}; both right {both}, only this reader "
            f"{only_ours}, only dateparser {only_theirs}")


def score(source: Source) -> Counter[str]:
    return Counter(outcome(p) for p in source.phrases)


ASKED, PAST, UNREAD = "asked, naming the readings", "a date already past", "not read"
_ASK_MARKS = ("?", " could be ", " is this month", " not a ")
_PAST_MARKS = ("in the past", " ago", " is today", " began today")


def refusal_kind(message: str) -> str:
    """Which of three refusals a message is, from the words every such message uses.

    The issue counts all three as one outcome ("refused or asked"). Split, they show how
    much of the gap to 97% is phrases read two ways on purpose (the sources disagree, or a
    person could mean either: "Is 8 am or pm?", "'next friday' could be Fri 9 or Fri 16"),
    how much is a date already past ("Aug 5 was 2 days ago"), and how much is not read.
    """
    if any(mark in message for mark in _ASK_MARKS):
        return ASKED
    if any(mark in message for mark in _PAST_MARKS):
        return PAST
    return UNREAD


def refusals(phrases: list[Phrase]) -> Counter[str]:
    """The refused-or-asked phrases, counted by `refusal_kind`."""
    kinds: Counter[str] = Counter()
    for p in phrases:
        try:
            read_when(p.text, p.now, p.tz)
        except WhenError as err:
            kinds[refusal_kind(str(err))] += 1
    return kinds


def timings_ms(all_phrases: list[Phrase]) -> list[float]:
    """Per-phrase time of a second pass (the first pays for imports)."""
    for p in all_phrases:
        outcome(p)
    out = []
    for p in all_phrases:
        t0 = time.perf_counter()
        outcome(p)
        out.append((time.perf_counter() - t0) * 1000)
    return sorted(out)


def linear_check() -> list[tuple[int, float]]:
    """Time per input length: the reader only looks at a capped head, so no length is slow."""
    out = []
    for n in (100, 1_000, 10_000, 100_000, 1_000_000):
        text = "tomorrow at 9 " + ("ab 12 " * n)[:n]
        t0 = time.perf_counter()
        read_when(text, datetime(2026, 12, 4, 16, 51, tzinfo=UTC), ZoneInfo("Europe/Berlin"))
        out.append((n, (time.perf_counter() - t0) * 1000))
    return out


def report(src: Source, counts: Counter[str]) -> bool:
    n = len(src.phrases)
    share = counts[RIGHT] / n
    kind = "held-out" if src.held_out else "tuned"
    print(f"{src.name} ({kind}, {n} phrases): {RIGHT} {counts[RIGHT]} ({share:.1%}), "
          f"{REFUSED} {counts[REFUSED]}, {NOTE} {counts[NOTE]}, "
          f"{WRONG} {counts[WRONG]}")  # fmt: skip
    return counts[WRONG] == 0 and share >= TARGET_RIGHT


def main(argv: list[str]) -> int:
    every = sources()
    ok = True
    sets: dict[str, Counter[str]] = {"tuned": Counter(), "held-out": Counter()}
    sizes: Counter[str] = Counter()
    for src in every:
        counts = score(src)
        report(src, counts)
        kind = "held-out" if src.held_out else "tuned"
        sets[kind] += counts
        sizes[kind] += len(src.phrases)
    for kind, counts in sets.items():
        if "--no-dateparser" not in argv:
            print(f"   {kind}: " + compare([p for s in every if s.held_out == (kind == "held-out")
                                            for p in s.phrases]))  # fmt: skip
        n = sizes[kind]
        share = counts[RIGHT] / n if n else 0.0
        met = counts[WRONG] == 0 and share >= TARGET_RIGHT
        ok &= met
        split = refusals([p for s in every if s.held_out == (kind == "held-out")
                          for p in s.phrases])  # fmt: skip
        why = ", ".join(f"{split[k]} {k}" for k in (ASKED, PAST, UNREAD))
        print(f"== {kind} set, {n} phrases: {RIGHT} {counts[RIGHT]} ({share:.1%}), {REFUSED} "
              f"{counts[REFUSED]} ({why}), "
              f"{NOTE} {counts[NOTE]}, {WRONG} {counts[WRONG]} "
              f"-> {'met' if met else 'MISSED'} (targets: wrong 0, right >= 97%)")  # fmt: skip
    ms = timings_ms([p for s in every for p in s.phrases])
    p50, p99 = ms[len(ms) // 2], ms[int(len(ms) * 0.99)]
    ok &= p99 < TARGET_P99_MS
    print(f"time a phrase: p50 {p50:.3f} ms, p99 {p99:.3f} ms, max {ms[-1]:.1f} ms "
          f"(target p99 < {TARGET_P99_MS} ms)")  # fmt: skip
    lengths = linear_check()
    growth = lengths[-1][1] / max(lengths[-2][1], 1e-3)
    ok &= growth < 20  # ten times the text: at most linear (x10), with room for noise
    print("input length -> ms: " + ", ".join(f"{n:,}: {t:.2f}" for n, t in lengths)
          + f" (x{growth:.1f} from 100,000 to 1,000,000 characters; target: linear, < x20)")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
