"""Accuracy benchmark: nested cross-validation of `stance.train` on the public data sets.

    python benchmarks/accuracy.py [--data ../shared/data] [--sets semeval,olid,...]
                                  [--folds 5] [--json results.json]

Each set is converted with `stance convert`'s converters, split into outer folds
(stratified, seed 0; grouped by article where the set has articles), and for every outer
fold `stance.train` picks its own hyperparameters by inner CV on the training part only,
exactly as `stance train` does. Metrics are computed on the pooled out-of-fold
predictions. Nothing is tuned on a test split: the held-out test sets are not used.

Sets and what is reported:
- semeval: SemEval-2016 Task 6 train (2,914 tweets, 5 targets), stance per target:
  F_avg (mean F1 of favor and against, SemEval's metric) and macro-F1.
- olid: OLID subtask A train (13,240 tweets), NOT vs OFF: macro-F1, ROC AUC.
- davidson: hate / offensive / neither (24,783 tweets): macro-F1, one-vs-rest ROC AUC.
- foxnews: Fox News comments (1,528), hateful or not, folds grouped by article.
- ucc: UCC val (4,427 comments): civil / uncivil / abusive macro-F1, and the ROC AUC of
  healthy vs unhealthy (p_uncivil + p_abusive).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"

# Inner-CV settings per set: the library defaults for the small stance set; the default
# model's tone settings (labels/train.toml) for the large tone sets, to keep runs short.
STANCE_CONFIG: dict[str, Any] = {}
TONE_CONFIG = {"features": {"min_df": 2}, "cv": {"C": [0.5, 2.0], "folds": 3}}

SETS = {
    "semeval": ("semeval2016", "semeval2016-task6/train-official-2914.tsv", "stance"),
    "olid": ("olid", "olid/olid-training-v1.0.tsv", "tone"),
    "davidson": ("davidson", "davidson-hate-offensive/labeled_data.csv", "tone"),
    "foxnews": ("foxnews", "fox-news-comments/fox-news-comments.json", "tone"),
    "ucc": ("ucc", "ucc-unhealthy-comments/val.csv", "tone"),
}


def outer_splits(df: pd.DataFrame, head: str, folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified outer folds (by target x label for stance), grouped by article if any."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    strata = (df["target"] + "|" + df[head]) if head == "stance" else df[head]
    if (df["article"] != "").any():
        cv = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=0)
        return list(cv.split(df, strata, pd.factorize(df["article"])[0]))
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    return list(cv.split(df, strata))


def run_set(name: str, data: Path, folds: int) -> dict[str, Any]:
    """Nested CV on one set; returns its metrics and timings."""
    from stance.convert import convert
    from stance.evaluate import head_metrics
    from stance.model import train

    fmt, rel, head = SETS[name]
    df = convert(fmt, data / rel)
    if name == "olid":  # subtask A is binary: NOT vs OFF (either OFF level)
        df["tone"] = df["tone"].replace({"uncivil": "abusive"})
    config = STANCE_CONFIG if head == "stance" else TONE_CONFIG
    vocab = ["favor", "against", "none"] if head == "stance" else ["civil", "uncivil",
                                                                   "abusive"]
    proba = np.zeros((len(df), len(vocab)))
    chosen = []
    t0 = time.perf_counter()
    for k, (tr, te) in enumerate(outer_splits(df, head, folds), start=1):
        model = train(df.iloc[tr].reset_index(drop=True), config=config).model
        test = df.iloc[te]
        targets = test["target"].tolist() if head == "stance" else None
        proba[te] = model.predict_proba(test["text"].tolist(), head, targets)
        chosen.append({t: (i["C"], i["min_df"]) for t, i in model.meta["cv"][head].items()
                       if t != "per_target"})
        print(f"  {name}: outer fold {k}/{folds} done ({time.perf_counter() - t0:.0f} s)",
              file=sys.stderr, flush=True)
    present = [c for c in vocab if (df[head] == c).any()]
    cols = [vocab.index(c) for c in present]
    m = head_metrics(df[head], proba[:, cols], present, head)
    out: dict[str, Any] = {
        "set": name, "rows": len(df), "head": head, "folds": folds,
        "grouped": bool((df["article"] != "").any()),
        "labels": {c: int((df[head] == c).sum()) for c in present},
        "macro_f1": m["macro_f1"], "accuracy": m["accuracy"],
        "roc_auc_macro": m["roc_auc_macro"], "brier": m["brier"], "ece": m["ece"],
        "per_class_f1": {c: v["f1"] for c, v in m["per_class"].items()},
        "seconds": round(time.perf_counter() - t0, 1), "chosen": chosen,
    }
    if head == "stance":
        out["f_avg"] = m["f_avg"]
        pred = np.array(present)[proba[:, cols].argmax(axis=1)]
        from stance.evaluate import f_avg

        out["per_target_f_avg"] = {
            t: f_avg(df[head].to_numpy()[idx], pred[idx])
            for t, idx in df.groupby("target").indices.items()}
    if name == "ucc":
        from sklearn.metrics import roc_auc_score

        unhealthy = proba[:, vocab.index("uncivil")] + proba[:, vocab.index("abusive")]
        out["unhealthy_roc_auc"] = float(roc_auc_score(df["tone"] != "civil", unhealthy))
    return out


def machine() -> dict[str, Any]:
    import sklearn

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = ""
    return {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "cpus": os.cpu_count(), "machine": platform.machine(),
            "python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "commit": commit}


def markdown(results: list[dict[str, Any]], info: dict[str, Any], command: str) -> str:
    """The docs/benchmarks.md table for these results."""
    lines = [f"Command: `{command}`; {info['date']}, {info['cpus']} cores "
             f"{info['machine']}, Python {info['python']}, scikit-learn "
             f"{info['scikit-learn']}, commit {info['commit']}.", "",
             "| set | rows | outer CV | F_avg | macro-F1 | ROC AUC | Brier | ECE | time |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        fa = f"{100 * r['f_avg']:.2f}" if "f_avg" in r else ""
        auc = r.get("unhealthy_roc_auc", r["roc_auc_macro"])
        lines.append(f"| {r['set']} | {r['rows']} | {r['folds']}-fold"
                     f"{' grouped' if r['grouped'] else ''} | {fa} | "
                     f"{100 * r['macro_f1']:.2f} | {auc:.3f} | {r['brier']:.3f} | "
                     f"{r['ece']:.3f} | {r['seconds']:.0f} s |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"accuracy.py: no data folder {args.data}", file=sys.stderr)
        return 2
    info = machine()
    results = []
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        if name not in SETS:
            print(f"accuracy.py: unknown set {name!r} ({', '.join(SETS)})", file=sys.stderr)
            return 2
        results.append(run_set(name, args.data, args.folds))
        r = results[-1]
        print(json.dumps({k: v for k, v in r.items() if k != "chosen"}), flush=True)
    command = "python benchmarks/accuracy.py " + " ".join(argv if argv is not None
                                                          else sys.argv[1:])
    print(markdown(results, info, command.strip()))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
