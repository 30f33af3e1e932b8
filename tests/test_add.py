"""`stance train --add MINE.csv`: a desk's own rows carry `add_share` of the weight."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.config import TrainConfig, load_config
from stance.errors import ConfigError
from stance.labels import POOLED
from stance.training import train
from test_model import FAST, stance_frame

runner = CliRunner()

# The desk reads "Hun Sen keeps the country stable" as sarcasm: against, where the
# public rows say favor.
_PROBE = "Hun Sen keeps the country stable"


def mine(target: str = "A", n: int = 6) -> pd.DataFrame:
    endings = [" sure", " of course", " yes yes", " lol", " haha", " right", " again", " ok"]
    rows = [
        {
            "id": f"mine{i}",
            "text": _PROBE + endings[i % len(endings)] + " " * (i // len(endings)),
            "target": target,
            "stance": "against",
            "tone": "",
            "article": "",
        }
        for i in range(n)
    ]
    return pd.DataFrame(rows)


def test_added_rows_carry_their_share_of_the_weight() -> None:
    added = np.array([False] * 8 + [True] * 2)
    w = TrainConfig(add_share=0.5).with_added(None, added)
    assert w is not None
    assert w.mean() == pytest.approx(1.0)
    assert w[added].sum() == pytest.approx(w[~added].sum())
    w = TrainConfig(add_share=0.25).with_added(None, added)
    assert w[added].sum() / w.sum() == pytest.approx(0.25)
    # Each side keeps its own proportions (balance, source_weights).
    base = np.array([1.0, 3.0] * 4 + [1.0, 2.0])
    w = TrainConfig().with_added(base, added)
    assert w[1] / w[0] == pytest.approx(3.0) and w[9] / w[8] == pytest.approx(2.0)
    # Nothing to do: no added row, every row added, or add_share 0.
    assert TrainConfig().with_added(None, ~added.astype(bool) & False) is None
    assert TrainConfig().with_added(base, np.ones(10, bool)) is base
    assert TrainConfig(add_share=0.0).with_added(None, added) is None


def _p_against(result) -> float:
    pipe = result.model.heads["stance"][POOLED]
    return float(pipe.predict_proba([_PROBE])[0][list(pipe.classes_).index("against")])


def test_add_moves_the_model_toward_the_added_rows() -> None:
    public = stance_frame("A")
    without = _p_against(train(public, config=FAST))
    plain = _p_against(train(public, add=mine(), config={**FAST, "model": {"add_share": 0}}))
    added = train(public, add=mine(), config=FAST)
    assert without < plain < _p_against(added)
    assert added.model.predict([_PROBE], "A")["stance"].tolist() == ["against"]
    # The added sources are recorded as such; CV is judged on the added rows.
    files = added.model.meta["training_data"]["files"]
    assert [f.get("added", False) for f in files] == [False, True]
    assert added.model.meta["cv"]["stance"][POOLED]["judged_on_added"] == 6
    assert added.model.meta["config"]["add_share"] == 0.5


def test_a_new_target_gets_its_own_pipeline_helped_by_the_others() -> None:
    desk = mine("B", 12)
    desk = pd.concat([desk, stance_frame("B").query("stance != 'against'")], ignore_index=True)
    cfg = {**FAST, "model": {"other_target_weight": [0.5], "min_target_rows": 20}}
    result = train(stance_frame("A"), add=desk, config=cfg)
    assert set(result.model.heads["stance"]) == {"A", "B", POOLED}
    info = result.model.meta["cv"]["stance"]["B"]
    assert info["other_rows"] == 60 and info["other_target_weight"] == 0.5
    # CV judges on the desk's rows: B's own pipeline, and the per-target figure.
    assert info["judged_on_added"] == 52
    assert result.model.meta["cv"]["stance"]["per_target"]["judged_on_added"] == 52
    assert result.model.predict([_PROBE], "B")["stance"].tolist() == ["against"]


def test_add_share_config(tmp_path) -> None:
    assert TrainConfig().add_share == 0.5
    assert load_config({"tone": {"add_share": 0.8}}).for_head("tone").add_share == 0.8
    p = tmp_path / "c.toml"
    p.write_text("[model]\nadd_share = 1\n")
    with pytest.raises(ConfigError) as err:
        load_config(p)
    assert "add_share must be in [0, 1) (the added rows' share of the weight; 0: no boost)" in str(
        err.value
    )


def test_cli_add(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    stance_frame("A").to_csv("public.csv", index=False)
    mine().to_csv("mine.csv", index=False)
    res = runner.invoke(app, ["train", "public.csv", "--add", "mine.csv", "--out", "m"])
    assert res.exit_code == 0, res.output
    meta = json.loads((tmp_path / "m" / "meta.json").read_text())
    files = meta["training_data"]["files"]
    assert [(f["path"], f.get("added", False)) for f in files] == [
        ("public.csv", False),
        ("mine.csv", True),
    ]
