"""split: the text dumps' boilerplate line model: page-place features and the article's
block (issue 11, boilerplate kept out of editorial)."""

from __future__ import annotations

from dataclasses import replace

from stance.split.boilerplate import (
    FEATURES,
    from_blob,
    layout_features,
    load_line_model,
    main_block,
)

SENTENCE = (
    "The ferry across the river stopped running after the floods of last week, and the "
    "villagers now wait for the road to reopen."
)


def test_main_block_is_the_run_of_running_text_with_most_prose() -> None:
    short = ["Home", "News"] * 30
    lines = [SENTENCE, *short, SENTENCE, "Subheading", SENTENCE, SENTENCE, *short]
    prose = [x == SENTENCE for x in lines]
    # the lone sentence at the top is no block of its own; 40 lines of lead-in are kept
    assert main_block(lines, prose) == (61 - 40, 65)
    assert main_block(["a", "b"], [False, False]) == (0, 2)


def test_page_place_features_see_menus_copies_and_where_the_prose_lies() -> None:
    lines = ["Home", "News", "Sport", SENTENCE, SENTENCE.upper(), "Home", "Contact"]
    x = [dict(zip(FEATURES, row, strict=True)) for row in layout_features(lines)]
    assert len(FEATURES) == 26
    assert x[0]["short_run"] > x[3]["short_run"] == 0.0  # "Home" opens a run of 3 menu lines
    assert x[0]["copies"] > 0 and x[1]["copies"] == 0  # "Home" stands twice on the page
    assert (x[0]["position"], x[-1]["position"]) == (0.0, 1.0)
    assert (x[0]["prose_before"], x[0]["prose_after"]) == (0.0, 1.0)
    assert (x[-1]["prose_before"], x[-1]["prose_after"]) == (1.0, 0.0)


def test_a_line_outside_the_articles_block_needs_a_lower_score() -> None:
    menu = [f"Section {k}" for k in range(20)]
    article = [f"{SENTENCE} Paragraph {k} of the story." for k in range(8)]
    far = [f"{SENTENCE} Another story teaser {k}." for k in range(3)]
    lines = [*article, *menu, *menu, *far]
    model = load_line_model()
    p = model.proba(lines)
    strict = replace(model, threshold=1.0, prose_threshold=1.0, outside_threshold=1.0)
    lenient = replace(strict, outside_threshold=0.0)
    lo, hi = main_block(lines, [True] * 8 + [False] * 40 + [True] * 3)
    assert (lo, hi) == (0, 8)
    assert not any(strict.boilerplate(lines))
    flagged = lenient.boilerplate(lines)
    assert flagged == [False] * 8 + [True] * 43  # outside the block, every line
    assert min(p) < 1.0  # (the scores themselves are unchanged)


def _word_model(**thresholds: float):
    """A line model that only knows one word: "junk" (P about 1), anything else P about 0."""
    n = len(FEATURES)
    blob = {
        "features": list(FEATURES),
        "mean": [0.0] * n,
        "scale": [1.0] * n,
        "coef": [0.0] * n,
        "words": {"junk": 10.0},
        "intercept": -5.0,
        "threshold": 0.9,
        "prose_threshold": 0.9,
    }
    return from_blob(blob | thresholds)


def test_outside_the_block_one_high_line_among_low_ones_stays_a_run_goes() -> None:
    article = [f"{SENTENCE} Paragraph {k} of the story." for k in range(6)]
    after = ["Item one", "Item two", "Item junk", "Item three", "Item four"]
    footer = ["Junk one", "Junk two", "Junk three", "Junk four", "Junk five"]
    lines = [*article, *after, *footer]
    model = _word_model(threshold=1.0, outside_threshold=0.5)
    assert model.boilerplate(lines) == [False] * 11 + [True] * 5


def test_a_japanese_article_is_a_block_though_its_words_cannot_be_counted() -> None:
    sentence = "これは日本語の記事の文章で、かなり長い一文になっています。句点で終わります。"
    lines = ["メニュー", "ホーム", "ニュース", *[sentence] * 5, *[f"フッター{k}" for k in range(4)]]
    model = replace(load_line_model(), threshold=1.0, prose_threshold=1.0, outside_threshold=0.0)
    assert model.boilerplate(lines) == [False] * 8 + [True] * 4
