"""Round 66's shapes: MyBB in lynx (a quote's cite glued to its first line, a rank's
stars and group in the profile box, the wrapped edit note after a post's date, the links
under the last post), LISTSERV's message headers, WordPress's "says" glued to the name in
w3m, Disqus replies copied without their arrow."""

from __future__ import annotations

import pytest

from page_gold import PAGES, gold_of, split_page
from stance.split.lines import GLUED_WROTE, clean_line
from stance.split.text import split_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    "name",
    [
        # w3m: "[e6befc9467ee580e]Josagt:" (the avatar's file name, "sagt:" glued)
        "r66-wordpress-german-reisfeldundrechtsstaat.txt",
        # "Sokhom Chea Philippe Rouvière • il y a 4 ans": the reply's arrow lost in the copy
        "r66-disqus-french-quotidiensiemreap.txt",
    ],
)
def test_round_66_comments_all_read_and_no_other(benchmark, name: str) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    n = got["recall"][1]
    assert got["recall"] == (n, n) and got["precision"] == (n, n)
    assert got["author"] == (n, n) and got["posted_at"] == (n, n)


@pytest.mark.parametrize(
    ("name", "at_least"),
    [
        ("r66-mybb-english-tonlesaptable.txt", 10),  # 3 before
        ("r66-listserv-english-khpolityl.txt", 9),  # 8 before, no author right
    ],
)
def test_round_66_shapes_read_most_comments(benchmark, name: str, at_least: int) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    assert got["recall"][0] >= at_least
    assert got["author"][0] == got["recall"][0]


def test_the_listserv_thread_names_every_sender() -> None:
    doc = split_page(PAGES / "r66-listserv-english-khpolityl.txt")
    assert doc.comments[0].author == "Laura B Mitchell"
    assert doc.comments[0].posted_at == "Thu, 16 Nov 2017 10:14:05 -0500"


@pytest.mark.parametrize(
    ("line", "cite"),
    [
        (
            "(07-30-2018, 08:01 PM)kampot_ray Wrote:  82% turnout with the main",
            "(07-30-2018, 08:01 PM)kampot_ray Wrote:  ",
        ),
        ("Quote:If you don't like it go home.", "Quote:"),
        ("Quote: a sentence about quotes", None),
    ],
)
def test_mybb_cites_glued_to_their_quote(line: str, cite: str | None) -> None:
    m = GLUED_WROTE.match(line)
    assert (m.group() if m else None) == cite


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("[e6befc9467ee580e]Josagt:", "Jo sagt:"),
        ("[d91c5dbc26b441b7]Katrin Webersagt:", "Katrin Weber sagt:"),
        ("Martin Sch.sagt:", "Martin Sch. sagt:"),
        ("Jo Limsays:", "Jo Lim says:"),
        ("Versagt:", "Versagt:"),  # (German words that end so stay whole)
        ("Untersagt:", "Untersagt:"),
    ],
)
def test_says_glued_to_a_name(line: str, clean: str) -> None:
    assert clean_line(line) == clean


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Reply To:          Chenda Ros <[47][log in to unmask]>", "button"),
        ("Parts/Attachments: [48][text/plain] [49]text/plain (17 lines)", "button"),
        ("Super Moderators", "button"),
        ("\u00ab [113]Next Oldest | [114]Next Newest \u00bb", "related"),
        ("Enter Keywords___________ Search Thread", "related"),
    ],
)
def test_round_66_lines(line: str, kind: str) -> None:
    assert line_type(clean_line(line)) == kind


def test_a_wrapped_edit_note_stays_with_its_date() -> None:
    page = "\n".join(
        [
            "Thread title here",
            "",
            *(
                line
                for who, day in (("jo_k", "07-30-2018"), ("kim_l", "07-31-2018"))
                for line in (
                    f"{who} Offline",
                    "Member",
                    "Posts: 12",
                    "Joined: Mar 2017",
                    f"{day}, 08:15 AM (This post was last modified: {day}, 08:20 AM",
                    f"by {who}.)",
                    f"The words of {who} about the vote, long enough to be a comment.",
                    "Reply Quote Report",
                )
            ),
        ]
    )
    doc = split_text(page)
    assert [(c.author, c.posted_at) for c in doc.comments][-1] == ("kim_l", "07-31-2018, 08:15 AM")
