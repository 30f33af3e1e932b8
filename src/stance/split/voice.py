"""A small learned classifier: is a paragraph in the article's voice or a reader's?

The separator's rules decide most paragraphs (headers, "Reply" buttons, "X said...").
Some stay undecidable, above all a comment with no header at all, recognisable only by
how it is written ("Losers and cowards, you need to..."). For those, a TF-IDF +
logistic-regression model trained on news-article paragraphs (scrapinghub
article-extraction benchmark, MIT) against reader comments (Fox News comments, MIT)
gives the probability of a reader's voice.

The shipped artefact `stance/data/paragraph_voice.json` holds plain weights (vocabulary,
idf and coefficient per n-gram, intercept), no pickle, so loading it executes no code.
benchmarks/build_paragraph_model.py rebuilds it; `ParagraphVoice` scores with exactly the
arithmetic of the fitted scikit-learn pipeline.
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

#: File name of the shipped weights inside the package's data folder.
MODEL_FILE = "paragraph_voice.json"
#: The word n-gram range the model is trained with (the builder's TfidfVectorizer).
NGRAMS = (1, 2)
#: scikit-learn's default token pattern; the scorer must tokenise exactly like training.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _tokens(text: str) -> list[str]:
    words = _TOKEN.findall(text.lower())
    out = list(words) if NGRAMS[0] == 1 else []
    for n in range(max(2, NGRAMS[0]), NGRAMS[1] + 1):
        out.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return out


def sigmoid(z: float) -> float:
    """The logistic function of a shipped logistic regression (0 where exp overflows)."""
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


@dataclass(frozen=True)
class ParagraphVoice:
    """Scores P(reader's voice) of a paragraph with shipped TF-IDF + LR weights."""

    weights: dict[str, tuple[float, float]]  # n-gram -> (idf, coefficient)
    intercept: float
    meta: dict[str, Any]

    def proba_reader(self, text: str) -> float:
        """Probability that `text` is a reader comment rather than article text."""
        counts = Counter(t for t in _tokens(text) if t in self.weights)
        if not counts:
            return sigmoid(self.intercept)
        # sublinear tf * idf, l2-normalised: the TfidfVectorizer settings of the builder
        vals = {t: (1.0 + math.log(c)) * self.weights[t][0] for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vals.values())) or 1.0
        z = self.intercept + sum(v / norm * self.weights[t][1] for t, v in vals.items())
        return sigmoid(z)


def from_blob(blob: dict[str, Any]) -> ParagraphVoice:
    """A scorer from a weights blob (as the builder writes it)."""
    weights = {t: (float(i), float(c)) for t, (i, c) in blob["weights"].items()}
    return ParagraphVoice(weights, float(blob["intercept"]), blob.get("meta", {}))


@lru_cache(maxsize=1)
def load_voice_model() -> ParagraphVoice:
    """Load the shipped weights file; cached after the first call."""
    raw = resources.files("stance").joinpath("data", MODEL_FILE).read_text("utf-8")
    return from_blob(json.loads(raw))
