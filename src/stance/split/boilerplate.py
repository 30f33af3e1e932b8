"""A small learned classifier: is a line of a plain-text page dump boilerplate?

A whole-page dump (a copy-paste or a text export of a web page) carries the site's
navigation, sidebars, "related stories" lists and footer around the article. No rule
names them all, but they look alike on every site: short lines, list bullets, title-cased
links, runs of such lines far from the page's prose, lines that repeat. This model scores
each line from a few such layout features (the line's own, its neighbours' and its
place in the page: the run of menu-like lines it stands in, how often it occurs, how
much of the page's prose lies before and after it) and the line's words, with logistic
regression trained on the scrapinghub article-extraction pages (MIT): a line of a page's
dump is article when it is part of the page's gold article body, else boilerplate. The
article is one block of running text; outside that block (`main_block`) a lower score
makes a line boilerplate.

The shipped artefact `stance/data/line_boilerplate.json` holds plain weights (feature
means, scales and coefficients, word coefficients, intercept), no pickle.
benchmarks/build_boilerplate_model.py rebuilds it; `LineModel` scores with exactly the
arithmetic of the fitted scikit-learn model.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from stance.split.lines import clean_line, meta_type, nav_like, words
from stance.split.voice import sigmoid

#: File name of the shipped weights inside the package's data folder.
MODEL_FILE = "line_boilerplate.json"

#: The layout features, in the order `layout_features` returns them.
FEATURES = (
    "log_chars",
    "words",
    "sentence_end",
    "colon_end",
    "bullet",
    "caps_share",
    "digit_share",
    "separator_chars",
    "nav_like",
    "meta",
    "repeated",
    "edge_distance",
    "prose",
    "prose_near",
    "prose_window",
    "prose_distance",
    "neighbour_chars",
    "bullets_near",
    "main_block",
    "lower_start",
    "short_run",
    "short_near",
    "copies",
    "position",
    "prose_before",
    "prose_after",
)

#: Texts shorter than this (in lines) are an article's text, not a page dump.
MIN_LINES = 12
#: A non-prose line this close (in lines) to article prose on both sides stays article.
ENCLOSED = 4
#: The longest run of flagged lines that article prose on both sides can keep.
RUN = 6
#: Running-text lines at most this far apart belong to one block of the page.
GAP = 25
#: Lines before the article's block that still count as its own (title, byline, lead).
LEAD = 40
#: Outside the article's block a line needs the lower score on average over this many
#: lines on each side too (an item of a list the article runs on into is among items).
SMOOTH = 2

_BULLET = re.compile(r"^\s*(?:[*\-•·▪►>+]|\d{1,3}[.)])\s")
_SENTENCE_END = re.compile(r"[.!?…\"\u201d\u2019)]$")
_WORD = re.compile(r"[^\W\d_]{2,}")
_CJK_STOP = re.compile(r"[\u3002\uff01\uff1f]")


def running_text(s: str, w: list[str]) -> bool:
    """A line of running text: a sentence of several words, or a long line."""
    return (len(w) >= 10 and bool(_SENTENCE_END.search(s))) or len(w) >= 20


def _window(values: list[float], i: int, k: int) -> float:
    lo, hi = max(0, i - k), min(len(values), i + k + 1)
    return sum(values[lo:hi]) / (hi - lo)


def _distances(flags: list[bool]) -> list[int]:
    """For each line, how many lines away the nearest *other* flagged line is."""
    n = len(flags)
    far = n + 1
    left, right = [far] * n, [far] * n
    last = None
    for i in range(n):
        if last is not None:
            left[i] = i - last
        if flags[i]:
            last = i
    last = None
    for i in range(n - 1, -1, -1):
        if last is not None:
            right[i] = last - i
        if flags[i]:
            last = i
    return [min(a, b) for a, b in zip(left, right, strict=True)]


def _own_features(raw: str, s: str, w: list[str], repeated: bool) -> list[float]:
    caps = sum(1 for x in w if x[0].isupper() or x[0].isdigit())
    return [
        math.log1p(len(s)) / 6,
        min(len(w), 60) / 60,
        float(bool(_SENTENCE_END.search(s))),
        float(s.endswith(":")),
        float(bool(_BULLET.match(raw))),
        caps / len(w) if w else 1.0,
        sum(c.isdigit() for c in s) / max(1, len(s)),
        float(bool(re.search(r"[|»\u203a·•]", s))),
        float(nav_like(s)),
        float(meta_type(s) is not None),
        float(repeated),
    ]


def _short(s: str, w: list[str]) -> bool:
    """A menu-like line: a few words, not a sentence."""
    return bool(s) and len(w) <= 4 and not _SENTENCE_END.search(s)


def _runs(flags: list[bool]) -> list[int]:
    """For each line, the length of the run of flagged lines it stands in (0 if none)."""
    out = [0] * len(flags)
    i = 0
    while i < len(flags):
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = j + 1 if j == i else j
    return out


def _page_features(cleaned: list[str], wl: list[list[str]], cum: list[int]) -> list[list[float]]:
    """Features of a line's place in its page: the run of menu-like lines it stands in,
    how many such lines are near, how often it occurs, where it stands, and how much
    of the page's prose lies before and after it."""
    n = len(cleaned)
    short = [_short(s, w) for s, w in zip(cleaned, wl, strict=True)]
    runs = _runs(short)
    short_f = [float(x) for x in short]
    counts = Counter(s for s in cleaned if s)
    total = cum[-1] or 1
    return [
        [
            math.log1p(runs[i]) / 4,
            _window(short_f, i, 5),
            math.log1p(counts[cleaned[i]] - 1 if cleaned[i] else 0) / 2,
            i / max(1, n - 1),
            cum[i] / total,
            (total - cum[i + 1]) / total,
        ]
        for i in range(n)
    ]


def layout_features(lines: list[str]) -> list[list[float]]:
    """The layout features (`FEATURES`) of each line of a dump, given in page order."""
    n = len(lines)
    cleaned = [clean_line(x) for x in lines]
    wl = [words(s) for s in cleaned]
    counts = Counter(s for s in cleaned if s)
    prose = [running_text(s, w) for s, w in zip(cleaned, wl, strict=True)]
    prose_f = [float(p) for p in prose]
    chars = [math.log1p(len(s)) / 6 for s in cleaned]
    bullets = [float(bool(_BULLET.match(x))) for x in lines]
    prose_chars = [len(s) if p else 0 for s, p in zip(cleaned, prose, strict=True)]
    total_prose = sum(prose_chars) or 1
    cum = [0]
    for c in prose_chars:
        cum.append(cum[-1] + c)
    dist = _distances(prose)
    page = _page_features(cleaned, wl, cum)
    out: list[list[float]] = []
    for i in range(n):
        s, w = cleaned[i], wl[i]
        own = _own_features(lines[i], s, w, counts[s] > 1)
        lo, hi = max(0, i - 15), min(n, i + 16)
        out.append(
            [
                *own,
                min(i, n - 1 - i) / max(1, n),
                prose_f[i],
                _window(prose_f, i, 3),
                _window(prose_f, i, 10),
                math.log1p(min(dist[i], 50)) / 4,
                (_window(chars, i, 2) * 5 - chars[i]) / 4,
                _window(bullets, i, 3),
                (cum[hi] - cum[lo]) / total_prose,
                float(bool(s) and s[0].islower()),
                *page[i],
            ]
        )
    return out


def line_words(line: str) -> set[str]:
    """The lowercase words of a line that the word part of the model looks at."""
    return set(_WORD.findall(line.lower()))


@dataclass(frozen=True)
class LineModel:
    """Scores P(boilerplate) of each line of a dump with shipped logistic-regression weights."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    words: dict[str, float]
    intercept: float
    threshold: float
    prose_threshold: float
    meta: dict[str, Any]
    #: The threshold for lines outside the article's block (`main_block`); None: the same.
    outside_threshold: float | None = None
    #: The threshold for lines below the article's last running text and above the
    #: comment section (related stories, author boxes, newsletters, footers; a list the
    #: article ends with scores lower); None: no such rule.
    below_threshold: float | None = None

    @property
    def outside(self) -> float:
        """The threshold of a line (not running text) outside the article's block."""
        return self.threshold if self.outside_threshold is None else self.outside_threshold

    def proba(self, lines: list[str]) -> list[float]:
        """P(boilerplate) for each line of a dump (its lines in page order)."""
        out = []
        for line, x in zip(lines, layout_features(lines), strict=True):
            z = self.intercept + sum(
                (v - m) / sc * c
                for v, m, sc, c in zip(x, self.mean, self.scale, self.coef, strict=True)
            )
            z += sum(self.words.get(t, 0.0) for t in line_words(line))
            out.append(sigmoid(z))
        return out

    def _inside(self, prose: bool) -> float:
        return self.prose_threshold if prose else self.threshold

    def boilerplate(self, lines: list[str], end: int | None = None) -> list[bool]:
        """Which lines of a dump are boilerplate.

        P(boilerplate) at least the threshold, and for a line of running text at least
        the higher `prose_threshold` (losing article text costs more than keeping a
        footer sentence); outside the article's block (`main_block`, looked for before
        `end`, where the comment section starts) at least the lower `outside_threshold`,
        alone and on average over `SMOOTH` lines each side (a sidebar or a footer away
        from the article's prose, not one item of a list among low-scored items). A line
        with article prose on both sides within `ENCLOSED` lines stays article (a list
        or a subheading inside the article). Below the last line of article prose before
        `end`, a score of `below_threshold` is enough. A text of fewer than `MIN_LINES`
        lines is no page dump: nothing is flagged.
        """
        if len(lines) < MIN_LINES:
            return [False] * len(lines)
        cleaned = [clean_line(x) for x in lines]
        prose = [running_text(s, words(s)) for s in cleaned]
        block = [pr or _cjk_sentence(s) for s, pr in zip(cleaned, prose, strict=True)]
        lo, hi = main_block(cleaned[:end], block[:end])
        ps = self.proba(lines)
        flags = [
            p >= self._inside(pr)
            or (not lo <= i < hi and p >= self.outside and _window(ps, i, SMOOTH) >= self.outside)
            for i, (p, pr) in enumerate(zip(ps, prose, strict=True))
        ]
        flags = _enclosed_runs(flags, [pr and not f for pr, f in zip(prose, flags, strict=True)])
        if self.below_threshold is None:
            return flags
        stop = len(lines) if end is None else end
        last = max((i for i in range(stop) if prose[i] and not flags[i]), default=stop)
        return [
            f or (last < i < stop and p >= self.below_threshold)
            for i, (f, p) in enumerate(zip(flags, ps, strict=True))
        ]


def _cjk_sentence(s: str) -> bool:
    """Running text of a script written without spaces (Japanese, Chinese): a long line
    with a full stop, which `running_text` cannot count the words of."""
    return len(s) >= 30 and len(s.split()) < 5 and bool(_CJK_STOP.search(s))


def main_block(cleaned: list[str], prose: list[bool]) -> tuple[int, int]:
    """The article's block: from `LEAD` lines before to the end of the run of running-text
    lines (at most `GAP` lines apart) that holds the most prose characters."""
    best, best_chars = (0, len(cleaned)), 0
    i, n = 0, len(cleaned)
    while i < n:
        if not prose[i]:
            i += 1
            continue
        start, end, chars = i, i, 0
        while end < n and prose[end]:
            chars += len(cleaned[end])
            nxt = next((k for k in range(end + 1, min(n, end + GAP + 1)) if prose[k]), None)
            if nxt is None:
                break
            end = nxt
        if chars > best_chars:
            best, best_chars = (max(0, start - LEAD), end + 1), chars
        i = end + 1
    return best


def _enclosed_runs(flags: list[bool], kept: list[bool]) -> list[bool]:
    """Unflag each run of flagged lines (at most `RUN` long) that has article prose
    within `ENCLOSED` lines on both sides: a list or subheadings inside the article."""
    out = list(flags)
    n, i = len(flags), 0
    while i < n:
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < n and flags[j]:
            j += 1
        if j - i <= RUN and any(kept[max(0, i - ENCLOSED) : i]) and any(kept[j : j + ENCLOSED]):
            out[i:j] = [False] * (j - i)
        i = j
    return out


def from_blob(blob: dict[str, Any]) -> LineModel:
    """A scorer from a weights blob (as the builder writes it)."""
    if list(blob["features"]) != list(FEATURES):
        raise ValueError("line model features do not match this version of stance")
    return LineModel(
        tuple(blob["mean"]),
        tuple(blob["scale"]),
        tuple(blob["coef"]),
        {t: float(c) for t, c in blob["words"].items()},
        float(blob["intercept"]),
        float(blob["threshold"]),
        float(blob["prose_threshold"]),
        blob.get("meta", {}),
        blob.get("outside_threshold"),
        blob.get("below_threshold"),
    )


@lru_cache(maxsize=1)
def load_line_model() -> LineModel:
    """Load the shipped weights file; cached after the first call."""
    raw = resources.files("stance").joinpath("data", MODEL_FILE).read_text("utf-8")
    return from_blob(json.loads(raw))
