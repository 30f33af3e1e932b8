"""Round 49's shapes, line by line: what the rules written for its pages read."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stance.split.lines import date_label, name_time
from stance.split.text import split_text
from stance.split.threadlines import line_type, profile_fields


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # phpBB 2: the post icon's "Post" glued to its date, the subject after it
        ("PostPosted: Thu Nov 16, 2017 9:40 pm    Post subject: Re: CNRP dissolved", "time"),
        ("Post Posted: Thu Nov 16, 2017 9:40 pm", "time"),
        ("View user's profile Send private message Visit poster's website", "button"),
        ("View user's profile Send private message Yahoo Messenger", "button"),
        ("Post new topic   Reply to topic    Khmer Forum Forum Index -> Politics", "button"),
        ("Site Admin", "button"),
        # Outlook's line over the message a reply quotes whole
        ("-----Original Message-----", "button"),
        ("----- Ursprüngliche Nachricht -----", "button"),
        # HyperKitty's thread box
        ("participants", "button"),
        ("Add a tag:", "button"),
        # new Reddit: a fold's count; the link and the lists that end its comments
        ("2 more replies", "reply"),
        ("View Entire Discussion (83 Comments)", "related"),
        ("More posts from the CambodiaTalk community", "related"),
        # MyBB: the profile's thread count, the buttons under a post, a guest's rank, the
        # list of other threads after the last post
        ("Threads: 402", "button"),
        ("Website PM Find", "button"),
        ("Unregistered", "button"),
        ("Possibly Related Threads\u2026", "related"),
        # Slashdot: a comment's subject and moderation, the links under its poster's name,
        # the list that ends its comments
        ("The gateway never went away (Score:4, Informative)", "button"),
        ("Homepage", "button"),
        ("Related Links", "related"),
        # no button: a sentence that names the words
        ("The original message was lost when the server moved.", None),
    ],
)
def test_round_49_lines(line: str, kind: str | None) -> None:
    assert line_type(line) == kind


@pytest.mark.parametrize(
    ("line", "want"),
    [
        (
            "by sokkhim (88213) on Friday July 21, 2023 @11:20AM (#63704276)",
            ("sokkhim", "Friday July 21, 2023 @11:20AM"),
        ),
        (
            "by Anonymous Coward on Friday July 21, 2023 @10:51AM (#63704112)",
            ("Anonymous Coward", "Friday July 21, 2023 @10:51AM"),
        ),
        ("by Jo \u00bb Fri Sep 23, 2022 8:14 am", ("Jo", "Fri Sep 23, 2022 8:14 am")),
    ],
)
def test_slashdot_byline_names_and_dates(line: str, want: tuple[str, str]) -> None:
    assert name_time(line) == want


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("Posted August 22 (edited)", "August 22"),  # Invision Community 4
        ("Posted Yesterday at 8:55 AM", "Yesterday at 8:55 AM"),
        ("Posted 12/3/2024 9:14:22 PM", "12/3/2024 9:14:22 PM"),
        ("Posted by Jo", None),
    ],
)
def test_invision_posted_dates(line: str, when: str | None) -> None:
    assert date_label(line) == when


def test_phpbb2_glued_post_icon_leaves_the_date() -> None:
    line = "PostPosted: Fri Nov 17, 2017 12:20 am    Post subject: Re: Rally Sunday"
    assert date_label(line) == "Fri Nov 17, 2017 12:20 am"


def test_a_threads_last_activity_dates_no_comment() -> None:
    lines = ["Last active:", "Sat, 7 Sep 2024", "12:09 a.m.", "Dara Ouk", "5 Sep 2024"]
    types = profile_fields(lines, [line_type(s) for s in lines])
    assert types[:3] == ["button", "button", "button"]
    assert types[4] == "time"


HYPERKITTY = """Boeung Tamok: 47 families given 7 days to leave

Dara Ouk
5 Sep
'24
11:02 a.m.
Yes, we mapped about 120 households on the west side in June with drone imagery.

0
0
Reply

John Whitcombe
5 Sep
'24
4:37 p.m.
Sophal, the sub-decree is on the Council of Ministers site but only in Khmer.

0
0
Reply

Chanthy N.
6 Sep
'24
6:48 a.m.
Every time there is an eviction this list wakes up, sends 20 emails, and then nothing.
"""


def test_hyperkitty_date_over_three_lines_is_one_date() -> None:
    doc = split_text(HYPERKITTY, "hk")
    assert doc.rebuild() == HYPERKITTY
    assert [(c.author, c.posted_at) for c in doc.comments] == [
        ("Dara Ouk", "5 Sep '24 11:02 a.m."),
        ("John Whitcombe", "5 Sep '24 4:37 p.m."),
        ("Chanthy N.", "6 Sep '24 6:48 a.m."),
    ]


@given(st.text(alphabet=st.sampled_from("5 Sep'24\n:1ap.m"), max_size=60))
def test_joining_a_dates_lines_loses_nothing(text: str) -> None:
    assert split_text(text, "x").rebuild() == text
