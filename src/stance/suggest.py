"""Active learning: the comments of a pool whose labels would teach a model most.

    stance suggest MODEL POOL... -n N -o BATCH.csv

The pool is read as `stance score` reads its inputs (`stance.score.inputs`: tables,
pages, folders; `--text-col`, `--id-col`, `--target`). Rows that cannot be scored
(empty text, not a string) are left out. Rows already labelled are left out too: those
whose id, or whose normalised text (case-folded, whitespace collapsed), is in one of the
`exclude` files; so is every repeat of a text within the pool (its first row is kept).

Each candidate is scored with the model (`stance.score.scorer.load_scorer`). Its
uncertainty is one minus the margin between the two most probable labels of a head
(`heads="both"`: the mean over the stance and tone heads). The batch is picked greedily:

* first, while a class has fewer than `RARE_ROWS` labelled rows, a share of the batch
  (`RARE_SHARE`, rounded down, at least one row when `n >= 2`) goes to the rows most
  likely to belong to such a class, the rarest class first, taking turns. The labelled
  rows counted are those of the `exclude` files (their `stance` and `tone` columns):
  the model's meta.json records no class counts, and the files being excluded are the
  labels the next training run will see. Without `exclude` files no class counts are
  known and no share is reserved;
* then the most uncertain rows.

Both steps skip a row whose cosine similarity to a row already picked is above
`SIMILARITY` (the rows' TF-IDF features under the model's pooled pipeline of the first
head used, each part's weights concatenated and the row L2-normalised), so that a batch
is not ten copies of one thread. Ties are broken by a random order drawn from `seed`,
then by pool order: the same pool, model and seed give the same batch.

The batch comes out in the labelling shape (`id`, `text`, `target`, `stance`, `tone`,
with `stance` and `tone` blank for the labeller), then `suggested_stance`,
`suggested_stance_p`, `suggested_tone`, `suggested_tone_p` (the model's most probable
label and its probability; blank for a head the model lacks) and `why`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import InputError
from stance.labels import HEADS, POOLED
from stance.score.inputs import ScoreOptions, iter_chunks, resolve_options, row_errors, row_targets
from stance.score.scorer import Scorer, load_scorer
from stance.tables import read_table

#: A class with fewer labelled rows than this gets a share of the batch.
RARE_ROWS = 20
#: The share of the batch reserved for likely members of rare classes.
RARE_SHARE = 0.2
#: Rows more similar than this (cosine of TF-IDF rows) to a picked row are skipped.
SIMILARITY = 0.8
#: Candidates kept, by uncertainty, per row asked for (bounds the features computed).
CANDIDATES_PER_ROW = 50
#: The columns of a batch, in order.
BATCH_COLUMNS = (
    "id",
    "text",
    "target",
    "stance",
    "tone",
    "suggested_stance",
    "suggested_stance_p",
    "suggested_tone",
    "suggested_tone_p",
    "why",
)
HEAD_CHOICES = ("stance", "tone", "both")


@dataclass
class SuggestResult:
    """The batch, what the pool held and any warnings."""

    batch: pd.DataFrame
    pool_rows: int  # rows read from the pool
    candidates: int  # rows left after exclusions, repeats and unscorable rows
    excluded: int  # rows left out as already labelled
    warnings: list[str] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """The key under which two texts are the same comment: case-folded, spaces collapsed."""
    return " ".join(text.casefold().split())


@dataclass
class _Labelled:
    ids: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)
    counts: dict[str, dict[str, int]] | None = None  # head -> label -> labelled rows


def read_labelled(paths: Sequence[str | Path], labels: dict[str, list[str]]) -> _Labelled:
    """The ids, normalised texts and per-head label counts of labelled files."""
    out = _Labelled()
    if not paths:
        return out
    out.counts = {h: dict.fromkeys(v, 0) for h, v in labels.items()}
    for path in paths:
        frame = read_table(path)
        if "id" not in frame.columns and "text" not in frame.columns:
            raise InputError(
                "no `id` or `text` column to exclude rows by",
                path=str(path),
                fix="give labelling files (columns id, text, target, stance, tone)",
            )
        if "id" in frame.columns:
            out.ids.update(str(v) for v in frame["id"].tolist() if str(v).strip())
        if "text" in frame.columns:
            out.texts.update(
                normalise_text(v) for v in frame["text"].tolist() if isinstance(v, str)
            )
        for head, counts in out.counts.items():
            if head in frame.columns:
                for value, n in frame[head].astype(str).str.strip().value_counts().items():
                    if value in counts:
                        counts[value] += int(n)
    return out


@dataclass
class _Pool:
    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    targets: list[str | None] = field(default_factory=list)
    rows: int = 0
    excluded: int = 0


def read_pool(
    paths: Sequence[str], options: ScoreOptions, labelled: _Labelled, warnings: list[str]
) -> _Pool:
    """The pool's rows that can be suggested: scorable, not labelled, each text once."""
    pool, seen = _Pool(), set(labelled.texts)
    keys: list[str] = []  # each kept row's normalised text
    by_id: set[str] = set()  # the texts of rows excluded (by id or text)
    repeats: dict[str, int] = {}  # rows left out as repeats of a kept row, by text
    for chunk in iter_chunks(paths, options, warnings=warnings):
        opts = resolve_options(options, chunk)
        frame = chunk.frame
        if opts.text_col not in frame.columns:
            raise InputError(
                f"no column {opts.text_col!r} (columns: {', '.join(map(str, frame.columns))})",
                path=chunk.source,
                fix="pass --text-col with one of the columns",
            )
        texts = frame[opts.text_col].tolist()
        if opts.id_col is not None and opts.id_col in frame.columns:
            ids = [str(v) for v in frame[opts.id_col].tolist()]
        else:
            ids = [f"{Path(chunk.source).name}:{chunk.first_row + i}" for i in range(len(frame))]
        errors = row_errors(texts, opts.max_chars)
        for i, (ident, text, target) in enumerate(
            zip(ids, texts, row_targets(frame, opts), strict=True)
        ):
            pool.rows += 1
            if errors[i]:
                continue
            key = normalise_text(text)
            if ident in labelled.ids or key in labelled.texts:
                pool.excluded += 1
                by_id.add(key)
                continue
            if key in seen:
                repeats[key] = repeats.get(key, 0) + 1
                continue
            seen.add(key)
            pool.ids.append(ident)
            pool.texts.append(text)
            pool.targets.append(target)
            keys.append(key)
    return _drop_labelled_texts(pool, keys, by_id, repeats)


def _drop_labelled_texts(
    pool: _Pool, keys: list[str], labelled: set[str], repeats: dict[str, int]
) -> _Pool:
    """The pool without the rows whose text is that of a row excluded by its id
    (they and their repeats count as excluded)."""
    keep = [i for i, k in enumerate(keys) if k not in labelled]
    if len(keep) == len(keys):
        return pool
    pool.excluded += sum(1 + repeats.get(k, 0) for k in keys if k in labelled)
    pool.ids = [pool.ids[i] for i in keep]
    pool.texts = [pool.texts[i] for i in keep]
    pool.targets = [pool.targets[i] for i in keep]
    return pool


def _margins(proba: np.ndarray) -> np.ndarray:
    """Each row's margin between its two most probable labels."""
    if proba.shape[1] < 2:
        return np.ones(len(proba))
    top = np.sort(proba, axis=1)
    return top[:, -1] - top[:, -2]


def _features(scorer: Scorer, head: str, texts: list[str]) -> Any:
    """The L2-normalised TF-IDF rows of `texts` under the head's pooled pipeline."""
    from scipy import sparse  # scikit-learn's dependency: imported where first needed

    cp = scorer.model.pipeline_for(head, POOLED if head == "stance" else None)
    _, parts = cp.score(texts)
    n = len(texts)
    width = 1 + max((int(p[1].max()) for p in parts if len(p[1])), default=0)
    X = sparse.csr_matrix((n, width))
    for indptr, cols, vals in parts:
        X = X + sparse.csr_matrix((vals, cols, indptr), shape=(n, width))
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ X


class _Picker:
    """Greedy picks that skip rows too similar to a row already picked."""

    def __init__(self, X: Any, threshold: float) -> None:
        self.X, self.threshold = X, threshold
        self.picked: list[int] = []
        self.why: dict[int, str] = {}

    def try_pick(self, i: int, why: str) -> bool:
        if i in self.why:
            return False
        if self.picked:
            sims = (self.X[self.picked] @ self.X[i].T).toarray().ravel()
            if sims.max() > self.threshold:
                return False
        self.picked.append(i)
        self.why[i] = why
        return True


def _order(values: np.ndarray, tiebreak: np.ndarray) -> np.ndarray:
    """Indices by `values` descending, ties by `tiebreak`, then by position."""
    return np.lexsort((np.arange(len(values)), tiebreak, -values))


def _rare_classes(labelled: _Labelled, heads: list[str]) -> list[tuple[str, str, int]]:
    """(head, label, labelled rows) of the classes below `RARE_ROWS`, rarest first."""
    if labelled.counts is None:
        return []
    rare = [
        (head, label, n)
        for head in heads
        for label, n in labelled.counts.get(head, {}).items()
        if n < RARE_ROWS
    ]
    return sorted(rare, key=lambda r: r[2])


def suggest(
    model: str | Path,
    pool: Sequence[str],
    n: int,
    *,
    options: ScoreOptions | None = None,
    exclude: Sequence[str | Path] = (),
    heads: str = "both",
    seed: int = 0,
    threshold: float = SIMILARITY,
    allow_version_mismatch: bool = False,
) -> SuggestResult:
    """The `n` comments of `pool` to label next (see the module's docstring)."""
    if heads not in HEAD_CHOICES:
        raise InputError(f"--head {heads!r}", fix="use stance, tone or both")
    if n < 1:
        raise InputError(f"-n {n}", fix="ask for one comment or more")
    options = options or ScoreOptions()
    scorer = load_scorer(model, allow_version_mismatch=allow_version_mismatch)
    wanted = [h for h in (HEADS if heads == "both" else (heads,)) if h in scorer.heads]
    if not wanted:
        raise InputError(
            f"the model has no {heads} head", path=str(model), fix="pick another --head"
        )
    warnings = list(scorer.warnings)
    labelled = read_labelled(exclude, scorer.labels)
    rows = read_pool(pool, options, labelled, warnings)
    if not rows.texts:
        raise InputError(
            f"nothing to suggest: the pool's {rows.rows:,} rows are all labelled, repeats or empty",
            fix="give comments that are not labelled yet",
        )
    scored = scorer.score(rows.texts, rows.targets)
    proba = {h: scored[[f"{h}_p_{c}" for c in scorer.labels[h]]].to_numpy() for h in scorer.heads}
    uncertainty = np.mean([1.0 - _margins(proba[h]) for h in wanted], axis=0)
    tiebreak = np.random.default_rng(seed).random(len(rows.texts))
    # only the most uncertain candidates, and the likeliest of each rare class, get features
    rare = _rare_classes(labelled, wanted)
    keep = max(n * CANDIDATES_PER_ROW, 1000)
    cand = set(_order(uncertainty, tiebreak)[:keep].tolist())
    for head, label, _ in rare:
        p = proba[head][:, scorer.labels[head].index(label)]
        cand.update(_order(p, tiebreak)[:keep].tolist())
    idx = np.array(sorted(cand), dtype=np.int64)
    picker = _Picker(_features(scorer, wanted[0], [rows.texts[i] for i in idx]), threshold)
    local = {int(g): j for j, g in enumerate(idx.tolist())}

    share = 0 if not rare else max(math.floor(n * RARE_SHARE), 1 if n >= 2 else 0)
    _pick_rare(picker, rare, share, proba, scorer, idx, local, tiebreak)
    for i in _order(uncertainty, tiebreak).tolist():
        if len(picker.picked) >= n:
            break
        if i in local:
            picker.try_pick(local[i], f"uncertain: {_margin_text(proba, scorer, wanted, i)}")
    picked = [int(idx[j]) for j in picker.picked]
    why = [picker.why[j] for j in picker.picked]
    batch = _batch(rows, scored, scorer, picked, why)
    return SuggestResult(batch, rows.rows, len(rows.texts), rows.excluded, warnings)


def _pick_rare(
    picker: _Picker,
    rare: list[tuple[str, str, int]],
    share: int,
    proba: dict[str, np.ndarray],
    scorer: Scorer,
    idx: np.ndarray,
    local: dict[int, int],
    tiebreak: np.ndarray,
) -> None:
    """Pick `share` rows, the likeliest members of the rare classes, taking turns."""
    queues = []
    for head, label, count in rare:
        p = proba[head][:, scorer.labels[head].index(label)]
        if not p.max() > 0:  # a class the model never predicts: nothing to go by
            continue
        order = [i for i in _order(p, tiebreak).tolist() if i in local]
        queues.append((head, label, count, p, iter(order)))
    taken = 0
    while taken < share and queues:
        for q in list(queues):
            head, label, count, p, order = q
            for i in order:
                why = f"rare class: {head} {label} ({count} labelled), p {p[i]:.2f}"
                if picker.try_pick(local[i], why):
                    taken += 1
                    break
            else:
                queues.remove(q)
            if taken >= share:
                break


def _margin_text(proba: dict[str, np.ndarray], scorer: Scorer, heads: list[str], i: int) -> str:
    """'stance against 0.41 vs favor 0.38; tone ...' for row i."""
    parts = []
    for h in heads:
        top = np.argsort(-proba[h][i], kind="stable")[:2].tolist()
        labels = scorer.labels[h]
        parts.append(" vs ".join(f"{labels[j]} {proba[h][i][j]:.2f}" for j in top))
        parts[-1] = f"{h} {parts[-1]}"
    return "; ".join(parts)


def _batch(
    rows: _Pool, scored: pd.DataFrame, scorer: Scorer, picked: list[int], why: list[str]
) -> pd.DataFrame:
    """The picked rows in the labelling shape, with the suggestions."""
    out: dict[str, Any] = {
        "id": [rows.ids[i] for i in picked],
        "text": [rows.texts[i] for i in picked],
        "target": [rows.targets[i] or "" for i in picked],
        "stance": [""] * len(picked),
        "tone": [""] * len(picked),
    }
    for h in HEADS:
        if h in scorer.heads:
            p = scored[[f"{h}_p_{c}" for c in scorer.labels[h]]].to_numpy()[picked]
            best = p.argmax(axis=1) if len(picked) else np.array([], dtype=int)
            out[f"suggested_{h}"] = [scorer.labels[h][j] for j in best.tolist()]
            out[f"suggested_{h}_p"] = np.round(p.max(axis=1), 4) if len(picked) else []
        else:
            out[f"suggested_{h}"] = [""] * len(picked)
            out[f"suggested_{h}_p"] = [""] * len(picked)
    out["why"] = why
    return pd.DataFrame(out, columns=list(BATCH_COLUMNS))
