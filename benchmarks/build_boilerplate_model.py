"""Rebuild src/stance/data/line_boilerplate.json, the text dumps' boilerplate line model.

Usage: python benchmarks/build_boilerplate_model.py [DATA_DIR] [--threshold P]
(DATA_DIR defaults to ../shared/data beside the repository). Prints the grouped
cross-validated figures that go into docs/benchmarks.md.

Training data: the 181 scrapinghub article-extraction pages (MIT), each turned into a
plain-text dump with inscriptis (the way a copy-paste of the page reads) and cut into the
text engine's lines. A line is article when it is part of the page's gold article body,
else boilerplate. The model: the layout features of `stance.split.boilerplate`
(standardised) plus the line's words (binary, words on at least `min_df` pages), logistic
regression. The threshold is not fitted here: it is chosen on the development half of
the trafilatura comment pages (`benchmarks/separator.py --tune`) and passed in.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path
from typing import Any

from stance.split.boilerplate import (
    FEATURES,
    MODEL_FILE,
    from_blob,
    layout_features,
    line_words,
)
from stance.split.text import unit_lines

ROOT = Path(__file__).resolve().parents[1]
#: P(boilerplate) at or above which a line the rules left editorial becomes boilerplate.
DEFAULT_THRESHOLD = 0.9
#: The same for a line of running text (a sentence of ten words or more).
DEFAULT_PROSE_THRESHOLD = 0.9
#: The same for any line outside the article's block (`boilerplate.main_block`).
DEFAULT_OUTSIDE_THRESHOLD = 0.4
#: The same for a line below the article's last line of running text (and above the
#: comment section): related stories, author boxes, newsletters and footers.
DEFAULT_BELOW_THRESHOLD = 0.3


def _norm(text: str) -> str:
    return " ".join(text.split())


def page_lines(html: str) -> list[str]:
    """A page's dump, cut into the text engine's lines."""
    from inscriptis import get_text  # benchmark-only dependency

    return unit_lines(get_text(html))


def training_data(data_dir: str | Path) -> tuple[list[list[str]], list[list[int]], list[str]]:
    """(pages' lines, their labels 1 = boilerplate / 0 = article, page keys)."""
    base = Path(data_dir) / "scrapinghub-article-extraction"
    gt = json.loads((base / "ground-truth.json").read_text("utf-8"))
    pages, labels, keys = [], [], []
    for key in sorted(gt):
        html = gzip.decompress((base / "html" / f"{key}.html.gz").read_bytes())
        lines = page_lines(html.decode("utf-8", "replace"))
        body = " " + _norm(gt[key].get("articleBody") or "") + " "
        y = []
        for line in lines:
            s = _norm(line).lstrip("*-•· ").strip()
            y.append(0 if s and (s in body if len(s) >= 30 else f" {s} " in body) else 1)
        pages.append(lines)
        labels.append(y)
        keys.append(key)
    return pages, labels, keys


def matrix(pages: list[list[str]], vocab: dict[str, int], mean: Any, scale: Any) -> tuple:
    """(standardised layout features, binary word matrix) of these pages' lines."""
    import numpy as np
    from scipy import sparse

    dense = np.array([x for lines in pages for x in layout_features(lines)], dtype=float)
    rows, cols = [], []
    r = 0
    for lines in pages:
        for line in lines:
            for t in line_words(line):
                if t in vocab:
                    rows.append(r)
                    cols.append(vocab[t])
            r += 1
    words = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r, len(vocab)))
    return (dense - mean) / scale, words


def stack(dense: Any, words: Any) -> Any:
    """The model's input: layout features then words, as one sparse matrix."""
    from scipy import sparse

    return sparse.hstack([sparse.csr_matrix(dense), words]).tocsr()


def _vocab(pages: list[list[str]], min_df: int) -> dict[str, int]:
    from collections import Counter

    df = Counter(t for lines in pages for t in {w for x in lines for w in line_words(x)})
    return {t: i for i, t in enumerate(sorted(t for t, c in df.items() if c >= min_df))}


def fit_model(pages: list[list[str]], labels: list[list[int]], *, C: float, min_df: int) -> tuple:
    """Fit on these pages: (classifier, vocabulary, feature means, feature scales)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    vocab = _vocab(pages, min_df)
    raw = np.array([x for lines in pages for x in layout_features(lines)], dtype=float)
    mean, scale = raw.mean(0), raw.std(0)
    scale[scale == 0] = 1.0
    dense, words = matrix(pages, vocab, mean, scale)
    y = np.array([v for ys in labels for v in ys])
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
    return clf.fit(stack(dense, words), y), vocab, mean, scale


def to_blob(clf: Any, vocab: dict[str, int], mean: Any, scale: Any) -> dict[str, Any]:
    """Plain-JSON weights of a fitted model (class 1 = boilerplate), without threshold."""
    coef = clf.coef_[0]
    k = len(FEATURES)
    inv = {i: t for t, i in vocab.items()}
    return {
        "format_version": 1,
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in coef[:k]],
        "words": {inv[i]: round(float(c), 5) for i, c in enumerate(coef[k:]) if abs(c) >= 1e-3},
        "intercept": round(float(clf.intercept_[0]), 6),
    }


def fit(pages: list[list[str]], labels: list[list[int]], *, C: float, min_df: int) -> dict:
    """Fit on these pages; the plain-JSON blob (without threshold and meta)."""
    return to_blob(*fit_model(pages, labels, C=C, min_df=min_df))


def cross_validate(
    pages: list[list[str]], labels: list[list[int]], *, C: float, min_df: int, folds: int = 5
) -> dict[str, float]:
    """Grouped (by page) CV at threshold 0.5: boilerplate recall and article recall."""
    kept = [0, 0]
    art = [0, 0]
    for f in range(folds):
        train = [i for i in range(len(pages)) if i % folds != f]
        test = [i for i in range(len(pages)) if i % folds == f]
        blob = fit([pages[i] for i in train], [labels[i] for i in train], C=C, min_df=min_df)
        model = from_blob({**blob, "threshold": 0.5, "prose_threshold": 0.5})
        for i in test:
            for p, y in zip(model.proba(pages[i]), labels[i], strict=True):
                slot = kept if y else art
                slot[1] += 1
                slot[0] += (p >= 0.5) == bool(y)
    return {
        "boilerplate_lines_caught": round(kept[0] / kept[1], 4),
        "article_lines_kept": round(art[0] / art[1], 4),
        "lines": kept[1] + art[1],
    }


def build(
    data_dir: str | Path,
    out: str | Path | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    prose_threshold: float = DEFAULT_PROSE_THRESHOLD,
    outside_threshold: float = DEFAULT_OUTSIDE_THRESHOLD,
    below_threshold: float = DEFAULT_BELOW_THRESHOLD,
    C: float = 0.3,
    min_df: int = 5,
) -> dict[str, Any]:
    """Cross-validate, fit on all pages, write the JSON; returns the blob."""
    pages, labels, _ = training_data(data_dir)
    cv = cross_validate(pages, labels, C=C, min_df=min_df)
    blob = fit(pages, labels, C=C, min_df=min_df)
    blob["threshold"] = threshold
    blob["prose_threshold"] = prose_threshold
    blob["outside_threshold"] = outside_threshold
    blob["below_threshold"] = below_threshold
    blob["meta"] = {
        "model": f"layout features (standardised) + binary words (min_df {min_df} pages) "
        f"-> LogisticRegression(C={C}, balanced)",
        "data": "scrapinghub article-extraction pages as inscriptis dumps, MIT: lines of "
        "the gold articleBody (0) vs every other line (1)",
        "pages": len(pages),
        "cv": "5 folds by page, threshold 0.5",
        **cv,
        "threshold": f"{threshold} ({prose_threshold} for running text, {outside_threshold} "
        f"outside the article's block, {below_threshold} below its last running text), "
        "chosen on the trafilatura comment pages (and, for the last, the scrapinghub "
        "article paragraphs it must keep)",
    }
    if out is not None:
        Path(out).write_text(
            json.dumps(blob, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    return blob


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--prose-threshold", type=float, default=DEFAULT_PROSE_THRESHOLD)
    ap.add_argument("--outside-threshold", type=float, default=DEFAULT_OUTSIDE_THRESHOLD)
    ap.add_argument("--below-threshold", type=float, default=DEFAULT_BELOW_THRESHOLD)
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--min-df", type=int, default=5)
    args = ap.parse_args()
    out = ROOT / "src" / "stance" / "data" / MODEL_FILE
    blob = build(
        args.data,
        out,
        threshold=args.threshold,
        prose_threshold=args.prose_threshold,
        outside_threshold=args.outside_threshold,
        below_threshold=args.below_threshold,
        C=args.C,
        min_df=args.min_df,
    )
    print(json.dumps(blob["meta"], indent=2))
    print(f"wrote {out} ({out.stat().st_size / 1e3:.0f} kB, {len(blob['words'])} words)")


if __name__ == "__main__":
    main()
