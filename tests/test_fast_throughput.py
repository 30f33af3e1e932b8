"""The scorer's speed-ups give the same figures and text as the code they replace."""

from __future__ import annotations

import math

import numpy as np
import pytest

from stance.fast.batch import TextBatch
from stance.fast.compiled import CompiledPipeline
from stance.fast.vectorizer import compiled_kernels
from stance.fast.words import find_words, token_map
from stance.features import FeatureConfig, build_pipeline
from stance.score.words import gram_text, gram_texts

TRAIN = [
    "you idiot, get lost",
    "what a moron!! idiots everywhere",
    "thanks for the thoughtful article",
    "I don't agree, but fair point",
    "#idiots @you b*tch fuck off",
    "climate change is real &amp; urgent",
    "piece of shit policy, idiot idiot idiot",
    "don't, can't, won't: well-said",
]
DOCS = [
    "idiot idiot idiots, you idiot!",
    "don't-you-dare call me a moron...moron",
    "x",
    "",
    "fair point &amp; thanks, idiot-ish comment; idiot",
]


def test_gram_texts_formats_as_gram_text() -> None:
    names = ["idiot", '" idi"', "a", "b", "c", "d", "e", "f"]
    weights = [1.52, 0.8, 1.52, 0.0, -0.0, float("nan"), -1.005, 12.345]
    assert gram_texts(names, weights) == [
        gram_text(n, w) for n, w in zip(names, weights, strict=True)
    ]
    assert gram_texts(["b", "a"], [-0.0, 0.0]) == ["b -0.00", "a +0.00"]


def _entry_order_word_sums(args: list) -> tuple[np.ndarray, np.ndarray]:
    """`tfidf_dot_words`'s word sums as it added them before runs of one word were kept
    in registers: entry by entry into word_out (plain Python, one word per hit or
    split equally, listed occurrences last)."""
    (indptr, indices, counts, weights, sublinear, binary, l2, _, dots) = args[:9]
    owner, own, extra_slot, extra_words, extra_ptr, tok_map, word_out, rest_out = args[9:17]
    word_out, rest_out = np.zeros_like(word_out), np.zeros_like(rest_out)
    n_out = dots.shape[1]

    def give(hw: int, d: int, share: list[float], times: float) -> None:
        first, ntok = hw >> 3, hw & 7
        if ntok == 0:
            for k in range(n_out):
                rest_out[d, k] += share[k] * times
            return
        for q in range(first, first + ntok):
            w = tok_map[q] if len(tok_map) else q
            for k in range(n_out):
                if w >= 0:
                    word_out[w, k] += share[k] * (times / ntok)
                else:
                    rest_out[d, k] += share[k] * (times / ntok)

    for d in range(len(indptr) - 1):
        a, b = int(indptr[d]), int(indptr[d + 1])
        vals = []
        for j in range(a, b):
            v = 1.0 if binary else float(counts[j])
            if sublinear and v != 1.0:
                v = math.log(v) + 1.0
            vals.append(v * float(weights[indices[j], 0]))
        sq = 0.0
        for v in vals:
            sq += v * v
        norm = math.sqrt(sq) if l2 and sq > 0.0 else 1.0
        shares = {}
        for j in range(a, b):
            v = vals[j - a] / norm
            per = 1.0 / counts[j]
            shares[j] = [v * float(weights[indices[j], k + 1]) * per for k in range(n_out)]
            hw = int(owner[j])
            if hw & 7 == 1 and not len(tok_map):
                for k in range(n_out):
                    word_out[hw >> 3, k] += shares[j][k] * own[j]
            else:
                give(hw, d, shares[j], (own[j] * per) / per)
        for x in range(int(extra_ptr[d]), int(extra_ptr[d + 1])):
            give(int(extra_words[x]), d, shares[int(extra_slot[x])], 1.0)
    return word_out, rest_out


@pytest.mark.parametrize("lexicon", [False, True])
def test_word_sums_same_bits_as_entry_order(lexicon: bool) -> None:
    y = np.array(["a", "b", "c"])[np.arange(len(TRAIN)) % 3]
    pipe = build_pipeline(FeatureConfig(lexicon=lexicon)).fit(TRAIN, y)
    cp = CompiledPipeline(pipe)
    batch = TextBatch(DOCS)
    words = find_words(batch, *cp._word_spec(), rule=cp._word_rule())
    n_out = cp.coef_t.shape[1]
    k = compiled_kernels()
    given = 0
    for fv, _, weights, sublinear, l2 in cp.parts:
        arrays = [a.copy() for a in fv.kernel_arrays(batch, words.char_words)]
        indptr, indices, counts = arrays[:3]
        args = [
            indptr,
            indices,
            counts,
            weights,
            sublinear,
            bool(fv.vec.binary),
            l2,
            np.empty(len(indices)),
            np.zeros((len(batch), n_out)),
            *arrays[3:],
            token_map(batch, words, fv.vec),
            np.zeros((len(words.form), n_out)),
            np.zeros((len(batch), n_out)),
            np.empty(int(np.diff(indptr).max()) * n_out + 1),
        ]
        k.tfidf_dot_words(*args)
        want_words, want_rest = _entry_order_word_sums(args)
        assert np.array_equal(args[15], want_words)  # bit for bit
        assert np.array_equal(args[16], want_rest)
        given += np.count_nonzero(args[15])
    assert given  # the words did get something


def test_word_offsets_as_original_spans_word_by_word() -> None:
    """The words of a batch mapped to the texts as given, all at once, are where
    `original_spans` puts each alone (entities before, inside and after; "İ")."""
    from stance.fast.words import original_spans
    from stance.score.words import word_offsets, word_texts

    docs = [
        "Tom &amp; Jerry &amp;&amp; idiot &lt;3 x&ampy",
        "plain words only",
        "İstanbul &quot;İdiot&quot; İİ &#x49; end",
        "&gt;&gt; quoted idiot &amp",
        "no entity here but İ",
    ]
    y = np.array(["a", "b", "c"])[np.arange(len(TRAIN)) % 3]
    cp = CompiledPipeline(build_pipeline(FeatureConfig()).fit(TRAIN, y))
    wh = cp.score(TextBatch(docs), words=True)[2]
    doc = np.repeat(np.arange(len(docs)), np.diff(wh.words.ptr))
    tok = np.arange(len(doc))[::-1].copy()  # any order, documents interleaved
    start, end = word_offsets(wh, doc[tok], tok)
    for t, s, e in zip(tok.tolist(), start.tolist(), end.tolist(), strict=True):
        want = original_spans(docs[doc[t]], wh.words.prep, [wh.words.start[t]], [wh.words.end[t]])
        assert (s, e) == (int(want[0][0]), int(want[1][0]))
    texts = word_texts(wh, doc[tok], tok)
    assert "Jerry" in texts and "idiot" in texts  # as written in the texts
