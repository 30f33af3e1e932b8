"""`stance score` and `stance explain`: every row once, in order, exact scores, bad rows."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stance.cli import app
from stance.score.explanation import explain
from stance.score.inputs import ScoreOptions
from stance.score.run import score_files
from stance.score.scorer import Scorer, load_scorer

runner = CliRunner()
PROB_COLS = [
    "stance_p_favor",
    "stance_p_against",
    "stance_p_none",
    "tone_p_civil",
    "tone_p_uncivil",
    "tone_p_abusive",
]
SCORE_COLS = [
    "stance",
    "stance_p_favor",
    "stance_p_against",
    "stance_p_none",
    "tone",
    "tone_p_civil",
    "tone_p_uncivil",
    "tone_p_abusive",
    "action",
    "reasons",
]


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory, shared_data) -> Path:
    """A real two-head model (tone: Davidson; stance: SemEval, pooled + Atheism), built
    once per session (tests/test_score_run.py imports this fixture too)."""
    from stance.features import build_pipeline
    from stance.model import StanceModel
    from stance.persist import save_model

    out = tmp_path_factory.getbasetemp() / "models-small"
    if (out / "meta.json").is_file():
        return out

    dav = pd.read_csv(shared_data / "davidson-hate-offensive" / "labeled_data.csv").iloc[:1200]
    tone_y = dav["class"].map({0: "abusive", 1: "uncivil", 2: "civil"}).to_numpy()
    se = pd.read_csv(
        shared_data / "semeval2016-task6" / "train-official-2914.tsv", sep="\t", encoding="cp1252"
    )
    y = se["Stance"].str.lower().to_numpy()
    ath = (se["Target"] == "Atheism").to_numpy()
    heads = {
        "tone": {"*": build_pipeline().fit(dav["tweet"].tolist(), tone_y)},
        "stance": {
            "*": build_pipeline().fit(se["Tweet"].tolist()[:1200], y[:1200]),
            "Atheism": build_pipeline().fit(se["Tweet"][ath].tolist(), y[ath]),
        },
    }
    meta = {
        "labels": {"stance": ["favor", "against", "none"], "tone": ["civil", "uncivil", "abusive"]},
        "default_target": "Hillary Clinton",
        "heads": {h: list(p) for h, p in heads.items()},
        "training_data": {"rows": 2400, "sha256": "0" * 64, "files": []},
    }
    save_model(StanceModel(heads, meta), out)
    return out


@pytest.fixture(scope="session")
def scorer(model_dir) -> Scorer:
    return load_scorer(model_dir)


@pytest.fixture(scope="session")
def sk_model(model_dir):
    """The same model as scikit-learn objects (the reference)."""
    from stance.persist import load_model

    return load_model(model_dir)


@pytest.fixture(scope="session")
def olid_texts(shared_data) -> list[str]:
    df = pd.read_csv(shared_data / "olid" / "olid-training-v1.0.tsv", sep="\t", quoting=3)
    return df["tweet"].tolist()[:3000]


#: The scorer computes tf-idf in float64, scikit-learn in float32 (the vectorizers'
#: dtype): probabilities agree to within about 1e-6; the n-gram counts agree exactly
#: (tests/test_fast.py).
ATOL = 2e-6


def _expected(
    sk_model,
    scorer: Scorer,
    texts: list[str],
    target: str | None = None,
) -> np.ndarray:
    """Probabilities straight from the scikit-learn pipelines (the reference)."""
    cols = []
    for head in ("stance", "tone"):
        pipe = sk_model.pipeline_for(head, target if head == "stance" else None)
        proba = pipe.predict_proba(texts)
        order = [list(pipe.classes_).index(lab) for lab in scorer.labels[head]]
        cols.append(proba[:, order])
    return np.hstack(cols)


def test_scores_equal_sklearn_pipelines(scorer, sk_model, olid_texts) -> None:
    frame = scorer.score(olid_texts)
    assert list(frame.columns) == SCORE_COLS
    want = _expected(sk_model, scorer, olid_texts)
    np.testing.assert_allclose(frame[PROB_COLS].to_numpy(), want, rtol=0, atol=ATOL)
    # the same labels wherever the top two probabilities are not a near tie
    for head, cols in (("stance", PROB_COLS[:3]), ("tone", PROB_COLS[3:])):
        p = want[:, [PROB_COLS.index(c) for c in cols]]
        top2 = np.sort(p, axis=1)[:, -2:]
        clear = top2[:, 1] - top2[:, 0] > 1e-5
        labels = np.array([c.split("_p_")[1] for c in cols])[p.argmax(axis=1)]
        assert (frame[head].to_numpy()[clear] == labels[clear]).all()
    # per-target pipelines: Atheism rows use their own, unknown targets the pooled one
    targets = ["Atheism", "Nobody", None] * 10
    texts = olid_texts[:30]
    got = scorer.score(texts, targets)[PROB_COLS].to_numpy()
    for t in ("Atheism", "Nobody"):
        idx = [i for i, x in enumerate(targets) if x == t]
        np.testing.assert_allclose(
            got[idx], _expected(sk_model, scorer, [texts[i] for i in idx], t), atol=ATOL
        )


def test_reasons_are_exact_linear_contributions(scorer, sk_model) -> None:
    text = "you are a stupid idiot and a liar"
    res = explain(scorer.model, text, k=500)
    pipe = sk_model.pipeline_for("tone")
    x = pipe[:-1].transform([text]).tocsr()
    clf = pipe[-1]
    label = res["heads"]["tone"]["label"]
    c = list(clf.classes_).index(label)
    contrib = x.data * clf.coef_[c][x.indices]
    # every positive contribution is listed, largest first, with its value
    assert [w for _, w in res["heads"]["tone"]["grams"]] == pytest.approx(
        sorted(contrib[contrib > 0].tolist(), reverse=True), rel=1e-5
    )
    logit = contrib.sum() + clf.intercept_[c]
    assert logit == pytest.approx(clf.decision_function(x)[0][c], rel=1e-5)


def test_reasons_name_the_words_of_the_text(scorer, sk_model, olid_texts) -> None:
    """`reasons` lists words of the comment (as written) with the sum of their n-grams'
    shares toward the deciding labels: the same figures as `word_weights`."""
    from stance.score.explanation import word_weights

    texts = olid_texts[:400]
    frame = scorer.score(texts)
    checked = 0
    for text, reason in zip(texts, frame["reasons"], strict=True):
        prefix, _, listed = reason.partition(": ")
        items = [it.rsplit(" ", 1) for it in listed.split(", ")] if listed else []
        assert all(word in text and float(w) > 0 for word, w in items)
        if not prefix.startswith("no rule matched; tone ") or checked >= 40:
            continue
        ww = word_weights(sk_model, text, head="tone", label=prefix.rsplit(" ", 1)[1])
        sums: dict[str, list] = {}
        for w in ww.words:
            sums.setdefault(w.form, [w.text, 0.0])[1] += w.weight
        want = sorted((v for v in sums.values() if v[1] > 0), key=lambda v: -v[1])[:3]
        assert [w for w, _ in items] == [t for t, _ in want]
        assert [float(v) for _, v in items] == pytest.approx(
            [round(v, 2) for _, v in want], abs=0.011
        )
        checked += 1
    assert checked >= 10


def _csv(path: Path, rows: list[dict]) -> Path:
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_score_file_round_trip_keeps_rows_in_order(scorer, sk_model, olid_texts, tmp_path) -> None:
    texts = [*olid_texts[:257], 'quote "inside", comma\nand newline', "  padded  "]
    src = _csv(
        tmp_path / "in.csv",
        [{"id": f"r{i:03d}", "text": t, "extra": str(i)} for i, t in enumerate(texts)],
    )
    for ext in ("csv", "tsv", "jsonl", "parquet"):
        out = tmp_path / f"out.{ext}"
        opts = ScoreOptions(chunksize=50, jobs=2, raw_cells=True)  # the texts as they are
        result = score_files(scorer, [str(src)], out, opts)
        assert (result.rows, result.marked) == (len(texts), 0)
        if ext == "tsv":  # written with quoting, as stance.io writes TSV
            got = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
        else:
            from stance.tables import read_table

            got = read_table(out)
        assert list(got.columns) == ["id", "text", "extra", *SCORE_COLS]
        assert got["id"].tolist() == [f"r{i:03d}" for i in range(len(texts))]
        assert got["text"].tolist() == texts
        probs = got[PROB_COLS].astype(float).to_numpy()
        np.testing.assert_allclose(probs, _expected(sk_model, scorer, texts), atol=ATOL)
        assert not any(p.name.endswith(".parts") for p in tmp_path.iterdir())


def test_bad_rows_fail_naming_the_row(model_dir, tmp_path) -> None:
    src = _csv(tmp_path / "in.csv", [{"id": "a", "text": "fine"}, {"id": "b", "text": " "}])
    res = runner.invoke(app, ["score", str(model_dir), str(src), "-o", str(tmp_path / "o.csv")])
    assert res.exit_code == 2
    assert res.output.strip().splitlines()[-1] == (
        f"stance: error: {src}, row 2: text is only whitespace (id b) (fix or drop the row, "
        "or pass --on-error mark to keep it unscored with an error column)"
    )
    assert not (tmp_path / "o.csv").exists()


def test_bad_rows_marked_with_error_column(model_dir, tmp_path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(
        b'id,text\n1,fine comment\n2,\n3,"bad \xff byte"\n4,'
        + b"x" * 1_000_001
        + b'\n5,"multi\nline ""quoted"" text"\n'
    )
    out = tmp_path / "o.csv"
    res = runner.invoke(
        app, ["score", str(model_dir), str(src), "-o", str(out), "--on-error", "mark"]
    )
    assert res.exit_code == 4, res.output
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert got["id"].tolist() == ["1", "2", "3", "4", "5"]
    assert got["error"].tolist() == [
        "",
        "text is empty",
        "text is not valid UTF-8 (undecodable bytes shown as U+FFFD)",
        "text has 1,000,001 characters, over the limit of 100,000 (raise it with --max-chars)",
        "",
    ]
    assert got["text"][2] == "bad \ufffd byte"
    assert got["action"].tolist()[1:4] == ["review"] * 3
    assert got["tone"].tolist()[1:4] == [""] * 3
    assert got["reasons"][1] == "not scored: text is empty"
    assert "3 rows could not be scored" in res.output


def test_non_string_cells_and_missing_column(model_dir, tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": 1, "text": "ok then"}\n{"id": 2, "text": 42}\n{"id": 3, "text": ["a"]}\n'
    )
    res = runner.invoke(app, ["score", str(model_dir), str(src), "-o", str(tmp_path / "o.csv")])
    assert res.exit_code == 2
    assert "row 2: text is a int, not a string (id 2)" in res.output
    res = runner.invoke(
        app,
        ["score", str(model_dir), str(src), "--text-col", "body", "-o", str(tmp_path / "o.csv")],
    )
    assert res.exit_code == 2
    assert res.output.strip() == (
        f"stance: error: {src}: no column 'body' (columns: id, "
        "text) (pass --text-col with one of the columns)"
    )


def test_stdin_to_stdout_csv(model_dir) -> None:
    data = "id,text\nx1,thank you for the article\nx2,you idiot\n"
    res = runner.invoke(app, ["score", str(model_dir), "-"], input=data)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == "id,text," + ",".join(SCORE_COLS)
    assert [line.split(",")[0] for line in lines[1:]] == ["x1", "x2"]


def test_seed_pages_table(model_dir, repo_root) -> None:
    res = runner.invoke(app, ["score", str(model_dir), str(repo_root / "seeds"), "--show", "table"])
    assert res.exit_code == 0, res.output
    from stance.split.document import comments_frame
    from stance.split.files import split_paths

    ids = comments_frame(split_paths([str(repo_root / "seeds")])[0])["id"].tolist()
    blocks = [line for line in res.stdout.splitlines() if not line.startswith("    ")]
    assert [line.split()[0] for line in blocks] == ids  # every seed comment, in order
    for line in blocks:
        _ident, action, *rest = line.split()
        assert action in ("approve", "review", "reject")
        assert rest[0] == "stance" and rest[3] == "tone"
    assert sum(line.startswith("    reasons: ") for line in res.stdout.splitlines()) == len(blocks)


def test_explain_plain_when_piped(model_dir) -> None:
    res = runner.invoke(app, ["explain", str(model_dir), "you are a stupid idiot", "-k", "3"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("action: ")
    assert lines[1].startswith("stance: ") and lines[3].startswith("tone: ")
    assert "\x1b[" not in res.output  # no colour codes when not a terminal
    words = lines[4].strip().split(", ")
    assert len(words) == 3 and all(g.rsplit(" ", 1)[1].startswith("+") for g in words)
    assert all(g.rsplit(" ", 1)[0] in "you are a stupid idiot" for g in words)
    assert lines[5].startswith("spans: ")


def test_resume_after_killing_a_run(model_dir, olid_texts, tmp_path) -> None:
    texts = (olid_texts * 14)[:40_000]
    src = _csv(tmp_path / "big.csv", [{"id": str(i), "text": t} for i, t in enumerate(texts)])
    out = tmp_path / "big.out.csv"
    cmd = [
        sys.executable,
        "-m",
        "stance",
        "score",
        str(model_dir),
        str(src),
        "-o",
        str(out),
        "--chunksize",
        "1000",
        "--raw-cells",
    ]  # compare the texts as they are
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    parts = tmp_path / ".big.out.csv.parts"
    deadline = time.time() + 120
    while time.time() < deadline:  # kill once some, but not all, chunks are written
        done = [p for p in parts.glob("*.csv")] if parts.is_dir() else []
        if len(done) >= 5:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = len(list(parts.glob("*.csv")))
    assert 5 <= written < 40 and not out.exists()
    res = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert got["id"].tolist() == [str(i) for i in range(len(texts))]
    assert got["text"].tolist() == texts
    assert not parts.exists()
    assert json.dumps(got["action"].unique().tolist())  # scored, not empty


def test_policy_fit_cli_writes_a_working_policy(model_dir, shared_data, tmp_path) -> None:
    dav = pd.read_csv(shared_data / "davidson-hate-offensive" / "labeled_data.csv")
    held = dav.iloc[5000:6500]  # not in the fixture model's training rows
    labelled = tmp_path / "held.csv"
    pd.DataFrame(
        {
            "id": [f"d{i}" for i in held.index],
            "text": held["tweet"],
            "target": "",
            "stance": "",
            "tone": held["class"].map({0: "abusive", 1: "uncivil", 2: "civil"}),
        }
    ).to_csv(labelled, index=False)
    out = tmp_path / "policy.toml"
    res = runner.invoke(
        app,
        [
            "policy",
            "fit",
            str(model_dir),
            str(labelled),
            "-o",
            str(out),
            "--reject-precision",
            "0.5",
            "--approve-npv",
            "0.97",
        ],
    )
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == f"wrote {out} (1500 rows, held-out (scored by the model))"
    assert lines[1].startswith("  reject: tone abusive >= ")
    kept = f"(kept from {model_dir / 'policy.toml'})"  # the model's review rules stay
    assert lines[2] == f"  review: tone abusive >= 0.4000 {kept}"
    assert lines[3] == f"  review: tone uncivil+abusive >= 0.6000 {kept}"
    assert lines[4].startswith("  approve: tone abusive < ")
    assert lines[5] == "  otherwise: review"
    assert lines[-1].startswith("  actions: approve ")
    from stance.policy import load_policy

    policy = load_policy(out)
    scored = load_scorer(model_dir, out).score(held["tweet"].tolist())
    assert scored["action"].tolist() == policy.decide(scored).actions.tolist()


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([-1.5, -0.2, 0.0, 0.1, 0.3, 0.3, 0.7, 2.0]), max_size=12),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=1, max_value=4),
    st.randoms(use_true_random=False),
)
def test_top_grams_kernel_matches_python(rows: list[list[float]], k: int, rnd) -> None:
    from stance.score.words import top_grams

    class Names:  # column i is called "f<i>"
        def display_names(self, cols):
            return [f"f{c}" for c in cols]

    indptr = np.r_[0, np.cumsum([len(r) for r in rows])].astype(np.int64)
    vals = np.array([v for r in rows for v in r], dtype=float)
    cols = np.array([c for r in rows for c in rnd.sample(range(40), len(r))], dtype=np.int64)
    weights = np.array([np.ones(40), np.linspace(-1, 2, 40)])
    picked = np.array([i for i in range(len(rows)) if rnd.random() < 0.7], dtype=np.int64)
    set_id = np.array([rnd.randrange(2) for _ in picked], dtype=np.int64)
    half = len(vals) // 2  # the same rows split in two parts, as a word and a char part
    parts = [
        (
            indptr,
            np.where(np.arange(len(vals)) < half, cols, 0),
            np.where(np.arange(len(vals)) < half, vals, 0.0),
        ),
        (
            indptr,
            np.where(np.arange(len(vals)) >= half, cols, 0),
            np.where(np.arange(len(vals)) >= half, vals, 0.0),
        ),
    ]
    got = top_grams(Names(), parts, picked, weights, set_id, k)
    # the k largest positive contributions per row, best first, ties by column
    for i, r in enumerate(picked):
        items = [
            (vals[j] * weights[set_id[i], cols[j]], cols[j])
            for j in range(indptr[r], indptr[r + 1])
        ]
        want = sorted((it for it in items if it[0] > 0), key=lambda it: (-it[0], it[1]))[:k]
        assert got[i] == [(f"f{c}", v) for v, c in want]


def test_cached_scorer_gives_the_same_scores(model_dir, olid_texts, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "cache"))
    first = load_scorer(model_dir)  # full load, writes the cache
    assert len(list((tmp_path / "cache").glob("scorer-*.pkl"))) == 1
    again = load_scorer(model_dir)  # from the cache
    texts = olid_texts[:200]
    pd.testing.assert_frame_equal(first.score(texts), again.score(texts))
    uncached = load_scorer(model_dir, cache=False)
    pd.testing.assert_frame_equal(first.score(texts), uncached.score(texts))


def test_cached_scorer_never_imports_sklearn(model_dir, tmp_path) -> None:
    """A scoring process that loads the compiled model from the cache skips the 1.5 s
    import of scikit-learn (and scipy.stats under it)."""
    env = {**os.environ, "STANCE_CACHE": str(tmp_path / "cache")}
    code = (
        "import sys; from stance.score.scorer import load_scorer; "
        f"s = load_scorer({str(model_dir)!r}); s.score(['you idiot', 'fine']); "
        "print(sorted(m for m in ('sklearn', 'scipy.stats') if m in sys.modules))"
    )
    first = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    again = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert first.stdout.strip() == "['scipy.stats', 'sklearn']"  # the full load needs them
    assert again.stdout.strip() == "[]"


def test_cache_keeps_only_the_most_recently_used_models(model_dir, tmp_path, monkeypatch) -> None:
    from stance.score.cache import CACHE_KEEP

    cache = tmp_path / "cache"
    monkeypatch.setenv("STANCE_CACHE", str(cache))
    cache.mkdir()
    for i in range(CACHE_KEEP + 2):  # stale compiled models of other versions
        old = cache / f"scorer-old{i}.pkl"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    load_scorer(model_dir)
    left = sorted(p.name for p in cache.glob("scorer-*.pkl"))
    assert len(left) == CACHE_KEEP
    assert [n for n in left if "old" in n] == [
        f"scorer-old{i}.pkl" for i in range(3, CACHE_KEEP + 2)
    ]


FORMULAS = [
    '=HYPERLINK("http://x.test","click")',
    "+1 great article",
    "-1 from me",
    "@editor thanks",
    "\tindented",
]


@pytest.mark.parametrize("suffix", [".csv", ".tsv", None])
def test_formula_cells_are_neutralised_in_csv_output(model_dir, tmp_path, suffix) -> None:
    """Issue 15 #2: cells a spreadsheet would run as formulas get a leading ' (OWASP);
    --raw-cells keeps them; numbers are not touched."""
    src = tmp_path / "in.jsonl"
    pd.DataFrame(
        [{"id": f"={i}", "text": t} for i, t in enumerate(FORMULAS)]
        + [{"id": "ok", "text": "plain words"}]
    ).to_json(src, orient="records", lines=True)
    for raw in (False, True):
        args = ["score", str(model_dir), str(src)] + (["--raw-cells"] if raw else [])
        if suffix is None:
            res = runner.invoke(app, [*args, "--show", "csv"])
            assert res.exit_code == 0, res.output
            import io as _io

            got = pd.read_csv(_io.StringIO(res.stdout), dtype=str, keep_default_na=False)
        else:
            out = tmp_path / f"o{suffix}"
            res = runner.invoke(app, [*args, "-o", str(out)])
            assert res.exit_code == 0, res.output
            got = pd.read_csv(
                out, dtype=str, keep_default_na=False, sep="\t" if suffix == ".tsv" else ","
            )
        prefix = "" if raw else "'"
        assert got["text"].tolist() == [prefix + t for t in FORMULAS] + ["plain words"]
        assert got["id"].tolist() == [f"{prefix}={i}" for i in range(5)] + ["ok"]
        assert got["tone_p_civil"].astype(float).between(0, 1).all()
        assert not got["action"].str.startswith("'").any()


def test_explain_refuses_an_empty_text_as_score_does(model_dir) -> None:
    """Issue 15 #11: the scorer's row check, one line, exit 2."""
    for text in ("", "   "):
        res = runner.invoke(app, ["explain", str(model_dir), text])
        assert res.exit_code == 2, res.output
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("stance: error: text is "), res.output
        assert res.stdout == ""


def test_score_ends_with_the_count_per_action(model_dir, tmp_path) -> None:
    """Issue 15 #15: the count per action and of rows with errors, on stderr."""
    src = _csv(
        tmp_path / "in.csv",
        [
            {"id": str(i), "text": t}
            for i, t in enumerate(
                ["thank you for the article", "you stupid idiot", "good point", " "]
            )
        ],
    )
    out = tmp_path / "o.csv"
    res = runner.invoke(
        app, ["score", str(model_dir), str(src), "-o", str(out), "--on-error", "mark"]
    )
    assert res.exit_code == 4, res.output
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    n = got["action"].value_counts()
    want = (
        f"scored 4 rows into {out} (approve {n.get('approve', 0)}, review "
        f"{n.get('review', 0)}, reject {n.get('reject', 0)}; 1 with errors)"
    )
    assert want in res.stderr.splitlines()
    res = runner.invoke(
        app, ["score", str(model_dir), str(src), "--show", "csv", "--on-error", "mark"]
    )
    assert res.exit_code == 4
    assert want.replace(f" into {out}", "") in res.stderr.splitlines()
    assert "scored 4 rows" not in res.stdout
