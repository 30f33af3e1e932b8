"""The text features and the per-head pipeline: word + character n-gram TF-IDF -> LR.

The fitted pipeline holds stock scikit-learn objects only (no lambdas, no custom
classes), so `joblib.load` opens it without importing `stance`. The one function inside
is the standard library's `html.unescape` (the vectorizers' `strip_accents`, see
`FeatureConfig.unescape_html`): `skops.io.load` lists it as a type to trust
(`trusted=["html.unescape"]`); `unescape_html=False` gives a pipeline without it.

Pipeline shape (other modules, the fast scorer and outside tools rely on the names; the
"char" part is left out with `char=False`, a "lexicon" part added with `lexicon=True`):

    Pipeline([
        ("features", FeatureUnion([("word", TfidfVectorizer(analyzer="word")),
                                   ("char", TfidfVectorizer(analyzer="char_wb"))])),
        ("clf", LogisticRegression()),
    ])
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from importlib import resources

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline


@dataclass
class FeatureConfig:
    """Hyperparameters of one pipeline (training varies min_df and C over its grid)."""

    word_ngram: tuple[int, int] = (1, 2)
    char_ngram: tuple[int, int] = (2, 5)
    # False: no char n-gram part. About twice the scoring speed, for a measured loss out
    # of domain (docs/benchmarks.md, "What the throughput goal would cost").
    char: bool = True
    # min_df 1: on small labelled sets (SemEval targets: 400-700 rows) rare n-grams carry
    # much of the signal (5-fold CV F_avg 69.6 vs 68.4 with min_df 2).
    min_df: int = 1
    max_df: float = 1.0
    # Keep hashtags and @handles as their own tokens ("#tcot" is not "tcot") and keep
    # one-letter words; CV on SemEval: +0.4 F_avg over scikit-learn's default pattern.
    token_pattern: str = r"(?u)[#@]?\b\w+\b"
    sublinear_tf: bool = True
    lowercase: bool = True
    # HTML entities as the characters they stand for ("&amp;" -> "&", "&#128533;" -> an
    # emoji), at training and at scoring time alike: comment exports often carry them.
    # Done inside the stock pipeline, as the vectorizers' `strip_accents` callable
    # (scikit-learn lowercases, then calls it); `html.unescape` is a stdlib function, so
    # `joblib.load` still needs nothing but scikit-learn.
    unescape_html: bool = True
    C: float = 1.0
    # "balanced", None, or a class -> weight table (training's pooled stance pipeline).
    class_weight: str | dict[str, float] | None = "balanced"
    max_iter: int = 2000
    # lbfgs stopping tolerance: 1e-3 stops the 90k-row tone fit after ~70 iterations
    # instead of several hundred, for the same predictions to within noise.
    tol: float = 1e-4
    # A third feature part: one binary feature per entry of the shipped offensive-word
    # list (`offensive_words()`), unnormalised, so a listed word counts in full however
    # long the comment. Stock: a TfidfVectorizer with a fixed `vocabulary`.
    lexicon: bool = False
    random_state: int = 0


@functools.cache
def offensive_words() -> tuple[str, ...]:
    """The shipped offensive-word list (data/offensive-en.txt; sources and licences in
    its header): lowercase entries of one to three tokens joined by a space."""
    text = resources.files("stance").joinpath("data/offensive-en.txt").read_text("utf-8")
    return tuple(line for line in text.splitlines() if line and not line.startswith("#"))


def build_pipeline(cfg: FeatureConfig | None = None) -> Pipeline:
    """Return an unfitted word+char TF-IDF -> logistic-regression pipeline."""
    cfg = cfg or FeatureConfig()
    common = dict(
        lowercase=cfg.lowercase,
        sublinear_tf=cfg.sublinear_tf,
        strip_accents=html.unescape if cfg.unescape_html else None,
        min_df=cfg.min_df,
        max_df=cfg.max_df,
        dtype=np.float32,
    )
    word = TfidfVectorizer(
        analyzer="word",
        ngram_range=tuple(cfg.word_ngram),
        token_pattern=cfg.token_pattern,
        **common,
    )
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(cfg.char_ngram), **common)
    clf = LogisticRegression(
        C=cfg.C,
        class_weight=cfg.class_weight,
        max_iter=cfg.max_iter,
        tol=cfg.tol,
        random_state=cfg.random_state,
    )
    parts = [("word", word), *([("char", char)] if cfg.char else [])]
    if cfg.lexicon:
        parts.append(
            (
                "lexicon",
                TfidfVectorizer(
                    analyzer="word",
                    token_pattern=r"(?u)\b\w\w+\b",
                    ngram_range=(1, 3),
                    vocabulary=offensive_words(),
                    binary=True,
                    use_idf=False,
                    norm=None,
                    lowercase=True,
                    strip_accents=common["strip_accents"],
                    dtype=np.float32,
                ),
            )
        )
    return Pipeline([("features", FeatureUnion(parts)), ("clf", clf)])
