"""A small learned classifier: is a line of a plain-text page dump boilerplate?

A whole-page dump (a copy-paste or a text export of a web page) carries the site's
navigation, sidebars, "related stories" lists and footer around the article. No rule
names them all, but they look alike on every site: short lines, list bullets, title-cased
links, runs of such lines far from the page's prose, lines that repeat. This model scores
each line from a few such layout features (the line's own and its neighbours') and the
line's words, with logistic regression trained on the scrapinghub article-extraction
pages (MIT): a line of a page's dump is article when it is part of the page's gold
article body, else boilerplate.

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
)

#: Texts shorter than this (in lines) are an article's text, not a page dump.
MIN_LINES = 12
#: A non-prose line this close (in lines) to article prose on both sides stays article.
ENCLOSED = 4
#: The longest run of flagged lines that article prose on both sides can keep.
RUN = 6

_BULLET = re.compile(r"^\s*(?:[*\-•·▪►>+]|\d{1,3}[.)])\s")
_SENTENCE_END = re.compile(r"[.!?…\"\u201d\u2019)]$")
_WORD = re.compile(r"[^\W\d_]{2,}")


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

    def boilerplate(self, lines: list[str]) -> list[bool]:
        """Which lines of a dump are boilerplate.

        P(boilerplate) at least the threshold, and for a line of running text at least
        the higher `prose_threshold` (losing article text costs more than keeping a
        footer sentence). A line with article prose on both sides within `ENCLOSED`
        lines stays article (a list or a subheading inside the article). A text of
        fewer than `MIN_LINES` lines is no page dump: nothing is flagged.
        """
        if len(lines) < MIN_LINES:
            return [False] * len(lines)
        cleaned = [clean_line(x) for x in lines]
        prose = [running_text(s, words(s)) for s in cleaned]
        flags = [
            p >= (self.prose_threshold if pr else self.threshold)
            for p, pr in zip(self.proba(lines), prose, strict=True)
        ]
        return _enclosed_runs(flags, [pr and not f for pr, f in zip(prose, flags, strict=True)])


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
    )


@lru_cache(maxsize=1)
def load_line_model() -> LineModel:
    """Load the shipped weights file; cached after the first call."""
    raw = resources.files("stance").joinpath("data", MODEL_FILE).read_text("utf-8")
    return from_blob(json.loads(raw))
