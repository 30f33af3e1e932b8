"""The scorer: texts in, one row of probabilities, labels, action and reasons out.

Scores come from `stance.fast.compiled.CompiledPipeline` (scikit-learn's exact n-gram counts,
tf-idf and the linear model in one compiled pass): they equal `pipeline.predict_proba` on
the same texts to about 1e-6. Texts are scored in batches bounded in characters
(`char_batches`), the rows of a batch grouped by the pipeline that serves them (a stance
target's own pipeline, else the pooled one). The policy then maps the probabilities to
an action, and the reasons name the words that pushed toward it (`stance.score.words`).

A target whose stance pipeline saw fewer than `MIN_STANCE_ROWS` training rows gets
`none` in the stance column (its probabilities are still written), with a warning. So
does a target the model has no row about when every stance row is about one other target
(the default model's): a pipeline that learned one target knows nothing of another.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import InputError
from stance.fast.batch import TextBatch
from stance.fast.compiled import CompiledPipeline
from stance.fast.vectorizer import Features, compiled_kernels, kernels_for
from stance.fast.words import WordHits
from stance.labels import HEADS, POOLED
from stance.model import select_pipeline
from stance.persist import POLICY_FILE, load_model
from stance.policy import Decision, Policy, default_policy, load_policy
from stance.score.cache import cache_file, read_cached, write_cached
from stance.score.words import (
    NEUTRAL_TONE,
    SPAN_MODES,
    SPAN_THRESHOLD,
    gram_texts,
    tone_push,
    top_arrays,
    top_word_arrays,
    word_spans,
    word_texts,
)

#: Characters scored per vectorised batch: bounds the n-gram arrays (~100 bytes a char).
BATCH_CHARS = 400_000
#: Stance training rows a target's pipeline needs before `stance` names a side: below it
#: the column says `none` (probabilities still written) and the scorer warns once. On
#: SemEval's targets F_avg climbs steeply up to about this many rows (docs/stance.md).
MIN_STANCE_ROWS = 50


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
        """Training rows of the pipeline that serves `target` (None: unknown). 0 for a
        target the model has no row about when all its stance rows are about one other
        target: that pipeline knows nothing of this one."""
        rows = getattr(self, "stance_rows", {})
        target = target or self.default_target
        pipes = self.heads.get("stance", {})
        if target in pipes:  # its own pipeline (the pooled one when it is the only target)
            return rows.get(target, rows.get(POOLED))
        known = [t for t in pipes if t != POOLED]
        return 0 if len(known) == 1 and rows.get(POOLED) is not None else rows.get(POOLED)

    def pipeline_for(self, head: str, target: str | None = None) -> CompiledPipeline:
        """As `StanceModel.pipeline_for`: the target's own pipeline, else the pooled one."""
        return select_pipeline(self.heads, head, target, self.default_target)


def rows_by_pipeline(
    model: ScoringModel, head: str, targets: Sequence[str | None]
) -> tuple[list[tuple[CompiledPipeline, np.ndarray]], list[str | None], np.ndarray]:
    """A batch's rows grouped by the pipeline that serves them, each distinct target
    looked up once, not per row: ([(pipeline, rows)...], the distinct targets, each
    row's index into them). Only stance pipelines depend on the target."""
    keys = list(targets) if head == "stance" else [None] * len(targets)
    distinct = list(dict.fromkeys(keys))
    index = {t: j for j, t in enumerate(distinct)}
    code = (
        np.array([index[t] for t in keys])
        if len(distinct) > 1
        else np.zeros(len(keys), dtype=np.int64)
    )
    groups: dict[int, tuple[CompiledPipeline, list[int]]] = {}
    for j, t in enumerate(distinct):
        cp = model.pipeline_for(head, t)
        groups.setdefault(id(cp), (cp, []))[1].append(j)
    rows = [(cp, np.flatnonzero(np.isin(code, codes))) for cp, codes in groups.values()]
    return rows, distinct, code


def char_batches(texts: Sequence[str]) -> Iterator[slice]:
    """Consecutive slices of `texts` holding about `BATCH_CHARS` characters each."""
    start, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text) + 1
        if size >= BATCH_CHARS or i == len(texts) - 1:
            yield slice(start, i + 1)
            start, size = i + 1, 0


@dataclass
class _Scored:
    """One pipeline's share of a scored batch: its rows, features, words, probabilities."""

    cp: CompiledPipeline
    rows: np.ndarray
    feats: list[Features]
    words: WordHits | None
    proba: np.ndarray


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
        # the head whose prediction explains a row that no rule matched
        self._fallback = "tone" if "tone" in self.heads else (self.heads[0] if self.heads else "")
        # heads whose n-grams may have to be attributed to words: those that can decide
        # a row's reasons (a rule's head, or the fallback), and tone for its spans
        self._word_heads = {r.head for r in self.policy.rules} | {self._fallback}
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

    def unknown_targets(self, targets: Iterable[str | None]) -> list[str]:
        """The distinct `targets` the stance head knows nothing of (no row about them,
        where every row is about one other target): their stance column says none."""
        if "stance" not in self.heads:
            return []
        known = {t for t in self.model.heads["stance"] if t != POOLED}
        return [
            t
            for t in dict.fromkeys(targets)
            if t and t not in known and self.model.stance_rows_for(t) == 0
        ]

    def target_warnings(self, targets: Iterable[str | None]) -> list[str]:
        """One warning per target of `unknown_targets`."""
        known = [t for t in self.model.heads.get("stance", {}) if t != POOLED]
        return [
            f"stance: the model has no stance row about {t!r} (every row is about "
            f"{known[0]!r}): its stance column says none, with the probabilities still "
            "written; label rows for that target and retrain (labels/GUIDE.md)"
            for t in self.unknown_targets(targets)
        ]

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
        parts = []
        for s in char_batches(texts):
            # a small batch in a process without numba: the plain-Python kernels
            with kernels_for(sum(map(len, texts[s]))):
                parts.append(self._score_batch(texts[s], targets[s]))
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
            groups, distinct, code = rows_by_pipeline(self.model, head, targets)
            features[head] = []
            for cp, rows in groups:
                sub = batch if len(rows) == n else TextBatch([texts[i] for i in rows])
                p, feats, *wh = cp.score(sub, words=head in self._word_heads)
                proba[np.ix_(rows, [vocab.index(c) for c in cp.classes])] = p
                features[head].append(_Scored(cp, rows, feats, wh[0] if wh else None, p))
            best = proba.argmax(axis=1)
            if head == "stance" and "none" in vocab:
                # too few training rows behind a target's pipeline: say none, not a guess
                rows_for = [self.model.stance_rows_for(t) for t in distinct]
                thin = [j for j, n in enumerate(rows_for) if n is not None and n < MIN_STANCE_ROWS]
                if thin:
                    best = np.where(np.isin(code, thin), vocab.index("none"), best)
            # object dtype: pandas would otherwise convert every label to an Arrow string
            cols[head] = pd.Series(np.array(vocab, dtype=object)[best], dtype=object)
            for j, label in enumerate(vocab):
                cols[f"{head}_p_{label}"] = proba[:, j]
        frame = pd.DataFrame(cols)
        decision = self.policy.decide(frame)
        frame["action"] = pd.Series(decision.actions, dtype=object)
        frame["reasons"] = pd.Series(self._reasons(frame, decision, features), dtype=object)
        if self.spans:
            frame["tone_spans"] = pd.Series(self._spans(features["tone"], n), dtype=object)
        return frame

    def _spans(self, groups: list[_Scored], n: int) -> np.ndarray:
        """Each row's tone spans as a JSON list of [start, end) offsets."""
        cells = np.full(n, "[]", dtype=object)
        for g in groups:
            push = tone_push(g.cp, g.words, g.proba, self.span_mode)
            cells[g.rows] = [
                json.dumps(sp, separators=(",", ":"))
                for sp in word_spans(g.words, push, self.span_threshold)  # type: ignore[arg-type]
            ]
        return cells

    def _reasons(
        self, frame: pd.DataFrame, decision: Decision, features: dict[str, list[_Scored]]
    ) -> list[str]:
        """Per row: the deciding rule, then the words that pushed toward its labels
        (n-grams when the pipeline cannot attribute them to words)."""
        prefix, dec_head, dec_set, label_sets = self._deciding(frame, decision)
        grams: list[str] = [""] * len(frame)
        for head, groups in features.items():
            for g in groups:
                mine = np.flatnonzero(dec_head[g.rows] == head)
                if len(mine):
                    self._pushed(g, mine, dec_set[g.rows[mine]], label_sets, grams)
        return [f"{p}: {g}" if g else p for p, g in zip(prefix.tolist(), grams, strict=True)]

    def _deciding(
        self, frame: pd.DataFrame, decision: Decision
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple[str, ...]]]:
        """Per row: the reason's prefix, the deciding head and the index of the labels
        it decided for (into the returned label sets). The deciding rule's head and
        labels, or (no rule matched) the fallback head's predicted label."""
        n = len(frame)
        prefix = decision.reasons.copy()
        dec_head = np.full(n, "", dtype=object)
        dec_set = np.full(n, -1, dtype=np.int64)  # index into label_sets
        label_sets: list[tuple[str, ...]] = []
        for w in np.unique(decision.rule).tolist():  # rows grouped by their deciding rule
            idx = np.flatnonzero(decision.rule == w)
            if w >= 0:
                rule = self.policy.rules[w]
                if rule.head in self.heads:
                    dec_head[idx] = rule.head
                    dec_set[idx] = len(label_sets)
                    label_sets.append(tuple(rule.labels))
            elif self._fallback:
                predicted = frame[self._fallback].to_numpy(dtype=object)[idx]
                labels, inverse = np.unique(predicted.astype(str), return_inverse=True)
                prefix[idx] = [f"no rule matched; {self._fallback} {p}" for p in predicted]
                dec_head[idx] = self._fallback
                dec_set[idx] = len(label_sets) + inverse
                label_sets.extend((str(lab),) for lab in labels)
        return prefix, dec_head, dec_set, label_sets

    def _pushed(
        self,
        g: _Scored,
        mine: np.ndarray,
        dec_set: np.ndarray,
        label_sets: list[tuple[str, ...]],
        grams: list[str],
    ) -> None:
        """Write into `grams` the words (or n-grams) that pushed the rows `mine` of `g`
        toward their label sets (`dec_set`: each row's index into `label_sets`)."""
        cp = g.cp
        if cp.coef_t is None:
            return  # a classifier without coefficients gives no n-grams
        sets, set_id = np.unique(dec_set, return_inverse=True)
        set_id = set_id.astype(np.int64)
        if g.words is not None:  # the words that pushed
            combos = np.stack([cp.class_combo(label_sets[i]) for i in sets.tolist()])
            contrib, _ = cp.word_contributions(g.words, mine, combos, set_id[:, None])
            row, tok, val = top_word_arrays(g.words, contrib[:, 0], mine, self.reasons_k)
            names = word_texts(g.words, mine[row], tok)
        else:  # n-grams (a pipeline the words cannot be found for)
            weights = np.stack([cp.class_weights(label_sets[i]) for i in sets.tolist()])
            row, col, val = top_arrays(g.feats, mine, weights, set_id, self.reasons_k)
            names = cp.display_names(col)
        shown = val >= 0.005  # nothing that would read "+0.00"
        if not shown.all():
            row, val = row[shown], val[shown]
            names = [nm for nm, keep in zip(names, shown.tolist(), strict=True) if keep]
        items = gram_texts(names, np.round(val, 2).tolist())
        bounds = np.searchsorted(row, np.arange(len(mine) + 1)).tolist()
        for i, r in enumerate(g.rows[mine].tolist()):
            if bounds[i + 1] > bounds[i]:
                grams[r] = ", ".join(items[bounds[i] : bounds[i + 1]])


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


def model_policy(model: Any) -> Policy:
    """The model directory's policy file, else the built-in default."""
    path = getattr(model, "path", None)
    if path is not None and (Path(path) / POLICY_FILE).is_file():
        return load_policy(Path(path) / POLICY_FILE)
    return default_policy()


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

    The compiled model comes from the disk cache when it holds this model
    (`stance.score.cache`), else from a full, checked load that then fills the cache.
    `spans` adds the `tone_spans` column. `allow_version_mismatch` loads a model saved
    with another scikit-learn (see `persist.load_model`); such a load is not cached, so
    later loads check again.
    """
    p = Path(model_path)
    model = cached_model(p, allow_version_mismatch) if cache else None
    if model is None:
        model = ScoringModel(load_model(p, allow_version_mismatch=allow_version_mismatch))
    model.path = p  # the folder it is loaded from now, not where it was cached from
    policy = load_policy(policy_path) if policy_path else model_policy(model)
    return Scorer(model, policy, reasons_k=reasons_k, spans=spans, span_threshold=span_threshold)


def cache_compiled(model: Any, model_path: Path) -> Path | None:
    """Compile a model just saved in `model_path` for the scorer and cache it, and warm
    numba's own disk cache of the compiled kernels: `stance train` calls this, so that
    the first score of a new model is as fast as any. Returns the cache entry (None:
    the cache is off or cannot be written)."""
    cached = cache_file(model_path)
    scoring = ScoringModel(model)
    if cached is not None:
        write_cached(cached, scoring)
        # as a scoring process will see it: arrays mapped read-only (their own numba types)
        scoring = read_cached(cached, ScoringModel) or scoring
    compiled_kernels()  # loaded: the warm-up runs, and compiles once per install, the kernels
    Scorer(scoring, model_policy(scoring)).score(["warm up"])
    return cached if cached is not None and cached.is_file() else None


def cached_model(model_path: Path, allow_version_mismatch: bool = False) -> ScoringModel | None:
    """The compiled model from the disk cache (its arrays memory-mapped), compiled and
    cached first when the cache does not hold it yet; None when the cache is off or
    unusable. `allow_version_mismatch` loads are never cached: the cache is only read."""
    cached = cache_file(model_path)
    if cached is None:
        return None
    model = read_cached(cached, ScoringModel)
    if model is not None or allow_version_mismatch:
        return model
    fresh = ScoringModel(load_model(model_path))
    write_cached(cached, fresh)
    # mapped from disk, as every later load is (the fresh copy when it could not be written)
    return read_cached(cached, ScoringModel) or fresh
