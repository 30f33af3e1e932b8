"""Throughput and peak memory of `stance score` beside alt-profanity-check, same run.

Corpus: real comments from ../shared/data (OLID, Davidson, UCC, Fox News, SemEval tweets),
repeated in order until there are --rows of them (default 200,000), as a CSV (id, text).

Model: trained by `stance train train.csv --out DIR` with the default settings (word 1-2
+ char_wb 2-5 TF-IDF, logistic regression, C by cross-validation) on one labelling-format
file: tone from a seeded 80% split of OLID train (converted by `stance.convert.olid`:
NOT -> civil, OFF/UNT -> uncivil, OFF/TIN -> abusive), stance from SemEval-2016 train
(per target plus pooled; comments without a target are scored by the pooled pipeline).
No OLID test split exists here, so accuracy is measured on the held-out 20%.

Each size (--sizes, default 20,000, 200,000 and 2,000,000 rows) is scored as whole
processes on the same CSV:
  ours:  stance score MODEL comments.csv --out scored.csv        (CLI, default --jobs 2)
  peer:  python -c "read CSV; profanity_check.predict_prob(texts); write CSV"
--runs times each, alternating (ours first in odd runs, the peer first in even ones).
Per size it reports the median wall time as comments/s with the slowest and fastest run,
the median and lowest per-run ratio (peer seconds / ours), the CPU seconds (user + sys
of the whole process tree, from wait4: what the load of other jobs changes least). Peak
memory of the whole tree
comes from one more run of each per size (--memory-runs): the largest summed PSS of the
process tree, sampled every 20 ms, so worker processes count and pages they share with
the parent (the copy-on-write, memory-mapped model) count once; timed runs do not sample
(the sampler's CPU would come out of our two-process run, not the single-process peer's).

Start-up: the same commands on a 2-row CSV, alternating, --runs times: ours warm (the
model's compiled copy in the scorer cache, as after `stance train` or any earlier score),
ours cold (an empty scorer cache, STANCE_CACHE a fresh folder: the full model load and
compile), and the peer (its import loads its model). The 1-minute load average is
recorded before every run (other jobs on the machine). Every command runs without
PYTHONDONTWRITEBYTECODE, as on a user's machine: Python caches the modules' bytecode
(without the cache, importing takes about 16% longer).

Accuracy on the OLID held-out split (subtask A, OFF vs NOT): ours predicts OFF when the
tone head's most likely label is not `civil` and ranks by P(uncivil) + P(abusive);
the peer predicts OFF when predict_prob >= 0.5 and ranks by predict_prob.

--inproc N (default 20,000) also times, inside one process on one core, scikit-learn's
pipelines, our compiled pipelines (numba kernels) and the peer's predict_prob on the
same N comments. --model DIR scores with an already trained model (the same training
file gives the same model; skips `stance train`). --train-config FILE trains it with
`--config FILE` (benchmarks/data/word-only.toml: both heads without char n-grams).

--engine dask compares the engines instead of the peer (no peer, no accuracy): the same
comments as --parts Parquet files (default 8) in one folder, scored as whole processes,
alternating, by
  local:     stance score MODEL parts/ --out scored.parquet --jobs 2
  dask, 1:   stance score MODEL parts/ --out scored/ --engine dask --workers 1
  dask, 2:   stance score MODEL parts/ --out scored/ --engine dask --workers 2
It reports comments/s (median over --runs, with the slowest and fastest run) and the
start-up cost: the median wall time of each command on a 2-row Parquet file (every
command once before the timed runs, for numba's cache and the page cache).

Usage: python benchmarks/throughput.py [DATA_DIR] [--sizes N,N,...] [--runs N]
                                       [--memory-runs N] [--model DIR] [--json]
       python benchmarks/throughput.py [DATA_DIR] --engine dask [--rows N] [--runs N]
                                       [--parts N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from processes import alternate, measure, summary

ROOT = Path(__file__).resolve().parents[1]
#: The commands' environment: this one without PYTHONDONTWRITEBYTECODE (see the docstring).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
PEER = """
import sys, pandas as pd
from profanity_check import predict_prob
df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
df["profanity_p"] = predict_prob(df["text"].tolist())
df.to_csv(sys.argv[2], index=False)
"""


def corpus(data: Path, rows: int) -> pd.DataFrame:
    """Real comment texts from the shared data sets, repeated to `rows`."""
    texts: list[str] = []
    olid = pd.read_csv(data / "olid" / "olid-training-v1.0.tsv", sep="\t", quoting=3)
    texts += olid["tweet"].tolist()
    texts += pd.read_csv(data / "davidson-hate-offensive" / "labeled_data.csv")["tweet"].tolist()
    texts += pd.read_csv(data / "ucc-unhealthy-comments" / "val.csv")["comment"].tolist()
    with open(data / "fox-news-comments" / "fox-news-comments.json", encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f if line.strip()]
    se = pd.read_csv(
        data / "semeval2016-task6" / "train-official-2914.tsv", sep="\t", encoding="cp1252"
    )
    texts += se["Tweet"].tolist()
    texts = [t for t in texts if isinstance(t, str) and t.strip()]
    reps = -(-rows // len(texts))
    out = (texts * reps)[:rows]
    return pd.DataFrame({"id": [f"c{i}" for i in range(rows)], "text": out}), len(texts)


def build_model(
    data: Path, out: Path, existing: Path | None = None, config: str | None = None
) -> tuple[pd.DataFrame, Path]:
    """Train our two-head model as any user would: one labelling-format CSV (OLID
    train's seeded 80% for tone, SemEval-2016 train for stance) and `stance train FILE.csv
    --out DIR [--config FILE]` (not when an `existing` model is given). Returns (the OLID
    held-out 20%, the model directory)."""
    from stance.convert import olid, semeval2016

    o = olid(data / "olid" / "olid-training-v1.0.tsv")
    idx = np.random.default_rng(0).permutation(len(o))
    cut = int(0.8 * len(o))
    train, held = o.iloc[idx[:cut]], o.iloc[idx[cut:]]
    se = semeval2016(data / "semeval2016-task6" / "train-official-2914.tsv")
    labels = out.parent / "train.csv"
    pd.concat([train, se[se["stance"] != ""]]).to_csv(labels, index=False)
    if existing is not None:
        return held.reset_index(drop=True), existing
    stance = str(Path(sys.executable).parent / "stance")
    extra = ["--config", config] if config else []
    subprocess.run(
        [stance, "train", str(labels), "--out", str(out), *extra],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return held.reset_index(drop=True), out


def accuracy(held: pd.DataFrame, model_dir: Path) -> dict[str, dict[str, float]]:
    from profanity_check import predict_prob
    from sklearn.metrics import f1_score, roc_auc_score

    from stance.score.scorer import load_scorer

    y = (held["tone"] != "civil").to_numpy()  # OFF
    scored = load_scorer(model_dir).score(held["text"].tolist())
    ours_p = (scored["tone_p_uncivil"] + scored["tone_p_abusive"]).to_numpy()
    ours_pred = (scored["tone"] != "civil").to_numpy()
    peer_p = predict_prob(held["text"].tolist())
    return {
        "stance (tone head)": {
            "macro_f1": f1_score(y, ours_pred, average="macro"),
            "roc_auc": roc_auc_score(y, ours_p),
        },
        "alt-profanity-check": {
            "macro_f1": f1_score(y, peer_p >= 0.5, average="macro"),
            "roc_auc": roc_auc_score(y, peer_p),
        },
    }


def in_process(texts: list[str], model_dir: Path, runs: int) -> dict[str, float]:
    """Comments/s inside one process on one core, same texts, medians over runs:
    scikit-learn's own pipelines (what other tools get from model.joblib), our compiled
    pipelines (the same probabilities to 1e-6) with and without the action and reasons,
    and the peer's predict_prob."""
    from profanity_check import predict_prob

    from stance.fast.batch import TextBatch
    from stance.persist import load_model
    from stance.score.scorer import load_scorer

    scorer = load_scorer(model_dir)
    model = load_model(model_dir)
    pipes = [model.pipeline_for(h) for h in scorer.heads]
    fast = [scorer.model.pipeline_for(h) for h in scorer.heads]
    scorer.score(texts[:100])

    def sklearn_heads() -> None:
        for p in pipes:
            p.predict_proba(texts)

    def fast_heads() -> None:
        batch = TextBatch(texts)
        for f in fast:
            f.score(batch)

    cases = {
        "scikit-learn pipelines (2 heads)": sklearn_heads,
        "compiled pipelines, numba kernels (2 heads)": fast_heads,
        "Scorer.score (2 heads + action + reasons)": lambda: scorer.score(texts),
        "alt-profanity-check predict_prob": lambda: predict_prob(texts),
    }
    out = {}
    for name, fn in cases.items():
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        out[name] = len(texts) / statistics.median(times)
    return out


def write_parts(frame: pd.DataFrame, folder: Path, parts: int) -> Path:
    """The frame as `parts` Parquet files of about equal size in `folder`."""
    folder.mkdir(parents=True)
    for i, part in enumerate(np.array_split(np.arange(len(frame)), parts)):
        frame.iloc[part].to_parquet(folder / f"part-{i:03d}.parquet", index=False)
    return folder


def engine_commands(model_dir: Path, work: Path, jobs: int) -> dict[str, Any]:
    """Per engine, a function of an input folder giving (command, its output path)."""
    stance = str(Path(sys.executable).parent / "stance")

    def local(src: Path) -> tuple[list[str], Path]:
        out = work / "scored.parquet"
        return [
            stance,
            "score",
            str(model_dir),
            str(src),
            "--out",
            str(out),
            "--jobs",
            str(jobs),
        ], out

    def dask(n: int) -> Any:
        def cmd(src: Path) -> tuple[list[str], Path]:
            out = work / f"scored-dask{n}"
            base = [stance, "score", str(model_dir), str(src), "--out", str(out)]
            return [*base, "--engine", "dask", "--workers", str(n)], out

        return cmd

    return {
        f"local engine (--jobs {jobs})": local,
        "dask, --workers 1": dask(1),
        "dask, --workers 2": dask(2),
    }


def timed(make: Any, src: Path) -> float:
    """Wall seconds of one command, its earlier output removed first (not timed)."""
    cmd, out = make(src)
    if out.is_dir():
        shutil.rmtree(out)
    out.unlink(missing_ok=True)
    return measure(cmd)["wall_s"]


def dask_bench(args: argparse.Namespace, data: Path) -> dict[str, Any]:
    """Comments/s and start-up seconds of the local engine and dask with 1 and 2 workers."""
    with tempfile.TemporaryDirectory(prefix="stance-bench-") as tmp:
        work = Path(tmp)
        frame, distinct = corpus(data, args.rows)
        parts = write_parts(frame, work / "parts", args.parts)
        tiny = write_parts(frame.head(2), work / "tiny", 1)
        _, model_dir = build_model(
            data, work / "model", Path(args.model) if args.model else None, args.train_config
        )
        engines = engine_commands(model_dir, work, args.jobs)
        for make in engines.values():  # warm-up: numba's compiled-kernel cache, page cache
            timed(make, tiny)
        full: dict[str, list[float]] = {k: [] for k in engines}
        start: dict[str, list[float]] = {k: [] for k in engines}
        for _ in range(args.runs):
            for name, make in engines.items():
                full[name].append(timed(make, parts))
            for name, make in engines.items():
                start[name].append(timed(make, tiny))
        scored = {
            name: len(pd.read_parquet(make(parts)[1], columns=["id"]))
            for name, make in engines.items()
        }
    return {
        "rows": args.rows,
        "parts": args.parts,
        "distinct_texts": distinct,
        "seconds": full,
        "startup_seconds": start,
        "output_rows_checked": scored,
        "engines": {
            name: {
                "per_s": args.rows / statistics.median(full[name]),
                "per_s_min": args.rows / max(full[name]),
                "per_s_max": args.rows / min(full[name]),
                "startup_s": statistics.median(start[name]),
                "per_s_after_startup": args.rows
                / (statistics.median(full[name]) - statistics.median(start[name])),
            }
            for name in engines
        },
    }


def print_dask(result: dict[str, Any]) -> None:
    print(f"{result['command']}  ({result['date']}; {result['machine']})")
    print(
        f"{result['rows']:,} comments ({result['distinct_texts']:,} distinct texts) in "
        f"{result['parts']} Parquet files, {len(next(iter(result['seconds'].values())))} runs"
    )
    print(
        "| | comments/s (median) | slowest-fastest run | start-up (2 rows, s) "
        "| comments/s after start-up |"
    )
    print("|---|---|---|---|---|")
    for name, e in result["engines"].items():
        print(
            f"| {name} | {e['per_s']:,.0f} | {e['per_s_min']:,.0f}-{e['per_s_max']:,.0f} "
            f"| {e['startup_s']:.2f} | {e['per_s_after_startup']:,.0f} |"
        )
    one, two = result["engines"]["dask, --workers 1"], result["engines"]["dask, --workers 2"]
    print(f"start-up of the second dask worker: {two['startup_s'] - one['startup_s']:+.2f} s")
    gain = two["per_s_after_startup"] / one["per_s_after_startup"]
    print(f"dask 1 -> 2 workers, after start-up: {gain:.2f}x")
    for name, secs in result["seconds"].items():
        runs = ", ".join(f"{result['rows'] / s:,.0f}" for s in secs)
        starts = ", ".join(f"{s:.2f}" for s in result["startup_seconds"][name])
        print(f"  {name}: runs {runs}/s; start-up {starts} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument(
        "--sizes", default="20000,200000,2000000", help="rows per size, comma-separated"
    )
    ap.add_argument("--memory-runs", type=int, default=1, help="PSS-sampled runs per size")
    ap.add_argument("--model", help="a model trained on the benchmark's file (skips training)")
    ap.add_argument(
        "--train-config",
        help="train the model with this --config (benchmarks/data/word-only.toml: no char "
        "n-grams, the faster profile)",
    )
    ap.add_argument(
        "--inproc", type=int, default=20_000, help="texts for the in-process comparison (0: skip)"
    )
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--engine",
        choices=["peer", "dask"],
        default="peer",
        help="peer: ours beside alt-profanity-check; dask: local vs dask engines",
    )
    ap.add_argument("--parts", type=int, default=8, help="--engine dask: Parquet files")
    args = ap.parse_args()
    data = Path(args.data)
    bench, show = (dask_bench, print_dask) if args.engine == "dask" else (peer_bench, print_peer)
    result = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "command": " ".join(["python", "benchmarks/throughput.py", *sys.argv[1:]]),
        **bench(args, data),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        show(result)


def peer_bench(args: argparse.Namespace, data: Path) -> dict[str, Any]:
    """Start-up and, per size, throughput and memory of ours beside the peer."""
    sizes = [int(n) for n in args.sizes.split(",")]
    stance = str(Path(sys.executable).parent / "stance")
    with tempfile.TemporaryDirectory(prefix="stance-bench-") as tmp:
        work = Path(tmp)
        frame, distinct = corpus(data, max(sizes))
        given = Path(args.model) if args.model else None
        held, model_dir = build_model(data, work / "model", given, args.train_config)

        def ours(src: Path, env: Any = ENV) -> Any:
            out = str(work / "scored.csv")
            cmd = [
                stance,
                "score",
                str(model_dir),
                str(src),
                "--out",
                out,
                "--jobs",
                str(args.jobs),
            ]
            return lambda: (cmd, env() if callable(env) else env)

        def peer(src: Path) -> Any:
            return lambda: ([sys.executable, "-c", PEER, str(src), str(work / "peer.csv")], ENV)

        def cold() -> dict[str, str]:  # a fresh, empty scorer cache
            return {**ENV, "STANCE_CACHE": tempfile.mkdtemp(dir=work)}

        two = work / "two.csv"
        frame.head(2).to_csv(two, index=False)
        cmd, env = ours(two)()
        measure(cmd, env=env)  # fills the scorer cache (as `stance train` does)
        starts = alternate(
            {"ours warm": ours(two), "ours cold": ours(two, cold), "peer": peer(two)}, args.runs
        )
        per_size = {}
        for n in sizes:
            src = work / f"comments-{n}.csv"
            frame.head(n).to_csv(src, index=False)
            cmds = {"ours": ours(src), "peer": peer(src)}
            if n == sizes[0]:  # warm-up, not timed: numba's cache of the kernels, page cache
                alternate(cmds, 1)
            timed = alternate(cmds, args.runs)
            mem = alternate(cmds, args.memory_runs, memory=True) if args.memory_runs else None
            ratios = [
                p["wall_s"] / o["wall_s"] for o, p in zip(timed["ours"], timed["peer"], strict=True)
            ]
            per_size[n] = {
                "runs": timed,
                "ratios": ratios,
                "ratio_median": statistics.median(ratios),
                "ratio_min": min(ratios),
                **{k: summary(v, n) for k, v in timed.items()},
                "pss_mb": {k: max(r["pss_mb"] for r in v) for k, v in mem.items()} if mem else None,
            }
            src.unlink()
        acc = accuracy(held, model_dir)
        texts = frame["text"].tolist()[: args.inproc]
        inproc = in_process(texts, model_dir, args.runs) if args.inproc else None
    return {
        "sizes": sizes,
        "distinct_texts": distinct,
        "runs": args.runs,
        "startup": {k: summary(v) for k, v in starts.items()},
        "startup_runs": starts,
        "per_size": per_size,
        "accuracy_olid_heldout": acc,
        "olid_heldout_rows": len(held),
        "in_process": inproc,
    }


def print_peer(result: dict[str, Any]) -> None:
    print(f"{result['command']}  ({result['date']}; {result['machine']})")
    loads = [r["load1"] for v in result["startup_runs"].values() for r in v]
    loads += [
        r["load1"] for s in result["per_size"].values() for v in s["runs"].values() for r in v
    ]
    print(
        f"load average (1 min) before each run: {min(loads):.2f}-{max(loads):.2f}, "
        f"median {statistics.median(loads):.2f}; {result['runs']} runs each, alternating"
    )
    print("| start-up, 2 rows | median s | fastest-slowest | CPU s |")
    print("|---|---|---|---|")
    for name, s in result["startup"].items():
        print(
            f"| {name} | {s['wall_s']:.2f} | {s['wall_min_s']:.2f}-{s['wall_max_s']:.2f} "
            f"| {s['cpu_s']:.2f} |"
        )
    print(
        "| rows | ours /s (slowest-fastest) | peer /s (slowest-fastest) | ratio median (lowest) "
        "| CPU s ours / peer | tree PSS MB ours / peer |"
    )
    print("|---|---|---|---|---|---|")
    for n, s in result["per_size"].items():
        o, p, pss = s["ours"], s["peer"], s["pss_mb"]
        pss_text = f"{pss['ours']:.0f} / {pss['peer']:.0f}" if pss else "-"
        print(
            f"| {int(n):,} | {o['per_s']:,.0f} ({o['per_s_min']:,.0f}-{o['per_s_max']:,.0f}) "
            f"| {p['per_s']:,.0f} ({p['per_s_min']:,.0f}-{p['per_s_max']:,.0f}) "
            f"| {s['ratio_median']:.2f} ({s['ratio_min']:.2f}) "
            f"| {o['cpu_s']:.1f} / {p['cpu_s']:.1f} "
            f"| {pss_text} |"
        )
        print("  per-run ratios: " + ", ".join(f"{r:.2f}" for r in s["ratios"]))
    for key, a in result["accuracy_olid_heldout"].items():
        print(
            f"OLID held-out ({result['olid_heldout_rows']:,} rows) {key}: "
            f"macro-F1 {a['macro_f1']:.3f}, ROC AUC {a['roc_auc']:.3f}"
        )
    if result["in_process"]:
        print("in one process, one core (medians):")
        for name, per_s in result["in_process"].items():
            print(f"  {name}: {per_s:,.0f}/s")


if __name__ == "__main__":
    main()
