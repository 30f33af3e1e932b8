"""Comment sections of text dumps by repeated header shape (`split/shapes.py`)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from stance.split.shapes import head_shape, header_shape, prose_line, repeated_heads
from stance.split.text import split_text

PAGES = Path(__file__).parent / "pages" / "shapes"


def _comments(name: str) -> list[tuple]:
    doc = split_text((PAGES / f"{name}.txt").read_text("utf-8"), name)
    assert doc.rebuild() == (PAGES / f"{name}.txt").read_text("utf-8")
    return [(c.author, c.posted_at, c.text) for c in doc.comments]


def _gold(name: str) -> list[tuple]:
    gold = json.loads((PAGES / f"{name}.json").read_text("utf-8"))
    return [(c["author"], c["posted_at"], c["text"]) for c in gold["comments"]]


def test_header_shape_is_the_layout_without_words_and_numbers() -> None:
    assert header_shape("Vannak, Battambang — 2 days ago") == "w , w — 9 w"
    assert header_shape("Chenda, Phnom Penh — 5 hours ago") == "w , w — 9 w"
    assert header_shape("#3 · 13 Mar 2024") == "# 9 · 9 w 9"
    assert header_shape("Fertiliser imports rise again — 12 March 2024") == "w — 9 w 9"


def test_a_forum_post_without_a_name_in_its_header_takes_the_name_above_it() -> None:
    # "#1 · 12 Mar 2024" under "kratie_ken" / "Member · 212 posts": the name is two lines up
    # in every post (before: every author was "#1", "#2", ...)
    assert _comments("ts-forum-numbered-boatclub") == _gold("ts-forum-numbered-boatclub")
    assert [a for a, _, _ in _comments("ts-forum-numbered-boatclub")] == [
        "kratie_ken",
        "dolphin_watch",
        "sreymom",
        "kratie_ken",
    ]


def test_a_dated_related_list_after_the_responses_is_not_a_comment() -> None:
    # before: a fifth "comment" by "Fertiliser imports rise again", dates "— 2 days ago",
    # and the "14 agree · 2 disagree" counters in the comments' text
    assert _comments("ts-reader-responses-farmnews") == [
        (
            "Vannak, Battambang",
            "2 days ago",
            "The mill owners all know each other. They set one price on Monday and nobody "
            "dares to sell elsewhere.",
        ),
        (
            "Chenda, Phnom Penh",
            "2 days ago",
            "My uncle stopped growing rice and planted cassava. He says at least the buyers "
            "come to the farm.",
        ),
        (
            "Rith, Siem Reap",
            "1 day ago",
            "The government should buy at a floor price as it did in 2019. That year we could "
            "pay our loans.",
        ),
        (
            "Sokunthea, Kampot",
            "5 hours ago",
            "Cassava prices fell too. There is no safe crop when the traders decide everything.",
        ),
    ]


def test_a_news_page_with_dated_story_lists_has_no_comments() -> None:
    # before: "Sok Dara, 12 March 2024" over a headline made 4 comments
    assert _comments("ts-news-dated-lists-ppweekly") == []
    doc = split_text((PAGES / "ts-news-dated-lists-ppweekly.txt").read_text("utf-8"))
    assert doc.title == "Commune councils get new budget rules"


# ---- property-style: lists and footers are never comments -------------------------------

ARTICLE = (
    "Provincial officials said on Tuesday that the new market will open before the rainy "
    "season.\nTraders who lost their stalls in the fire last year will get the first places, "
    "the governor said.\n"
)
NAMES = ["Sok Dara", "Chan Vibol", "Keo Malis", "Lim Sophea", "Heng Rithy"]
HEADLINES = [
    "Senate approves new land law amendments",
    "Election committee opens voter list review",
    "Ministry denies delay in ID card programme",
    "Rice exports rise in February",
    "Kampot pepper farmers form cooperative",
]
DATES = ["12 March 2024", "11 March 2024", "9 March 2024", "2 days ago", "04.03.2024"]
SEPARATORS = [", ", " — ", " | ", " · "]


def _page(middle: list[str]) -> str:
    return (
        "News Daily\nHome | Politics | Business\nMarket to reopen\n"
        + ARTICLE
        + "\n".join(middle)
        + "\n© 2024 News Daily. All rights reserved.\n"
    )


@pytest.mark.parametrize("sep,n", list(itertools.product(SEPARATORS, (3, 4, 5))))
def test_a_dated_nav_list_gives_no_comments(sep: str, n: int) -> None:
    months = ["March 2024", "February 2024", "January 2024", "December 2023", "November 2023"]
    middle = ["Archive"] + [f"{m}{sep}({k + 3})" for k, m in enumerate(months[:n])]
    middle += ["Latest"] + [f"{NAMES[k]}{sep}{DATES[k]}" for k in range(n)]
    assert split_text(_page(middle)).comments == []


@pytest.mark.parametrize("sep,n,name_first", list(itertools.product(SEPARATORS, (3, 5), (1, 0))))
def test_a_related_articles_list_gives_no_comments(sep: str, n: int, name_first: int) -> None:
    middle = ["Related articles"]
    for k in range(n):
        byline = f"{NAMES[k]}{sep}{DATES[k]}" if name_first else f"{HEADLINES[k]}{sep}{DATES[k]}"
        middle += [byline, HEADLINES[k]] if name_first else [byline]
    assert split_text(_page(middle)).comments == []


@pytest.mark.parametrize("sep", SEPARATORS)
def test_a_footer_gives_no_comments(sep: str) -> None:
    footer = [
        f"About us{sep}Contact{sep}Advertise",
        f"Terms of use{sep}Privacy policy",
        f"Updated{sep}12 March 2024",
        f"Newsroom{sep}+855 23 555 010",
        f"Editor{sep}Sok Dara",
    ]
    assert split_text(_page(footer)).comments == []


def test_a_run_needs_running_text_between_its_headers() -> None:
    lines = [f"{NAMES[k]}, {DATES[k]}" for k in range(4)]
    types = ["byline"] * 4
    assert repeated_heads(lines, types) is None
    body = "I was there and the road is still closed to trucks after the rain."
    lines = [x for k in range(4) for x in (f"{NAMES[k]}, {DATES[k % 3]}", body)]
    assert repeated_heads(lines, ["byline", None] * 4) == [0, 2, 4, 6]
    # "2 days ago" is another form than "9 March 2024": three of one form make the run, and
    # the head of the same shape with the other form joins it (`head_shape`)
    lines = [x for k in range(4) for x in (f"{NAMES[k]}, {DATES[k]}", body)]
    assert repeated_heads(lines, ["byline", None] * 4) == [0, 2, 4, 6]
    assert head_shape(lines[0]) == head_shape(lines[6]) != header_shape(lines[6])
    # a name alone before its date keeps the date's form (a devlog's "QUOTA is out DATE")
    assert head_shape("Jo Lim 2 days ago") == header_shape("Jo Lim 2 days ago")


def test_untyped_headers_of_one_shape_open_comments_and_lose_their_template() -> None:
    # "Entry 14 — Sophal from Battambang — 12/03/2024": no rule knew the line (before: no
    # comments); "Entry N —" is in every header, so the name is "Sophal", from Battambang
    doc = split_text((PAGES / "ts-guestbook-entries-kampot.txt").read_text("utf-8"))
    assert [(c.author, c.posted_at, c.location) for c in doc.comments] == [
        ("Sophal", "12/03/2024", "Battambang"),
        ("Marie", "02/03/2024", "Lyon"),
        ("Dara", "20/02/2024", "Phnom Penh"),
        ("Tom", "11/02/2024", "Leeds"),
    ]
    assert [(a, p, t) for a, p, t in _comments("ts-guestbook-entries-kampot")] == _gold(
        "ts-guestbook-entries-kampot"
    )


def test_a_verb_every_header_shares_is_not_part_of_the_name() -> None:
    # "Chenda (Kampong Cham) replied at 09:14:" (before: author "Chenda (Kampong Cham)
    # replied", date "at 09:14:")
    doc = split_text((PAGES / "ts-discussion-replied-openbudget.txt").read_text("utf-8"))
    assert [(c.author, c.posted_at, c.location) for c in doc.comments] == [
        ("Chenda", "09:14", "Kampong Cham"),
        ("Veasna", "10:02", "Takeo"),
        ("Rithy", "11:45", "Phnom Penh"),
        ("Chenda", "12:10", "Kampong Cham"),
    ]
    assert _comments("ts-discussion-replied-openbudget") == _gold(
        "ts-discussion-replied-openbudget"
    )


def test_japanese_lines_are_prose_by_their_stops_or_length() -> None:
    assert prose_line("フンセン何年やってんだよ。")  # a full stop
    assert prose_line("32年\uff1f")
    assert prose_line("日本も選挙支援で投票箱とか出してたよな")  # 19 characters, no stop
    assert not prose_line("ニュース速報\uff0b板")  # a board's name
    assert not prose_line("Latest news")


def test_a_2channel_thread_is_read_as_comments() -> None:
    # the role reading's comments were all taken for a story list: no Japanese line was prose
    path = Path(__file__).parent / "pages" / "r7-nichan-kambojiaboard.txt"
    assert len(split_text(path.read_text("utf-8")).comments) >= 6
