"""Batch scoring: comment files in, one scored row per input row out.

    stance score MODEL INPUT... [--out OUT]

Inputs are tables (CSV, TSV, JSONL, Parquet; gzipped too), pages (text dumps and HTML,
split into comments by `stance.separate` first), folders of either, and `-` (stdin).
Each row comes out once, in input order, with its own columns plus `stance`,
`stance_p_<label>`..., `tone`, `tone_p_<label>`..., `action` and `reasons` (and, with
`spans=True`, `tone_spans`).

Reasons name the comment's words: every n-gram's contribution (tf-idf value x the
linear model's coefficient) is handed to the words of the text it lies in
(`CompiledPipeline.word_contributions`) and added up per word; the words that pushed
hardest toward the deciding labels are listed (`idiot +1.52, stupid +0.80`). Tone spans
are the words that push the comment away from `civil`, as character offsets into the
text as given (`tone_spans`).

Tables are read in chunks of `chunksize` rows; each chunk is scored by a worker process
(fork, model shared copy-on-write) and written as one part file beside the output
(`.OUT.parts/`); when all parts exist they are joined into OUT by an atomic rename. A
run that dies leaves its finished parts, and `resume=True` scores only the missing ones,
so no row is lost or doubled. Memory is bounded by a few chunks, whatever the input size.

Scores come from `stance.fast.compiled.CompiledPipeline` (scikit-learn's exact n-gram counts,
tf-idf and the linear model in one compiled pass): they equal `pipeline.predict_proba` on
the same texts to about 1e-6.

Rows that cannot be scored (empty or whitespace text, a cell that is not a string, text
over `max_chars`, invalid UTF-8) stop the run with an error naming the row
(`on_error="fail"`), or (`on_error="mark"`) come out unscored with the reason in an
`error` column and action `review`.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import json
import os
import pickle
import re
import shutil
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import InputError
from stance.fast.batch import TextBatch
from stance.fast.compiled import CompiledPipeline
from stance.fast.vectorizer import Features
from stance.fast.words import WordHits, original_spans
from stance.io import atomic_write, file_sha256, iter_table, neutralise_cells, table_format
from stance.labels import HEADS, POOLED
from stance.policy import Policy, default_policy, load_policy

ON_ERROR = ("fail", "mark")
#: Exit code of `stance score` when it finished but marked rows it could not score.
EXIT_MARKED = 4
#: Characters scored per vectorised batch: bounds the n-gram arrays (~100 bytes a char).
BATCH_CHARS = 400_000
#: Stance training rows a target's pipeline needs before `stance` names a side: below it
#: the column says `none` (probabilities still written) and the scorer warns once. On
#: SemEval's targets F_avg climbs steeply up to about this many rows (docs/stance.md).
MIN_STANCE_ROWS = 50
#: Version of the pickled `ScoringModel`'s own attributes (part of the cache key).
SCORING_LAYOUT = 2
_SURROGATES = re.compile("[\ud800-\udfff]")
#: The tone label spans push away from.
NEUTRAL_TONE = "civil"
#: How a word's push away from `civil` weighs the non-civil labels: "mixture" (each by
#: its share of their probability) or "top" (the most probable non-civil label only).
SPAN_MODES = ("mixture", "top")
#: A word joins a tone span when its push away from `civil` (its contribution to the
#: log-odds of a non-civil label against `civil`, see `tone_words`) is at least this.
#: benchmarks/spans.py (TOXICSPANS, 5-fold CV, threshold by nested CV inside each
#: training fold) chose 0.95-1.05 in every fold: mean character F1 55.3 (no span 39.9,
#: a lexicon learned from the training spans 53.3).
SPAN_THRESHOLD = 1.0


# ---- the scorer -------------------------------------------------------------------------


class ScoringModel:
    """What the scorer needs of a model: per head and target a `CompiledPipeline` (no
    scikit-learn object when every pipeline compiles), the labels and the model folder."""

    def __init__(self, model: Any) -> None:
        compiled: dict[int, CompiledPipeline] = {}
        self.heads: dict[str, dict[str, CompiledPipeline]] = {}
        for head, pipes in model.heads.items():  # one compiled copy per distinct pipeline
            self.heads[head] = {}
            for target, pipe in pipes.items():
                if id(pipe) not in compiled:
                    compiled[id(pipe)] = CompiledPipeline(pipe)
                self.heads[head][target] = compiled[id(pipe)]
        self.labels = {h: list(v) for h, v in model.labels.items()}
        self.default_target = model.default_target
        self.path = model.path
        # stance training rows behind each pipeline (its own target's rows; "*": pooled)
        cv = getattr(model, "meta", {}).get("cv", {}).get("stance", {})
        self.stance_rows = {
            t: int(i["rows"])
            for t, i in cv.items()
            if t != "per_target" and isinstance(i, dict) and "rows" in i
        }

    def stance_rows_for(self, target: str | None) -> int | None:
        """Training rows of the pipeline that serves `target` (None: unknown)."""
        rows = getattr(self, "stance_rows", {})
        target = target or self.default_target
        own = target in self.heads.get("stance", {}) and target in rows
        return rows.get(target) if own else rows.get(POOLED)

    def pipeline_for(self, head: str, target: str | None = None) -> CompiledPipeline:
        """As `StanceModel.pipeline_for`: the target's own pipeline, else the pooled one."""
        pipes = self.heads[head]
        if target is None or target == "":
            target = self.default_target if head == "stance" else POOLED
        return pipes.get(target, pipes[POOLED])


@dataclass
class Scorer:
    """A loaded model and a policy, ready to score texts in batches."""

    model: Any  # a ScoringModel, or a stance.model.StanceModel (compiled here)
    policy: Policy
    reasons_k: int = 3
    spans: bool = False  # add the `tone_spans` column
    span_threshold: float = SPAN_THRESHOLD
    span_mode: str = "mixture"

    def __post_init__(self) -> None:
        if not isinstance(self.model, ScoringModel):
            self.model = ScoringModel(self.model)
        self.heads = [h for h in HEADS if h in self.model.heads]
        self.labels = {h: list(self.model.labels[h]) for h in self.heads}
        self.warnings = self.policy.check(self.labels)
        if "stance" in self.heads:
            self.warnings += self._thin_stance_warnings()
        if self.spans:
            why = spans_reason(self.model)
            if why:
                raise InputError(f"no tone spans: {why}", fix="score without --spans")
        if self.span_mode not in SPAN_MODES:
            raise InputError(f"span mode {self.span_mode!r}", fix="use mixture or top")
        # heads whose n-grams may have to be attributed to words: those that can decide
        # a row's reasons (a rule's head, or the fallback), and tone for its spans
        fallback = "tone" if "tone" in self.heads else (self.heads[0] if self.heads else "")
        self._word_heads = {r.head for r in self.policy.rules} | {fallback}
        if self.spans:
            self._word_heads.add("tone")

    def _thin_stance_warnings(self) -> list[str]:
        known = [t for t in self.model.heads["stance"] if t != POOLED]
        out = []
        for t in dict.fromkeys([self.model.default_target, *known]):
            n = self.model.stance_rows_for(t)
            if n is not None and n < MIN_STANCE_ROWS:
                out.append(
                    f"stance: target {t!r} has {n} training rows (fewer than "
                    f"{MIN_STANCE_ROWS}): its stance column says none, with the "
                    "probabilities still written; label more rows (labels/GUIDE.md)"
                )
        n = getattr(self.model, "stance_rows", {}).get(POOLED)  # what unseen targets get
        pipes = self.model.heads["stance"]
        if (
            n is not None
            and n < MIN_STANCE_ROWS
            and any(pipes[t] is not pipes[POOLED] for t in known)
        ):
            out.append(
                f"stance: targets without a pipeline of their own use the pooled one, "
                f"trained on {n} rows (fewer than {MIN_STANCE_ROWS}): their stance "
                "says none"
            )
        return out

    def columns(self) -> list[str]:
        """The columns every scored frame has, in order."""
        cols = []
        for head in self.heads:
            cols.append(head)
            cols.extend(f"{head}_p_{label}" for label in self.labels[head])
        return [*cols, "action", "reasons", *(["tone_spans"] if self.spans else [])]

    def score(
        self,
        texts: Sequence[str],
        targets: Sequence[str | None] | None = None,
    ) -> pd.DataFrame:
        """Score texts (all valid strings) -> the `columns()` frame, in input order."""
        texts = list(texts)
        targets = list(targets) if targets is not None else [None] * len(texts)
        parts, start, size = [], 0, 0
        for i, text in enumerate(texts):  # batches bounded in characters, not rows
            size += len(text) + 1
            if size >= BATCH_CHARS or i == len(texts) - 1:
                parts.append(self._score_batch(texts[start : i + 1], targets[start : i + 1]))
                start, size = i + 1, 0
        if not parts:
            return pd.DataFrame(
                {c: pd.Series(dtype=float if "_p_" in c else object) for c in self.columns()}
            )
        return pd.concat(parts, ignore_index=True)

    def _score_batch(self, texts: list[str], targets: list[str | None]) -> pd.DataFrame:
        n = len(texts)
        batch = TextBatch(texts)
        cols: dict[str, Any] = {}
        features: dict[str, list[_Scored]] = {}
        for head in self.heads:
            vocab = self.labels[head]
            proba = np.zeros((n, len(vocab)))
            # rows grouped by pipeline: look each distinct target up once, not per row
            keys = targets if head == "stance" else [None] * n
            distinct = list(dict.fromkeys(keys))
            which = [self.model.pipeline_for(head, t) for t in distinct]
            code = (
                np.array([distinct.index(t) for t in keys])
                if len(distinct) > 1
                else np.zeros(n, dtype=np.int64)
            )
            groups: dict[int, tuple[CompiledPipeline, list[int]]] = {}
            for j, cp in enumerate(which):
                groups.setdefault(id(cp), (cp, []))[1].append(j)
            features[head] = []
            for cp, codes in groups.values():
                rows = np.flatnonzero(np.isin(code, codes))
                sub = batch if len(rows) == n else TextBatch([texts[i] for i in rows])
                p, feats, *wh = cp.score(sub, words=head in self._word_heads)
                proba[np.ix_(rows, [vocab.index(c) for c in cp.classes])] = p
                features[head].append(_Scored(cp, rows, feats, wh[0] if wh else None, p))
            best = proba.argmax(axis=1)
            if head == "stance" and "none" in vocab:
                # too few training rows behind a target's pipeline: say none, not a guess
                thin = [
                    j
                    for j, t in enumerate(distinct)
                    if (self.model.stance_rows_for(t) or MIN_STANCE_ROWS) < MIN_STANCE_ROWS
                ]
                if thin:
                    best = np.where(np.isin(code, thin), vocab.index("none"), best)
            # object dtype: pandas would otherwise convert every label to an Arrow string
            cols[head] = pd.Series(np.array(vocab, dtype=object)[best], dtype=object)
            for j, label in enumerate(vocab):
                cols[f"{head}_p_{label}"] = proba[:, j]
        frame = pd.DataFrame(cols)
        which_rule, value = self.policy.match(frame)
        actions = np.array(
            [r.action for r in self.policy.rules] + [self.policy.otherwise], dtype=object
        )
        frame["action"] = pd.Series(actions[which_rule], dtype=object)  # -1: otherwise
        frame["reasons"] = pd.Series(
            self._reasons(frame, which_rule, value, features), dtype=object
        )
        if self.spans:
            cells = np.full(n, "[]", dtype=object)
            for g in features["tone"]:
                tw = _tone_push(g.cp, g.words, g.proba, self.span_mode)
                cells[g.rows] = [
                    json.dumps(sp, separators=(",", ":"))
                    for sp in word_spans(g.words, tw, self.span_threshold)
                ]
            frame["tone_spans"] = pd.Series(cells, dtype=object)
        return frame

    def _reasons(
        self,
        frame: pd.DataFrame,
        which: np.ndarray,
        value: np.ndarray,
        features: dict[str, list[_Scored]],
    ) -> list[str]:
        """Per row: the deciding rule, then the words that pushed toward its labels
        (n-grams when the pipeline cannot attribute them to words).

        The deciding rule's head and labels, or (no rule matched) the predicted tone.
        """
        n = len(frame)
        heads = list(features)
        fallback = "tone" if "tone" in heads else (heads[0] if heads else None)
        predicted = frame[fallback].to_numpy(dtype=object) if fallback else None
        prefix = np.empty(n, dtype=object)
        dec_head = np.full(n, "", dtype=object)
        dec_set = np.full(n, -1, dtype=np.int64)  # index into label_sets
        label_sets: list[tuple[str, ...]] = []
        rules = self.policy.rules
        for w in np.unique(which).tolist():  # rows grouped by their deciding rule
            idx = np.flatnonzero(which == w)
            if w >= 0:
                rule = rules[w]
                prefix[idx] = rule.describe_many(value[idx].tolist())
                if rule.head in features:
                    dec_head[idx] = rule.head
                    dec_set[idx] = len(label_sets)
                    label_sets.append(tuple(rule.labels))
            elif predicted is not None:
                labels, inverse = np.unique(predicted[idx].astype(str), return_inverse=True)
                prefix[idx] = [f"no rule matched; {fallback} {p}" for p in predicted[idx]]
                dec_head[idx] = fallback
                dec_set[idx] = len(label_sets) + inverse
                label_sets.extend((str(lab),) for lab in labels)
            else:
                prefix[idx] = "no rule matched"
        grams: list[str] = [""] * n
        for head, groups in features.items():
            for g in groups:
                cp, rows, feats = g.cp, g.rows, g.feats
                mine = np.flatnonzero(dec_head[rows] == head)
                if not len(mine):
                    continue
                sets, set_id = np.unique(dec_set[rows[mine]], return_inverse=True)
                if cp.coef_t is None:
                    continue  # a classifier without coefficients gives no n-grams
                set_id = set_id.astype(np.int64)
                if g.words is not None:  # the words that pushed
                    combos = np.stack([cp.class_combo(label_sets[i]) for i in sets.tolist()])
                    contrib, _ = cp.word_contributions(g.words, mine, combos, set_id[:, None])
                    row, tok, val = top_word_arrays(g.words, contrib[:, 0], mine, self.reasons_k)
                    names = word_texts(g.words, mine[row], tok)
                else:  # n-grams (a pipeline the words cannot be found for)
                    weights = np.stack([cp.class_weights(label_sets[i]) for i in sets.tolist()])
                    row, col, val = top_arrays(feats, mine, weights, set_id, self.reasons_k)
                    names = cp.display_names(col)
                shown = val >= 0.005  # nothing that would read "+0.00"
                if not shown.all():
                    row, val = row[shown], val[shown]
                    names = [nm for nm, keep in zip(names, shown.tolist(), strict=True) if keep]
                items = [
                    _gram_text(name, v)
                    for name, v in zip(names, np.round(val, 2).tolist(), strict=True)
                ]
                bounds = np.searchsorted(row, np.arange(len(mine) + 1)).tolist()
                for i, r in enumerate(rows[mine].tolist()):
                    if bounds[i + 1] > bounds[i]:
                        grams[r] = ", ".join(items[bounds[i] : bounds[i + 1]])
        return [f"{p}: {g}" if g else p for p, g in zip(prefix.tolist(), grams, strict=True)]


def top_arrays(
    feats: list[Features], rows: np.ndarray, weights: np.ndarray, set_id: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each i, the k features of CSR row rows[i] (over the feature parts) with the
    largest positive contribution tf-idf x weights[set_id[i]]: (i, column,
    contribution) arrays ordered by i, then best first (ties: lower column first).

    Exact for the linear model: the logit of the labels behind a weight vector is the
    sum of these contributions over all features plus the intercept.
    """
    from stance.fast.vectorizer import kernels

    rows = np.asarray(rows, dtype=np.int64)
    if k <= 0 or not len(rows):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    kern = kernels()
    if kern is not None:
        out_col = np.full((len(rows), k), -1, dtype=np.int64)
        out_val = np.zeros((len(rows), k))
        for indptr, cols, vals in feats:
            kern.top_k_rows(indptr, cols, vals, rows, weights, set_id, out_col, out_val)
        keep = out_col.ravel() >= 0
        return (
            np.repeat(np.arange(len(rows)), k)[keep],
            out_col.ravel()[keep],
            out_val.ravel()[keep],
        )
    found: list[tuple[np.ndarray, ...]] = []  # numpy: every entry of the rows, sorted
    for indptr, cols, vals in feats:
        lengths = np.diff(indptr)[rows]
        starts = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        sel = np.arange(starts[-1]) + np.repeat(indptr[rows] - starts[:-1], lengths)
        row_all = np.repeat(np.arange(len(rows)), lengths)
        c_all = vals[sel] * weights[set_id[row_all], cols[sel]]
        good = c_all > 0
        found.append((row_all[good], cols[sel][good], c_all[good]))
    row, col, contrib = (np.concatenate(a) for a in zip(*found, strict=True))
    order = np.lexsort((col, -contrib, row))
    row, col, contrib = row[order], col[order], contrib[order]
    keep = np.arange(len(row)) - np.searchsorted(row, row) < k  # place in its row
    return row[keep], col[keep], contrib[keep]


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


def _gram_text(name: str, weight: float) -> str:
    return f"{name} {weight:+.2f}"


def format_grams(grams: Sequence[tuple[str, float]]) -> str:
    """`idiot +1.52, " idi" +0.40` (char n-grams quoted so their spaces show)."""
    return ", ".join(_gram_text(g, w) for g, w in grams)


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


# ---- words: reasons and spans ---------------------------------------------------------------


@dataclass
class _Scored:
    """One pipeline's share of a scored batch: its rows, features, words, probabilities."""

    cp: CompiledPipeline
    rows: np.ndarray
    feats: list[Features]
    words: WordHits | None
    proba: np.ndarray


def top_word_arrays(
    wh: WordHits,
    contrib: np.ndarray,
    rows: np.ndarray,
    k: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each i, the k distinct words of document rows[i] whose summed contributions
    (over their occurrences) are largest and positive: (i, the word's first occurrence
    (index into wh.words), sum), ordered by i, then best first (ties: earlier word)."""
    from stance.fast.vectorizer import kernels

    rows = np.asarray(rows, dtype=np.int64)
    if k <= 0 or not len(rows):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    words = wh.words
    kern = kernels()
    if kern is not None:
        out_tok = np.full((len(rows), k), -1, dtype=np.int64)
        out_val = np.zeros((len(rows), k))
        kern.top_words(words.ptr, rows, words.form, np.ascontiguousarray(contrib), out_tok, out_val)
        keep = out_tok.ravel() >= 0
        return (
            np.repeat(np.arange(len(rows)), k)[keep],
            out_tok.ravel()[keep],
            out_val.ravel()[keep],
        )
    found_i, found_t, found_v = [], [], []
    for i, r in enumerate(rows.tolist()):
        sums: dict[int, list[Any]] = {}
        for t in range(int(words.ptr[r]), int(words.ptr[r + 1])):
            entry = sums.setdefault(int(words.form[t]), [t, 0.0])
            entry[1] += float(contrib[t])
        best = sorted((v for v in sums.values() if v[1] > 0), key=lambda e: (-e[1], e[0]))
        for t, v in best[:k]:
            found_i.append(i)
            found_t.append(t)
            found_v.append(v)
    return (
        np.array(found_i, dtype=np.int64),
        np.array(found_t, dtype=np.int64),
        np.array(found_v, dtype=np.float64),
    )


def word_offsets(
    wh: WordHits,
    docs: np.ndarray,
    tok: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """[start, end) of words `tok` (of documents `docs`) in the texts as given."""
    words = wh.words
    start = words.start[tok].copy()
    end = words.end[tok].copy()
    docs = np.asarray(docs, dtype=np.int64)
    moved = np.flatnonzero(wh.moved()[docs])
    if not len(moved):
        return start, end
    moved = moved[np.argsort(docs[moved], kind="stable")]  # grouped by document
    bounds = np.flatnonzero(np.diff(docs[moved])) + 1
    texts = wh.batch.docs
    for idx in np.split(moved, bounds):
        start[idx], end[idx] = original_spans(
            texts[int(docs[idx[0]])], words.prep, start[idx], end[idx]
        )
    return start, end


def word_texts(wh: WordHits, docs: np.ndarray, tok: np.ndarray) -> list[str]:
    """The words `tok` (of documents `docs`) as they are written in the texts."""
    start, end = word_offsets(wh, docs, tok)
    texts = wh.batch.docs
    return [
        texts[d][a:b]
        for d, a, b in zip(np.asarray(docs).tolist(), start.tolist(), end.tolist(), strict=True)
    ]


def spans_reason(model: Any) -> str | None:
    """Why tone spans cannot be computed for this model (None when they can)."""
    scoring = model if isinstance(model, ScoringModel) else None
    heads = scoring.heads if scoring else getattr(model, "heads", {})
    labels = scoring.labels if scoring else getattr(model, "labels", {})
    if "tone" not in heads:
        return "the model has no tone head"
    if NEUTRAL_TONE not in labels.get("tone", []):
        return f"the tone head has no {NEUTRAL_TONE!r} label"
    if scoring is not None:
        why = scoring.pipeline_for("tone").words_reason
        if why:
            return f"the tone pipeline's n-grams cannot be attributed to words ({why})"
    return None


def _tone_push(
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
    doc = np.repeat(np.arange(n), np.diff(wh.words.ptr))
    return (contrib * share[doc]).sum(axis=1)


def word_spans(
    wh: WordHits,
    push: np.ndarray,
    threshold: float,
) -> list[list[list[int]]]:
    """Per document of the batch: [start, end) offsets (into the text as given) of the
    runs of words whose push is >= threshold; words next to each other (nothing but
    spaces and punctuation between them) make one span. Sorted, never overlapping."""
    words = wh.words
    n = len(wh.batch)
    out: list[list[list[int]]] = [[] for _ in range(n)]
    sel = np.flatnonzero(push >= threshold)
    if not len(sel):
        return out
    doc = np.searchsorted(words.ptr, sel, side="right") - 1
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


def _scoring(model: Any) -> ScoringModel:
    if isinstance(model, Scorer):
        return model.model
    return model if isinstance(model, ScoringModel) else ScoringModel(model)


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
    `civil` (see `_tone_push`) and whether a word character (too short to be a word)
    lies between a word and the one before; `spans_from_words` turns these into spans
    for any threshold."""
    sm = _scoring(model)
    why = spans_reason(sm)
    if why:
        raise InputError(f"no tone spans: {why}")
    cp = sm.pipeline_for("tone")
    out = []
    for chunk in _char_batches(list(texts)):
        batch = TextBatch(chunk)
        proba, _, wh = cp.score(batch, words=True)
        push = _tone_push(cp, wh, proba, mode)
        tok = np.arange(len(wh.words.form))
        docs = np.repeat(np.arange(len(chunk)), np.diff(wh.words.ptr))
        start, end = word_offsets(wh, docs, tok)
        for d in range(len(chunk)):
            a, b = int(wh.words.ptr[d]), int(wh.words.ptr[d + 1])
            out.append((start[a:b], end[a:b], push[a:b], wh.words.split[a:b]))
    return out


def spans_from_words(
    start: np.ndarray, end: np.ndarray, push: np.ndarray, split: np.ndarray, threshold: float
) -> list[tuple[int, int]]:
    """One text's spans from its `tone_words` at `threshold` (as `word_spans`)."""
    spans: list[tuple[int, int]] = []
    prev = -2
    for t in np.flatnonzero(push >= threshold).tolist():
        if spans and t == prev + 1 and not split[t]:
            spans[-1] = (spans[-1][0], int(end[t]))
        else:
            spans.append((int(start[t]), int(end[t])))
        prev = t
    return spans


def tone_spans(
    model: Any, texts: Sequence[str], *, threshold: float = SPAN_THRESHOLD, mode: str = "mixture"
) -> list[list[tuple[int, int]]]:
    """Per text, the [start, end) character offsets (into the text as given) of the
    words that push it away from `civil`, adjacent words merged: the `tone_spans`
    column of `stance score --spans`. `model`: a loaded model, ScoringModel or Scorer."""
    return [spans_from_words(*tw, threshold) for tw in tone_words(model, texts, mode=mode)]


def _char_batches(texts: list[str]) -> Iterator[list[str]]:
    start, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text) + 1
        if size >= BATCH_CHARS or i == len(texts) - 1:
            yield texts[start : i + 1]
            start, size = i + 1, 0


def model_policy(model: Any) -> Policy:
    """The model directory's policy.toml, else the built-in default."""
    path = getattr(model, "path", None)
    if path is not None and (Path(path) / "policy.toml").is_file():
        return load_policy(Path(path) / "policy.toml")
    return default_policy()


# ---- inputs -------------------------------------------------------------------------------


@dataclass
class ScoreOptions:
    """How to read inputs and handle bad rows (the CLI's options)."""

    text_col: str = "text"
    id_col: str | None = None
    target: str | None = None
    target_col: str | None = None
    on_error: str = "fail"
    max_chars: int = 100_000
    raw_cells: bool = False  # CSV/TSV: keep cells a spreadsheet would run as formulas
    chunksize: int = 10_000
    jobs: int = 2
    reasons_k: int = 3
    stdin_format: str | None = None  # csv | tsv | jsonl | parquet | page; None: sniff


@dataclass
class _Source:
    kind: str  # "table" | "page"
    path: str  # "-" = stdin
    fmt: str | None = None


def _expand_inputs(paths: Sequence[str]) -> list[_Source]:
    from stance.separate import READABLE_SUFFIXES

    out: list[_Source] = []
    for p in paths:
        if p == "-":
            out.append(_Source("stdin", p))
            continue
        path = Path(p)
        if path.is_dir():
            found = []
            for f in sorted(path.rglob("*")):
                if not f.is_file() or f.name.startswith("."):
                    continue
                fmt = table_format(f)
                if fmt is not None:
                    found.append(_Source("table", str(f), fmt))
                elif f.name.lower().removesuffix(".gz").endswith(READABLE_SUFFIXES):
                    found.append(_Source("page", str(f)))
            if not found:
                raise InputError(
                    "folder has no tables or pages",
                    path=path,
                    fix="add .csv/.tsv/.jsonl/.parquet or .txt/.html files",
                )
            out.extend(found)
        elif not path.exists():
            raise InputError("no such file or folder", path=path, fix="check the path")
        else:
            fmt = table_format(path)
            out.append(_Source("table", p, fmt) if fmt else _Source("page", p))
    return out


def _sniff(data: bytes) -> str:
    head = data[:65536].lstrip()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"PAR1"):
        return "parquet"
    first = head.split(b"\n", 1)[0]
    if b"<" in head[:200].lower() and (
        b"<html" in head[:2000].lower() or b"<!doctype" in head[:200].lower()
    ):
        return "page"
    if b"\t" in first and b"," not in first:
        return "tsv"
    return "csv" if b"," in first else "page"


def _read_chunks(path: str | Any, fmt: str, chunksize: int) -> Iterator[pd.DataFrame]:
    """Table chunks with every cell as read (CSV/TSV: str, invalid UTF-8 kept escaped so
    the row can be reported instead of the whole file failing)."""
    yield from iter_table(path, fmt=fmt, chunksize=chunksize, encoding_errors="surrogateescape")


def _page_frame(docs: list[Any]) -> pd.DataFrame:
    from stance.separate import comments_frame

    frame = comments_frame(docs)
    # the labelling shape's empty label columns would clash with the scores
    return frame.drop(
        columns=[c for c in ("stance", "tone") if c in frame.columns and (frame[c] == "").all()]
    )


@dataclass
class _Chunk:
    index: int
    source: str
    first_row: int  # 1-based data row of the chunk's first row in its source
    frame: pd.DataFrame


def iter_chunks(
    paths: Sequence[str],
    options: ScoreOptions,
    stdin: Any = None,
    warnings: list[str] | None = None,
) -> Iterator[_Chunk]:
    """The inputs as numbered chunks of rows, in input order."""
    index = 0
    for src in _expand_inputs(paths):
        if src.kind == "stdin":
            import io as _io

            raw = (stdin if stdin is not None else sys.stdin.buffer).read()
            data = raw.encode("utf-8") if isinstance(raw, str) else raw
            fmt = options.stdin_format or _sniff(data)
            if fmt == "page":
                from stance.separate import split_bytes

                doc = split_bytes(data, "stdin", None, "-")
                if warnings is not None:
                    warnings.extend(doc.warnings)
                frames: Iterator[pd.DataFrame] = iter([_page_frame([doc])])
            else:
                frames = _read_chunks(_io.BytesIO(data), fmt, options.chunksize)
        elif src.kind == "page":
            from stance.separate import split_paths

            docs, warns = split_paths([src.path])
            if warnings is not None:
                warnings.extend(warns)
            page = _page_frame(docs)
            frames = (
                page.iloc[i : i + options.chunksize]
                for i in range(0, max(len(page), 1), options.chunksize)
            )
        else:
            frames = _read_chunks(src.path, src.fmt or "csv", options.chunksize)
        row = 1
        for frame in frames:
            frame = frame.reset_index(drop=True)
            yield _Chunk(index, src.path if src.path != "-" else "<stdin>", row, frame)
            index += 1
            row += len(frame)


# ---- per-row validation -------------------------------------------------------------------


def _has_surrogates(values: Sequence[Any]) -> bool:
    """Whether any string among values holds an escaped undecodable byte (a surrogate);
    one C-level encode of the whole batch instead of a regex search per cell."""
    try:
        "".join(v for v in values if isinstance(v, str)).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def row_errors(values: Sequence[Any], max_chars: int) -> list[str]:
    """The reason each text cannot be scored ('' when it can)."""
    check_utf8 = _has_surrogates(values)
    # the usual chunk has no bad row: make sure of that with C-level passes first
    if (
        not check_utf8
        and all(type(v) is str for v in values)
        and all(map(str.strip, values))
        and max(map(len, values), default=0) <= max_chars
    ):
        return [""] * len(values)
    out = []
    for v in values:
        if not isinstance(v, str):
            kind = (
                "empty (null)"
                if v is None or (isinstance(v, float) and v != v)
                else (f"a {type(v).__name__}, not a string")
            )
            out.append(f"text is {kind}")
        elif not v.strip():
            out.append("text is empty" if not v else "text is only whitespace")
        elif len(v) > max_chars:
            out.append(
                f"text has {len(v):,} characters, over the limit of {max_chars:,} "
                "(raise it with --max-chars)"
            )
        elif check_utf8 and _SURROGATES.search(v):
            out.append("text is not valid UTF-8 (undecodable bytes shown as U+FFFD)")
        else:
            out.append("")
    return out


def _clean_cell(v: Any) -> Any:
    if isinstance(v, str) and _SURROGATES.search(v):
        return (
            v.encode("utf-8", "surrogateescape")
            .decode("utf-8", "replace")
            .encode("utf-8", "replace")
            .decode("utf-8")
        )
    return v


# ---- scoring chunks (in worker processes) ------------------------------------------------

_STATE: dict[str, Any] = {}


@dataclass
class _Job:
    chunk: _Chunk
    part: str | None  # part file to write, or None to return the frame
    fmt: str
    columns: list[str]  # the input's columns as they come out
    options: ScoreOptions


@dataclass
class _Done:
    index: int
    rows: int
    marked: int
    frame: pd.DataFrame | None
    actions: dict[str, int] = field(default_factory=dict)  # rows per action


def action_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Rows per action of a scored frame (approve, review, reject first, then any other)."""
    counts = {a: 0 for a in ("approve", "review", "reject")}
    if "action" in frame.columns:
        for a, n in frame["action"].value_counts().items():
            counts[str(a)] = counts.get(str(a), 0) + int(n)
    return counts


def _prepare(job: _Job, scorer: Scorer) -> pd.DataFrame:
    opts, chunk = job.options, job.chunk
    frame = chunk.frame
    texts = frame[opts.text_col].tolist()
    # on_error "fail": the reading process checked every row before sending the chunk
    errors = [""] * len(texts) if opts.on_error == "fail" else row_errors(texts, opts.max_chars)
    ok = np.array([e == "" for e in errors], dtype=bool)
    if opts.target is not None:
        targets: list[str | None] = [opts.target] * len(frame)
    elif opts.target_col is not None:
        targets = [
            t if isinstance(t, str) and t.strip() else None for t in frame[opts.target_col].tolist()
        ]
    else:
        targets = [None] * len(frame)
    good = np.flatnonzero(ok)
    scored = scorer.score([texts[i] for i in good], [targets[i] for i in good])
    out = frame.rename(columns=_renames(list(frame.columns), scorer)).copy()
    for c in out.columns:
        if out[c].dtype == object and _has_surrogates(out[c].tolist()):
            out[c] = [_clean_cell(v) for v in out[c]]
    score_cols = scorer.columns()
    for c in score_cols:
        if "_p_" in c:
            col = np.full(len(frame), np.nan)
            col[good] = scored[c].to_numpy()
        else:
            col = np.full(len(frame), "", dtype=object)
            col[good] = scored[c].to_numpy(dtype=object)
        out[c] = col
    if opts.on_error == "mark":
        out.loc[~ok, "action"] = "review"
        out.loc[~ok, "reasons"] = "not scored: " + pd.Series(errors)[~ok]
        out["error"] = errors
    return out


def _renames(columns: list[str], scorer: Scorer) -> dict[str, str]:
    taken = set(scorer.columns()) | {"error"}
    return {c: f"input_{c}" for c in columns if c in taken}


def _run_job(job: _Job) -> _Done:
    scorer: Scorer = _STATE["scorer"]
    out = _prepare(job, scorer)
    marked = int((out["error"] != "").sum()) if "error" in out.columns else 0
    if job.part is None:
        return _Done(job.chunk.index, len(out), marked, out, action_counts(out))
    _write_part(out, job.part, job.fmt, raw_cells=job.options.raw_cells)
    return _Done(job.chunk.index, len(out), marked, None, action_counts(out))


def _write_part(df: pd.DataFrame, path: str, fmt: str, *, raw_cells: bool = False) -> None:
    """One chunk's rows, atomically, in the output format (CSV/TSV parts: no header;
    formula-like cells neutralised as `stance.io.write_table` does, unless `raw_cells`)."""
    if fmt in ("csv", "tsv") and not raw_cells:
        df = neutralise_cells(df)
    if fmt == "parquet":
        with atomic_write(path, "wb") as f:
            import pyarrow.parquet as pq

            pq.write_table(_arrow(df), f)
    elif fmt == "jsonl":
        with atomic_write(path) as f:
            if len(df):
                df.to_json(
                    f, orient="records", lines=True, force_ascii=False, double_precision=15
                )  # pandas rounds to 10 digits otherwise
    elif fmt == "tsv":  # as stance.io writes TSV: quoted only where needed
        with atomic_write(path, newline="") as f:
            df.to_csv(f, index=False, header=False, sep="\t")
    else:  # Arrow's CSV writer: ~4x pandas' speed; quotes every string cell
        import pyarrow.csv as pacsv

        with atomic_write(path, "wb") as f:
            pacsv.write_csv(_arrow(df), f, pacsv.WriteOptions(include_header=False))


def _arrow(df: pd.DataFrame) -> Any:
    """An Arrow table with every non-numeric column as strings (None -> "")."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arrays = {}
    for c in df.columns:
        col = df[c]
        if col.dtype.kind in "fiub":
            arrays[str(c)] = pa.array(col.to_numpy())
            continue
        try:  # all strings or None: converted in C
            arr = pc.fill_null(
                pa.array(col.to_numpy(dtype=object), type=pa.string(), from_pandas=True), ""
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # other objects: as str()
            arr = pa.array(
                ["" if v is None else v if isinstance(v, str) else str(v) for v in col.tolist()],
                type=pa.string(),
            )
        arrays[str(c)] = arr
    return pa.table(arrays)


# ---- the run -------------------------------------------------------------------------------


@dataclass
class ScoreResult:
    """What `score_files` did (nothing is printed by the library)."""

    rows: int
    marked: int
    out: str | None
    warnings: list[str]
    resumed_chunks: int = 0
    actions: dict[str, int] = field(default_factory=dict)  # rows per action (this run)


def load_scorer(
    model_path: str | Path,
    policy_path: str | Path | None = None,
    reasons_k: int = 3,
    *,
    cache: bool = True,
    spans: bool = False,
    span_threshold: float = SPAN_THRESHOLD,
    allow_version_mismatch: bool = False,
) -> Scorer:
    """Load a model directory and its policy (or `policy_path`) into a Scorer.

    `joblib.load` unpickles with a pure-Python unpickler (seconds for large vocabularies)
    and the scorer then compiles the pipelines into plain arrays; the compiled model is
    cached, after the first full (checked) load, as one pickle under the user's cache
    folder (`$STANCE_CACHE_DIR`, else `$XDG_CACHE_HOME/stance`, else `~/.cache/stance`),
    keyed by the sha256 of model.joblib and meta.json and the library versions. A cached
    load imports neither scikit-learn nor scipy. `spans` adds the `tone_spans` column.
    `allow_version_mismatch` loads a model saved with another scikit-learn (see
    `persist.load_model`); such a load is not cached, so later loads check again.
    """
    p = Path(model_path)
    cached = _cache_file(p) if cache else None
    model = None
    if cached is not None and cached.is_file():
        try:
            with open(cached, "rb") as f:
                model = pickle.load(f)
            if not isinstance(model, ScoringModel):
                raise TypeError("not a compiled model")
            model.path = p
            with contextlib.suppress(OSError):
                os.utime(cached)  # recently used: kept by the pruning below
        except Exception:  # a stale or truncated cache is rebuilt, never trusted
            model = None
    fresh = model is None
    if model is None:
        from stance.persist import load_model

        model = ScoringModel(load_model(p, allow_version_mismatch=allow_version_mismatch))
    policy = load_policy(policy_path) if policy_path else model_policy(model)
    scorer = Scorer(model, policy, reasons_k=reasons_k, spans=spans, span_threshold=span_threshold)
    if cached is not None and fresh and not allow_version_mismatch:
        with contextlib.suppress(OSError), atomic_write(cached, "wb") as f:
            pickle.dump(model, f, protocol=5)
        _prune_cache(cached.parent)
    return scorer


#: Compiled models kept in the cache folder (the most recently used; tens of MB each).
CACHE_KEEP = 4


def _prune_cache(folder: Path) -> None:
    """Delete all but the CACHE_KEEP most recently used compiled models."""
    with contextlib.suppress(OSError):
        files = sorted(folder.glob("scorer-*.pkl"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in files[CACHE_KEEP:]:
            old.unlink(missing_ok=True)


def _cache_file(model_dir: Path) -> Path | None:
    """The cache file of a model directory, or None when it has no model files."""
    from importlib.metadata import version

    import stance

    files = [model_dir / "model.joblib", model_dir / "meta.json"]
    if not all(f.is_file() for f in files):
        return None
    # scikit-learn's version from its metadata: importing it costs 1.5 s
    from stance.fast.compiled import COMPILED_LAYOUT

    digest = file_sha256(
        *files,
        extra=f"{stance.__version__} {version('scikit-learn')} "
        f"{np.__version__} {sys.version_info[:2]} "
        f"{COMPILED_LAYOUT} {SCORING_LAYOUT}".encode(),
    )
    root = (
        os.environ.get("STANCE_CACHE_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stance"
    )
    return Path(root) / f"scorer-{digest[:32]}.pkl"


def _check_columns(chunk: _Chunk, options: ScoreOptions) -> None:
    cols = list(chunk.frame.columns)
    for opt, name in (
        ("--text-col", options.text_col),
        ("--target-col", options.target_col),
        ("--id-col", options.id_col),
    ):
        if name is not None and name not in cols:
            raise InputError(
                f"no column {name!r} (columns: {', '.join(map(str, cols))})",
                path=chunk.source,
                fix=f"pass {opt} with one of the columns",
            )


def _fail_on_bad_rows(chunk: _Chunk, options: ScoreOptions) -> None:
    errors = row_errors(chunk.frame[options.text_col].tolist(), options.max_chars)
    for i, e in enumerate(errors):
        if e:
            ident = ""
            if options.id_col is not None:
                ident = f" (id {chunk.frame[options.id_col].iat[i]})"
            raise InputError(
                f"{e}{ident}",
                path=chunk.source,
                row=chunk.first_row + i,
                fix="fix or drop the row, or pass --on-error mark to keep it "
                "unscored with an error column",
            )


def _resolve(options: ScoreOptions, chunk: _Chunk) -> ScoreOptions:
    """Per-source defaults: an `id` column names rows, a `target` column gives targets."""
    cols = set(chunk.frame.columns)
    opts = ScoreOptions(**options.__dict__)
    if opts.id_col is None and "id" in cols:
        opts.id_col = "id"
    if opts.target is None and opts.target_col is None and "target" in cols:
        opts.target_col = "target"
    return opts


def _signature(
    model_path: str, paths: Sequence[str], options: ScoreOptions, policy: Policy, columns: list[str]
) -> str:
    files = []
    for src in _expand_inputs(paths):
        st = os.stat(src.path)
        files.append([src.path, st.st_size, st.st_mtime_ns])
    opts = {k: v for k, v in options.__dict__.items() if k not in ("jobs", "on_error")}
    blob = json.dumps(
        [str(model_path), files, opts, policy.to_toml(), columns], sort_keys=True, default=str
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def iter_scored(
    scorer: Scorer,
    paths: Sequence[str],
    options: ScoreOptions,
    *,
    stdin: Any = None,
    warnings: list[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield scored chunks in input order (for stdout and terminal tables)."""
    yield from (
        d.frame
        for d in _run(scorer, paths, options, None, set(), stdin, warnings, progress)
        if d.frame is not None
    )


def score_files(
    scorer: Scorer,
    paths: Sequence[str],
    out: str | Path,
    options: ScoreOptions,
    *,
    resume: bool = False,
    stdin: Any = None,
    model_path: str = "",
    progress: Callable[[int], None] | None = None,
) -> ScoreResult:
    """Score every input row into `out` (format by extension), atomically, resumably."""
    out = Path(out)
    fmt = table_format(out)
    if fmt is None:
        raise InputError(
            "unknown output format", path=out, fix="use a .csv, .tsv, .jsonl or .parquet extension"
        )
    if options.on_error not in ON_ERROR:
        raise InputError(f"--on-error {options.on_error!r}", fix="use fail or mark")
    if "-" in paths and resume:
        raise InputError("--resume cannot re-read stdin", fix="score a file instead of -")
    parts = out.parent / f".{out.name}.parts"
    sig = _signature(
        model_path, [p for p in paths if p != "-"], options, scorer.policy, scorer.columns()
    )
    sig_file = parts / "signature"
    done: set[int] = set()
    if resume and parts.is_dir() and sig_file.is_file():
        if sig_file.read_text().strip() != sig:
            raise InputError(
                "the unfinished run used other inputs, model or options",
                path=out,
                fix="rerun without --resume to start over",
            )
        done = {
            int(p.name.split(".")[0]) for p in parts.iterdir() if p.name.split(".")[0].isdigit()
        }
    else:
        shutil.rmtree(parts, ignore_errors=True)
    parts.mkdir(parents=True, exist_ok=True)
    sig_file.write_text(sig + "\n")
    warnings: list[str] = []
    rows = marked = 0
    actions: dict[str, int] = action_counts(pd.DataFrame())
    for d in _run(scorer, paths, options, (parts, fmt), done, stdin, warnings, progress):
        rows += d.rows
        marked += d.marked
        for a, n in d.actions.items():
            actions[a] = actions.get(a, 0) + n
    _assemble(parts, out, fmt, _header_of(parts))
    shutil.rmtree(parts, ignore_errors=True)
    return ScoreResult(rows, marked, str(out), warnings, resumed_chunks=len(done), actions=actions)


def _header_of(parts: Path) -> list[str]:
    f = parts / "columns.json"
    return json.loads(f.read_text()) if f.is_file() else []


def _assemble(parts: Path, out: Path, fmt: str, header: list[str]) -> None:
    files = sorted(
        (p for p in parts.iterdir() if p.name.split(".")[0].isdigit()),
        key=lambda p: int(p.name.split(".")[0]),
    )
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with atomic_write(out, "wb") as f:
            writer = None
            for p in files:
                table = pq.read_table(p)
                if writer is None:
                    writer = pq.ParquetWriter(f, table.schema)
                writer.write_table(table.cast(writer.schema))
            if writer is None:
                pq.write_table(_arrow(pd.DataFrame(columns=header)), f)
            else:
                writer.close()
        return
    with atomic_write(out, "wb") as f:
        if fmt in ("csv", "tsv"):
            f.write(
                pd.DataFrame(columns=header)
                .to_csv(index=False, sep="\t" if fmt == "tsv" else ",")
                .encode("utf-8")
            )
        for p in files:
            with open(p, "rb") as src:
                shutil.copyfileobj(src, f, 1 << 20)


def _run(
    scorer: Scorer,
    paths: Sequence[str],
    options: ScoreOptions,
    target: tuple[Path, str] | None,
    done: set[int],
    stdin: Any,
    warnings: list[str] | None,
    progress: Callable[[int], None] | None,
) -> Iterator[_Done]:
    """Read, validate and score chunks (in worker processes when there are several)."""
    if options.on_error not in ON_ERROR:
        raise InputError(f"--on-error {options.on_error!r}", fix="use fail or mark")
    chunks = iter_chunks(paths, options, stdin=stdin, warnings=warnings)
    first = next(chunks, None)
    if first is None:
        return
    _STATE["scorer"] = scorer
    columns: list[str] | None = None

    def jobs() -> Iterator[_Job]:
        nonlocal columns
        for chunk in _chain(first, chunks):
            opts = _resolve(options, chunk)
            _check_columns(chunk, opts)
            if opts.on_error == "fail":
                _fail_on_bad_rows(chunk, opts)
            frame_cols = [
                _renames(list(chunk.frame.columns), scorer).get(c, c) for c in chunk.frame.columns
            ]
            cols = [*frame_cols, *scorer.columns()]
            if opts.on_error == "mark":
                cols.append("error")
            if columns is None:
                columns = cols
                if target is not None:
                    (target[0] / "columns.json").write_text(json.dumps(cols))
            elif cols != columns:
                raise InputError(
                    f"columns differ from the first input's ({', '.join(cols)}"
                    f" vs {', '.join(columns)})",
                    path=chunk.source,
                    fix="score inputs with different columns separately",
                )
            if chunk.index in done:
                if progress:
                    progress(len(chunk.frame))
                continue
            part = None
            if target is not None:
                part = str(target[0] / f"{chunk.index:06d}.{target[1]}")
            yield _Job(chunk, part, target[1] if target else "csv", cols, opts)

    n_workers = max(1, min(options.jobs, os.cpu_count() or 1))
    job_iter = jobs()
    first_job = next(job_iter, None)
    if first_job is None:
        return
    second = next(job_iter, None)
    if second is None or n_workers == 1:  # small inputs need no pool
        for job in itertools.chain([first_job], [] if second is None else [second], job_iter):
            yield _finish(_run_job(job), progress)
        return
    import multiprocessing as mp

    # the compiled kernels load (about 0.4 s) once, here, and the workers inherit them
    scorer.score(["warm up"])
    gc.freeze()  # the children share the model's pages; keep the collector off them
    try:
        with mp.get_context("fork").Pool(n_workers) as pool:
            pending: deque[Any] = deque()
            for job in itertools.chain([first_job, second], job_iter):
                pending.append(pool.apply_async(_run_job, (job,)))
                # bounded, a few chunks in flight: enough that a worker never waits while
                # the next chunk is read
                while len(pending) > 2 * n_workers:
                    yield _finish(pending.popleft(), progress)
            while pending:
                yield _finish(pending.popleft(), progress)
    finally:
        gc.unfreeze()


def _finish(res: Any, progress: Callable[[int], None] | None) -> _Done:
    d = res if isinstance(res, _Done) else res.get()
    if progress:
        progress(d.rows)
    return d


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def estimate_rows(paths: Sequence[str]) -> int | None:
    """A quick row count for the progress bar (lines for text tables), None if unknown."""
    total = 0
    try:
        for src in _expand_inputs([p for p in paths if p != "-"]):
            if src.kind != "table":
                continue
            if src.fmt == "parquet":
                import pyarrow.parquet as pq

                total += pq.ParquetFile(src.path).metadata.num_rows
                continue
            if src.path.endswith(".gz"):
                return None
            with open(src.path, "rb") as f:
                lines = sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
            total += max(0, lines - (src.fmt != "jsonl"))
    except (OSError, InputError):
        return None
    return total or None
