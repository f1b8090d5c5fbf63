"""Word tables for bot.when.

Kept apart from the parser so the grammar stays readable; plain dicts and sets, cheap to import.
"""

from __future__ import annotations

from datetime import time

from bot.domain import NINE_AM

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2, "weds": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

# Weekday abbreviations that are also ordinary English words ("sat down", "sun screen"):
# they only count as a date when nothing else could be meant.
WEAK_WEEKDAYS: frozenset[str] = frozenset({"sat", "sun", "wed"})

# Words after sat/sun/wed that show the English word is meant ("sat down", "sun screen").
NOT_AFTER_WEAK_WEEKDAY: frozenset[str] = frozenset(
    "down up in on with around through out there here next by back beside for outside inside "
    "together alone quietly and or to the a an my his her their our your me him them us it "
    "screen cream block tan hat hats glasses lounger deck room roof burn burnt light shine is "
    "was were rise set sets".split()
)

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# Month names that are also verbs or first names ("may I ask", "march on", "jan to send").
WEAK_MONTHS: frozenset[str] = frozenset(
    {"jan", "may", "march", "mar", "april", "june", "august"}
)

MONTH_NAMES: tuple[str, ...] = (
    "", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip

WORD_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "ninety": 90, "couple": 2, "few": 3,
}  # fmt: skip

# Unit word -> (unit, multiplier). Units: s, min, h (exact) and d, w, mo, y (calendar).
UNITS: dict[str, tuple[str, int]] = {
    "s": ("s", 1), "sec": ("s", 1), "secs": ("s", 1), "second": ("s", 1), "seconds": ("s", 1),
    "m": ("min", 1), "min": ("min", 1), "mins": ("min", 1), "minute": ("min", 1),
    "minutes": ("min", 1),
    "h": ("h", 1), "hr": ("h", 1), "hrs": ("h", 1), "hour": ("h", 1), "hours": ("h", 1),
    "d": ("d", 1), "day": ("d", 1), "days": ("d", 1),
    "w": ("d", 7), "wk": ("d", 7), "wks": ("d", 7), "week": ("d", 7), "weeks": ("d", 7),
    "fortnight": ("d", 14), "fortnights": ("d", 14),
    "mo": ("mo", 1), "mos": ("mo", 1), "month": ("mo", 1), "months": ("mo", 1),
    "mon": ("mo", 1), "mons": ("mo", 1),  # in 1 mon: after a number, months (not Monday)
    "y": ("mo", 12), "yr": ("mo", 12), "yrs": ("mo", 12), "year": ("mo", 12),
    "years": ("mo", 12),
}  # fmt: skip

EXACT_UNITS: frozenset[str] = frozenset({"s", "min", "h"})

# Words that open a WHEN without being one ("by friday", "on dec 5", "at 3pm").
LEAD_WORDS: frozenset[str] = frozenset(
    {"on", "by", "at", "@", "due", "until", "till", "before", "around", "approximately",
     "during", "sometime"})

TOMORROW: frozenset[str] = frozenset(
    {"tomorrow", "tmrw", "tmr", "tmw", "tomorow", "tommorow", "tomorrows"})
TODAY: frozenset[str] = frozenset({"today", "tdy"})
TONIGHT: frozenset[str] = frozenset({"tonight", "tonite"})

NINE = NINE_AM
EOD = time(17, 0)
EVENING = time(20, 0)

# Parts of the day: "tomorrow morning", "friday afternoon", "in the evening".
DAY_PARTS: dict[str, time] = {
    "morning": NINE,
    "noon": time(12, 0),
    "midday": time(12, 0),
    "lunchtime": time(12, 0),
    "afternoon": time(14, 0),
    "evening": time(18, 0),
    "night": EVENING,
    "eod": EOD,
    "cob": EOD,
    "eob": EOD,
    "midnight": time(23, 59),
}

# Single-word date starters that are never ordinary first words of a note.
DATE_WORDS: frozenset[str] = frozenset(
    set(TOMORROW) | set(TODAY) | set(TONIGHT)
    | {"yesterday", "noon", "midday", "midnight", "eod", "cob", "eob", "eow", "eom", "eoy",
       "christmas", "xmas", "halloween", "thanksgiving", "valentines", "easter", "nye",
       "pentecost"}
)  # fmt: skip

AM_PM: dict[str, str] = {"am": "am", "a": "am", "pm": "pm", "p": "pm"}


def half_of_day(word: str, after: str) -> str | None:
    """"am" or "pm" said by `word`, followed by `after`. "a" or "p" alone says it only when no
    word follows ("at 5 a", "9 a m"): in "9 a quick call" the "a" is the note's."""
    if len(word) == 1 and after.isalpha() and after != "m":
        return None
    return AM_PM.get(word)

# Time zone words after a clock time ("4pm CET"): read as that zone's time, shown in yours.
# Abbreviations are fixed offsets (CET is +1 even in summer: write CEST for +2); the
# region words (ET, PT, ...) follow their region's daylight saving.
TIME_ZONES: dict[str, str] = {
    "utc": "UTC", "gmt": "UTC", "z": "UTC", "wet": "UTC",
    "cet": "Etc/GMT-1", "west": "Etc/GMT-1", "bst": "Etc/GMT-1",
    "cest": "Etc/GMT-2", "eet": "Etc/GMT-2", "eest": "Etc/GMT-3", "msk": "Etc/GMT-3",
    "ist": "Asia/Kolkata", "sgt": "Etc/GMT-8", "hkt": "Etc/GMT-8", "awst": "Etc/GMT-8",
    "jst": "Etc/GMT-9", "kst": "Etc/GMT-9", "acst": "Australia/Darwin",
    "aest": "Etc/GMT-10", "aedt": "Etc/GMT-11", "nzst": "Etc/GMT-12", "nzdt": "Etc/GMT-13",
    "est": "Etc/GMT+5", "edt": "Etc/GMT+4", "cst": "Etc/GMT+6", "cdt": "Etc/GMT+5",
    "mst": "Etc/GMT+7", "mdt": "Etc/GMT+6", "pst": "Etc/GMT+8", "pdt": "Etc/GMT+7",
    "akst": "Etc/GMT+9", "hst": "Etc/GMT+10",
    "et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver",
    "pt": "America/Los_Angeles",
    "eastern": "America/New_York", "pacific": "America/Los_Angeles",
}  # fmt: skip

# A place said with "time" after a clock time ("3pm london time", "9am eastern time"): that
# place's zone. bot.when_spellings joins the two words into one ("london-time").
PLACE_TIMES: dict[str, str] = {
    "eastern": "America/New_York", "central": "America/Chicago",
    "mountain": "America/Denver", "pacific": "America/Los_Angeles",
    "london": "Europe/London", "uk": "Europe/London", "british": "Europe/London",
    "nyc": "America/New_York", "ny": "America/New_York", "sf": "America/Los_Angeles",
    "la": "America/Los_Angeles", "chicago": "America/Chicago", "toronto": "America/Toronto",
    "paris": "Europe/Paris", "berlin": "Europe/Berlin", "german": "Europe/Berlin",
    "european": "Europe/Brussels", "india": "Asia/Kolkata", "indian": "Asia/Kolkata",
    "singapore": "Asia/Singapore", "tokyo": "Asia/Tokyo", "japan": "Asia/Tokyo",
    "sydney": "Australia/Sydney", "dubai": "Asia/Dubai", "beijing": "Asia/Shanghai",
}  # fmt: skip
TIME_ZONES |= {f"{place}-time": zone for place, zone in PLACE_TIMES.items()}
