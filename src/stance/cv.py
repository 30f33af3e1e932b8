"""Cross-validation for training: stratified folds (grouped by article when the data has
one), the CV metric, and one fold's out-of-fold predictions for every setting on the grid.
"""

from __future__ import annotations

import warnings as _warnings
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from stance.config import TrainConfig
from stance.evaluation import f_avg
from stance.features import build_pipeline


def article_groups(df: pd.DataFrame) -> np.ndarray | None:
    """Article groups for CV (rows without an article are each their own group)."""
    if not (df["article"] != "").any():
        return None
    key = np.where(
        df["article"] != "", "a:" + df["source"] + ":" + df["article"], "r:" + df.index.astype(str)
    )
    return pd.factorize(key)[0]


def cv_splits(
    y: np.ndarray, groups: np.ndarray | None, folds: int, seed: int
) -> tuple[list[tuple[np.ndarray, np.ndarray]], int]:
    """Stratified (grouped) folds; fewer folds when a class is rare; [] when impossible
    (also when grouping by article leaves a fold's training part with one class)."""
    counts = pd.Series(y).value_counts()
    k = min(folds, int(counts.min()) if len(counts) else 0)
    if groups is not None:
        k = min(k, len(np.unique(groups)))
    if len(counts) < 2 or k < 2:
        return [], 0
    x = np.zeros(len(y))
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore", UserWarning)  # "least populated class" notices
        if groups is None:
            cv = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
            return list(cv.split(x, y)), k
        cv = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
        splits = list(cv.split(x, y, groups))
    if any(len(set(y[train])) < 2 for train, _ in splits):
        return [], 0
    return splits, k


def cv_metric(metric: str, sides: Sequence[str]) -> Callable[[np.ndarray, np.ndarray], float]:
    """The CV metric: F_avg of the `sides` labels (the schema's), or macro-F1."""
    if metric == "f_avg":
        return lambda y, pred: f_avg(y, pred, sides)
    return macro_f1


def macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    return float(f1_score(y, pred, average="macro", zero_division=0))


Others = tuple[list[str], np.ndarray]  # other targets' texts and labels


def fold_predictions(
    texts: list[str],
    y: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    cfg: TrainConfig,
    weights: np.ndarray | None = None,
    others: Others | None = None,
    other_weights: Sequence[float] = (0.0,),
) -> dict[tuple[int, float, float], np.ndarray]:
    """One fold: predictions on `test` for every (min_df, C, other-target weight).

    The features are fitted once per min_df on the training part alone (weight 0) and
    once on the training part plus the other targets' rows (every weight > 0); the
    classifier once per C and weight. The other targets' rows never enter `test`.
    """
    out = {}
    xtr = [texts[i] for i in train]
    xte = [texts[i] for i in test]
    own_w = None if weights is None else weights[train]
    positive = [w for w in other_weights if w > 0] if others is not None else []
    variants: list[tuple[list[float], list[str], np.ndarray]] = []
    if 0.0 in other_weights or not positive:
        variants.append(([0.0], xtr, y[train]))
    if positive:
        assert others is not None
        variants.append((positive, xtr + others[0], np.concatenate([y[train], others[1]])))
    for min_df in cfg.min_df:
        pipe = build_pipeline(cfg.feature_config(min_df, cfg.C[0]))
        for ws, xs, ys in variants:
            feats = clone(pipe.named_steps["features"])
            a = feats.fit_transform(xs)
            b = feats.transform(xte)
            for C in cfg.C:
                for w in ws:
                    sw = (
                        own_w if w == 0 else with_others(own_w, len(train), len(xs) - len(train), w)
                    )
                    clf = clone(pipe.named_steps["clf"]).set_params(C=C)
                    clf.fit(a, ys, sample_weight=sw)
                    out[(min_df, C, w)] = clf.predict(b)
    return out


def with_others(own: np.ndarray | None, n_own: int, n_other: int, w: float) -> np.ndarray:
    """Sample weights: the target's own rows (1, or their row weights), then w for each
    of the other targets' rows."""
    return np.concatenate([np.ones(n_own) if own is None else own, np.full(n_other, w)])
