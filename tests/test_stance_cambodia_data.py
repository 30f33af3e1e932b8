"""The default model's stance rows: labels/stance-cambodia.csv (issue 9, "Stance that is
not a placeholder"), written for the project, stance only, toward the default target."""

from __future__ import annotations

import re

import pandas as pd

from stance.labels import check_files
from stance.policy import default_policy
from stance.score.scorer import MIN_STANCE_ROWS, Scorer
from stance.training import default_training_inputs, train

DEFAULT = "Cambodian government (Hun Sen / CPP)"


def _read(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_file_is_valid_stance_only_for_the_default_target(repo_root) -> None:
    path = repo_root / "labels" / "stance-cambodia.csv"
    (summary,) = check_files([path])
    assert not summary.problems
    assert summary.rows == 487
    assert summary.stance_counts == {"favor": 148, "against": 187, "none": 152}
    assert summary.targets == {DEFAULT: 487}
    df = _read(path)
    assert (df["tone"] == "").all()  # the tone head's data and figures do not move
    assert (df["target"] == "").all() and (df["annotator"] == "project").all()
    assert all(re.fullmatch(r"kh-s-\d{4}", i) for i in df["id"])
    assert 30 <= df["article"].nunique() <= 60 and (df["article"] != "").all()


def test_no_row_copies_a_seed_or_a_held_out_benchmark_comment(repo_root) -> None:
    ours = {t.strip().lower() for t in _read(repo_root / "labels" / "stance-cambodia.csv")["text"]}
    for other in ("labels/seeds.csv", "benchmarks/data/cambodia-comments.csv"):
        theirs = {t.strip().lower() for t in _read(repo_root / other)["text"]}
        assert not ours & theirs, other


def test_default_model_has_enough_stance_rows_for_its_target(repo_root) -> None:
    files, _ = default_training_inputs(folder=repo_root / "labels")
    rows = sum(
        s.targets.get(DEFAULT, 0) for s in check_files(files) if not s.path.endswith("seeds.csv")
    )
    assert rows >= MIN_STANCE_ROWS


def test_stance_head_from_the_file_names_sides_and_none(repo_root) -> None:
    df = _read(repo_root / "labels" / "stance-cambodia.csv")
    model = train(df, config={"cv": {"C": [1.0], "folds": 0}}).model
    scorer = Scorer(model, default_policy())
    assert not any("training rows" in w for w in scorer.warnings)
    frame = scorer.score(["Thanks for the article", "When does the new airport open?"])
    assert frame["stance"].tolist() == ["none", "none"]
