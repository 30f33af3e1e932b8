"""Evaluate a model on labelled files: the metrics DESIGN.md names, as a plain dict.

Per head: per-class precision / recall / F1, macro-F1, SemEval-2016 F_avg (stance),
one-vs-rest ROC AUC, Brier score, expected calibration error, confusion matrix, and for
stance a per-target table. `format_report` renders the dict as text; `--plots` writes a
confusion matrix and a reliability diagram per head as PNG (needs matplotlib).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from stance.errors import InputError
from stance.io import atomic_write
from stance.labels import HEADS, POOLED, Columns, Schema, head_rows, read_inputs
from stance.model import StanceModel
from stance.persist import load_model

ECE_BINS = 10


def f_avg(
    y_true: Sequence[str], y_pred: Sequence[str], sides: Sequence[str] = Schema().f_avg_labels
) -> float:
    """SemEval-2016 F_avg: the mean F1 of the `sides` labels (the schema's
    `f_avg_labels`: by default favor and against)."""
    from sklearn.metrics import f1_score  # lazy: scikit-learn is slow to import

    return float(
        np.mean(
            f1_score(list(y_true), list(y_pred), labels=list(sides), average=None, zero_division=0)
        )
    )


def expected_calibration_error(
    proba: np.ndarray, y_idx: np.ndarray, bins: int = ECE_BINS
) -> tuple[float, list[dict[str, float]]]:
    """Top-label ECE over equal-width confidence bins; also the bins for a diagram."""
    conf = proba.max(axis=1)
    correct = (proba.argmax(axis=1) == y_idx).astype(float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(conf, edges[1:-1], right=True), 0, bins - 1)
    ece, table = 0.0, []
    for b in range(bins):
        m = which == b
        if not m.any():
            continue
        acc, cf = float(correct[m].mean()), float(conf[m].mean())
        ece += m.mean() * abs(acc - cf)
        table.append(
            {
                "low": float(edges[b]),
                "high": float(edges[b + 1]),
                "rows": int(m.sum()),
                "accuracy": acc,
                "confidence": cf,
            }
        )
    return float(ece), table


def head_metrics(
    y: Sequence[str],
    proba: np.ndarray,
    vocab: Sequence[str],
    head: str,
    sides: Sequence[str] = Schema().f_avg_labels,
) -> dict[str, Any]:
    """All metrics of one head from true labels and the probability matrix (`sides`:
    the stance labels F_avg averages)."""
    from sklearn.metrics import (  # lazy: scikit-learn is slow to import
        confusion_matrix,
        f1_score,
        precision_recall_fscore_support,
        roc_auc_score,
    )

    vocab = list(vocab)
    y = np.asarray(list(y), dtype=object)
    pred = np.asarray([vocab[j] for j in proba.argmax(axis=1)], dtype=object)
    p, r, f, s = precision_recall_fscore_support(y, pred, labels=vocab, zero_division=0)
    seen = [c for c in vocab if c in set(y) or c in set(pred)]
    out: dict[str, Any] = {
        "rows": len(y),
        "labels": vocab,
        "per_class": {
            c: {
                "precision": float(p[i]),
                "recall": float(r[i]),
                "f1": float(f[i]),
                "support": int(s[i]),
            }
            for i, c in enumerate(vocab)
        },
        "accuracy": float((y == pred).mean()) if len(y) else 0.0,
        "macro_f1": float(f1_score(y, pred, labels=seen, average="macro", zero_division=0)),
    }
    if head == "stance":
        out["f_avg"] = f_avg(y, pred, sides)
    auc = {}
    for i, c in enumerate(vocab):
        pos = y == c
        if pos.any() and (~pos).any():  # AUC needs both classes among the true labels
            auc[c] = float(roc_auc_score(pos, proba[:, i]))
    out["roc_auc"] = auc
    out["roc_auc_macro"] = float(np.mean(list(auc.values()))) if auc else None
    onehot = np.zeros_like(proba)
    y_idx = np.array([vocab.index(c) for c in y])
    onehot[np.arange(len(y)), y_idx] = 1.0
    # Multi-class Brier: mean over rows of the squared distance to the one-hot truth
    # (0 = perfect, 2 = confidently wrong); equals 2x sklearn's binary Brier for 2 classes.
    out["brier"] = float(((proba - onehot) ** 2).sum(axis=1).mean()) if len(y) else None
    out["ece"], out["reliability"] = expected_calibration_error(proba, y_idx)
    out["confusion_matrix"] = confusion_matrix(y, pred, labels=vocab).tolist()
    return out


def evaluate(
    model: str | Path | StanceModel,
    data: Any,
    *,
    columns: Columns | None = None,
    schema: Schema | None = None,
    plots: str | Path | None = None,
    allow_version_mismatch: bool = False,
) -> dict[str, Any]:
    """Evaluate `model` (a directory or a loaded model) on labelled files or frames.

    Returns {"model", "files", "heads": {head: metrics}, "warnings"}; stance metrics
    also carry "per_target": {target: {rows, f_avg, macro_f1, accuracy}}. "warnings" says
    when an evaluated file is one the model was trained on (see `training_overlap`). With
    `plots`, PNGs are written there and listed under "plots".
    """
    if not isinstance(model, StanceModel):
        model = load_model(model, allow_version_mismatch=allow_version_mismatch)
    schema = schema or Schema(
        **{h: tuple(v) for h, v in model.meta["labels"].items()},
        default_target=model.default_target or Schema().default_target,
    )
    df, sources = read_inputs(data, columns=columns, schema=schema)
    report: dict[str, Any] = {
        "model": str(model.path) if model.path else None,
        "files": sources,
        "heads": {},
    }
    for head in HEADS:
        rows = head_rows(df, head)
        if head not in model.heads or rows.empty:
            continue
        vocab = model.labels[head]
        unknown = sorted(set(rows[head]) - set(vocab))
        if unknown:
            raise InputError(
                f"{head} labels {', '.join(unknown)} are not in the model's "
                f"vocabulary ({', '.join(vocab)})",
                fix="evaluate with the schema the model was trained on",
            )
        targets = rows["target"].tolist() if head == "stance" else None
        proba = model.predict_proba(rows["text"].tolist(), head, targets)
        m = head_metrics(rows[head], proba, vocab, head, schema.f_avg_labels)
        if head == "stance":
            table = {}
            for t, idx in rows.groupby("target").indices.items():
                sub = head_metrics(
                    rows[head].iloc[idx], proba[idx], vocab, head, schema.f_avg_labels
                )
                table[str(t)] = {
                    "rows": len(idx),
                    "f_avg": sub["f_avg"],
                    "macro_f1": sub["macro_f1"],
                    "accuracy": sub["accuracy"],
                    "pipeline": t if t in model.heads[head] else POOLED,
                }
            m["per_target"] = table
        report["heads"][head] = m
    if not report["heads"]:
        raise InputError(
            f"no labelled rows for any head of the model (model heads: {', '.join(model.heads)})",
            fix="evaluate on a file with stance or tone labels",
        )
    report["warnings"] = training_overlap(model.meta, sources)
    if plots is not None:
        report["plots"] = write_plots(report, plots)
    return report


def training_overlap(meta: dict[str, Any], sources: list[dict[str, Any]]) -> list[str]:
    """Warnings for the evaluated sources that are the model's own training data.

    meta.json records the sha256 of each training file's bytes (of the validated rows, for
    a frame); a source with the same sha256 holds exactly the rows the model learned, so
    its scores say little about new comments.
    """
    trained = {
        f["sha256"]: f for f in meta.get("training_data", {}).get("files", []) if f.get("sha256")
    }
    out = []
    for src in sources:
        hit = trained.get(src.get("sha256"))
        if hit is not None:
            out.append(
                f"{src['path']}: the same data as the model's training data "
                f"{hit['path']} (sha256 {hit['sha256'][:12]}...): its scores are "
                "optimistic; evaluate on rows the model was not trained on"
            )
    return out


def write_plots(report: dict[str, Any], folder: str | Path) -> list[str]:
    """Confusion-matrix and reliability-diagram PNGs per head; return their paths."""
    figures = plot_figures(report)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fig in figures:
        path = out / name
        with atomic_write(path, "wb") as f:
            fig.savefig(
                f,
                format="png",
                dpi=100,
                metadata={"Title": fig.axes[0].get_title().replace("\n", "; ")},
            )
        written.append(str(path))
    return written


def _subtitle(report: dict[str, Any], width: int = 60) -> str:
    """Which model on which data, for a plot's title: "model NAME, data FILE (N rows)"."""
    model = Path(report["model"]).name if report.get("model") else "(in memory)"
    files = report.get("files", [])
    data = ", ".join(
        Path(f["path"]).name if not f["path"].startswith("<") else f["path"] for f in files
    )
    if len(data) > width:
        data = data[: width - 3] + "..."
    rows = sum(f.get("rows", 0) for f in files)
    return f"model {model}, data {data} ({rows} rows)"


def plot_figures(report: dict[str, Any]) -> list[tuple[str, Any]]:
    """The plots of a report as (file name, matplotlib Figure): per head a confusion
    matrix and a reliability diagram, each titled with the model and the data."""
    try:
        from matplotlib.figure import Figure  # no pyplot: no global backend state
    except ImportError:
        raise InputError(
            "--plots needs matplotlib",
            fix="pip install '.[plots]' in the stance checkout, or pip install matplotlib",
        ) from None
    subtitle = _subtitle(report)
    figures = []
    for head, m in report["heads"].items():
        labels, cm = m["labels"], np.array(m["confusion_matrix"])
        fig = Figure(figsize=(4.5, 4))
        ax = fig.add_subplot()
        ax.imshow(cm, cmap="Blues")
        ax.set_xticks(range(len(labels)), labels)
        ax.set_yticks(range(len(labels)), labels)
        ax.set_xlabel("predicted")
        ax.set_ylabel("true")
        ax.set_title(f"{head}: confusion matrix\n{subtitle}", fontsize=9)
        for i in range(len(labels)):
            for j in range(len(labels)):
                ax.text(
                    j,
                    i,
                    str(cm[i, j]),
                    ha="center",
                    va="center",
                    color="white" if cm[i, j] > cm.max() / 2 else "black",
                )
        fig.tight_layout()
        figures.append((f"{head}-confusion.png", fig))

        fig = Figure(figsize=(4.5, 4))
        ax = fig.add_subplot()
        rel = m["reliability"]
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect")
        ax.plot(
            [b["confidence"] for b in rel],
            [b["accuracy"] for b in rel],
            marker="o",
            label=f"model (ECE {m['ece']:.3f})",
        )
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("confidence (top label)")
        ax.set_ylabel("accuracy")
        ax.set_title(f"{head}: reliability\n{subtitle}", fontsize=9)
        ax.legend(loc="upper left")
        fig.tight_layout()
        figures.append((f"{head}-reliability.png", fig))
    return figures


def format_report(report: dict[str, Any]) -> str:
    """The report as a readable text table."""
    lines = [
        f"model: {report.get('model')}",
        "data: " + ", ".join(f"{s['path']} ({s['rows']} rows)" for s in report["files"]),
    ]
    for head, m in report["heads"].items():
        lines.append("")
        summary = [f"{head}: {m['rows']} rows", f"macro-F1 {m['macro_f1']:.3f}"]
        if "f_avg" in m:
            summary.append(f"F_avg {m['f_avg']:.3f}")
        summary.append(f"accuracy {m['accuracy']:.3f}")
        if m["roc_auc_macro"] is not None:
            summary.append(f"ROC AUC {m['roc_auc_macro']:.3f}")
        summary += [f"Brier {m['brier']:.3f}", f"ECE {m['ece']:.3f}"]
        lines.append(", ".join(summary))
        width = max(len(c) for c in m["labels"] + ["label"])
        lines.append(f"  {'label':<{width}}  precision  recall     f1  support  roc_auc")
        for c in m["labels"]:
            pc = m["per_class"][c]
            auc = m["roc_auc"].get(c)
            lines.append(
                f"  {c:<{width}}  {pc['precision']:9.3f}  {pc['recall']:6.3f}  "
                f"{pc['f1']:5.3f}  {pc['support']:7d}  "
                + (f"{auc:7.3f}" if auc is not None else "    n/a")
            )
        lines.append("  confusion (rows true, columns predicted): " + " ".join(m["labels"]))
        for c, row in zip(m["labels"], m["confusion_matrix"], strict=True):
            lines.append(f"  {c:<{width}}  " + " ".join(f"{v:6d}" for v in row))
        if "per_target" in m:
            tw = max(len(t) for t in [*m["per_target"], "target"])
            lines.append(f"  {'target':<{tw}}  rows  F_avg  macro-F1  pipeline")
            for t, r in m["per_target"].items():
                lines.append(
                    f"  {t:<{tw}}  {r['rows']:4d}  {r['f_avg']:5.3f}  "
                    f"{r['macro_f1']:8.3f}  {r['pipeline']}"
                )
    if report.get("plots"):
        lines += ["", "plots: " + ", ".join(report["plots"])]
    return "\n".join(lines)
