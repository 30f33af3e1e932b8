"""The scorer's speed-ups give the same figures and text as the code they replace."""

from __future__ import annotations

from stance.score.words import gram_text, gram_texts


def test_gram_texts_formats_as_gram_text() -> None:
    names = ["idiot", '" idi"', "a", "b", "c", "d", "e", "f"]
    weights = [1.52, 0.8, 1.52, 0.0, -0.0, float("nan"), -1.005, 12.345]
    assert gram_texts(names, weights) == [
        gram_text(n, w) for n, w in zip(names, weights, strict=True)
    ]
    assert gram_texts(["b", "a"], [-0.0, 0.0]) == ["b -0.00", "a +0.00"]
