"""Training: per-head pipelines, per-target stance, CV, config, determinism, the API."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from stance.errors import ConfigError, InputError
from stance.labels import DEFAULT_TARGET
from stance.model import POOLED, _splits, load_config, train

FAST = {"cv": {"C": [1.0], "folds": 3}}

_FAVOR = ["Hun Sen keeps the country stable", "the CPP built roads and schools",
          "the government protects peace", "thank you prime minister for growth",
          "the ruling party brought order"]
_AGAINST = ["Hun Sen is a dictator", "the CPP jails the opposition",
            "the government steals land", "free Kem Sokha now",
            "the ruling party rigged the election"]
_NONE = ["what time is the match tonight", "the weather in Phnom Penh is hot",
         "rice prices went up at the market", "I like the photos in this article",
         "my cousin studies in Siem Reap"]
_ENDINGS = ["", " indeed", " really", " for sure", " as everyone knows", " today"]


def stance_frame(target: str = "", article: bool = False) -> pd.DataFrame:
    """60 templated comments, 20 per stance label, in the labelling shape."""
    rows = []
    for label, texts in (("favor", _FAVOR), ("against", _AGAINST), ("none", _NONE)):
        for n, (t, e) in enumerate(itertools.islice(itertools.product(texts, _ENDINGS), 20)):
            rows.append({"id": f"{target}{label}{n}", "text": t + e, "target": target,
                         "stance": label, "tone": "",
                         "article": f"page{n % 4}" if article else ""})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def tone_frame(repo_root) -> pd.DataFrame:
    """300 Fox News comments (MIT, shipped in labels/), both tone labels present."""
    df = pd.read_csv(repo_root / "labels" / "tone-foxnews.csv", dtype=str,
                     keep_default_na=False)
    return df.groupby("tone").head(150).reset_index(drop=True)


@pytest.fixture(scope="module")
def trained(tone_frame):
    return train([stance_frame("A"), stance_frame("B"), tone_frame], config=FAST)


def test_heads_targets_and_pooled(trained) -> None:
    model = trained.model
    assert set(model.heads) == {"stance", "tone"}
    assert set(model.heads["stance"]) == {"A", "B", POOLED}
    assert set(model.heads["tone"]) == {POOLED}
    assert model.pipeline_for("stance", "A") is model.heads["stance"]["A"]
    assert model.pipeline_for("stance", "unseen") is model.heads["stance"][POOLED]
    for pipes in model.heads.values():
        for pipe in pipes.values():
            assert [n for n, _ in pipe.steps] == ["features", "clf"]
            assert [n for n, _ in pipe.named_steps["features"].transformer_list] == [
                "word", "char"]
            assert pipe.named_steps["clf"].class_weight == "balanced"
    assert model.meta["targets"] == ["A", "B"]
    cv = model.meta["cv"]
    assert cv["stance"]["A"]["folds"] == 3 and cv["stance"]["A"]["metric"] == "f_avg"
    assert cv["stance"]["A"]["score"] > 0.8  # templated data is easy
    assert cv["tone"][POOLED]["metric"] == "macro_f1"
    assert model.meta["config"]["C"] == [1.0]
    assert trained.warnings == ["tone: no rows labelled uncivil; the model will never "
                                "predict them"]


def test_predict_frame_and_proba(trained) -> None:
    model = trained.model
    out = model.predict(["Hun Sen is a dictator really", "the weather is hot"],
                        targets=["A", "B"])
    assert list(out.columns) == ["stance", "stance_p_favor", "stance_p_against",
                                 "stance_p_none", "tone", "tone_p_civil",
                                 "tone_p_uncivil", "tone_p_abusive"]
    assert out["stance"].tolist() == ["against", "none"]
    p = out[["stance_p_favor", "stance_p_against", "stance_p_none"]].to_numpy()
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-6)
    assert (out["tone_p_uncivil"] == 0).all()  # never seen in training
    proba = model.predict_proba(["x"], "tone")
    assert proba.shape == (1, 3)
    assert model.predict([]).shape == (0, 8)


def test_explain_is_exact(trained) -> None:
    model = trained.model
    for target in ("A", None):
        text = "Hun Sen is a dictator who jails the opposition"
        pipe = model.pipeline_for("stance", target)
        exp = model.explain(text, k=10_000, target=target)["stance"]
        clf = pipe.named_steps["clf"]
        x = pipe.named_steps["features"].transform([text])
        c = int(np.argmax(clf.predict_proba(x)[0]))
        total = sum(v for _, v in exp) + clf.intercept_[c]
        assert total == pytest.approx(clf.decision_function(x)[0][c], rel=1e-4, abs=1e-4)
        assert [v for _, v in exp] == sorted((v for _, v in exp), reverse=True)
    assert len(model.explain("you idiot", k=3)["tone"]) == 3


def test_binary_explain_sign(tone_frame) -> None:
    model = train(tone_frame, config=FAST).model
    pipe = model.heads["tone"][POOLED]
    clf = pipe.named_steps["clf"]
    assert clf.coef_.shape[0] == 1
    for text in tone_frame["text"].head(6):
        x = pipe.named_steps["features"].transform([text])
        margin = float(clf.decision_function(x)[0])  # > 0 means classes_[1]
        total = sum(v for _, v in model.explain(text, k=10_000)["tone"])
        # contributions toward the predicted class: the margin's sign flips for classes_[0]
        expected = margin - clf.intercept_[0] if margin > 0 else -(margin - clf.intercept_[0])
        assert total == pytest.approx(expected, rel=1e-4, abs=1e-4)


def test_same_data_same_model(tone_frame) -> None:
    a = train([stance_frame(), tone_frame.head(120)], config=FAST).model
    b = train([stance_frame(), tone_frame.head(120)], config=FAST).model
    for head in a.heads:
        ca = a.heads[head][POOLED].named_steps["clf"].coef_
        cb = b.heads[head][POOLED].named_steps["clf"].coef_
        np.testing.assert_array_equal(ca, cb)
    assert a.meta["cv"] == b.meta["cv"]
    assert a.meta["training_data"] == b.meta["training_data"]


def test_one_target_is_the_default(tone_frame) -> None:
    model = train(stance_frame(), config=FAST).model
    assert set(model.heads["stance"]) == {DEFAULT_TARGET, POOLED}
    assert model.heads["stance"][DEFAULT_TARGET] is model.heads["stance"][POOLED]
    assert "tone" not in model.heads


def test_too_few_rows_still_trains_and_says_so() -> None:
    df = pd.DataFrame({"id": ["1", "2", "3"], "text": ["good gov", "bad gov", "bad bad"],
                       "target": "", "stance": ["favor", "against", "against"], "tone": ""})
    result = train(df)
    assert result.meta["cv"]["stance"][POOLED]["score"] is None
    assert result.meta["cv"]["stance"][POOLED]["folds"] == 0
    assert any("too few rows for cross-validation" in w for w in result.warnings)
    assert result.model.predict(["bad"])["stance"].tolist() == ["against"]


def test_a_single_label_head_is_skipped_with_a_warning(tone_frame) -> None:
    one = stance_frame().assign(stance="none")
    result = train([one, tone_frame.head(60)], config=FAST)
    assert "stance" not in result.model.heads
    assert result.warnings[0].startswith("stance: every labelled row is 'none'")
    with pytest.raises(InputError, match="no head can be trained"):
        train(one)


def test_grouped_folds_keep_articles_together() -> None:
    df = stance_frame(article=True)
    y = df["stance"].to_numpy(object)
    groups = pd.factorize(df["article"])[0]
    splits, k = _splits(y, groups, 5, 0)
    assert k == 4  # four articles: at most four folds
    for tr, te in splits:
        assert not set(groups[tr]) & set(groups[te])
    info = train(df, config=FAST).meta["cv"]["stance"][POOLED]
    assert info["grouped"] is True


def test_config_file_and_errors(tmp_path) -> None:
    p = tmp_path / "c.toml"
    p.write_text("[features]\nword_ngram = [1, 1]\nmin_df = [1, 2]\n"
                 "[cv]\nC = [0.5, 2]\nfolds = 4\n[tone]\nmin_df = 3\n")
    cfg = load_config(p)
    assert cfg.word_ngram == (1, 1) and cfg.min_df == [1, 2] and cfg.C == [0.5, 2.0]
    assert cfg.folds == 4 and cfg.for_head("tone").min_df == [3]
    assert cfg.for_head("stance").min_df == [1, 2]
    model = train(stance_frame(), config=p).model
    word = model.heads["stance"][POOLED].named_steps["features"].transformer_list[0][1]
    assert word.ngram_range == (1, 1)
    assert len(model.meta["cv"]["stance"][POOLED]["grid"]) == 4
    assert model.meta["config"]["heads"] == {"tone": {"min_df": [3]}}
    for text, msg in [("[cv]\nfolds = 1\n", "folds must be at least 2"),
                      ("[cv]\nC = [0]\n", "C must be positive"),
                      ("[nope]\nx = 1\n", "unknown section"),
                      ("[features]\nngram = 1\n", "unknown key 'ngram'"),
                      ("[cv\n", "not valid TOML")]:
        p.write_text(text)
        with pytest.raises(ConfigError, match=msg):
            load_config(p)


def test_a_folder_trains_on_its_labelling_files(tmp_path) -> None:
    stance_frame("A").to_csv(tmp_path / "a.csv", index=False)
    stance_frame("B").to_csv(tmp_path / "b.csv", index=False)
    (tmp_path / "notes.txt").write_text("not a labelling file")
    meta = train(tmp_path, config=FAST).meta
    assert [f["path"] for f in meta["training_data"]["files"]] == [
        str(tmp_path / "a.csv"), str(tmp_path / "b.csv")]
    assert meta["targets"] == ["A", "B"]


def test_default_training_inputs(tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from stance.cli import app
    from stance.model import default_training_inputs

    (tmp_path / "labels").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["train"])
    assert result.exit_code == 1
    assert result.stderr == ("stance: error: no labelling files given and none in labels/ "
                             "(pass FILE.csv, or run from the project folder)\n")
    for name in ("b.csv", "a.csv", "train.toml"):
        (tmp_path / "labels" / name).write_text("")
    assert default_training_inputs() == (["labels/a.csv", "labels/b.csv"],
                                         "labels/train.toml")
    assert default_training_inputs("mine.toml")[1] == "mine.toml"
