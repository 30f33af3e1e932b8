"""`stance suggest`: deterministic, skips what is labelled, no duplicates, honours -n."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.errors import InputError
from stance.suggest import BATCH_COLUMNS, normalise_text, suggest
from test_model import FAST, stance_frame

runner = CliRunner()

_WORDS = [
    "Hun Sen",
    "the CPP",
    "the government",
    "the opposition",
    "the election",
    "the market",
    "the weather",
    "the match",
    "rice prices",
    "Kem Sokha",
]
_VERBS = ["is good for", "is bad for", "talks about", "ignores", "helps", "hurts"]
_OBJECTS = ["farmers", "the roads", "schools", "the courts", "Siem Reap", "the press"]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, repo_root) -> Path:
    """A small model with both heads (seconds to train)."""
    from stance.persist import save_model
    from stance.training import train

    tone = pd.read_csv(repo_root / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
    data = [stance_frame(), tone.groupby("tone").head(40)]
    return save_model(train(data, config=FAST), tmp_path_factory.mktemp("m") / "small")


@pytest.fixture(scope="module")
def pool(tmp_path_factory) -> Path:
    """360 distinct comments, then repeats of the first ten (one exact, one re-spaced)."""
    texts = [f"{w} {v} {o}" for w in _WORDS for v in _VERBS for o in _OBJECTS]
    texts += texts[:10] + [f"  {t.upper()}  " for t in texts[:10]]
    path = tmp_path_factory.mktemp("pool") / "pool.csv"
    pd.DataFrame({"id": [f"c{i}" for i in range(len(texts))], "text": texts}).to_csv(
        path, index=False
    )
    return path


def test_the_same_seed_gives_the_same_batch(model_dir, pool) -> None:
    a = suggest(model_dir, [str(pool)], 12, seed=3).batch
    b = suggest(model_dir, [str(pool)], 12, seed=3).batch
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == list(BATCH_COLUMNS)


@pytest.mark.parametrize("n", [1, 5, 12])
def test_honours_n(model_dir, pool, n) -> None:
    assert len(suggest(model_dir, [str(pool)], n).batch) == n


def test_never_returns_duplicates(model_dir, pool) -> None:
    result = suggest(model_dir, [str(pool)], 60)
    keys = [normalise_text(t) for t in result.batch["text"]]
    assert len(set(keys)) == len(keys)
    assert result.batch["id"].is_unique
    assert result.pool_rows == 380 and result.candidates == 360  # 20 repeats collapsed


def test_near_duplicates_are_collapsed(model_dir, tmp_path) -> None:
    """Ten copies of one comment with a word changed yield one row at the default
    similarity; with no similarity limit the near-copies come out."""
    texts = [f"Hun Sen is a dictator and the CPP jails people number {i}" for i in range(10)]
    texts.append("the weather in Phnom Penh is hot and rice prices went up")
    path = tmp_path / "near.csv"
    pd.DataFrame({"id": [f"n{i}" for i in range(11)], "text": texts}).to_csv(path, index=False)
    batch = suggest(model_dir, [str(path)], 5).batch
    assert sum("dictator" in t for t in batch["text"]) == 1
    assert len(batch) == 2
    assert len(suggest(model_dir, [str(path)], 5, threshold=1.01).batch) == 5


def test_excludes_what_is_labelled(model_dir, pool, tmp_path) -> None:
    frame = pd.read_csv(pool, dtype=str)
    labelled = tmp_path / "labelled.csv"
    # ten rows by id, ten by text (another case and spacing, another id)
    pd.DataFrame(
        {
            "id": [*frame["id"][:10], *[f"other{i}" for i in range(10)]],
            "text": ["x"] * 10 + [f" {t.title()} " for t in frame["text"][10:20]],
            "target": "",
            "stance": "",
            "tone": "civil",
        }
    ).to_csv(labelled, index=False)
    result = suggest(model_dir, [str(pool)], 400, exclude=[str(labelled)])
    keys = {normalise_text(t) for t in result.batch["text"]}
    assert not set(result.batch["id"]) & set(frame["id"][:20])
    assert not keys & {normalise_text(t) for t in frame["text"][:20]}
    assert result.excluded == 40  # 20 rows and the 20 repeats of the first ten
    assert result.candidates == 340


def test_a_share_goes_to_rare_classes(model_dir, pool, tmp_path) -> None:
    """With labelled files, a class with almost no labelled rows gets about a fifth of
    the batch: its likeliest members."""
    labelled = tmp_path / "labelled.csv"
    rows = [("favor", "civil")] * 30 + [("against", "abusive")] * 30 + [("none", "civil")] * 2
    pd.DataFrame(
        {
            "id": [f"l{i}" for i in range(len(rows))],
            "text": [f"labelled {i}" for i in range(len(rows))],
            "target": "",
            "stance": [s for s, _ in rows],
            "tone": [t for _, t in rows],
        }
    ).to_csv(labelled, index=False)
    batch = suggest(model_dir, [str(pool)], 10, exclude=[str(labelled)], heads="stance").batch
    rare = batch["why"][batch["why"].str.startswith("rare class")].tolist()
    assert rare and len(rare) == 2
    assert all(w.startswith("rare class: stance none (2 labelled), p ") for w in rare)
    # without labelled files no class counts are known: every pick is by uncertainty
    plain = suggest(model_dir, [str(pool)], 10, heads="stance").batch
    assert plain["why"].str.startswith("uncertain: stance ").all()


def test_bad_requests_are_input_errors(model_dir, pool, tmp_path) -> None:
    with pytest.raises(InputError, match="-n 0"):
        suggest(model_dir, [str(pool)], 0)
    with pytest.raises(InputError, match="--head 'all'"):
        suggest(model_dir, [str(pool)], 3, heads="all")
    everything = tmp_path / "all.csv"
    pd.read_csv(pool, dtype=str).to_csv(everything, index=False)
    with pytest.raises(InputError, match="nothing to suggest: the pool's 380 rows"):
        suggest(model_dir, [str(pool)], 3, exclude=[str(everything)])


def test_cli_writes_the_batch_in_the_labelling_format(model_dir, pool, tmp_path) -> None:
    out = tmp_path / "batch.csv"
    res = runner.invoke(app, ["suggest", str(model_dir), str(pool), "-n", "4", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stdout == (
        f"4 comments suggested from 360 candidates (380 rows read, 0 already labelled) -> {out}\n"
    )
    batch = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(batch.columns) == list(BATCH_COLUMNS)
    assert (batch["stance"] == "").all() and (batch["tone"] == "").all()
    assert batch["suggested_tone"].isin(["civil", "uncivil", "abusive"]).all()
    assert batch["why"].str.startswith("uncertain: stance ").all()


def test_cli_names_a_missing_exclude_file(model_dir, pool, tmp_path) -> None:
    res = runner.invoke(
        app,
        [
            "suggest",
            *(str(model_dir), str(pool), "-o", str(tmp_path / "b.csv")),
            *("--exclude", str(tmp_path / "nope.csv")),
        ],
    )
    assert res.exit_code == 2
    assert "nope.csv" in res.stderr
