"""A target whose pipeline learned from too few rows gets stance `none`, said once."""

from __future__ import annotations

import numpy as np
import pandas as pd
from typer.testing import CliRunner

from stance.cli import app
from stance.persist import save_model
from stance.policy import default_policy
from stance.score.scorer import MIN_STANCE_ROWS, Scorer
from stance.training import train
from test_model import FAST, stance_frame

TEXTS = ["Hun Sen keeps the country stable", "thanks for the article"]


def test_thin_target_says_none_with_probabilities() -> None:
    few = stance_frame().groupby("stance").head(3)  # 9 rows of one target, three labels
    model = train(few, config=FAST).model
    scorer = Scorer(model, default_policy())
    assert any("has 9 training rows (fewer than 50)" in w for w in scorer.warnings)
    frame = scorer.score(TEXTS)
    assert frame["stance"].tolist() == ["none", "none"]
    proba = frame[["stance_p_favor", "stance_p_against", "stance_p_none"]].to_numpy()
    np.testing.assert_allclose(proba, model.predict_proba(TEXTS, "stance"), atol=2e-6)
    assert not np.allclose(proba, 1 / 3)  # the probabilities are the model's, not blanked


def test_enough_rows_names_a_side() -> None:
    rows = stance_frame()
    assert len(rows) >= MIN_STANCE_ROWS
    model = train(rows, config=FAST).model
    scorer = Scorer(model, default_policy())
    assert not any("training rows" in w for w in scorer.warnings)
    frame = scorer.score(TEXTS)
    assert frame["stance"].iloc[0] == "favor"


def test_one_target_model_says_none_for_another_target() -> None:
    # every stance row is about one target: its pipeline knows nothing of another one
    model = train(stance_frame(), config=FAST).model
    scorer = Scorer(model, default_policy())
    other = scorer.score(TEXTS, ["Thai government", "Thai government"])
    own = scorer.score(TEXTS)
    assert other["stance"].tolist() == ["none", "none"]
    assert own["stance"].iloc[0] == "favor"
    cols = ["stance_p_favor", "stance_p_against", "stance_p_none"]
    np.testing.assert_allclose(other[cols].to_numpy(), own[cols].to_numpy())


def test_score_says_once_that_a_target_is_unknown(tmp_path) -> None:
    model_dir = save_model(train(stance_frame(), config=FAST).model, tmp_path / "m")
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": ["a", "b"], "text": TEXTS}).to_csv(src, index=False)
    out = tmp_path / "o.csv"
    res = CliRunner().invoke(
        app, ["score", str(model_dir), str(src), "--target", "Thai government", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    warning = (
        "stance: warning: stance head: the model has no stance row about 'Thai government' "
        "(every row is about 'Cambodian government (Hun Sen / CPP)'): its stance column "
        "says none, with the probabilities still written; label rows for that target "
        "and retrain (labels/GUIDE.md)"
    )
    assert res.output.splitlines().count(warning) == 1
    assert pd.read_csv(out)["stance"].tolist() == ["none", "none"]
    res = CliRunner().invoke(app, ["score", str(model_dir), str(src), "-o", str(out)])
    assert "no stance row about" not in res.output
    assert pd.read_csv(out)["stance"].iloc[0] == "favor"


def test_a_target_column_names_each_unknown_target_once(tmp_path) -> None:
    model_dir = save_model(train(stance_frame(), config=FAST).model, tmp_path / "m")
    src = tmp_path / "in.csv"
    pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "text": [TEXTS[0], TEXTS[0], TEXTS[1]],
            "target": ["Thai government", "", "Thai government"],
        }
    ).to_csv(src, index=False)
    for args in (["-o", str(tmp_path / "o.csv")], []):  # a file, then stdout
        res = CliRunner().invoke(app, ["score", str(model_dir), str(src), *args])
        assert res.exit_code == 0, res.output
        said = [line for line in res.output.splitlines() if "no stance row about" in line]
        assert len(said) == 1 and "'Thai government'" in said[0]
    assert pd.read_csv(tmp_path / "o.csv")["stance"].tolist() == ["none", "favor", "none"]
