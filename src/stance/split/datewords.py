"""Dates in the words of the languages comment pages come in, read from Unicode's CLDR.

`lines.is_timestamp` knows the date shapes written for it by hand; a page in a language
no rule spelled ("14 марта 2024", "jeu. 14 mars 2024", "3 нед. назад", "2 ថ្ងៃមុន")
loses its comments, since a comment's head needs a date. CLDR (through babel, which
trafilatura already installs) has every locale's month and weekday names, day periods,
the words its date formats put between the numbers, "yesterday"/"today", and its
relative times in the past ("{0} days ago"). `cldr_date` reads a line with them.

Lookups are set lookups, not one huge regex: reading 75 locales takes about 0.6 s, so the
tables are kept in stance's cache folder (`stance.io.cache_dir`), keyed by babel's
version and the locale list, and a later process loads them in milliseconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from functools import lru_cache
from importlib.metadata import version

from stance.io import atomic_write, cache_dir

#: The locales read: the languages of the pages researchers collect, Southeast Asia's
#: among them, and the world's larger web languages.
_LOCALE_CODES = (
    "en de fr es pt it nl pl cs sk hu ro ru uk be bg sr sr_Latn hr sl bs mk tr el sv da nb"
    " nn fi et lv lt is ga cy ca eu gl sq id ms fil vi th km lo my ja zh zh_Hant ko ar he"
    " fa ur hi bn ne mr ta te kn ml gu pa si ka hy az kk uz mn sw am af zu"
)
LOCALES = tuple(_LOCALE_CODES.split())
#: The CLDR fields whose past relative times are read ("5 minutes ago", "3 нед. назад").
_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
# Where a date's words part: spacing (CLDR writes no-break, narrow and zero-width spaces
# where pages write a space or nothing) and the punctuation between a date's numbers.
# (and Arabic's comma, Burmese's: "ဇူလိုင် ၂၆၊ ၂၀၂၃")
_PART = re.compile(r"[\s\u200b\u200c\u200e\u200f,;/|\-\u2013\u2014.:@()\[\]'\u2019\u060c\u104a]+")
_SHARED = frozenset({"out", "set"})
#: French months cut to three letters, as old forum software writes them ("Dim 13 Fév 2022
#: 10:03", phpBB 2); CLDR cuts after four ("févr.", "août").
_THREE_LETTER = frozenset({"fév", "aoû"})
#: "At (the hour)" between a date and its time in Khmer ("១៤ មីនា ២០២៤ នៅម៉ោង ២០:១៥", as
#: Blogger writes it), Vietnamese ("15 Tháng 5, 2024 lúc 7:42 sáng", WordPress's) and
#: Malay ("14 Mac 2024 pada 9:47 pagi"), which this CLDR's patterns do not give; Khmer
#: "at" and "hour" may be parted by a zero-width space ("នៅ\u200bម៉ោង", WordPress's).
_AT_HOUR = frozenset({"នៅម៉ោង", "ម៉ោង", "នៅ", "lúc", "pada"})
#: The word "day" that Khmer writes before a weekday's name ("ថ្ងៃអង្គារ", Tuesday), which
#: CLDR's names leave out (Thai's and Lao's hold theirs: "วันอังคาร").
_DAY_WORD = {"km": "\u1790\u17d2\u1784\u17c3"}
#: Catalan's "of" elided before a month ("1 d'ag. 2000", "d'oct.", its apostrophe often
#: typographic): no part of the date's words; its August ("ag") is a month of two letters
#: read as those outside Latin are.
_ELIDED = re.compile(r"(?<![^\W\d_])d['\u2019](?=[^\W\d_])")
_ELIDED_MONTHS = frozenset({"ag"})
#: "Posted at" and "about" in Chinese, as forums write them before a date ("发表于 大约 1
#: 个月前"; `lines` reads them in its date labels and heads too).
POSTED_ZH = "\u53d1\u8868\u4e8e|\u767c\u8868\u65bc"
ABOUT_ZH = "\u5927\u7ea6|\u5927\u7d04|\u7ea6|\u7d04"
#: Words before a relative time that CLDR's patterns leave out: "posted" in Chinese, and
#: "about" ("发表于 大约 1 个月前", Gitalk's; "about 2 hours ago").
_AGO_LEAD = re.compile(
    rf"^(?:(?:{POSTED_ZH})\s*)?(?:(?:about|around|{ABOUT_ZH})\s*)?", re.IGNORECASE
)
#: The time zones a forum writes after its times in any language ("... ល្ងាច(UTC)").
_ZONES = frozenset({"utc", "gmt"})
#: Latin, Greek and Cyrillic letters: where a month's part of one or two letters is too
#: often a plain word.
_ALPHABETIC = re.compile(r"[A-Za-z\u00c0-\u04ff]")
_NUMBER = re.compile(r"\d+(?:st|nd|rd|th|er|e|º|ª)?", re.IGNORECASE)
#: A Vietnamese month with its number glued on ("Th3", "thg3", "tháng3": March), as
#: forum software abbreviates CLDR's "tháng 3".
_GLUED_MONTH = re.compile(r"(?:th|thg|tháng)(?:0?[1-9]|1[0-2])")


def _parts(s: str) -> list[str]:
    return [p for p in _PART.split(_ELIDED.sub("", s.lower())) if p]


def _ago_key(s: str) -> str:
    """A relative time as a lookup key: lower case, numbers as {0}, no spacing."""
    return re.sub(r"[\s\u200b\u200c]+", "", re.sub(r"\d+", "{0}", s.lower()))


def _shared_head(strings: list[str]) -> str:
    """The longest start all of `strings` share."""
    head = min(strings, default="")
    last = max(strings, default="")
    n = next((i for i, (a, b) in enumerate(zip(head, last, strict=False)) if a != b), len(head))
    return head[:n]


def _locale_tables(code: str) -> tuple[set[str], set[str], set[str], set[str]]:
    """One locale's month-name parts, other date-word parts, past relative times and
    lengths of time."""
    from babel import Locale  # (only when the cache is cold: it reads 75 locales)

    loc = Locale.parse(code)
    months: set[str] = set()
    words: set[str] = set()
    agos: set[str] = set()
    spans: set[str] = set()
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            months.update(loc.months[context][width].values())
            words.update(loc.days[context][width].values())
            # (and with the word "day" before it, as pages write it: "ថ្ងៃអង្គារ")
            words.update(_DAY_WORD.get(code, "") + d for d in loc.days[context][width].values())
            words.update(loc.day_periods[context].get(width, {}).values())
    patterns = [str(p) for p in (*loc.date_formats.values(), *loc.datetime_formats.values())]
    words.update(loc.eras["abbreviated"].values())  # "n. e.", "ค.ศ."
    for pattern in patterns:  # the quoted literals: "'à'" (French), Russian's year mark
        words.update(re.findall(r"'([^']+)'", pattern))
    fields = loc._data["date_fields"]
    for unit in _UNITS:
        for width in ("", "-short", "-narrow"):
            field = fields.get(unit + width)
            if field is not None:
                agos.update(
                    _ago_key(p.replace("{0}", "1")) for p in field["past"].values() if "{0}" in p
                )
    # a length of time alone, as a list's age column writes it ("3 ngày", "21 giờ": Tinh
    # tế's; "3 days" is one in English too): a unit's duration, and its past relative time
    # without the word every unit's has ("{0} giờ trước" less "trước", ago)
    units = loc._data["unit_patterns"]
    for unit in _UNITS[1:]:
        for plural, p in units.get(f"duration-{unit}", {}).get("long", {}).items():
            if plural != "per" and "{0}" in p:
                spans.add(_ago_key(p.replace("{0}", "1")))
    pasts = [p for u in _UNITS for p in fields[u]["past"].values() if "{0}" in p]
    lead = _shared_head(pasts).split("{0}")[0]
    tail = _shared_head([p[::-1] for p in pasts]).split("}0{")[0][::-1]
    if lead or tail:
        spans.update(_ago_key(p[len(lead) : len(p) - len(tail)].replace("{0}", "1")) for p in pasts)
    for width in ("", "-short"):  # the day before yesterday, yesterday, today
        words.update(fields["day" + width]["relative"].get(k, "") for k in (-2, -1, 0))
    # and whole past dates without a number: "yesterday", "last month", "в прошлом месяце"
    # (not "today" nor "this week" alone: a list's tabs say those)
    for unit in ("day", "week", "month", "year"):
        for width in ("", "-short"):
            past = fields[unit + width]["relative"]
            agos.update(_ago_key(past[k]) for k in (-2, -1) if past.get(k))
    month_parts = {p for m in months for p in _parts(m)}
    word_parts = {p for w in words for p in _parts(w)}
    return month_parts, word_parts - month_parts, agos, spans


def _build() -> dict[str, list[str]]:
    months: set[str] = set()
    words: set[str] = set()
    agos: set[str] = set()
    spans: set[str] = set()
    for code in LOCALES:
        m, w, a, d = _locale_tables(code)
        months |= m
        words |= w
        agos |= a
        spans |= d
    # Digits are read as numbers, never as words ("1월" keeps "월" through its own rule).
    # and a month's part of one or two letters ("de", "ma") is too often a plain word,
    # except in the scripts whose months are short or dotted ("มี.ค.", "ມິ.ຖ.", "मई").
    months = {
        m
        for m in months
        if (len(m) > 2 or not _ALPHABETIC.search(m) or m in _ELIDED_MONTHS)
        and not any(c.isdigit() for c in m)
    }
    months |= _THREE_LETTER  # (an older French form CLDR does not give)
    words = ({w for w in words if not any(c.isdigit() for c in w)} | _AT_HOUR | _ZONES) - months
    return {
        "months": sorted(months),
        "words": sorted(words),
        "agos": sorted(agos),
        "spans": sorted(spans - agos),
    }


@lru_cache(maxsize=1)
def tables() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(month parts, other date-word parts, past relative-time keys, length-of-time keys),
    cached on disk."""
    key = hashlib.sha256(f"{version('babel')} {LOCALES} {_UNITS} 24".encode()).hexdigest()[:16]
    folder = cache_dir()
    path = folder / f"datewords-{key}.json" if folder is not None else None
    data = None
    if path is not None:
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(path.read_text(encoding="utf-8"))
    if data is None:
        data = _build()
        if path is not None:
            with contextlib.suppress(OSError), atomic_write(path) as fh:
                json.dump(data, fh, ensure_ascii=False)
    return tuple(frozenset(data[k]) for k in ("months", "words", "agos", "spans"))  # type: ignore[return-value]


def cldr_ago(s: str) -> bool:
    """True when `s` is a whole relative time in the past in a CLDR locale's words ("3
    нед. назад"; without a number, "yesterday", "last month": `lines` reads those only
    after "commented")."""
    return len(s) <= 40 and _ago_key(_AGO_LEAD.sub("", s.strip())) in tables()[2]


def cldr_span(s: str) -> bool:
    """True when `s` is a length of time alone in a CLDR locale's words ("3 ngày", "21
    giờ", "3 Tage"): a list's age column says so, but a sentence's "sous 90 jours" is
    no date, so `lines` reads it only as a whole line."""
    return len(s) <= 30 and _ago_key(s.strip()) in tables()[3]


def only_date_words(s: str) -> bool:
    """True when `s` is nothing but numbers and CLDR date words ("jeu. 14 mars 2024")."""
    months, words, *_ = tables()
    parts = _parts(s)
    return bool(parts) and all(
        _NUMBER.fullmatch(p) or p in months or p in words or _GLUED_MONTH.fullmatch(p)
        for p in parts
    )


def opens_date(word: str) -> bool:
    """Can a date in CLDR's words start with `word`: a number, a month, or a date word of
    three letters or more ("jeu.", not "K.", which is also a weekday)?"""
    months, words, *_ = tables()
    parts = _parts(word)
    if not parts:
        return False
    first = parts[0]
    return (
        first[0].isdigit()
        or first in months
        or (first in words and len(first) > 2)
        or bool(_GLUED_MONTH.fullmatch(first))
    )


def names_month(s: str) -> bool:
    """True when a word of `s` is a month's name in a CLDR locale ("14 марта", "3 okt")."""
    months = tables()[0]
    named = {p for p in _parts(s) if p in months or _GLUED_MONTH.fullmatch(p)}
    # "out" and "set" (Portuguese, Catalan, Italian) are English words too: "4 out of 5" is
    # a rating, "16 de out. de 2025" a date (it has a year).
    return bool(named - _SHARED) or bool(named and re.search(r"(?<!\d)\d{4}(?!\d)", s))
