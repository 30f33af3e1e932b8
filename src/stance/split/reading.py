"""Which reading of a text page to take: the rules' (`section.py`) or the line roles'.

Where the rules' reading of a page is doubtful (`text._doubtful`: no comment, one
without a date, no author of several), `split_text` reads the page again with the
line-role model (`roles.py`) and takes the reading a logistic regression prefers, from
what each reading found: how many comments, how many with an author and a date, how long and how
much like running text their words are. The weights (`stance/data/reading_choice.json`)
were fitted on readings made blind: each annotated page read by the code as it was
before any rule was written for it (`benchmarks/build_reading_model.py`), since on the
pages the rules were written for, the rules' reading is always the better one.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from stance.split.document import Comment

MODEL_FILE = "reading_choice.json"

#: Text that reads as a sentence: it ends like one, or holds five words in a row.
_PROSE = re.compile(r"[.!?\u2026\u3002]\s*$|\w \w+ \w+ \w+ \w+")


def _summary(comments: Sequence[Comment]) -> dict[str, float]:
    """What one reading found, as shares of its comments (and two counts, logged)."""
    n = len(comments)
    per = max(n, 1)  # (no comments: every share and count is 0, and "zero" says so)
    lengths = [len(c.text) for c in comments]
    named = sum(1 for c in comments if c.author and c.posted_at)
    return {
        "n": math.log1p(n),
        "a": sum(1 for c in comments if c.author) / per,
        "d": sum(1 for c in comments if c.posted_at) / per,
        "b": named / per,
        "nb": math.log1p(named),
        "uniq": len({c.author for c in comments if c.author}) / per,
        "len": math.log1p(sum(lengths) / per),
        "short": sum(1 for x in lengths if x < 25) / per,
        "prose": sum(1 for c in comments if _PROSE.search(c.text)) / per,
        "q": sum(1 for c in comments if c.quoted) / per,
        "p": sum(1 for c in comments if c.parent) / per,
        "zero": float(n == 0),
    }


def reading_features(rules: Sequence[Comment], roles: Sequence[Comment]) -> dict[str, float]:
    """The chooser's features: each reading's summary (`R_`, `O_`) and their differences
    (`D_`)."""
    r, o = _summary(rules), _summary(roles)
    out = {f"R_{k}": v for k, v in r.items()}
    out |= {f"O_{k}": v for k, v in o.items()}
    out |= {f"D_{k}": o[k] - r[k] for k in r}
    return out


@dataclass(frozen=True)
class ReadingModel:
    """Standardised logistic regression: > 0 prefers the line roles' reading."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def score(self, features: dict[str, float]) -> float:
        """The decision value for one page's features."""
        return self.intercept + sum(
            c * (features[k] - m) / s
            for k, m, s, c in zip(self.names, self.mean, self.scale, self.coef, strict=True)
        )

    def prefers_roles(self, rules: Sequence[Comment], roles: Sequence[Comment]) -> bool:
        """Take the line roles' reading over the rules'? (Only one that names at least
        two comments: `askable`.)"""
        features = reading_features(rules, roles)
        return askable(features) and self.score(features) > 0


def askable(features: dict[str, float]) -> bool:
    """Does the roles' reading name the author and date of two comments or more? (Under
    that, the roles have mostly taken an article's byline for a comment: the seeds'
    anonymous comments; the guard predates the chooser, docs/benchmarks.md.)"""
    return round(math.expm1(features["O_nb"])) >= 2


def from_blob(blob: dict) -> ReadingModel:
    """A chooser from a weights blob (as the builder writes it)."""
    return ReadingModel(
        tuple(blob["names"]),
        tuple(blob["mean"]),
        tuple(blob["scale"]),
        tuple(blob["coef"]),
        float(blob["intercept"]),
    )


@lru_cache(maxsize=1)
def load_reading_model() -> ReadingModel:
    """Load the shipped weights file; cached after the first call."""
    raw = resources.files("stance").joinpath("data", MODEL_FILE).read_text("utf-8")
    return from_blob(json.loads(raw))
