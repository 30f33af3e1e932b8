"""The fit cache (stance.fitcache): the public rows' counts kept between training runs
give the model a plain fit gives, bit for bit; a change of the data or of the analysis
settings misses; a damaged entry is rebuilt."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stance import fitcache
from stance.features import FeatureConfig, build_pipeline
from stance.training import train

CFG = FeatureConfig(min_df=2, lexicon=True, class_weight=None, tol=1e-3)


@pytest.fixture(scope="module")
def rows(repo_root) -> pd.DataFrame:
    df = pd.read_csv(repo_root / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
    return df.head(400).reset_index(drop=True)


@pytest.fixture(autouse=True)
def _small(monkeypatch):
    monkeypatch.setattr(fitcache, "MIN_ROWS", 10)


def _fit(texts, y, cfg=CFG, folder=None, cached_rows=300):
    pipe = build_pipeline(cfg)
    w = np.linspace(0.5, 1.5, len(texts))
    if folder is None:
        pipe.fit(texts, y, clf__sample_weight=w)
        return pickle.dumps(pipe), None
    stats = fitcache.fit_pipeline(pipe, texts, y, w, cached_rows=cached_rows, folder=folder)
    return pickle.dumps(pipe), stats.parts


def test_cached_and_plain_fits_give_the_same_model(rows, tmp_path) -> None:
    texts, y = rows["text"].tolist(), rows["tone"].to_numpy(object)
    plain, _ = _fit(texts, y)
    stored, parts = _fit(texts, y, folder=tmp_path)
    assert parts == {"word": "stored", "char": "stored", "lexicon": "stored"}
    assert len(list(tmp_path.glob("fit-*.pkl"))) == 3
    hit, parts = _fit(texts, y, folder=tmp_path)
    assert parts == {"word": "hit", "char": "hit", "lexicon": "hit"}
    assert plain == stored == hit
    # Other added rows after the same cached ones: a hit, and still the plain model.
    more = texts[:300] + [t + " extra words" for t in texts[300:]]
    assert _fit(more, y, folder=tmp_path) == (
        _fit(more, y)[0],
        {"word": "hit", "char": "hit", "lexicon": "hit"},
    )


def test_a_hit_counts_only_the_rows_after_the_cached_ones(rows, tmp_path, monkeypatch) -> None:
    texts, y = rows["text"].tolist(), rows["tone"].to_numpy(object)
    _fit(texts, y, folder=tmp_path)
    counted: list[int] = []
    count = fitcache._count
    monkeypatch.setattr(
        fitcache, "_count", lambda v, d, voc: counted.append(len(d)) or count(v, d, voc)
    )
    _fit(texts, y, folder=tmp_path)
    assert counted == [100, 100, 100]


def test_changed_data_or_analysis_settings_miss(rows, tmp_path) -> None:
    texts, y = rows["text"].tolist(), rows["tone"].to_numpy(object)
    _fit(texts, y, folder=tmp_path)
    # One cached text changed: every part misses, and the model is the plain one.
    changed = ["Changed." + texts[0], *texts[1:]]
    model, parts = _fit(changed, y, folder=tmp_path)
    assert set(parts.values()) == {"stored"}
    assert model == _fit(changed, y)[0]
    # Another char n-gram range: that part misses; the word and lexicon parts hit.
    cfg = FeatureConfig(**{**CFG.__dict__, "char_ngram": (2, 4)})
    model, parts = _fit(texts, y, cfg, folder=tmp_path)
    assert parts == {"word": "hit", "char": "stored", "lexicon": "hit"}
    assert model == _fit(texts, y, cfg)[0]
    # min_df, C and the like apply after counting: a hit, and the plain model still.
    cfg = FeatureConfig(**{**CFG.__dict__, "min_df": 1, "C": 3.0, "sublinear_tf": False})
    model, parts = _fit(texts, y, cfg, folder=tmp_path)
    assert set(parts.values()) == {"hit"}
    assert model == _fit(texts, y, cfg)[0]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip", "other"])
def test_a_damaged_entry_is_ignored_and_rebuilt(rows, tmp_path, damage) -> None:
    texts, y = rows["text"].tolist(), rows["tone"].to_numpy(object)
    plain, _ = _fit(texts, y)
    _fit(texts, y, folder=tmp_path)
    for f in tmp_path.glob("fit-*.pkl"):
        data = bytearray(f.read_bytes())
        if damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "garbage":
            data = bytearray(b"not a pickle")
        elif damage == "flip":  # a count changed inside the arrays: the checksum fails
            entry = pickle.loads(bytes(data))
            entry["values"][0] += 1
            data = bytearray(pickle.dumps(entry))
        else:  # a readable pickle of something else
            data = bytearray(pickle.dumps({"rows": 300}))
        f.write_bytes(bytes(data))
    model, parts = _fit(texts, y, folder=tmp_path)
    assert set(parts.values()) == {"stored"}
    assert model == plain
    assert set(_fit(texts, y, folder=tmp_path)[1].values()) == {"hit"}


def test_small_fits_and_an_off_cache_do_not_use_it(rows, tmp_path, monkeypatch) -> None:
    texts, y = rows["text"].tolist(), rows["tone"].to_numpy(object)
    monkeypatch.setattr(fitcache, "MIN_ROWS", 301)
    assert _fit(texts, y, folder=tmp_path)[1] == {}
    monkeypatch.setattr(fitcache, "MIN_ROWS", 10)
    monkeypatch.setenv("STANCE_CACHE", "off")
    pipe = build_pipeline(CFG)
    assert fitcache.fit_pipeline(pipe, texts, y, cached_rows=300).parts == {}
    assert not list(tmp_path.glob("fit-*.pkl"))


def test_the_cache_is_pruned_to_its_size_most_recent_first(tmp_path) -> None:
    for i, size in enumerate([300, 200, 100]):
        f = tmp_path / f"fit-{i}.pkl"
        f.write_bytes(b"x" * size)
        os.utime(f, (1000 + i, 1000 + i))
    fitcache._prune(tmp_path, limit=350)
    assert sorted(p.name for p in tmp_path.glob("fit-*.pkl")) == ["fit-1.pkl", "fit-2.pkl"]
    fitcache._prune(tmp_path, limit=10)  # the newest is always kept
    assert [p.name for p in tmp_path.glob("fit-*.pkl")] == ["fit-2.pkl"]
    assert fitcache.cache_bytes(tmp_path) == 100


def test_train_with_added_rows_uses_the_cache_and_gives_the_same_model(
    rows, tmp_path, monkeypatch
) -> None:
    public = rows.head(300)
    mine = rows.tail(100).assign(id=lambda d: "mine" + d["id"])
    config = {"features": {"lexicon": True}, "cv": {"folds": 0, "C": [1.0]}}
    monkeypatch.setenv("STANCE_CACHE", "off")
    plain = train(public, add=mine, config=config).model
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path))
    first = train(public, add=mine, config=config).model
    assert len(list(Path(tmp_path).glob("fit-*.pkl"))) == 3  # word, char, lexicon
    again = train(public, add=mine.head(60), config=config).model
    monkeypatch.setenv("STANCE_CACHE", "off")
    assert again.heads["tone"]["*"].named_steps["clf"].coef_.shape[0] == 1
    assert pickle.dumps(first.heads) == pickle.dumps(plain.heads)
    assert pickle.dumps(again.heads) == pickle.dumps(
        train(public, add=mine.head(60), config=config).model.heads
    )


@pytest.mark.parametrize("cached", [True, False])
def test_keep_features_fits_the_same_model_and_keeps_its_matrix(rows, tmp_path, cached) -> None:
    texts, y = rows["text"].tolist(), rows["tone"].to_numpy(object)
    plain, _ = _fit(texts, y)
    pipe = build_pipeline(CFG)
    w = np.linspace(0.5, 1.5, len(texts))
    folder = tmp_path if cached else None
    stats = fitcache.fit_pipeline(
        pipe, texts, y, w, cached_rows=300 if cached else 0, folder=folder, keep_features=True
    )
    assert pickle.dumps(pipe) == plain
    x = pipe.named_steps["features"].transform(texts)
    assert stats.features.shape == x.shape
    assert abs(stats.features - x).max() < 1e-6
    assert fitcache.fit_pipeline(build_pipeline(CFG), texts, y, w).features is None
