"""Round 64's shapes: Invision, FluxBB, SMF and Hacker News in text browsers (the poster's
name printed twice, the post's date twice, quotes a dump wrapped, image names for
buttons), Disqus's reply heads with a guest's badge, old Reddit's "Title (self.x)", Coral's
and Discourse's placeholders, WordPress's "Post author" badge, and what ends a thread."""

from __future__ import annotations

import pytest

from page_gold import PAGES, gold_of, split_page
from stance.split.lines import NAV, clean_line, name_time
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    "name",
    [
        # Invision in lynx: "jo / jo / Posted DATE / jo / * jo / * Members / * 214 posts /
        # ... / * #2 / Posted DATE", a quote a paragraph long, wrapped
        "r63-invision4-english-orusseyexpatcommunity.txt",
        "r64-invision4-english-pochentongexpats.txt",
        # FluxBB in lynx: "#11 DATE / Bopha / Guest", "You are not subscribed ...", "» Title"
        "r64-fluxbb-english-kohpichboard.txt",
        # SMF in w3m: "[ip] Logged", a rank's stars, personal text, "Jump to:"
        "r64-smf2-english-neakloeungcrossing.txt",
        # Disqus in lynx: "Jo Guest → Kim • 4 years ago", "Be the first to comment."
        "r64-disqus-english-merrimackvalleydispatch.txt",
        # Blogger in lynx: "DATE [icon_delete13.gif]"
        "r64-bloggerclassic-english-bambooballot.txt",
        # WordPress: "Jo Post authorDATE"
        "r64-wordpress-english-kampongthomobserver.txt",
    ],
)
def test_round_64_comments_all_read_and_no_other(benchmark, name: str) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    n = got["recall"][1]
    assert got["recall"] == (n, n) and got["precision"] == (n, n)
    assert got["author"] == (n, n) and got["posted_at"] == (n, n)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        (
            "r64-hackernews-english-hackershed.txt",
            "Cambodia delays its National Internet Gateway, but the sub-decree stands",
        ),
        (
            "r64-oldreddit-english-cambodia.txt",
            "NEC disqualifies Candlelight Party from July election over missing registration"
            " document",
        ),
        (
            "r62-hackernews-english-sarusnews.txt",
            "Cambodia's Hun Sen to step down, hand premiership to his son",
        ),
    ],
)
def test_a_link_s_title_before_its_site_is_the_page_s(name: str, title: str) -> None:
    assert split_page(PAGES / name).title == title


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("[ip] Logged", "button"),
        ("Be the first to comment.", "notice"),
        ("This comment is no longer available. The commenter has deleted their account.", "notice"),
        ("Similar Content", "related"),
        ("Reply to this topic...", "related"),
        ("Create an account or sign in to comment", "related"),
        ("You are not subscribed to this topic. Subscribe", "related"),
        ("Quick post", "related"),
        ("Jump to: [=> Cambodian Politics] [go]", "related"),
        ("July 30, 2018 at 10:31 PM [icon_delete13.gif]", "time"),
        ("Ron Pelletier Guest \u2192 Bopha Chhim \u2022 4 years ago", "byline"),
    ],
)
def test_round_64_furniture_lines(line: str, kind: str) -> None:
    assert line_type(clean_line(line)) == kind


def test_reply_to_this_thread_is_a_box_under_each_thread_not_the_end() -> None:
    # (Muut prints it under every thread of its page: the comments go on)
    assert line_type("Reply to this thread\u2026") != "related"


@pytest.mark.parametrize(
    ("line", "head"),
    [
        (
            "Ron Pelletier Guest \u2192 Bopha Chhim \u2022 4 years ago",
            ("Ron Pelletier \u2192 Bopha Chhim", "4 years ago"),
        ),
        (
            "Kevin T. \u2192 Ron Pelletier \u2022 4 years ago",
            ("Kevin T. \u2192 Ron Pelletier", "4 years ago"),
        ),
        (
            "Chenda Ouk Post authorMarch 3, 2023 at 9:02 pm",
            ("Chenda Ouk", "March 3, 2023 at 9:02 pm"),
        ),
    ],
)
def test_round_64_heads(line: str, head: tuple[str, str]) -> None:
    assert name_time(line) == head


def test_a_guest_s_badge_is_no_part_of_the_name() -> None:
    got = name_time("Ron Pelletier Guest \u2022 4 years ago \u2022 edited")
    assert got is not None and got[0] == "Ron Pelletier"


@pytest.mark.parametrize(
    "line", ["Share:", "Facebook Twitter Reddit WhatsApp Email Link", "Facebook Twitter Email"]
)
def test_a_row_of_sharing_links_is_navigation(line: str) -> None:
    assert NAV.match(line)


def test_a_quote_a_text_dump_wrapped_is_quoted_whole() -> None:
    # "On DATE, jo said:" over a paragraph of two lines, then the reply's own words
    doc = split_page(PAGES / "r63-invision4-english-orusseyexpatcommunity.txt")
    nate = next(c for c in doc.comments if c.author == "Norodom_Nate")
    assert nate.quoted is not None
    assert " ".join(nate.quoted.split()).endswith(
        "take power. Any other country would have charged him too."
    )
    assert nate.text.startswith("Have you actually watched the video?")
