"""Training: per-head TF-IDF + logistic-regression pipelines picked by cross-validation.

`train(files)` reads and validates labelling files, then for each head (stance, tone)
fits `features.build_pipeline` pipelines: stance per target when there are several
targets, plus a pooled "*" pipeline for targets the model has not seen; tone pooled.
A per-target pipeline may also learn from the other targets' rows at a lower sample
weight (`other_target_weight`). Hyperparameters (C, min_df and that weight when the
config gives a list) are chosen by stratified
k-fold cross-validation, grouped by `article` when the data has one, with fixed seeds so
the same data always gives the same model. `StanceModel` is the fitted model's API.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import time
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
from stance.labels import HEADS, POOLED, Columns, Schema, read_labels, validate_frame

MODEL_FORMAT = 1


@dataclass
class TrainConfig:
    """Training settings; `--config FILE.toml` overrides any of them (see `load_config`)."""

    word_ngram: tuple[int, int] = (1, 2)
    char_ngram: tuple[int, int] = (2, 5)
    min_df: list[int] = field(default_factory=lambda: [1])
    max_df: float = 1.0
    token_pattern: str = FeatureConfig.token_pattern
    lexicon: bool = FeatureConfig.lexicon
    C: list[float] = field(default_factory=lambda: [0.3, 1.0, 3.0])
    # 0: no cross-validation (one C, no CV metric in meta.json): for large pooled
    # corpora whose honest figure is the leave-one-corpus-out benchmark anyway.
    folds: int = 5
    seed: int = 0
    n_jobs: int = 2
    tol: float = FeatureConfig.tol
    class_weight: str | None = "balanced"
    # How much each training file counts: "raw" (every row 1), "sqrt" (a file's rows
    # together weigh sqrt(rows), so a large corpus cannot drown the small ones) or
    # "equal" (every file weighs the same); `source_weights` multiplies a file's rows
    # ({"tone-wikitox" = 0.5}, by file name without suffix).
    balance: str = "raw"
    source_weights: dict[str, float] = field(default_factory=dict)
    # Stance rows per target below which no per-target pipeline is fitted (the pooled
    # one serves that target): a handful of rows gives a worse model than the pool.
    min_target_rows: int = 20
    # Learning across targets: a per-target stance pipeline also trains on the other
    # targets' stance rows, each with this sample weight (its own rows weigh 1); a list
    # is searched by the inner CV like C (the folds split only the target's own rows,
    # the other targets' rows are always in the training part). 0: own rows only.
    other_target_weight: list[float] = field(default_factory=lambda: [0.0])
    # The pooled stance pipeline when there are two targets or more (it serves the
    # targets the model has not seen): `pooled_target_balance` weighs the targets as
    # `balance` weighs files ("raw", "sqrt", "equal"); `pooled_none_weight` multiplies
    # the `none` class's weight (below 1: fewer comments on an unseen target are called
    # `none`). The defaults change nothing; see docs/stance.md for what they measured.
    pooled_target_balance: str = "raw"
    pooled_none_weight: float = 1.0
    # Per-head overrides ({"tone": {"min_df": [2]}}), from [stance] / [tone] sections.
    heads: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["word_ngram"] = list(self.word_ngram)
        d["char_ngram"] = list(self.char_ngram)
        d["heads"] = {
            h: {k: list(v) if isinstance(v, tuple) else v for k, v in o.items()}
            for h, o in self.heads.items()
        }
        return d

    def for_head(self, head: str) -> TrainConfig:
        """This config with the head's overrides applied."""
        return replace(self, heads={}, **self.heads.get(head, {}))

    def feature_config(self, min_df: int, C: float) -> FeatureConfig:
        return FeatureConfig(
            word_ngram=tuple(self.word_ngram),
            char_ngram=tuple(self.char_ngram),
            min_df=min_df,
            max_df=self.max_df,
            token_pattern=self.token_pattern,
            C=C,
            class_weight=self.class_weight,
            tol=self.tol,
            lexicon=self.lexicon,
            random_state=self.seed,
        )

    def row_weights(self, sources: pd.Series) -> np.ndarray | None:
        """Per-row sample weights from `balance` and `source_weights` (None: all 1),
        scaled to a mean of 1 so that C means the same with and without them."""
        if self.balance == "raw" and not self.source_weights:
            return None
        w = _balanced(sources, self.balance)
        w = w * sources.map(lambda s: self.source_weights.get(s, 1.0)).to_numpy(dtype=float)
        return w * len(w) / w.sum() if w.sum() > 0 else None

    def pooled_stance(self, rows: pd.DataFrame) -> tuple[TrainConfig, np.ndarray | None]:
        """The pooled stance pipeline's config and row weights when there are several
        targets: `pooled_target_balance` and `pooled_none_weight` applied (a class
        weight table in place of "balanced", so stock LogisticRegression keeps it)."""
        w = self.row_weights(rows["source_name"])
        if self.pooled_target_balance != "raw":
            t = _balanced(rows["target"], self.pooled_target_balance)
            w = t if w is None else w * t
            w = w * len(w) / w.sum()
        if self.pooled_none_weight == 1.0:
            return self, w
        from sklearn.utils.class_weight import compute_class_weight

        y = rows["stance"].to_numpy(object)
        classes = np.array(sorted(set(y.tolist())), dtype=object)
        base = (
            compute_class_weight("balanced", classes=classes, y=y, sample_weight=w)
            if self.class_weight == "balanced"
            else np.ones(len(classes))
        )
        table = {
            str(c): float(b) * (self.pooled_none_weight if c == "none" else 1.0)
            for c, b in zip(classes, base, strict=True)
        }
        return replace(self, class_weight=table), w  # type: ignore[arg-type]


def _balanced(keys: pd.Series, mode: str) -> np.ndarray:
    """Per-row weights that give each key's rows together 1 ("equal"), sqrt(rows)
    ("sqrt") or rows ("raw") of weight."""
    counts = keys.map(keys.value_counts()).to_numpy(dtype=float)
    return {"raw": np.ones(len(counts)), "sqrt": 1.0 / np.sqrt(counts), "equal": 1.0 / counts}[mode]


_CONFIG_KEYS = {
    "features": {"word_ngram", "char_ngram", "min_df", "max_df", "token_pattern", "lexicon"},
    "cv": {"C", "folds", "seed", "n_jobs"},
    "model": {
        "class_weight",
        "min_target_rows",
        "tol",
        "balance",
        "source_weights",
        "other_target_weight",
        "pooled_target_balance",
        "pooled_none_weight",
    },
}
_HEAD_KEYS = set().union(*_CONFIG_KEYS.values())
# Keys that only make sense for one head (the tone head has no targets).
_ONLY_FOR = {
    "other_target_weight": "stance",
    "pooled_target_balance": "stance",
    "pooled_none_weight": "stance",
}


def load_config(source: str | Path | dict[str, Any] | TrainConfig | None) -> TrainConfig:
    """Resolve a config: None (defaults), a TrainConfig, a dict or a TOML file.

    TOML shape: `[features] word_ngram = [1, 2], char_ngram = [2, 5], min_df = 1 (or a
    list to search), max_df = 1.0, token_pattern = "..."`; `[cv] C = [0.3, 1, 3],
    folds = 5, seed = 0, n_jobs = 2`; `[model] class_weight = "balanced",
    min_target_rows = 20, other_target_weight = [0, 0.1, 0.3], pooled_target_balance,
    pooled_none_weight, tol, balance, source_weights`; and `[stance]` / `[tone]`
    sections with any of those keys, for that head only (`other_target_weight` and the
    `pooled_*` keys: not in [tone], which has no targets).
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
                raise ConfigError(
                    f"unknown key {bad[0]!r} in [{section}]",
                    path=path,
                    fix=f"keys: {', '.join(sorted(_HEAD_KEYS))}",
                )
            wrong = sorted(k for k in body if _ONLY_FOR.get(k, section) != section)
            if wrong:
                raise ConfigError(
                    f"{wrong[0]!r} applies to the {_ONLY_FOR[wrong[0]]} head "
                    f"only, not in [{section}]",
                    path=path,
                    fix=f"move it to [{_ONLY_FOR[wrong[0]]}] or [model]",
                )
            heads[section] = _check_values(dict(body), path)
            continue
        if section not in _CONFIG_KEYS or not isinstance(body, dict):
            raise ConfigError(
                f"unknown section [{section}]",
                path=path,
                fix=f"sections: {', '.join([*_CONFIG_KEYS, *HEADS])}",
            )
        for key, value in body.items():
            if key not in _CONFIG_KEYS[section]:
                raise ConfigError(
                    f"unknown key {key!r} in [{section}]",
                    path=path,
                    fix=f"keys: {', '.join(sorted(_CONFIG_KEYS[section]))}",
                )
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
        if "other_target_weight" in values:
            v = values["other_target_weight"]
            w = [float(x) for x in (v if isinstance(v, list) else [v])]
            if not w or min(w) < 0 or any(math.isnan(x) or math.isinf(x) for x in w):
                raise ValueError(
                    "other_target_weight must be numbers >= 0 (0: a target "
                    "learns from its own rows only)"
                )
            values["other_target_weight"] = w
        for key in ("folds", "seed", "n_jobs", "min_target_rows"):
            if key in values:
                values[key] = int(values[key])
        if values.get("folds", 2) < 2 and values.get("folds") != 0:
            raise ValueError("folds must be at least 2 (or 0: no cross-validation)")
        if "tol" in values:
            values["tol"] = float(values["tol"])
            if values["tol"] <= 0:
                raise ValueError("tol must be positive")
        if "token_pattern" in values:
            values["token_pattern"] = str(values["token_pattern"])
        if "lexicon" in values and not isinstance(values["lexicon"], bool):
            raise ValueError("lexicon must be true or false")
        for key in ("balance", "pooled_target_balance"):
            if key in values and values[key] not in ("raw", "sqrt", "equal"):
                raise ValueError(f'{key} must be "raw", "sqrt" or "equal"')
        if "pooled_none_weight" in values:
            values["pooled_none_weight"] = float(values["pooled_none_weight"])
            if not 0 < values["pooled_none_weight"] < math.inf:
                raise ValueError("pooled_none_weight must be a positive number")
        if "source_weights" in values:
            sw = values["source_weights"]
            if not isinstance(sw, dict) or any(float(v) < 0 for v in sw.values()):
                raise ValueError("source_weights must be a table of file name = weight >= 0")
            values["source_weights"] = {str(k): float(v) for k, v in sw.items()}
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

    def __init__(
        self, heads: dict[str, dict[str, Any]], meta: dict[str, Any], path: str | Path | None = None
    ) -> None:
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

    def explain(
        self, text: str, k: int = 10, target: str | None = None
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


def _sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _frame_sha256(df: pd.DataFrame) -> str:
    cols = [c for c in ("id", "text", "target", "stance", "tone", "article") if c in df]
    return _sha256_bytes(df[cols].to_csv(index=False).encode("utf-8"))


def _source_path(item: str | Path) -> str:
    """A training file's path for meta.json: relative to the working directory (the
    same in every checkout, no user's home folder), or only its name when the file lies
    outside the working directory."""
    path = Path(os.path.abspath(item))
    try:
        return path.relative_to(os.path.abspath(Path.cwd())).as_posix()
    except ValueError:
        return path.name


def _read_inputs(
    data: Any, columns: Columns | None, schema: Schema
) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Files or frames -> one validated frame, plus a record of each source (path
    relative to the working directory, rows, sha256 of the file's bytes)."""
    items = [data] if isinstance(data, str | Path | pd.DataFrame) else list(data)
    items = [
        x
        for item in items
        for x in ([item] if isinstance(item, pd.DataFrame) else iter_files([item]))
    ]
    if not items:
        raise InputError("no training data given", fix="pass labelling files or frames")
    frames, sources = [], []
    for n, item in enumerate(items):
        if isinstance(item, pd.DataFrame):
            df = validate_frame(
                item.astype(object).where(item.notna(), "").astype(str),
                f"<frame {n}>",
                columns=columns,
                schema=schema,
            )
            sources.append({"path": f"<frame {n}>", "rows": len(df), "sha256": _frame_sha256(df)})
            name = str(item.attrs.get("name", f"<frame {n}>"))
        else:
            df = read_labels(item, columns=columns, schema=schema)
            sources.append(
                {
                    "path": _source_path(item),
                    "rows": len(df),
                    "sha256": _sha256_bytes(read_bytes(item)),
                }
            )
            name = Path(item).stem
        df["source"] = str(n)
        df["source_name"] = name  # what `balance` and `source_weights` go by
        frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    return out, sources


def _groups(df: pd.DataFrame) -> np.ndarray | None:
    """Article groups for CV (rows without an article are each their own group)."""
    if not (df["article"] != "").any():
        return None
    key = np.where(
        df["article"] != "", "a:" + df["source"] + ":" + df["article"], "r:" + df.index.astype(str)
    )
    return pd.factorize(key)[0]


def _splits(
    y: np.ndarray, groups: np.ndarray | None, folds: int, seed: int
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
        return float(
            np.mean(f1_score(y, pred, labels=["favor", "against"], average=None, zero_division=0))
        )
    return float(f1_score(y, pred, average="macro", zero_division=0))


Others = tuple[list[str], np.ndarray]  # other targets' texts and labels


def _fold_predictions(
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
    from sklearn.base import clone

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
                        own_w
                        if w == 0
                        else _with_others(own_w, len(train), len(xs) - len(train), w)
                    )
                    clf = clone(pipe.named_steps["clf"]).set_params(C=C)
                    clf.fit(a, ys, sample_weight=sw)
                    out[(min_df, C, w)] = clf.predict(b)
    return out


def _with_others(own: np.ndarray | None, n_own: int, n_other: int, w: float) -> np.ndarray:
    """Sample weights: the target's own rows (1, or their row weights), then w for each
    of the other targets' rows."""
    return np.concatenate([np.ones(n_own) if own is None else own, np.full(n_other, w)])


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
) -> tuple[Any, dict[str, Any], np.ndarray | None]:
    """Choose hyperparameters by CV, refit on all rows; return (pipe, cv info, oof pred).

    `weights` (per row, or None) are the classifier's sample weights, in CV and refit.
    `others` (a per-target stance pipeline's other-target rows) join every training
    part, and the final fit, with the weight `cfg.other_target_weight` picks by CV.
    `report` gets a message per finished fold and before the final fit.
    """
    from joblib import Parallel, delayed

    splits, k = _splits(y, groups, cfg.folds, cfg.seed) if cfg.folds else ([], 0)
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
            delayed(_fold_predictions)(texts, y, tr, te, cfg, weights, use, ow) for tr, te in splits
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
            scores[cand] = _score(y, pred, metric)
        # Ties go to the earlier grid entry (smaller min_df, smaller C, then the
        # earlier other-target weight): deterministic.
        best = max(grid, key=lambda c: (scores[c], -grid.index(c)))
        oof = preds[best]
        info.update(
            score=scores[best],
            macro_f1=_score(y, oof, "macro_f1"),
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
            clf__sample_weight=_with_others(weights, len(y), len(use[0]), w),
        )
    else:
        pipe.fit(texts, y, clf__sample_weight=weights)
    if report:
        report.advance(final_work)
    return pipe, info, oof


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
) -> TrainResult:
    """Train a model from labelling files (paths) or frames; return a `TrainResult`.

    Each head trains on the rows that carry its label. Warnings (too few rows for CV,
    a target without enough rows, a class with no rows) are returned, never printed.
    `progress`, if given, is called with short messages: when a pipeline starts (rows,
    folds, settings), after each CV fold and before each final fit, each with an
    estimate of the time left once some work is done ("tone: fold 2/3 done at 41 s;
    about 1 min left").
    """
    import sklearn

    cfg = load_config(config)
    schema = schema or Schema()
    df, sources = _read_inputs(data, columns, schema)
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
        heads[plan.head], cv[plan.head] = _run_head(plan, report, warns)

    combined = _sha256_bytes("".join(s["sha256"] for s in sources).encode())
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


@dataclass
class _Job:
    """One pipeline to fit: a target's own (`target`) or the head's pooled one (POOLED)."""

    target: str
    rows: pd.DataFrame
    others: pd.DataFrame | None


@dataclass
class _HeadPlan:
    head: str
    cfg: TrainConfig
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
    rows = df[df[head] != ""].reset_index(drop=True)
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
    metric = "f_avg" if head == "stance" and {"favor", "against"} & set(classes) else "macro_f1"
    targets = sorted(set(rows["target"])) if head == "stance" else []
    plan = _HeadPlan(head, hcfg, rows, metric, targets, [])
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
        _splits(
            rows[head].to_numpy(object), _groups(rows.reset_index(drop=True)), cfg.folds, cfg.seed
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
            jcfg, weights = hcfg.pooled_stance(sub)
        elif pooled:
            weights = hcfg.row_weights(sub["source_name"])
        pipe, info, oof = _fit_one(
            sub["text"].tolist(),
            sub[head].to_numpy(object),
            _groups(sub),
            jcfg,
            metric,
            weights,
            others=others,
            report=report,
            label=label,
        )
        pipes[job.target], infos[job.target] = pipe, info
        if not pooled and oof is not None:
            oof_all[job.rows.index] = oof
    info = infos[POOLED]
    if not plan.per_target and plan.targets:
        pipes[plan.targets[0]] = pipes[POOLED]  # one target: its pipeline is the pooled one
    if info["score"] is None and hcfg.folds:
        warns.append(
            f"{head}: too few rows for cross-validation ({len(rows)} rows, "
            f"smallest class {rows[head].value_counts().min()}); trained "
            "anyway, no CV metric recorded"
        )
    if plan.per_target and any(t in infos for t in plan.targets):
        # Out-of-fold predictions of the per-target pipelines (pooled where absent).
        if oof is not None:
            blank = oof_all == ""
            oof_all[blank] = oof[blank.to_numpy()]
        if not (oof_all == "").any():
            y = rows[head].to_numpy(object)
            infos["per_target"] = {
                "rows": len(rows),
                "metric": metric,
                "folds": hcfg.folds,
                "score": _score(y, oof_all.to_numpy(object), metric),
                "macro_f1": _score(y, oof_all.to_numpy(object), "macro_f1"),
                "C": "per target",
                "min_df": "per target",
                "grouped": _groups(rows) is not None,
            }
    return pipes, infos


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
            out += sorted(
                str(q)
                for q in p.iterdir()
                if q.suffix.lower() in (".csv", ".tsv", ".jsonl", ".parquet")
            )
        else:
            out.append(str(p))
    return out
