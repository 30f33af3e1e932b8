"""Evaluation: metric functions on known values, the report dict, CLI text/JSON/plots."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.errors import InputError
from stance.evaluation import evaluate, expected_calibration_error, f_avg, head_metrics
from test_model import FAST, stance_frame


def test_f_avg_ignores_none() -> None:
    y = ["favor", "against", "none", "none"]
    assert f_avg(y, ["favor", "against", "favor", "against"]) == pytest.approx(2 / 3)
    assert f_avg(y, y) == 1.0


def test_ece_and_brier_on_known_values() -> None:
    proba = np.array([[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.2, 0.8]])
    y_idx = np.array([0, 1, 0, 1])
    ece, bins = expected_calibration_error(proba, y_idx)
    # bins (0.5, 0.6]: conf 0.6, acc 1; (0.7, 0.8]: conf 0.8, acc 1; (0.8, 0.9]: conf 0.9
    # twice, acc 1/2. ECE = 0.4 * 1/4 + 0.2 * 1/4 + 0.4 * 2/4
    assert ece == pytest.approx(0.35)
    assert [b["rows"] for b in bins] == [1, 1, 2]
    assert sum(b["rows"] for b in bins) == 4
    m = head_metrics(["a", "b", "a", "b"], proba, ["a", "b"], "tone")
    assert m["brier"] == pytest.approx(np.mean([0.02, 1.62, 0.32, 0.08]))
    assert m["confusion_matrix"] == [[2, 0], [1, 1]]
    assert m["roc_auc"]["a"] == pytest.approx(2.5 / 4)  # one tie, one inverted pair
    assert m["per_class"]["a"] == {
        "precision": pytest.approx(2 / 3),
        "recall": 1.0,
        "f1": pytest.approx(0.8),
        "support": 2,
    }


@pytest.fixture(scope="module")
def model():
    from stance.training import train

    df = pd.concat([stance_frame("A"), stance_frame("B")], ignore_index=True)
    return train(df, config=FAST).model


def test_evaluate_dict(model) -> None:
    df = pd.concat([stance_frame("A"), stance_frame("C")], ignore_index=True)
    report = evaluate(model, df)
    m = report["heads"]["stance"]
    assert set(report["heads"]) == {"stance"}
    assert m["rows"] == 120
    for key in (
        "per_class",
        "macro_f1",
        "f_avg",
        "roc_auc",
        "roc_auc_macro",
        "brier",
        "ece",
        "confusion_matrix",
        "per_target",
        "reliability",
    ):
        assert key in m
    assert m["per_target"]["A"]["pipeline"] == "A"
    assert m["per_target"]["C"]["pipeline"] == "*"  # unseen target: the pooled pipeline
    assert m["per_target"]["A"]["f_avg"] == 1.0  # training data, templated
    json.dumps(report)  # plain JSON types only


def test_evaluate_cli_text_json_and_plots(model, tmp_path, monkeypatch) -> None:
    from stance.persist import save_model

    save_model(model, tmp_path / "m")
    monkeypatch.chdir(tmp_path)
    data = "d.csv"
    stance_frame("A").to_csv(data, index=False)
    runner = CliRunner()
    r = runner.invoke(app, ["evaluate", str(tmp_path / "m"), data])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == f"model: {tmp_path / 'm'}"
    assert lines[1] == "data: d.csv (60 rows)"
    assert lines[3].startswith("stance: 60 rows, macro-F1 1.000, F_avg 1.000, accuracy 1.000")
    assert lines[4] == "  label    precision  recall     f1  support  roc_auc"
    assert lines[5] == "  favor        1.000   1.000  1.000       20    1.000"
    assert lines[-2:] == [
        "  target  rows  F_avg  macro-F1  pipeline",
        "  A         60  1.000     1.000  A",
    ]
    r = runner.invoke(
        app,
        ["evaluate", str(tmp_path / "m"), str(data), "--json", "--plots", str(tmp_path / "plots")],
    )
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert report["heads"]["stance"]["macro_f1"] == 1.0
    pngs = sorted(p.name for p in (tmp_path / "plots").iterdir())
    assert pngs == ["stance-confusion.png", "stance-reliability.png"]
    assert (tmp_path / "plots" / pngs[0]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_no_rows_for_the_models_heads(model) -> None:
    df = pd.DataFrame(
        {"id": ["1"], "text": ["x"], "target": [""], "stance": [""], "tone": ["civil"]}
    )
    with pytest.raises(InputError, match="no labelled rows for any head"):
        evaluate(model, df)


def test_public_api_names(model) -> None:
    import stance
    import stance.evaluation  # modules named apart from the functions: nothing hides them
    import stance.training

    df = stance_frame("A")
    assert stance.evaluate(model, df)["heads"]["stance"]["rows"] == 60
    assert stance.train.__module__ == "stance.training"
    assert stance.load_model.__module__ == "stance.persist"


# ---- issue 15 #11: evaluating on the training data says so ----------------------------------


def test_evaluating_on_the_training_rows_warns(model, tmp_path) -> None:
    training = pd.concat([stance_frame("A"), stance_frame("B")], ignore_index=True)
    report = evaluate(model, training)  # the frame the model was trained on
    sha = model.meta["training_data"]["files"][0]["sha256"]
    assert report["warnings"] == [
        f"<frame 0>: the same data as the model's training data <frame 0> (sha256 "
        f"{sha[:12]}...): its scores are optimistic; evaluate on rows the model was not "
        "trained on"
    ]
    assert evaluate(model, stance_frame("C"))["warnings"] == []


def test_evaluate_cli_warns_on_the_training_file(tmp_path) -> None:
    from stance.persist import save_model
    from stance.training import train

    data, other = tmp_path / "train.csv", tmp_path / "other.csv"
    stance_frame("A").to_csv(data, index=False)
    stance_frame("B").to_csv(other, index=False)
    save_model(train([data], config=FAST), tmp_path / "m")
    trained = json.loads((tmp_path / "m" / "meta.json").read_text())["training_data"]
    runner = CliRunner()
    r = runner.invoke(app, ["evaluate", str(tmp_path / "m"), str(other), str(data), "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    shown = report["files"][1]["path"]  # the evaluated file as the report names it
    want = (
        f"{shown}: the same data as the model's training data "
        f"{trained['files'][0]['path']} (sha256 {trained['files'][0]['sha256'][:12]}...): "
        "its scores are optimistic; evaluate on rows the model was not trained on"
    )
    assert report["warnings"] == [want]
    assert r.stderr == f"stance: warning: {want}\n"
    r = runner.invoke(app, ["evaluate", str(tmp_path / "m"), str(other)])
    assert (r.exit_code, r.stderr) == (0, "")


# ---- issue 15 #18: plots name the model and the data ----------------------------------------


def test_plots_name_the_model_and_the_data(model, tmp_path) -> None:
    from stance.evaluation import plot_figures
    from stance.persist import save_model

    save_model(model, tmp_path / "mymodel")
    data = tmp_path / "held-out.csv"
    stance_frame("A").to_csv(data, index=False)
    report = evaluate(tmp_path / "mymodel", [data])
    figures = plot_figures(report)
    assert [name for name, _ in figures] == ["stance-confusion.png", "stance-reliability.png"]
    for name, fig in figures:
        title = fig.axes[0].get_title()
        kind = name.split("-")[1].removesuffix(".png")
        assert title.splitlines() == [
            f"stance: {'confusion matrix' if kind == 'confusion' else 'reliability'}",
            f"model mymodel, data {Path(report['files'][0]['path']).name} (60 rows)",
        ], name


def test_f_avg_takes_its_labels_from_the_schema() -> None:
    """A schema's own stance vocabulary: F_avg averages every label but the neutral one,
    in evaluation and in training's cross-validation alike."""
    from stance.labels import Schema
    from stance.training import train

    schema = Schema(stance=("pro", "con", "neutral"), neutral="neutral")
    assert Schema().f_avg_labels == ("favor", "against")
    assert schema.f_avg_labels == ("pro", "con")
    names = {"favor": "pro", "against": "con", "none": "neutral"}
    df = stance_frame("A")
    df["stance"] = df["stance"].map(names)
    result = train(df, config=FAST, schema=schema)
    assert result.meta["cv"]["stance"]["*"]["metric"] == "f_avg"
    report = evaluate(result.model, df, schema=schema)["heads"]["stance"]
    pred = result.model.predict(df["text"].tolist(), targets="A")["stance"]
    assert report["f_avg"] == pytest.approx(f_avg(df["stance"], pred, ("pro", "con")))
    assert f_avg(["pro", "con"], ["pro", "con"], ("pro", "con")) == 1.0
