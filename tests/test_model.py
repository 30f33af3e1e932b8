"""Training: per-head pipelines, per-target stance, CV, config, determinism, the API."""

from __future__ import annotations

import itertools
import tomllib

import numpy as np
import pandas as pd
import pytest

from stance.config import TrainConfig, load_config
from stance.cv import cv_splits
from stance.errors import ConfigError, InputError
from stance.labels import DEFAULT_TARGET, POOLED
from stance.training import train

FAST = {"cv": {"C": [1.0], "folds": 3}}

_FAVOR = [
    "Hun Sen keeps the country stable",
    "the CPP built roads and schools",
    "the government protects peace",
    "thank you prime minister for growth",
    "the ruling party brought order",
]
_AGAINST = [
    "Hun Sen is a dictator",
    "the CPP jails the opposition",
    "the government steals land",
    "free Kem Sokha now",
    "the ruling party rigged the election",
]
_NONE = [
    "what time is the match tonight",
    "the weather in Phnom Penh is hot",
    "rice prices went up at the market",
    "I like the photos in this article",
    "my cousin studies in Siem Reap",
]
_ENDINGS = ["", " indeed", " really", " for sure", " as everyone knows", " today"]


def stance_frame(target: str = "", article: bool = False) -> pd.DataFrame:
    """60 templated comments, 20 per stance label, in the labelling shape."""
    rows = []
    for label, texts in (("favor", _FAVOR), ("against", _AGAINST), ("none", _NONE)):
        for n, (t, e) in enumerate(itertools.islice(itertools.product(texts, _ENDINGS), 20)):
            rows.append(
                {
                    "id": f"{target}{label}{n}",
                    "text": t + e,
                    "target": target,
                    "stance": label,
                    "tone": "",
                    "article": f"page{n % 4}" if article else "",
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def tone_frame(repo_root) -> pd.DataFrame:
    """300 Fox News comments (MIT, shipped in labels/), both tone labels present."""
    df = pd.read_csv(repo_root / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
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
            assert [n for n, _ in pipe.named_steps["features"].transformer_list] == ["word", "char"]
            assert pipe.named_steps["clf"].class_weight == "balanced"
    assert model.meta["targets"] == ["A", "B"]
    cv = model.meta["cv"]
    assert cv["stance"]["A"]["folds"] == 3 and cv["stance"]["A"]["metric"] == "f_avg"
    assert cv["stance"]["A"]["score"] > 0.8  # templated data is easy
    assert cv["tone"][POOLED]["metric"] == "macro_f1"
    assert model.meta["config"]["C"] == [1.0]
    assert trained.warnings == ["tone: no rows labelled uncivil; the model will never predict them"]


def test_predict_frame_and_proba(trained) -> None:
    model = trained.model
    out = model.predict(["Hun Sen is a dictator really", "the weather is hot"], targets=["A", "B"])
    assert list(out.columns) == [
        "stance",
        "stance_p_favor",
        "stance_p_against",
        "stance_p_none",
        "tone",
        "tone_p_civil",
        "tone_p_uncivil",
        "tone_p_abusive",
    ]
    assert out["stance"].tolist() == ["against", "none"]
    p = out[["stance_p_favor", "stance_p_against", "stance_p_none"]].to_numpy()
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-6)
    assert (out["tone_p_uncivil"] == 0).all()  # never seen in training
    proba = model.predict_proba(["x"], "tone")
    assert proba.shape == (1, 3)
    assert model.predict([]).shape == (0, 8)


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
    df = pd.DataFrame(
        {
            "id": ["1", "2", "3"],
            "text": ["good gov", "bad gov", "bad bad"],
            "target": "",
            "stance": ["favor", "against", "against"],
            "tone": "",
        }
    )
    result = train(df)
    assert result.meta["cv"]["stance"][POOLED]["score"] is None
    assert result.meta["cv"]["stance"][POOLED]["folds"] == 0
    assert any("too few rows for cross-validation" in w for w in result.warnings)
    assert result.model.predict(["bad"])["stance"].tolist() == ["against"]


def test_grouped_cv_that_leaves_one_class_to_train_on_is_skipped(tone_frame) -> None:
    """Two articles, one of two abusive rows: a fold would train on abusive rows alone
    (scikit-learn's ValueError, a traceback); no CV, and a warning, instead."""
    tone = tone_frame.groupby("tone").head(60).reset_index(drop=True)
    tone["article"] = "big"
    tone.loc[tone.index[tone["tone"] == "abusive"][-2:], "article"] = "small"
    result = train(tone, config=FAST)
    assert result.meta["cv"]["tone"][POOLED]["score"] is None
    assert result.warnings[-1] == (
        "tone: too few rows for cross-validation (120 rows in 2 articles, smallest class 60); "
        "trained anyway, no CV metric recorded"
    )


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
    splits, k = cv_splits(y, groups, 5, 0)
    assert k == 4  # four articles: at most four folds
    for tr, te in splits:
        assert not set(groups[tr]) & set(groups[te])
    info = train(df, config=FAST).meta["cv"]["stance"][POOLED]
    assert info["grouped"] is True


def test_config_file_and_errors(tmp_path) -> None:
    p = tmp_path / "c.toml"
    p.write_text(
        "[features]\nword_ngram = [1, 1]\nmin_df = [1, 2]\n"
        "[cv]\nC = [0.5, 2]\nfolds = 4\n[tone]\nmin_df = 3\n"
    )
    cfg = load_config(p)
    assert cfg.features.word_ngram == (1, 1) and cfg.min_df == [1, 2] and cfg.C == [0.5, 2.0]
    assert cfg.folds == 4 and cfg.for_head("tone").min_df == [3]
    assert cfg.for_head("stance").min_df == [1, 2]
    model = train(stance_frame(), config=p).model
    word = model.heads["stance"][POOLED].named_steps["features"].transformer_list[0][1]
    assert word.ngram_range == (1, 1)
    assert len(model.meta["cv"]["stance"][POOLED]["grid"]) == 4
    assert model.meta["config"]["heads"] == {"tone": {"min_df": [3]}}
    for text, msg in [
        ("[cv]\nfolds = 1\n", "folds must be at least 2"),
        ("[cv]\nC = [0]\n", "C must be positive"),
        ("[nope]\nx = 1\n", "unknown section"),
        ("[features]\nngram = 1\n", "unknown key 'ngram'"),
        ("[cv\n", "not valid TOML"),
    ]:
        p.write_text(text)
        with pytest.raises(ConfigError, match=msg):
            load_config(p)


def test_a_folder_trains_on_its_labelling_files(tmp_path, monkeypatch) -> None:
    (tmp_path / "labels").mkdir()
    stance_frame("A").to_csv(tmp_path / "labels" / "a.csv", index=False)
    stance_frame("B").to_csv(tmp_path / "labels" / "b.csv", index=False)
    (tmp_path / "labels" / "notes.txt").write_text("not a labelling file")
    monkeypatch.chdir(tmp_path)
    meta = train("labels", config=FAST).meta
    assert [f["path"] for f in meta["training_data"]["files"]] == ["labels/a.csv", "labels/b.csv"]
    assert meta["targets"] == ["A", "B"]


def test_meta_records_relative_paths_and_checksums(tmp_path, monkeypatch) -> None:
    """Paths relative to the working directory; outside it, the file's name only."""
    import hashlib

    inside, outside = tmp_path / "work", tmp_path / "elsewhere"
    (inside / "labels").mkdir(parents=True)
    outside.mkdir()
    stance_frame("A").to_csv(inside / "labels" / "a.csv", index=False)
    stance_frame("B").to_csv(outside / "b.csv", index=False)
    monkeypatch.chdir(inside)
    files = train([str(inside / "labels" / "a.csv"), "../elsewhere/b.csv"], config=FAST).meta[
        "training_data"
    ]["files"]
    assert [f["path"] for f in files] == ["labels/a.csv", "b.csv"]
    for f, p in zip(files, [inside / "labels" / "a.csv", outside / "b.csv"], strict=True):
        assert f["sha256"] == hashlib.sha256(p.read_bytes()).hexdigest()
        assert f["rows"] == 60


def test_default_training_inputs(tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from stance.cli import app
    from stance.training import default_training_inputs

    (tmp_path / "labels").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["train"])
    assert result.exit_code == 1
    assert result.stderr == (
        "stance: error: no labelling files given and none in labels/ "
        "(pass FILE.csv, or run from the project folder)\n"
    )
    for name in ("b.csv", "a.csv", "train.toml"):
        (tmp_path / "labels" / name).write_text("")
    assert default_training_inputs() == (["labels/a.csv", "labels/b.csv"], "labels/train.toml")
    assert default_training_inputs("mine.toml")[1] == "mine.toml"


def test_source_balance_weights() -> None:

    src = pd.Series(["big"] * 9 + ["small"] * 1)
    assert TrainConfig().row_weights(src) is None  # raw: every row 1
    w = TrainConfig(balance="equal").row_weights(src)
    assert np.isclose(w[:9].sum(), w[9:].sum()) and np.isclose(w.mean(), 1.0)
    w = TrainConfig(balance="sqrt").row_weights(src)
    assert np.isclose(w[:9].sum() / w[9:].sum(), 3.0)  # sqrt(9) : sqrt(1)
    w = TrainConfig(source_weights={"small": 0.0}).row_weights(src)
    assert (w[9:] == 0).all() and np.isclose(w.mean(), 1.0)


def test_balance_and_no_cv_config(tmp_path, tone_frame) -> None:
    p = tmp_path / "c.toml"
    p.write_text(
        '[model]\nbalance = "sqrt"\ntol = 0.001\nsource_weights = { a = 2 }\n'
        '[tone]\nfolds = 0\nC = [0.5]\ntoken_pattern = "(?u)\\\\b\\\\w\\\\w+\\\\b"\n'
    )
    cfg = load_config(p)
    assert cfg.balance == "sqrt" and cfg.features.tol == 0.001 and cfg.source_weights == {"a": 2.0}
    tone = cfg.for_head("tone")
    assert tone.folds == 0 and tone.features.token_pattern == r"(?u)\b\w\w+\b"
    a, b = tone_frame.iloc[:150].copy(), tone_frame.iloc[150:].copy()
    a.attrs["name"], b.attrs["name"] = "a", "b"
    result = train([a, b], config=cfg)
    info = result.model.meta["cv"]["tone"][POOLED]
    assert info["score"] is None and info["folds"] == 0 and info["C"] == 0.5
    assert not any("cross-validation" in w for w in result.warnings)
    assert "no CV (folds = 0)" in result.summary_lines()[0]
    pipe = result.model.heads["tone"][POOLED]
    assert pipe.named_steps["clf"].tol == 0.001
    for text, msg in [
        ('[model]\nbalance = "log"\n', "balance must be"),
        ("[model]\nsource_weights = { a = -1 }\n", "source_weights must be"),
    ]:
        p.write_text(text)
        with pytest.raises(ConfigError, match=msg):
            load_config(p)


# ---- learning across targets ----------------------------------------------------------

_SPORT = {
    "favor": [
        "the club played beautifully",
        "great win for the team",
        "the coach made brilliant choices",
        "our striker is the best",
    ],
    "against": [
        "the club played terribly",
        "awful loss for the team",
        "the coach made stupid choices",
        "our striker is useless",
    ],
    "none": [
        "the stadium opens at six",
        "tickets are sold online",
        "the match is on channel four",
        "parking is next to the gate",
    ],
}


def sport_frame(n: int = 7) -> pd.DataFrame:
    """A small target ("sport", 3 x n rows) whose words never occur in stance_frame."""
    rows = [
        {
            "id": f"s{label}{i}",
            "text": texts[i % 4] + _ENDINGS[i % 6],
            "target": "sport",
            "stance": label,
            "tone": "",
        }
        for label, texts in _SPORT.items()
        for i in range(n)
    ]
    return pd.DataFrame(rows)


def _cross(weights: list[float], **cv: object) -> object:
    return train(
        [sport_frame(), stance_frame("politics")],
        config={"cv": {"C": [1.0], "folds": 3, **cv}, "model": {"other_target_weight": weights}},
    )


def test_other_targets_rows_reach_the_classifier() -> None:
    """With weight 1 the small target learns the other target's words; with 0 it cannot."""
    probe = "Hun Sen is a dictator who jails the opposition"
    alone, shared = _cross([0.0]).model, _cross([1.0]).model
    vocab = {
        name: pipe.named_steps["features"].transformer_list[0][1].vocabulary_
        for name, pipe in (
            ("alone", alone.heads["stance"]["sport"]),
            ("shared", shared.heads["stance"]["sport"]),
        )
    }
    assert "dictator" not in vocab["alone"] and "dictator" in vocab["shared"]
    p0 = alone.predict([probe], targets="sport")
    p1 = shared.predict([probe], targets="sport")
    assert p1["stance"].tolist() == ["against"]
    assert p1["stance_p_against"][0] > p0["stance_p_against"][0] + 0.2
    info = shared.meta["cv"]["stance"]["sport"]
    assert info["other_target_weight"] == 1.0 and info["other_rows"] == 60
    assert alone.meta["cv"]["stance"]["sport"]["other_rows"] == 0
    assert "other targets' rows x 1" in " ".join(_cross([1.0]).summary_lines())
    # The pooled pipeline (unseen targets) is the same either way.
    np.testing.assert_array_equal(
        alone.heads["stance"][POOLED].named_steps["clf"].coef_,
        shared.heads["stance"][POOLED].named_steps["clf"].coef_,
    )
    assert "other_target_weight" not in shared.meta["cv"]["stance"][POOLED]


def test_weight_zero_is_the_target_alone() -> None:
    """Weight 0 trains exactly as before: the target's own rows, nothing else."""
    alone = train(sport_frame().assign(target=""), config=FAST).model.heads["stance"][POOLED]
    zero = _cross([0.0]).model.heads["stance"]["sport"]
    np.testing.assert_array_equal(alone.named_steps["clf"].coef_, zero.named_steps["clf"].coef_)


def test_other_target_weight_is_searched_by_cv() -> None:
    info = _cross([0.0, 0.5, 1.0], C=[0.5, 2.0]).meta["cv"]["stance"]["sport"]
    grid = info["grid"]
    assert [(g["C"], g["other_target_weight"]) for g in grid] == [
        (c, w) for c in (0.5, 2.0) for w in (0.0, 0.5, 1.0)
    ]
    best = max(grid, key=lambda g: g["score"])
    assert info["score"] == pytest.approx(best["score"], abs=1e-6)
    assert info["other_target_weight"] in (0.0, 0.5, 1.0)
    assert info["rows"] == 21  # CV scores the target's own rows only


def test_other_targets_rows_stay_in_the_training_part() -> None:
    from stance.cv import fold_predictions

    own = sport_frame()
    other = stance_frame("politics")
    y = own["stance"].to_numpy(object)
    tr, te = np.arange(0, 21, 2), np.arange(1, 21, 2)
    out = fold_predictions(
        own["text"].tolist(),
        y,
        tr,
        te,
        TrainConfig(C=[1.0]),
        None,
        (other["text"].tolist(), other["stance"].to_numpy(object)),
        [0.0, 1.0],
    )
    assert sorted(out) == [(1, 1.0, 0.0), (1, 1.0, 1.0)]
    assert all(len(pred) == len(te) for pred in out.values())


def test_other_target_weight_config(tmp_path) -> None:
    p = tmp_path / "c.toml"
    p.write_text("[model]\nother_target_weight = 0.1\n[stance]\nother_target_weight = [0, 0.3]\n")
    cfg = load_config(p)
    assert cfg.other_target_weight == [0.1]
    assert cfg.for_head("stance").other_target_weight == [0.0, 0.3]
    assert cfg.to_dict()["heads"]["stance"]["other_target_weight"] == [0.0, 0.3]
    for text, msg in [
        ("[model]\nother_target_weight = [-0.1]\n", "other_target_weight must be numbers >= 0"),
        ("[stance]\nother_target_weight = []\n", "other_target_weight must be numbers >= 0"),
        ('[model]\nother_target_weight = ["a"]\n', "could not convert"),
        (
            "[tone]\nother_target_weight = [0.1]\n",
            "'other_target_weight' applies to the stance head only, not in \\[tone\\]",
        ),
    ]:
        p.write_text(text)
        with pytest.raises(ConfigError, match=msg):
            load_config(p)


def test_stance_keeps_its_token_pattern_when_tone_changes(tone_frame) -> None:
    config = {**FAST, "tone": {"token_pattern": r"(?u)\b\w\w+\b"}}
    model = train([stance_frame("A"), stance_frame("B"), tone_frame.iloc[::3]], config=config).model

    def pattern(pipe: object) -> str:
        return pipe.named_steps["features"].transformer_list[0][1].token_pattern

    assert {pattern(p) for p in model.heads["stance"].values()} == {r"(?u)[#@]?\b\w+\b"}
    assert pattern(model.heads["tone"][POOLED]) == r"(?u)\b\w\w+\b"
    # "#hashtag" and one-letter words are stance tokens, not tone tokens.
    word = model.heads["stance"]["A"].named_steps["features"].transformer_list[0][1]
    assert word.build_analyzer()("#free a") == ["#free", "a", "#free a"]


# ---- progress -------------------------------------------------------------------------


def test_progress_messages_per_head_fold_and_final_fit(tone_frame) -> None:
    import re

    messages: list[str] = []
    heads: list[tuple[str, int, bool]] = []
    train(
        [sport_frame(), stance_frame("politics"), tone_frame.iloc[::3]],
        config={"cv": {"C": [1.0], "folds": 3}, "model": {"other_target_weight": [0, 0.5]}},
        progress=messages.append,
        head_progress=lambda head, rows, took: heads.append((head, rows, took is None)),
    )
    # each head's start (no time yet) and end (the seconds it took)
    assert heads == [
        ("stance", 81, True),
        ("stance", 81, False),
        ("tone", 100, True),
        ("tone", 100, False),
    ]
    plain = [
        re.sub(r"; about \d+ (s|min) left$", "", re.sub(r" at \d+ s", " at N s", m))
        for m in messages
    ]
    assert plain == [
        "stance [politics]: 60 rows (+21 from other targets), 3-fold CV of 2 settings",
        "stance [politics]: fold 1/3 done at N s",
        "stance [politics]: fold 2/3 done at N s",
        "stance [politics]: fold 3/3 done at N s",
        "stance [politics]: final fit on 60 rows (C=1, min_df=1)",
        "stance [sport]: 21 rows (+60 from other targets), 3-fold CV of 2 settings",
        "stance [sport]: fold 1/3 done at N s",
        "stance [sport]: fold 2/3 done at N s",
        "stance [sport]: fold 3/3 done at N s",
        plain[9],  # the weight CV picks
        "stance [pooled, 2 targets]: 81 rows, 3-fold CV of 1 setting",
        "stance [pooled, 2 targets]: fold 1/3 done at N s",
        "stance [pooled, 2 targets]: fold 2/3 done at N s",
        "stance [pooled, 2 targets]: fold 3/3 done at N s",
        "stance [pooled, 2 targets]: final fit on 81 rows (C=1, min_df=1)",
        "tone: 100 rows, 3-fold CV of 1 setting",
        "tone: fold 1/3 done at N s",
        "tone: fold 2/3 done at N s",
        "tone: fold 3/3 done at N s",
        "tone: final fit on 100 rows (C=1, min_df=1)",
    ]
    assert re.fullmatch(
        r"stance \[sport\]: final fit on 21 rows( \+ 60 other-target rows"
        r" x 0\.5)? \(C=1, min_df=1\)",
        plain[9],
    )
    # Once some work is done, messages carry an estimate of the time left.
    assert sum(m.endswith(" left") for m in messages) >= 10
    assert not messages[0].endswith(" left")


def test_time_left_estimate() -> None:
    from stance.training import _duration, _Progress

    now = [0.0]
    said: list[str] = []
    p = _Progress(said.append, total=100.0, clock=lambda: now[0])
    p.advance(2.0, "a")  # under 5% done: no guess yet
    now[0] = 30.0
    p.advance(48.0, "b")  # half done in 30 s: 30 s left
    now[0] = 60.0
    p.advance(50.0, "c")  # all done: nothing to estimate
    assert said == ["a", "b; about 30 s left", "c"]
    assert [_duration(s) for s in (0.2, 59.6, 89, 95, 1500, 7300)] == [
        "1 s",
        "60 s",
        "89 s",
        "2 min",
        "25 min",
        "2 h 2 min",
    ]


def test_pooled_settings_for_unseen_targets() -> None:
    """pooled_none_weight and pooled_target_balance change the pooled pipeline only."""
    frames = [sport_frame(), stance_frame("politics")]
    base = train(frames, config=FAST).model.heads["stance"]
    cfg = {**FAST, "stance": {"pooled_none_weight": 0.3, "pooled_target_balance": "equal"}}
    tuned = train(frames, config=cfg).model.heads["stance"]
    cw = tuned[POOLED].named_steps["clf"].class_weight
    # balanced by the (target-balanced) weights: sport and politics weigh the same, so
    # every class weighs the same before none's factor.
    assert cw == pytest.approx({"against": 1.0, "favor": 1.0, "none": 0.3})
    assert base[POOLED].named_steps["clf"].class_weight == "balanced"
    for t in ("sport", "politics"):
        np.testing.assert_array_equal(
            base[t].named_steps["clf"].coef_, tuned[t].named_steps["clf"].coef_
        )
    probe = ["the referee was there", "the market opened today"]
    assert (
        tuned[POOLED].predict_proba(probe)[:, 2] < base[POOLED].predict_proba(probe)[:, 2]
    ).all()  # column 2: none
    # One target: its pipeline is the pooled one, left as it is.
    one = train(sport_frame(), config=cfg).model.heads["stance"][POOLED]
    assert one.named_steps["clf"].class_weight == "balanced"
    for text, msg in [
        ('[stance]\npooled_target_balance = "log"\n', "pooled_target_balance must be"),
        ("[model]\npooled_none_weight = 0\n", "pooled_none_weight must be"),
        ("[tone]\npooled_none_weight = 0.5\n", "applies to the stance head"),
    ]:
        with pytest.raises(ConfigError, match=msg):
            load_config(tomllib.loads(text))
