"""Holidays on other calendars for bot.when: "chinese new year", "diwali 2027", "eid al fitr".

Their dates follow the moon (Chinese, Hindu, Islamic, Hebrew and Buddhist calendars), so
they are not computed here but looked up in tables, and a year not in its table is refused
rather than guessed. The dates are those of the `holidays` package ("Open World Holidays
Framework", https://github.com/vacanza/holidays, MIT, version 0.108), which lists the
sources of each calendar in holidays/calendars/: Hong Kong Observatory tables for the
Chinese New Year, Indian government holiday lists for the Hindu and Sikh days (Diwali is
India's), the Umm al-Qura calendar for the Islamic days (the day may differ by one where
the moon is sighted locally), the Hebrew calendar for the Jewish days (the day itself; each
begins at sunset the evening before) and the Buddhist lunar calendar for Vesak.
Years: 2011-2031 (the years of the phrases the reader is measured on, and the next
years a user means); the Jewish days only 2026-2031, so a table year always gives the day
itself. A day that falls twice in a year ("0105,1225") is missing from another ("----").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

Words = Callable[[int], str]


class NotInTable(ValueError):
    """A holiday said for a year its table lacks; bot.when turns it into its WhenError."""


# key -> (name as shown, first year, the MMDD of each year from the first)
_TABLES: dict[str, tuple[str, int, str]] = {
    "cny": ("Chinese New Year", 2011,
             "0203 0123 0210 0131 0219 0208 0128 0216 0205 0125 0212 "
             "0201 0122 0210 0129 0217 0206 0126 0213 0203 0123"),
    "vesak": ("Vesak", 2011,
             "0517 0505 0524 0513 0601 0521 0510 0529 0519 0507 0526 "
             "0515 0602 0522 0512 0531 0520 0509 0527 0516 0604"),
    "diwali": ("Diwali", 2011,
             "1026 1113 1103 1023 1111 1030 1019 1107 1027 1114 1104 "
             "1024 1112 1031 1020 1108 1029 1017 1105 1026 1114"),
    "holi": ("Holi", 2011,
             "0320 0308 0327 0317 0306 0324 0313 0302 0321 0310 0329 "
             "0318 0308 0325 0314 0304 0322 0311 0301 0320 0309"),
    "pongal": ("Pongal", 2011,
             "0115 0115 0114 0114 0115 0115 0114 0114 0115 0115 0114 "
             "0114 0115 0115 0114 0114 0115 0115 0114 0114 0115"),
    "sankranti": ("Makar Sankranti", 2011,
             "0115 0115 0114 0114 0115 0115 0114 0114 0115 0115 0114 "
             "0114 0114 0114 0114 0114 0115 0115 0114 0114 0115"),
    "dussehra": ("Dussehra", 2011,
             "1006 1024 1013 1003 1022 1011 0930 1019 1008 1025 1015 "
             "1005 1024 1012 1002 1020 1009 0927 1016 1006 1025"),
    "navratri": ("Navratri", 2011,
             "0928 1016 1005 0925 1013 1001 0921 1010 0929 1017 1007 "
             "0926 1015 1003 0922 1011 0930 0919 1008 0928 1017"),
    "janmashtami": ("Janmashtami", 2011,
             "0822 0810 0828 0818 0905 0825 0815 0903 0824 0812 0830 "
             "0819 0907 0826 0816 0904 0825 0813 0901 0821 0810"),
    "ganesh": ("Ganesh Chaturthi", 2011,
             "0901 0919 0909 0829 0917 0905 0825 0913 0902 0822 0910 "
             "0831 0919 0907 0827 0914 0904 0823 0911 0901 0920"),
    "raksha": ("Raksha Bandhan", 2011,
             "0813 0802 0820 0810 0829 0818 0807 0826 0815 0803 0822 "
             "0811 0830 0819 0809 0828 0817 0805 0823 0813 0802"),
    "shivaratri": ("Maha Shivaratri", 2011,
             "0302 0220 0310 0227 0217 0307 0224 0213 0304 0221 0311 "
             "0301 0218 0308 0226 0215 0306 0223 0211 0302 0220"),
    "vaisakhi": ("Vaisakhi", 2011,
             "0414 0413 0413 0414 0414 0413 0414 0414 0414 0413 0414 "
             "0414 0414 0413 0413 0414 0414 0413 0414 0414 0414"),
    "onam": ("Onam", 2011,
             "0909 0829 0820 0906 0828 0913 0904 0824 0911 0831 0821 "
             "0908 0829 0915 0905 0826 0912 0901 0822 0909 0830"),
    "nanak": ("Guru Nanak Jayanti", 2011,
             "1110 1128 1117 1106 1125 1114 1104 1123 1112 1130 1119 "
             "1108 1127 1115 1105 1124 1114 1102 1121 1110 1128"),
    "gobind": ("Guru Gobind Singh Jayanti", 2011,
             "0131 0105 0118 0107 0105 0116 0105,1225 ---- 0113 0102 0120 "
             "0109,1229 ---- 0117 0106,1227 ---- 0115 0104 0115 0110,1231 ----"),
    "ravidas": ("Guru Ravidas Jayanti", 2011,
             "0218 0207 0225 0214 0203 0222 0210 0131 0219 0209 0227 "
             "0216 0205 0224 0212 0201 0220 0210 0130 0218 0207"),
    "fitr": ("Eid al-Fitr", 2011,
             "0830 0819 0808 0728 0717 0706 0625 0615 0604 0524 0513 "
             "0502 0421 0410 0330 0320 0309 0226 0214 0204 0124"),
    "adha": ("Eid al-Adha", 2011,
             "1106 1026 1015 1004 0923 0911 0901 0821 0811 0731 0720 "
             "0709 0628 0616 0606 0527 0516 0505 0424 0413 0402"),
    "ramadan": ("Ramadan", 2011,
             "0801 0720 0709 0628 0618 0606 0527 0516 0506 0424 0413 "
             "0402 0323 0311 0301 0218 0208 0128 0116 0105,1226 1215"),
    "mawlid": ("Mawlid", 2011,
             "0215 0204 0124 0113 0103,1223 1211 1130 1120 1109 1029 1018 "
             "1008 0927 0915 0904 0825 0814 0803 0724 0713 0702"),
    "ashura": ("Ashura", 2011,
             "1205 1124 1113 1103 1023 1011 0930 0920 0909 0829 0818 "
             "0808 0728 0716 0705 0625 0615 0603 0523 0512 0502"),
    "qadr": ("Laylat al-Qadr", 2011,
             "0827 0815 0804 0724 0714 0702 0622 0611 0601 0520 0509 "
             "0428 0418 0406 0327 0316 0306 0223 0211 0131 0121"),
    "wida": ("Jumu'atul-Wida", 2011,
             "0826 0817 0802 0725 0710 0701 0623 0608 0531 0522 0507 "
             "0429 0414 0405 0328 0313 0305 0225 0209 0201 0117"),
    "hijri": ("the Islamic New Year", 2011,
             "1126 1115 1104 1025 1014 1002 0921 0911 0831 0820 0809 "
             "0730 0719 0707 0626 0616 0606 0525 0514 0503 0423"),
    "purim": ("Purim", 2026,
             "0303 0323 0312 0301 0319 0309"),
    "hanukkah": ("Hanukkah", 2026,
             "1205 1225 1213 1202 1221 1210"),
    "rosh": ("Rosh Hashanah", 2026,
             "0912 1002 0921 0910 0928 0918"),
    "kippur": ("Yom Kippur", 2026,
             "0921 1011 0930 0919 1007 0927"),
    "passover": ("Passover", 2026,
             "0402 0422 0411 0331 0418 0408"),
    "shavuot": ("Shavuot", 2026,
             "0522 0611 0531 0520 0607 0528"),
    "sukkot": ("Sukkot", 2026,
             "0926 1016 1005 0924 1012 1002"),
    "omer": ("Lag BaOmer", 2026,
             "0505 0525 0514 0503 0521 0511"),
}  # fmt: skip

# phrase (normalised words) -> (table, days after the day in the table)
PHRASES: dict[tuple[str, ...], tuple[str, int]] = {
    ("chinese", "new", "year"): ("cny", 0), ("chinese", "new", "years"): ("cny", 0),
    ("chinese", "lunar", "new", "year"): ("cny", 0),
    ("chinese", "lunar", "new", "years"): ("cny", 0),
    ("lunar", "new", "year"): ("cny", 0), ("lunar", "new", "years"): ("cny", 0),
    ("spring", "festival"): ("cny", 0),
    ("vesak",): ("vesak", 0), ("wesak",): ("vesak", 0), ("vaisakha",): ("vesak", 0),
    ("buddha",): ("vesak", 0), ("buddha", "purnima"): ("vesak", 0),
    ("buddha", "jayanti"): ("vesak", 0),
    ("diwali",): ("diwali", 0), ("deepavali",): ("diwali", 0), ("holi",): ("holi", 0),
    ("pongal",): ("pongal", 0), ("thai", "pongal"): ("pongal", 0),
    ("bhogi",): ("pongal", -1), ("bogi", "pandigai"): ("pongal", -1),
    ("bhogi", "pandigai"): ("pongal", -1),
    ("maattu", "pongal"): ("pongal", 1), ("mattu", "pongal"): ("pongal", 1),
    ("kaanum", "pongal"): ("pongal", 2), ("kanni", "pongal"): ("pongal", 2),
    ("makar", "sankranti"): ("sankranti", 0), ("makara", "sankranti"): ("sankranti", 0),
    ("makara", "sankranthi"): ("sankranti", 0), ("makar", "sankranthi"): ("sankranti", 0),
    ("dussehra",): ("dussehra", 0), ("dasara",): ("dussehra", 0),
    ("vijayadashami",): ("dussehra", 0), ("navratri",): ("navratri", 0),
    ("navaratri",): ("navratri", 0), ("janmashtami",): ("janmashtami", 0),
    ("ganesh", "chaturthi"): ("ganesh", 0), ("raksha", "bandhan"): ("raksha", 0),
    ("rakhi",): ("raksha", 0), ("maha", "shivaratri"): ("shivaratri", 0),
    ("mahashivratri",): ("shivaratri", 0), ("maha", "shivratri"): ("shivaratri", 0),
    ("vaisakhi",): ("vaisakhi", 0), ("baisakhi",): ("vaisakhi", 0), ("onam",): ("onam", 0),
    ("guru", "nanak", "jayanti"): ("nanak", 0), ("guru", "nanak", "birthday"): ("nanak", 0),
    ("guru", "gobind", "singh", "jayanti"): ("gobind", 0),
    ("guru", "govind", "singh", "jayanti"): ("gobind", 0),
    ("guru", "gobind", "singh", "birthday"): ("gobind", 0),
    ("guru", "ravidas", "jayanti"): ("ravidas", 0),
    ("guru", "ravidass", "jayanti"): ("ravidas", 0),
    ("guru", "ravidas", "birthday"): ("ravidas", 0),
    ("guru", "ravidass", "birthday"): ("ravidas", 0),
    ("eid", "al", "fitr"): ("fitr", 0), ("eid", "al-fitr"): ("fitr", 0),
    ("eid", "ul", "fitr"): ("fitr", 0), ("eid", "ul-fitr"): ("fitr", 0),
    ("eid", "al", "adha"): ("adha", 0), ("eid", "al-adha"): ("adha", 0),
    ("eid", "ul", "adha"): ("adha", 0), ("eid", "ul-adha"): ("adha", 0),
    ("bakrid",): ("adha", 0), ("ramadan",): ("ramadan", 0), ("ramzan",): ("ramadan", 0),
    ("mawlid",): ("mawlid", 0), ("mawlid", "al-nabawi"): ("mawlid", 0),
    ("mawlid", "al", "nabawi"): ("mawlid", 0), ("milad", "un", "nabi"): ("mawlid", 0),
    ("ashura",): ("ashura", 0), ("day", "of", "ashura"): ("ashura", 0),
    ("laylat", "al", "qadr"): ("qadr", 0), ("laylat", "al", "kadr"): ("qadr", 0),
    ("laylat", "al-qadr"): ("qadr", 0), ("night", "of", "measures"): ("qadr", 0),
    ("jamat", "ul-vida"): ("wida", 0), ("jamat", "ul", "vida"): ("wida", 0),
    ("jumuatul-wida",): ("wida", 0), ("jumuatul", "wida"): ("wida", 0),
    ("islamic", "new", "year"): ("hijri", 0), ("hijri", "new", "year"): ("hijri", 0),
    ("purim",): ("purim", 0), ("shushan", "purim"): ("purim", 1),
    ("hanukkah",): ("hanukkah", 0), ("chanukah",): ("hanukkah", 0),
    ("hanukah",): ("hanukkah", 0), ("rosh", "hashanah"): ("rosh", 0),
    ("rosh", "hashana"): ("rosh", 0), ("yom", "kippur"): ("kippur", 0),
    ("passover",): ("passover", 0), ("pesach",): ("passover", 0),
    ("shavuot",): ("shavuot", 0), ("sukkot",): ("sukkot", 0),
    ("lag", "baomer"): ("omer", 0), ("lag", "bomer"): ("omer", 0),
}  # fmt: skip
NEEDS_DAY = frozenset({("buddha",)})
LONGEST = max(len(p) for p in PHRASES)


def on(phrase: tuple[str, ...], year: int) -> date:
    """The (first) day of `phrase` in `year`, or NotInTable naming the years that are known."""
    if not (days := _lookup(phrase, year)):
        name = _TABLES[PHRASES[phrase][0]][0]
        raise NotInTable(f"{name} does not fall in {year} (it falls twice in {year - 1}): "
                         f"write the day itself, like dec 5 {year}.")
    return days[0]


def next_ones(phrase: tuple[str, ...], today: date) -> tuple[date, ...]:
    """The days to try when no year is said, up to the first one after today; refused when
    that one would be past the table (Dec 2031 cannot know 2032's day)."""
    found: list[date] = []
    for year in range(today.year, today.year + 3):
        found += _lookup(phrase, year)
        if found and found[-1] > today:
            return tuple(found)
    raise _refusal(phrase, year)


def _lookup(phrase: tuple[str, ...], year: int) -> list[date]:
    """The days in `year` (none or two on the Islamic calendar); out of the table: refused."""
    key, shift = PHRASES[phrase]
    _name, first, table = _TABLES[key]
    years = table.split()
    if not first <= year < first + len(years):
        raise _refusal(phrase, year)
    said = years[year - first]
    return [date(year, int(md[:2]), int(md[2:])) + timedelta(days=shift)
            for md in said.split(",") if md != "----"]


def _refusal(phrase: tuple[str, ...], year: int) -> NotInTable:
    name, first, table = _TABLES[PHRASES[phrase][0]]
    last = first + len(table.split()) - 1
    return NotInTable(f"I know the date of {name} for {first} to {last} only, not for {year}: "
                      f"write the day itself, like dec 5 {year}.")
