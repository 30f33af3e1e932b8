"""Reasons that name words, `--label`, tone spans: exact outputs of a small model, the
exact sum of word contributions, spans as offsets into the text as given."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stance.cli import app

runner = CliRunner()

CIVIL = [
    "thank you for the article",
    "i disagree with the minister on this",
    "the vote was close",
    "good point about the budget",
    "a fair report on the council",
    "you make a fair point",
    "we should read the whole bill",
    "the mayor answered well",
    "interesting numbers on housing",
    "i respect your view on taxes",
]
UNCIVIL = [
    "what a stupid idea",
    "this is stupid nonsense",
    "shut up already",
    "you clowns never learn",
    "stupid bill from clowns",
    "nonsense from the mayor again",
    "what nonsense, shut up",
    "the council is full of clowns",
    "stupid stupid vote",
    "read it before you post nonsense",
]
ABUSIVE = [
    "you are an idiot",
    "what an idiot",
    "idiot politicians everywhere",
    "you stupid idiot",
    "the minister is a moron",
    "morons and idiots run the council",
    "only an idiot would vote for this",
    "go away you moron",
    "an idiot wrote this",
    "idiot",
]
TAILS = ["", " today", " again", " in the paper"]
FAVOR = ["the government is doing well", "support the prime minister", "good work by the cpp"]
AGAINST = ["the government must go", "hun sen is a dictator", "down with the cpp"]
NONE = ["the weather is nice", "what time is the match", "i like rice"]


def _rows(groups: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for label, base in groups.items():
        for t in base:
            for tail in TAILS:
                texts.append(t + tail)
                labels.append(label)
    return texts, labels


def small_model():
    """A two-head model on the sentences above (deterministic: lbfgs, fixed data)."""
    from stance.features import FeatureConfig, build_pipeline
    from stance.model import StanceModel

    cfg = FeatureConfig(word_ngram=(1, 2), char_ngram=(2, 5), min_df=1, C=1.0)
    tone_x, tone_y = _rows({"civil": CIVIL, "uncivil": UNCIVIL, "abusive": ABUSIVE})
    st_x, st_y = _rows({"favor": FAVOR, "against": AGAINST, "none": NONE})
    heads = {
        "tone": {"*": build_pipeline(cfg).fit(tone_x, tone_y)},
        "stance": {"*": build_pipeline(cfg).fit(st_x, st_y)},
    }
    meta = {
        "labels": {"stance": ["favor", "against", "none"], "tone": ["civil", "uncivil", "abusive"]},
        "default_target": "",
        "heads": {h: list(p) for h, p in heads.items()},
        "training_data": {"rows": len(tone_x) + len(st_x), "sha256": "0" * 64, "files": []},
    }
    return StanceModel(heads, meta)


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    from stance.persist import save_model

    out = tmp_path_factory.mktemp("models") / "small"
    save_model(small_model(), out)
    return out


@pytest.fixture(scope="module")
def scorer(model_dir):
    from stance.score.scorer import load_scorer

    return load_scorer(model_dir, spans=True)


@pytest.fixture(scope="module")
def sk_model(model_dir):
    from stance.persist import load_model

    return load_model(model_dir)


TEXT = "You are a STUPID idiot, idiot!"


def _explain(model_dir, *args: str) -> list[str]:
    res = runner.invoke(app, ["explain", str(model_dir), *args, "--span-threshold", "0.5"])
    assert res.exit_code == 0, res.output
    return res.output.splitlines()


def test_explain_names_words_exactly(model_dir) -> None:
    assert _explain(model_dir, TEXT, "-k", "3") == [
        "action: review (tone abusive 0.78 >= 0.40)",
        "stance: against 0.48",
        "  a +0.35, idiot +0.04, are +0.00",
        "tone: abusive 0.78",
        "  idiot +1.46, You +0.17, are +0.17",
        'spans: "STUPID idiot, idiot"',
    ]
    assert _explain(model_dir, "thank you for the article", "-k", "2")[3:] == [
        "tone: civil 0.84",
        "  article +0.47, thank +0.35",
        "spans: (none)",
    ]


def test_explain_a_label_the_user_names(model_dir) -> None:
    assert _explain(model_dir, TEXT, "-k", "3", "--label", "uncivil")[3:5] == [
        "tone: uncivil 0.16 (predicted abusive 0.78)",
        "  STUPID +0.70, a +0.04",
    ]
    assert _explain(model_dir, TEXT, "--label", "tone:civil")[3:5] == [
        "tone: civil 0.06 (predicted abusive 0.78)",
        "  (nothing pushed toward it)",
    ]
    lines = _explain(model_dir, TEXT, "-k", "1", "--label", "favor", "--label", "abusive")
    assert lines[1:5] == [
        "stance: favor 0.27 (predicted against 0.48)",
        "  STUPID +0.09",
        "tone: abusive 0.78",
        "  idiot +1.46",
    ]
    for bad, message in (
        ("nope", "--label 'nope' is not a label of any head"),
        ("stance:abusive", "--label 'stance:abusive': not a label of the stance head"),
        ("mood:civil", "--label 'mood:civil': no head 'mood'"),
    ):
        res = runner.invoke(app, ["explain", str(model_dir), TEXT, "--label", bad])
        assert res.exit_code == 2
        assert res.output.splitlines() == [
            f"stance: error: {message} (stance: favor, against, none; tone: civil, "
            "uncivil, abusive) (pass one of the labels)"
        ]


def test_score_spans_column(model_dir, tmp_path) -> None:
    texts = [
        "You stupid idiot, go away",
        "thank you for the report",
        "Tom &amp; the IDIOT clowns",
        "\u0130stanbul idiot",
    ]
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": list("abcd"), "text": texts}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    res = runner.invoke(
        app,
        ["score", str(model_dir), str(src), "-o", str(out), "--spans", "--span-threshold", "0.5"],
    )
    assert res.exit_code == 0, res.output
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(got.columns)[-3:] == ["action", "reasons", "tone_spans"]
    # "stupid", "away" and "clowns" push 0.5 and more, but under SPAN_RELATIVE of the
    # push of their comment's strongest word
    assert got["tone_spans"].tolist() == ["[[11,16]]", "[]", "[[14,19]]", "[[9,14]]"]
    spans = [json.loads(c) for c in got["tone_spans"]]
    assert [[t[a:b] for a, b in s] for t, s in zip(texts, spans, strict=True)] == [
        ["idiot"],
        [],
        ["IDIOT"],
        ["idiot"],
    ]  # offsets of the text
    assert got["reasons"].tolist() == [
        "tone abusive 0.82 >= 0.80: idiot +0.89, away +0.40, go +0.26",
        "no rule matched; tone civil: report +0.37, thank +0.37, for +0.17",
        "tone abusive 0.51 >= 0.40: IDIOT +1.48",
        "tone abusive 0.82 >= 0.80: idiot +1.96",
    ]
    # without --spans: no column
    res = runner.invoke(app, ["score", str(model_dir), str(src), "-o", str(out)])
    assert "tone_spans" not in pd.read_csv(out).columns
    from stance.score.explanation import tone_spans

    assert tone_spans(small_model(), texts, threshold=0.5) == [[tuple(x) for x in s] for s in spans]


def test_spans_from_words_merges_neighbours() -> None:
    from stance.score.words import spans_from_words

    # "you stupid , idiot x moron" words: you stupid idiot x moron (x: a stray letter
    # that the default token pattern skips is marked by `split`)
    start = np.array([0, 4, 13, 21])
    end = np.array([3, 10, 18, 26])
    push = np.array([0.1, 0.9, 0.8, 0.7])
    split = np.array([False, False, False, True])
    assert spans_from_words(start, end, push, split, 0.5) == [(4, 18), (21, 26)]
    assert spans_from_words(start, end, push, split, 0.85) == [(4, 10)]
    assert spans_from_words(start, end, push, split, 2.0) == []
    assert spans_from_words(start, end, push, np.zeros(4, bool), 0.5) == [(4, 26)]
    # only words at least `relative` x the strongest push (0.9) join a span
    assert spans_from_words(start, end, push, split, 0.5, relative=0.85) == [(4, 18)]
    assert spans_from_words(start, end, push, split, 0.5, relative=0.95) == [(4, 10)]
    # a comment whose words all pull toward civil: no relative cut, the threshold decides
    assert spans_from_words(start, end, -push, split, -0.85, relative=0.65) == [
        (0, 3),
        (13, 18),
        (21, 26),
    ]


def test_word_weights_add_up_to_the_logit(model_dir, sk_model) -> None:
    """Words + what lies in no word = sum of all n-gram contributions = logit minus
    intercept, for the predicted label and for every other label."""
    from stance.score.explanation import word_weights

    texts = [
        TEXT,
        "!!! ...",
        "Tom &amp; Jerry &#128533; &lt;b&gt;",
        "a",
        "idiot idiot idiot",
        "\u0130stanbul \u03a3\u0391\u03a3 don't @you #idiots",
    ]
    for head in ("tone", "stance"):
        pipe = sk_model.pipeline_for(head)
        clf = pipe[-1]
        for text in texts:
            decision = clf.decision_function(pipe[:-1].transform([text]))[0]
            for label in [None, *clf.classes_]:
                ww = word_weights(sk_model, text, head=head, label=label)
                c = list(clf.classes_).index(ww.label)
                words = sum(w.weight for w in ww.words)
                assert words + ww.outside == pytest.approx(ww.total, rel=1e-9, abs=1e-12)
                assert ww.total + ww.intercept == pytest.approx(decision[c], abs=2e-6)
                assert ww.intercept == pytest.approx(clf.intercept_[c])
                for w in ww.words:  # each word: its text, where it is in the text
                    assert text[w.start : w.end] == w.text and 0 <= w.start < w.end <= len(text)
    ww = word_weights(sk_model, "!!! ...", head="tone")
    assert ww.words == [] and ww.outside == pytest.approx(ww.total)  # punctuation only
    ww = word_weights(sk_model, "idiot idiot", head="tone", label="abusive")
    assert ww.words[0].weight == pytest.approx(ww.words[1].weight)  # shared equally


def test_binary_model_words_and_spans(tmp_path) -> None:
    from stance.features import build_pipeline
    from stance.model import StanceModel
    from stance.score.explanation import tone_spans, tone_words, word_weights
    from stance.score.words import spans_from_words

    x, y = _rows({"civil": CIVIL, "abusive": ABUSIVE})
    pipe = build_pipeline().fit(x, y)
    model = StanceModel(
        {"tone": {"*": pipe}}, {"labels": {"tone": ["civil", "abusive"]}, "heads": {"tone": ["*"]}}
    )
    text = "what an idiot, you moron"
    decision = pipe.decision_function([text])[0]  # log(P(civil) / P(abusive))
    for label, sign in (("abusive", -1.0), ("civil", 1.0)):  # classes_: abusive, civil
        ww = word_weights(model, text, label=label)
        assert ww.total + ww.intercept == pytest.approx(sign * decision, abs=2e-6)
        assert sum(w.weight for w in ww.words) + ww.outside == pytest.approx(ww.total)
    ((start, end, push, split),) = tone_words(model, [text])
    assert push.sum() == pytest.approx(
        -word_weights(model, text, label="civil").total
        + word_weights(model, text, label="civil").outside
    )
    assert tone_spans(model, [text], threshold=0.3) == [
        spans_from_words(start, end, push, split, 0.3)
    ]
    found = [text[a:b] for a, b in tone_spans(model, [text], threshold=0.3)[0]]
    assert found[-1] == "moron" and found[0].endswith("idiot")


def test_reasons_and_spans_same_with_reference_words(scorer, monkeypatch) -> None:
    from stance.fast.compiled import CompiledPipeline

    texts = [
        TEXT,
        "Tom &amp; Jerry &#128533; &lt;b&gt; idiots",
        "!!!",
        "thank you",
        "\u0130stanbul \u03a3\u0391\u03a3 don't @you #idiots",
        "a b c d e f g",
    ] * 3
    fast = scorer.score(texts)
    kernel_score = CompiledPipeline.score

    def reference_score(self, docs, *, words=False):  # the words from plain Python
        out = kernel_score(self, docs, words=words)
        if not words or out[2] is None:
            return out
        return out[0], out[1], self.reference_word_hits(out[2].batch, out[1])

    monkeypatch.setattr(CompiledPipeline, "score", reference_score)
    slow = scorer.score(texts)
    pd.testing.assert_frame_equal(
        fast.drop(columns=[c for c in fast if "_p_" in c]),
        slow.drop(columns=[c for c in slow if "_p_" in c]),
    )


PIECES = [
    "idiot",
    "IDIOT",
    "you",
    "stupid",
    "thank",
    "the",
    " ",
    "  ",
    ", ",
    "!",
    "&amp;",
    "&lt;b&gt;",
    "&#128533;",
    "&ampx",
    "\u0130",
    "caf&eacute;",
    "a",
    "\n",
    "moron",
    "#idiots",
    "@you",
    "don't",
    "\u03a3",
]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.one_of(
            st.lists(st.sampled_from(PIECES), max_size=12).map("".join), st.text(max_size=25)
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([-1.0, 0.0, 0.2, 0.5, 1.0]),
)
def test_spans_sorted_disjoint_inside_the_text(scorer, texts, threshold) -> None:
    from stance.score.explanation import tone_spans
    from stance.score.scorer import Scorer

    texts = [t for t in texts if t.strip()] or ["idiot"]
    s = Scorer(scorer.model, scorer.policy, spans=True, span_threshold=threshold)
    cells = s.score(texts)["tone_spans"].tolist()
    got = [json.loads(c) for c in cells]
    assert got == [[list(x) for x in sp] for sp in tone_spans(scorer, texts, threshold=threshold)]
    for text, spans in zip(texts, got, strict=True):
        flat = [o for sp in spans for o in sp]
        assert flat == sorted(flat)  # sorted, and no two spans overlap
        assert all(a < b for a, b in spans)
        assert all(0 <= o <= len(text) for o in flat)
        for (_, b), (a, _) in itertools.pairwise(spans):
            assert b < a  # merged when adjacent: something lies between two spans


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.integers(0, 6), st.sampled_from([-1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 2.0])),
            max_size=60,
        ),
        min_size=1,
        max_size=5,
    ),
    st.integers(min_value=1, max_value=5),
)
def test_top_words_kernel_matches_python(rows, k) -> None:
    """The kernel's grouping of a row's words by form (short rows: by scanning, long:
    by sorting) and its top k equal plain Python's."""
    from types import SimpleNamespace

    from stance.score.words import top_word_arrays

    ptr = np.r_[0, np.cumsum([len(r) for r in rows])].astype(np.int64)
    form = np.array([f for r in rows for f, _ in r], dtype=np.uint64)
    contrib = np.array([c for r in rows for _, c in r], dtype=np.float64)
    wh = SimpleNamespace(words=SimpleNamespace(ptr=ptr, form=form))
    picked = np.arange(len(rows))[::-1].copy()
    got = top_word_arrays(wh, contrib, picked, k)
    want: tuple[list, list, list] = ([], [], [])  # (i, a form's first word, its sum)
    for i, r in enumerate(picked):
        first: dict[int, int] = {}
        sums: dict[int, float] = {}
        for q in range(ptr[r], ptr[r + 1]):
            first.setdefault(int(form[q]), q)
            sums[int(form[q])] = sums.get(int(form[q]), 0.0) + contrib[q]
        for neg, q in sorted((-v, first[f]) for f, v in sums.items() if v > 0)[:k]:
            for col, x in zip(want, (i, q, -neg), strict=True):
                col.append(x)
    for g, w in zip(got, want, strict=True):
        np.testing.assert_allclose(g, w)
