"""Rebuild src/stance/data/paragraph_voice.json, the separator's paragraph-voice model.

Usage: python benchmarks/build_paragraph_model.py [DATA_DIR]
(DATA_DIR defaults to ../shared/data beside the repository). Prints the grouped
cross-validated accuracy that goes into docs/benchmarks.md.

The model: TF-IDF word 1-2-grams + logistic regression, news-article paragraphs
(scrapinghub article-extraction benchmark, MIT) against reader comments (Fox News
comments, MIT). `stance.split.voice.ParagraphVoice` scores with exactly the arithmetic of
the pipeline `make_pipeline` fits, from the plain weights `to_blob` writes.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from stance.split.voice import MODEL_FILE, NGRAMS

ROOT = Path(__file__).resolve().parents[1]


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
                    ngram_range=NGRAMS,
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


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    out = ROOT / "src" / "stance" / "data" / MODEL_FILE
    blob = build_model(data, out)
    print(json.dumps(blob["meta"], indent=2))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(blob['weights'])} n-grams)")


if __name__ == "__main__":
    main()
