"""Words behind a score: reasons and tone spans.

Reasons name the comment's words: every n-gram's contribution (tf-idf value x the
linear model's coefficient) is handed to the words of the text it lies in
(`CompiledPipeline.word_contributions`) and added up per word; the words that pushed
hardest toward the deciding labels are listed (`idiot +1.52, stupid +0.80`). A pipeline
whose n-grams cannot be attributed to words lists its n-grams instead (`top_arrays`).

Tone spans are the words that push the comment away from `civil` (`tone_push`), as
character offsets into the text as given (`word_spans`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from stance.errors import InputError
from stance.fast.compiled import CompiledPipeline
from stance.fast.vectorizer import Features, kernels
from stance.fast.words import WordHits, spans_in_text

#: The tone label spans push away from.
NEUTRAL_TONE = "civil"
#: How a word's push away from `civil` weighs the non-civil labels: "mixture" (each by
#: its share of their probability) or "top" (the most probable non-civil label only).
SPAN_MODES = ("mixture", "top")
#: A word joins a tone span when its push away from `civil` (its contribution to the
#: log-odds of a non-civil label against `civil`, see `tone_words`) is at least this.
#: benchmarks/spans.py (TOXICSPANS, 5-fold CV, threshold by nested CV inside each
#: training fold) chose 0.95-1.05 in every fold: mean character F1 55.3 (no span 39.9,
#: a lexicon learned from the training spans 53.3); with SPAN_RELATIVE, 0.85-1.0.
SPAN_THRESHOLD = 0.95
#: ... and at least this share of the push of the comment's strongest word: raters mark
#: the worst words, not every one that leans away from civil. Chosen with the threshold
#: by the same nested CV (0.6-0.7 in every fold): mean F1 55.3 -> 56.1, higher in each
#: of the 5 folds.
SPAN_RELATIVE = 0.65


def top_arrays(
    feats: list[Features], rows: np.ndarray, weights: np.ndarray, set_id: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each i, the k features of CSR row rows[i] (over the feature parts) with the
    largest positive contribution tf-idf x weights[set_id[i]]: (i, column,
    contribution) arrays ordered by i, then best first (ties: lower column first).

    Exact for the linear model: the logit of the labels behind a weight vector is the
    sum of these contributions over all features plus the intercept.
    """
    rows = np.asarray(rows, dtype=np.int64)
    if k <= 0 or not len(rows):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    out_col = np.full((len(rows), k), -1, dtype=np.int64)
    out_val = np.zeros((len(rows), k))
    for indptr, cols, vals in feats:
        kernels().top_k_rows(indptr, cols, vals, rows, weights, set_id, out_col, out_val)
    keep = out_col.ravel() >= 0
    return np.repeat(np.arange(len(rows)), k)[keep], out_col.ravel()[keep], out_val.ravel()[keep]


def top_grams(
    cp: CompiledPipeline,
    feats: list[Features],
    rows: np.ndarray,
    weights: np.ndarray,
    set_id: np.ndarray,
    k: int,
) -> list[list[tuple[str, float]]]:
    """`top_arrays` as a list per row of (n-gram name, contribution)."""
    row, col, contrib = top_arrays(feats, rows, weights, set_id, k)
    out: list[list[tuple[str, float]]] = [[] for _ in range(len(rows))]
    for r, name, v in zip(row.tolist(), cp.display_names(col), contrib.tolist(), strict=True):
        out[r].append((name, v))
    return out


def gram_text(name: str, weight: float) -> str:
    """One item of a reasons list: `idiot +1.52`."""
    return f"{name} {weight:+.2f}"


def gram_texts(names: Sequence[str], weights: Sequence[float]) -> list[str]:
    """`gram_text` of each (name, weight) pair, each distinct weight formatted once
    (a batch's rounded weights repeat: formatting a float is most of the cost)."""
    signed = {w: f"{w:+.2f}" for w in set(weights)}
    # (0.0 and -0.0 are one key of the dict, but print apart: formatted each time)
    return [
        name + " " + (signed[w] if w else f"{w:+.2f}")
        for name, w in zip(names, weights, strict=True)
    ]


def format_grams(grams: Sequence[tuple[str, float]]) -> str:
    """`idiot +1.52, " idi" +0.40` (char n-grams quoted so their spaces show)."""
    return ", ".join(gram_text(g, w) for g, w in grams)


def top_word_arrays(
    wh: WordHits,
    contrib: np.ndarray,
    rows: np.ndarray,
    k: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each i, the k distinct words of document rows[i] whose summed contributions
    (over their occurrences) are largest and positive: (i, the word's first occurrence
    (index into wh.words), sum), ordered by i, then best first (ties: earlier word)."""
    rows = np.asarray(rows, dtype=np.int64)
    if k <= 0 or not len(rows):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    words = wh.words
    out_tok = np.full((len(rows), k), -1, dtype=np.int64)
    out_val = np.zeros((len(rows), k))
    kernels().top_words(
        words.ptr, rows, words.form, np.ascontiguousarray(contrib), out_tok, out_val
    )
    keep = out_tok.ravel() >= 0
    return np.repeat(np.arange(len(rows)), k)[keep], out_tok.ravel()[keep], out_val.ravel()[keep]


def word_offsets(
    wh: WordHits,
    docs: np.ndarray,
    tok: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """[start, end) of words `tok` (of documents `docs`) in the texts as given."""
    words = wh.words
    start = words.start[tok]
    end = words.end[tok]
    docs = np.asarray(docs, dtype=np.int64)
    moved = np.flatnonzero(wh.moved()[docs])
    if not len(moved):
        return start.copy(), end.copy()
    starts, ends, of = start.tolist(), end.tolist(), docs.tolist()
    by_doc: dict[int, list[int]] = {}  # the moved words, by document
    for i in moved.tolist():
        by_doc.setdefault(of[i], []).append(i)
    texts = wh.batch.docs
    for d, idx in by_doc.items():
        got = spans_in_text(texts[d], words.prep, [starts[i] for i in idx], [ends[i] for i in idx])
        if got is not None:
            for i, a, b in zip(idx, *got, strict=True):
                starts[i], ends[i] = a, b
    return np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)


def word_texts(wh: WordHits, docs: np.ndarray, tok: np.ndarray) -> list[str]:
    """The words `tok` (of documents `docs`) as they are written in the texts."""
    start, end = word_offsets(wh, docs, tok)
    texts = wh.batch.docs
    return [
        texts[d][a:b]
        for d, a, b in zip(np.asarray(docs).tolist(), start.tolist(), end.tolist(), strict=True)
    ]


def tone_push(
    cp: CompiledPipeline,
    wh: WordHits | None,
    proba: np.ndarray,
    mode: str,
) -> np.ndarray:
    """Each word's push away from `civil`: its contribution to the log-odds of a
    non-civil label against `civil` (the coefficients' difference; exact for the
    linear model), the labels weighed by their share of the non-civil probability
    ("mixture") or only the most probable one ("top")."""
    if wh is None:
        raise InputError(
            "no tone spans: the tone pipeline's n-grams cannot be attributed to words",
            fix="score without --spans",
        )
    others, contrast = cp.contrast_combos(NEUTRAL_TONE)
    n = len(wh.batch)
    if not others:
        return np.zeros(len(wh.words.form))
    cols = [cp.classes.index(c) for c in others]
    p = proba[:, cols]
    if mode == "top":
        share = np.zeros_like(p)
        share[np.arange(n), p.argmax(axis=1)] = 1.0
    else:
        share = p / np.maximum(p.sum(axis=1, keepdims=True), 1e-300)
    set_ids = np.tile(np.arange(len(others), dtype=np.int64), (n, 1))
    contrib, _ = cp.word_contributions(wh, np.arange(n), contrast, set_ids)
    return (contrib * share[wh.words.doc()]).sum(axis=1)


def word_spans(
    wh: WordHits,
    push: np.ndarray,
    threshold: float,
    relative: float = SPAN_RELATIVE,
) -> list[list[list[int]]]:
    """Per document of the batch: [start, end) offsets (into the text as given) of the
    runs of words whose push is >= threshold and >= `relative` x the document's
    strongest push (`selected`); words next to each other (nothing but spaces and
    punctuation between them) make one span. Sorted, never overlapping."""
    words = wh.words
    n = len(wh.batch)
    out: list[list[list[int]]] = [[] for _ in range(n)]
    doc_of = words.doc()
    strongest = np.full(n, -np.inf)
    np.maximum.at(strongest, doc_of, push)
    sel = np.flatnonzero(selected(push, strongest[doc_of], threshold, relative))
    if not len(sel):
        return out
    doc = doc_of[sel]
    joined = np.zeros(len(sel), dtype=bool)
    joined[1:] = (sel[1:] == sel[:-1] + 1) & (doc[1:] == doc[:-1]) & ~words.split[sel[1:]]
    first = sel[~joined]
    last = sel[np.r_[~joined[1:], True]]
    span_doc = doc[~joined]
    start, _ = word_offsets(wh, span_doc, first)
    _, end = word_offsets(wh, span_doc, last)
    for d, a, b in zip(span_doc.tolist(), start.tolist(), end.tolist(), strict=True):
        out[d].append([a, b])
    return out


def selected(
    push: np.ndarray, strongest: np.ndarray | float, threshold: float, relative: float
) -> np.ndarray:
    """Which words join a span: push >= threshold, and >= relative x the strongest push
    of their comment where that is positive."""
    cut = np.where(np.asarray(strongest) > 0, relative * np.asarray(strongest), -np.inf)
    return (push >= threshold) & (push >= cut)


def spans_from_words(
    start: np.ndarray,
    end: np.ndarray,
    push: np.ndarray,
    split: np.ndarray,
    threshold: float,
    relative: float = SPAN_RELATIVE,
) -> list[tuple[int, int]]:
    """One text's spans from its `tone_words` at `threshold` (as `word_spans`)."""
    spans: list[tuple[int, int]] = []
    prev = -2
    strongest = float(push.max()) if len(push) else 0.0
    for t in np.flatnonzero(selected(push, strongest, threshold, relative)).tolist():
        if spans and t == prev + 1 and not split[t]:
            spans[-1] = (spans[-1][0], int(end[t]))
        else:
            spans.append((int(start[t]), int(end[t])))
        prev = t
    return spans
