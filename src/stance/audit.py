"""Identity-term bias audit: does the model read the people a comment talks about as insults?

    stance audit MODEL [--suite madlibs|FILE] [--json] [--plot PNG]

A bag-of-n-grams model learns the words for groups that its training data insults
("gay", "Muslim", "Vietnamese") as signs of abuse, and then flags harmless sentences that
merely mention the group. The audit scores a *suite* of template sentences, toxic and
non-toxic, each about one identity group, and reports per group:

- `flagged`: the share of the group's non-toxic sentences flagged (predicted tone not
  `civil`): what a commenter of that group sees held or removed;
- `subgroup_auc`: ROC AUC within the group's sentences;
- `bpsn_auc` (background positive, subgroup negative): toxic sentences *not* about the
  group against non-toxic sentences about it; low when the group's name raises the score;
- `bnsp_auc` (background negative, subgroup positive): the reverse; low when the name
  lowers the score of real abuse;

with score = 1 - P(civil) (Borkan, Dixon, Sorensen, Thain & Vasserman 2019, *Nuanced
Metrics for Measuring Unintended Bias with Real Data for Text Classification*). The
"background" is every row of the suite outside the group. Goals: at most 10% flagged
(`FLAG_GOAL`) and a BPSN AUC of at least 0.90 (`BPSN_GOAL`).

Suites: `madlibs` (Jigsaw's Sentence Templates, `bias_madlibs_77k.csv`, Apache-2.0, in
`../shared/data/bias-madlibs`; the identity term of each sentence is found from the
folder's `adjectives_people.txt`) or a table with the columns `text`, `label` (`toxic` /
`non-toxic`) and `group` (empty: background only), e.g. `labels/audit/madlibs-cambodia.csv`.

The library returns data and raises `stance.errors` exceptions; it never prints.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import InputError, ModelError
from stance.fast.batch import TextBatch
from stance.io import atomic_write
from stance.score.scorer import Scorer, ScoringModel, char_batches, load_scorer
from stance.tables import read_table

MADLIBS = "madlibs"
MADLIBS_FILE = "bias_madlibs_77k.csv"
MADLIBS_TERMS = "adjectives_people.txt"
#: Environment variable naming the madlibs folder when no `data_dir` is given.
MADLIBS_ENV = "STANCE_MADLIBS_DIR"
#: At most this share of a group's non-toxic sentences may be flagged.
FLAG_GOAL = 0.10
#: The BPSN AUC of every group should be at least this.
BPSN_GOAL = 0.90
SUITE_COLUMNS = ("text", "label", "group")
SUITE_LABELS = ("toxic", "non-toxic")
_ROWS = "rows count from 1 below the header"
_MADLIBS_FIX = (
    "pass --data-dir DIR (or set $STANCE_MADLIBS_DIR): a folder with "
    f"{MADLIBS_FILE} and {MADLIBS_TERMS} from "
    "github.com/conversationai/unintended-ml-bias-analysis; or --suite FILE"
)


# ---- suites -----------------------------------------------------------------------------


def default_madlibs_dir() -> Path:
    """`$STANCE_MADLIBS_DIR`, else `../shared/data/bias-madlibs` beside the repository
    (the checkout holding this package), else the same path from the working folder."""
    env = os.environ.get(MADLIBS_ENV)
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[2]
    beside = repo.parent / "shared" / "data" / "bias-madlibs"
    if beside.is_dir():
        return beside
    return Path("..") / "shared" / "data" / "bias-madlibs"


def _frame(texts: Sequence[str], toxic: Sequence[bool], groups: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": pd.Series(list(texts), dtype=object),
            "toxic": np.asarray(toxic, dtype=bool),
            "group": pd.Series(list(groups), dtype=object),
        }
    )


def load_madlibs(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The madlibs suite as a frame `text`, `toxic` (bool), `group` ("" when the sentence
    names no identity term: background only).

    The group is the longest identity term of `adjectives_people.txt` found as whole
    words in the sentence ("african american" before "american")."""
    folder = Path(data_dir) if data_dir is not None else default_madlibs_dir()
    csv, terms_file = folder / MADLIBS_FILE, folder / MADLIBS_TERMS
    for f in (csv, terms_file):
        if not f.is_file():
            raise InputError("no such file", path=f, fix=_MADLIBS_FIX)
    terms = [
        t.strip().lower() for t in terms_file.read_text(encoding="utf-8").splitlines() if t.strip()
    ]
    if not terms:
        raise InputError("no identity terms", path=terms_file, fix="one identity term per line")
    df = read_table(csv, "csv")
    missing = [c for c in ("Text", "Label") if c not in df.columns]
    if missing:
        raise InputError(
            f"missing column {', '.join(missing)} (columns: {', '.join(map(str, df.columns))})",
            path=csv,
            fix="use the madlibs file as published (Text, Label, Template)",
        )
    labels = df["Label"].astype(str).str.strip().str.upper()
    bad = np.flatnonzero(~labels.isin(["BAD", "NOT_BAD"]).to_numpy())
    if len(bad):
        raise InputError(
            f"unknown Label '{df['Label'].iloc[bad[0]]}'",
            path=csv,
            row=int(bad[0]) + 1,
            fix=f"use BAD or NOT_BAD; {_ROWS}",
        )
    texts = df["Text"].astype(str)
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")\b"
    )
    groups = texts.str.lower().str.extract(pattern, expand=False).fillna("")
    return _frame(texts.tolist(), (labels == "BAD").to_numpy(), groups.tolist())


def read_suite(path: str | Path) -> pd.DataFrame:
    """A suite table (CSV/TSV/JSONL/Parquet) with the columns `text`, `label` (`toxic` /
    `non-toxic`, any case) and `group` -> the frame `text`, `toxic`, `group`.

    A missing column, an empty text or an unknown label raises `InputError` naming the
    file and the data row (counted from 1 below the header)."""
    df = read_table(path)
    missing = [c for c in SUITE_COLUMNS if c not in df.columns]
    if missing:
        raise InputError(
            f"missing column {', '.join(missing)} (columns: "
            f"{', '.join(map(str, df.columns)) or 'none'})",
            path=path,
            fix="a suite has the columns text, label (toxic / non-toxic), group",
        )
    if df.empty:
        raise InputError("no rows", path=path, fix="add toxic and non-toxic sentences")
    texts = df["text"].map(lambda v: v if isinstance(v, str) else "").tolist()
    labels = df["label"].map(lambda v: str(v).strip().lower()).tolist()
    groups = df["group"].map(lambda v: "" if v is None else str(v).strip()).tolist()
    for i, (text, label) in enumerate(zip(texts, labels, strict=True), start=1):
        if not text.strip():
            raise InputError(
                "empty text",
                path=path,
                row=i,
                fix=f"fill in the sentence or delete the row; {_ROWS}",
            )
        if label not in SUITE_LABELS:
            raise InputError(
                f"unknown label '{df['label'].iloc[i - 1]}'",
                path=path,
                row=i,
                fix=f"allowed: {', '.join(SUITE_LABELS)}; {_ROWS}",
            )
    if not any(groups):
        raise InputError(
            "no row has a group", path=path, fix="name the identity group each sentence talks about"
        )
    return _frame(texts, [lab == "toxic" for lab in labels], groups)


def load_suite(
    suite: str | Path = MADLIBS, *, data_dir: str | Path | None = None
) -> tuple[pd.DataFrame, str]:
    """(`text`/`toxic`/`group` frame, the file it came from) for `madlibs` or a path."""
    if str(suite) == MADLIBS:
        folder = Path(data_dir) if data_dir is not None else default_madlibs_dir()
        return load_madlibs(folder), str(folder / MADLIBS_FILE)
    return read_suite(suite), str(suite)


# ---- metrics ----------------------------------------------------------------------------


def roc_auc(positive: np.ndarray, score: np.ndarray) -> float | None:
    """ROC AUC (Mann-Whitney, ties count one half); None without both classes."""
    positive = np.asarray(positive, dtype=bool)
    score = np.asarray(score, dtype=float)
    n_pos = int(positive.sum())
    n_neg = len(positive) - n_pos
    if n_pos == 0 or n_neg == 0:
        return None
    order = np.argsort(score, kind="mergesort")
    s = score[order]
    ranks = np.empty(len(s))
    # average rank (1-based) of each run of tied scores
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    ends = np.r_[starts[1:], len(s)]
    ranks[order] = np.repeat((starts + ends + 1) / 2, ends - starts)
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def bias_metrics(
    toxic: Sequence[bool], score: Sequence[float], flagged: Sequence[bool], groups: Sequence[str]
) -> dict[str, Any]:
    """Per group and overall metrics of scored suite rows (pure; no model).

    `toxic`: the suite's labels; `score`: 1 - P(civil); `flagged`: predicted tone not
    civil; `groups`: each row's group ("" = background only). Returns `overall`
    (rows, auc, flagged share of non-toxic rows, missed share of toxic rows), `groups`
    (one dict per group in first-seen order: group, rows, toxic, non_toxic, flagged,
    missed, subgroup_auc, bpsn_auc, bnsp_auc; None where a metric has no rows) and
    `summary` (goals, worst flagged, min BPSN, groups over / under the goals)."""
    y = np.asarray(toxic, dtype=bool)
    s = np.asarray(score, dtype=float)
    f = np.asarray(flagged, dtype=bool)
    g = np.asarray(list(groups), dtype=object)
    if not (len(y) == len(s) == len(f) == len(g)):
        raise ValueError("toxic, score, flagged and groups must have the same length")

    def share(mask: np.ndarray) -> float | None:
        return float(f[mask].mean()) if mask.any() else None

    rows = []
    for name in dict.fromkeys(x for x in g.tolist() if x):
        ing = g == name
        bpsn = (y & ~ing) | (~y & ing)
        bnsp = (~y & ~ing) | (y & ing)
        rows.append(
            {
                "group": name,
                "rows": int(ing.sum()),
                "toxic": int((ing & y).sum()),
                "non_toxic": int((ing & ~y).sum()),
                "flagged": share(ing & ~y),
                "missed": None if not (ing & y).any() else 1.0 - float(f[ing & y].mean()),
                "subgroup_auc": roc_auc(y[ing], s[ing]),
                "bpsn_auc": roc_auc(y[bpsn], s[bpsn]),
                "bnsp_auc": roc_auc(y[bnsp], s[bnsp]),
            }
        )
    flagged_all = share(~y)
    overall = {
        "rows": len(y),
        "toxic": int(y.sum()),
        "non_toxic": int((~y).sum()),
        "auc": roc_auc(y, s),
        "flagged": flagged_all,
        "missed": None if not y.any() else 1.0 - float(f[y].mean()),
    }
    return {"overall": overall, "groups": rows, "summary": summarize(rows)}


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Worst flagged share, min BPSN AUC, and the groups that miss each goal."""
    flagged = [r for r in rows if r["flagged"] is not None]
    bpsn = [r for r in rows if r["bpsn_auc"] is not None]
    worst = max(flagged, key=lambda r: r["flagged"], default=None)
    lowest = min(bpsn, key=lambda r: r["bpsn_auc"], default=None)
    over = sorted((r for r in flagged if r["flagged"] > FLAG_GOAL), key=lambda r: -r["flagged"])
    under = sorted((r for r in bpsn if r["bpsn_auc"] < BPSN_GOAL), key=lambda r: r["bpsn_auc"])
    return {
        "goals": {"flagged_max": FLAG_GOAL, "bpsn_min": BPSN_GOAL},
        "worst_flagged": None
        if worst is None
        else {"group": worst["group"], "flagged": worst["flagged"]},
        "min_bpsn": None
        if lowest is None
        else {"group": lowest["group"], "bpsn_auc": lowest["bpsn_auc"]},
        "over_flag_goal": [r["group"] for r in over],
        "under_bpsn_goal": [r["group"] for r in under],
        "groups": len(rows),
    }


# ---- scoring ----------------------------------------------------------------------------


def tone_scores(model: Any, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(1 - P(civil), flagged = argmax tone is not civil) of each text.

    `model`: a model directory (scored by the compiled fast scorer), a `Scorer`, a
    `ScoringModel` or a `StanceModel`."""
    if isinstance(model, str | Path):
        model = load_scorer(model)
    if isinstance(model, Scorer):
        model = model.model
    texts = list(texts)
    if isinstance(model, ScoringModel):
        if "tone" not in model.heads:
            raise ModelError(
                f"{model.path}: the model has no tone head; train it on rows with a tone label"
            )
        cp = model.pipeline_for("tone")
        classes = [str(c) for c in cp.classes]
        parts = [cp.score(TextBatch(texts[s]))[0] for s in char_batches(texts)]
        proba = np.vstack(parts) if parts else np.zeros((0, len(classes)))
    elif hasattr(model, "predict_proba"):
        if "tone" not in getattr(model, "heads", {}):
            raise ModelError("the model has no tone head; train it on rows with a tone label")
        classes = [str(c) for c in model.labels["tone"]]  # predict_proba's column order
        proba = np.asarray(model.predict_proba(texts, "tone"), dtype=float)
    else:
        raise TypeError(
            f"cannot score with {type(model).__name__}: give a model directory, "
            "a Scorer or a StanceModel"
        )
    if "civil" not in classes:
        raise ModelError(
            f"the tone head has no 'civil' class (classes: {', '.join(classes)}); "
            "the audit scores 1 - P(civil)"
        )
    civil = classes.index("civil")
    flagged = proba.argmax(axis=1) != civil if len(proba) else np.zeros(0, dtype=bool)
    return 1.0 - proba[:, civil], flagged


def audit(
    model: Any,
    suite: str | Path = MADLIBS,
    *,
    data_dir: str | Path | None = None,
) -> dict[str, Any]:
    """Score an identity-term suite with `model` and return the bias report.

    `model`: a model directory path (scored with the fast scorer), or a loaded `Scorer`
    / `StanceModel`. `suite`: `"madlibs"` (read from `data_dir`, default
    `default_madlibs_dir()`) or a suite table (see `read_suite`). Returns
    {"model", "suite", "suite_path", "overall", "groups": [...], "summary"} (see
    `bias_metrics`); raises `InputError` on a bad suite, `ModelError` on a bad model."""
    frame, suite_path = load_suite(suite, data_dir=data_dir)
    score, flagged = tone_scores(model, frame["text"].tolist())
    result = bias_metrics(frame["toxic"].to_numpy(), score, flagged, frame["group"].tolist())
    name = MADLIBS if str(suite) == MADLIBS else Path(suite).name
    model_name = (
        str(model)
        if isinstance(model, str | Path)
        else str(getattr(getattr(model, "model", model), "path", None) or type(model).__name__)
    )
    return {"model": model_name, "suite": name, "suite_path": suite_path, **result}


# ---- rendering --------------------------------------------------------------------------


def _num(v: float | None, pct: bool = False) -> str:
    if v is None:
        return "-"
    return f"{100 * v:.1f}%" if pct else f"{v:.3f}"


def _concern(r: dict[str, Any]) -> tuple[float, float, str]:
    """Sort key, most concerning group first: most flagged, then lowest BPSN AUC."""
    bpsn = r["bpsn_auc"] if r["bpsn_auc"] is not None else 1.0
    return (-(r["flagged"] or 0.0), bpsn, r["group"])


def render_table(result: dict[str, Any]) -> str:
    """The report as text: one line per group, most flagged first (then lowest BPSN),
    then the summary.

    A `*` marks a value that misses its goal."""
    o, sm = result["overall"], result["summary"]
    lines = [
        f"model: {result['model']}",
        f"suite: {result['suite']} ({result['suite_path']}; {o['rows']} rows, "
        f"{o['toxic']} toxic, {sm['groups']} groups)",
        f"overall: AUC {_num(o['auc'])}, non-toxic flagged {_num(o['flagged'], True)}, "
        f"toxic missed {_num(o['missed'], True)}",
        "",
    ]
    rows = sorted(result["groups"], key=_concern)
    width = max([len("group"), *(len(r["group"]) for r in rows)])
    lines.append(
        f"{'group':<{width}}  {'rows':>5}  {'flagged':>8}  {'missed':>7}  "
        f"{'subgroup':>8}  {'BPSN':>6}  {'BNSP':>6}"
    )
    for r in rows:
        fl = _num(r["flagged"], True) + ("*" if (r["flagged"] or 0) > FLAG_GOAL else " ")
        bp = _num(r["bpsn_auc"]) + (
            "*" if r["bpsn_auc"] is not None and r["bpsn_auc"] < BPSN_GOAL else " "
        )
        lines.append(
            f"{r['group']:<{width}}  {r['rows']:>5}  {fl:>8}  "
            f"{_num(r['missed'], True):>7}  {_num(r['subgroup_auc']):>8}  "
            f"{bp:>6}  {_num(r['bnsp_auc']):>6}"
        )
    n = sm["groups"]
    worst, low = sm["worst_flagged"], sm["min_bpsn"]
    lines += [
        "",
        f"goals: flagged <= {FLAG_GOAL:.0%} of non-toxic, BPSN AUC >= {BPSN_GOAL:.2f} "
        "(* misses the goal)",
        f"over the flag goal: {len(sm['over_flag_goal'])} of {n} groups"
        + (f" (worst: {worst['group']} {_num(worst['flagged'], True)})" if worst else ""),
        f"under the BPSN goal: {len(sm['under_bpsn_goal'])} of {n} groups"
        + (f" (lowest: {low['group']} {_num(low['bpsn_auc'])})" if low else ""),
    ]
    if result.get("plot"):
        lines += ["", f"plot: {result['plot']}"]
    return "\n".join(lines)


def plot(result: dict[str, Any], path: str | Path) -> str:
    """A PNG of flagged share and BPSN AUC per group (horizontal bars, goals dashed,
    most concerning group on top), titled with the model and suite; returns the path.

    Needs matplotlib (`pip install '.[plots]'`)."""
    try:
        from matplotlib.figure import Figure  # no pyplot: no global backend state
    except ImportError:
        raise InputError("--plot needs matplotlib", fix="pip install '.[plots]'") from None
    rows = sorted(result["groups"], key=_concern, reverse=True)  # barh draws bottom-up
    names = [r["group"] for r in rows]
    y = np.arange(len(rows))
    fig = Figure(figsize=(9, 1.6 + 0.24 * max(len(rows), 4)))
    ax1, ax2 = fig.subplots(1, 2, sharey=True)
    flagged = [100 * (r["flagged"] or 0.0) for r in rows]
    ax1.barh(y, flagged, color=["tab:red" if v > 100 * FLAG_GOAL else "tab:blue" for v in flagged])
    ax1.axvline(100 * FLAG_GOAL, color="grey", linestyle="--")
    ax1.set_yticks(y, names)
    ax1.set_xlim(0, 100)
    ax1.set_xlabel(f"non-toxic sentences flagged, % (goal <= {FLAG_GOAL:.0%}, dashed)")
    bpsn = [r["bpsn_auc"] if r["bpsn_auc"] is not None else 0.0 for r in rows]
    ax2.barh(y, bpsn, color=["tab:red" if v < BPSN_GOAL else "tab:green" for v in bpsn])
    ax2.axvline(BPSN_GOAL, color="grey", linestyle="--")
    ax2.set_xlim(0, 1)
    ax2.set_xlabel(f"BPSN AUC (goal >= {BPSN_GOAL:.2f}, dashed)")
    fig.suptitle(f"identity-term audit: {result['model']} on {result['suite']}")
    fig.tight_layout()
    out = Path(path)
    if out.parent != Path():
        out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(out, "wb") as f:
        fig.savefig(f, format="png", dpi=100)
    return str(out)
