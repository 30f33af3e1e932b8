"""The compiled engine yields exactly scikit-learn's features and probabilities."""

from __future__ import annotations

import html
import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from fast_reference import FastPipeline, FastVectorizer, preprocess
from stance.fast.batch import TextBatch
from stance.fast.compiled import CompiledPipeline
from stance.fast.vectorizer import WHITESPACE_MAX, _whitespace, unsupported_reason
from stance.fast.words import original_spans, prep_map
from stance.features import FeatureConfig, build_pipeline

# Characters that exercise the edge cases: Unicode whitespace (str.split and the regex
# \s must agree), case mappings that change length (İ) or depend on context (Σ), word
# characters outside ASCII, emoji, underscores, hashtags and mentions.
ALPHABET = st.sampled_from(
    [
        *"abcXYZ019_ #@'.,!?-",
        "\t",
        "\n",
        "\r",
        "\x0b",
        "\x0c",
        "\x1c",
        "\x1f",
        "\x85",
        "\xa0",
        "\u2028",
        "\u3000",
        "\u200b",
        "\u0130",
        "\u03a3",
        "\xdf",
        "\xe9",
        "\u0301",
        "\u01c5",
        "\u0663",
        "\u4e2d",
        "\U0001f600",
        "\ufeff",
    ]
)
DOCS = st.lists(
    st.one_of(st.text(ALPHABET, max_size=40), st.text(max_size=30)), min_size=1, max_size=12
)
#: Pieces of text with HTML entities (named, numeric, hex, without ';', upper case,
#: unknown, entities whose characters are word characters or whitespace).
ENTITY_PIECES = [
    "&amp;",
    "&AMP;",
    "&#128533;",
    "&lt;b&gt;",
    "&",
    "&#",
    ";",
    "&#x41;",
    "&eacute",
    "&Eacute;",
    "&ampx",
    "&nbsp;",
    "&#32;",
    "&#10;",
    "&bogus;",
    "&#0;",
    "&#x110000;",
    "&NotEqualTilde;",
    "a",
    "B",
    "you",
    " ",
    "\n",
    "idiot",
    "İ",
    "&#304;",
    "caf",
    "#",
    "@",
    "x_y",
    "😀",
]
ENTITY_DOCS = st.lists(
    st.lists(st.sampled_from(ENTITY_PIECES), max_size=14).map("".join), min_size=1, max_size=10
)
ENTITY_TEXTS = [
    "Tom &amp; Jerry",
    "I &#128533; this",
    "&lt;b&gt;bold&lt;/b&gt; move",
    "FISH &AMP; CHIPS",
    "caf&eacute; &Eacute;clair",
    "a&ampx;b &nbsp;gap",
    "no entity here",
    "&#304;stanbul &NotEqualTilde; x",
    "&#32;&#10;&#x41;",
]
TRAIN = [
    "the cat sat on the mat",
    "İstanbul ΣΑΣ and the #cats @you",
    "a b c d",
    "Über straße e\u0301 中文 😀😀 x_y",
    "won't can't 3.14 ٣٣",
    "  spaced\tout\n",
]

VECTORIZERS = {
    "char_wb 2-5": TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32
    ),
    "char_wb 1-3": TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), lowercase=False),
    "char_wb 3-3 binary": TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 3), binary=True, norm="l1"
    ),
    "word 1-2 project pattern": TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)[#@]?\b\w+\b", dtype=np.float32
    ),
    "word 1-3 default": TfidfVectorizer(ngram_range=(1, 3), use_idf=False),
    "word 2-2 counts": CountVectorizer(ngram_range=(2, 2), lowercase=False),
    "char_wb 2-5 unescape": TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), strip_accents=html.unescape, dtype=np.float32
    ),
    "char_wb 1-3 unescape, case kept": TfidfVectorizer(
        analyzer="char_wb", ngram_range=(1, 3), lowercase=False, strip_accents=html.unescape
    ),
    "word 1-2 unescape": TfidfVectorizer(
        ngram_range=(1, 2), token_pattern=r"(?u)[#@]?\b\w+\b", strip_accents=html.unescape
    ),
}


def _fit(vec, docs):
    from sklearn.base import clone

    return clone(vec).fit(docs)


def _assert_same(a, b) -> None:
    assert a.shape == b.shape and a.dtype == b.dtype
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)  # bit-for-bit, not approximately


@pytest.mark.parametrize("name", list(VECTORIZERS))
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(docs=DOCS)
def test_random_text_same_features_as_sklearn(name: str, docs: list[str]) -> None:
    # fitted on the random docs plus a fixed corpus, so odd n-grams are in the vocabulary
    fitted = _fit(VECTORIZERS[name], [*TRAIN, *docs])
    fast = FastVectorizer(fitted)
    assert fast.fast, fast.reason
    _assert_same(fitted.transform(docs), fast.transform(docs))
    _assert_same(fitted.transform(docs[::-1]), fast.transform(TextBatch(docs[::-1])))


@pytest.mark.parametrize("name", list(VECTORIZERS))
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(docs=ENTITY_DOCS)
def test_entity_text_same_features_as_sklearn(name: str, docs: list[str]) -> None:
    fitted = _fit(VECTORIZERS[name], [*TRAIN, *ENTITY_TEXTS, *docs[::2]])
    fast = FastVectorizer(fitted)
    assert fast.fast, fast.reason
    _assert_same(fitted.transform(docs), fast.transform(docs))


@pytest.mark.parametrize("name", list(VECTORIZERS))
def test_edge_documents(name: str) -> None:
    fitted = _fit(VECTORIZERS[name], TRAIN)
    docs = [
        "",
        " ",
        "\n\t ",
        "a",
        "ab",
        "the",
        "x" * 10_000,
        "the cat\u2028sat\u3000on",
        "ΣΑΣ ΟΔΟΣ",
        "lone \udcff surrogate",
        "the\x00mat",
    ]
    _assert_same(fitted.transform(docs), FastVectorizer(fitted).transform(docs))


def test_unsupported_settings_fall_back_to_sklearn() -> None:
    docs = ["Café au lait", "the cafe", "no accents here"]
    for vec in (
        TfidfVectorizer(analyzer="char", ngram_range=(2, 3)),
        TfidfVectorizer(strip_accents="unicode"),
        TfidfVectorizer(strip_accents=str.upper),
        TfidfVectorizer(preprocessor=html.unescape),
        TfidfVectorizer(stop_words="english"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 5)),
    ):
        fitted = vec.fit(docs)
        fast = FastVectorizer(fitted)
        assert not fast.fast and unsupported_reason(fitted)
        _assert_same(fitted.transform(docs), fast.transform(docs))


def test_token_with_space_falls_back_per_batch() -> None:
    vec = TfidfVectorizer(token_pattern=r"(?u)\w+ \w+|\w+").fit(["new york is big", "york"])
    docs = ["new york", "big york city"]
    _assert_same(vec.transform(docs), FastVectorizer(vec).transform(docs))


@pytest.fixture(scope="module")
def real(shared_data) -> tuple[list, list[str]]:
    """Pipelines fitted on Davidson (two feature settings) and test texts (Davidson, OLID)."""
    df = pd.read_csv(shared_data / "davidson-hate-offensive" / "labeled_data.csv")
    olid = pd.read_csv(shared_data / "olid" / "olid-training-v1.0.tsv", sep="\t", quoting=3)
    train, y = df["tweet"].tolist()[:1000], df["class"].astype(str).to_numpy()[:1000]
    test = df["tweet"].tolist()[20_000:21_000] + olid["tweet"].tolist()[:1000]
    pipes = [
        build_pipeline(cfg).fit(train, y)
        for cfg in (
            FeatureConfig(),
            FeatureConfig(min_df=2, word_ngram=(1, 1), token_pattern=r"(?u)\b\w\w+\b"),
        )
    ]
    return pipes, test


def test_real_text_same_features_and_probabilities(real) -> None:
    pipes, test = real
    for pipe in pipes:
        fast = FastPipeline(pipe)
        assert fast.fast
        for (_, vec), part in zip(
            pipe.named_steps["features"].transformer_list, fast.parts, strict=True
        ):
            _assert_same(vec.transform(test), part.transform(test))
        _assert_same(pipe[:-1].transform(test), fast.transform(test))
        assert np.array_equal(pipe.predict_proba(test), fast.predict_proba(test))


def test_kernel_files_agree_on_their_constants() -> None:
    """Each kernel file compiles in its own copy (numba caches per file): the hash
    multiplier of the tables and the packing of a hit's words must agree."""
    from stance.fast._kernels import counts, tokens, weights

    assert counts.HASH_MULT == tokens.HASH_MULT
    assert counts.SPAN_BITS == weights.SPAN_BITS


def test_importing_the_engine_imports_neither_sklearn_nor_numba() -> None:
    """What a scoring process loads from the scorer's cache: plain arrays, the kernels
    (numba) imported when a batch is scored."""
    import subprocess
    import sys

    code = (
        "import sys, stance.fast.compiled, stance.fast.words\n"
        "print(sorted(m for m in ('sklearn', 'scipy', 'numba') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_whitespace_above_the_table() -> None:
    assert not any(chr(c).isspace() for c in range(WHITESPACE_MAX + 1, 0x110000))
    assert _whitespace().tolist() == [c for c in range(0x3001) if chr(c).isspace()]


def _sorted_rows(indptr, indices, values) -> list[list[tuple[int, float]]]:
    return [
        sorted(zip(indices[a:b].tolist(), values[a:b].tolist(), strict=True))
        for a, b in itertools.pairwise(indptr)
    ]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(docs=DOCS)
def test_compiled_pipeline_same_counts_and_probabilities(docs: list[str]) -> None:
    train = [*TRAIN, *docs]
    y = np.array(["a", "b", "c"])[np.arange(len(train)) % 3]
    for cfg in (FeatureConfig(), FeatureConfig(token_pattern=r"(?u)\b\w\w+\b")):
        pipe = build_pipeline(cfg).fit(train, y)
        cp = CompiledPipeline(pipe)
        assert cp.pipe is None, cp.reason
        # the counts of each part, row by row, are scikit-learn's (order aside)
        for (fv, *_), (_, vec) in zip(cp.parts, pipe[0].transformer_list, strict=True):
            want = CountVectorizer.transform(vec, docs)
            got = fv.kernel_arrays(TextBatch(docs))
            assert _sorted_rows(*got) == _sorted_rows(
                want.indptr, want.indices, want.data.astype(np.int32)
            )
        proba, parts = cp.score(docs)
        np.testing.assert_allclose(proba, pipe.predict_proba(docs), rtol=0, atol=2e-6)
        X = pipe[:-1].transform(docs).tocsr()
        got_rows = [
            list(itertools.chain(*rows))
            for rows in zip(*(_sorted_rows(*p) for p in parts), strict=True)
        ]
        want_rows = _sorted_rows(X.indptr, X.indices, X.data)
        for g, w in zip(got_rows, want_rows, strict=True):
            assert [c for c, _ in g] == [c for c, _ in w]
            np.testing.assert_allclose([v for _, v in g], [v for _, v in w], rtol=1e-6)


def test_compiled_pipeline_keeps_what_it_cannot_compile() -> None:
    from sklearn.linear_model import SGDClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline

    docs, y = ["good day", "bad day", "fine thing", "awful thing"] * 3, [0, 1, 0, 1] * 3
    pipe = Pipeline(
        [
            ("features", FeatureUnion([("w", TfidfVectorizer(norm="l1"))])),
            ("clf", SGDClassifier(loss="log_loss", random_state=0)),
        ]
    ).fit(docs, y)
    cp = CompiledPipeline(pipe)
    assert cp.pipe is pipe and cp.reason
    proba, _ = cp.score(docs)
    assert np.array_equal(proba, pipe.predict_proba(docs))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(docs=ENTITY_DOCS)
def test_compiled_pipeline_unescapes_entities_as_sklearn(docs: list[str]) -> None:
    """`html.unescape` as `strip_accents` (the project's default) is compiled, not
    refused: same features and probabilities as the pipeline on texts with entities."""
    train = [*TRAIN, *ENTITY_TEXTS, *docs]
    y = np.array(["a", "b", "c"])[np.arange(len(train)) % 3]
    pipe = build_pipeline(FeatureConfig()).fit(train, y)
    assert all(v.strip_accents is html.unescape for _, v in pipe[0].transformer_list)
    fast = FastPipeline(pipe)
    assert fast.fast
    tests = [*docs, *ENTITY_TEXTS]
    _assert_same(pipe[:-1].transform(tests), fast.transform(tests))
    cp = CompiledPipeline(pipe)
    assert cp.pipe is None, cp.reason
    np.testing.assert_allclose(cp.score(tests)[0], pipe.predict_proba(tests), rtol=0, atol=2e-6)


def test_unescape_flag_and_entities_in_features() -> None:
    docs = ["Tom &amp; Jerry &AMP; me", "I &#128533; this", "&lt;b&gt;"]
    on = build_pipeline(FeatureConfig())[0].transformer_list[0][1].fit(docs)
    off = build_pipeline(FeatureConfig(unescape_html=False))[0].transformer_list[0][1].fit(docs)
    assert "amp" not in on.vocabulary_ and "lt" not in on.vocabulary_
    assert {"amp", "lt", "gt", "#128533"} <= set(off.vocabulary_)
    assert "b" in on.vocabulary_  # "&lt;b&gt;" -> "<b>"
    char = build_pipeline(FeatureConfig())[0].transformer_list[1][1].fit(docs)
    assert " \U0001f615 " in char.vocabulary_  # &#128533; is the emoji it stands for
    for vec in (on, off, char):
        fast = FastVectorizer(vec)
        assert fast.fast, fast.reason
        _assert_same(vec.transform(ENTITY_TEXTS), fast.transform(ENTITY_TEXTS))


# ---- words: the n-grams' contributions per word of the text ----------------------------


WORD_CONFIGS = {
    "project pattern": {},
    "sklearn pattern": {"token_pattern": r"(?u)\b\w\w+\b"},
    "with the lexicon part": {"lexicon": True},
}


@pytest.mark.parametrize("cfg", list(WORD_CONFIGS))
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    docs=st.one_of(
        DOCS,
        ENTITY_DOCS,
        st.lists(
            st.sampled_from(
                ["you idiot", "a moron", "#idiots", "fuck off", "x", "piece of shit", "@you b*tch"]
            ),
            min_size=1,
            max_size=6,
        ).map(lambda w: [" ".join(w)]),
    )
)
def test_word_contributions_kernel_equals_reference(cfg: str, docs: list[str]) -> None:
    """The kernels' words and per-word sums are the plain-Python reference's (straight
    from scikit-learn's analyzers), and they add up to the features' contributions."""
    train = [*TRAIN, *ENTITY_TEXTS, *docs]
    y = np.array(["a", "b", "c"])[np.arange(len(train)) % 3]
    pipe = build_pipeline(FeatureConfig(**WORD_CONFIGS[cfg])).fit(train, y)
    cp = CompiledPipeline(pipe)
    assert cp.words_reason is None
    batch = TextBatch(docs)
    _, feats, wh = cp.score(batch, words=True)
    ref_hits = cp.reference_word_hits(batch, feats)
    assert wh.words.char_words.shape == (2, len(batch.joined(wh.words.prep)[0]))  # kernels
    ref = ref_hits.words
    for name in ("start", "end", "ptr", "split"):
        assert getattr(wh.words, name).tolist() == getattr(ref, name).tolist(), name
    # a word's form: equal for equal words (both ways of numbering)
    texts = batch.texts(wh.words.prep)
    words = [
        texts[d][s:e]
        for d in range(len(docs))
        for s, e in zip(
            wh.words.start[wh.words.ptr[d] : wh.words.ptr[d + 1]],
            wh.words.end[wh.words.ptr[d] : wh.words.ptr[d + 1]],
            strict=True,
        )
    ]
    assert words == [t for d in texts for t in pipe[0].transformer_list[0][1].build_tokenizer()(d)]
    same_form = wh.words.form[:, None] == wh.words.form[None, :]
    assert (
        same_form
        == (np.array(words, dtype=object)[:, None] == np.array(words, dtype=object)[None, :])
    ).all()
    n = len(docs)
    rows = np.arange(n)[::-1].copy()  # any order of rows
    combos = np.array([[1.0, 0, 0], [0, 1.0, -1.0], [0.5, 0.25, 0.25]])
    set_ids = np.array([[0, 1, 2], [2, 0, 1]])[rows % 2]
    got, got_rest = cp.word_contributions(wh, rows, combos, set_ids)
    want, want_rest = cp.word_contributions(ref_hits, rows, combos, set_ids)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got_rest, want_rest, rtol=1e-9, atol=1e-12)
    weights = combos @ cp.coef_t.T
    doc = np.repeat(np.arange(n), np.diff(wh.words.ptr))
    for i, r in enumerate(rows):
        for k in range(3):
            total = sum(
                float((v[ip[r] : ip[r + 1]] * weights[set_ids[i, k]][c[ip[r] : ip[r + 1]]]).sum())
                for ip, c, v in feats
            )
            assert got[doc == r, k].sum() + got_rest[i, k] == pytest.approx(
                total, rel=1e-9, abs=1e-12
            )


@settings(max_examples=100, deadline=None)
@given(
    text=st.one_of(
        st.lists(st.sampled_from(ENTITY_PIECES), max_size=14).map("".join),
        st.text(ALPHABET, max_size=30),
        st.text(max_size=30),
    ),
    prep=st.sampled_from([(True, True), (False, True), (True, False), (False, False)]),
)
def test_preprocessed_offsets_map_into_the_text(text: str, prep) -> None:
    import re

    done = preprocess(text, prep)
    assert done == (
        html.unescape(text.lower() if prep[0] else text)
        if prep[1]
        else text.lower()
        if prep[0]
        else text
    )
    m = prep_map(text, prep)
    if m is None:
        assert len(done) == len(text)
    else:
        start, end = m
        assert len(start) == len(done)
        assert (start >= 0).all() and (start < end).all() and (end <= len(text)).all()
        assert (np.diff(start) >= 0).all() and (np.diff(end) >= 0).all()
    for tok in re.finditer(r"(?u)[#@]?\b\w+\b", done):
        a, b = original_spans(text, prep, [tok.start()], [tok.end()])
        a, b = int(a[0]), int(b[0])
        assert 0 <= a < b <= len(text)
        # the word, from where it came (casefold: a final sigma lowercases by context)
        assert tok.group().casefold() in preprocess(text[a:b], prep).casefold()
        if m is not None:  # the shortcut for entities only: the whole map's answer
            assert (a, b) == (m[0][tok.start()], m[1][tok.end() - 1])


def test_offsets_of_entity_words() -> None:
    text = "Tom &AMP; J\u00e9r&eacute;my &lt;b&gt;bold&#128533; caf&eacute &ampx \u0130stanbul"
    prep = (True, True)
    done = preprocess(text, prep)
    assert done == "tom & jérémy <b>bold\U0001f615 café &x i̇stanbul"
    import re

    toks = list(re.finditer(r"(?u)[#@]?\b\w+\b", done))
    a, b = original_spans(text, prep, [t.start() for t in toks], [t.end() for t in toks])
    assert [text[x:y] for x, y in zip(a, b, strict=True)] == [
        "Tom",
        "J\u00e9r&eacute;my",
        "b",
        "bold",
        "caf&eacute",
        "x",
        "\u0130",
        "stanbul",
    ]


def test_offsets_when_lowercasing_and_unescaping_cancel_out() -> None:
    """ "İ" lowercases to two characters, "&lt;" unescapes to one: same length, moved."""
    text = "\u0130\u0130\u0130&lt;idiot"
    done = preprocess(text, (True, True))
    assert len(done) == len(text)
    a, b = original_spans(text, (True, True), [done.index("idiot")], [len(done)])
    assert text[a[0] : b[0]] == "idiot"
