"""The review queue: a scored file or a `stance suggest` batch read into items, each with
what the model says about it, and the orders a moderator can work it in.

A scored file (`stance score`) has `action`, the heads' labels and probabilities
(`stance`, `stance_p_favor`, ...), `reasons` and, scored with `--spans`, `tone_spans`. A
batch (`stance suggest`) has `suggested_stance`, `suggested_stance_p`, the same for tone,
and `why`. Any other table with a `text` column is scored on the fly when a model is
given (`score.run.score_chunk`, the function every engine scores with).

An item's uncertainty is the mean over its heads of one minus the margin between the two
most probable labels (a batch knows only the most probable one: one minus its
probability); a row that could not be scored counts as fully uncertain.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from stance.errors import InputError
from stance.labels import HEADS
from stance.tables import neutralise_cells, read_table

#: The orders a queue can be worked in: the rows the policy sends to review first, then
#: the most uncertain; the most uncertain first; the file's own order.
ORDERS = ("review", "uncertainty", "file")
#: The columns shown beside a comment when the file has them.
CONTEXT_COLUMNS = ("article", "author", "posted_at")


@dataclass
class Suggestion:
    """What the model says for one head: its label, that label's probability, and the
    probability of every label when the file has them."""

    label: str
    p: float | None
    probs: dict[str, float] = field(default_factory=dict)


@dataclass
class Item:
    """One comment of the queue."""

    id: str  # as the file names it (a file without ids: `NAME:ROW`)
    key: str  # the id as the labels and decisions files store it (formula-safe)
    row: int  # the data row of the file, from 1
    text: str
    target: str = ""
    context: dict[str, str] = field(default_factory=dict)  # article, author, posted_at
    action: str = ""  # the policy's approve / review / reject ("" in a batch)
    reasons: str = ""
    why: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    suggested: dict[str, Suggestion] = field(default_factory=dict)
    uncertainty: float = 1.0

    def segments(self) -> list[dict[str, Any]]:
        """The text cut at the tone spans: [{"text": ..., "span": bool}, ...]."""
        out: list[dict[str, Any]] = []
        at = 0
        for start, end in self.spans:
            if start > at:
                out.append({"text": self.text[at:start], "span": False})
            out.append({"text": self.text[start:end], "span": True})
            at = end
        if at < len(self.text) or not out:
            out.append({"text": self.text[at:], "span": False})
        return out

    def to_json(self) -> dict[str, Any]:
        """The item as the page shows it."""
        return {
            "id": self.id,
            "row": self.row,
            "target": self.target,
            "context": self.context,
            "action": self.action,
            "reasons": self.reasons,
            "why": self.why,
            "segments": self.segments(),
            "suggested": {
                h: {"label": s.label, "p": s.p, "probs": s.probs} for h, s in self.suggested.items()
            },
            "uncertainty": round(self.uncertainty, 4),
        }


@dataclass
class Queue:
    """The items of a file, in file order, and what reading it found."""

    path: str
    kind: str  # "scored" or "batch"
    items: list[Item]
    warnings: list[str] = field(default_factory=list)
    _orders: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def order(self, name: str) -> list[int]:
        """The items' indices in the order `name` (one of ORDERS)."""
        if name not in ORDERS:
            raise InputError(f"unknown order {name!r}", fix=f"use one of: {', '.join(ORDERS)}")
        if name not in self._orders:
            self._orders[name] = sorted(range(len(self.items)), key=self._sort_key(name))
        return self._orders[name]

    def _sort_key(self, name: str) -> Any:
        items = self.items
        if name == "review":
            return lambda i: (items[i].action != "review", -items[i].uncertainty, i)
        if name == "uncertainty":
            return lambda i: (-items[i].uncertainty, i)
        return lambda i: i


def load_queue(
    path: str | Path, *, model: str | Path | None = None, allow_version_mismatch: bool = False
) -> Queue:
    """Read FILE into a queue; with `model`, score it first (see the module's docstring)."""
    frame = read_table(path)
    name = str(path)
    if "text" not in frame.columns:
        raise InputError(
            f"no 'text' column (columns: {', '.join(map(str, frame.columns))})",
            path=name,
            fix="give a scored file (stance score) or a batch (stance suggest)",
        )
    warnings: list[str] = []
    frame = frame.reset_index(drop=True)
    frame["_row"] = range(1, len(frame) + 1)
    texts = frame["text"].tolist()
    keep = [isinstance(t, str) and bool(t.strip()) for t in texts]
    if not all(keep):
        empty = len(keep) - sum(keep)
        warnings.append(f"{name}: {empty} rows with an empty text left out (nothing to label)")
        frame = frame[keep].reset_index(drop=True)
    if model is not None:
        frame, more = _score(frame, model, allow_version_mismatch)
        warnings.extend(more)
        kind = "scored"
    elif "action" in frame.columns:
        kind = "scored"
    elif any(f"suggested_{h}" in frame.columns for h in HEADS):
        kind = "batch"
    else:
        raise InputError(
            "neither a scored file (no 'action' column) nor a stance suggest batch "
            "(no 'suggested_stance' or 'suggested_tone' column)",
            path=name,
            fix="score it first with stance score, or pass --model MODEL to score it now",
        )
    items = _items(frame, kind, Path(name).name)
    _check_ids(items, name)
    return Queue(name, kind, items, warnings)


def _score(
    frame: pd.DataFrame, model: str | Path, allow_version_mismatch: bool
) -> tuple[pd.DataFrame, list[str]]:
    """The frame scored with the model (tone spans too when the model has them)."""
    from stance.score.inputs import ScoreOptions
    from stance.score.run import score_chunk
    from stance.score.scorer import Scorer, load_scorer, spans_reason

    scorer = load_scorer(model, allow_version_mismatch=allow_version_mismatch)
    if spans_reason(scorer.model) is None:
        scorer = Scorer(scorer.model, scorer.policy, reasons_k=scorer.reasons_k, spans=True)
    target_col = "target" if "target" in frame.columns else None
    opts = ScoreOptions(on_error="mark", target_col=target_col)
    return score_chunk(frame, opts, scorer), list(scorer.warnings)


def _items(frame: pd.DataFrame, kind: str, name: str) -> list[Item]:
    rows = frame.to_dict("records")
    has_id = "id" in frame.columns
    ids = [_cell(r.get("id")) if has_id else "" for r in rows]
    ids = [i or f"{name}:{r['_row']}" for i, r in zip(ids, rows, strict=True)]
    # the ids as the CSV files store them, so that a reload finds its own rows again
    keys = neutralise_cells(pd.DataFrame({"id": ids}, dtype=object))["id"].tolist()
    heads = _head_columns(frame, kind)
    out = []
    for rid, key, r in zip(ids, keys, rows, strict=True):
        text = str(r["text"])
        item = Item(
            id=rid,
            key=str(key),
            row=int(r["_row"]),
            text=text,
            target=_cell(r.get("target")),
            context={c: _cell(r[c]) for c in CONTEXT_COLUMNS if c in r and _cell(r[c])},
            action=_cell(r.get("action")) if kind == "scored" else "",
            reasons=_cell(r.get("reasons")),
            why=_cell(r.get("why")),
            spans=parse_spans(r.get("tone_spans"), len(text)),
        )
        item.suggested = {h: _suggestion(r, kind, h, labels) for h, labels in heads.items()}
        item.suggested = {h: s for h, s in item.suggested.items() if s.label}
        item.uncertainty = _uncertainty(item, kind)
        out.append(item)
    return out


def _head_columns(frame: pd.DataFrame, kind: str) -> dict[str, list[str]]:
    """The heads the file speaks for, each with its labels' probability columns."""
    cols = [str(c) for c in frame.columns]
    out = {}
    for h in HEADS:
        if kind == "batch" and f"suggested_{h}" in cols:
            out[h] = []
        elif kind == "scored" and h in cols:
            out[h] = [c.removeprefix(f"{h}_p_") for c in cols if c.startswith(f"{h}_p_")]
    return out


def _suggestion(row: dict[str, Any], kind: str, head: str, labels: list[str]) -> Suggestion:
    if kind == "batch":
        return Suggestion(
            _cell(row.get(f"suggested_{head}")), _float(row.get(f"suggested_{head}_p"))
        )
    probs = {x: p for x in labels if (p := _float(row.get(f"{head}_p_{x}"))) is not None}
    label = _cell(row.get(head))
    return Suggestion(label, probs.get(label), probs)


def _uncertainty(item: Item, kind: str) -> float:
    values = []
    for s in item.suggested.values():
        if kind == "scored" and len(s.probs) >= 2:
            top = sorted(s.probs.values(), reverse=True)
            values.append(1.0 - (top[0] - top[1]))
        elif s.p is not None:
            values.append(1.0 - s.p)
    return sum(values) / len(values) if values else 1.0


def parse_spans(cell: Any, length: int) -> list[tuple[int, int]]:
    """A `tone_spans` cell (a JSON list of [start, end) offsets) as sorted, merged spans
    inside the text; anything else (empty, not JSON, out of range) gives none."""
    if isinstance(cell, str):
        try:
            cell = json.loads(cell) if cell.strip() else []
        except ValueError:
            return []
    if not isinstance(cell, list | tuple):
        return []
    spans = []
    for pair in cell:
        if (
            isinstance(pair, list | tuple)
            and len(pair) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in pair)
            and 0 <= pair[0] < pair[1] <= length
        ):
            spans.append((int(pair[0]), int(pair[1])))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _check_ids(items: list[Item], path: str) -> None:
    seen: dict[str, int] = {}
    for item in items:
        if item.key in seen:
            raise InputError(
                f"duplicate id '{item.id}' (rows {seen[item.key]} and {item.row})",
                path=path,
                fix="give every row its own id: a labelling file keeps one row per comment",
            )
        seen[item.key] = item.row


def _cell(value: Any) -> str:
    """A cell as stripped text ("" for missing values)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _float(value: Any) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else round(x, 4)
