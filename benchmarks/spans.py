"""Tone spans (`stance score --spans`) against the rater spans of TOXICSPANS.

Data: ../shared/data/civil-comments-toxic-spans (Pavlopoulos et al. 2022; comments from
Civil Comments, CC0): comments.csv (comment_id, comment_text), annotations.csv (one row
per rater and comment: annotation, comment_id, worker, ...), spans.csv (the characters
each annotation highlighted: annotation, type, start, end).

Gold: the character offsets highlighted by at least half of the comment's raters (a
rater who ticked "all toxic" or "not toxic" instead of highlighting marks nothing).
Metric: SemEval-2021 Task 5: per comment, the F1 of the predicted against the gold
character offsets (an empty gold and an empty prediction score 1, empty against
non-empty 0), averaged over comments.

Protocol: 5-fold cross-validation over the comments (folds by text, so duplicates stay
together; seed 0). For each fold, a tone model (`stance.features.build_pipeline()`,
the project's default features, C = 1) is trained on the other folds' comments as
toxic rows (`abusive` when raters agreed on a span, else `uncivil`) plus civil rows
from permissive corpora (labels/tone-foxnews.csv and labels/tone-davidson.csv, their
`civil` rows, subsampled to --civil rows), and predicts spans on the held-out fold with
`stance.score.explanation.tone_words` / `spans_from_words` (a word joins a span when its
push is at least the threshold and at least SPAN_RELATIVE x the comment's strongest push,
as `--spans` does). The span threshold is chosen by nested
cross-validation inside the training folds (a model trained on 3 of 4 inner folds
predicts the 4th; the threshold with the best mean F1 there), never on the outer test
fold. Both ways of weighing the non-civil labels (`mixture`, the
default, and `top`) are measured with the same models.

Comment-level gates and span rules tried with the same models (not what `--spans` does;
each rule's parameters chosen by the same nested CV, on the inner held-out fold): every
word at least the threshold ("threshold only", what `--spans` did before SPAN_RELATIVE);
spans only when the tone model's p(abusive) is at least g ("gate p(abusive)"; the benchmark's
`abusive` is "raters agreed on a span"), or when p(abusive) / (p(uncivil) + p(abusive))
is ("gate abusive share"); words whose push is at least the threshold and at least x
times the comment's strongest word's push ("within x of the strongest"). A ceiling: the
word threshold by nested CV, spans only where the gold has some ("oracle gate").

Anchors computed in the same folds: "no span" (predict nothing) and "lexicon from
training spans" (a word, lowercased, is toxic when at least half of its occurrences in
the training folds lie in gold spans; predict those words' characters).
Published: best SemEval-2021 system 70.8 (on the SemEval split, not these folds).

Runtime: 2 trainings per fold, 2 folds side by side (--jobs 2).

Usage: python benchmarks/spans.py [DATA_DIR] [--folds 5] [--civil 6000] [--jobs 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = np.round(np.arange(0.0, 2.01, 0.05), 2)
WORD = re.compile(r"(?u)[#@]?\b\w+\b")


def load(data: Path) -> pd.DataFrame:
    """One row per comment: comment_id, text, raters, gold (sorted character offsets)."""
    folder = data / "civil-comments-toxic-spans"
    comments = pd.read_csv(
        folder / "comments.csv", dtype={"comment_text": str}, keep_default_na=False
    )
    ann = pd.read_csv(folder / "annotations.csv")
    spans = pd.read_csv(folder / "spans.csv")
    raters = ann.groupby("comment_id").size()
    spans = spans.merge(ann[["annotation", "comment_id"]], on="annotation")
    marked: dict[int, dict[int, set[int]]] = {}  # comment -> annotation -> offsets
    for c, a, s, e in spans[["comment_id", "annotation", "start", "end"]].itertuples(index=False):
        marked.setdefault(int(c), {}).setdefault(int(a), set()).update(range(int(s), int(e)))
    rows = []
    for cid, text in comments[["comment_id", "comment_text"]].itertuples(index=False):
        n = int(raters.get(cid, 0))
        if n == 0:
            continue
        votes: dict[int, int] = {}
        for offsets in marked.get(int(cid), {}).values():
            for o in offsets:
                votes[o] = votes.get(o, 0) + 1
        gold = sorted(o for o, v in votes.items() if 2 * v >= n and o < len(text))
        rows.append((int(cid), text, n, gold))
    return pd.DataFrame(rows, columns=["comment_id", "text", "raters", "gold"])


def f1(pred: set[int], gold: set[int]) -> float:
    """SemEval-2021 Task 5 F1 of one comment."""
    if not gold:
        return 1.0 if not pred else 0.0
    if not pred:
        return 0.0
    both = len(pred & gold)
    if both == 0:
        return 0.0
    p, r = both / len(pred), both / len(gold)
    return 2 * p * r / (p + r)


def chars(spans: list[tuple[int, int]]) -> set[int]:
    return {o for a, b in spans for o in range(a, b)}


def civil_rows(n: int, seed: int = 0) -> list[str]:
    """Civil comments from the project's permissive tone corpora, subsampled to n."""
    texts: list[str] = []
    for name in ("tone-foxnews.csv", "tone-davidson.csv"):
        df = pd.read_csv(ROOT / "labels" / name, dtype=str, keep_default_na=False)
        texts += df.loc[df["tone"] == "civil", "text"].tolist()
    rng = np.random.default_rng(seed)
    if len(texts) > n:
        texts = [texts[i] for i in sorted(rng.choice(len(texts), n, replace=False))]
    return texts


def fit_tone(toxic: pd.DataFrame, civil: list[str]):
    """A one-head (tone) model on the toxic comments and the civil rows."""
    from stance.features import build_pipeline
    from stance.model import StanceModel
    from stance.score.scorer import ScoringModel

    texts = toxic["text"].tolist() + civil
    labels = ["abusive" if g else "uncivil" for g in toxic["gold"]] + ["civil"] * len(civil)
    pipe = build_pipeline().fit(texts, np.array(labels))
    meta = {
        "labels": {"tone": ["civil", "uncivil", "abusive"]},
        "default_target": "",
        "heads": {"tone": ["*"]},
    }
    return ScoringModel(StanceModel({"tone": {"*": pipe}}, meta))


def pushes(model, texts: list[str], mode: str) -> list[tuple[np.ndarray, ...]]:
    from stance.score.explanation import tone_words

    return tone_words(model, texts, mode=mode)


def scores_at(
    words: list[tuple[np.ndarray, ...]], gold: list[set[int]], thresholds: np.ndarray
) -> np.ndarray:
    """Mean F1 over the comments at each threshold."""
    from stance.score.words import spans_from_words

    out = np.zeros(len(thresholds))
    for tw, g in zip(words, gold, strict=True):
        for j, t in enumerate(thresholds):
            out[j] += f1(chars(spans_from_words(*tw, float(t))), g)
    return out / max(len(gold), 1)


GATES = np.round(np.arange(0.0, 1.0001, 0.025), 3)
RELATIVE = np.round(np.arange(0.0, 1.0001, 0.05), 2)
RULES = (
    "threshold only",
    "gate p(abusive)",
    "gate abusive share",
    "within x of the strongest",
    "oracle gate",
)


class WordTable:
    """One comment's words for the F1 of many word selections at once: each word's
    length and gold characters, the gap before it (filled when it and the word before
    are both selected and nothing but spaces and punctuation lies between, as
    `spans_from_words` merges them) and the gap's gold characters."""

    def __init__(self, tw: tuple[np.ndarray, ...], gold: set[int]) -> None:
        start, end, self.push, split = (np.asarray(a) for a in tw)
        size = max([int(end.max()) if len(end) else 0, *(o + 1 for o in gold)]) + 1
        marked = np.zeros(size, dtype=bool)
        marked[list(gold)] = True
        upto = np.r_[0, np.cumsum(marked)]
        self.length = (end - start).astype(float)
        self.gold = (upto[end] - upto[start]).astype(float)
        a, b = end[:-1], np.maximum(start[1:], end[:-1])
        self.gap = (b - a).astype(float)
        self.gap_gold = (upto[b] - upto[a]).astype(float)
        self.join = ~np.asarray(split[1:], dtype=bool)
        self.size = float(len(gold))

    def f1(self, chosen: np.ndarray) -> np.ndarray:
        """The SemEval F1 of each row of `chosen` (selections, words x bool)."""
        if not self.size:
            return (~chosen.any(axis=1)).astype(float)
        pair = (chosen[:, 1:] & chosen[:, :-1] & self.join).astype(float)
        pred = chosen @ self.length + pair @ self.gap
        hit = chosen @ self.gold + pair @ self.gap_gold
        return 2 * hit / (pred + self.size)


def rule_grids(tables: list[WordTable]) -> tuple[np.ndarray, np.ndarray]:
    """Per comment, the F1 at each threshold (comments x THRESHOLDS) and with words
    also at least x times the strongest (comments x THRESHOLDS x RELATIVE)."""
    flat = np.zeros((len(tables), len(THRESHOLDS)))
    rel = np.zeros((len(tables), len(THRESHOLDS), len(RELATIVE)))
    for i, tab in enumerate(tables):
        above = tab.push[None, :] >= THRESHOLDS[:, None]
        flat[i] = tab.f1(above)
        top = tab.push.max() if len(tab.push) else 0.0
        for j, x in enumerate(RELATIVE):
            rel[i, :, j] = tab.f1(above & (tab.push >= x * top)[None, :])
    return flat, rel


def gated(flat: np.ndarray, empty: np.ndarray, passed: np.ndarray) -> np.ndarray:
    """Mean F1 (THRESHOLDS x gates) when a comment gets spans only where `passed`
    (comments x gates) holds and none elsewhere (F1 1 on an empty gold, else 0)."""
    return (passed.T.astype(float) @ (flat - empty[:, None])).T / len(empty) + empty.mean()


def rule_scores(tables: list[WordTable], proba: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each rule's mean F1 over its parameter grid (see RULES)."""
    empty = np.array([0.0 if t.size else 1.0 for t in tables])
    flat, rel = rule_grids(tables)
    share = proba["abusive"] / np.maximum(proba["abusive"] + proba["uncivil"], 1e-300)
    return {
        "threshold only": flat.mean(axis=0),
        "gate p(abusive)": gated(flat, empty, proba["abusive"][:, None] >= GATES),
        "gate abusive share": gated(flat, empty, share[:, None] >= GATES),
        "within x of the strongest": rel.mean(axis=0),
        "oracle gate": gated(flat, empty, (empty == 0)[:, None]),
    }


def rule_params(rule: str, at: tuple[int, ...]) -> dict[str, float]:
    """The parameters behind a grid cell of `rule_scores`."""
    out = {"threshold": float(THRESHOLDS[at[0]])}
    if rule.startswith("gate"):
        out["gate"] = float(GATES[at[1]])
    elif rule.startswith("within"):
        out["x"] = float(RELATIVE[at[1]])
    return out


def tone_proba(model, texts: list[str]) -> dict[str, np.ndarray]:
    """The tone model's probability of each label, per text."""
    from stance.score.scorer import char_batches

    cp = model.pipeline_for("tone")
    parts = [cp.score(texts[s])[0] for s in char_batches(texts)]
    proba = np.vstack(parts) if parts else np.zeros((0, len(cp.classes)))
    return {c: proba[:, j] for j, c in enumerate(cp.classes)}


def lexicon(train: pd.DataFrame) -> set[str]:
    """Words (lowercased) at least half of whose training occurrences lie in gold."""
    seen: dict[str, list[int]] = {}
    for text, gold in zip(train["text"], train["gold"], strict=True):
        g = set(gold)
        for m in WORD.finditer(text):
            c = seen.setdefault(m.group().lower(), [0, 0])
            c[0] += 1
            c[1] += any(o in g for o in range(m.start(), m.end()))
    return {w for w, (n, k) in seen.items() if 2 * k >= n}


def lexicon_pred(words: set[str], text: str) -> set[int]:
    return {
        o
        for m in WORD.finditer(text)
        if m.group().lower() in words
        for o in range(m.start(), m.end())
    }


def folds_of(df: pd.DataFrame, k: int, seed: int) -> np.ndarray:
    """Fold of each comment; comments with the same text share a fold."""
    keys = pd.factorize(df["text"])[0]
    order = np.random.default_rng(seed).permutation(keys.max() + 1)
    return order[keys] % k


MODES = ("mixture", "top")
_STATE: dict[str, object] = {}


def run_fold(f: int) -> dict[str, object]:
    """One outer fold: the anchors, the threshold by nested CV, the held-out scores."""
    df: pd.DataFrame = _STATE["df"]  # type: ignore[assignment]
    civil: list[str] = _STATE["civil"]  # type: ignore[assignment]
    fold: np.ndarray = _STATE["fold"]  # type: ignore[assignment]
    seed: int = _STATE["seed"]  # type: ignore[assignment]
    t0 = time.time()
    train, test = df[fold != f], df[fold == f]
    test_gold = [set(g) for g in test["gold"]]
    out: dict[str, object] = {"fold": f}
    out["no span"] = float(np.mean([f1(set(), g) for g in test_gold]))
    lex = lexicon(train)
    out["lexicon from training spans"] = float(
        np.mean([f1(lexicon_pred(lex, t), g) for t, g in zip(test["text"], test_gold, strict=True)])
    )
    # the threshold, by nested CV: a model on 3 of 4 inner folds of the training
    # comments predicts the 4th; the threshold with the best mean F1 there
    inner = folds_of(train, 4, seed + 1 + f)
    fit, held = train[inner != 0], train[inner == 0]
    model = fit_tone(fit, civil)
    held_gold = [set(g) for g in held["gold"]]
    chosen = {}
    held_words = {m: pushes(model, held["text"].tolist(), m) for m in MODES}
    for m in MODES:
        curve = scores_at(held_words[m], held_gold, THRESHOLDS)
        chosen[m] = float(THRESHOLDS[int(np.argmax(curve))])
    # the rules tried, by the same nested CV: the grid cell best on the held-out fold
    grids = rule_scores(
        [WordTable(w, g) for w, g in zip(held_words["mixture"], held_gold, strict=True)],
        tone_proba(model, held["text"].tolist()),
    )
    cells = {r: np.unravel_index(int(np.argmax(v)), v.shape) for r, v in grids.items()}
    model = fit_tone(train, civil)
    test_words = {m: pushes(model, test["text"].tolist(), m) for m in MODES}
    for m in MODES:
        out[m] = float(scores_at(test_words[m], test_gold, np.array([chosen[m]]))[0])
    grids = rule_scores(
        [WordTable(w, g) for w, g in zip(test_words["mixture"], test_gold, strict=True)],
        tone_proba(model, test["text"].tolist()),
    )
    for r, cell in cells.items():
        out[r] = float(grids[r][cell])
    out["thresholds"] = chosen
    out["rules"] = {r: rule_params(r, cell) for r, cell in cells.items()}
    out["seconds"] = round(time.time() - t0)
    return out


def gain(folds: list[dict[str, object]], rule: str) -> dict[str, object]:
    """A rule's F1 minus the default's, fold by fold (same folds, same models): the
    mean, its sd over folds and the folds' values."""
    d = [100 * (float(r[rule]) - float(r["mixture"])) for r in folds]  # type: ignore[arg-type]
    return {
        "mean": round(statistics.mean(d), 2),
        "sd": round(statistics.pstdev(d), 2),
        "folds": [round(x, 2) for x in d],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument(
        "--civil",
        type=int,
        default=6000,
        help="civil rows added to each training set (subsampled if more)",
    )
    ap.add_argument("--jobs", type=int, default=2, help="folds run side by side")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    t0 = time.time()
    df = load(Path(args.data))
    civil = civil_rows(args.civil, args.seed)
    _STATE.update(df=df, civil=civil, fold=folds_of(df, args.folds, args.seed), seed=args.seed)
    if args.jobs > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(args.jobs) as pool:
            folds = []
            for r in pool.imap_unordered(run_fold, range(args.folds)):
                folds.append(r)
                print(f"fold {r['fold'] + 1} done ({r['seconds']} s)", file=sys.stderr)
    else:
        folds = [run_fold(f) for f in range(args.folds)]
    folds.sort(key=lambda r: r["fold"])  # type: ignore[arg-type, return-value]
    keys = ("no span", "lexicon from training spans", *MODES, *RULES)
    summary = {}
    for k in keys:
        v = [100 * float(r[k]) for r in folds]  # type: ignore[arg-type]
        summary[k] = {
            "mean": statistics.mean(v),
            "sd": statistics.pstdev(v),
            "min": min(v),
            "max": max(v),
            "folds": [round(x, 1) for x in v],
        }
    out = {
        "comments": len(df),
        "empty_gold": float(np.mean([not g for g in df["gold"]])),
        "folds": args.folds,
        "civil_rows": len(civil),
        "scores": summary,
        "thresholds": {m: [r["thresholds"][m] for r in folds] for m in MODES},  # type: ignore[index]
        "rules": {k: [r["rules"][k] for r in folds] for k in RULES},  # type: ignore[index]
        "gain": {k: gain(folds, k) for k in RULES[:-1]},
        "seconds": round(time.time() - t0),
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(
        f"TOXICSPANS: {len(df)} comments ({100 * out['empty_gold']:.1f}% with no gold span),"
        f" {args.folds}-fold CV; each training set + {len(civil)} civil rows"
    )
    print(f"{'predictor':34s} {'mean F1':>7s} {'sd':>5s} {'min':>6s} {'max':>6s}  per fold")
    names = {"mixture": "stance spans (mixture, default)", "top": "stance spans (top label)"}
    names.update({r: f"tried: {r}" for r in RULES[:-1]})
    names["threshold only"] = "before: threshold only"
    names["oracle gate"] = "ceiling: oracle gate"
    for k, s in summary.items():
        print(
            f"{names.get(k, k):34s} {s['mean']:7.1f} {s['sd']:5.1f} {s['min']:6.1f} "
            f"{s['max']:6.1f}  {s['folds']}"
        )
    print(f"span thresholds chosen by nested CV per fold: {out['thresholds']}")
    for r in RULES[:-1]:
        print(f"{r}: chosen per fold {out['rules'][r]}; gain over the default {out['gain'][r]}")
    print("published: best SemEval-2021 system 70.8 (SemEval's own split)")
    print(f"{out['seconds']} s")


if __name__ == "__main__":
    main()
