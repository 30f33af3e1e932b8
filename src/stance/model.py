"""The fitted model: per-head pipelines, their label vocabularies and metadata.

`StanceModel` predicts (labels and probabilities per head); `select_pipeline` says which
pipeline serves a head and target. Training is in `stance.training`, the model directory
in `stance.persist`, the explanation of one prediction in `stance.score.explanation`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from stance.errors import InputError, ModelError
from stance.labels import HEADS, POOLED

P = TypeVar("P")


def select_pipeline(
    heads: Mapping[str, Mapping[str, P]], head: str, target: str | None, default_target: str
) -> P:
    """The pipeline that serves `head` for `target`: the target's own, else the pooled
    one. No target means the default target for stance; tone has only the pooled one."""
    pipes = heads[head]
    if target is None or target == "":
        target = default_target if head == "stance" else POOLED
    return pipes.get(target, pipes[POOLED])


class StanceModel:
    """A trained model: per-head pipelines plus the label vocabularies and metadata."""

    def __init__(
        self, heads: dict[str, dict[str, Any]], meta: dict[str, Any], path: str | Path | None = None
    ) -> None:
        self.heads = heads
        self.meta = meta
        self.path = None if path is None else Path(path)

    @property
    def labels(self) -> dict[str, list[str]]:
        """Head -> its label vocabulary (the probability columns, in this order)."""
        return {h: list(v) for h, v in self.meta["labels"].items() if h in self.heads}

    @property
    def default_target(self) -> str:
        """The stance target of rows that name none ("" when the model has no stance)."""
        return str(self.meta.get("default_target", ""))

    def pipeline_for(self, head: str, target: str | None = None) -> Any:
        """The pipeline for `head` and `target`: the target's own, else the pooled one."""
        if head not in self.heads:
            raise ModelHeadError(head, list(self.heads))
        return select_pipeline(self.heads, head, target, self.default_target)

    def predict_proba(
        self, texts: Sequence[str], head: str, targets: Sequence[str] | str | None = None
    ) -> np.ndarray:
        """Probabilities (rows x the head's vocabulary, in `labels[head]` order)."""
        texts = _as_texts(texts)
        vocab = self.labels.get(head) or []
        out = np.zeros((len(texts), len(vocab)), dtype=np.float64)
        if not texts:
            return out
        tg = _as_targets(targets, len(texts))
        groups: dict[int, tuple[Any, list[int]]] = {}
        for i, t in enumerate(tg):
            pipe = self.pipeline_for(head, t if head == "stance" else None)
            groups.setdefault(id(pipe), (pipe, []))[1].append(i)
        for pipe, idx in groups.values():
            proba = pipe.predict_proba([texts[i] for i in idx])
            cols = [vocab.index(c) for c in pipe.classes_]
            out[np.ix_(idx, cols)] = proba
        return out

    def predict(
        self, texts: Sequence[str], targets: Sequence[str] | str | None = None
    ) -> pd.DataFrame:
        """A frame with `<head>` (the most likely label) and `<head>_p_<label>` columns."""
        texts = _as_texts(texts)
        cols: dict[str, Any] = {}
        for head in HEADS:
            if head not in self.heads:
                continue
            vocab = self.labels[head]
            proba = self.predict_proba(texts, head, targets)
            cols[head] = [vocab[j] for j in proba.argmax(axis=1)] if len(texts) else []
            for j, label in enumerate(vocab):
                cols[f"{head}_p_{label}"] = proba[:, j]
        return pd.DataFrame(cols)

    def __repr__(self) -> str:
        heads = {h: sorted(p) for h, p in self.heads.items()}
        return f"StanceModel(path={str(self.path)!r}, heads={heads})"


class ModelHeadError(ModelError):
    """The model has no such head."""

    def __init__(self, head: str, heads: list[str]) -> None:
        super().__init__(
            f"the model has no {head!r} head (heads: {', '.join(heads) or 'none'};"
            f" train it on rows with {head} labels)"
        )


def _as_texts(texts: Sequence[str] | str) -> list[str]:
    if isinstance(texts, str):
        return [texts]
    return ["" if t is None else str(t) for t in texts]


def _as_targets(targets: Sequence[str] | str | None, n: int) -> list[str | None]:
    if targets is None or isinstance(targets, str):
        return [targets] * n
    tg = [
        None if t is None or (isinstance(t, float) and math.isnan(t)) else str(t) for t in targets
    ]
    if len(tg) != n:
        raise InputError(f"{len(tg)} targets for {n} texts", fix="give one target per text")
    return tg


@dataclass
class TrainResult:
    """What `stance.training.train` returns: the model, its metadata and warnings
    (nothing is printed). Here, not in training, because `save_model` takes it too."""

    model: StanceModel
    warnings: list[str]

    @property
    def meta(self) -> dict[str, Any]:
        """The model's metadata (what meta.json will hold)."""
        return self.model.meta

    def summary_lines(self) -> list[str]:
        """Human-readable lines: rows, chosen hyperparameters and CV scores per pipeline."""
        lines = []
        for head, pipes in self.meta["cv"].items():
            for target, info in pipes.items():
                name = head if target == POOLED else f"{head} [{target}]"
                score = info.get("score")
                cv = (
                    f"{info['metric']} {score:.3f} ({info['folds']}-fold CV"
                    f"{', grouped by article' if info.get('grouped') else ''})"
                    if score is not None
                    else "no CV metric (too few rows)"
                    if info["folds"] or not info.get("cv_off")
                    else "no CV (folds = 0)"
                )
                other = (
                    f", other targets' rows x {info['other_target_weight']:g}"
                    if info.get("other_target_weight")
                    else ""
                )
                lines.append(
                    f"{name}: {info['rows']} rows, C={info['C']}, "
                    f"min_df={info['min_df']}{other}; {cv}"
                )
        return lines
