"""Training: per-head TF-IDF + logistic-regression pipelines picked by cross-validation.

`train(files)` reads and validates labelled data, then for each head (stance, tone)
fits `features.build_pipeline` pipelines: stance per target when there are several
targets, plus a pooled "*" pipeline for targets the model has not seen; tone pooled.
A per-target pipeline may also learn from the other targets' rows at a lower sample
weight (`other_target_weight`). Hyperparameters (C, min_df and that weight when the
config gives a list) are chosen by stratified k-fold cross-validation, grouped by
`article` when the data has one, with fixed seeds so the same data always gives the
same model. `add` (a desk's own, in-domain rows) joins every pipeline with the
weight share `add_share`, and cross-validation then judges on those rows; with
`add_offsets` the classifier's intercept then follows their classes (`stance.adapt`).
Named `training` so that it does not hide the package's `stance.train`.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sklearn
from joblib import Parallel, delayed

from stance.adapt import adapt_intercept
from stance.config import TrainConfig, load_config
from stance.cv import (
    Others,
    article_groups,
    cv_metric,
    cv_splits,
    fold_predictions,
    macro_f1,
    with_others,
)
from stance.errors import InputError, StanceError
from stance.features import build_pipeline
from stance.fitcache import fit_pipeline
from stance.labels import HEADS, POOLED, Columns, Schema, head_rows, read_inputs
from stance.model import StanceModel, TrainResult
from stance.persist import MODEL_FORMAT


def default_training_inputs(
    config: str | None = None, folder: str | Path = "labels"
) -> tuple[list[str], str | None]:
    """The default model's inputs: every `labels/*.csv`, and `labels/train.toml` as the
    config unless one is given."""
    files = sorted(str(p) for p in Path(folder).glob("*.csv"))
    if not files:
        raise StanceError(
            f"no labelling files given and none in {folder}/ "
            "(pass FILE.csv, or run from the project folder)"
        )
    default_config = Path(folder) / "train.toml"
    if config is None and default_config.is_file():
        config = str(default_config)
    return files, config


def train(
    data: Any,
    *,
    config: str | Path | dict[str, Any] | TrainConfig | None = None,
    progress: Callable[[str], None] | None = None,
    schema: Schema | None = None,
    columns: Columns | None = None,
    head_progress: Callable[[str, int, float | None], None] | None = None,
    add: Any = None,
) -> TrainResult:
    """Train a model from labelling files (paths) or frames; return a `TrainResult`.

    Each head trains on the rows that carry its label. Warnings (too few rows for CV,
    a target without enough rows, a class with no rows) are returned, never printed.
    `progress`, if given, is called with short messages: when a pipeline starts (rows,
    folds, settings), after each CV fold and before each final fit, each with an
    estimate of the time left once some work is done ("tone: fold 2/3 done at 41 s;
    about 1 min left"). `head_progress`, if given, is called when a head starts, with
    its name, its rows and None, and when it is done, with the seconds it took.

    `add` (files or frames, like `data`): in-domain rows, together `add_share` of each
    pipeline's weight; CV is judged on them; their sources record `"added": true`.
    """
    cfg = load_config(config)
    schema = schema or Schema()
    df, sources = _read_with_added(data, add, columns, schema)
    warns: list[str] = []
    heads: dict[str, dict[str, Any]] = {}
    cv: dict[str, dict[str, Any]] = {}

    plans = []
    for head in HEADS:
        plan = _plan_head(df, head, cfg.for_head(head), schema, warns)
        if plan is not None:
            plans.append(plan)
    if not plans:
        raise InputError(
            "no head can be trained: no rows with two or more stance or tone labels",
            fix="label more rows (see labels/GUIDE.md)",
        )
    report = None
    if progress is not None:
        report = _Progress(progress, sum(_job_work(p, j) for p in plans for j in p.jobs))
    for plan in plans:
        started = time.monotonic()
        if head_progress is not None:
            head_progress(plan.head, len(plan.rows), None)
        heads[plan.head], cv[plan.head] = _run_head(plan, report, warns)
        if head_progress is not None:
            head_progress(plan.head, len(plan.rows), time.monotonic() - started)

    combined = hashlib.sha256("".join(s["sha256"] for s in sources).encode()).hexdigest()
    meta = {
        "format_version": MODEL_FORMAT,
        "labels": {h: list(schema.labels(h)) for h in heads},
        "default_target": schema.default_target,
        "targets": sorted(k for k in heads.get("stance", {}) if k != POOLED),
        "heads": {h: sorted(p) for h, p in heads.items()},
        "config": cfg.to_dict(),
        "training_data": {"sha256": combined, "rows": len(df), "files": sources},
        "cv": _jsonable(cv),
        "versions": {"scikit-learn": sklearn.__version__},
    }
    return TrainResult(StanceModel(heads, meta), warns)


def _read_with_added(
    data: Any, add: Any, columns: Columns | None, schema: Schema
) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """`read_inputs` of `data`, then of `add`: one frame whose `added` column marks the
    added rows (their sources numbered after the others')."""
    df, sources = read_inputs(data, columns=columns, schema=schema)
    df["added"] = False
    if add is None or (isinstance(add, list | tuple) and not add):
        return df, sources
    mine, mine_sources = read_inputs(add, columns=columns, schema=schema)
    mine["source"] = (mine["source"].astype(int) + len(sources)).astype(str)
    mine["added"] = True
    sources = sources + [{**s, "added": True} for s in mine_sources]
    return pd.concat([df, mine], ignore_index=True), sources


@dataclass
class _Job:
    """One pipeline to fit: a target's own (`target`) or the head's pooled one (POOLED)."""

    target: str
    rows: pd.DataFrame
    others: pd.DataFrame | None


@dataclass
class _HeadPlan:
    """A head's rows, settings and the pipelines to fit."""

    head: str
    cfg: TrainConfig
    schema: Schema
    rows: pd.DataFrame
    metric: str
    targets: list[str]
    jobs: list[_Job]

    @property
    def per_target(self) -> bool:
        return len(self.targets) > 1


def _plan_head(
    df: pd.DataFrame, head: str, hcfg: TrainConfig, schema: Schema, warns: list[str]
) -> _HeadPlan | None:
    """The head's rows and pipelines to fit (None, with a warning, when it cannot be)."""
    rows = head_rows(df, head)
    if rows.empty:
        return None
    classes = sorted(set(rows[head]))
    if len(classes) < 2:
        warns.append(
            f"{head}: every labelled row is {classes[0]!r}; "
            f"a classifier needs two labels or more, so no {head} head"
        )
        return None
    missing = [c for c in schema.labels(head) if c not in classes]
    if missing:
        warns.append(
            f"{head}: no rows labelled {', '.join(missing)}; the model will never predict them"
        )
    sides = set(schema.f_avg_labels) & set(classes)
    metric = "f_avg" if head == "stance" and sides else "macro_f1"
    targets = sorted(set(rows["target"])) if head == "stance" else []
    plan = _HeadPlan(head, hcfg, schema, rows, metric, targets, [])
    for t in targets if plan.per_target else []:
        own = rows["target"] == t
        sub = rows[own]
        if len(sub) < hcfg.min_target_rows or sub[head].nunique() < 2:
            warns.append(
                f"stance: target {t!r} has {len(sub)} rows "
                f"({sub[head].nunique()} labels); the pooled model serves it"
            )
            continue
        plan.jobs.append(_Job(t, sub, rows[~own]))
    plan.jobs.append(_Job(POOLED, rows, None))
    return plan


def _job_work(plan: _HeadPlan, job: _Job) -> float:
    """A job's planned work (`_work`), for the time-left estimate."""
    cfg, head, rows = plan.cfg, plan.head, job.rows
    k = (
        cv_splits(
            rows[head].to_numpy(object),
            article_groups(rows.reset_index(drop=True)),
            cfg.folds,
            cfg.seed,
        )[1]
        if cfg.folds
        else 0
    )
    other_chars = 0.0 if job.others is None else float(job.others["text"].str.len().sum())
    ow = cfg.other_target_weight if other_chars and any(cfg.other_target_weight) else [0.0]
    fold, final = _work(float(rows["text"].str.len().sum()), other_chars, k, cfg, ow)
    return k * fold + final


def _run_head(
    plan: _HeadPlan, report: _Progress | None, warns: list[str]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Fit a head's pipelines; return them and their CV records."""
    head, hcfg, rows, metric = plan.head, plan.cfg, plan.rows, plan.metric
    pipes: dict[str, Any] = {}
    infos: dict[str, dict[str, Any]] = {}
    oof_all = pd.Series([""] * len(rows), dtype=object)
    oof = None
    for job in plan.jobs:
        sub = job.rows.reset_index(drop=True)
        others = (
            None
            if job.others is None
            else (job.others["text"].tolist(), job.others[head].to_numpy(object))
        )
        pooled = job.target == POOLED
        label = (
            f"{head} [pooled, {len(plan.targets)} targets]"
            if pooled and plan.per_target
            else head
            if pooled
            else f"{head} [{job.target}]"
        )
        jcfg, weights = hcfg, None
        if pooled and head == "stance" and plan.per_target:
            jcfg, weights = hcfg.pooled_stance(sub, plan.schema.neutral)
        elif pooled:
            weights = hcfg.row_weights(sub["source_name"])
        weights = hcfg.with_added(weights, sub["added"].to_numpy(bool))
        pipe, info, oof = _fit_one(
            sub["text"].tolist(),
            sub[head].to_numpy(object),
            article_groups(sub),
            jcfg,
            metric,
            weights,
            others=others,
            report=report,
            label=label,
            sides=plan.schema.f_avg_labels,
            judge=_added_mask(sub, hcfg),
            cached_rows=_leading_public(sub),
        )
        pipes[job.target], infos[job.target] = pipe, info
        if not pooled and oof is not None:
            oof_all[job.rows.index] = oof
    info = infos[POOLED]
    if not plan.per_target and plan.targets:
        pipes[plan.targets[0]] = pipes[POOLED]  # one target: its pipeline is the pooled one
    if info["score"] is None and hcfg.folds:
        warns.append(
            f"{head}: too few rows for cross-validation ({len(rows)} rows{_in_articles(rows)}, "
            f"smallest class {rows[head].value_counts().min()}); trained "
            "anyway, no CV metric recorded"
        )
    if plan.per_target and any(t in infos for t in plan.targets):
        # Out-of-fold predictions of the per-target pipelines (pooled where absent).
        if oof is not None:
            blank = oof_all == ""
            oof_all[blank] = oof[blank.to_numpy()]
        if not (oof_all == "").any():
            y, pred = rows[head].to_numpy(object), oof_all.to_numpy(object)
            judge = _added_mask(rows, hcfg)
            infos["per_target"] = {
                "rows": len(rows),
                "metric": metric,
                "folds": hcfg.folds,
                "score": _judged(cv_metric(metric, plan.schema.f_avg_labels), judge)(y, pred),
                "macro_f1": _judged(macro_f1, judge)(y, pred),
                "C": "per target",
                "min_df": "per target",
                "grouped": article_groups(rows) is not None,
                **({"judged_on_added": int(judge.sum())} if judge is not None else {}),
            }
    return pipes, infos


def _in_articles(rows: pd.DataFrame) -> str:
    """` in 2 articles` when CV groups the rows by article, else ``."""
    groups = article_groups(rows.reset_index(drop=True))
    return "" if groups is None else f" in {len(np.unique(groups))} articles"


def _work(
    own_chars: float, other_chars: float, k: int, cfg: TrainConfig, other_weights: Sequence[float]
) -> tuple[float, float]:
    """Planned work of one pipeline, for the time-left estimate: (per CV fold, final
    fit), in characters of text through a vectorizer fit (1 unit a character) or a
    classifier fit (2 units: measured on SemEval tweets), per worker."""
    positive = sum(w > 0 for w in other_weights) if other_chars else 0
    if k:
        part = own_chars * (k - 1) / k
        per_min_df = (0.0 in other_weights or not positive) * (1 + 2 * len(cfg.C)) * part + bool(
            positive
        ) * (1 + 2 * len(cfg.C) * positive) * (part + other_chars)
        fold = len(cfg.min_df) * per_min_df / max(1, min(cfg.n_jobs, k))
    else:
        fold = 0.0
    return fold, 3 * (own_chars + (other_chars if positive else 0.0))


def _duration(seconds: float) -> str:
    s = max(1, round(seconds))
    if s < 90:
        return f"{s} s"
    if s < 3600:
        return f"{round(s / 60)} min"
    return f"{s // 3600} h {round(s % 3600 / 60)} min"


class _Progress:
    """`train(progress=...)` messages, per head, fold and final fit, with the time left.

    The whole run's work is planned up front (`_work`); once some of it is done, the
    time left is the planned work still to do at the speed measured so far.
    """

    def __init__(
        self, say: Callable[[str], None], total: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.say, self.total, self.clock = say, total, clock
        self.done = 0.0
        self.t0 = clock()

    def left(self) -> str:
        elapsed = self.clock() - self.t0
        # No guess before 5% of the work is done (worker start-up skews the first).
        if self.done < 0.05 * self.total or self.total <= self.done:
            return ""
        return f"; about {_duration((self.total - self.done) * elapsed / self.done)} left"

    def advance(self, units: float, message: str | None = None) -> None:
        self.done += units
        if message is not None:
            self.say(message + self.left())


def _fit_one(
    texts: list[str],
    y: np.ndarray,
    groups: np.ndarray | None,
    cfg: TrainConfig,
    metric: str,
    weights: np.ndarray | None = None,
    *,
    others: Others | None = None,
    report: _Progress | None = None,
    label: str = "",
    sides: Sequence[str] = Schema().f_avg_labels,
    judge: np.ndarray | None = None,
    cached_rows: int = 0,
) -> tuple[Any, dict[str, Any], np.ndarray | None]:
    """Choose hyperparameters by CV, refit on all rows; return (pipe, cv info, oof pred).

    `weights` (per row, or None) are the classifier's sample weights, in CV and refit.
    `others` (a per-target stance pipeline's other-target rows) join every training
    part, and the final fit, with the weight `cfg.other_target_weight` picks by CV.
    `report` gets a message per finished fold and before the final fit. `sides`: the
    labels an "f_avg" metric averages. `judge` (a row mask, the added rows): the CV
    metric is measured on those rows only (the folds still split every row).
    `cached_rows`: the final fit takes the first rows' counts from the fit cache.
    """
    score = _judged(cv_metric(metric, sides), judge)
    splits, k = cv_splits(y, groups, cfg.folds, cfg.seed) if cfg.folds else ([], 0)
    # Weight 0 (alone in the grid): the target's own rows only, exactly as if alone.
    use = others if others is not None and any(cfg.other_target_weight) else None
    ow = list(cfg.other_target_weight) if use is not None else [0.0]
    grid = list(itertools.product(cfg.min_df, cfg.C, ow))
    other_chars = float(sum(map(len, use[0]))) if use is not None else 0.0
    fold_work, final_work = _work(float(sum(map(len, texts))), other_chars, k, cfg, ow)
    info: dict[str, Any] = {
        "rows": len(y),
        "folds": k,
        "grouped": groups is not None,
        "cv_off": not cfg.folds,
        "metric": metric,
        "classes": sorted(set(y.tolist())),
        **({"judged_on_added": int(judge.sum())} if judge is not None else {}),
    }
    oof = None
    if report:
        report.say(
            f"{label}: {len(y):,} rows"
            + (f" (+{len(use[0]):,} from other targets)" if use is not None else "")
            + (f", {k}-fold CV of {len(grid)} setting{'s' * (len(grid) > 1)}" if k else ", no CV")
            + report.left()
        )
    if splits:
        t_fold = time.monotonic()
        results = []
        for res in Parallel(n_jobs=min(cfg.n_jobs, len(splits)), return_as="generator")(
            delayed(fold_predictions)(texts, y, tr, te, cfg, weights, use, ow) for tr, te in splits
        ):
            results.append(res)
            if report:
                report.advance(
                    fold_work,
                    f"{label}: fold {len(results)}/{k} done "
                    f"at {_duration(time.monotonic() - t_fold)}",
                )
        scores = {}
        preds = {}
        for cand in grid:
            pred = np.empty(len(y), dtype=object)
            for (_, te), res in zip(splits, results, strict=True):
                pred[te] = res[cand]
            preds[cand] = pred
            scores[cand] = score(y, pred)
        # Ties go to the earlier grid entry (smaller min_df, smaller C, then the
        # earlier other-target weight): deterministic.
        best = max(grid, key=lambda c: (scores[c], -grid.index(c)))
        oof = preds[best]
        info.update(
            score=scores[best],
            macro_f1=_judged(macro_f1, judge)(y, oof),
            grid=[
                {
                    "min_df": m,
                    "C": c,
                    **({"other_target_weight": w} if others is not None else {}),
                    "score": round(scores[(m, c, w)], 6),
                }
                for m, c, w in grid
            ],
        )
    else:
        # No CV: the middle of each grid.
        best = (cfg.min_df[0], cfg.C[len(cfg.C) // 2], ow[len(ow) // 2])
        info.update(score=None, macro_f1=None, grid=[])
    min_df, C, w = best
    info["min_df"], info["C"] = min_df, C
    if others is not None:
        info["other_target_weight"] = w
        info["other_rows"] = len(others[0]) if w else 0
    pipe = build_pipeline(cfg.feature_config(min_df, C))
    if report:
        report.say(
            f"{label}: final fit on {len(y):,} rows"
            + (f" + {len(use[0]):,} other-target rows x {w:g}" if w and use else "")
            + f" (C={C:g}, min_df={min_df})"
            + report.left()
        )
    if w and use is not None:
        pipe.fit(
            texts + use[0],
            np.concatenate([y, use[1]]),
            clf__sample_weight=with_others(weights, len(y), len(use[0]), w),
        )
    else:
        adapting = cfg.add_offsets and judge is not None
        fit = fit_pipeline(pipe, texts, y, weights, cached_rows=cached_rows, keep_features=adapting)
        if adapting:
            if report:
                report.say(f"{label}: offsets from the added rows (out of fold)" + report.left())
            clf = pipe.named_steps["clf"]
            info["add_offsets"] = adapt_intercept(clf, fit.features, y, weights, judge, cfg)
    if report:
        report.advance(final_work)
    return pipe, info, oof


def _leading_public(rows: pd.DataFrame) -> int:
    """How many rows come before the first added one (the fit cache's rows)."""
    added = rows["added"].to_numpy(bool)
    return int(np.argmax(added)) if added.any() else len(added)


def _added_mask(rows: pd.DataFrame, cfg: TrainConfig) -> np.ndarray | None:
    """The added rows, which CV judges a pipeline on (None: no added row, or add_share 0)."""
    added = rows["added"].to_numpy(bool)
    return added if added.any() and cfg.add_share else None


def _judged(
    metric: Callable[[np.ndarray, np.ndarray], float], mask: np.ndarray | None
) -> Callable[[np.ndarray, np.ndarray], float]:
    """`metric` measured on the `mask` rows only (all rows when None)."""
    if mask is None:
        return metric
    return lambda y, pred: metric(y[mask], pred[mask])


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj
