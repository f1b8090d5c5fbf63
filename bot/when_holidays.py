"""Holidays for bot.when: "christmas", "easter monday", "thanksgiving 2027", "next halloween".

Each name gives the date in a year; without a year it is the next one still ahead. Only
holidays with one date are read (a national one by its own name: "canada day", "anzac
day"): Mother's Day, for one, is in March in the UK and in May in the US, so it is asked
(``BY_COUNTRY``). Holidays on
other calendars (Diwali, Eid, Purim, Chinese New Year) are looked up in bot.when_lunar.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from bot import when_lunar as L

Words = Callable[[int], str]


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def _nth(year: int, month: int, weekday: int, n: int) -> date:
    """n-th weekday of a month (n = -1: the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _from_easter(days: int) -> Callable[[int], date]:
    return lambda year: _easter(year) + timedelta(days=days)


def _weekday_near(month: int, day: int, sunday: int) -> Callable[[int], date]:
    """A fixed day that moves off a weekend: Saturday to Friday, Sunday by `sunday` days."""
    def when(year: int) -> date:
        d = date(year, month, day)
        return d + timedelta(days={5: -1, 6: sunday}.get(d.weekday(), 0))
    return when


def _advent(year: int) -> date:
    """The first Sunday of Advent: four Sundays before the last one before Christmas."""
    eve = date(year, 12, 24)
    return eve - timedelta(days=(eve.weekday() + 1) % 7 + 21)


def _thanksgiving(year: int) -> date:
    return _nth(year, 11, 3, 4)


# phrase (normalised words) -> the date in a given year
HOLIDAYS: dict[tuple[str, ...], Callable[[int], date]] = {
    ("christmas",): _fixed(12, 25), ("xmas",): _fixed(12, 25),
    ("christmas", "eve"): _fixed(12, 24), ("xmas", "eve"): _fixed(12, 24),
    ("boxing", "day"): _fixed(12, 26),
    ("new", "year"): _fixed(1, 1), ("new", "years"): _fixed(1, 1),
    ("new", "years", "eve"): _fixed(12, 31), ("new", "year", "eve"): _fixed(12, 31),
    ("nye",): _fixed(12, 31),
    ("valentines",): _fixed(2, 14), ("valentine",): _fixed(2, 14),
    ("st", "valentines"): _fixed(2, 14), ("halloween",): _fixed(10, 31),
    ("st", "patricks"): _fixed(3, 17), ("saint", "patricks"): _fixed(3, 17),
    ("st", "paddys"): _fixed(3, 17), ("saint", "paddys"): _fixed(3, 17),
    ("st", "patrick"): _fixed(3, 17), ("saint", "patrick"): _fixed(3, 17),
    ("ides", "of", "march"): _fixed(3, 15),
    ("international", "workers"): _fixed(5, 1), ("workers",): _fixed(5, 1),
    ("thanksgiving",): _thanksgiving,
    ("black", "friday"): lambda year: _thanksgiving(year) + timedelta(days=1),
    ("easter",): _from_easter(0), ("easter", "sunday"): _from_easter(0),
    ("easter", "monday"): _from_easter(1), ("easter", "mon"): _from_easter(1),
    ("good", "friday"): _from_easter(-2), ("maundy", "thursday"): _from_easter(-3),
    ("covenant", "thursday"): _from_easter(-3), ("covenant", "thu"): _from_easter(-3),
    ("thursday", "of", "mysteries"): _from_easter(-3), ("thu", "of", "mysteries"): _from_easter(-3),
    ("branch", "sunday"): _from_easter(-7),
    ("monday", "of", "the", "holy", "spirit"): _from_easter(50),
    ("palm", "sunday"): _from_easter(-7), ("ash", "wednesday"): _from_easter(-46),
    ("shrove", "tuesday"): _from_easter(-47), ("mardi", "gras"): _from_easter(-47),
    ("pancake",): _from_easter(-47), ("ascension",): _from_easter(39),
    ("pentecost",): _from_easter(49), ("whit", "sunday"): _from_easter(49),
    ("whitsunday",): _from_easter(49), ("whit", "monday"): _from_easter(50),
    ("white", "sunday"): _from_easter(49), ("trinity", "sunday"): _from_easter(56),
    ("world", "vegan"): _fixed(11, 1),
    ("bosss", "day"): _weekday_near(10, 16, 1), ("boss", "day"): _weekday_near(10, 16, 1),
    ("koningsdag",): lambda y: date(y, 4, 26 if date(y, 4, 27).weekday() == 6 else 27),
    ("kings", "day"): lambda y: date(y, 4, 26 if date(y, 4, 27).weekday() == 6 else 27),
    ("mlk",): lambda year: _nth(year, 1, 0, 3),
    ("martin", "luther", "king"): lambda year: _nth(year, 1, 0, 3),
    ("martin", "luther", "kings"): lambda year: _nth(year, 1, 0, 3),
    ("memorial",): lambda year: _nth(year, 5, 0, -1),
    ("labor",): lambda year: _nth(year, 9, 0, 1),
    ("presidents",): lambda year: _nth(year, 2, 0, 3),
    ("columbus",): lambda year: _nth(year, 10, 0, 2),
    ("veterans",): _fixed(11, 11), ("remembrance",): _fixed(11, 11),
    ("armistice",): _fixed(11, 11),
    ("canada",): _fixed(7, 1), ("bastille",): _fixed(7, 14),
    ("australia",): _fixed(1, 26), ("anzac",): _fixed(4, 25),
    ("guy", "fawkes"): _fixed(11, 5), ("bonfire", "night"): _fixed(11, 5),
    ("epiphany",): _fixed(1, 6), ("twelfth", "night"): _fixed(1, 5),
    ("all", "saints"): _fixed(11, 1), ("all", "souls"): _fixed(11, 2),
    ("first", "advent"): lambda year: _advent(year), ("advent", "sunday"): lambda y: _advent(y),
}  # fmt: skip

# Holidays whose date depends on the country: asked, with the dates to choose from.
BY_COUNTRY: dict[tuple[str, ...], str] = {
    ("mothers", "day"): "Mother's Day is in March in the UK and Ireland and in May in the US, "
                        "Canada and Australia",
    ("mother", "day"): "Mother's Day is in March in the UK and Ireland and in May in the US, "
                       "Canada and Australia",
    ("fathers", "day"): "Father's Day is in June in the UK and the US, in September in "
                        "Australia and in March in Italy and Spain",
    ("independence", "day"): "Independence Day is July 4 in the US, August 15 in India and "
                             "another day in every country that has one",
}
_NEEDS_DAY = frozenset({("pancake",), ("mlk",), ("martin", "luther", "king"), ("memorial",),
                        ("world", "vegan"),
                        ("martin", "luther", "kings"), ("labor",), ("ascension",),
                        ("international", "workers"), ("workers",), ("presidents",),
                        ("columbus",), ("veterans",), ("remembrance",), ("armistice",),
                        ("canada",), ("bastille",), ("australia",), ("anzac",)})  # fmt: skip
_LONGEST = max(max(len(p) for p in HOLIDAYS), L.LONGEST)


def _moved(d: date, months: int, days: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    last = calendar.monthrange(d.year + y, m + 1)[1]
    return date(d.year + y, m + 1, min(d.day, last)) + timedelta(days=days)


def _before(first: date) -> date:
    return first.replace(year=first.year - 1, day=min(first.day, 28))


def shift_is_clear(dates: tuple[date, ...], months: int, days: int, today: date) -> bool:
    """"three months after easter" in November: from last Easter it is past, so it can only
    be next Easter's. "a year after christmas" in February could be this December (from
    last Christmas) or the next: asked, never guessed."""
    if any(_moved(d, months, days) >= today for d in dates if d < today):
        return True  # the last one is in the list: the first still ahead is clear
    return _moved(_before(dates[0]), months, days) < today


def which_one(said: str, dates: tuple[date, ...], months: int, days: int) -> str:
    """The question when the holiday counted from could be the last one or the next."""
    last, nxt = _moved(_before(dates[0]), months, days), _moved(dates[0], months, days)
    shown = "%a %-d %b %Y"
    return (f"'{said}': {last:{shown}} (counted from the last one) or {nxt:{shown}} (from the "
            "next)? Write the date.")


def holiday_at(w: Words, i: int, today: date) -> tuple[tuple[date, ...], int] | None:
    """(this|next|the) <holiday> (day) (<year>): the dates to try, and where it ends.

    A holiday on another calendar (bot.when_lunar) said for a year its table lacks raises
    when_lunar.NotInTable."""
    j = i + (w(i) in ("this", "next", "the", "upcoming", "coming", "following"))
    j += w(i) == "the" and w(j) in ("next", "following")  # the following easter
    if (country := BY_COUNTRY.get((w(j), w(j + 1)))) is not None:
        raise L.NotInTable(f"{country}: write the date, like 'may 9'.")
    for n in range(_LONGEST, 0, -1):
        phrase = tuple(w(j + m) for m in range(n))
        if phrase not in HOLIDAYS and phrase not in L.PHRASES:
            continue
        k = j + n
        has_day = w(k) == "day"
        if (phrase in _NEEDS_DAY or phrase in L.NEEDS_DAY) and not has_day:
            return None
        k += has_day
        return _in_year(phrase, w, k, today)
    return None


def _in_year(phrase: tuple[str, ...], w: Words, k: int,
             today: date) -> tuple[tuple[date, ...], int]:
    """<holiday> 2027 | <holiday> of this/next year | <holiday>: the next ones still ahead."""
    when = HOLIDAYS.get(phrase) or (lambda year: L.on(phrase, year))
    if re.fullmatch(r"[0-9]{4}", w(k)) and 1900 < int(w(k)) < 9000:
        return (when(int(w(k))),), k + 1
    if w(k) == "of" and w(k + 1) in ("this", "next") and w(k + 2) == "year":
        return (when(today.year + (w(k + 1) == "next")),), k + 3
    if phrase in L.PHRASES:
        return L.next_ones(phrase, today), k
    return tuple(when(y) for y in range(today.year, today.year + 3)), k


_TO_SATURDAY = {0: -2, 3: 2, 4: 1, 5: 0, 6: -1}  # a Tuesday or Wednesday has two weekends near


def weekend_of(dates: tuple[date, ...]) -> tuple[date, ...] | None:
    """The Saturday of each holiday's own weekend ("labor day weekend": the Saturday before
    Labor Day; "thanksgiving weekend": the one after). None when a date falls mid-week and
    the weekend before and the one after are equally its."""
    moves = [_TO_SATURDAY.get(d.weekday()) for d in dates]
    if moves[0] is None:
        return None
    return tuple(d + timedelta(days=m) for d, m in zip(dates, moves, strict=True) if m is not None)
