"""Fitting a policy's thresholds for a model on labelled data (`stance policy fit`).

The probabilities come from the model (held-out data) or from refitting its tone
pipeline K times on the data (out-of-fold); `stance.policy.fit_thresholds` then picks
the thresholds.
"""

from __future__ import annotations

import warnings as _warnings
from pathlib import Path
from typing import Any

import pandas as pd

from stance.errors import ConfigError
from stance.labels import Columns, find_schema, read_labels
from stance.persist import load_model
from stance.policy import PolicyFit, default_policy, fit_thresholds
from stance.score.scorer import Scorer, model_policy


def fit_policy_file(
    model_path: str | Path,
    path: str | Path,
    *,
    cv: int = 0,
    text_col: str | None = None,
    tone_col: str | None = None,
    allow_version_mismatch: bool = False,
    **bounds: Any,
) -> PolicyFit:
    """Fit a policy for a model on a labelled file's tone rows.

    With cv=0 the model scores the file (held-out: the file must not be training data);
    with cv=K the model's tone pipeline is refitted K times on the file and the
    out-of-fold probabilities are used. The fitted rules replace those of the model's
    policy (its policy.toml, else the default) for the same action; its other rules stay.
    """
    model = load_model(model_path, allow_version_mismatch=allow_version_mismatch)
    base = model_policy(model)
    head = bounds.get("head", "tone")
    cols = Columns.from_options(text=text_col, tone=tone_col)
    df = read_labels(path, columns=cols, schema=find_schema())
    df = df[df[head] != ""].reset_index(drop=True)
    if len(df) < 20:
        raise ConfigError(
            f"only {len(df)} rows with {head} labels",
            path=path,
            fix="fit a policy on at least a few hundred labelled comments",
        )
    warnings = base.check(model.labels)
    if cv:
        probs, cv_warnings = _out_of_fold(model, df, head, cv)
        warnings += cv_warnings
        source = f"cross-validated ({cv} folds)"
    else:
        probs = Scorer(model, default_policy()).score(df["text"].tolist())
        source = "held-out (scored by the model)"
    fit = fit_thresholds(probs, df[head].tolist(), source=source, base=base, **bounds)
    fit.warnings[:0] = warnings
    return fit


def _out_of_fold(
    model: Any, df: pd.DataFrame, head: str, cv: int
) -> tuple[pd.DataFrame, list[str]]:
    """`<head>_p_<label>` probabilities of the rows from K refits of the head's pipeline,
    and the warnings (in our words: scikit-learn's would print a site-packages path)."""
    # lazily: only --cv needs scikit-learn's model selection
    from sklearn.base import clone
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    warnings: list[str] = []
    counts = df[head].value_counts()
    rare, n_rare = str(counts.index[-1]), int(counts.iloc[-1])
    if n_rare < cv:
        warnings.append(
            f"--cv {cv}: the smallest {head} class, {rare}, has only "
            f"{n_rare} rows, so some folds have none of it (use --cv "
            f"{max(n_rare, 2)} or fewer, or label more {rare} comments)"
        )
    pipe = clone(model.pipeline_for(head))
    # scikit-learn's own warnings would print with a site-packages path: said in our
    # words above, or passed on as one line each.
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        proba = cross_val_predict(
            pipe,
            df["text"].tolist(),
            df[head].to_numpy(),
            method="predict_proba",
            cv=StratifiedKFold(cv, shuffle=True, random_state=0),
            n_jobs=2,
        )
    for w in caught:
        text = (str(w.message).strip().splitlines() or [w.category.__name__])[0]
        line = f"--cv {cv}: {text}"
        if "least populated class" not in text and line not in warnings:
            warnings.append(line)
    classes = sorted(set(df[head]))
    probs = pd.DataFrame(
        {
            f"{head}_p_{lab}": proba[:, classes.index(lab)] if lab in classes else 0.0
            for lab in model.labels[head]
        }
    )
    return probs, warnings
