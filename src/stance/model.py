"""Training: per-head TF-IDF + logistic-regression pipelines picked by cross-validation.

`train(files)` reads and validates labelling files, then for each head (stance, tone)
fits `features.build_pipeline` pipelines: stance per target when there are several
targets, plus a pooled "*" pipeline for targets the model has not seen; tone pooled.
Hyperparameters (C, and min_df when the config gives a list) are chosen by stratified
k-fold cross-validation, grouped by `article` when the data has one, with fixed seeds so
the same data always gives the same model. `StanceModel` is the fitted model's API.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import tomllib
import warnings as _warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import ConfigError, InputError, ModelError, StanceError
from stance.features import FeatureConfig, build_pipeline
from stance.io import read_bytes
from stance.labels import HEADS, Columns, Schema, read_labels, validate_frame

FORMAT_VERSION = 1
POOLED = "*"


@dataclass
class TrainConfig:
    """Training settings; `--config FILE.toml` overrides any of them (see `load_config`)."""

    word_ngram: tuple[int, int] = (1, 2)
    char_ngram: tuple[int, int] = (2, 5)
    min_df: list[int] = field(default_factory=lambda: [1])
    max_df: float = 1.0
    C: list[float] = field(default_factory=lambda: [0.3, 1.0, 3.0])
    folds: int = 5
    seed: int = 0
    n_jobs: int = 2
    class_weight: str | None = "balanced"
    # Stance rows per target below which no per-target pipeline is fitted (the pooled
    # one serves that target): a handful of rows gives a worse model than the pool.
    min_target_rows: int = 20
    # Per-head overrides ({"tone": {"min_df": [2]}}), from [stance] / [tone] sections.
    heads: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["word_ngram"] = list(self.word_ngram)
        d["char_ngram"] = list(self.char_ngram)
        d["heads"] = {h: {k: list(v) if isinstance(v, tuple) else v for k, v in o.items()}
                      for h, o in self.heads.items()}
        return d

    def for_head(self, head: str) -> TrainConfig:
        """This config with the head's overrides applied."""
        return replace(self, heads={}, **self.heads.get(head, {}))

    def feature_config(self, min_df: int, C: float) -> FeatureConfig:
        return FeatureConfig(word_ngram=tuple(self.word_ngram),
                             char_ngram=tuple(self.char_ngram), min_df=min_df,
                             max_df=self.max_df, C=C, class_weight=self.class_weight,
                             random_state=self.seed)


_CONFIG_KEYS = {
    "features": {"word_ngram", "char_ngram", "min_df", "max_df"},
    "cv": {"C", "folds", "seed", "n_jobs"},
    "model": {"class_weight", "min_target_rows"},
}
_HEAD_KEYS = set().union(*_CONFIG_KEYS.values())


def load_config(source: str | Path | dict[str, Any] | TrainConfig | None) -> TrainConfig:
    """Resolve a config: None (defaults), a TrainConfig, a dict or a TOML file.

    TOML shape: `[features] word_ngram = [1, 2], char_ngram = [2, 5], min_df = 1 (or a
    list to search), max_df = 1.0`; `[cv] C = [0.3, 1, 3], folds = 5, seed = 0,
    n_jobs = 2`; `[model] class_weight = "balanced", min_target_rows = 20`; and
    `[stance]` / `[tone]` sections with any of those keys, for that head only.
    """
    if source is None:
        return TrainConfig()
    if isinstance(source, TrainConfig):
        return source
    path: str | Path = "<config>"
    if isinstance(source, dict):
        data = source
    else:
        path = source
        try:
            data = tomllib.loads(Path(source).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError("no such config file", path=path, fix="check the path") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML: {exc}", path=path) from None
    values: dict[str, Any] = {}
    heads: dict[str, dict[str, Any]] = {}
    for section, body in data.items():
        if section in HEADS and isinstance(body, dict):
            bad = sorted(set(body) - _HEAD_KEYS)
            if bad:
                raise ConfigError(f"unknown key {bad[0]!r} in [{section}]", path=path,
                                  fix=f"keys: {', '.join(sorted(_HEAD_KEYS))}")
            heads[section] = _check_values(dict(body), path)
            continue
        if section not in _CONFIG_KEYS or not isinstance(body, dict):
            raise ConfigError(f"unknown section [{section}]", path=path,
                              fix=f"sections: {', '.join([*_CONFIG_KEYS, *HEADS])}")
        for key, value in body.items():
            if key not in _CONFIG_KEYS[section]:
                raise ConfigError(f"unknown key {key!r} in [{section}]", path=path,
                                  fix=f"keys: {', '.join(sorted(_CONFIG_KEYS[section]))}")
            values[key] = value
    return replace(TrainConfig(), heads=heads, **_check_values(values, path))


def _check_values(values: dict[str, Any], path: str | Path) -> dict[str, Any]:
    try:
        for key in ("word_ngram", "char_ngram"):
            if key in values:
                lo, hi = (int(x) for x in values[key])
                if not 1 <= lo <= hi:
                    raise ValueError(f"{key} must be [low, high] with 1 <= low <= high")
                values[key] = (lo, hi)
        if "min_df" in values:
            v = values["min_df"]
            values["min_df"] = [int(x) for x in (v if isinstance(v, list) else [v])]
            if not values["min_df"] or min(values["min_df"]) < 1:
                raise ValueError("min_df must be integers >= 1")
        if "C" in values:
            v = values["C"]
            values["C"] = [float(x) for x in (v if isinstance(v, list) else [v])]
            if not values["C"] or min(values["C"]) <= 0:
                raise ValueError("C must be positive numbers")
        for key in ("folds", "seed", "n_jobs", "min_target_rows"):
            if key in values:
                values[key] = int(values[key])
        if values.get("folds", 2) < 2:
            raise ValueError("folds must be at least 2")
        if "max_df" in values:
            values["max_df"] = float(values["max_df"])
            if not 0 < values["max_df"] <= 1:
                raise ValueError("max_df must be in (0, 1]")
        if "class_weight" in values and values["class_weight"] not in ("balanced", "none"):
            raise ValueError('class_weight must be "balanced" or "none"')
        if values.get("class_weight") == "none":
            values["class_weight"] = None
    except (TypeError, ValueError) as exc:
        raise ConfigError(str(exc), path=path) from None
    return values


# ---- the fitted model -----------------------------------------------------------------


class StanceModel:
    """A trained model: per-head pipelines plus the label vocabularies and metadata."""

    def __init__(self, heads: dict[str, dict[str, Any]], meta: dict[str, Any],
                 path: str | Path | None = None) -> None:
        self.heads = heads
        self.meta = meta
        self.path = None if path is None else Path(path)
        self._names: dict[int, np.ndarray] = {}

    @property
    def labels(self) -> dict[str, list[str]]:
        """Head -> its label vocabulary (the probability columns, in this order)."""
        return {h: list(v) for h, v in self.meta["labels"].items() if h in self.heads}

    @property
    def default_target(self) -> str:
        return str(self.meta.get("default_target", ""))

    def pipeline_for(self, head: str, target: str | None = None) -> Any:
        """The pipeline for `head` and `target`: the target's own, else the pooled one."""
        if head not in self.heads:
            raise ModelHeadError(head, list(self.heads))
        pipes = self.heads[head]
        if target is None or target == "":
            target = self.default_target if head == "stance" else POOLED
        return pipes.get(target, pipes[POOLED])

    def predict_proba(self, texts: Sequence[str], head: str,
                      targets: Sequence[str] | str | None = None) -> np.ndarray:
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

    def predict(self, texts: Sequence[str], targets: Sequence[str] | str | None = None
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

    def explain(self, text: str, k: int = 10, target: str | None = None
                ) -> dict[str, list[tuple[str, float]]]:
        """Per head, the k n-grams that pushed most toward the predicted label.

        Contributions are exact for the linear model: tf-idf value x coefficient of the
        predicted class (a binary model's coefficients belong to `classes_[1]`, so they
        change sign for `classes_[0]`). Sorted from the strongest push down.
        """
        out: dict[str, list[tuple[str, float]]] = {}
        for head in self.heads:
            pipe = self.pipeline_for(head, target if head == "stance" else None)
            x = pipe.named_steps["features"].transform([text]).tocsr()
            clf = pipe.named_steps["clf"]
            proba = clf.predict_proba(x)[0]
            c = int(np.argmax(proba))
            if clf.coef_.shape[0] == 1:
                coef = clf.coef_[0] if c == 1 else -clf.coef_[0]
            else:
                coef = clf.coef_[c]
            contrib = x.data * coef[x.indices]
            names = self._feature_names(pipe)
            order = np.argsort(-contrib, kind="stable")[:k]
            out[head] = [(str(names[x.indices[j]]), float(contrib[j])) for j in order]
        return out

    def _feature_names(self, pipe: Any) -> np.ndarray:
        key = id(pipe)
        if key not in self._names:
            names = pipe.named_steps["features"].get_feature_names_out()
            self._names[key] = np.array([n.split("__", 1)[1] for n in names], dtype=object)
        return self._names[key]

    def __repr__(self) -> str:
        heads = {h: sorted(p) for h, p in self.heads.items()}
        return f"StanceModel(path={str(self.path)!r}, heads={heads})"


class ModelHeadError(ModelError):
    """The model has no such head."""

    def __init__(self, head: str, heads: list[str]) -> None:
        super().__init__(f"the model has no {head!r} head (heads: {', '.join(heads) or 'none'};"
                         f" train it on rows with {head} labels)")


def _as_texts(texts: Sequence[str] | str) -> list[str]:
    if isinstance(texts, str):
        return [texts]
    return ["" if t is None else str(t) for t in texts]


def _as_targets(targets: Sequence[str] | str | None, n: int) -> list[str | None]:
    if targets is None or isinstance(targets, str):
        return [targets] * n
    tg = [None if t is None or (isinstance(t, float) and math.isnan(t)) else str(t)
          for t in targets]
    if len(tg) != n:
        raise InputError(f"{len(tg)} targets for {n} texts", fix="give one target per text")
    return tg


# ---- training -------------------------------------------------------------------------


@dataclass
class TrainResult:
    """What `train` returns: the model, its metadata and warnings (nothing is printed)."""

    model: StanceModel
    warnings: list[str]

    @property
    def meta(self) -> dict[str, Any]:
        return self.model.meta

    def summary_lines(self) -> list[str]:
        """Human-readable lines: rows, chosen hyperparameters and CV scores per pipeline."""
        lines = []
        for head, pipes in self.meta["cv"].items():
            for target, info in pipes.items():
                name = head if target == POOLED else f"{head} [{target}]"
                score = info.get("score")
                cv = (f"{info['metric']} {score:.3f} ({info['folds']}-fold CV"
                      f"{', grouped by article' if info.get('grouped') else ''})"
                      if score is not None else "no CV metric (too few rows)")
                lines.append(f"{name}: {info['rows']} rows, C={info['C']}, "
                             f"min_df={info['min_df']}; {cv}")
        return lines


def _sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _frame_sha256(df: pd.DataFrame) -> str:
    cols = [c for c in ("id", "text", "target", "stance", "tone", "article") if c in df]
    return _sha256_bytes(df[cols].to_csv(index=False).encode("utf-8"))


def _read_inputs(data: Any, columns: Columns | None, schema: Schema
                 ) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Files or frames -> one validated frame, plus a record of each source."""
    items = [data] if isinstance(data, str | Path | pd.DataFrame) else list(data)
    items = [x for item in items
             for x in ([item] if isinstance(item, pd.DataFrame) else iter_files([item]))]
    if not items:
        raise InputError("no training data given", fix="pass labelling files or frames")
    frames, sources = [], []
    for n, item in enumerate(items):
        if isinstance(item, pd.DataFrame):
            df = validate_frame(item.astype(object).where(item.notna(), "").astype(str),
                                f"<frame {n}>", columns=columns, schema=schema)
            sources.append({"path": f"<frame {n}>", "rows": len(df), "sha256": _frame_sha256(df)})
        else:
            df = read_labels(item, columns=columns, schema=schema)
            sources.append({"path": str(item), "rows": len(df),
                            "sha256": _sha256_bytes(read_bytes(item))})
        df["source"] = str(n)
        frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    return out, sources


def _groups(df: pd.DataFrame) -> np.ndarray | None:
    """Article groups for CV (rows without an article are each their own group)."""
    if not (df["article"] != "").any():
        return None
    key = np.where(df["article"] != "", "a:" + df["source"] + ":" + df["article"],
                   "r:" + df.index.astype(str))
    return pd.factorize(key)[0]


def _splits(y: np.ndarray, groups: np.ndarray | None, folds: int, seed: int
            ) -> tuple[list[tuple[np.ndarray, np.ndarray]], int]:
    """Stratified (grouped) folds; fewer folds when a class is rare; [] when impossible."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

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
        return list(cv.split(x, y, groups)), k


def _score(y: np.ndarray, pred: np.ndarray, metric: str) -> float:
    from sklearn.metrics import f1_score

    if metric == "f_avg":
        return float(np.mean(f1_score(y, pred, labels=["favor", "against"], average=None,
                                      zero_division=0)))
    return float(f1_score(y, pred, average="macro", zero_division=0))


def _fold_predictions(texts: list[str], y: np.ndarray, train: np.ndarray, test: np.ndarray,
                      cfg: TrainConfig) -> dict[tuple[int, float], np.ndarray]:
    """One fold: fit the features once per min_df, the classifier once per C."""
    out = {}
    xtr = [texts[i] for i in train]
    xte = [texts[i] for i in test]
    for min_df in cfg.min_df:
        pipe = build_pipeline(cfg.feature_config(min_df, cfg.C[0]))
        feats = pipe.named_steps["features"]
        a = feats.fit_transform(xtr)
        b = feats.transform(xte)
        for C in cfg.C:
            clf = pipe.named_steps["clf"].set_params(C=C)
            clf.fit(a, y[train])
            out[(min_df, C)] = clf.predict(b)
    return out


def _fit_one(texts: list[str], y: np.ndarray, groups: np.ndarray | None, cfg: TrainConfig,
             metric: str) -> tuple[Any, dict[str, Any], np.ndarray | None]:
    """Choose hyperparameters by CV, refit on all rows; return (pipe, cv info, oof pred)."""
    from joblib import Parallel, delayed

    splits, k = _splits(y, groups, cfg.folds, cfg.seed)
    grid = list(itertools.product(cfg.min_df, cfg.C))
    info: dict[str, Any] = {"rows": len(y), "folds": k, "grouped": groups is not None,
                            "metric": metric, "classes": sorted(set(y.tolist()))}
    oof = None
    if splits:
        results = Parallel(n_jobs=min(cfg.n_jobs, len(splits)))(
            delayed(_fold_predictions)(texts, y, tr, te, cfg) for tr, te in splits)
        scores = {}
        preds = {}
        for cand in grid:
            pred = np.empty(len(y), dtype=object)
            for (_, te), res in zip(splits, results, strict=True):
                pred[te] = res[cand]
            preds[cand] = pred
            scores[cand] = _score(y, pred, metric)
        # Ties go to the earlier grid entry (smaller min_df, smaller C): deterministic.
        best = max(grid, key=lambda c: (scores[c], -grid.index(c)))
        oof = preds[best]
        info.update(score=scores[best], macro_f1=_score(y, oof, "macro_f1"),
                    grid=[{"min_df": m, "C": c, "score": round(scores[(m, c)], 6)}
                          for m, c in grid])
    else:
        best = (cfg.min_df[0], cfg.C[len(cfg.C) // 2])
        info.update(score=None, macro_f1=None, grid=[])
    info["min_df"], info["C"] = best
    pipe = build_pipeline(cfg.feature_config(*best))
    pipe.fit(texts, y)
    return pipe, info, oof


def default_training_inputs(config: str | None = None,
                            folder: str | Path = "labels") -> tuple[list[str], str | None]:
    """The default model's inputs: every `labels/*.csv`, and `labels/train.toml` as the
    config unless one is given."""
    files = sorted(str(p) for p in Path(folder).glob("*.csv"))
    if not files:
        raise StanceError(f"no labelling files given and none in {folder}/ "
                          "(pass FILE.csv, or run from the project folder)")
    default_config = Path(folder) / "train.toml"
    if config is None and default_config.is_file():
        config = str(default_config)
    return files, config


def train(data: Any, *, config: str | Path | dict[str, Any] | TrainConfig | None = None,
          progress: Callable[[str], None] | None = None, schema: Schema | None = None,
          columns: Columns | None = None) -> TrainResult:
    """Train a model from labelling files (paths) or frames; return a `TrainResult`.

    Each head trains on the rows that carry its label. Warnings (too few rows for CV,
    a target without enough rows, a class with no rows) are returned, never printed.
    `progress`, if given, is called with a short message before each pipeline is fitted.
    """
    import sklearn

    cfg = load_config(config)
    schema = schema or Schema()
    df, sources = _read_inputs(data, columns, schema)
    say = progress or (lambda _msg: None)
    warns: list[str] = []
    heads: dict[str, dict[str, Any]] = {}
    cv: dict[str, dict[str, Any]] = {}

    for head in HEADS:
        hcfg = cfg.for_head(head)
        rows = df[df[head] != ""].reset_index(drop=True)
        if rows.empty:
            continue
        classes = sorted(set(rows[head]))
        if len(classes) < 2:
            warns.append(f"{head}: every labelled row is {classes[0]!r}; "
                         f"a classifier needs two labels or more, so no {head} head")
            continue
        missing = [c for c in schema.labels(head) if c not in classes]
        if missing:
            warns.append(f"{head}: no rows labelled {', '.join(missing)}; "
                         "the model will never predict them")
        metric = "f_avg" if head == "stance" and {"favor", "against"} & set(classes) \
            else "macro_f1"
        pipes: dict[str, Any] = {}
        infos: dict[str, dict[str, Any]] = {}
        oof_all = pd.Series([""] * len(rows), dtype=object)
        targets = sorted(set(rows["target"])) if head == "stance" else []
        per_target = len(targets) > 1
        for t in targets if per_target else []:
            sub = rows[rows["target"] == t]
            if len(sub) < hcfg.min_target_rows or sub[head].nunique() < 2:
                warns.append(f"stance: target {t!r} has {len(sub)} rows "
                             f"({sub[head].nunique()} labels); the pooled model serves it")
                continue
            say(f"training stance [{t}] on {len(sub)} rows")
            pipe, info, oof = _fit_one(sub["text"].tolist(), sub[head].to_numpy(object),
                                       _groups(sub.reset_index(drop=True)), hcfg, metric)
            pipes[t], infos[t] = pipe, info
            if oof is not None:
                oof_all[sub.index] = oof
        say(f"training {head} on {len(rows)} rows"
            + (f" ({len(targets)} targets pooled)" if per_target else ""))
        pipe, info, oof = _fit_one(rows["text"].tolist(), rows[head].to_numpy(object),
                                   _groups(rows), hcfg, metric)
        pipes[POOLED] = pipe
        if not per_target and targets:
            pipes[targets[0]] = pipe  # one target: its pipeline is the pooled one
        infos[POOLED] = info
        if info["score"] is None:
            warns.append(f"{head}: too few rows for cross-validation ({len(rows)} rows, "
                         f"smallest class {rows[head].value_counts().min()}); trained "
                         "anyway, no CV metric recorded")
        if per_target and any(i in infos for i in targets):
            # Out-of-fold predictions of the per-target pipelines (pooled where absent).
            if oof is not None:
                blank = oof_all == ""
                oof_all[blank] = oof[blank.to_numpy()]
            if not (oof_all == "").any():
                y = rows[head].to_numpy(object)
                infos["per_target"] = {
                    "rows": len(rows), "metric": metric, "folds": hcfg.folds,
                    "score": _score(y, oof_all.to_numpy(object), metric),
                    "macro_f1": _score(y, oof_all.to_numpy(object), "macro_f1"),
                    "C": "per target", "min_df": "per target",
                    "grouped": _groups(rows) is not None}
        heads[head] = pipes
        cv[head] = infos
    if not heads:
        raise InputError("no head can be trained: no rows with two or more stance or "
                         "tone labels", fix="label more rows (see labels/GUIDE.md)")

    combined = _sha256_bytes("".join(s["sha256"] for s in sources).encode())
    meta = {
        "format_version": FORMAT_VERSION,
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


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def iter_files(paths: Iterable[str | Path]) -> list[str]:
    """Expand folders into their labelling files (*.csv, *.tsv, *.jsonl, *.parquet).

    Only the folder's own files, sorted by name, so a folder always trains the same way.
    """
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(str(q) for q in p.iterdir()
                          if q.suffix.lower() in (".csv", ".tsv", ".jsonl", ".parquet"))
        else:
            out.append(str(p))
    return out
