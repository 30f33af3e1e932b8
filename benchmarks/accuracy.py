"""Accuracy benchmark: nested cross-validation of `stance.train` on the public data sets.

    python benchmarks/accuracy.py [--data ../shared/data] [--sets semeval,olid,...]
                                  [--folds 5] [--json results.json]

Each set is converted with `stance convert`'s converters, split into outer folds
(stratified, seed 0; grouped by article where the set has articles), and for every outer
fold `stance.train` picks its own hyperparameters by inner CV on the training part only,
exactly as `stance train` does. Metrics are computed on the pooled out-of-fold
predictions. Nothing is tuned on a test split: the held-out test sets are not used,
except Task B below, which is only ever scored.

Sets and what is reported:
- semeval: SemEval-2016 Task 6 train (2,914 tweets, 5 targets), stance per target,
  each target's pipeline also learning from the other targets' rows (weight chosen by
  the inner CV from STANCE_CONFIG's grid): F_avg (mean F1 of favor and against,
  SemEval's metric) and macro-F1.
- taskb: unseen target. Train on all of Task A (five targets), score Task B (707
  tweets about Donald Trump, a target with no training rows: the pooled pipeline
  serves it). The pooled pipeline's settings for unseen targets (UNSEEN_CANDIDATES)
  are chosen by leave-one-target-out CV on Task A only, never on Task B.
- taskb-multitarget: the same plus the benchmark-only multi-target election corpus
  (Sobhani et al. 2017), which has Donald Trump rows: Trump is then NOT unseen (its
  own per-target pipeline serves it).
- semeval-curve: learning curve per target: a target's pipeline trained on 25 / 50 /
  100 / 200 of its own rows only (a desk's situation), scored on held-out rows.
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

# Inner-CV settings per set: the library defaults plus the cross-target weight grid for
# stance; the default model's tone settings (labels/train.toml) for the large tone sets,
# to keep runs short.
STANCE_CONFIG: dict[str, Any] = {"model": {"other_target_weight": [0.0, 0.1, 0.3]}}
TONE_CONFIG = {"features": {"min_df": 2}, "cv": {"C": [0.5, 2.0], "folds": 3}}

SETS = {
    "semeval": ("semeval2016", "semeval2016-task6/train-official-2914.tsv", "stance"),
    "olid": ("olid", "olid/olid-training-v1.0.tsv", "tone"),
    "davidson": ("davidson", "davidson-hate-offensive/labeled_data.csv", "tone"),
    "foxnews": ("foxnews", "fox-news-comments/fox-news-comments.json", "tone"),
    "ucc": ("ucc", "ucc-unhealthy-comments/val.csv", "tone"),
}
TASK_B = "semeval2016-task6/testdata-taskB-all-annotations.txt"
MULTITARGET = "multitarget-stance-2016/preprocessed.csv"
STANCE_SETS = ("taskb", "taskb-multitarget", "semeval-curve")
STANCE = ["favor", "against", "none"]

# What the pooled pipeline (unseen targets) may do differently: the two ideas tried, and
# their combination. Chosen by leave-one-target-out CV on Task A (the mean over the five
# held-out targets of F_avg); ties go to the earlier entry, so "as before" wins a tie.
UNSEEN_CANDIDATES: list[tuple[str, dict[str, Any]]] = [
    ("as before", {}),
    ("targets balanced", {"pooled_target_balance": "equal"}),
    ("none x 0.3", {"pooled_none_weight": 0.3}),
    ("none x 0.1", {"pooled_none_weight": 0.1}),
    ("targets balanced, none x 0.1", {"pooled_target_balance": "equal", "pooled_none_weight": 0.1}),
]
CURVE_SIZES = (25, 50, 100, 200)
# Sizes also measured with the other targets' rows added (STANCE_CONFIG's weight grid):
# a desk that labels several targets.
CURVE_WITH_OTHERS = (50,)


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
    from stance.evaluation import head_metrics
    from stance.training import train

    fmt, rel, head = SETS[name]
    df = convert(fmt, data / rel)
    if name == "olid":  # subtask A is binary: NOT vs OFF (either OFF level)
        df["tone"] = df["tone"].replace({"uncivil": "abusive"})
    config = STANCE_CONFIG if head == "stance" else TONE_CONFIG
    vocab = ["favor", "against", "none"] if head == "stance" else ["civil", "uncivil", "abusive"]
    proba = np.zeros((len(df), len(vocab)))
    chosen = []
    t0 = time.perf_counter()
    splits = outer_splits(df, head, folds)
    for k, (tr, te) in enumerate(splits, start=1):
        model = train(df.iloc[tr].reset_index(drop=True), config=config).model
        test = df.iloc[te]
        targets = test["target"].tolist() if head == "stance" else None
        proba[te] = model.predict_proba(test["text"].tolist(), head, targets)
        chosen.append(
            {
                t: (i["C"], i["min_df"], i.get("other_target_weight"))
                for t, i in model.meta["cv"][head].items()
                if t != "per_target"
            }
        )
        print(
            f"  {name}: outer fold {k}/{folds} done ({time.perf_counter() - t0:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    present = [c for c in vocab if (df[head] == c).any()]
    cols = [vocab.index(c) for c in present]
    m = head_metrics(df[head], proba[:, cols], present, head)
    out: dict[str, Any] = {
        "set": name,
        "rows": len(df),
        "head": head,
        "folds": folds,
        "grouped": bool((df["article"] != "").any()),
        "labels": {c: int((df[head] == c).sum()) for c in present},
        "macro_f1": m["macro_f1"],
        "accuracy": m["accuracy"],
        "roc_auc_macro": m["roc_auc_macro"],
        "brier": m["brier"],
        "ece": m["ece"],
        "per_class_f1": {c: v["f1"] for c, v in m["per_class"].items()},
        "seconds": round(time.perf_counter() - t0, 1),
        "chosen": chosen,
    }
    if head == "stance":
        out["f_avg"] = m["f_avg"]
        pred = np.array(present)[proba[:, cols].argmax(axis=1)]
        from stance.evaluation import f_avg

        out["per_target_f_avg"] = {
            t: f_avg(df[head].to_numpy()[idx], pred[idx])
            for t, idx in df.groupby("target").indices.items()
        }
        # Per outer fold (the noise), and every row's prediction (for paired comparisons
        # of two settings on the same folds).
        out["fold_f_avg"] = [f_avg(df[head].to_numpy()[te], pred[te]) for _, te in splits]
        out["predictions"] = pred.tolist()
    if name == "ucc":
        from sklearn.metrics import roc_auc_score

        unhealthy = proba[:, vocab.index("uncivil")] + proba[:, vocab.index("abusive")]
        out["unhealthy_roc_auc"] = float(roc_auc_score(df["tone"] != "civil", unhealthy))
    return out


def _merge(base: dict[str, Any], **sections: dict[str, Any]) -> dict[str, Any]:
    """A config dict: `base` with sections' keys added (a section's keys override)."""
    out = {k: dict(v) for k, v in base.items()}
    for name, keys in sections.items():
        out.setdefault(name, {}).update(keys)
    return out


def _stance_figures(y: Any, proba: np.ndarray) -> dict[str, Any]:
    from stance.evaluation import head_metrics

    m = head_metrics(list(y), proba, STANCE, "stance")
    pred = np.array(STANCE)[proba.argmax(axis=1)]
    return {
        "rows": len(pred),
        "f_avg": m["f_avg"],
        "macro_f1": m["macro_f1"],
        "per_class_f1": {c: v["f1"] for c, v in m["per_class"].items()},
        "predicted": {c: int((pred == c).sum()) for c in STANCE},
        "labels": {c: int((np.asarray(y) == c).sum()) for c in STANCE},
    }


_UNSEEN: dict[str, Any] = {}


def choose_unseen(a: pd.DataFrame) -> dict[str, Any]:
    """Leave-one-target-out CV on Task A for each UNSEEN_CANDIDATES entry: train on four
    targets, score the fifth (unseen, so the pooled pipeline serves it). Only the pooled
    pipeline is fitted (min_target_rows above any target's rows): the per-target
    pipelines never score an unseen target. Returns the table and the chosen entry."""
    from stance.evaluation import f_avg
    from stance.training import train

    if _UNSEEN:
        return _UNSEEN
    targets = sorted(set(a["target"]))
    table = []
    t0 = time.perf_counter()
    for name, extra in UNSEEN_CANDIDATES:
        config = _merge(STANCE_CONFIG, stance={**extra, "min_target_rows": 10**9})
        per = {}
        for t in targets:
            held = a["target"] == t
            model = train(a[~held].reset_index(drop=True), config=config).model
            test = a[held]
            pred = model.predict(test["text"].tolist(), targets=t)["stance"].to_numpy()
            per[t] = f_avg(test["stance"].to_numpy(), pred)
        table.append(
            {
                "candidate": name,
                "config": extra,
                "per_target_f_avg": per,
                "mean_f_avg": float(np.mean(list(per.values()))),
            }
        )
        print(
            f"  unseen-target LOTO on Task A: {name}: mean F_avg "
            f"{100 * table[-1]['mean_f_avg']:.2f} ({time.perf_counter() - t0:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    best = max(range(len(table)), key=lambda i: (table[i]["mean_f_avg"], -i))
    _UNSEEN.update(
        table=table,
        chosen=table[best]["candidate"],
        config=table[best]["config"],
        seconds=round(time.perf_counter() - t0, 1),
    )
    return _UNSEEN


def run_taskb(name: str, data: Path) -> dict[str, Any]:
    """Train on Task A (+ multitarget), score SemEval-2016 Task B (Donald Trump)."""
    from stance.convert import convert
    from stance.training import train

    a = convert("semeval2016", data / SETS["semeval"][1])
    b = convert("semeval2016", data / TASK_B)
    unseen = choose_unseen(a)
    t0 = time.perf_counter()
    out: dict[str, Any] = {
        "set": name,
        "head": "stance",
        "rows": len(b),
        "train_rows": len(a),
        "unseen_choice": unseen,
    }
    if name == "taskb":
        # Trump is unseen: only the pooled pipeline scores it, so only it is fitted.
        # For information (never used to choose), every candidate's Task B figure.
        out["candidates_on_task_b"] = {}
        for cand, extra in UNSEEN_CANDIDATES:
            config = _merge(STANCE_CONFIG, stance={**extra, "min_target_rows": 10**9})
            model = train(a, config=config).model
            proba = model.predict_proba(b["text"].tolist(), "stance", b["target"].tolist())
            figures = _stance_figures(b["stance"], proba)
            out["candidates_on_task_b"][cand] = {k: figures[k] for k in ("f_avg", "macro_f1")}
            if cand == unseen["chosen"]:
                out.update(
                    figures,
                    served_by="pooled pipeline (Donald Trump unseen)",
                    chosen_C=model.meta["cv"]["stance"]["*"]["C"],
                )
    else:
        m = convert("multitarget", data / MULTITARGET)
        train_df = pd.concat([a, m], ignore_index=True)
        trump = int((train_df["target"] == "Donald Trump").sum())
        # Trump has its own pipeline (cross-target grid as for semeval). Targets with
        # fewer rows than Trump are left to the pooled pipeline: they never score Trump.
        config = _merge(STANCE_CONFIG, stance={**unseen["config"], "min_target_rows": trump})
        model = train(train_df, config=config).model
        proba = model.predict_proba(b["text"].tolist(), "stance", b["target"].tolist())
        out.update(
            _stance_figures(b["stance"], proba),
            train_rows=len(train_df),
            trump_training_rows=trump,
            served_by="Donald Trump's own pipeline (NOT unseen: multitarget has "
            f"{trump} Trump rows)",
            trump_cv=model.meta["cv"]["stance"]["Donald Trump"],
        )
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def run_curve(data: Path, folds: int) -> dict[str, Any]:
    """Learning curve: per SemEval target, its pipeline trained on n of its own rows
    (stratified sample of the outer training part, a new sample per outer fold), scored
    on the outer test part. Only the target's own rows, as a desk would have."""
    from sklearn.model_selection import StratifiedKFold, train_test_split

    from stance.config import load_config
    from stance.convert import convert
    from stance.evaluation import f_avg
    from stance.training import _fit_one, train

    a = convert("semeval2016", data / SETS["semeval"][1])
    config = _merge(STANCE_CONFIG, cv={"n_jobs": 1})
    with_others = load_config(STANCE_CONFIG).for_head("stance")
    sizes: list[int | str] = [*CURVE_SIZES, "all", *(f"{n}+others" for n in CURVE_WITH_OTHERS)]
    t0 = time.perf_counter()
    per: dict[str, dict[str, Any]] = {}
    for t in sorted(set(a["target"])):
        sub = a[a["target"] == t].reset_index(drop=True)
        y = sub["stance"].to_numpy()
        splits = list(StratifiedKFold(folds, shuffle=True, random_state=0).split(sub, y))
        per[t] = {"rows": len(sub)}
        for n in sizes:
            pred = np.empty(len(sub), dtype=object)
            fold_f = []
            for k, (tr, te) in enumerate(splits):
                pool = sub.iloc[tr]
                size = int(str(n).split("+")[0]) if n != "all" else len(pool)
                sample = (
                    pool
                    if n == "all"
                    else train_test_split(
                        pool, train_size=size, stratify=pool["stance"], random_state=k
                    )[0]
                )
                texts = sub["text"].iloc[te].tolist()
                if str(n).endswith("+others"):
                    # The target's pipeline exactly as `train` fits it with several
                    # targets (the other targets' own pipelines are not needed here).
                    rest = a[a["target"] != t]
                    pipe = _fit_one(
                        sample["text"].tolist(),
                        sample["stance"].to_numpy(object),
                        None,
                        with_others,
                        "f_avg",
                        others=(rest["text"].tolist(), rest["stance"].to_numpy(object)),
                    )[0]
                    pred[te] = pipe.predict(texts)
                else:
                    model = train(sample.reset_index(drop=True), config=config).model
                    pred[te] = model.predict(texts, targets=t)["stance"]
                fold_f.append(f_avg(y[te], pred[te]))
            per[t][str(n)] = {
                "f_avg": f_avg(y, pred),
                "fold_sd": float(np.std(fold_f)),
                "macro_f1": _macro(y, pred),
            }
        majority = pd.Series(y).mode()[0]
        per[t]["majority"] = {
            "label": majority,
            "f_avg": f_avg(y, np.full(len(y), majority, dtype=object)),
            "macro_f1": _macro(y, np.full(len(y), majority, dtype=object)),
        }
        print(
            f"  semeval-curve: {t} done ({time.perf_counter() - t0:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    mean = {
        str(n): {m: float(np.mean([per[t][str(n)][m] for t in per])) for m in ("f_avg", "macro_f1")}
        for n in [*sizes, "majority"]
    }
    return {
        "set": "semeval-curve",
        "head": "stance",
        "rows": len(a),
        "folds": folds,
        "sizes": [str(n) for n in sizes],
        "per_target": per,
        "mean": mean,
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _macro(y: Any, pred: Any) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, pred, labels=STANCE, average="macro", zero_division=0))


def machine() -> dict[str, Any]:
    import sklearn

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "commit": commit,
    }


def markdown(results: list[dict[str, Any]], info: dict[str, Any], command: str) -> str:
    """The docs/benchmarks.md table for these results."""
    lines = [
        f"Command: `{command}`; {info['date']}, {info['cpus']} cores "
        f"{info['machine']}, Python {info['python']}, scikit-learn "
        f"{info['scikit-learn']}, commit {info['commit']}."
    ]
    nested = [r for r in results if r["set"] not in STANCE_SETS]
    if nested:
        lines += [
            "",
            "| set | rows | outer CV | F_avg | macro-F1 | ROC AUC | Brier | ECE | time |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
    for r in nested:
        fa = f"{100 * r['f_avg']:.2f}" if "f_avg" in r else ""
        auc = r.get("unhealthy_roc_auc", r["roc_auc_macro"])
        lines.append(
            f"| {r['set']} | {r['rows']} | {r['folds']}-fold"
            f"{' grouped' if r['grouped'] else ''} | {fa} | "
            f"{100 * r['macro_f1']:.2f} | {auc:.3f} | {r['brier']:.3f} | "
            f"{r['ece']:.3f} | {r['seconds']:.0f} s |"
        )
    return "\n".join(lines + stance_markdown(results))


def stance_markdown(results: list[dict[str, Any]]) -> list[str]:
    """Tables for the taskb sets and the learning curve."""
    lines: list[str] = []
    taskb = [r for r in results if r["set"].startswith("taskb")]
    if taskb:
        lines += [
            "",
            "| set | train rows | test rows | served by | F_avg | macro-F1 | "
            "predicted favor / against / none | time |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in taskb:
            p = r["predicted"]
            lines.append(
                f"| {r['set']} | {r['train_rows']} | {r['rows']} | {r['served_by']} "
                f"| {100 * r['f_avg']:.2f} | {100 * r['macro_f1']:.2f} | "
                f"{p['favor']} / {p['against']} / {p['none']} | {r['seconds']:.0f} s |"
            )
        u = taskb[0]["unseen_choice"]
        info = taskb[0].get("candidates_on_task_b", {})
        lines += [
            "",
            f"Unseen-target settings, leave-one-target-out on Task A "
            f"({u['seconds']:.0f} s); chosen: {u['chosen']}.",
            "",
            "| pooled pipeline | LOTO mean F_avg (Task A) | Task B F_avg (not used "
            "to choose) | Task B macro-F1 |",
            "|---|---|---|---|",
        ]
        for row in u["table"]:
            tb = info.get(row["candidate"])
            lines.append(
                f"| {row['candidate']} | {100 * row['mean_f_avg']:.2f} | "
                + (f"{100 * tb['f_avg']:.2f} | {100 * tb['macro_f1']:.2f} |" if tb else " | |")
            )
    for r in results:
        if r["set"] != "semeval-curve":
            continue
        sizes = r["sizes"]
        lines += [
            "",
            f"Learning curve ({r['folds']}-fold outer CV per target; F_avg, "
            "fold-to-fold SD in brackets; the target's own n rows only; "
            '"+others": plus the other four targets\' rows at the weight the inner '
            "CV picks):",
            "",
            "| target | " + " | ".join(f"n={n}" for n in sizes) + " | majority |",
            "|---|" + "---|" * (len(sizes) + 1),
        ]
        for t, v in r["per_target"].items():
            lines.append(
                f"| {t} ({v['rows']}) | "
                + " | ".join(
                    f"{100 * v[n]['f_avg']:.1f} ({100 * v[n]['fold_sd']:.1f})" for n in sizes
                )
                + f" | {100 * v['majority']['f_avg']:.1f} |"
            )
        lines.append(
            "| mean F_avg | "
            + " | ".join(f"{100 * r['mean'][n]['f_avg']:.1f}" for n in [*sizes, "majority"])
            + " |"
        )
        lines.append(
            "| mean macro-F1 | "
            + " | ".join(f"{100 * r['mean'][n]['macro_f1']:.1f}" for n in [*sizes, "majority"])
            + " |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--sets", default=",".join([*SETS, *STANCE_SETS]))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"accuracy.py: no data folder {args.data}", file=sys.stderr)
        return 2
    info = machine()
    results = []
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        if name not in SETS and name not in STANCE_SETS:
            print(
                f"accuracy.py: unknown set {name!r} ({', '.join([*SETS, *STANCE_SETS])})",
                file=sys.stderr,
            )
            return 2
        if name.startswith("taskb"):
            results.append(run_taskb(name, args.data))
        elif name == "semeval-curve":
            results.append(run_curve(args.data, args.folds))
        else:
            results.append(run_set(name, args.data, args.folds))
        r = results[-1]
        print(
            json.dumps({k: v for k, v in r.items() if k not in ("chosen", "predictions")}),
            flush=True,
        )
    command = "python benchmarks/accuracy.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    print(markdown(results, info, command.strip()))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
