"""Training settings: `TrainConfig`, and `load_config` to read one from TOML or a dict.

TOML shape: `[features] word_ngram = [1, 2], char_ngram = [2, 5], char = true, min_df = 1
(or a list to search), max_df = 1.0, token_pattern = "...", lexicon = false`; `[cv] C = [0.3, 1, 3],
folds = 5, seed = 0, n_jobs = 2`; `[model] class_weight = "balanced", min_target_rows =
20, other_target_weight = [0, 0.1, 0.3], pooled_target_balance, pooled_none_weight, tol,
balance, source_weights, add_share = 0.5, add_offsets = false`; and `[stance]` / `[tone]`
sections with any of those keys, for that head only (`other_target_weight` and the
`pooled_*` keys: not in [tone], which has no targets).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.utils.class_weight import compute_class_weight

from stance.errors import ConfigError
from stance.features import FeatureConfig
from stance.labels import HEADS

#: The settings of the pipeline itself, kept in `TrainConfig.features`.
_FEATURE_KEYS = frozenset(
    {
        "word_ngram",
        "char_ngram",
        "char",
        "max_df",
        "token_pattern",
        "lexicon",
        "tol",
        "class_weight",
    }
)
#: meta.json's order of the settings (one flat table, as the TOML sections give them).
_META_ORDER = (
    "word_ngram",
    "char_ngram",
    "char",
    "min_df",
    "max_df",
    "token_pattern",
    "lexicon",
    "C",
    "folds",
    "seed",
    "n_jobs",
    "tol",
    "class_weight",
    "balance",
    "source_weights",
    "add_share",
    "add_offsets",
    "min_target_rows",
    "other_target_weight",
    "pooled_target_balance",
    "pooled_none_weight",
)


@dataclass
class TrainConfig:
    """Training settings; `--config FILE.toml` overrides any of them (see `load_config`).

    `features` holds the pipeline's own settings (n-grams, max_df, token pattern,
    lexicon, tol, class weight); `min_df` and `C` are the grids cross-validation
    searches, and `seed` seeds both the folds and the classifier.
    """

    features: FeatureConfig = field(default_factory=FeatureConfig)
    min_df: list[int] = field(default_factory=lambda: [1])
    C: list[float] = field(default_factory=lambda: [0.3, 1.0, 3.0])
    # 0: no cross-validation (one C, no CV metric in meta.json): for large pooled
    # corpora whose honest figure is the leave-one-corpus-out benchmark anyway.
    folds: int = 5
    seed: int = 0
    n_jobs: int = 2
    # How much each training file counts: "raw" (every row 1), "sqrt" (a file's rows
    # together weigh sqrt(rows), so a large corpus cannot drown the small ones) or
    # "equal" (every file weighs the same); `source_weights` multiplies a file's rows
    # ({"tone-wikitox" = 0.5}, by file name without suffix).
    balance: str = "raw"
    source_weights: dict[str, float] = field(default_factory=dict)
    # `stance train --add MINE.csv`: the added (in-domain) rows together carry this
    # share of a pipeline's total sample weight, the other rows the rest (each side
    # keeps its own `balance` and `source_weights` proportions). 0: the added rows
    # count like any other file's.
    add_share: float = 0.5
    # `--add` only: after the final fit, per-class offsets to the classifier's intercept
    # learnt from the added rows' out-of-fold scores, so that the decision follows the
    # desk's classes and not only the training mix's (`stance.adapt`).
    add_offsets: bool = False
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
    # the neutral class's weight (below 1: fewer comments on an unseen target are called
    # `none`). The defaults change nothing; see docs/stance.md for what they measured.
    pooled_target_balance: str = "raw"
    pooled_none_weight: float = 1.0
    # Per-head overrides ({"tone": {"min_df": [2]}}), from [stance] / [tone] sections.
    heads: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The settings as meta.json records them: one flat table, plain JSON types."""
        flat = {f.name: getattr(self, f.name) for f in fields(self)}
        flat.update({k: getattr(self.features, k) for k in _FEATURE_KEYS})
        d = {k: _plain(flat[k]) for k in _META_ORDER}
        d["heads"] = {h: {k: _plain(v) for k, v in o.items()} for h, o in self.heads.items()}
        return d

    def for_head(self, head: str) -> TrainConfig:
        """This config with the head's overrides applied."""
        return _apply(replace(self, heads={}), self.heads.get(head, {}))

    def feature_config(self, min_df: int, C: float) -> FeatureConfig:
        """The pipeline settings of one point of the grid."""
        return replace(self.features, min_df=min_df, C=C, random_state=self.seed)

    def row_weights(self, sources: pd.Series) -> np.ndarray | None:
        """Per-row sample weights from `balance` and `source_weights` (None: all 1),
        scaled to a mean of 1 so that C means the same with and without them."""
        if self.balance == "raw" and not self.source_weights:
            return None
        w = _balanced(sources, self.balance)
        w = w * sources.map(lambda s: self.source_weights.get(s, 1.0)).to_numpy(dtype=float)
        return w * len(w) / w.sum() if w.sum() > 0 else None

    def with_added(self, weights: np.ndarray | None, added: np.ndarray) -> np.ndarray | None:
        """`weights` (None: all 1) rescaled so that the `added` rows together carry
        `add_share` of the total weight, then to a mean of 1. Unchanged when no row or
        every row is added, or when `add_share` is 0."""
        added = np.asarray(added, dtype=bool)
        if not self.add_share or not added.any() or added.all():
            return weights
        w = np.ones(len(added)) if weights is None else np.array(weights, dtype=float)
        mine, rest = w[added].sum(), w[~added].sum()
        if mine <= 0 or rest <= 0:
            return weights
        w[added] *= self.add_share / mine
        w[~added] *= (1 - self.add_share) / rest
        return w * len(w) / w.sum()

    def pooled_stance(
        self, rows: pd.DataFrame, neutral: str
    ) -> tuple[TrainConfig, np.ndarray | None]:
        """The pooled stance pipeline's config and row weights when there are several
        targets: `pooled_target_balance` and `pooled_none_weight` (on the `neutral`
        class) applied; a class weight table in place of "balanced", so stock
        LogisticRegression keeps it."""
        w = self.row_weights(rows["source_name"])
        if self.pooled_target_balance != "raw":
            t = _balanced(rows["target"], self.pooled_target_balance)
            w = t if w is None else w * t
            w = w * len(w) / w.sum()
        if self.pooled_none_weight == 1.0:
            return self, w
        y = rows["stance"].to_numpy(object)
        classes = np.array(sorted(set(y.tolist())), dtype=object)
        base = (
            compute_class_weight("balanced", classes=classes, y=y, sample_weight=w)
            if self.features.class_weight == "balanced"
            else np.ones(len(classes))
        )
        table = {
            str(c): float(b) * (self.pooled_none_weight if c == neutral else 1.0)
            for c, b in zip(classes, base, strict=True)
        }
        return replace(self, features=replace(self.features, class_weight=table)), w


def _balanced(keys: pd.Series, mode: str) -> np.ndarray:
    """Per-row weights that give each key's rows together 1 ("equal"), sqrt(rows)
    ("sqrt") or rows ("raw") of weight."""
    counts = keys.map(keys.value_counts()).to_numpy(dtype=float)
    return {"raw": np.ones(len(counts)), "sqrt": 1.0 / np.sqrt(counts), "equal": 1.0 / counts}[mode]


def _plain(value: Any) -> Any:
    """A copy in plain JSON types (tuples become lists)."""
    if isinstance(value, tuple | list):
        return list(value)
    return dict(value) if isinstance(value, dict) else value


def _apply(cfg: TrainConfig, values: dict[str, Any]) -> TrainConfig:
    """`cfg` with checked `values` set, the pipeline's own settings in `cfg.features`."""
    feats = {k: v for k, v in values.items() if k in _FEATURE_KEYS}
    rest = {k: v for k, v in values.items() if k not in _FEATURE_KEYS}
    return replace(cfg, features=replace(cfg.features, **feats), **rest)


# ---- the keys: section and check ------------------------------------------------------

_Parse = Callable[[Any], Any]


def _checked(convert: _Parse, ok: Callable[[Any], bool], message: str) -> _Parse:
    """A parser: `convert` the value, then raise ValueError(message) unless `ok`."""

    def parse(value: Any) -> Any:
        v = convert(value)
        if not ok(v):
            raise ValueError(message)
        return v

    return parse


def _pair(value: Any) -> tuple[int, int]:
    lo, hi = (int(x) for x in value)
    return lo, hi


def _ngram(key: str) -> _Parse:
    return _checked(
        _pair, lambda v: 1 <= v[0] <= v[1], f"{key} must be [low, high] with 1 <= low <= high"
    )


def _list_of(kind: Callable[[Any], Any]) -> _Parse:
    """One value or a list of them (a grid) -> a list."""
    return lambda v: [kind(x) for x in (v if isinstance(v, list) else [v])]


def _one_of(key: str, *allowed: str) -> _Parse:
    shown = ", ".join(f'"{a}"' for a in allowed[:-1]) + f' or "{allowed[-1]}"'
    return _checked(lambda v: v, lambda v: v in allowed, f"{key} must be {shown}")


def _source_weights(sw: Any) -> dict[str, float]:
    if not isinstance(sw, dict) or any(float(v) < 0 for v in sw.values()):
        raise ValueError("source_weights must be a table of file name = weight >= 0")
    return {str(k): float(v) for k, v in sw.items()}


def _class_weight(value: Any) -> str | None:
    value = _one_of("class_weight", "balanced", "none")(value)
    return None if value == "none" else value


_BALANCES = ("raw", "sqrt", "equal")
#: Every key: its section and its parser, in the order values are checked (a config with
#: several bad values reports the first).
_KEYS: dict[str, tuple[str, _Parse]] = {
    "word_ngram": ("features", _ngram("word_ngram")),
    "char_ngram": ("features", _ngram("char_ngram")),
    "min_df": (
        "features",
        _checked(_list_of(int), lambda v: bool(v) and min(v) >= 1, "min_df must be integers >= 1"),
    ),
    "C": (
        "cv",
        _checked(_list_of(float), lambda v: bool(v) and min(v) > 0, "C must be positive numbers"),
    ),
    "other_target_weight": (
        "model",
        _checked(
            _list_of(float),
            lambda v: bool(v) and min(v) >= 0 and all(map(math.isfinite, v)),
            "other_target_weight must be numbers >= 0 (0: a target learns from its own rows only)",
        ),
    ),
    "folds": (
        "cv",
        _checked(
            int, lambda n: n >= 2 or n == 0, "folds must be at least 2 (or 0: no cross-validation)"
        ),
    ),
    "seed": ("cv", int),
    "n_jobs": ("cv", int),
    "min_target_rows": ("model", int),
    "tol": ("model", _checked(float, lambda v: v > 0, "tol must be positive")),
    "token_pattern": ("features", str),
    "lexicon": (
        "features",
        _checked(lambda v: v, lambda v: isinstance(v, bool), "lexicon must be true or false"),
    ),
    "char": (
        "features",
        _checked(lambda v: v, lambda v: isinstance(v, bool), "char must be true or false"),
    ),
    "balance": ("model", _one_of("balance", *_BALANCES)),
    "pooled_target_balance": ("model", _one_of("pooled_target_balance", *_BALANCES)),
    "pooled_none_weight": (
        "model",
        _checked(float, lambda v: 0 < v < math.inf, "pooled_none_weight must be a positive number"),
    ),
    "source_weights": ("model", _source_weights),
    "add_share": (
        "model",
        _checked(
            float,
            lambda v: 0 <= v < 1,
            "add_share must be in [0, 1) (the added rows' share of the weight; 0: no boost)",
        ),
    ),
    "add_offsets": (
        "model",
        _checked(lambda v: v, lambda v: isinstance(v, bool), "add_offsets must be true or false"),
    ),
    "max_df": ("features", _checked(float, lambda v: 0 < v <= 1, "max_df must be in (0, 1]")),
    "class_weight": ("model", _class_weight),
}
_SECTIONS = ("features", "cv", "model")
# Keys that only make sense for one head (the tone head has no targets).
_ONLY_FOR = {
    "other_target_weight": "stance",
    "pooled_target_balance": "stance",
    "pooled_none_weight": "stance",
}


def load_config(source: str | Path | dict[str, Any] | TrainConfig | None) -> TrainConfig:
    """Resolve a config: None (defaults), a TrainConfig, a dict or a TOML file (the
    shape is in this module's docstring)."""
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
            _check_head_keys(section, body, path)
            heads[section] = _check_values(dict(body), path)
        else:
            _check_section_keys(section, body, path)
            values.update(body)
    return _apply(TrainConfig(heads=heads), _check_values(values, path))


def _check_head_keys(section: str, body: dict[str, Any], path: str | Path) -> None:
    bad = sorted(set(body) - set(_KEYS))
    if bad:
        raise ConfigError(
            f"unknown key {bad[0]!r} in [{section}]",
            path=path,
            fix=f"keys: {', '.join(sorted(_KEYS))}",
        )
    wrong = sorted(k for k in body if _ONLY_FOR.get(k, section) != section)
    if wrong:
        raise ConfigError(
            f"{wrong[0]!r} applies to the {_ONLY_FOR[wrong[0]]} head only, not in [{section}]",
            path=path,
            fix=f"move it to [{_ONLY_FOR[wrong[0]]}] or [model]",
        )


def _check_section_keys(section: str, body: Any, path: str | Path) -> None:
    if section not in _SECTIONS or not isinstance(body, dict):
        raise ConfigError(
            f"unknown section [{section}]",
            path=path,
            fix=f"sections: {', '.join([*_SECTIONS, *HEADS])}",
        )
    keys = sorted(k for k, (s, _) in _KEYS.items() if s == section)
    for key in body:
        if key not in keys:
            raise ConfigError(
                f"unknown key {key!r} in [{section}]", path=path, fix=f"keys: {', '.join(keys)}"
            )


def _check_values(values: dict[str, Any], path: str | Path) -> dict[str, Any]:
    """`values` parsed and range-checked (ConfigError naming the first bad one)."""
    try:
        parsed = {k: parse(values[k]) for k, (_, parse) in _KEYS.items() if k in values}
    except (TypeError, ValueError) as exc:
        raise ConfigError(str(exc), path=path) from None
    return {**values, **parsed}
