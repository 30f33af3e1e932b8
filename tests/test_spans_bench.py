"""benchmarks/spans.py: the fast F1 of many word selections (WordTable) is the metric's
own F1 of the spans `spans_from_words` makes; the gate and rule grids."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.score.words import spans_from_words


@st.composite
def comments(draw):
    """Words (start, end, push, split) laid out left to right, and a gold set."""
    n = draw(st.integers(0, 8))
    start, end, pos = [], [], 0
    for _ in range(n):
        pos += draw(st.integers(0, 3))  # 0: a word right after the last (no gap)
        length = draw(st.integers(1, 5))
        start.append(pos)
        end.append(pos + length)
        pos += length
    push = draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0]), min_size=n, max_size=n))
    split = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    gold = draw(st.sets(st.integers(0, pos + 2), max_size=12))
    arrays = (np.array(start, int), np.array(end, int), np.array(push), np.array(split, bool))
    return arrays, gold


@settings(max_examples=300, deadline=None)
@given(comments())
def test_word_table_f1_is_the_metric_of_the_merged_spans(benchmark, comment) -> None:
    sp = benchmark("spans")
    tw, gold = comment
    tab = sp.WordTable(tw, gold)
    thresholds = np.array([0.0, 0.5, 1.0, 1.5, 2.5])
    got = tab.f1(tw[2][None, :] >= thresholds[:, None])
    want = [
        sp.f1(sp.chars(spans_from_words(*tw, float(t), relative=0.0)), gold) for t in thresholds
    ]
    assert np.allclose(got, want)
    # with the product's relative rule: also at least x times the strongest push
    top = tw[2].max() if len(tw[2]) else 0.0
    x = 0.65
    got = tab.f1((tw[2][None, :] >= thresholds[1:, None]) & (tw[2] >= x * top)[None, :])
    want = [sp.f1(sp.chars(spans_from_words(*tw, float(t), x)), gold) for t in thresholds[1:]]
    assert np.allclose(got, want)


def test_gates_rules_and_their_parameters(benchmark) -> None:
    sp = benchmark("spans")
    # "you idiot" with gold on "idiot"; "fine words" with no gold span
    a = sp.WordTable(
        (np.array([0, 4]), np.array([3, 9]), np.array([0.2, 1.4]), np.zeros(2, bool)),
        set(range(4, 9)),
    )
    b = sp.WordTable(
        (np.array([0, 5]), np.array([4, 10]), np.array([1.2, 0.1]), np.zeros(2, bool)), set()
    )
    proba = {
        "abusive": np.array([0.6, 0.1]),
        "uncivil": np.array([0.3, 0.5]),
        "civil": np.array([0.1, 0.4]),
    }
    grids = sp.rule_scores([a, b], proba)
    t1 = list(sp.THRESHOLDS).index(1.0)
    g = list(sp.GATES).index(0.5)
    # at threshold 1.0, "idiot" is a's span (F1 1) and "fine" b's (F1 0): 0.5 ungated
    assert grids["gate p(abusive)"][t1, 0] == 0.5
    # p(abusive) >= 0.5 keeps a's span and drops b's: both right
    assert grids["gate p(abusive)"][t1, g] == 1.0
    assert grids["gate abusive share"][t1, g] == 1.0
    assert grids["oracle gate"][t1, 0] == 1.0
    assert grids["within x of the strongest"][t1, 0] == 0.5
    assert grids["threshold only"][t1] == 0.5
    cell = np.unravel_index(
        int(np.argmax(grids["gate p(abusive)"])), grids["gate p(abusive)"].shape
    )
    # the first best cell: the lowest threshold over "you" (0.2), the lowest gate over b's 0.1
    assert sp.rule_params("gate p(abusive)", cell) == {"threshold": 0.25, "gate": 0.125}
    assert sp.rule_params("within x of the strongest", (t1, 2)) == {"threshold": 1.0, "x": 0.1}
