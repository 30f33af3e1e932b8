"""`char = false`: a pipeline without the char n-gram part (a faster model for bulk
scoring), from the config to the compiled scorer."""

from __future__ import annotations

import numpy as np
import pytest

from stance.config import load_config
from stance.errors import ConfigError
from stance.features import FeatureConfig, build_pipeline

TONE = {
    "civil": ["thank you for the report", "a fair point on the budget", "the vote was close"],
    "uncivil": ["what a stupid idea", "shut up already", "nonsense from the clowns"],
    "abusive": ["you are an idiot", "what an idiot", "the minister is a moron"],
}


def test_the_config_turns_char_ngrams_off_per_head() -> None:
    cfg = load_config({"tone": {"char": False}})
    assert cfg.for_head("tone").features.char is False
    assert cfg.for_head("stance").features.char is True
    assert cfg.to_dict()["heads"] == {"tone": {"char": False}}
    assert load_config({"features": {"char": False}}).to_dict()["char"] is False
    with pytest.raises(ConfigError, match="char must be true or false"):
        load_config({"features": {"char": "no"}})


def test_a_word_only_pipeline_scores_exactly_with_word_reasons(tmp_path) -> None:
    from stance.model import StanceModel
    from stance.persist import save_model
    from stance.score.scorer import load_scorer

    texts = [t + tail for ts in TONE.values() for t in ts for tail in ("", " today", " again")]
    labels = [lab for lab, ts in TONE.items() for _ in ts for _ in range(3)]
    pipe = build_pipeline(FeatureConfig(char=False, min_df=1, C=1.0)).fit(texts, labels)
    assert [name for name, _ in pipe.steps[0][1].transformer_list] == ["word"]
    meta = {
        "labels": {"tone": list(TONE)},
        "default_target": "",
        "heads": {"tone": ["*"]},
        "training_data": {"rows": len(texts), "sha256": "0" * 64, "files": []},
    }
    save_model(StanceModel({"tone": {"*": pipe}}, meta), tmp_path / "m")
    new = ["you idiot, go away", "thanks for the fair report"]
    got = load_scorer(tmp_path / "m").score(new)
    want = pipe.predict_proba(new)
    cols = [f"tone_p_{c}" for c in pipe.classes_]
    assert np.allclose(got[cols].to_numpy(), want, atol=1e-6)
    assert got["tone"].tolist() == ["abusive", "civil"]
    assert "idiot +" in got["reasons"][0]
