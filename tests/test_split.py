"""split: the seeds against gold, losslessness, comment-section shapes, files and HTML."""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.errors import InputError
from stance.labels import SPLIT_COLUMNS
from stance.split.document import comments_frame
from stance.split.files import document_id, split_paths
from stance.split.html import split_html
from stance.split.lines import is_timestamp
from stance.split.text import split_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "tests" / "gold"


def _gold_view(doc) -> dict:
    return {
        "id": doc.id,
        "title": doc.title,
        "comments": [asdict(c) for c in doc.comments],
        "editorial": doc.editorial,
        "boilerplate": doc.boilerplate,
    }


# ---- the seeds ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_matches_gold(path: Path) -> None:
    docs, warnings = split_paths([str(path)])
    assert warnings == []
    gold = json.loads((GOLD / f"{path.name.removesuffix('.txt')}.json").read_text("utf-8"))
    assert _gold_view(docs[0]) == gold


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_rebuilds_exactly(path: Path) -> None:
    text = path.read_text("utf-8")
    doc = split_text(text, "x")
    assert doc.rebuild() == text
    pos = 0
    for s in doc.segments:  # segments tile the text in order
        assert s.start == pos and text[s.start : s.end] == s.text
        pos = s.end
    assert pos == len(text)


def test_seed_comment_counts_and_headers() -> None:
    docs, _ = split_paths([str(ROOT / "seeds")])
    assert [len(d.comments) for d in docs] == [0, 0, 0, 3, 2]
    rfa = docs[3].comments
    assert [c.author for c in rfa] == ["Anonymous Reader", "Anonymous Reader", None]
    assert rfa[2].location == "U.S.A"
    assert [c.posted_at for c in rfa] == [
        "Dec 30, 2019 03:19 PM",
        "Dec 27, 2019 09:08 PM",
        "Dec 27, 2019 08:06 PM",
    ]
    blog = docs[4].comments
    assert blog[0].text.startswith("Losers and cowards")
    assert blog[1].text.startswith("Unfortunately, from reading")  # split inside the line
    assert blog[1].text.endswith("you would have no fear.")
    assert "ReplyDelete" in docs[4].boilerplate
    assert [c.id for c in blog] == ["004_e79dee12f5f53227-1", "004_e79dee12f5f53227-2"]


# ---- losslessness on anything -------------------------------------------------------------

MARKERS = [
    "Reply",
    "ReplyDelete",
    "Delete",
    "Comments (3)",
    "3 comments:",
    "\n",
    "\n\n",
    "Anonymous said...",
    "Jo Smith says:",
    "Dec 27, 2019 09:08 PM",
    "from U.S.A",
    "Posted by admin at 3:00 PM",
    "Leave a comment",
    "12 Comments Sort by Newest",
    "Anonymous Reader",
    "You are all cowards, you need to do your jobs.",
    "The ministry said on Tuesday that it would appeal.",
    " ",
    "\r\n",
    "\t",
    "Kommentar von Jo",
    "26. Juni 2014 um 11:57",
    "Sagt:",
    "|",
    "View Full Site",
]


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_split_text_is_lossless_on_any_text(text: str) -> None:
    doc = split_text(text)
    assert doc.rebuild() == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(MARKERS) | st.text(max_size=12), max_size=40))
def test_split_text_is_lossless_on_marker_soup(parts: list[str]) -> None:
    text = "".join(parts)
    doc = split_text(text)
    assert doc.rebuild() == text
    assert all(
        s.kind in ("title", "editorial", "boilerplate", "comment", "comment_meta")
        for s in doc.segments
    )
    ordinals = [c.ordinal for c in doc.comments]
    assert ordinals == list(range(1, len(ordinals) + 1))
    for c in doc.comments:  # a comment's text is a span of the input
        assert c.text and c.text in text


# ---- comment-section shapes (synthetic pages, not the seeds) ------------------------------

ARTICLE = (
    "The city council voted on Tuesday to extend the tram line to the harbour.\n\n"
    "Officials said construction would start next spring and last two years.\n\n"
)


def test_blogger_said_shape() -> None:
    text = (
        ARTICLE + "2 comments:\n\nAnonymous said...\n\nAbout time, this should have "
        "happened years ago.\n\n12 May 2019 at 10:04\n\nDelete\n\nMaria Lopez said...\n\n"
        "Who is going to pay for it? Not me I hope.\n\n13 May 2019 at 08:15\n\n"
        "Delete\n\nPost a Comment\n\nNewer Post Older Post Home\n"
    )
    doc = split_text(text, "b")
    assert [(c.author, c.posted_at) for c in doc.comments] == [
        ("Anonymous", "12 May 2019 at 10:04"),
        ("Maria Lopez", "13 May 2019 at 08:15"),
    ]
    assert doc.comments[1].text == "Who is going to pay for it? Not me I hope."
    assert len(doc.editorial) == 2


def test_wordpress_says_shape_with_leading_dates() -> None:
    text = (
        ARTICLE + "3 Responses to “Tram line”\n\n1. Art Edwards says:\nJuly 11, 2011 at "
        "12:25 pm\n\nGreat news for the harbour district, finally.\n\nReply\n"
        "2. dwoz says:\nJuly 11, 2011 at 3:14 pm\n\nI doubt it will be finished on time."
        "\n\nSecond paragraph of the same comment.\n\nReply\n\nLeave a Reply\n"
    )
    doc = split_text(text)
    assert [c.author for c in doc.comments] == ["Art Edwards", "dwoz"]
    assert doc.comments[1].posted_at == "July 11, 2011 at 3:14 pm"
    assert doc.comments[1].text.endswith("Second paragraph of the same comment.")
    assert "Leave a Reply" in doc.boilerplate


def test_name_and_date_lines_without_header() -> None:
    text = (
        ARTICLE + "Karl Dorn / 22.04.2020\nThe trams are always late, why extend them?\n"
        "Eva Stein / 22.04.2020\nBecause the buses are even later, Karl.\n"
        "Jo Bauer / 23.04.2020\nGood decision.\n"
    )
    doc = split_text(text)
    assert [(c.author, c.text) for c in doc.comments] == [
        ("Karl Dorn", "The trams are always late, why extend them?"),
        ("Eva Stein", "Because the buses are even later, Karl."),
        ("Jo Bauer", "Good decision."),
    ]


def test_comment_count_link_at_top_does_not_swallow_the_article() -> None:
    text = (
        "Tram line to the harbour\n\n12 Comments\n\nMay 2, 2019\n\n"
        + ARTICLE * 3
        + "Share this article\n"
    )
    doc = split_text(text)
    assert doc.comments == []
    assert len(doc.editorial) == 6


def test_no_comment_section_means_no_comments() -> None:
    doc = split_text(ARTICLE + "He replied that the comments were unfair.\n")
    assert doc.comments == [] and len(doc.editorial) == 3


def test_headerless_comment_needs_reader_voice_to_grow_backwards() -> None:
    text = (
        ARTICLE + "You people never learn, do you? Stop wasting our money!\n"
        "ReplyDelete\nI agree with you completely.\n"
    )
    doc = split_text(text)
    assert [c.text for c in doc.comments] == [
        "You people never learn, do you? Stop wasting our money!",
        "I agree with you completely.",
    ]
    assert len(doc.editorial) == 2  # the article's own paragraphs stay editorial


@pytest.mark.parametrize(
    "line",
    [
        "Dec 30, 2019 03:19 PM",
        "July 11, 2011 at 12:25 pm",
        "2019-12-30 15:19",
        "30.12.2019, 16:18",
        "3 hours ago",
        "26. Juni 2014 um 11:57",
        "Tuesday, July 22, 2012",
        "2019-12-30T15:19:00Z",
        "yesterday at 10:13",
        "12/30/2019 3:19 PM",
        "18/02/2020 à 16:42",
    ],
)
def test_timestamps(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize(
    "line", ["2019", "Hun Sen said on Tuesday.", "Reply", "7 things", "Latitude: 53.36671"]
)
def test_not_timestamps(line: str) -> None:
    assert not is_timestamp(line)


# ---- files, folders, stdin, decoding ------------------------------------------------------


def test_document_ids() -> None:
    assert document_id("a/003_x.txt") == "003_x"
    assert document_id("page.html.gz") == "page"
    assert document_id("v1.2.notes") == "v1.2"
    assert document_id("README") == "README"


def test_gzip_cp1252_empty_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    (tmp_path / "b.txt").write_bytes("Caf\xe9 opens.\n".encode("cp1252"))
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    docs, warnings = split_paths([str(tmp_path), "-"], stdin=io.BytesIO(b"Hello there.\n"))
    assert [d.id for d in docs] == ["a", "b", "c", "stdin"]
    assert docs[0].rebuild() == ARTICLE
    assert docs[1].rebuild() == "Café opens.\n"
    assert warnings == [f"{tmp_path / 'b.txt'}: not valid UTF-8 (byte 3); read as cp1252"]
    assert docs[2].segments == [] and docs[2].comments == []


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "no such file or folder"),
        (lambda p: p, "folder has no readable pages"),
        (
            lambda p: (p / "x.txt").write_bytes(b"PK\x03\x04\x00\x00") and p / "x.txt",
            "looks like a binary file",
        ),
    ],
)
def test_bad_inputs_are_input_errors(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(InputError, match=message):
        split_paths([str(make(tmp_path))])


def test_comments_frame_is_in_labelling_shape() -> None:
    docs, _ = split_paths([str(p) for p in SEEDS])
    df = comments_frame(docs)
    assert list(df.columns) == list(SPLIT_COLUMNS)
    assert len(df) == 5 and df["id"].is_unique
    assert set(df["target"]) == set(df["stance"]) == set(df["tone"]) == {""}


# ---- HTML --------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Tram line to the harbour</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Tram line to the harbour</h1>
<p>The city council voted on Tuesday to extend the tram line to the harbour, a project
that has been discussed for more than a decade and will cost about 40 million euros.</p>
<p>Officials said construction would start next spring and last two years, with the
first trams running on the new track in the summer after next.</p>
<p>Residents of the harbour district have asked for better connections since the old
ferry service closed, and local shops expect more customers once the line opens.</p>
</article>
<div id="comments" class="comments-area"><h2>2 comments</h2><ol class="comment-list">
<li class="comment"><div class="comment-author"><cite class="fn">Maria Lopez</cite>
<span class="says">says:</span></div><div class="comment-meta"><time>May 2, 2019 at 10:04
am</time></div><div class="comment-content"><p>About time, this should have happened
years ago.</p></div><a class="reply">Reply</a></li>
<li class="comment"><div class="comment-author"><cite class="fn">Jo</cite>
<span class="says">says:</span></div><div class="comment-meta"><time>May 3, 2019 at 8:15
am</time></div><div class="comment-content"><p>Who is going to pay for it? Not me.</p>
</div><a class="reply">Reply</a></li></ol></div>
<footer>Copyright 2019 The Harbour News</footer></body></html>"""


def test_html_split_article_and_single_comments() -> None:
    doc = split_html(PAGE, "tram")
    assert doc.title == "Tram line to the harbour"
    assert len(doc.editorial) == 3 and doc.editorial[0].startswith("The city council")
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        (
            "Maria Lopez",
            "May 2, 2019 at 10:04 am",
            "About time, this should have happened years ago.",
        ),
        ("Jo", "May 3, 2019 at 8:15 am", "Who is going to pay for it? Not me."),
    ]
    assert doc.rebuild() == doc.text
    assert "Copyright" not in doc.text


def test_html_by_extension_and_gzip(tmp_path: Path) -> None:
    (tmp_path / "tram.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    docs, _ = split_paths([str(tmp_path / "tram.html.gz")])
    assert docs[0].id == "tram" and len(docs[0].comments) == 2


def test_empty_html_is_an_empty_document() -> None:
    doc = split_html("   ", "e")
    assert doc.segments == [] and doc.comments == [] and doc.title is None


def test_a_quoted_statement_is_not_a_comment_section() -> None:
    text = (
        ARTICLE + "In a statement, the ministry said:\n\n“We will appeal the ruling.”\n\n"
        "The case returns to court in May.\n"
    )
    doc = split_text(text)
    assert doc.comments == [] and len(doc.editorial) == 5


HTML_BITS = [
    "<p>",
    "</p>",
    "<div class='comments'>",
    "<div id=comment-1>",
    "</div>",
    "Reply",
    "Jo says:",
    "May 2, 2019 at 10:04 am",
    "<li class=comment>",
    "</li>",
    "<h1>Tram line</h1>",
    "The council voted on Tuesday to extend the tram line.",
    "<?xml version='1.0' encoding='utf-8'?>",
    "<br>",
    "&amp;",
    "<script>x</script>",
    "<html><body>",
    "</body></html>",
    "\n",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(HTML_BITS) | st.text(max_size=8), max_size=30))
def test_split_html_never_raises_and_tiles_its_text(parts: list[str]) -> None:
    doc = split_html("".join(parts))
    text = doc.text
    pos = 0
    for s in doc.segments:
        assert s.start == pos and text[s.start : s.end] == s.text
        pos = s.end
    assert pos == len(text)


def test_html_comments_split_by_markup_without_any_meta() -> None:
    page = (
        PAGE.split('<div id="comments"')[0]
        + """
<section id="comments"><h3>Leave a comment</h3>
<ol><li class="comment" id="comment-1"><p>I like it, this is good news.</p>
<ol class="children"><li class="comment" id="comment-2"><p>Me too, finally.</p></li></ol>
</li><li class="comment" id="comment-3"><p>Far too expensive for what it is.</p></li></ol>
<form><p>Your email address will not be published.</p></form></section></body></html>"""
    )
    doc = split_html(page, "t")
    assert [c.text for c in doc.comments] == [
        "I like it, this is good news.",
        "Me too, finally.",
        "Far too expensive for what it is.",
    ]
    assert "Leave a comment" in doc.boilerplate


SHAPES = {
    "disqus": (
        "12 Comments\nSort by Newest\nJohnDoe\n• 2 hours ago\nThis is ridiculous, who "
        "approved this?\nReply • Share \u203a\nMary K\n• 3 hours ago\nGreat news for "
        "commuters.\n1\nReply • Share \u203a\nALSO ON HARBOUR NEWS\n",
        [
            ("JohnDoe", "2 hours ago", "This is ridiculous, who approved this?"),
            ("Mary K", "3 hours ago", "Great news for commuters."),
        ],
    ),
    "blogger": (
        "5 comments:\n\nJane Blogger said...\n\nGreat post, thanks.\n\nSeptember 30, "
        "2017 at 10:13 AM\nDelete\nReplies\n\nAnonymous said...\nWho pays for it?\n"
        "October 1, 2017 at 8:00 AM\nDelete\nAdd comment\nLoad more...\n\nPost a "
        "Comment\n\nNewer Post Older Post Home\nSubscribe to: Post Comments (Atom)\n",
        [
            ("Jane Blogger", "September 30, 2017 at 10:13 AM", "Great post, thanks."),
            ("Anonymous", "October 1, 2017 at 8:00 AM", "Who pays for it?"),
        ],
    ),
    "posted_by": (
        "Comments\nPosted by: Sam | May 3, 2019 10:04 AM\nI disagree with the "
        "council, this is a waste.\nPosted by: Lee | May 3, 2019 11:00 AM\n"
        "Finally some good news.\n",
        [
            ("Sam", "May 3, 2019 10:04 AM", "I disagree with the council, this is a waste."),
            ("Lee", "May 3, 2019 11:00 AM", "Finally some good news."),
        ],
    ),
    "sign_in_notice": (
        "Comments (2)\nSign in or create your account to join the discussion."
        "\nCommentator1\n3 May 2019 10:04\nThis is a waste of money.\nReply\n"
        "Pick\nCommentator2\n3 May 2019 10:30\nAgree.\nReply\n",
        [
            ("Commentator1", "3 May 2019 10:04", "This is a waste of money."),
            ("Commentator2", "3 May 2019 10:30", "Agree."),
        ],
    ),
    "wordpress_form": (
        "2 thoughts on “Tram”\nBob\nMay 3, 2019 at 10:04 am\nNice one.\nReply\n"
        "Alice Smith\nMay 4, 2019 at 9:00 pm\nNot convinced, the last project "
        "ran years late.\nReply\nLeave a Reply Cancel reply\nYour email address "
        "will not be published. Required fields are marked *\nComment\nName *\n"
        "Email *\nWebsite\nPost Comment\n",
        [
            ("Bob", "May 3, 2019 at 10:04 am", "Nice one."),
            (
                "Alice Smith",
                "May 4, 2019 at 9:00 pm",
                "Not convinced, the last project ran years late.",
            ),
        ],
    ),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_common_comment_section_shapes(shape: str) -> None:
    section, expected = SHAPES[shape]
    doc = split_text(ARTICLE + section)
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == expected
    assert doc.editorial == [p for p in ARTICLE.split("\n") if p]


def test_deeply_nested_html_does_not_crash() -> None:
    page = (
        "<html><body>"
        + "<div class='comments'>" * 3000
        + "<p>A comment, deep down.</p>"
        + "</div>" * 3000
        + "</body></html>"
    )
    doc = split_html(page)
    assert doc.rebuild() == doc.text
