"""split: dev pages written in round 3 of issue 11 (`tests/pages/f3-*`) for thread shapes
the earlier pages lacked: a XenForo thread ("Jo said: ... Click to expand..."), Hacker
News ("jo 3 days ago | parent | next [-]"), a new-Reddit copy ("jo / OP / • / 2y ago",
"Award"), a Google Groups conversation (top-posted replies, "Reply all", "unread,"), an
SMF forum ("« Reply #1 on: DATE »", "Quote from: jo on DATE", "Logged", star ranks), a
Lemmy thread whose dump indents the replies.
Every comment, its author, date, quoted parent and parent come out as annotated (the
titles belong to the title rules and are not checked here).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from page_gold import PAGES, as_gold, gold_of
from stance.split.text import split_text

F3 = sorted(PAGES.glob("f3-*.txt"))


def test_the_round_3_dev_pages_are_there() -> None:
    assert [p.stem for p in F3] == [
        "f3-googlegroups-khmerstudies",
        "f3-hn-mekongdams",
        "f3-lemmy-indented-ferry",
        "f3-newreddit-expressway",
        "f3-smf-battambang",
        "f3-xenforo-tonlesap",
    ]


@pytest.mark.parametrize("path", F3, ids=lambda p: p.stem)
def test_f3_page_matches_its_annotation(path: Path) -> None:
    gold = gold_of(path)
    assert gold["half"] == "dev" and gold["round"] == 3
    text = path.read_text("utf-8")
    doc = split_text(text, path.stem)
    assert as_gold(doc.comments) == gold["comments"]
    assert doc.rebuild() == text


def test_a_labelled_date_and_an_edit_date_are_no_comments_dates() -> None:
    text = (
        "Comments\nsovann\nMar 12\nWhich segmenter do people use?\nReply\ncreated\nMar 12\n"
        "last reply\nMar 15\nkim\nMar 13\nEdited Mar 14\nThe one in the tokenizer libraries.\n"
        "Reply\n"
    )
    doc = split_text(text)
    assert [(c.author, c.posted_at) for c in doc.comments] == [
        ("sovann", "Mar 12"),
        ("kim", "Mar 13"),
    ]


def test_short_relative_dates_and_badges() -> None:
    from stance.split.lines import is_timestamp
    from stance.split.threadlines import line_type

    assert is_timestamp("2y ago") and is_timestamp("5d ago")
    # a feed's compact age alone on its line (OpenWeb, LinkedIn), with an edit note
    assert is_timestamp("2y") and is_timestamp("1y \u2022 Edited") and is_timestamp("3h (edited)")
    assert not is_timestamp("2 y") and not is_timestamp("100d") and not is_timestamp("2yr old")
    assert line_type("OP") == "badge" and line_type("Award") == "button"
    assert line_type("Reply to author") == "reply" and line_type("Replying to Jo") == "reply_to"
    assert line_type("Edited 2y ago") == "button" and line_type("#12") == "postnum"
