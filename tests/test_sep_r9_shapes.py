"""split: the shapes read once the round-9 pages were dev pages (issue 11): chat logs
(a time and a name before the message, on one line), Thai forum dates and buttons,
a forum poster's post count."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stance.split.lines import chat_head, is_timestamp
from stance.split.text import split_text
from stance.split.threadlines import line_type


def test_chat_heads() -> None:
    assert chat_head("0:41:07 kampotkid: the NEC website is down") == ("kampotkid", "0:41:07", 18)
    assert chat_head("29/07/2018, 06:58 - Sophea Kim: Polls opened") == (
        "Sophea Kim",
        "29/07/2018, 06:58",
        31,
    )
    assert chat_head("[09:14] <sokha> hi all") == ("sokha", "09:14", 15)
    assert chat_head("27/07/2018, 22:10 - Vannak Chea created group") is None
    assert chat_head("In 2018 the vote: was rigged") is None


def test_a_whatsapp_export_is_read_one_comment_per_message() -> None:
    text = (
        "29/07/2018, 06:58 - Sophea Kim: Polls opened in PP an hour ago\n"
        "29/07/2018, 07:03 - Rithy Nhem: Long queue because the commune chiefs wrote names\n"
        "29/07/2018, 07:21 - Dara Ouk: I am not voting.\n"
        "Mum says there is nothing to vote for\n"
        "29/07/2018, 07:22 - Lina Sam: My dad will vote\n"
    )
    doc = split_text(text)
    assert doc.rebuild() == text
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        ("Sophea Kim", "29/07/2018, 06:58", "Polls opened in PP an hour ago"),
        ("Rithy Nhem", "29/07/2018, 07:03", "Long queue because the commune chiefs wrote names"),
        (
            "Dara Ouk",
            "29/07/2018, 07:21",
            "I am not voting.\nMum says there is nothing to vote for",
        ),
        ("Lina Sam", "29/07/2018, 07:22", "My dad will vote"),
    ]


def test_two_timed_quotes_in_an_article_are_no_chat_log() -> None:
    text = (
        "Vote count live\n\nThe count began at nine in every province.\n\n"
        "10:30 Minister: we will publish the results tonight.\n\n"
        "11:05 Observer: the queues were long in Kampot this morning.\n\n"
        "The commission said turnout was above eighty percent.\n"
    )
    doc = split_text(text)
    assert doc.comments == []
    assert "10:30 Minister: we will publish the results tonight." in doc.editorial


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_a_chat_head_ends_inside_the_line_and_names_a_time(line: str) -> None:
    head = chat_head(line)
    if head is not None:
        name, when, end = head
        assert 0 < end <= len(line) and name and is_timestamp(when)


def test_thai_dates_buttons_and_comment_numbers() -> None:
    assert is_timestamp(
        "15 \u0e01\u0e31\u0e19\u0e22\u0e32\u0e22\u0e19 2565 \u0e40\u0e27\u0e25\u0e32 21:14 \u0e19."
    )
    assert line_type("\u0e16\u0e39\u0e01\u0e43\u0e08") == "button"  # "like"
    comment = "\u0e04\u0e27\u0e32\u0e21\u0e04\u0e34\u0e14\u0e40\u0e2b\u0e47\u0e19"  # "comment"
    assert line_type(comment + "\u0e17\u0e35\u0e48 3-1") == "postnum"  # "comment no. 3-1"


def test_a_posters_post_count_is_furniture() -> None:
    assert line_type("906 Postings") == "button" and line_type("4.812 Postings") == "button"
    assert line_type("906 people voted") is None
