"""split: the thread-page fixes of issue 11's second round, each on a small made-up page
(the annotated pages of tests/pages are checked in test_split_threads.py)."""

from __future__ import annotations

import lxml.html

from stance.split.html import _node_text, split_html
from stance.split.text import split_text


def _fields(doc) -> list[tuple]:
    return [(c.author, c.posted_at, c.text, c.quoted, c.parent) for c in doc.comments]


VB = """Board Home
Travel
Night buses to Kampot
Thread Tools
03-02-2021, 07:10 AM #1
vanna_k
Senior Member
Join Date: Mar 2015
Posts: 310
Night buses to Kampot
Which company runs a night bus to Kampot that leaves after ten? The last one I found goes at six.
Reply With Quote
03-02-2021, 08:45 AM #2
tomr
Member
Join Date: Jan 2020
Posts: 12
None that I know of. Take a taxi from the Olympic market, they wait until midnight.
Reply With Quote
Posting Permissions
You may not post new threads
All times are GMT +7. The time now is 11:02 PM.
"""


def test_a_forum_post_opens_with_its_date_name_and_profile_box() -> None:
    doc = split_text(VB)
    assert doc.title == "Night buses to Kampot"
    assert _fields(doc) == [
        (
            "vanna_k",
            "03-02-2021, 07:10 AM",
            "Which company runs a night bus to Kampot that leaves after ten? The last one I "
            "found goes at six.",
            None,
            None,
        ),
        (
            "tomr",
            "03-02-2021, 08:45 AM",
            "None that I know of. Take a taxi from the Olympic market, they wait until midnight.",
            None,
            None,
        ),
    ]
    assert doc.rebuild() == VB


def test_forum_footers_are_no_comment() -> None:
    doc = split_text(VB)
    kinds = {s.text.strip(): s.kind for s in doc.segments}
    assert kinds["Posting Permissions"] == "boilerplate"
    assert kinds["You may not post new threads"] == "boilerplate"
    assert kinds["All times are GMT +7. The time now is 11:02 PM."] == "boilerplate"


def test_a_headerless_comment_keeps_the_name_and_date_above_it() -> None:
    text = (
        "Comments on: Rice prices\n"
        "Dara\nMay 2, 2019 at 8:15 am\nThe mill in Battambang pays less than last year.\nReply\n"
        "Sok\nMay 2, 2019 at 9:01 am\nSame in Takeo, the traders set the price.\nReply\n"
    )
    doc = split_text(text)
    assert doc.title == "Rice prices"  # (the page's label "Comments on:" is no part of it)
    assert _fields(doc) == [
        (
            "Dara",
            "May 2, 2019 at 8:15 am",
            "The mill in Battambang pays less than last year.",
            None,
            None,
        ),
        ("Sok", "May 2, 2019 at 9:01 am", "Same in Takeo, the traders set the price.", None, None),
    ]


# "[\u2013]": old Reddit's collapse toggle is an en dash.
OLD_REDDIT = """Ferry to Koh Rong cancelled again (example.com)
submitted 2 days ago by islander
all 2 comments
sorted by: best
[\u2013] kep_crab 12 points 2 days ago
The wind has been bad all week, the port office says Friday at the earliest.
permalink embed save report reply
[\u2013] sihanoukville_sam 3 points 1 day ago
Friday is optimistic. They said the same last month and it took ten days.
permalink embed save parent report reply
about blog help
"""


def test_old_reddit_text_source_tag_header_parent_button_and_footer() -> None:
    doc = split_text(OLD_REDDIT)
    assert doc.title == "Ferry to Koh Rong cancelled again"
    assert _fields(doc) == [
        (
            "kep_crab",
            "2 days ago",
            "The wind has been bad all week, the port office says Friday at the earliest.",
            None,
            None,
        ),
        (
            "sihanoukville_sam",
            "1 day ago",
            "Friday is optimistic. They said the same last month and it took ten days.",
            None,
            1,
        ),
    ]
    assert doc.rebuild() == OLD_REDDIT


def test_touching_inline_elements_are_read_apart_and_profile_pairs_joined() -> None:
    tree = lxml.html.fromstring(
        "<div><p><a>[-]</a><a>jo</a><span>57 points</span> <time>1 year ago</time></p>"
        "<p>T<span>he</span> end</p>"
        "<dl><dt>Join Date</dt><dd>Feb 2014</dd><dt>Posts:</dt><dd>1,204</dd></dl></div>"
    )
    assert _node_text(tree).split("\n\n") == [
        "[-] jo 57 points 1 year ago",
        "The end",
        "Join Date: Feb 2014",
        "Posts: 1,204",
    ]


def _reddit_comment(name: str, points: int, text: str, children: str = "") -> str:
    return (
        f'<div class="thing comment"><div class="entry"><p class="tagline">'
        f'<a class="author">{name}</a><span class="score">{points} points</span> '
        f"<time>2 days ago</time></p><div class='md'><p>{text}</p></div>"
        f'<ul class="buttons"><li>permalink</li><li>reply</li></ul></div>'
        f'<div class="child">{children}</div></div>'
    )


def test_markup_nesting_is_the_parent_and_thread_editorial_drops_the_comments() -> None:
    one = "The wind has been bad all week, the port office says Friday."
    two = "Friday is optimistic, they said the same last month."
    three = "The speedboats still run from the old pier if you ask around."
    html = (
        "<html><head><title>Ferry to Koh Rong cancelled : travel</title></head><body>"
        "<p class='title'>Ferry to Koh Rong cancelled</p>"
        "<div class='commentarea'><div class='sitetable'>"
        + _reddit_comment("kep_crab", 12, one, _reddit_comment("sam", 3, two))
        + _reddit_comment("otres", 5, three)
        + "</div></div></body></html>"
    )
    doc = split_html(html)
    assert [(c.author, c.posted_at, c.text, c.parent) for c in doc.comments] == [
        ("kep_crab", "2 days ago", one, None),
        ("sam", "2 days ago", two, 1),
        ("otres", "2 days ago", three, None),
    ]
    assert not any(one in p or two in p or three in p for p in doc.editorial)
