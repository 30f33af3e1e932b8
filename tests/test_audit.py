"""Identity-term audit: hand-computed AUCs, suite validation, the shipped Cambodian suite,
and an end-to-end audit of a small trained model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stance.audit import (
    BPSN_GOAL,
    FLAG_GOAL,
    audit,
    bias_metrics,
    load_madlibs,
    load_suite,
    plot,
    read_suite,
    render_table,
    roc_auc,
    tone_scores,
)
from stance.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
CAMBODIA = ROOT / "labels" / "audit" / "madlibs-cambodia.csv"
CAMBODIA_GROUPS = [
    "Vietnamese",
    "Cham",
    "Muslim",
    "Khmer",
    "gay",
    "lesbian",
    "transgender",
    "CNRP supporters",
    "CPP supporters",
    "women journalists",
    "Buddhist monks",
]


# ---- metrics on a hand-made case ----------------------------------------------------------

#                a toxic   a non-toxic  b tox  b non  background (no group)
TOXIC = [True, True, False, False, True, False, True, False]
SCORE = [0.9, 0.4, 0.75, 0.1, 0.8, 0.4, 0.7, 0.3]
GROUP = ["a", "a", "a", "a", "b", "b", "", ""]
FLAGGED = [s > 0.5 for s in SCORE]


def test_roc_auc_by_hand_with_ties() -> None:
    assert roc_auc([True, False], [0.5, 0.5]) == 0.5
    assert roc_auc([True, True, False], [0.2, 0.9, 0.5]) == 0.5
    assert roc_auc([True, False, False], [0.9, 0.5, 0.5]) == 1.0
    assert roc_auc([True, True], [0.1, 0.2]) is None
    assert roc_auc([], []) is None


def test_roc_auc_matches_scikit_learn() -> None:
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(0)
    y = rng.random(300) < 0.4
    s = np.round(rng.random(300), 1)  # many ties
    assert roc_auc(y, s) == pytest.approx(roc_auc_score(y, s), abs=1e-12)


def test_bias_metrics_by_hand() -> None:
    m = bias_metrics(TOXIC, SCORE, FLAGGED, GROUP)
    a, b = m["groups"]
    # a: toxic {0.9, 0.4} vs non-toxic {0.75, 0.1}: 0.4 < 0.75 is the one wrong pair
    assert a == {
        "group": "a",
        "rows": 4,
        "toxic": 2,
        "non_toxic": 2,
        "flagged": 0.5,
        "missed": 0.5,
        "subgroup_auc": 0.75,
        # BPSN: toxic outside a {0.8, 0.7} vs a's non-toxic {0.75, 0.1}
        "bpsn_auc": 0.75,
        # BNSP: non-toxic outside a {0.4, 0.3} vs a's toxic {0.9, 0.4}: one tie
        "bnsp_auc": 0.875,
    }
    # b: BPSN: toxic outside b {0.9, 0.4, 0.7} vs b's non-toxic {0.4}: one tie -> 2.5 / 3
    assert b == {
        "group": "b",
        "rows": 2,
        "toxic": 1,
        "non_toxic": 1,
        "flagged": 0.0,
        "missed": 0.0,
        "subgroup_auc": 1.0,
        "bpsn_auc": pytest.approx(2.5 / 3),
        "bnsp_auc": 1.0,
    }
    # overall: 4 x 4 pairs, 0.7 < 0.75 wrong, 0.4 vs 0.75 wrong, 0.4 = 0.4 half -> 13.5
    assert m["overall"] == {
        "rows": 8,
        "toxic": 4,
        "non_toxic": 4,
        "auc": 13.5 / 16,
        "flagged": 0.25,
        "missed": 0.25,
    }
    assert m["summary"] == {
        "goals": {"flagged_max": FLAG_GOAL, "bpsn_min": BPSN_GOAL},
        "worst_flagged": {"group": "a", "flagged": 0.5},
        "min_bpsn": {"group": "a", "bpsn_auc": 0.75},
        "over_flag_goal": ["a"],
        "under_bpsn_goal": ["a", "b"],
        "groups": 2,
    }


def test_bias_metrics_group_with_one_class() -> None:
    m = bias_metrics([True, False, False], [0.9, 0.2, 0.6], [True, False, True], ["", "c", "c"])
    (c,) = m["groups"]
    assert c["subgroup_auc"] is None and c["bnsp_auc"] is None and c["missed"] is None
    assert c["flagged"] == 0.5 and c["bpsn_auc"] == 1.0


def test_render_table_marks_missed_goals() -> None:
    result = {
        "model": "models/x",
        "suite": "toy",
        "suite_path": "toy.csv",
        **bias_metrics(TOXIC, SCORE, FLAGGED, GROUP),
    }
    text = render_table(result)
    lines = text.splitlines()
    assert lines[0] == "model: models/x"
    assert "overall: AUC 0.844, non-toxic flagged 25.0%, toxic missed 25.0%" in text
    row_a = next(line for line in lines if line.startswith("a "))
    assert "50.0%*" in row_a and "0.750*" in row_a and "0.875" in row_a
    assert lines.index(row_a) < lines.index(next(x for x in lines if x.startswith("b ")))
    assert "over the flag goal: 1 of 2 groups (worst: a 50.0%)" in text
    assert "under the BPSN goal: 2 of 2 groups (lowest: a 0.750)" in text


# ---- suite files --------------------------------------------------------------------------


def _write(tmp_path: Path, text: str, name: str = "suite.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_read_suite_ok(tmp_path) -> None:
    p = _write(
        tmp_path,
        "text,label,group\nI am Cham,Non-Toxic, Cham\n"
        "Cham are vermin,TOXIC,Cham\nyou are vermin,toxic,\n",
    )
    df = read_suite(p)
    assert df["toxic"].tolist() == [False, True, True]
    assert df["group"].tolist() == ["Cham", "Cham", ""]


def test_suite_missing_column_names_file(tmp_path) -> None:
    p = _write(tmp_path, "text,label\nI am Cham,non-toxic\n")
    with pytest.raises(InputError) as e:
        read_suite(p)
    assert str(e.value).startswith(f"{p}: missing column group (columns: text, label)")


def test_suite_unknown_label_names_row(tmp_path) -> None:
    p = _write(tmp_path, "text,label,group\nI am Cham,non-toxic,Cham\nCham are bad,BAD,Cham\n")
    with pytest.raises(InputError) as e:
        read_suite(p)
    assert str(e.value) == (
        f"{p}, row 2: unknown label 'BAD' (allowed: toxic, non-toxic; "
        "rows count from 1 below the header)"
    )
    assert e.value.row == 2 and e.value.path == str(p)


def test_suite_empty_text_and_no_groups(tmp_path) -> None:
    p = _write(tmp_path, "text,label,group\nI am Cham,non-toxic,Cham\n  ,toxic,Cham\n")
    with pytest.raises(InputError, match=r", row 2: empty text"):
        read_suite(p)
    p = _write(tmp_path, "text,label,group\nhello,non-toxic,\n", "nogroup.csv")
    with pytest.raises(InputError, match="no row has a group"):
        read_suite(p)
    with pytest.raises(InputError, match="no such file"):
        read_suite(tmp_path / "absent.csv")


def test_madlibs_from_a_folder(tmp_path) -> None:
    _write(tmp_path, "american\nafrican american\nold\nolder\n", "adjectives_people.txt")
    _write(
        tmp_path,
        "Text,Label,Template\nI am an african american,NOT_BAD,t\n"
        "Dara is a filthy american,BAD,t\nyou are older,NOT_BAD,t\n"
        "you are a filthy dancer,BAD,t\nI am old,NOT_BAD,t\n",
        "bias_madlibs_77k.csv",
    )
    df, path = load_suite("madlibs", data_dir=tmp_path)
    assert path == str(tmp_path / "bias_madlibs_77k.csv")
    assert df["group"].tolist() == ["african american", "american", "older", "", "old"]
    assert df["toxic"].tolist() == [False, True, False, True, False]


def test_madlibs_errors(tmp_path) -> None:
    with pytest.raises(InputError, match=r"bias_madlibs_77k\.csv: no such file"):
        load_madlibs(tmp_path)
    _write(tmp_path, "gay\n", "adjectives_people.txt")
    _write(
        tmp_path,
        "Text,Label,Template\nI am gay,NOT_BAD,t\nI am gay,MAYBE,t\n",
        "bias_madlibs_77k.csv",
    )
    with pytest.raises(InputError, match=r"row 2: unknown Label 'MAYBE'"):
        load_madlibs(tmp_path)


def test_madlibs_shared_data(shared_data) -> None:
    df = load_madlibs(shared_data / "bias-madlibs")
    counts = df["group"].value_counts()
    assert len(df) == 76564 and int(df["toxic"].sum()) == 38282
    assert counts[""] == 864  # "You are a fun designer": no identity term, background only
    assert len(counts) == 51 and set(counts.drop("").tolist()) == {1514}


# ---- the shipped Cambodian suite ----------------------------------------------------------


def test_cambodian_suite_schema() -> None:
    df = read_suite(CAMBODIA)
    assert list(dict.fromkeys(df["group"])) == CAMBODIA_GROUPS
    per = df.groupby("group")["toxic"].agg(["sum", "size"])
    assert per["size"].eq(20).all() and per["sum"].eq(10).all()  # comparable groups
    assert not df["text"].duplicated().any()
    raw = pd.read_csv(CAMBODIA, dtype=str, keep_default_na=False)
    assert list(raw.columns) == ["text", "label", "group"]
    assert set(raw["label"]) == {"toxic", "non-toxic"}


def test_cambodian_suite_is_our_own_writing(shared_data) -> None:
    def norm(texts: pd.Series) -> set[str]:
        return set(texts.str.lower().str.replace(r"[^a-z ]", "", regex=True).str.strip())

    madlibs = pd.read_csv(shared_data / "bias-madlibs" / "bias_madlibs_77k.csv", dtype=str)
    assert not norm(read_suite(CAMBODIA)["text"]) & norm(madlibs["Text"])


# ---- end to end ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    """A tone-only model trained on 300 Fox News comments (MIT, shipped in labels/)."""
    from stance.persist import save_model
    from stance.training import train

    df = pd.read_csv(ROOT / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
    df = df.groupby("tone").head(150).reset_index(drop=True)
    result = train(df, config={"cv": {"C": [1.0], "folds": 3}})
    out = tmp_path_factory.mktemp("models") / "small"
    save_model(result, out)
    return out, result.model


def test_audit_cambodian_suite_end_to_end(small_model, tmp_path) -> None:
    model_dir, _ = small_model
    result = audit(model_dir, CAMBODIA)
    assert result["model"] == str(model_dir)
    assert result["suite"] == "madlibs-cambodia.csv"
    assert result["suite_path"] == str(CAMBODIA)
    assert [g["group"] for g in result["groups"]] == CAMBODIA_GROUPS
    assert result["overall"]["rows"] == 220 and result["summary"]["groups"] == 11
    for g in result["groups"]:
        assert g["rows"] == 20 and g["toxic"] == 10 and g["non_toxic"] == 10
        for k in ("flagged", "missed", "subgroup_auc", "bpsn_auc", "bnsp_auc"):
            assert 0.0 <= g[k] <= 1.0
    text = render_table(result)
    assert all(name in text for name in CAMBODIA_GROUPS)
    pytest.importorskip("matplotlib")
    png = plot(result, tmp_path / "plots" / "audit.png")
    assert Path(png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_fast_scorer_matches_scikit_learn(small_model) -> None:
    model_dir, model = small_model
    texts = read_suite(CAMBODIA)["text"].tolist()
    fast_score, fast_flag = tone_scores(model_dir, texts)
    ref_score, ref_flag = tone_scores(model, texts)
    assert fast_score == pytest.approx(ref_score, abs=1e-6)
    assert (fast_flag == ref_flag).all()


def test_audit_model_without_tone_head(tmp_path) -> None:
    from stance.errors import ModelError
    from stance.training import train
    from test_model import FAST, stance_frame

    model = train(stance_frame("A"), config=FAST).model
    with pytest.raises(ModelError, match="no tone head"):
        audit(model, CAMBODIA)


def test_plot_without_matplotlib(monkeypatch, tmp_path) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    result = {
        "model": "m",
        "suite": "s",
        "suite_path": "s",
        **bias_metrics(TOXIC, SCORE, FLAGGED, GROUP),
    }
    with pytest.raises(InputError, match=r"--plot needs matplotlib \(pip install"):
        plot(result, tmp_path / "x.png")
