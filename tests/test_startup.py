"""Start-up of `stance score` (issue 12): what a process imports and loads before its
first row, without timing anything.

- `import stance.cli` loads neither pandas, numba, scikit-learn nor pyarrow;
- a small input is scored by the plain-Python kernels (`stance.fast.plain`), which
  give the compiled kernels' figures to the last bit, so numba is never imported;
- the cached compiled model's arrays are memory-mapped from one .npy (read-only,
  shared), and `save_model` (`stance train`) fills that cache itself;
- the cache stays bounded: `CACHE_KEEP` entries, a .pkl and a .npy each.
"""

from __future__ import annotations

import mmap
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stance.fast.vectorizer import kernels_for
from stance.score.cache import CACHE_KEEP, arrays_file, cache_file, read_cached
from stance.score.scorer import ScoringModel, load_scorer
from test_model import FAST, stance_frame

HEAVY = ("pandas", "numba", "sklearn", "scipy", "pyarrow", "rich", "joblib")

#: Texts that exercise the kernels' corners: entities, emoji, accents and ligatures,
#: repeated n-grams and words, tags, a long word, one-letter and empty-ish texts.
TEXTS = [
    "Hun Sen is a dictator",
    "thank you",
    "Ünïcödé ÉMOJI 😀😀 &amp; &lt;b&gt; bold",
    "a",
    "x" * 300,
    "hi hi hi hi hi hi hi hi",
    "#tag @user don't won't can't",
    "ﬁne ǅ straße İstanbul",
    "You are an idiot and a liar, a LIAR!!!",
    "the CPP built roads and schools; the government protects peace",
    "   spaced   out\ttabs\nnew lines   ",
    "12 34 5678 numbers_and_underscores __init__",
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    """A small stance-only model (seconds to train), saved as `stance train` saves."""
    from stance.persist import save_model
    from stance.training import train

    return save_model(train(stance_frame(), config=FAST), tmp_path_factory.mktemp("m") / "small")


def run_python(code: str, **env: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_importing_the_cli_loads_no_heavy_library() -> None:
    code = f"import sys, stance.cli; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    assert run_python(code) == "[]"


def test_a_warm_score_of_two_rows_never_imports_numba_or_sklearn(
    model_dir, tmp_path, monkeypatch
) -> None:
    """`stance score MODEL two.csv` with the model cached: plain-Python kernels, the
    compiled model mapped from the cache, scikit-learn never imported."""
    src = tmp_path / "two.csv"
    pd.DataFrame({"id": ["1", "2"], "text": TEXTS[:2]}).to_csv(src, index=False)
    code = (
        "import sys\n"
        "from stance.cli import main\n"
        f"sys.argv = ['stance', 'score', {str(model_dir)!r}, {str(src)!r}, "
        f"'--out', {str(tmp_path / 'out.csv')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in ('numba', 'sklearn', 'scipy') if m in sys.modules))"
    )
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "cache"))
    load_scorer(model_dir)  # the first use fills the cache
    assert run_python(code) == "[]"
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert out["stance"].tolist() == ["against", "favor"]


def test_the_cli_leaves_nothing_for_the_shutdown_collections(tmp_path) -> None:
    """`main` freezes the collector's objects as it returns (even by SystemExit or an
    error): the interpreter's shutdown then has nothing to walk."""
    code = (
        "import atexit, gc, sys\n"
        "from stance.cli import main\n"
        "atexit.register(lambda: print(gc.get_freeze_count() > 10_000))\n"
        "sys.argv = ['stance', '--help']\n"
        "main()\n"
    )
    assert run_python(code).endswith("True")


def test_plain_kernels_give_the_compiled_figures_to_the_last_bit(model_dir) -> None:
    scorer = load_scorer(model_dir, spans=False)
    texts = TEXTS * 3
    targets = [None, "Cambodian government (Hun Sen / CPP)", "someone else"] * (len(texts) // 3)
    with kernels_for(0, plain=True):
        plain = scorer._score_batch(texts, targets)
    with kernels_for(0, plain=False):
        compiled = scorer._score_batch(texts, targets)
    pd.testing.assert_frame_equal(plain, compiled, check_exact=True)
    for cp in {id(c): c for c in scorer.model.heads["stance"].values()}.values():
        with kernels_for(0, plain=True):
            p_plain, f_plain, w_plain = cp.score(texts, words=True)
        with kernels_for(0, plain=False):
            p_comp, f_comp, w_comp = cp.score(texts, words=True)
        assert np.array_equal(p_plain, p_comp)
        for a, b in zip(f_plain, f_comp, strict=True):
            assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
        assert np.array_equal(w_plain.word_out, w_comp.word_out)
        assert np.array_equal(w_plain.rest_out, w_comp.rest_out)


def test_plain_kernels_with_spans_and_real_comments(repo_root, tmp_path) -> None:
    """A two-head model (tone from the shipped Fox News comments): scores, reasons and
    spans of 150 real comments, the same bits either way."""
    from stance.persist import save_model
    from stance.training import train

    tone_frame = pd.read_csv(
        repo_root / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False
    )
    tone_frame = tone_frame.groupby("tone").head(150).reset_index(drop=True)
    rows = pd.concat([stance_frame(), tone_frame], ignore_index=True)
    model = save_model(train(rows, config=FAST), tmp_path / "two-heads")
    scorer = load_scorer(model, spans=True)
    texts = tone_frame["text"].tolist()[:150] + TEXTS
    targets = [None] * len(texts)
    with kernels_for(0, plain=True):
        plain = scorer._score_batch(texts, targets)
    with kernels_for(0, plain=False):
        compiled = scorer._score_batch(texts, targets)
    pd.testing.assert_frame_equal(plain, compiled, check_exact=True)


def test_small_batches_choose_the_plain_kernels_until_numba_is_loaded() -> None:
    from stance.fast import vectorizer

    loaded = vectorizer.compiled_kernels.cache_info().currsize > 0
    with kernels_for(10):
        small = vectorizer.kernels()
    with kernels_for(vectorizer.PLAIN_CHARS + 1):
        big = vectorizer.kernels()
    assert big is vectorizer.compiled_kernels()
    assert (small is big) == loaded  # plain only while numba is not loaded


def test_loading_the_kernels_spares_scipy_linalg_and_leaves_it_importable() -> None:
    """numba's registries load without its BLAS probe importing `scipy.linalg` (0.13 s);
    the kernels still run, and scipy imports as usual afterwards."""
    code = (
        "import sys, numpy as np\n"
        "from stance.fast.vectorizer import compiled_kernels\n"
        "k = compiled_kernels()\n"
        "out = np.zeros(2, dtype=np.uint64)\n"
        "k.token_hashes(np.arange(97, 101, dtype=np.uint32), np.array([0, 2, 4]), out)\n"
        "spared = 'scipy.linalg' not in sys.modules\n"
        "import scipy.linalg\n"
        "print(spared, out[0] != out[1], scipy.linalg.norm([3.0, 4.0]))"
    )
    assert run_python(code) == "True True 5.0"


def _mapped(arr: np.ndarray) -> bool:
    """Whether an array's memory is a file mapping (its base chain ends in an mmap)."""
    base = arr
    while base is not None:
        if isinstance(base, (mmap.mmap, np.memmap)):
            return True
        base = getattr(base, "base", None) if not isinstance(base, memoryview) else base.obj
    return False


def test_cached_arrays_are_memory_mapped_read_only(model_dir) -> None:
    scorer = load_scorer(model_dir)
    cp = scorer.model.pipeline_for("stance")
    arrays = [cp.coef_t, cp._names.blob]
    for fv, _, weights, *_ in cp.parts:
        arrays += [fv.table.slots, weights]
    assert all(_mapped(a) for a in arrays)
    assert not any(a.flags.writeable for a in arrays)


def test_save_model_fills_the_scorer_cache(tmp_path, monkeypatch) -> None:
    """`stance train` compiles the model for the scorer: the first load of a new model
    comes from the cache, without scikit-learn's joblib load."""
    from stance import persist
    from stance.training import train

    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "cache"))
    out = persist.save_model(train(stance_frame(), config=FAST), tmp_path / "new")
    entry = cache_file(out)
    assert entry is not None and entry.is_file() and arrays_file(entry).is_file()

    def no_full_load(*args, **kwargs):
        raise AssertionError("the first score did a full load")

    monkeypatch.setattr("stance.score.scorer.load_model", no_full_load)
    assert load_scorer(out).score(TEXTS[:2])["stance"].tolist() == ["against", "favor"]


def test_a_cache_that_cannot_be_written_never_fails_a_save(tmp_path, monkeypatch) -> None:
    from stance import persist
    from stance.training import train

    (tmp_path / "file").write_text("")
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "file" / "cache"))
    out = persist.save_model(train(stance_frame(), config=FAST), tmp_path / "m")
    assert (out / "model.joblib").is_file()


def test_a_truncated_or_missing_arrays_file_is_rebuilt(model_dir, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "cache"))
    want = load_scorer(model_dir, cache=False).score(TEXTS)
    entry = cache_file(model_dir)
    load_scorer(model_dir)
    npy = arrays_file(entry)
    npy.write_bytes(npy.read_bytes()[:-100])
    assert read_cached(entry, ScoringModel) is None
    pd.testing.assert_frame_equal(load_scorer(model_dir).score(TEXTS), want)
    npy.unlink()
    assert read_cached(entry, ScoringModel) is None
    pd.testing.assert_frame_equal(load_scorer(model_dir).score(TEXTS), want)
    assert read_cached(entry, ScoringModel) is not None


def test_the_cache_keeps_at_most_cache_keep_entries(model_dir, tmp_path, monkeypatch) -> None:
    """Old entries go with their .npy; a .npy whose .pkl is gone goes once it is old."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("STANCE_CACHE", str(cache))
    cache.mkdir()
    for i in range(CACHE_KEEP + 2):
        for suffix in (".pkl", ".npy"):
            old = cache / f"scorer-old{i}{suffix}"
            old.write_bytes(b"x")
            os.utime(old, (1_000_000 + i, 1_000_000 + i))
    orphan = cache / "scorer-orphan.npy"
    orphan.write_bytes(b"x")
    os.utime(orphan, (1_000_000, 1_000_000))
    fresh = cache / "scorer-writing.npy"  # a writer's, its .pkl not written yet
    fresh.write_bytes(b"x")
    load_scorer(model_dir)
    pkl = sorted(p.stem for p in cache.glob("scorer-*.pkl"))
    npy = sorted(p.stem for p in cache.glob("scorer-*.npy"))
    assert len(pkl) == CACHE_KEEP
    assert [n for n in pkl if "old" in n] == [f"scorer-old{i}" for i in range(3, CACHE_KEEP + 2)]
    assert npy == sorted([*pkl, "scorer-writing"])


def test_the_vectorizer_keeps_the_kernels_constants() -> None:
    """Compiling a model needs no numba: the table's hash and the tokens' FNV hash are
    the kernels' (their constants copied into stance.fast.vectorizer)."""
    from stance.fast import vectorizer
    from stance.fast._kernels import counts, tokens

    assert vectorizer.HASH_MULT == counts.HASH_MULT == tokens.HASH_MULT
    assert vectorizer.FNV_OFFSET == tokens._FNV_OFFSET
    assert vectorizer.FNV_PRIME == tokens._FNV_PRIME


def test_numpy_fnv_hashes_are_the_kernels() -> None:
    from stance.fast.batch import code_points
    from stance.fast.vectorizer import compiled_kernels, fnv_hashes

    words = ["a", "ab", "straße", "😀x", "__init__", "x" * 40, "日本語", "", "İ"]
    cp, off = code_points(words)
    want = np.empty(len(words), dtype=np.uint64)
    compiled_kernels().token_hashes(cp, off, want)
    assert np.array_equal(fnv_hashes(cp, off), want)


def test_compiling_a_model_and_scoring_two_rows_never_import_numba(model_dir, tmp_path) -> None:
    """An empty scorer cache (a model copied from elsewhere): the full load compiles the
    model without numba, and two rows are scored by the plain kernels."""
    code = (
        "import sys; from stance.score.scorer import load_scorer\n"
        f"s = load_scorer({str(model_dir)!r}); s.score(['you idiot', 'fine'])\n"
        "print('numba' in sys.modules)"
    )
    assert run_python(code, STANCE_CACHE=str(tmp_path / "empty")) == "False"


def test_many_small_batches_soon_use_the_compiled_kernels() -> None:
    """The plain kernels take at most PLAIN_CHARS characters of a process (a stream of
    small chunks is not scored in Python for ever)."""
    code = (
        "from stance.fast import vectorizer as v\n"
        "picked = []\n"
        "for _ in range(3):\n"
        "    with v.kernels_for(v.PLAIN_CHARS // 2 - 1):\n"
        "        picked.append(type(v.kernels()).__name__)\n"
        "print(picked)"
    )
    assert run_python(code) == "['SimpleNamespace', 'SimpleNamespace', 'module']"


class _Hides:
    """Keeps what it is unpickled with inside an object array, where joblib's own load
    puts the array but the fast load's placeholder cannot be replaced."""

    def __setstate__(self, state: dict) -> None:
        self.__dict__["kept"] = np.array([state["a"], None], dtype=object)


class _Holder:
    def __init__(self, **attrs: object) -> None:
        self.__dict__.update(attrs)


def _joblib_objects() -> dict:
    shared = np.arange(5, dtype=np.int32)
    return {
        "floats": np.linspace(0, 1, 7, dtype=np.float32),
        "fortran": np.asfortranarray(np.arange(12, dtype=np.float64).reshape(3, 4)),
        "big_endian": np.arange(4, dtype=">i8"),
        "scalar": np.array(3.5),
        "empty": np.zeros((0, 3)),
        "strings": np.array(["civil", "uncivil", "abusive"], dtype=object),
        "unicode": np.array(["straße", "😀"]),
        "tuple": (1, np.ones(3), "x", (np.zeros(2),)),
        "list": [np.arange(3), {"inner": np.arange(2)}],
        "object": _Holder(coef_=np.eye(2), name="lr", vocabulary_={"a b": 0, "c": 1}),
        "shared": [shared, shared],
        "plain": {"n": 1, "s": "text", "none": None},
    }


@pytest.mark.parametrize("compress", [0, 3])
def test_the_fast_joblib_load_gives_joblibs_own_object(tmp_path, compress) -> None:
    import pickle

    import joblib

    from stance.persist import _load_joblib_fast

    path = tmp_path / "x.joblib"
    joblib.dump(_joblib_objects(), path, compress=compress)
    fast, slow = _load_joblib_fast(path), joblib.load(path)
    assert pickle.dumps(fast) == pickle.dumps(slow)
    assert fast["big_endian"].dtype.isnative and fast["fortran"].flags.f_contiguous


def test_a_file_the_fast_load_cannot_place_is_left_to_joblib(tmp_path) -> None:
    import joblib

    from stance.persist import _load_joblib_fast, load_joblib

    hides = _Hides()
    hides.a = np.arange(3)
    path = tmp_path / "x.joblib"
    joblib.dump({"h": hides}, path)
    with pytest.raises(ValueError, match="out of reach"):
        _load_joblib_fast(path)
    assert np.array_equal(load_joblib(path)["h"].kept[0], np.arange(3))


def test_a_model_loads_without_joblibs_python_unpickler(model_dir, monkeypatch) -> None:
    """A full (cold) load reads model.joblib with the C unpickler: the same pipelines as
    `joblib.load`, in a fifth of the time for a large vocabulary."""
    import pickle

    import joblib

    from stance.persist import load_model

    want = pickle.dumps(joblib.load(model_dir / "model.joblib")["heads"])

    def python_unpickler(*args, **kwargs):
        raise AssertionError("joblib.load was used")

    monkeypatch.setattr(joblib, "load", python_unpickler)
    assert pickle.dumps(load_model(model_dir).heads) == want


def test_char_ngram_names_are_quoted_as_json_dumps_quotes_them() -> None:
    import json
    from types import SimpleNamespace

    from stance.fast.compiled import _feature_names

    chars = ['a"b', "back\\slash", "tab\t", "\x00\x1f\x7f", "ünï 😀", "\ud800", " x "]
    words = ["plain", 'quote"d']
    union = SimpleNamespace(
        transformer_list=[
            (
                "word",
                SimpleNamespace(analyzer="word", vocabulary_={w: i for i, w in enumerate(words)}),
            ),
            (
                "char",
                SimpleNamespace(
                    analyzer="char_wb", vocabulary_={c: i for i, c in enumerate(chars)}
                ),
            ),
        ]
    )
    names = _feature_names(SimpleNamespace(steps=[("features", union)]))
    want = words + [json.dumps(c, ensure_ascii=False) for c in chars]
    assert names[np.arange(len(want))].tolist() == want
