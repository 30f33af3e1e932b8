"""A shipped linear scorer that picks the best of a page's candidates: an author among
the pieces of a comment's head lines (`roles.AuthorModel`), a title among a dump's lines
(`texttitle.load_title_model`). Logistic-regression weights over named features, read
from plain JSON (no pickle), scored with the fitted model's arithmetic."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Ranker:
    """Weights and intercept of a logistic regression over dict features."""

    coef: dict[str, float]
    intercept: float

    def score(self, features: dict[str, int]) -> float:
        """The decision value (log-odds) of one candidate."""
        return self.intercept + sum(self.coef.get(k, 0.0) * v for k, v in features.items())

    def best(self, candidates: list[dict[str, int]], floor: float = -math.inf) -> int | None:
        """The index of the highest-scoring candidate (the first of equals), or None when
        there is none or none scores above `floor`."""
        best, top = None, floor
        for i, f in enumerate(candidates):
            z = self.score(f)
            if z > top:
                best, top = i, z
        return best
