"""The labelling loop, simulated: how many of its own labels a desk needs.

    python benchmarks/learning_curve.py [--domains ucc,twitcivility] [--rounds 8]
        [--batch 50] [--seeds 0,1] [--arms suggested,random] [--add-offsets]
        [--json F] [--plot F.png]

A desk works on comments its model was not trained on. For each domain a fixed,
stratified test part is held out (`--test-share`, seed `SPLIT_SEED`, the same for every
arm and seed); the rest is the pool. The start is the default model's settings
(`labels/train.toml`) trained on the shipped corpora, without the domain's own file when
it is one of them (twitcivility). Then, round after round, `--batch` comments of the pool
are labelled (their gold labels):

* suggested: `stance.suggest.suggest` picks them (tone head) with the current adapted
  model, the exclude file being the rows labelled so far;
* random: the next rows of a random order of the pool (seeded).

After each round two models are trained and scored on the test part:
* adapted: `stance.train` on the shipped corpora with the labelled rows as `add`
  (the `--add` of `stance train`; `--add-share`, default the config's: 0.5);
* in-domain only: `stance.train` on the labelled rows alone, same settings.

`--add-offsets` trains the adapted model with `add_offsets` on (the tone intercept's
per-class offsets learnt from the labelled rows, `stance.adapt`), and the suggested arm
picks with that model; each round then also scores `plain`: the same fit with the
offsets taken off again (what the shipped `--add` gives on those rows).

Reported per round: tone macro-F1 (x100, over the labels the test part has), the ROC
AUC of healthy vs unhealthy (1 - P(civil)) and the top-label ECE, means over the seeds.
Round 0 is the start model. The fit cache (`stance.fitcache`) keeps the shipped
corpora's counts between rounds; set `STANCE_CACHE` to choose its folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
VOCAB = ["civil", "uncivil", "abusive"]
#: Seed of the test/pool split (fixed: every arm and seed shares the test part).
SPLIT_SEED = 2026
#: Rows drawn from a domain's corpus (its test part and pool together).
DOMAIN_ROWS = 4427
ARMS = ("suggested", "random")
KINDS = ("adapted", "plain", "indomain")


def domain_rows(name: str, data: Path, labels: Path) -> tuple[pd.DataFrame, str | None]:
    """A domain's labelled rows (at most DOMAIN_ROWS, stratified sample) and the shipped
    file the start model must leave out (None: not shipped)."""
    from stance.convert import convert
    from stance.labels import read_labels

    if name == "ucc":
        df, leave_out = convert("ucc", data / "ucc-unhealthy-comments" / "val.csv"), None
    elif name == "twitcivility":
        leave_out = "tone-twitcivility.csv"
        df = read_labels(labels / leave_out)
    else:
        raise SystemExit(f"unknown domain {name!r}: ucc or twitcivility")
    df = df[df["tone"] != ""].reset_index(drop=True)
    if len(df) > DOMAIN_ROWS:
        df = _stratified(df, DOMAIN_ROWS / len(df), SPLIT_SEED)[0]
    df = df.assign(target="", stance="", article="")[["id", "text", "target", "stance", "tone"]]
    return df.reset_index(drop=True), leave_out


def _stratified(df: pd.DataFrame, share: float, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(a `share` of each tone's rows, the rest), both in a seeded random order."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(df))
    shuffled = df.iloc[order]
    rank = shuffled.groupby("tone").cumcount()
    size = shuffled["tone"].map(shuffled["tone"].value_counts())
    take = (rank < np.round(size * share)).to_numpy()
    return shuffled[take].reset_index(drop=True), shuffled[~take].reset_index(drop=True)


def scores(model: Any, test: pd.DataFrame) -> dict[str, float]:
    """Tone macro-F1 (x100, over the test part's labels), healthy-vs-unhealthy AUC and
    the top-label ECE (`stance.evaluation`'s)."""
    from sklearn.metrics import f1_score, roc_auc_score

    from stance.evaluation import expected_calibration_error

    y = test["tone"].to_numpy(object)
    proba = model.predict_proba(test["text"].tolist(), "tone")
    vocab = model.labels["tone"]
    pred = np.array(vocab, dtype=object)[proba.argmax(axis=1)]
    present = [c for c in vocab if (y == c).any()]
    unhealthy = y != "civil"
    y_idx = np.array([vocab.index(c) for c in y])
    return {
        "macro_f1": round(100 * f1_score(y, pred, labels=present, average="macro"), 2),
        "auc": round(float(roc_auc_score(unhealthy, 1 - proba[:, vocab.index("civil")])), 4),
        "ece": round(expected_calibration_error(proba, y_idx)[0], 4),
    }


def plain_scores(model: Any, test: pd.DataFrame) -> dict[str, float] | None:
    """`scores` of the model with the tone offsets (`add_offsets`) taken off again
    (None: no offsets were applied)."""
    from stance.labels import POOLED

    rec = model.meta["cv"].get("tone", {}).get(POOLED, {}).get("add_offsets")
    if not rec or not rec["applied"]:
        return None
    clf = model.heads["tone"][POOLED].named_steps["clf"]
    b = np.array(rec["offsets"])
    kept = clf.intercept_
    clf.intercept_ = kept - (b[1] - b[0] if len(b) == 2 else b)
    try:
        return scores(model, test)
    finally:
        clf.intercept_ = kept


class Desk:
    """One domain's simulation: its start model, test part and pool, on disk for suggest."""

    def __init__(self, name: str, args: argparse.Namespace, work: Path) -> None:
        from stance.config import load_config
        from stance.training import default_training_inputs

        rows, leave_out = domain_rows(name, args.data, args.labels)
        self.test, self.pool = _stratified(rows, args.test_share, SPLIT_SEED)
        files, config = default_training_inputs(str(args.config), str(args.labels))
        self.base = [f for f in files if Path(f).name != leave_out]
        self.config = load_config(config)
        if args.add_share is not None:
            self.config = replace(self.config, add_share=args.add_share)
        if args.add_offsets:
            self.config = replace(self.config, add_offsets=True)
        self.work = work / name
        self.work.mkdir(parents=True, exist_ok=True)
        self.pool_file = self.work / "pool.csv"
        self.pool[["id", "text"]].to_csv(self.pool_file, index=False)
        self.name = name

    def train(self, added: pd.DataFrame | None) -> Any:
        from stance.training import train

        return train(self.base, config=self.config, add=added).model

    def train_alone(self, labelled: pd.DataFrame) -> Any | None:
        from stance.errors import StanceError
        from stance.training import train

        try:
            return train(labelled, config=self.config).model
        except StanceError:  # one class only: no tone head can be trained yet
            return None

    def save(self, model: Any, name: str) -> Path:
        from stance.persist import save_model

        return save_model(model, self.work / name)

    def pick(self, arm: str, model_dir: Path, labelled: pd.DataFrame, n: int, seed: int) -> list:
        """The ids of the next `n` rows to label."""
        if arm == "random":
            order = np.random.default_rng(seed).permutation(len(self.pool))
            ids = self.pool["id"].to_numpy(object)[order]
            return ids[len(labelled) : len(labelled) + n].tolist()
        from stance.suggest import suggest

        exclude = []
        if len(labelled):
            exclude = [self.work / "labelled.csv"]
            labelled.to_csv(exclude[0], index=False)
        batch = suggest(
            model_dir, [str(self.pool_file)], n, exclude=exclude, heads="tone", seed=seed
        )
        return batch.batch["id"].astype(str).tolist()


def run_arm(
    desk: Desk, arm: str, seed: int, start: Path, rounds: int, n: int, say, at: set | None = None
) -> list:
    """One arm's rounds: per round, the labelled count and each kind's scores. `at`: the
    labelled counts at which the random arm trains and scores (None: every round; the
    random arm's picks do not depend on its models, so the others change nothing)."""
    out = []
    labelled = desk.pool.iloc[:0]
    model_dir = start
    by_id = desk.pool.assign(id=desk.pool["id"].astype(str)).set_index("id")
    for r in range(1, rounds + 1):
        t0 = time.monotonic()
        ids = desk.pick(arm, model_dir, labelled, n, seed)
        new = by_id.loc[ids].reset_index()
        labelled = pd.concat([labelled, new], ignore_index=True)
        if arm == "random" and at is not None and len(labelled) not in at:
            continue
        adapted = desk.train(labelled)
        alone = desk.train_alone(labelled)
        row = {
            "round": r,
            "labels": len(labelled),
            "labelled_tones": labelled["tone"].value_counts().to_dict(),
            "adapted": scores(adapted, desk.test),
            "plain": plain_scores(adapted, desk.test),
            "indomain": scores(alone, desk.test) if alone is not None else None,
            "seconds": round(time.monotonic() - t0, 1),
        }
        out.append(row)
        say(f"{desk.name} {arm} seed {seed} round {r}: {json.dumps(row)}")
        if arm == "suggested" and r < rounds:
            model_dir = desk.save(adapted, f"round-{seed}")
    return out


def run(args: argparse.Namespace, say=print) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="learning-curve-"))
    res: dict[str, Any] = {"batch": args.batch, "rounds": args.rounds, "seeds": args.seeds}
    res["add_share"] = args.add_share
    res["add_offsets"] = args.add_offsets
    res["domains"] = {}
    for name in args.domains:
        t0 = time.monotonic()
        desk = Desk(name, args, work)
        start = desk.train(None)
        start_dir = desk.save(start, "start")
        dom: dict[str, Any] = {
            "test_rows": len(desk.test),
            "test_tones": desk.test["tone"].value_counts().to_dict(),
            "pool_rows": len(desk.pool),
            "left_out": [f for f in ("tone-twitcivility.csv",) if name == "twitcivility"],
            "start": scores(start, desk.test),
            "arms": {},
        }
        say(f"{name}: start {dom['start']} ({time.monotonic() - t0:.0f} s)")
        for arm in args.arms:
            rounds = args.rounds if arm == "random" else min(args.rounds, args.suggested_rounds)
            dom["arms"][arm] = {
                str(s): run_arm(desk, arm, s, start_dir, rounds, args.batch, say, args.random_at)
                for s in args.seeds
            }
        dom["goals"] = goals(dom, args.batch)
        res["domains"][name] = dom
    return res


def mean_curve(dom: dict[str, Any], arm: str, kind: str, metric: str) -> dict[int, float]:
    """labels -> the mean over seeds of one arm's kind's metric (rounds every seed has)."""
    per: dict[int, list[float]] = {}
    for rows in dom["arms"].get(arm, {}).values():
        for row in rows:
            if (row.get(kind) or {}).get(metric) is not None:
                per.setdefault(row["labels"], []).append(row[kind][metric])
    return {k: round(float(np.mean(v)), 4) for k, v in sorted(per.items())}


def goals(dom: dict[str, Any], batch: int) -> dict[str, Any]:
    """The issue's goals: after 200 suggested labels, macro-F1 >= start + 10 and >= 400
    random labels; adapted ahead of in-domain-only at every round up to 200."""
    sug = mean_curve(dom, "suggested", "adapted", "macro_f1")
    rnd = mean_curve(dom, "random", "adapted", "macro_f1")
    out: dict[str, Any] = {"start_macro_f1": dom["start"]["macro_f1"]}
    if 200 in sug:
        out["suggested_200"] = sug[200]
        out["plus_10_over_start"] = sug[200] >= dom["start"]["macro_f1"] + 10
        if 400 in rnd:
            out["random_400"] = rnd[400]
            out["at_least_random_400"] = sug[200] >= rnd[400]
    ahead = {}
    for arm in dom["arms"]:
        a = mean_curve(dom, arm, "adapted", "macro_f1")
        b = mean_curve(dom, arm, "indomain", "macro_f1")
        ahead[arm] = all(a[k] > b.get(k, -1.0) for k in a if k <= 200)
    out["adapted_ahead_up_to_200"] = ahead
    return out


def markdown(res: dict[str, Any]) -> str:
    lines = []
    for name, dom in res["domains"].items():
        lines.append(
            f"**{name}** (test part {dom['test_rows']:,} rows {dom['test_tones']}; pool "
            f"{dom['pool_rows']:,}; seeds {res['seeds']}). Start model: macro-F1 "
            f"{dom['start']['macro_f1']:.1f}, AUC {dom['start']['auc']:.3f}."
        )
        lines.append("")
        metrics = ("macro_f1", "auc", "ece")
        cols = [(a, k) for a in ARMS if a in dom["arms"] for k in KINDS if _has(dom, a, k)]
        curves = {(a, k, m): mean_curve(dom, a, k, m) for a, k in cols for m in metrics}
        with_ece = any(curves[(a, k, "ece")] for a, k in cols)
        head = "F1 / AUC / ECE" if with_ece else "F1 / AUC"
        lines.append("| labels | " + " | ".join(f"{a} {k} {head}" for a, k in cols) + " |")
        lines.append("|---:|" + "---:|" * len(cols))
        counts = sorted({n for c in curves.values() for n in c})
        for n in counts:
            cells = []
            for a, k in cols:
                f1, auc = curves[(a, k, "macro_f1")].get(n), curves[(a, k, "auc")].get(n)
                ece = curves[(a, k, "ece")].get(n)
                cell = "n/a" if f1 is None else f"{f1:.1f} / {auc:.3f}"
                cells.append(cell + (f" / {ece:.3f}" if with_ece and ece is not None else ""))
            lines.append(f"| {n} | " + " | ".join(cells) + " |")
        lines.append("")
        lines.append(f"Goals: `{json.dumps(dom['goals'])}`")
        lines.append("")
    return "\n".join(lines)


def _has(dom: dict[str, Any], arm: str, kind: str) -> bool:
    """Whether any round of the arm scored that kind (`plain`: only with offsets)."""
    return any(row.get(kind) for rows in dom["arms"][arm].values() for row in rows)


def plot(res: dict[str, Any], path: Path) -> None:
    import matplotlib  # lazy: only for --plot

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    doms = list(res["domains"].items())
    fig, axes = plt.subplots(2, len(doms), figsize=(5 * len(doms), 7), squeeze=False)
    for j, (name, dom) in enumerate(doms):
        for i, metric in enumerate(("macro_f1", "auc")):
            ax = axes[i][j]
            ax.axhline(dom["start"][metric], color="grey", ls=":", label="start model")
            for arm in dom["arms"]:
                for kind, ls in (("adapted", "-"), ("plain", "-."), ("indomain", "--")):
                    c = mean_curve(dom, arm, kind, metric)
                    if not c:
                        continue
                    ax.plot(list(c), list(c.values()), ls, marker="o", label=f"{arm} {kind}")
            ax.set_title(f"{name}: tone {'macro-F1' if i == 0 else 'healthy/unhealthy AUC'}")
            ax.set_xlabel("in-domain labels")
            ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--domains", default="ucc,twitcivility")
    ap.add_argument("--rounds", type=int, default=8, help="rounds (random arm)")
    ap.add_argument(
        "--suggested-rounds", type=int, default=8, help="rounds of the suggested arm (<= --rounds)"
    )
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--arms", default="suggested,random")
    ap.add_argument("--test-share", type=float, default=0.4)
    ap.add_argument(
        "--add-share", type=float, help="the added rows' weight share (default: the config's)"
    )
    ap.add_argument(
        "--add-offsets",
        action="store_true",
        help="adapted model with add_offsets (tone intercept offsets from the labelled rows)",
    )
    ap.add_argument(
        "--random-at",
        help="labelled counts at which the random arm trains and scores (default: every round)",
    )
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--labels", type=Path, default=ROOT / "labels")
    ap.add_argument("--config", type=Path, default=ROOT / "labels" / "train.toml")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--plot", type=Path)
    args = ap.parse_args(argv)
    args.domains = [d for d in args.domains.split(",") if d]
    args.seeds = [int(s) for s in args.seeds.split(",") if s]
    args.arms = [a for a in args.arms.split(",") if a]
    args.random_at = {int(n) for n in args.random_at.split(",") if n} if args.random_at else None
    if bad := sorted(set(args.arms) - set(ARMS)):
        ap.error(f"unknown arm {bad[0]!r}: suggested or random")
    os.chdir(ROOT)  # labels/ and the model paths are relative to the project

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    res = run(args, say)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    if args.plot:
        plot(res, args.plot)
    print(markdown(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
