"""One comment explained: the words behind each head's label, their weights, the spans.

`explain` scores one text and lists, per head, the words that pushed toward its label:
a word's weight is the sum of its n-grams' shares of tf-idf x coefficient
(`word_weights`; exact for the linear model). `tone_words` and `tone_spans` give the
tone spans of many texts at any threshold (benchmarks/spans.py tunes it on them).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from stance.errors import InputError
from stance.fast.batch import TextBatch
from stance.policy import Policy
from stance.score.scorer import Scorer, ScoringModel, char_batches, model_policy, spans_reason
from stance.score.words import (
    SPAN_THRESHOLD,
    spans_from_words,
    tone_push,
    top_grams,
    word_offsets,
)


def _scoring(model: Any) -> ScoringModel:
    if isinstance(model, Scorer):
        return model.model
    return model if isinstance(model, ScoringModel) else ScoringModel(model)


def explain(
    model: Any,
    text: str,
    *,
    target: str | None = None,
    k: int = 10,
    policy: Policy | None = None,
    labels: dict[str, str] | None = None,
    span_threshold: float = SPAN_THRESHOLD,
) -> dict[str, Any]:
    """Score one text and list, per head, the words that pushed toward its prediction
    (or toward `labels[head]`, a label the caller names).

    Returns {"scores": {column: value}, "action", "reasons", "heads": {head: {"label",
    "predicted", "probability", "words": [(word, weight)...], "outside_words", "grams":
    [(ngram, weight)...]}}, "spans": [(start, end)...]}. A word's weight is the sum of
    its n-grams' shares of tf-idf x coefficient (see `word_weights`; "words" is None for
    a pipeline whose n-grams cannot be attributed to words); "grams" are the n-grams
    themselves; "spans" are the tone spans (None when the model has none).
    """
    policy = policy or model_policy(model)
    sm = _scoring(model)
    scorer = Scorer(
        sm, policy, reasons_k=k, spans=spans_reason(sm) is None, span_threshold=span_threshold
    )
    asked = dict(labels or {})
    for head, label in asked.items():
        if head not in scorer.labels or label not in scorer.labels[head]:
            raise InputError(
                f"{label!r} is not a {head} label (labels: "
                f"{', '.join(scorer.labels.get(head, []))})",
                fix="pass one of the labels",
            )
    frame = scorer.score([text], [target])
    row = frame.iloc[0]
    heads: dict[str, Any] = {}
    for head in scorer.heads:
        cp = scorer.model.pipeline_for(head, target if head == "stance" else None)
        label = asked.get(head, row[head])
        _, feats = cp.score([text])
        weights = cp.class_weights([label])
        grams = (
            []
            if weights is None
            else top_grams(
                cp, feats, np.arange(1), weights[None, :], np.zeros(1, dtype=np.int64), k
            )[0]
        )
        words: list[tuple[str, float]] | None = None  # None: n-grams only
        outside = 0.0
        if weights is not None and cp.words_reason is None:
            ww = word_weights(sm, text, head=head, label=label, target=target)
            by_form: dict[str, tuple[str, float]] = {}  # the k best words, as in reasons
            for w in ww.words:
                first, total = by_form.get(w.form, (w.text, 0.0))
                by_form[w.form] = (first, total + w.weight)
            words = sorted(((t, v) for t, v in by_form.values() if v > 0), key=lambda it: -it[1])[
                :k
            ]
            outside = ww.outside
        heads[head] = {
            "label": label,
            "predicted": row[head],
            "probability": float(row[f"{head}_p_{label}"]),
            "words": words,
            "outside_words": outside,
            "grams": grams,
        }
    spans = [tuple(sp) for sp in json.loads(row["tone_spans"])] if scorer.spans else None
    return {
        "scores": {c: row[c] for c in scorer.columns() if c != "tone_spans"},
        "action": row["action"],
        "reasons": row["reasons"],
        "heads": heads,
        "spans": spans,
    }


def parse_labels(labels: dict[str, list[str]], values: Sequence[str]) -> dict[str, str]:
    """`--label` values (LABEL or HEAD:LABEL) -> {head: label}; a bare label applies to
    every head that has it. Unknown heads or labels: InputError."""
    out: dict[str, str] = {}
    every = "; ".join(f"{h}: {', '.join(v)}" for h, v in labels.items())
    for value in values:
        head, sep, label = value.rpartition(":")
        if sep:
            if head not in labels or label not in labels[head]:
                raise InputError(
                    f"--label {value!r}: not a label of the {head} head ({every})"
                    if head in labels
                    else f"--label {value!r}: no head {head!r} ({every})",
                    fix="pass one of the labels",
                )
            out[head] = label
            continue
        found = [h for h, v in labels.items() if label in v]
        if not found:
            raise InputError(
                f"--label {value!r} is not a label of any head ({every})",
                fix="pass one of the labels",
            )
        out.update(dict.fromkeys(found, label))
    return out


@dataclass
class Word:
    """One word of a text: where it is (in the text as given), its text, its weight."""

    start: int
    end: int
    text: str
    weight: float
    form: str  # the word as the model reads it (lowercased, entities decoded)


@dataclass
class WordWeights:
    """A text's words and their shares of one label's logit (`word_weights`)."""

    head: str
    label: str
    words: list[Word]
    outside: float  # contributions that lie in no word (punctuation-only n-grams...)
    total: float  # sum over features of tf-idf x coefficient: logit minus intercept
    intercept: float


def word_weights(
    model: Any,
    text: str,
    *,
    head: str = "tone",
    label: str | None = None,
    target: str | None = None,
) -> WordWeights:
    """Every word of `text` (each occurrence) with its share of `label`'s logit (default:
    the predicted label): words' weights + `outside` = `total` = the logit minus the
    intercept (exact for the linear model, up to float rounding)."""
    sm = _scoring(model)
    if head not in sm.heads:
        raise InputError(f"the model has no {head} head")
    cp = sm.pipeline_for(head, target if head == "stance" else None)
    proba, feats, wh = cp.score([text], words=True)
    if label is None:
        label = cp.classes[int(np.argmax(proba[0]))]
    weights = cp.class_weights([label])
    if weights is None or wh is None:
        raise InputError(f"the {head} pipeline cannot attribute its n-grams to words")
    total = float(sum((values * weights[indices]).sum() for _, indices, values in feats))
    contrib, rest = cp.word_contributions(
        wh, np.arange(1), cp.class_combo([label])[None, :], np.zeros((1, 1), dtype=np.int64)
    )
    n_words = int(wh.words.ptr[1])
    tok = np.arange(n_words)
    start, end = word_offsets(wh, np.zeros(n_words, dtype=np.int64), tok)
    done = wh.batch.texts(wh.words.prep)[0]
    words = [
        Word(a, b, text[a:b], float(v), done[s:e])
        for a, b, v, s, e in zip(
            start.tolist(),
            end.tolist(),
            contrib[:, 0].tolist(),
            wh.words.start.tolist(),
            wh.words.end.tolist(),
            strict=True,
        )
    ]
    c = cp.classes.index(label)
    if len(cp.intercept) == 1:  # binary: classes[0]'s logit is the negated one
        intercept = float(cp.intercept[0] if c == 1 else -cp.intercept[0])
    else:
        intercept = float(cp.intercept[c])
    return WordWeights(head, label, words, float(rest[0, 0]), total, intercept)


def tone_words(
    model: Any,
    texts: Sequence[str],
    *,
    mode: str = "mixture",
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Per text: its words' (start, end) offsets in the text, their push away from
    `civil` (see `tone_push`) and whether a word character (too short to be a word)
    lies between a word and the one before; `spans_from_words` turns these into spans
    for any threshold."""
    sm = _scoring(model)
    why = spans_reason(sm)
    if why:
        raise InputError(f"no tone spans: {why}")
    cp = sm.pipeline_for("tone")
    out = []
    texts = list(texts)
    for s in char_batches(texts):
        chunk = texts[s]
        batch = TextBatch(chunk)
        proba, _, wh = cp.score(batch, words=True)
        push = tone_push(cp, wh, proba, mode)
        tok = np.arange(len(wh.words.form))
        start, end = word_offsets(wh, wh.words.doc(), tok)
        for d in range(len(chunk)):
            a, b = int(wh.words.ptr[d]), int(wh.words.ptr[d + 1])
            out.append((start[a:b], end[a:b], push[a:b], wh.words.split[a:b]))
    return out


def tone_spans(
    model: Any, texts: Sequence[str], *, threshold: float = SPAN_THRESHOLD, mode: str = "mixture"
) -> list[list[tuple[int, int]]]:
    """Per text, the [start, end) character offsets (into the text as given) of the
    words that push it away from `civil`, adjacent words merged: the `tone_spans`
    column of `stance score --spans`. `model`: a loaded model, ScoringModel or Scorer."""
    return [spans_from_words(*tw, threshold) for tw in tone_words(model, texts, mode=mode)]
