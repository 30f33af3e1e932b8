"""A small learned classifier: is a paragraph in the article's voice or a reader's?

The separator's rules decide most paragraphs (headers, "Reply" buttons, "X said...").
Some stay undecidable, above all a comment with no header at all, recognisable only by
how it is written ("Losers and cowards, you need to..."). For those, a TF-IDF +
logistic-regression model trained on news-article paragraphs (scrapinghub
article-extraction benchmark, MIT) against reader comments (Fox News comments, MIT)
gives the probability of a reader's voice.

The shipped artefact `stance/data/paragraph_voice.json` holds plain weights (vocabulary,
idf and coefficient per n-gram, intercept), no pickle, so loading it executes no code.
`build_model` rebuilds it from ../shared/data (see benchmarks/build_paragraph_model.py);
`ParagraphVoice` scores with exactly the arithmetic of the fitted scikit-learn pipeline.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

#: File name of the shipped weights inside the package's data folder.
MODEL_FILE = "paragraph_voice.json"
#: scikit-learn's default token pattern; the scorer must tokenise exactly like training.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_NGRAMS = (1, 2)


def _tokens(text: str) -> list[str]:
    words = _TOKEN.findall(text.lower())
    out = list(words) if _NGRAMS[0] == 1 else []
    for n in range(max(2, _NGRAMS[0]), _NGRAMS[1] + 1):
        out.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return out


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
            return 1.0 / (1.0 + math.exp(-self.intercept))
        # sublinear tf * idf, l2-normalised: the TfidfVectorizer settings used in build_model
        vals = {t: (1.0 + math.log(c)) * self.weights[t][0] for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vals.values())) or 1.0
        z = self.intercept + sum(v / norm * self.weights[t][1] for t, v in vals.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


@lru_cache(maxsize=1)
def load_voice_model(path: str | None = None) -> ParagraphVoice:
    """Load the shipped (or the given) weights file; cached after the first call."""
    if path is None:
        raw = resources.files("stance").joinpath("data", MODEL_FILE).read_text("utf-8")
    else:
        raw = Path(path).read_text("utf-8")
    return from_blob(json.loads(raw))


# ---- building the artefact (needs ../shared/data; not used at run time) ------------------


def _split_paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", body) if len(p.strip()) >= 20]


def training_data(data_dir: str | Path) -> tuple[list[str], list[int], list[str]]:
    """Return (texts, labels, groups): 0 = article paragraph, 1 = reader comment.

    Groups are the article URL (scrapinghub) or the commented article (Fox News), so
    cross-validation never sees the same page on both sides.
    """
    d = Path(data_dir)
    texts: list[str] = []
    labels: list[int] = []
    groups: list[str] = []
    gt = json.loads((d / "scrapinghub-article-extraction" / "ground-truth.json").read_text("utf-8"))
    for key, rec in gt.items():
        for p in _split_paragraphs(rec.get("articleBody") or ""):
            texts.append(p)
            labels.append(0)
            groups.append(f"sh:{key}")
    seen: set[str] = set()
    with open(d / "fox-news-comments" / "fox-news-comments.json", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            # neighbouring comments ("prev"/"succ") are reader text too
            for field in ("text", "prev", "succ"):
                t = (rec.get(field) or "").strip()
                if len(t) >= 10 and t not in seen:
                    seen.add(t)
                    texts.append(t)
                    labels.append(1)
                    groups.append(f"fox:{rec.get('title', '')}")
    return texts, labels, groups


def make_pipeline(max_features: int = 20000, C: float = 4.0) -> Any:
    """The unfitted TF-IDF + LR pipeline whose arithmetic `ParagraphVoice` reproduces."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    ngram_range=_NGRAMS,
                    sublinear_tf=True,
                    min_df=2,
                    max_features=max_features,
                    lowercase=True,
                ),
            ),
            ("clf", LogisticRegression(C=C, max_iter=2000, class_weight="balanced")),
        ]
    )


def to_blob(model: Any, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Plain-JSON weights of a fitted `make_pipeline()` (class 1 = reader comment)."""
    vec, clf = model.named_steps["tfidf"], model.named_steps["clf"]
    coef = clf.coef_[0]
    weights = {t: [float(vec.idf_[i]), float(coef[i])] for t, i in sorted(vec.vocabulary_.items())}
    return {
        "format_version": 1,
        "intercept": float(clf.intercept_[0]),
        "weights": weights,
        "meta": meta or {},
    }


def from_blob(blob: dict[str, Any]) -> ParagraphVoice:
    """A scorer from a weights blob (as written by `build_model`)."""
    weights = {t: (float(i), float(c)) for t, (i, c) in blob["weights"].items()}
    return ParagraphVoice(weights, float(blob["intercept"]), blob.get("meta", {}))


def build_model(
    data_dir: str | Path,
    out: str | Path | None = None,
    *,
    folds: int = 5,
    max_features: int = 20000,
    C: float = 4.0,
) -> dict[str, Any]:
    """Fit TF-IDF + LR on `training_data`, report grouped CV accuracy, write the JSON.

    Returns the blob written (weights, intercept, meta with CV accuracy and counts).
    """
    import numpy as np
    from sklearn.model_selection import GroupKFold, cross_val_score

    texts, labels, groups = training_data(data_dir)
    y = np.array(labels)
    cv = GroupKFold(folds)
    scores = cross_val_score(
        make_pipeline(max_features, C), texts, y, groups=groups, cv=cv, scoring="accuracy"
    )
    bal = cross_val_score(
        make_pipeline(max_features, C), texts, y, groups=groups, cv=cv, scoring="balanced_accuracy"
    )
    model = make_pipeline(max_features, C).fit(texts, y)
    blob = to_blob(
        model,
        {
            "model": "TfidfVectorizer(word 1-2, sublinear_tf, l2) + LogisticRegression"
            f"(C={C}, balanced)",
            "data": "scrapinghub articleBody paragraphs (0) vs Fox News comments (1), MIT",
            "rows": {"article": int((y == 0).sum()), "comment": int((y == 1).sum())},
            "cv": f"GroupKFold({folds}) by page",
            "cv_accuracy": round(float(scores.mean()), 4),
            "cv_balanced_accuracy": round(float(bal.mean()), 4),
        },
    )
    # 6 significant digits keep the file small; scores move by < 1e-4
    blob["weights"] = {
        t: [round(i, 5), round(c, 6)] for t, (i, c) in blob["weights"].items() if abs(c) >= 1e-5
    }
    if out is not None:
        Path(out).write_text(
            json.dumps(blob, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    return blob
