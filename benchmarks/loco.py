"""Leave-one-corpus-out (LOCO) tone benchmark: how the default model does out of domain.

    python benchmarks/loco.py [--data ../shared/data] [--config labels/train.toml]
                              [--held-out ucc,foxnews,...] [--no-in-corpus] [--json F]

A desk's comments are never our training corpus, so settings are judged here: for each
tone corpus, train with the default model's settings (`labels/train.toml`, tone head) on
the shipped corpora (`labels/tone-*.csv`) except that one, and score it. Corpora that are
not shipped (UCC, OLID, the Congress tweets: licences forbid it) are scored by the model
trained on every shipped corpus. Reported per corpus: tone macro-F1 (over the labels the
corpus has), the ROC AUC of healthy vs unhealthy (1 - P(civil)), the expected
calibration error, and the share of civil rows kept civil; each with a bootstrap
standard error (200 resamples of the held-out rows). The in-corpus table beside it is
3-fold CV inside each corpus with the same settings.

The civil-comments spans corpus has no civil rows; for its AUC the comments its raters
contested (two or more "not toxic" votes, dropped from the shipped file) count as civil.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
VOCAB = ["civil", "uncivil", "abusive"]
#: Corpora of news-site reader comments: the goal (AUC >= 0.70, macro-F1 >= 45) is theirs.
NEWS = ("ucc", "foxnews", "civilspans")
#: Benchmark-only corpora: (converter, path under the data folder).
EXTERNAL = {
    "ucc": ("ucc", "ucc-unhealthy-comments/val.csv"),
    "olid": ("olid", "olid/olid-training-v1.0.tsv"),
    "congress": ("uncivilcongress", "uncivil-tweets-congress/training-data.csv"),
}


def shipped_corpora(folder: Path = ROOT / "labels") -> dict[str, pd.DataFrame]:
    """The shipped tone corpora, by name (`tone-NAME.csv`), as the default model reads them."""
    from stance.labels import read_labels

    out = {}
    for p in sorted(folder.glob("tone-*.csv")):
        df = read_labels(p)
        df.loc[df["stance"] == "", "target"] = ""  # read_labels fills the default target
        df.attrs["name"] = p.stem
        out[p.stem.removeprefix("tone-")] = df
    return out


def external_corpora(data: Path) -> dict[str, pd.DataFrame]:
    from stance.convert import convert

    out = {}
    for name, (fmt, rel) in EXTERNAL.items():
        if (data / rel).exists():
            df = convert(fmt, data / rel)
            if name == "olid":  # subtask A: NOT vs OFF (either OFF level)
                df["tone"] = df["tone"].replace({"uncivil": "abusive"})
            out[name] = df
    return out


def contested_civil(data: Path, shipped: pd.DataFrame) -> pd.DataFrame:
    """Civil-comments rows the converter dropped (raters contested them), labelled civil."""
    comments = pd.read_csv(
        data / "civil-comments-toxic-spans" / "comments.csv", dtype=str, keep_default_na=False
    )
    ids = "cc-" + comments["comment_id"].str.strip()
    keep = ~ids.isin(set(shipped["id"]))
    return pd.DataFrame(
        {
            "id": ids[keep],
            "text": comments["comment_text"][keep],
            "target": "",
            "stance": "",
            "tone": "civil",
            "article": "",
        }
    )


def metrics(y: np.ndarray, proba: np.ndarray, boot: int = 200, seed: int = 0) -> dict[str, Any]:
    """macro-F1, unhealthy AUC, ECE and civil kept, each with a bootstrap standard error."""
    from sklearn.metrics import f1_score, roc_auc_score

    from stance.evaluation import expected_calibration_error

    present = [c for c in VOCAB if (y == c).any()]
    y_idx = np.array([VOCAB.index(c) for c in y])

    def one(ix: np.ndarray) -> tuple[float, float, float, float]:
        yy, pp = y[ix], proba[ix]
        pred = np.array(VOCAB, dtype=object)[pp.argmax(axis=1)]
        f1 = f1_score(yy, pred, labels=present, average="macro", zero_division=0)
        unhealthy = yy != "civil"
        auc = roc_auc_score(unhealthy, 1 - pp[:, 0]) if 0 < unhealthy.sum() < len(yy) else np.nan
        ece = expected_calibration_error(pp, y_idx[ix])[0]
        civil = (pred[~unhealthy] == "civil").mean() if (~unhealthy).any() else np.nan
        return 100 * f1, auc, ece, civil

    full = one(np.arange(len(y)))
    rng = np.random.default_rng(seed)
    samples = np.array([one(rng.integers(0, len(y), len(y))) for _ in range(boot)])
    se = np.nanstd(samples, axis=0) if boot else np.full(4, np.nan)
    names = ("macro_f1", "auc", "ece", "civil_kept")
    return {
        "rows": len(y),
        "labels": {c: int((y == c).sum()) for c in present},
        **{n: float(v) for n, v in zip(names, full, strict=True)},
        **{f"{n}_se": float(v) for n, v in zip(names, se, strict=True)},
    }


def _proba(model: Any, texts: list[str]) -> np.ndarray:
    return model.predict_proba(texts, "tone")


def tone_config(path: Path) -> Any:
    """The default model's training config (tone head only: stance rows are not read)."""
    from stance.config import load_config

    return load_config(path)


def run_loco(
    data: Path,
    config: Path,
    held_out: list[str] | None = None,
    in_corpus: bool = True,
    log: Any = print,
    loco: bool = True,
) -> dict[str, Any]:
    """The LOCO table (and the in-corpus one); returns {"loco": {...}, "in_corpus": {...}}."""
    from stance.training import train

    cfg = tone_config(config)
    shipped = shipped_corpora()
    external = external_corpora(data)
    names = held_out or [
        *NEWS,
        *(n for n in shipped if n not in NEWS),
        *(n for n in external if n not in NEWS),
    ]
    out: dict[str, Any] = {"loco": {}, "in_corpus": {}}
    full_model = None
    t0 = time.perf_counter()
    for name in names if loco else []:
        if name in shipped:
            model = train([df for n, df in shipped.items() if n != name], config=cfg).model
            test = shipped[name]
            if name == "civilspans" and (data / "civil-comments-toxic-spans").is_dir():
                test = pd.concat([test, contested_civil(data, test)], ignore_index=True)
        elif name in external:
            if full_model is None:
                full_model = train(list(shipped.values()), config=cfg).model
            model, test = full_model, external[name]
        else:
            log(f"  loco: no corpus {name!r}; skipped")
            continue
        y = test["tone"].to_numpy(dtype=object)
        out["loco"][name] = metrics(y, _proba(model, test["text"].tolist()))
        log(
            f"  loco: {name} done ({time.perf_counter() - t0:.0f} s): "
            + json.dumps(
                {k: round(v, 3) for k, v in out["loco"][name].items() if isinstance(v, float)}
            )
        )
    if in_corpus:
        from sklearn.model_selection import StratifiedKFold

        icfg = cfg.for_head("tone")
        for name in names:
            df = shipped.get(name)
            if df is None:
                df = external.get(name)
            if df is None:
                continue
            y = df["tone"].to_numpy(dtype=object)
            if len(set(y)) < 2:
                continue  # one label (identity-civil): nothing to cross-validate
            proba = np.zeros((len(df), len(VOCAB)))
            cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
            for tr, te in cv.split(df, y):
                part = df.iloc[tr].reset_index(drop=True)
                part.attrs["name"] = name
                model = train(part, config=icfg).model
                proba[te] = _proba(model, df["text"].iloc[te].tolist())
            out["in_corpus"][name] = metrics(y, proba, boot=0)
            log(f"  in-corpus: {name} done ({time.perf_counter() - t0:.0f} s)")
    out["seconds"] = round(time.perf_counter() - t0)
    return out


def _cell(r: dict[str, Any], key: str, fmt: str) -> str:
    v, se = r.get(key), r.get(f"{key}_se")
    if v is None or v != v:
        return "n/a"
    return fmt.format(v) + (f" ± {fmt.format(se)}" if se is not None and se == se else "")


def markdown(res: dict[str, Any]) -> str:
    """The two tables for docs/benchmarks.md."""
    lines = [
        "| held-out corpus | rows | tone macro-F1 | healthy-vs-unhealthy AUC | ECE | "
        "civil kept civil | in-corpus 3-fold macro-F1 / AUC / ECE |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in res["loco"] or res["in_corpus"]:
        r = res["loco"].get(name) or {"rows": res["in_corpus"][name]["rows"]}
        ic = res["in_corpus"].get(name)
        icc = (
            " / ".join(
                _cell(ic, k, f)
                for k, f in (("macro_f1", "{:.1f}"), ("auc", "{:.3f}"), ("ece", "{:.3f}"))
            )
            if ic
            else ""
        )
        lines.append(
            f"| {name}{' (news)' if name in NEWS else ''} | {r['rows']} | "
            f"{_cell(r, 'macro_f1', '{:.1f}')} | {_cell(r, 'auc', '{:.3f}')} | "
            f"{_cell(r, 'ece', '{:.3f}')} | {_cell(r, 'civil_kept', '{:.3f}')} | "
            f"{icc} |"
        )
    loco = res["loco"]
    for label, group in (
        ("mean, news corpora", [n for n in NEWS if n in loco]),
        ("mean, all corpora", list(loco)),
    ):
        if group:
            f1 = np.mean([loco[n]["macro_f1"] for n in group])
            auc = np.nanmean([loco[n]["auc"] for n in group])
            ece = np.mean([loco[n]["ece"] for n in group])
            lines.append(f"| {label} | | {f1:.1f} | {auc:.3f} | {ece:.3f} | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--config", type=Path, default=ROOT / "labels" / "train.toml")
    ap.add_argument("--held-out", default="")
    ap.add_argument("--no-in-corpus", action="store_true")
    ap.add_argument("--no-loco", action="store_true", help="only the in-corpus table")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    names = [s.strip() for s in args.held_out.split(",") if s.strip()] or None
    res = run_loco(
        args.data,
        args.config,
        names,
        not args.no_in_corpus,
        log=lambda m: print(m, file=sys.stderr, flush=True),
        loco=not args.no_loco,
    )
    print(markdown(res))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
