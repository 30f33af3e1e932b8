"""The decision rule adapted to a desk's added rows: per-class offsets to the intercept.

`train --add` weighs a desk's rows up (`add_share`), which moves the weights toward them,
but the logistic regression's argmax still carries the class prior of the training mix,
and a desk's prior differs from it by up to a factor of ten. With `add_offsets` on, after
the final fit one number per class is learnt and added to the classifier's `intercept_`
(the saved pipeline stays a stock scikit-learn `Pipeline`; only `intercept_` changes):

* the added rows' scores come out of fold: the added rows are split into `ADD_FOLDS`
  stratified folds, and for each the classifier is refitted (same settings, the features
  already fitted) on every row but that fold's, the remaining added rows carrying
  `add_share` as in the final fit;
* the offsets minimise the class-balanced log loss of those scores (each class present
  among the added rows weighs the same in all, whatever the rows' mix: suggested batches
  over-sample rare classes, random ones mirror the desk's prior, and neither mix decides
  the offsets), plus a ridge penalty `SHRINK_ROWS / n` that shrinks them toward 0 when
  there are few added rows; a class with no added row keeps offset 0.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from scipy.optimize import minimize
from scipy.special import log_softmax, softmax
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold

from stance.config import TrainConfig

#: Folds over the added rows for their out-of-fold scores.
ADD_FOLDS = 3
#: The ridge penalty on the offsets is worth this many added rows (shrinks toward 0).
SHRINK_ROWS = 20.0
#: Fewer added rows than this (or one class only): no offsets.
MIN_ADDED = 10


def adapt_intercept(
    clf: Any,
    x: Any,
    y: np.ndarray,
    weights: np.ndarray | None,
    added: np.ndarray,
    cfg: TrainConfig,
) -> dict[str, Any]:
    """Learn the offsets from the `added` rows and add them to the fitted `clf`'s
    `intercept_` (in place); return what was done, for meta.json."""
    added = np.asarray(added, dtype=bool)
    classes = [str(c) for c in clf.classes_]
    ya = np.asarray(y, dtype=object)[added]
    present = sorted(set(ya.tolist()))
    record: dict[str, Any] = {
        "objective": "class-balanced log loss, out of fold",
        "rows": int(added.sum()),
        "shrink_rows": SHRINK_ROWS,
    }
    counts = {c: int((ya == c).sum()) for c in present}
    k = min(ADD_FOLDS, max(counts.values(), default=0))
    if len(ya) < MIN_ADDED or len(present) < 2 or k < 2:
        return {**record, "applied": False, "why": "too few added rows or one class only"}
    scores = oof_scores(clf, x, y, weights, added, cfg, k)
    b = fit_offsets(scores, ya, classes)
    _shift(clf, b)
    return {
        **record,
        "applied": True,
        "folds": k,
        "classes": classes,
        "offsets": [round(float(v), 6) for v in b],
    }


def oof_scores(
    clf: Any,
    x: Any,
    y: np.ndarray,
    weights: np.ndarray | None,
    added: np.ndarray,
    cfg: TrainConfig,
    k: int,
) -> np.ndarray:
    """The added rows' decision scores (rows x classes), each from a refit of `clf` on
    every row but its fold's."""
    idx = np.flatnonzero(added)
    ya = np.asarray(y, dtype=object)[idx]
    out = np.zeros((len(idx), len(clf.classes_)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "least populated class" notices
        folds = list(
            StratifiedKFold(n_splits=k, shuffle=True, random_state=cfg.seed).split(idx, ya)
        )
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
    for _, held in folds:
        keep = np.ones(len(y), dtype=bool)
        keep[idx[held]] = False
        sw = cfg.with_added(w[keep], added[keep])
        fold = clone(clf).fit(x[keep], np.asarray(y, dtype=object)[keep], sample_weight=sw)
        cols = [list(fold.classes_).index(c) for c in clf.classes_]
        out[held] = _scores(fold, x[idx[held]])[:, cols]
    return out


def _scores(clf: Any, x: Any) -> np.ndarray:
    """Per-class scores whose softmax is `predict_proba` (binary: [0, decision])."""
    d = clf.decision_function(x)
    return np.column_stack([np.zeros(len(d)), d]) if d.ndim == 1 else d


def fit_offsets(scores: np.ndarray, y: np.ndarray, classes: list[str]) -> np.ndarray:
    """Per-class offsets b minimising the class-balanced log loss of softmax(scores + b)
    plus (SHRINK_ROWS / n) * |b|^2 / 2; classes absent from `y` keep 0."""
    y = np.asarray(y, dtype=object)
    present = [c for c in classes if (y == c).any()]
    free = np.array([c in present for c in classes])
    onehot = np.column_stack([(y == c).astype(float) for c in classes])
    counts = onehot.sum(axis=0)
    w = (onehot / np.where(counts > 0, counts, 1)).sum(axis=1) / len(present)  # sums to 1
    lam = SHRINK_ROWS / len(y)

    def loss(v: np.ndarray) -> tuple[float, np.ndarray]:
        b = np.zeros(len(classes))
        b[free] = v
        z = scores + b
        ll = -(onehot * log_softmax(z, axis=1)).sum(axis=1)
        grad = (w[:, None] * (softmax(z, axis=1) - onehot)).sum(axis=0)
        return float(w @ ll + lam * v @ v / 2), grad[free] + lam * v

    res = minimize(loss, np.zeros(int(free.sum())), jac=True, method="L-BFGS-B")
    b = np.zeros(len(classes))
    b[free] = res.x
    return b


def _shift(clf: Any, b: np.ndarray) -> None:
    """Add the per-class offsets to `clf.intercept_` (binary: the difference), in its
    dtype."""
    shift = b[1] - b[0] if len(clf.classes_) == 2 else b
    clf.intercept_ = (clf.intercept_ + shift).astype(clf.intercept_.dtype)
