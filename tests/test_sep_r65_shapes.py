"""Round 65's shapes: Tildes' heads and buttons, Slashdot and HyperKitty and Lemmy and SMF
2.1 in text browsers (a head's wrapped id, a quote as deep as a blockquote, "[19]...",
nested list bullets, a rank's stars), Disqus in German, Ghost's expertise and "replied
to:", Google Groups in lynx, XenForo's quotes that are no heads."""

from __future__ import annotations

import pytest

from page_gold import PAGES, gold_of, split_page
from stance.split.lines import clean_line, name_time
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    "name",
    [
        # Tildes: "jo 3 years ago Link Parent" (a minus before), "Vote (31) Label Bookmark"
        "r65-tildes-english-sandbar.txt",
        # Slashdot in w3m: "by jo ( 667120 ) on DATE (#" / "57001877)", quotes indented
        "r65-slashdot-english-quarkdot.txt",
        # Disqus in German: the first comment's head far over its "Antworten"
        "r65-disqus-german-oderlandabendpost.txt",
        # Google Groups in lynx: "- Judge adjourned until 5 February." in a message
        "r65-googlegroups-english-khdemocracyreaders.txt",
        # XenForo in a browser's text: "Jo said:" under a post's "#8" quotes, heads nothing
        "r65-xenforo2-english-ricefieldrovers.txt",
    ],
)
def test_round_65_comments_all_read_and_no_other(benchmark, name: str) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    n = got["recall"][1]
    assert got["recall"] == (n, n) and got["precision"] == (n, n)
    assert got["author"] == (n, n) and got["posted_at"] == (n, n)


@pytest.mark.parametrize(
    ("name", "at_least"),
    [
        ("r65-ghost-english-sangkernotes.txt", 12),  # 4 before
        ("r65-smf21-english-sampantalk.txt", 11),  # 6 before
        ("r65-lemmy-english-sampotsocial.txt", 11),  # 8 before
        ("r65-hyperkitty-english-vealvenglists.txt", 11),  # 9 before
    ],
)
def test_round_65_shapes_read_most_comments(benchmark, name: str, at_least: int) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    assert got["recall"][0] >= at_least


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Vote (31) Label Bookmark Reply", "reply"),
        ("Edit Delete Bookmark Reply", "reply"),
        ("\u2212 kovacs_b 3 years ago Link Parent", "byline"),
        ("\u2212 mangrove_k 3 years ago (edited 3 years ago) Link", "byline"),
        ("Sign up for more like this.", "related"),
        ("[14]replied to:Short answer: no. The 2020 withdrawal covered about a", "reply_context"),
        ("Farhan from Toronto", "from"),
    ],
)
def test_round_65_lines(line: str, kind: str) -> None:
    assert line_type(clean_line(line)) == kind


def test_a_headline_with_from_is_no_name_and_place() -> None:
    assert line_type("Candlelight Party disqualified from July election") != "from"


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("rithy_kh OP mod \u2022 4 points \u2022 2 years ago", ("rithy_kh", "2 years ago")),
        (
            "dara@lemmy.world \u2022 17 points \u2022 2 years ago",
            ("dara@lemmy.world", "2 years ago"),
        ),
        ("Ostwind68 \u2022 vor 4 Jahren \u2022 bearbeitet", ("Ostwind68", "vor 4 Jahren")),
    ],
)
def test_round_65_heads(line: str, head: tuple[str, str]) -> None:
    got = name_time(line)
    assert got is not None and got[0] == head[0] and got[1].startswith(head[1])


def test_a_sentence_s_words_before_a_date_are_no_name() -> None:
    assert name_time("Judge adjourned until 5 February.") is None


def test_lynx_nested_list_bullets_are_no_part_of_a_head() -> None:
    assert name_time(clean_line("o [33]sreyneang \u2022 6 points \u2022 2 years ago")) == (
        "sreyneang",
        "2 years ago",
    )
