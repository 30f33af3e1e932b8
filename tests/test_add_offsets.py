"""`add_offsets`: the tone intercept follows the added rows' classes (`stance.adapt`)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from stance import adapt
from stance.cli import app
from stance.config import load_config
from stance.labels import POOLED
from stance.persist import load_model, model_card
from stance.training import train

runner = CliRunner()
CLASSES = ["abusive", "civil", "uncivil"]
# The default model's tone settings, small: no CV, one C, no class weights.
TONE = {"tone": {"folds": 0, "C": [1.0], "class_weight": "none", "min_df": 1}}


def test_offsets_favour_the_classes_the_scores_miss() -> None:
    # Every row's scores lean to abusive; the rows are half civil, half abusive.
    y = np.array(["abusive", "civil"] * 20, dtype=object)
    scores = np.tile([1.5, 0.0, 0.0], (40, 1))
    b = adapt.fit_offsets(scores, y, CLASSES)
    assert b[1] - b[0] > 0.5  # civil up against abusive
    assert b[2] == 0.0  # no uncivil row: no evidence, no offset
    # Class-balanced: three times as many abusive rows move nothing.
    y3 = np.array(["abusive"] * 30 + ["civil"] * 10, dtype=object)
    assert adapt.fit_offsets(scores, y3, CLASSES) == pytest.approx(b, abs=1e-4)
    # Few rows: shrunk toward 0.
    small = adapt.fit_offsets(scores[:4], y[:4], CLASSES)
    assert 0 < small[1] - small[0] < b[1] - b[0]


def public_tone(repo_root) -> pd.DataFrame:
    """Fox News comments, civil four to one: a public model that leans civil."""
    df = pd.read_csv(repo_root / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
    return pd.concat([df[df.tone == "civil"].head(240), df[df.tone == "abusive"].head(60)])


def desk(n: int = 40, start: int = 0) -> pd.DataFrame:
    """A desk's rows, half abusive, whose words tell nothing (a mark the public rows never
    have): only the desk's class mix can move the decision."""
    return pd.DataFrame(
        {
            "id": [f"d{i}" for i in range(start, start + n)],
            "text": [f"comment {i} qqz" for i in range(start, start + n)],
            "target": "",
            "stance": "",
            "tone": ["abusive", "civil"] * (n // 2),
            "article": "",
        }
    )


def _p_abusive(model, texts) -> np.ndarray:
    return model.predict_proba(texts, "tone")[:, model.labels["tone"].index("abusive")]


def test_offsets_move_predictions_toward_the_added_rows(repo_root) -> None:
    public, probe = public_tone(repo_root), desk(20, 100)["text"].tolist()
    off = train(public, add=desk(), config=TONE).model
    on = train(public, add=desk(), config={**TONE, "model": {"add_offsets": True}}).model
    rec = on.meta["cv"]["tone"][POOLED]["add_offsets"]
    assert rec["applied"] and rec["rows"] == 40 and rec["folds"] == 3
    assert rec["classes"] == ["abusive", "civil"]
    assert on.meta["config"]["add_offsets"] is True
    assert "add_offsets" not in off.meta["cv"]["tone"][POOLED]
    # Same fit, only the intercept moved, toward the desk's abusive half.
    clf_on = on.heads["tone"][POOLED].named_steps["clf"]
    clf_off = off.heads["tone"][POOLED].named_steps["clf"]
    np.testing.assert_array_equal(clf_on.coef_, clf_off.coef_)
    b = rec["offsets"]
    np.testing.assert_allclose(clf_on.intercept_, clf_off.intercept_ + (b[1] - b[0]), atol=1e-5)
    assert clf_on.intercept_.dtype == clf_off.intercept_.dtype
    assert b[0] > b[1]
    assert (_p_abusive(on, probe) > _p_abusive(off, probe)).all()
    # The model card says so (and only when offsets were applied).
    said = (
        f"- **tone** `{POOLED}`: intercepts moved by offsets learnt from the 40 added rows "
        f"(out of fold, `add_offsets`): abusive {b[0]:+.2f}, civil {b[1]:+.2f}"
    )
    assert said in model_card(on.meta).splitlines()
    assert "intercepts moved" not in model_card(off.meta)


def test_no_change_without_add(repo_root) -> None:
    public = public_tone(repo_root)
    cfg = {**TONE, "model": {"add_offsets": True}}
    a = train(public, config=cfg).model
    b = train(public, config=TONE).model
    pa, pb = a.heads["tone"][POOLED], b.heads["tone"][POOLED]
    np.testing.assert_array_equal(
        pa.named_steps["clf"].intercept_, pb.named_steps["clf"].intercept_
    )
    np.testing.assert_array_equal(pa.named_steps["clf"].coef_, pb.named_steps["clf"].coef_)
    assert "add_offsets" not in a.meta["cv"]["tone"][POOLED]


def test_too_few_added_rows_are_recorded_not_used(repo_root) -> None:
    model = train(
        public_tone(repo_root), add=desk(6), config={**TONE, "model": {"add_offsets": True}}
    ).model
    rec = model.meta["cv"]["tone"][POOLED]["add_offsets"]
    assert rec["applied"] is False
    assert rec["why"] == "too few added rows or one class only"


def test_add_offsets_config(tmp_path) -> None:
    assert load_config(None).add_offsets is False
    assert load_config({"tone": {"add_offsets": True}}).for_head("tone").add_offsets is True
    p = tmp_path / "c.toml"
    p.write_text('[model]\nadd_offsets = "yes"\n')
    res = runner.invoke(app, ["train", "x.csv", "--config", str(p)])
    assert res.exit_code != 0
    assert "add_offsets must be true or false" in res.output


def test_saved_model_is_stock_and_scores_as_the_pipeline(repo_root, tmp_path) -> None:
    public_tone(repo_root).to_csv(tmp_path / "public.csv", index=False)
    desk().to_csv(tmp_path / "mine.csv", index=False)
    (tmp_path / "c.toml").write_text(
        '[tone]\nfolds = 0\nC = [1.0]\nclass_weight = "none"\nadd_offsets = true\n'
    )
    out = tmp_path / "m"
    args = ["train", str(tmp_path / "public.csv"), "--add", str(tmp_path / "mine.csv")]
    res = runner.invoke(app, [*args, "--config", str(tmp_path / "c.toml"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    meta = json.loads((out / "meta.json").read_text())
    assert meta["cv"]["tone"][POOLED]["add_offsets"]["applied"] is True
    probe = desk(10, 200)
    probe[["id", "text"]].to_csv(tmp_path / "probe.csv", index=False)
    # joblib alone, no stance: the pipeline with its moved intercept.
    code = textwrap.dedent(f"""
        import json, sys, joblib
        pipe = joblib.load({str(out / "model.joblib")!r})["heads"]["tone"]["*"]
        texts = {probe["text"].tolist()!r}
        assert "stance" not in sys.modules
        print(json.dumps([list(pipe.classes_), pipe.predict_proba(texts).tolist()]))
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    classes, proba = json.loads(r.stdout)
    res = runner.invoke(
        app, ["score", str(out), str(tmp_path / "probe.csv"), "-o", str(tmp_path / "s.csv")]
    )
    assert res.exit_code == 0, res.output
    scored = pd.read_csv(tmp_path / "s.csv")
    for j, c in enumerate(classes):
        np.testing.assert_allclose(scored[f"tone_p_{c}"], np.array(proba)[:, j], atol=1e-6)
    np.testing.assert_allclose(
        load_model(out).heads["tone"][POOLED].predict_proba(probe["text"].tolist()), proba
    )
