"""benchmarks/learning_curve.py: the labelling loop simulated, on a tiny label set."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def test_the_split_is_stratified_fixed_and_disjoint(benchmark) -> None:
    lc = benchmark("learning_curve")
    df = pd.DataFrame(
        {
            "id": [str(i) for i in range(100)],
            "text": ["t"] * 100,
            "tone": ["civil"] * 90 + ["abusive"] * 10,
        }
    )
    a, b = lc._stratified(df, 0.4, 1)
    assert a["tone"].value_counts().to_dict() == {"civil": 36, "abusive": 4}
    assert not set(a["id"]) & set(b["id"]) and len(a) + len(b) == 100
    assert a["id"].tolist() == lc._stratified(df, 0.4, 1)[0]["id"].tolist()


def test_goals_and_table(benchmark) -> None:
    lc = benchmark("learning_curve")

    def row(n, f1, alone):
        return {
            "labels": n,
            "adapted": {"macro_f1": f1, "auc": 0.8},
            "indomain": None if alone is None else {"macro_f1": alone, "auc": 0.7},
        }

    dom = {
        "test_rows": 10,
        "test_tones": {"civil": 9, "abusive": 1},
        "pool_rows": 20,
        "start": {"macro_f1": 40.0, "auc": 0.75},
        "arms": {
            "suggested": {"0": [row(100, 45.0, None), row(200, 51.0, 50.0)]},
            "random": {"0": [row(200, 44.0, 45.0), row(400, 50.5, 49.0)]},
        },
    }
    goals = lc.goals(dom, 100)
    assert goals == {
        "start_macro_f1": 40.0,
        "suggested_200": 51.0,
        "plus_10_over_start": True,
        "random_400": 50.5,
        "at_least_random_400": True,
        "adapted_ahead_up_to_200": {"suggested": True, "random": False},
    }
    dom["goals"] = goals
    text = lc.markdown({"seeds": [0], "domains": {"ucc": dom}})
    assert "| 200 | 51.0 / 0.800 | 50.0 / 0.700 | 44.0 / 0.800 | 45.0 / 0.700 |" in text
    assert "| 100 | 45.0 / 0.800 | n/a | n/a | n/a |" in text
    assert "plain" not in text  # no offsets: no plain column
    # With --add-offsets: ECE in every cell, and the same fit without the offsets.
    for rows in dom["arms"].values():
        for r in rows["0"]:
            r["adapted"]["ece"] = 0.05
            r["plain"] = {"macro_f1": 30.0, "auc": 0.8, "ece": 0.1}
    text = lc.markdown({"seeds": [0], "domains": {"ucc": dom}})
    assert "| labels | suggested adapted F1 / AUC / ECE | suggested plain F1 / AUC / ECE |" in text
    assert "| 200 | 51.0 / 0.800 / 0.050 | 30.0 / 0.800 / 0.100 | 50.0 / 0.700 |" in text


def test_a_small_run_end_to_end(tmp_path, shared_data, monkeypatch, benchmark) -> None:
    lc = benchmark("learning_curve")
    labels = tmp_path / "labels"
    labels.mkdir()
    fox = pd.read_csv(ROOT / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
    fox.groupby("tone").head(60).to_csv(labels / "tone-foxnews.csv", index=False)
    shutil.copy(ROOT / "labels" / "seeds.csv", labels / "seeds.csv")
    (labels / "train.toml").write_text("[tone]\nfolds = 0\nC = [1.0]\nmin_df = 1\n")
    monkeypatch.setattr(lc, "DOMAIN_ROWS", 300)
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "curve.json"
    argv = ["--domains", "ucc", "--rounds", "2", "--batch", "20", "--seeds", "0"]
    argv += ["--add-offsets", "--random-at", "40"]
    argv += ["--data", str(shared_data), "--labels", str(labels)]
    argv += [
        "--config",
        str(labels / "train.toml"),
        "--json",
        str(out),
        "--plot",
        str(tmp_path / "c.png"),
    ]
    assert lc.main(argv) == 0
    res = json.loads(out.read_text())
    dom = res["domains"]["ucc"]
    assert dom["test_rows"] + dom["pool_rows"] == 300
    assert [r["labels"] for r in dom["arms"]["random"]["0"]] == [40]  # --random-at
    assert [r["labels"] for r in dom["arms"]["suggested"]["0"]] == [20, 40]
    assert res["add_offsets"] is True
    for arm in ("suggested", "random"):
        last = dom["arms"][arm]["0"][-1]
        assert 0 <= last["adapted"]["macro_f1"] <= 100 and 0 <= last["adapted"]["ece"] <= 1
        assert set(last["plain"]) == {"macro_f1", "auc", "ece"}
    assert (tmp_path / "c.png").stat().st_size > 0
    # The same seed picks the same rows: the suggested arm is deterministic.
    assert set(dom["goals"]) >= {"start_macro_f1", "adapted_ahead_up_to_200"}
