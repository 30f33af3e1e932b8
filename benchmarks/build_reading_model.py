"""Build `src/stance/data/reading_choice.json`: the reading chooser of `stance.split.reading`.

`split_text` reads a page by its rules and by the line-role model and takes one reading.
On a page the rules were written for, the rules' reading wins by construction, so the
chooser is fitted on *blind* readings: each annotated text page of `tests/pages` that was
once written blind (its gold has `held_out_in_round`) is read by the code as it was just
before the commit that added the page, before any rule was written for it. Pages of rounds
before 8 are left out: the code then had no line-role model to force.

Steps:
- `--harvest`: for each such page, `git archive` that commit's `src/` into a temporary
  folder, read the page there (both readings, whether the rules' was doubtful, and the
  reading that code took), and write
  `benchmarks/data/blind_readings.json`: per page its round, gold comment count, the
  chooser's features (`reading.reading_features`, computed here from the old readings'
  comments), whether the rules' reading was doubtful, and each reading's comments
  matched and claimed (`separator.score_page`).
  Needs the git history; about 3 minutes on 2 cores.
- default: fit the chooser on that file's doubtful pages (the only ones `split_text`
  asks it about; on the others it keeps the rules' reading): a logistic regression
  (features standardised, C = 1) of "the line roles' reading is better", where better is
  more comments matched minus comments wrongly claimed, each page weighted by that
  difference; pages where the readings tie or the roles name fewer than two comments
  (`reading.askable`) are left out.
- `--cv`: leave-one-round-out first: what the chooser fitted without a round takes on that
  round's pages, against the choice the code made then, each reading alone and the best
  of the two per page, with a bootstrap interval (pages resampled) of the difference.

Usage: python benchmarks/build_reading_model.py [--harvest] [--cv] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))
from separator import score_page  # noqa: E402  (the benchmarks are not a package)
from stance.split.reading import askable, reading_features  # noqa: E402

PAGES = ROOT / "tests" / "pages"
DATA = ROOT / "benchmarks" / "data" / "blind_readings.json"
OUT = ROOT / "src" / "stance" / "data" / "reading_choice.json"
FIRST_ROUND = 8
C = 1.0

# Run inside an old checkout's src: each page's readings as JSON on stdout. Code from
# before `text.readings` existed is made to read by roles by patching its guards.
_OLD_READER = r"""
import json, sys
from pathlib import Path
import stance.split.text as T

def dump(doc):
    if doc is None:
        return []
    keys = ("author", "posted_at", "text", "quoted", "parent")
    return [{k: getattr(c, k, None) for k in keys} for c in doc.comments]

out = {}
for path in sys.argv[1:]:
    text = Path(path).read_text("utf-8")
    seen = {}
    doubtful = T._doubtful
    T._doubtful = lambda d: seen.setdefault("doubtful", doubtful(d))
    rec = {"default": dump(T.split_text(text))}
    T._doubtful = doubtful
    rec["doubtful"] = seen.get("doubtful", False)
    if hasattr(T, "readings"):
        rules, roles = T.readings(text)
        rec.update(rules=dump(rules), roles=dump(roles))
    else:
        rec["rules"] = dump(T.split_text(text, roles=False))
        kept = T._doubtful, T._named, T._story_list
        T._doubtful, T._named, T._story_list = (lambda d: True), (lambda d: 2), (lambda d: False)
        try:
            rec["roles"] = dump(T.split_text(text))
        except StopIteration:  # (the roles found no comment)
            rec["roles"] = []
        T._doubtful, T._named, T._story_list = kept
    out[path] = rec
json.dump(out, sys.stdout)
"""


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def blind_commits() -> dict[str, list[Path]]:
    """Each commit just before a blind page was added -> the text pages it reads blind."""
    out: dict[str, list[Path]] = defaultdict(list)
    for gold in sorted(PAGES.glob("r*.json")):
        meta = json.loads(gold.read_text("utf-8"))
        page = gold.with_suffix(".txt")
        if meta.get("held_out_in_round", 0) < FIRST_ROUND or not page.exists():
            continue
        added = _git("log", "--diff-filter=A", "--format=%H", "--reverse", "--", str(gold))
        if added:
            out[_git("rev-parse", added.split()[0] + "^")].append(page)
    return out


def _comments(records: list[dict]) -> list[SimpleNamespace]:
    return [SimpleNamespace(**r) for r in records]


def harvest() -> list[dict]:
    """Every blind page's row: round, gold count, features, (matched, claimed) per reading."""
    rows = []
    for commit, pages in blind_commits().items():
        with tempfile.TemporaryDirectory() as tmp:
            archive = subprocess.run(
                ["git", "archive", commit, "src"], cwd=ROOT, capture_output=True, check=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            env = dict(os.environ, PYTHONPATH=str(Path(tmp) / "src"), STANCE_CACHE="off")
            done = subprocess.run(
                [sys.executable, "-c", _OLD_READER, *map(str, pages)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
        for path, rec in json.loads(done.stdout).items():
            gold = json.loads(Path(path).with_suffix(".json").read_text("utf-8"))
            row = {
                "page": Path(path).name,
                "round": gold["held_out_in_round"],
                "gold": len(gold["comments"]),
                "features": {
                    k: round(v, 6)
                    for k, v in reading_features(
                        _comments(rec["rules"]), _comments(rec["roles"])
                    ).items()
                },
                "doubtful": bool(rec["doubtful"]),
                "roles_found": len(rec["roles"]),
            }
            for key in ("default", "rules", "roles"):
                doc = SimpleNamespace(title=None, comments=_comments(rec[key]))
                s = score_page(gold, doc)
                row[key] = [s["recall"][0], s["precision"][1]]
            rows.append(row)
    return sorted(rows, key=lambda r: (r["round"], r["page"]))


def _gain(row: dict) -> int:
    """How much better the roles' reading is: (matched - wrongly claimed) difference."""
    (m1, c1), (m0, c0) = row["roles"], row["rules"]
    return (2 * m1 - c1) - (2 * m0 - c0)


def fit(rows: list[dict]) -> dict:
    """The chooser's weights blob, fitted on `rows`."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    use = [r for r in rows if r["doubtful"] and askable(r["features"]) and _gain(r)]
    names = sorted(use[0]["features"])
    x = np.array([[r["features"][k] for k in names] for r in use])
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=5000)
    gains = [_gain(r) for r in use]
    model.fit((x - mean) / scale, [g > 0 for g in gains], sample_weight=[abs(g) for g in gains])
    return {
        "names": names,
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "meta": {"pages": len(use), "rounds": sorted({r["round"] for r in use}), "C": C},
    }


def cross_validate(rows: list[dict]) -> str:
    """Leave-one-round-out: the chooser's pick on each round, fitted without it."""
    import numpy as np

    from stance.split.reading import from_blob

    pick: dict[str, str] = {}
    for held in sorted({r["round"] for r in rows}):
        model = from_blob(fit([r for r in rows if r["round"] != held]))
        for r in rows:
            if r["round"] == held:
                take = r["doubtful"] and askable(r["features"]) and model.score(r["features"]) > 0
                pick[r["page"]] = "roles" if take else "rules"
    ways = {
        "the code's own choice then": lambda r: "default",
        "the rules' reading": lambda r: "rules",
        "the line roles' reading where doubtful": lambda r: "roles" if r["doubtful"] else "rules",
        "chooser, out of fold": lambda r: pick[r["page"]],
        "the better of the two where doubtful": lambda r: (
            "roles" if r["doubtful"] and _gain(r) > 0 else "rules"
        ),
    }
    gold = sum(r["gold"] for r in rows)
    lines = [f"{len(rows)} blind pages, {gold} gold comments; matched / claimed, recall, precision"]
    for name, way in ways.items():
        m = sum(r[way(r)][0] for r in rows)
        c = sum(r[way(r)][1] for r in rows)
        lines.append(f"  {name:40} {m:5d} / {c:5d}  {m / gold:.3f}  {m / c:.3f}")
    rng = np.random.default_rng(11)
    drec, dpre = [], []
    for _ in range(2000):
        s = [rows[i] for i in rng.integers(0, len(rows), len(rows))]
        m0, c0 = sum(r["default"][0] for r in s), sum(r["default"][1] for r in s)
        m1 = sum(r[pick[r["page"]]][0] for r in s)
        c1 = sum(r[pick[r["page"]]][1] for r in s)
        g = sum(r["gold"] for r in s)
        drec.append((m1 - m0) / g)
        dpre.append(m1 / c1 - m0 / c0)
    lo, hi = np.percentile(drec, [2.5, 97.5])
    plo, phi = np.percentile(dpre, [2.5, 97.5])
    lines.append(
        f"  chooser - code's choice: recall [{lo:+.3f}, {hi:+.3f}],"
        f" precision [{plo:+.3f}, {phi:+.3f}] (95% bootstrap over pages)"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--harvest", action="store_true", help="read the blind pages again")
    parser.add_argument("--cv", action="store_true", help="leave-one-round-out figures first")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if args.harvest:
        DATA.write_text(json.dumps(harvest(), separators=(",", ":")) + "\n", "utf-8")
    rows = json.loads(DATA.read_text("utf-8"))
    if args.cv:
        print(cross_validate(rows))
    args.out.write_text(json.dumps(fit(rows)) + "\n", "utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
